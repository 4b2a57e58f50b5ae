"""The rule for the routing header: office symbols, addressees and people the tagger does not know."""
import re
from typing import List, Set, Tuple

from ..labels import LabelRoles
from ..markup import Span
from .context import CableContext
from .registry import span_rule
from .words import overlaps


OFFICE_SYMBOL = re.compile(r"(?<![\w/])(?!RU[A-Z]{2,4}/)[A-Z]{1,6}(?:/[A-Z]{1,6})+(?![\w/])")
ROUTING_TITLES = {"DAS", "A/S", "PDAS", "AMB", "DCM", "CHARGE", "POLOFF", "ECONOFF", "S/E", "U/S", "D/S", "ADMIN"}
# An addressee line: a routing code, then the addressee up to the end of the line.
ROUTING_LINE = re.compile(r"(?m)\bR[A-Z]{3,6}/(?P<addressee>[A-Z][A-Z0-9 /.-]*?)[ \t]*$")
PRECEDENCE_AND_SERIAL = re.compile(r"(?: (?:FLASH|IMMEDIATE|PRIORITY|ROUTINE))?(?P<serial> \d+)?$")
# Generic words for a post, like "Embassy X": the addressee is its city alone.
POST_WORDS = ("AMEMBASSY", "AMCONSUL", "USMISSION")
EMBASSY_PLACE = re.compile(r"\b(?:" + "|".join(POST_WORDS) + r") (?P<place>[A-Z][A-Z ]*?[A-Z])(?= \d| IMMEDIATE| PRIORITY| ROUTINE|[ \t]*$)", re.M)
CAPITAL = re.compile(r" (?:WASHDC|WASHINGTON DC)$")
ROUTED_TITLE_NAME = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(ROUTING_TITLES))) + r") (?P<name>[A-Z][A-Z'-]{2,})\b")
ROUTED_NAME = re.compile(r"\b(?P<addressee>[A-Z][A-Z/]{1,15}) FOR (?P<names>[A-Z][A-Z'-]{3,}(?:/[A-Z][A-Z'-]{3,})*)(?![/\w])")


@span_rule(
    repairs=("missed_mention", "wrong_label"),
    examples=[
        ("DEPT FOR EUR/CE DAS VENTNOR TAGS PGOV", "DEPT FOR [ORG EUR/CE ] DAS [PER VENTNOR ] TAGS PGOV"),
        ("DEPT FOR EUR/CE DAS VENTNOR , AID/LAC NSC FOR HOLLIS/MARCHANT E.O. 12958 TAGS x",
         "DEPT FOR [ORG EUR/CE ] DAS [PER VENTNOR ] , [ORG AID/LAC ] [ORG NSC ] FOR [PER HOLLIS ]/[PER MARCHANT ] E.O. 12958 TAGS x"),
        ("[ORG NSC  ] FOR [ORG JTALBOT  ] TAGS", "[ORG NSC ] FOR [PER JTALBOT ] TAGS"),
        ("FM AMEMBASSY LIMA\nTO RUEHC/SECSTATE WASHDC ROUTINE 0042\nINFO RUEHXX/ANDEAN COMMUNITY COLLECTIVE\nE.O. 12958",
         "FM AMEMBASSY [LOC LIMA ]\nTO RUEHC/[ORG SECSTATE ] [LOC WASHDC ] ROUTINE 0042\nINFO RUEHXX/[ORG ANDEAN COMMUNITY COLLECTIVE ]\nE.O. 12958"),
        ("INFO RUEHXX/CDR USSOUTHCOM MIAMI FL\nRUEHYY/USOAS OTTAWA 0042\nRUEHZZ/DEPT OF ENERGY WASHINGTON DC\nE.O. 12958",
         "INFO RUEHXX/CDR [ORG USSOUTHCOM ] [LOC MIAMI ] [LOC FL ]\nRUEHYY/[ORG USOAS ] [LOC OTTAWA ] 0042\n"
         "RUEHZZ/[ORG DEPT OF ENERGY ] [LOC WASHINGTON DC ]\nE.O. 12958"),
        ("INFO RUEHXX/USMISSION LIMA 0042\nRUEHYY/AMCONSUL LIMA\nE.O. 12958",
         "INFO RUEHXX/USMISSION [LOC LIMA ] 0042\nRUEHYY/AMCONSUL [LOC LIMA ]\nE.O. 12958"),
        ("TO RUEHC/SECSTATE WASHDC TAGS PREL SUBJECT: NSC FOR SMITH", "TO RUEHC/[ORG SECSTATE ] [LOC WASHDC ] TAGS PREL SUBJECT: NSC FOR SMITH"),
    ],
)
def tag_routing_header(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Tag the routing header's office symbols (ORG) and the people it routes to (PER).

    The routing lines before E.O./TAGS/SUBJECT follow fixed conventions the tagger does not know.
    Routing codes (``RUEHC/``) and words already in a span are left alone; a text without such a
    line is no cable and has no routing header.
    """
    text, roles = cable.text, cable.roles
    if not cable.is_cable:
        return spans  # no E.O., TAGS or SUBJECT line: no routing header to read
    end = cable.structure_start
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
            add(match.start("addressee"), match.end("addressee"), roles.organisation)
        position = match.start("names")
        for name in match.group("names").split("/"):
            people.add((position, position + len(name)))
            add(position, position + len(name), roles.person)
            position += len(name) + 1
    if people:
        spans = [Span(s.start, s.end, roles.person) if (s.start, s.end) in people else s for s in spans]
    for match in EMBASSY_PLACE.finditer(text, 0, end):
        add(match.start("place"), match.end("place"), roles.place)
    for match in ROUTING_LINE.finditer(text, 0, end):
        for start, stop, label in _addressee_parts(match.group("addressee"), match.start("addressee"), roles):
            add(start, stop, label)
    for match in OFFICE_SYMBOL.finditer(text, 0, end):
        if match.group() not in ROUTING_TITLES:
            add(match.start(), match.end(), roles.organisation)
    for match in ROUTED_TITLE_NAME.finditer(text[:end]):
        add(match.start("name"), match.end("name"), roles.person)
    return sorted(spans + found)


def _addressee_parts(addressee: str, offset: int, roles: LabelRoles) -> List[Tuple[int, int, str]]:
    """The organisation and places of one routing addressee, as (start, end, label) from ``offset``.

    ``SECSTATE WASHDC IMMEDIATE 0042`` -> SECSTATE (ORG), WASHDC (LOC); ``CDR USSOUTHCOM MIAMI FL``
    -> USSOUTHCOM (ORG), MIAMI (LOC), FL (LOC); ``USUN NEW YORK 1234`` -> USUN (ORG), NEW YORK
    (LOC); ``NORDIC COLLECTIVE`` -> NORDIC COLLECTIVE (ORG: the distribution group's whole name).
    Embassies, consulates and missions (``AMEMBASSY``, ``AMCONSUL``, ``USMISSION``: generic words,
    like "Embassy X") name only their city, which :data:`EMBASSY_PLACE` tags.
    """
    if addressee.startswith(POST_WORDS):
        return []
    tail = PRECEDENCE_AND_SERIAL.search(addressee)
    numbered = bool(tail.group("serial"))
    core = addressee[: tail.start()]
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", core)]
    if words and core[words[0][0] : words[0][1]] in ("CDR", "HQ"):
        words = words[1:]
    if not words:
        return []

    def part(first: int, last: int, label: str) -> Tuple[int, int, str]:
        return offset + words[first][0], offset + words[last][1], label

    last_word = core[words[-1][0] : words[-1][1]]
    capital = CAPITAL.search(core)
    if last_word == "COLLECTIVE":
        return [part(0, len(words) - 1, roles.organisation)] if len(words) > 1 else []
    if capital:
        place_words = core[capital.start() :].split()
        n_org = len(words) - len(place_words)
        return [part(0, n_org - 1, roles.organisation), part(n_org, len(words) - 1, roles.place)] if n_org > 0 else []
    if len(words) >= 3 and len(last_word) == 2 and last_word.isalpha():
        return [part(0, 0, roles.organisation), part(1, len(words) - 2, roles.place), part(len(words) - 1, len(words) - 1, roles.place)]
    if numbered and len(words) >= 2:
        return [part(0, 0, roles.organisation), part(1, len(words) - 1, roles.place)]
    return [part(0, len(words) - 1, roles.organisation)]
