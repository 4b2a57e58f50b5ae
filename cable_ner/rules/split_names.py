"""Rules for one name split in two: adjacent spans of one name, and name parts left outside."""
import re
from bisect import bisect_left
from typing import FrozenSet, List, Optional, Tuple

from ..markup import Span
from .context import CableContext
from .lexicon import NAME_PARTICLES, NOT_NAME_PARTS, ORG_HEADS
from .registry import span_rule
from .words import bare, is_capitalised, looks_like_demonym, neighbour_word


def _gap(text: str, left: Span, right: Span) -> str:
    return text[left.end : right.start]


@span_rule(
    repairs=("name_split",),
    examples=[
        ("the newly formed [MISC Agrarian  ] [ORG Party  ] .", "the newly formed [ORG Agrarian Party ] ."),
        ("of [MISC Baltic Association  ] for [ORG Coastal Cooperation  ] .", "of [ORG Baltic Association for Coastal Cooperation ] ."),
        ("the [PER Dunlap  ] [ORG Group  ] said", "the [ORG Dunlap Group ] said"),
        ("When [PER Anwar  ] [PER Hakimi  ] left", "When [PER Anwar Hakimi ] left"),
        ("[LOC Peru  ] and [LOC Chile  ]", "[LOC Peru ] and [LOC Chile ]"),
        ("DEPT FOR [ORG AID/DCHA  ] [ORG NSC  ] FOR", "DEPT FOR [ORG AID/DCHA ] [ORG NSC ] FOR"),
        ("the [MISC Danish  ] [PER Halvorsen  ]", "the [MISC Danish ] [PER Halvorsen ]"),
    ],
)
def merge_split_names(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Merge one name that the tagger split into adjacent spans; the name's head decides.

    Names joined by "and" or punctuation stay apart.
    """
    text = cable.text
    roles = cable.roles
    merged: List[Span] = []
    for span in sorted(spans):
        if merged:
            left = merged[-1]
            gap = _gap(text, left, span).strip()
            if gap and gap not in ("for", "of", "on"):
                merged.append(span)  # words or punctuation between: two names
                continue
            left_words = text[left.start : left.end].split()
            right_words = text[span.start : span.end].split()
            adjacent = not gap and _gap(text, left, span).count("\n") <= 1
            connected = gap in ("for", "of", "on") and bare(left_words[-1]) in ORG_HEADS
            label: Optional[str] = None
            capitalised = is_capitalised(left_words[-1]) and not text[left.start : span.end].isupper()
            if adjacent and capitalised and left.label == span.label:
                label = span.label
            elif adjacent and capitalised and span.label == roles.organisation and (
                left.label in (roles.other, roles.place) or bare(right_words[-1]) in ORG_HEADS
            ):
                label = roles.organisation
            elif connected and span.label in (roles.organisation, roles.other, roles.place):
                label = roles.organisation
            if label is not None:
                merged[-1] = Span(left.start, span.end, label)
                continue
        merged.append(span)
    return merged


INITIAL = re.compile(r"[A-Z]\.")
CAPITALISED_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*")


def _name_part(text: str, word_span: Tuple[int, int], common: FrozenSet[str], taken: List[Span], starts: List[int]) -> bool:
    word = text[word_span[0] : word_span[1]]
    if INITIAL.fullmatch(word):
        return not _in_a_span(word_span, taken, starts)  # an initial
    return (
        bool(CAPITALISED_NAME_WORD.fullmatch(word))
        and not word.isupper()
        and word.lower() not in common
        and word not in NOT_NAME_PARTS
        and not looks_like_demonym(word)
        and not _in_a_span(word_span, taken, starts)
    )


def _in_a_span(word_span: Tuple[int, int], taken: List[Span], starts: List[int]) -> bool:
    """Whether the word overlaps one of the spans (sorted, not overlapping; ``starts`` theirs): one bisection."""
    index = bisect_left(starts, word_span[1]) - 1  # the last span that starts before the word ends
    return index >= 0 and taken[index].end > word_span[0]


@span_rule(
    repairs=("name_part_outside",),
    examples=[
        ("When Anwar [PER Hakimi  ] was governor", "When [PER Anwar Hakimi ] was governor"),
        ("Minister Farid\n[PER Selwan  ] alerted us", "Minister [PER Farid\nSelwan ] alerted us"),
        ("said , “ Elena D. [PER Gonzalez  ] is", "said , “ [PER Elena D. Gonzalez ] is"),
        ("officers met bin [PER Ali  ] , head", "officers met [PER bin Ali ] , head"),
        ("month . Milosz [PER Dyrek  ] added", "month . [PER Milosz Dyrek ] added"),
        ("President [PER Halvorsen  ] said", "President [PER Halvorsen ] said"),
        ("notes by Anwar\n\n[PER Hakimi  ] ruled", "notes by Anwar\n\n[PER Hakimi ] ruled"),
    ],
)
def extend_person_names(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Extend a PER span over an adjacent capitalised part of the same name.

    Titles, months, stop words, words the cable also writes in lower case and words already in a
    span are left outside.
    """
    text = cable.text
    common = cable.common_words
    taken = sorted(spans)
    starts = [span.start for span in taken]
    fixed = []
    for span in spans:
        start, end = span.start, span.end
        if span.label == cable.roles.person:
            for _ in range(2):  # a given name and a middle initial: "Elena D."
                left = neighbour_word(text, start, -1)
                if left and (_name_part(text, left, common, taken, starts) or text[left[0] : left[1]] in NAME_PARTICLES):
                    start = left[0]
                else:
                    break
            right = neighbour_word(text, end, +1)
            if right and _name_part(text, right, common, taken, starts):
                end = right[1]
        fixed.append(span if (start, end) == (span.start, span.end) else Span(start, end, span.label))
    return fixed
