"""What a cable says about itself: its id, date, originating post, classification, subject, TAGS
and numbered paragraphs, read once per cable for every output of ``tag``.

It reads the forms cables come in: the published raw text (classification line, routing lines,
E.O., TAGS, SUBJECT), the release's preamble before it (id, subject, a sent date,
classification, origin, one per line) and the tagger's one-line page form. The patterns it shares
with the span rules come from them: the TAGS line (:data:`~cable_ner.rules.lexicon.TAGS_LINE`),
the words for a post (:data:`~cable_ner.rules.routing_header.POST_WORDS`).

The date is the most precise one the cable gives, said with its precision: the preamble's sent
date or the routing header's date-time group (``R 120930Z MAR 07``) give the day; otherwise the
id gives the year (``07NORTHPORT123`` -> 2007). The ``DECL:`` date is when a cable may be
declassified, not when it was sent, and is never read. A text without a header gets empty
fields, not an error.

    >>> meta = read_metadata("UNCLAS NORTH PORT 000123\\n\\nTAGS: PREL PGOV XX\\nSUBJECT: HARBOUR VISIT\\n", "07NORTHPORT123")
    >>> meta["date"], meta["date_precision"], meta["post"], meta["classification"], meta["subject"], meta["tags"]
    ('2007', 'year', 'NORTH PORT', 'UNCLASSIFIED', 'HARBOUR VISIT', ['PREL', 'PGOV', 'XX'])
"""
import bisect
import re
from typing import List, Optional, Tuple

from .rules.lexicon import TAGS_LINE
from .rules.routing_header import POST_WORDS
from .rules.words import tags_in_order

# The header is what comes before the first numbered paragraph; a cable's own header is never longer.
HEADER_CHARS = 6000
CABLE_ID = re.compile(r"^(?P<year>\d{2})(?P<post>[A-Z][A-Z-]*?)(?P<serial>\d{1,6})$")
MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), start=1)}
# The release's preamble: the cable id, its subject, the sent date, the classification, the origin.
PREAMBLE_DATE = re.compile(r"(?m)^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?P<month>[A-Z][a-z]{2}) (?P<day>\d{2}) "
                           r"\d{2}:\d{2}:\d{2} [+-]\d{4} (?P<year>\d{4})[ \t]*$")
PREAMBLE_ORIGIN = re.compile(r"^(?:Embassy|Consulate|Mission|US Office|USUN|Secretary of) ?(?P<post>.*)$")
# A sent date some published cables write above the header ("Cable dated:2006-02-15T07:44:00").
DATED_LINE = re.compile(r"(?m)^Cable dated: ?(?P<date>\d{4}-\d{2}-\d{2})")
# A date-time group: precedence, day + time + Z, month, year ("O 211733Z MAY 04").
DATE_TIME_GROUP = re.compile(r"(?<![A-Z])[ZOPR]{1,2} (?P<day>\d{2})\d{4}Z (?P<month>[A-Z]{3}) (?P<year>\d{2})\b")
# The classification line: level (letters spaced or not), caveats, section, the post, the serial.
LEVELS = {"UNCLAS": "UNCLASSIFIED", "UNCLASSIFIED": "UNCLASSIFIED", "CONFIDENTIAL": "CONFIDENTIAL",
          "SECRET": "SECRET", "TOPSECRET": "TOP SECRET"}
CLASSIFICATION_LINE = re.compile(
    r"(?P<level>UNCLAS(?:SIFIED)?|C ?O ?N ?F ?I ?D ?E ?N ?T ?I ?A ?L|(?:TOP )?S ?E ?C ?R ?E ?T)(?://[A-Z/ ]*?)?[ \t]+"
    r"(?:SECTION \d+ OF \d+[ \t]+)?(?P<post>[A-Z][A-Z.' -]*?[A-Z])[ \t]+(?P<serial>\d{3,7})(?!\d)")
FROM_LINE = re.compile(r"(?m)\bFM (?:(?:" + "|".join(POST_WORDS) + r"|USLO) )?(?P<post>[A-Z][A-Z ]*?[A-Z])"
                       r"(?= \d| IMMEDIATE| PRIORITY| ROUTINE| FLASH|[ \t\\]*$)")
SUBJECT = re.compile(r"\bSUBJECT\b:?[ \t]*(?P<subject>.*?)(?=\n[ \t]*\n|\n[ \t]*(?:REF|Ref|Classified|CLASSIFIED|\d{1,2}\.|¶|\()"
                     r"|\bClassified By\b|\bCLASSIFIED BY\b|REFS?:|\bREFTEL\b|¶|<a |$)", re.S)
# A numbered paragraph: "1. (C)" or "2. Text" at a line's start, or the page form's "¶1".
PARAGRAPH_MARK = re.compile(r"(?:^|\n)[ \t]*(?P<line>\d{1,3})[ \t]?\.(?=[ \t]*\(|[ \t]+[A-Z\"])|¶(?:</a>)?[ \t]*(?P<mark>\d{1,3})")
MAX_SUBJECT = 400


def _year(two_digits: str) -> int:
    """Cables of the release run from 1966 to 2010: ``66``-``99`` are the 1900s."""
    number = int(two_digits)
    return 1900 + number if number >= 66 else 2000 + number


def _letters(name: str) -> str:
    return re.sub(r"[^A-Z]", "", name.upper())


def _level(marking: str) -> str:
    return LEVELS.get(marking.replace(" ", ""), "")


def _preamble(text: str) -> Tuple[str, str, Optional[Tuple[str, str]], str, str]:
    """The preamble's id, subject, sent date (ISO, precision), classification and origin, if it has one."""
    lines = text[:2000].split("\n", 5)
    if len(lines) < 5 or not CABLE_ID.match(lines[0].strip()):
        return "", "", None, "", ""
    date = PREAMBLE_DATE.match(lines[2].strip())
    if date is None or date.group("month").upper() not in MONTH_NUMBERS:
        return "", "", None, "", ""
    iso = f"{date.group('year')}-{MONTH_NUMBERS[date.group('month').upper()]:02d}-{date.group('day')}"
    origin = PREAMBLE_ORIGIN.match(lines[4].strip())
    return (lines[0].strip(), lines[1].strip(), (iso, "day"), _level(lines[3].strip().split("//")[0]),
            origin.group("post").strip() if origin else "")


def read_metadata(text: str, name: str = "") -> dict:
    """A cable's metadata: ``id``, ``date`` (ISO, as precise as the cable says), ``date_precision``
    (``day``, ``year`` or empty), ``year``, ``post``, ``classification``, ``subject`` and ``tags``.

    name (str): the cable's file name without its suffix; it is the id when it has an id's shape.
    """
    header = text[:HEADER_CHARS]
    first_paragraph = PARAGRAPH_MARK.search(header)
    if first_paragraph is not None:
        header = header[: first_paragraph.start()]
    preamble_id, preamble_subject, preamble_date, preamble_level, preamble_origin = _preamble(header)
    cable_id = name if CABLE_ID.match(name) else preamble_id
    from_id = CABLE_ID.match(cable_id)
    date = preamble_date
    dated = DATED_LINE.search(header)
    if date is None and dated is not None:
        date = (dated.group("date"), "day")
    if date is None:
        group = DATE_TIME_GROUP.search(header)
        if group is not None and group.group("month") in MONTH_NUMBERS:
            date = (f"{_year(group.group('year'))}-{MONTH_NUMBERS[group.group('month')]:02d}-{group.group('day')}", "day")
        elif from_id is not None:
            date = (str(_year(from_id.group("year"))), "year")
    line = CLASSIFICATION_LINE.search(header)
    id_post = from_id.group("post") if from_id else ""
    # The classification line spells the post as the id does, with its spaces ("NEW DELHI" for NEWDELHI).
    post = line.group("post") if line and (not id_post or _letters(line.group("post")) == _letters(id_post)) else ""
    if not post:
        sender = FROM_LINE.search(header)
        post = sender.group("post") if sender and (not id_post or _letters(sender.group("post")) == _letters(id_post)) else id_post
    if not post and preamble_origin:
        post = preamble_origin.upper()
    subject = SUBJECT.search(header)
    subject_text = " ".join(subject.group("subject").split()) if subject else preamble_subject
    tags = tags_in_order(header) if TAGS_LINE.search(header) else []
    return {"id": cable_id, "date": date[0] if date else "", "date_precision": date[1] if date else "",
            "year": int(date[0][:4]) if date else None, "post": " ".join(post.split()),
            "classification": _level(line.group("level")) if line else preamble_level,
            "subject": subject_text[:MAX_SUBJECT], "tags": tags}


class Paragraphs:
    """Where a cable's numbered paragraphs start, to say in which one a character stands.

    Paragraph numbers only grow: a "3." after paragraph 5 is a list item, not a paragraph.

        >>> Paragraphs("SUBJECT: X\\n1. (C) One.\\n2. (C) Two.").number_at(24)
        2
    """

    def __init__(self, text: str) -> None:
        self.starts: List[int] = []
        self.numbers: List[int] = []
        for match in PARAGRAPH_MARK.finditer(text):
            number = int(match.group("line") or match.group("mark"))
            if number > (self.numbers[-1] if self.numbers else 0):
                self.starts.append(match.start())
                self.numbers.append(number)

    def number_at(self, offset: int) -> int:
        """The number of the paragraph that holds ``offset``; 0 before the first (the header)."""
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.numbers[index] if index >= 0 else 0
