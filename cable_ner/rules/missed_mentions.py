"""Rules for mentions the tagger missed: the cable's own names elsewhere, and the routing header."""
import re
from collections import Counter, defaultdict
from typing import Callable, Dict, List, Sequence, Set, Tuple

from ..markup import Span
from .context import CableContext
from .registry import span_rule
from .words import in_capitals_context, inside_longer_name, occurrences, overlaps, winning_label


@span_rule(
    repairs=("missed_mention",),
    examples=[
        ("[PER Halvorsen  ] spoke . Halvorsen’s vision", "[PER Halvorsen ] spoke . [PER Halvorsen ]’s vision"),
        ("SUBJECT: TREVANE AND [PER HALVORSEN  ] \n[PER Trevane  ] said", "SUBJECT: [PER TREVANE ] AND [PER HALVORSEN ] \n[PER Trevane ] said"),
        ("[PER Martin Fairlie  ] wrote .\nFAIRLIE", "[PER Martin Fairlie ] wrote .\n[PER FAIRLIE ]"),
        ("[PER Melikkan Safak-Soylu  ] left ; Melikkan\nSafak-Soylu’s remarks",
         "[PER Melikkan Safak-Soylu ] left ; [PER Melikkan\nSafak-Soylu ]’s remarks"),
        ("[MISC Danish  ] people and the Danish National Army", "[MISC Danish ] people and the Danish National Army"),
        ("in [LOC Lima  ] .\nREF: A. LIMA 1234 B. STATE 5678\n", "in [LOC Lima ] .\nREF: A. LIMA 1234 B. STATE 5678\n"),
        ("[PER Safak-Soylu  ] left ; Melikkan\nSafak-Soylu’s remarks", "[PER Safak-Soylu ] left ; Melikkan\nSafak-Soylu’s remarks"),
    ],
)
def propagate_cable_names(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Tag untagged mentions of names the cable tags elsewhere, with the same label.

    Surnames of tagged full names count too, and a name is also looked for in capitals (subject
    line, signature). A mention inside a longer capitalised name is left alone, and so is a city
    in a line that cites another cable ("REF: A. LIMA 1234").
    """
    text = cable.text
    common = cable.common_words
    may_be_untagged = _untagged_word_test(text, spans)  # most names have no untagged mention
    names: Dict[str, Dict[str, int]] = defaultdict(dict)
    mentions = Counter((text[span.start : span.end], span.label) for span in spans)  # names recur
    for (written, label), n_mentions in mentions.items():
        surface = " ".join(written.split())
        forms = [surface]
        if label == "PER" and " " in surface:
            forms.append(surface.split()[-1])
        for form in forms:
            if len(form) >= 3 and form[0].isupper() and form.lower() not in common:
                counts = names[form]
                counts[label] = counts.get(label, 0) + n_mentions
    labels: Dict[str, str] = {}
    for form, counts in sorted(names.items(), key=lambda item: -len(item[0])):
        first_word = form.split(None, 1)[0]
        if not may_be_untagged(first_word) and not may_be_untagged(first_word.upper()):
            continue  # no untagged mention, as written or in capitals
        label = winning_label(counts)
        if label is not None:
            labels.setdefault(form, label)
            labels.setdefault(form.upper(), label)
    if not labels:
        return spans
    occupied = bytearray(len(text))
    for span in spans:
        occupied[span.start : span.end] = b"\x01" * (span.end - span.start)
    found: List[Span] = []
    # Longer names first, so that they win over their parts.
    for variant in sorted(labels, key=len, reverse=True):
        if not may_be_untagged(variant.split(None, 1)[0]):
            continue
        for start, end in occurrences(text, variant, occupied):
            if occupied.find(1, start, end) != -1:
                continue
            if REFERENCE_LINE.search(text, max(0, start - 80), start):
                continue  # "REF: A. KABUL 1234" cites a cable; the city there is no mention
            if variant.isupper():
                if not in_capitals_context(text, start, end):
                    continue
            elif inside_longer_name(text, start, end):
                continue
            found.append(Span(start, end, labels[variant]))
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(spans + found)


WORD_CHARS = re.compile(r"[\w-]+")  # runs of the characters is_word_char accepts


def _untagged_word_test(text: str, spans: Sequence[Span]) -> Callable[[str], bool]:
    """A quick test of whether a word may stand, as a whole word, outside all of the spans.

    False means it does not; True means :func:`~cable_ner.rules.words.occurrences` may find it there. A word of letters
    and digits only is looked up among the runs of word characters outside the spans.
    """
    outside, resume = [], 0
    for span in spans:
        outside.append(text[resume : span.start])
        resume = max(resume, span.end)
    untagged = "\0".join(outside + [text[resume:]])
    untagged_words = set(WORD_CHARS.findall(untagged))
    return lambda word: word in untagged_words if word.isalnum() else word in untagged


REFERENCE_LINE = re.compile(r"\bREFS?\b:?(?:[^\n]*?(?:\b[A-Z]\.|\)|\d))?\s*[A-Z ]*$")


ROUTING_END = re.compile(r"\bE\.?O\.? ?12958|\bTAGS\b|\bSUBJECT\b|¶|<a id=")
OFFICE_SYMBOL = re.compile(r"(?<![\w/])(?!RU[A-Z]{2,4}/)[A-Z]{1,6}(?:/[A-Z]{1,6})+(?![\w/])")
ROUTING_TITLES = {"DAS", "A/S", "PDAS", "AMB", "DCM", "CHARGE", "POLOFF", "ECONOFF", "S/E", "U/S", "D/S", "ADMIN"}
ROUTING_ADDRESSEE = re.compile(
    r"(?m)\bR[A-Z]{3,6}/(?:CDR )?(?P<org>(?!AMEMBASSY|AMCONSUL)[A-Z][A-Z ]*?[A-Z])"
    r"(?= WASHDC| WASHINGTON| COLLECTIVE| MACDILL| IMMEDIATE| PRIORITY| ROUTINE| \d|[ \t]*$)"
)
ROUTING_PLACE = re.compile(r"(?m)\b(?:AMEMBASSY|AMCONSUL) (?P<place>[A-Z][A-Z ]*?[A-Z])(?= \d| IMMEDIATE| PRIORITY| ROUTINE|[ \t]*$)|\b(?P<capital>WASHDC)\b")
ROUTED_TITLE_NAME = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(ROUTING_TITLES))) + r") (?P<name>[A-Z][A-Z'-]{2,})\b")
ROUTED_NAME = re.compile(r"\b(?P<addressee>[A-Z][A-Z/]{1,15}) FOR (?P<names>[A-Z][A-Z'-]{3,}(?:/[A-Z][A-Z'-]{3,})*)(?![/\w])")


@span_rule(
    repairs=("missed_mention", "wrong_label"),
    examples=[
        ("DEPT FOR EUR/CE DAS VENTNOR TAGS PGOV", "DEPT FOR [ORG EUR/CE ] DAS [PER VENTNOR ] TAGS PGOV"),
        ("DEPT FOR EUR/CE DAS VENTNOR , AID/LAC NSC FOR HOLLIS/MARCHANT E.O. 12958 TAGS x",
         "DEPT FOR [ORG EUR/CE ] DAS [PER VENTNOR ] , [ORG AID/LAC ] [ORG NSC ] FOR [PER HOLLIS ]/[PER MARCHANT ] E.O. 12958 TAGS x"),
        ("[ORG NSC  ] FOR [ORG JTALBOT  ] TAGS", "[ORG NSC ] FOR [PER JTALBOT ] TAGS"),
        ("FM AMEMBASSY LIMA\nTO RUEHC/SECSTATE WASHDC PRIORITY 1234\nINFO RUEHXX/ANDEAN COMMUNITY COLLECTIVE\nE.O. 12958",
         "FM AMEMBASSY [LOC LIMA ]\nTO RUEHC/[ORG SECSTATE ] [LOC WASHDC ] PRIORITY 1234\nINFO RUEHXX/[ORG ANDEAN COMMUNITY ] COLLECTIVE\nE.O. 12958"),
        ("TO RUEHC/SECSTATE WASHDC TAGS PREL SUBJECT: NSC FOR SMITH", "TO RUEHC/[ORG SECSTATE ] [LOC WASHDC ] TAGS PREL SUBJECT: NSC FOR SMITH"),
    ],
)
def tag_routing_header(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Tag the routing header's office symbols (ORG) and the people it routes to (PER).

    The routing lines before E.O./TAGS/SUBJECT follow fixed conventions the tagger does not know.
    Routing codes (``RUEHC/``) and words already in a span are left alone.
    """
    text = cable.text
    end_match = ROUTING_END.search(text)
    end = end_match.start() if end_match else min(len(text), 600)
    taken = [span for span in spans if span.start < end]  # what a match before ``end`` can overlap
    found: List[Span] = []

    def add(start: int, stop: int, label: str) -> None:
        candidate = Span(start, stop, label)
        if not overlaps(candidate, taken):
            found.append(candidate)
            taken.append(candidate)

    people: Set[Tuple[int, int]] = set()
    for match in ROUTED_NAME.finditer(text, 0, end):
        addressee = match.group("addressee")
        if addressee in {"DEPT", "PASS", "ALSO", "AND", "STATE"}:
            continue  # "DEPT FOR" is followed by office symbols, not people
        if addressee.isalpha():
            add(match.start("addressee"), match.end("addressee"), "ORG")
        position = match.start("names")
        for name in match.group("names").split("/"):
            people.add((position, position + len(name)))
            add(position, position + len(name), "PER")
            position += len(name) + 1
    if people:
        spans = [Span(s.start, s.end, "PER") if (s.start, s.end) in people else s for s in spans]
    for match in ROUTING_ADDRESSEE.finditer(text, 0, end):
        add(match.start("org"), match.end("org"), "ORG")
    for match in ROUTING_PLACE.finditer(text, 0, end):
        group = "place" if match.group("place") else "capital"
        add(match.start(group), match.end(group), "LOC")
    for match in OFFICE_SYMBOL.finditer(text, 0, end):
        if match.group() not in ROUTING_TITLES:
            add(match.start(), match.end(), "ORG")
    for match in ROUTED_TITLE_NAME.finditer(text[:end]):
        add(match.start("name"), match.end("name"), "PER")
    return sorted(spans + found)
