"""A cable's header: classification, routing lines, TAGS, subject line, "Classified By"."""
import random
import re
from typing import Callable, List, Optional, Sequence, Tuple

from .builder import CableBuilder
from .institutions import SUBJECT_WORDS
from .lexicon import (
    COMMANDS, DEMONYMS, HEADINGS, MISSIONS, MONTH_ABBREVIATIONS, OFFICES, ORG_ACRONYMS, REGIONAL_GROUPS, TAG_CODES,
    WASHINGTON_AGENCIES, WEEKDAYS, posts,
)
from .vocabulary import full_name
from .writer import CableWriter


def write_header(w: CableWriter, style: str, date: Tuple[int, int, int], sections: int) -> None:
    rng, b, post = w.rng, w.b, w.post
    year, month, day = date
    number = rng.randint(100, 9999)
    classification = rng.choice(["C O N F I D E N T I A L", "S E C R E T", "UNCLAS"])
    _, drafter_last = rng.choice(w.v.cast)

    def line_break() -> None:
        if style == "raw":
            b.raw("\n", glue=True)

    if style == "raw":
        _write_routing_lines(w, date)
    b.words(f"{classification} SECTION 01 OF {sections:02d}")
    b.entity(post, "LOC", "header")
    b.words(f"{number:06d}")
    line_break()
    b.words("SIPDIS SIPDIS" if style != "raw" else "SIPDIS")
    line_break()
    b.words("DEPT FOR")
    office = rng.choice(OFFICES)
    b.entity(office, "ORG", "header")
    b.words(rng.choice(["DAS", "A/S", "PDAS"]))
    b.entity(drafter_last.upper(), "PER", "header")
    b.words(",")
    b.entity(rng.choice(OFFICES), "ORG", "header")
    b.entity("NSC", "ORG", "header")
    b.words("FOR")
    for index, (_, last) in enumerate(rng.sample(w.v.cast, min(len(w.v.cast), rng.randint(1, 3)))):
        if index:
            b.raw("/", glue=True)
        b.entity(last.upper(), "PER", "header", glue=index > 0)
    line_break()
    b.words(f"E.O. 12958 DECL: {month:02d}/{day:02d}/{year + 10} TAGS")
    codes = rng.sample(TAG_CODES, rng.randint(3, 5))
    country_codes = [w.v.host, *rng.sample(w.v.partners, 1)]
    tag_start = len(b.tokens)
    for index, code in enumerate(codes + country_codes):
        if index:
            b.words(",")
        b.words(code)
    if rng.random() < 0.35:  # the tagger tags a TAGS code
        position = tag_start + 2 * rng.randrange(len(codes))
        b.silver_extra.append((position, position + 1, rng.choice(["PER", "ORG"])))
    line_break()
    b.words("SUBJECT:")
    if style == "raw" and w.subject:
        _write_pieces(b, w.subject)
        line_break()
        if rng.random() < 0.6:
            _write_references(b, rng, post, line_break)
        _write_classified_by(w, line_break)
        return
    b.entity(w.v.cast[0][1].upper(), "PER", "header")
    b.words("AND")
    b.entity(DEMONYMS[w.v.host].upper(), "MISC", "header")
    b.words("OFFICIALS ON")
    heading = rng.choice(HEADINGS)
    if rng.random() < 0.4:
        b.tagged_noise(heading, rng.choice(["LOC", "ORG"]))
    else:
        b.words(heading)
    b.words(",")
    b.entity(w.v.country(w.v.partners[0]).upper(), "LOC", "header")
    line_break()
    _write_classified_by(w, line_break)


def _write_references(b: CableBuilder, rng: random.Random, post: str, line_break: Callable[[], None]) -> None:
    """A REF line citing earlier cables by post and number: the posts there are no mentions."""
    cited = [post, "STATE", *rng.sample(posts(), 2)][: rng.randint(1, 4)]
    rng.shuffle(cited)
    one_per_line = rng.random() < 0.4
    b.words(rng.choice(["REF:", "REFS:", "REFTEL:"]))
    for index, source in enumerate(cited):
        if index and one_per_line:
            line_break()
            b.raw(f"{rng.choice(['¶', '', '     '])}{'ABCD'[index]}.")
        elif len(cited) > 1:
            b.words(f"{'ABCD'[index]}." if rng.random() < 0.7 else f"({'abcd'[index]})")
        b.words(f"{source} {rng.randint(100, 99999)}")
    line_break()


def _write_classified_by(w: CableWriter, line_break: Callable[[], None]) -> None:
    b = w.b
    b.words("Classified By:")
    b.words(w.rng.choice(["Ambassador", "Charge d'Affaires", "DCM", "Political Counselor", "Acting DCM"]))
    b.entity(full_name(*w.signer), "PER")
    b.words(w.rng.choice(["for reasons 1.4 ( b ) and ( d )", "for reasons 1.4 b and d", "reasons 1.4 ( b , d )"]))


SUBJECT_FRAMES = ["{ACR} REPORTS {HEADING} IN {COUNTRY}", "{COUNTRY}: {HEADING}", "{DEM} OFFICIALS DISCUSS {HEADING}",
                  "{PER} ON {HEADING}", "{HEADING}: {ACR} AND {COUNTRY} SIGN AGREEMENT", "{CITY} {HEADING} UPDATE",
                  "{WORD} {WORD} ON {HEADING}", "{COUNTRY}: {WORD} {WORD} {WORD}", "{WORD} {WORD} {COUNTRY} {WORD}",
                  "{PER} {WORD} {ORG} {WORD}", "{ORG} {WORD} {WORD}", "{WORD}: {DEM} {WORD} {WORD}",
                  "{COUNTRY} {WORD} {WORD}, {WORD} {ORG}"]


def _write_pieces(b: CableBuilder, pieces: Sequence[Tuple[str, Optional[str]]]) -> None:
    """Write (text, label) pieces: labelled ones as header entities, the rest as plain words."""
    for text, label in pieces:
        if label:
            b.entity(text, label, "header")
        else:
            b.words(text)


def _routing_code(rng: random.Random) -> str:
    return "RU" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(3, 4)))


def _subject(w: CableWriter) -> List[Tuple[str, Optional[str]]]:
    """A subject line in capitals as (text, label) pieces; label None for plain words."""
    rng = w.rng
    frame = rng.choice(SUBJECT_FRAMES)
    pieces: List[Tuple[str, Optional[str]]] = []
    for part in re.split(r"(\{[A-Z]+\})", frame):
        if part == "{ACR}":
            pieces.append((rng.choice(ORG_ACRONYMS), "ORG"))
        elif part == "{COUNTRY}":
            pieces.append((w.v.country().upper(), "LOC"))
        elif part == "{CITY}":
            pieces.append((w.v.city().upper(), "LOC"))
        elif part == "{DEM}":
            pieces.append((w.v.demonym().upper(), "MISC"))
        elif part == "{PER}":
            pieces.append((rng.choice(w.v.cast)[1].upper(), "PER"))
        elif part == "{HEADING}":
            pieces.append((rng.choice(HEADINGS), None))
        elif part == "{WORD}":
            pieces.append((rng.choice(SUBJECT_WORDS), None))
        elif part == "{ORG}":
            pieces.append((w.v.organisation()[0].upper(), "ORG"))
        elif part:
            pieces.append((part, None))
    return pieces


def _write_routing_lines(w: CableWriter, date: Tuple[int, int, int]) -> None:
    """The metadata and routing lines that published raw cables start with."""
    rng, b, post = w.rng, w.b, w.post
    year, month, day = date

    def line_break() -> None:
        b.raw("\n", glue=True)

    subject = _subject(w)
    w.subject = subject
    b.words(w.cable_id)
    line_break()
    _write_pieces(b, subject)
    line_break()
    b.raw(f"{rng.choice(WEEKDAYS)} {MONTH_ABBREVIATIONS[month - 1].title()} {day:02d} 00:00:00 +0200 {year}")
    line_break()
    classification = rng.choice(["CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"])
    b.words(classification)
    line_break()
    b.words("Embassy")
    b.entity(post.title(), "LOC")
    line_break()
    b.words(f"VZCZCXRO{rng.randint(1000, 9999)}")
    line_break()
    b.words(rng.choice(["OO", "PP", "RR"]) + " " + " ".join(_routing_code(rng) for _ in range(rng.randint(2, 5))))
    line_break()
    b.raw(f"DE {_routing_code(rng)} #{rng.randint(100, 9999)}/01 {rng.randint(1000000, 3659999)}")
    line_break()
    b.words({"C": "ZNY CCCCC ZZH", "S": "ZNY SSSSS ZZH"}.get(classification[0], "ZNR UUUUU ZZH"))
    line_break()
    b.raw(f"{rng.choice('OPR')} {day:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}Z {MONTH_ABBREVIATIONS[month - 1]} {year % 100:02d}")
    line_break()
    b.words("FM AMEMBASSY")
    b.entity(post, "LOC", "header")
    line_break()
    b.words(f"TO {_routing_code(rng)}/")
    b.entity("SECSTATE", "ORG", "header", glue=True)
    b.entity("WASHDC", "LOC", "header")
    b.words(f"{rng.choice(['IMMEDIATE', 'PRIORITY', 'ROUTINE'])} {rng.randint(1000, 9999)}")
    for index in range(rng.randint(1, 6)):
        line_break()
        b.words(("INFO " if index == 0 else "") + f"{_routing_code(rng)}/")
        _write_addressee(b, rng)
    line_break()


def _write_addressee(b: CableBuilder, rng: random.Random) -> None:
    """One routing addressee after its routing code: an embassy, an agency, a group, a mission or a command."""
    kind = rng.choice(["embassy", "embassy", "agency", "agency", "group", "mission", "command"])
    if kind == "embassy":
        b.raw(rng.choice(["AMEMBASSY", "AMEMBASSY", "AMCONSUL", "USMISSION"]), glue=True)
        b.entity(rng.choice(posts()), "LOC", "header")
        b.words(f"{rng.randint(1, 9999):04d}")
    elif kind == "agency":
        b.entity(rng.choice(WASHINGTON_AGENCIES), "ORG", "header", glue=True)
        b.entity(rng.choice(["WASHDC", "WASHDC", "WASHINGTON DC"]), "LOC", "header")
    elif kind == "group":
        b.entity(f"{rng.choice(REGIONAL_GROUPS)} COLLECTIVE", "ORG", "header", glue=True)
    elif kind == "mission":
        mission, city = rng.choice(MISSIONS)
        b.entity(mission, "ORG", "header", glue=True)
        b.entity(city, "LOC", "header")
        b.words(f"{rng.randint(1, 9999):04d}")
    else:
        command, town, state = rng.choice(COMMANDS)
        b.raw(rng.choice(["CDR", "HQ"]), glue=True)
        b.entity(command, "ORG", "header")
        b.entity(town, "LOC", "header")
        b.entity(state, "LOC", "header")
