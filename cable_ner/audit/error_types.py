"""Naming what is wrong with a tagger's annotation against gold, with the tagger's error types."""
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Set

from ..markup import Span


TITLE_HINT = re.compile(r"\b(Minister|President|Secretary|Advisor|Ambassador|Speaker|Governor|Charge|Envoy|General|Director|Chairman|Deputy|Special|State)\b")


@dataclass
class ErrorCase:
    """One tagger error: its type, the gold span it concerns (if any) and the silver spans involved."""

    kind: str
    gold: Optional[Span]
    silver: List[Span]


def classify_errors(text: str, silver: Sequence[Span], gold: Sequence[Span]) -> List[ErrorCase]:
    """Name each difference between silver and gold spans with an error type.

    A gold span matched exactly by a silver span is no error. Otherwise the silver spans that
    overlap it decide: none -> ``missed_mention``; several -> ``name_split``; one with the same
    boundaries -> ``wrong_label``; one that is longer -> by what the extra characters are
    (punctuation, possessive, title, other words); one that is shorter -> ``name_part_outside``.
    Silver spans that overlap no gold span are ``spurious_tag``.
    """
    silver_set = set(silver)
    cases: List[ErrorCase] = []
    used: Set[Span] = set()
    for g in sorted(gold):
        if g in silver_set:
            used.add(g)
            continue
        overlapping = [s for s in silver if s.start < g.end and g.start < s.end]
        used.update(overlapping)
        if not overlapping:
            cases.append(ErrorCase("missed_mention", g, []))
        elif len(overlapping) > 1:
            cases.append(ErrorCase("name_split", g, overlapping))
        else:
            s = overlapping[0]
            cases.append(ErrorCase(_boundary_error(text, s, g), g, [s]))
    for s in silver:
        if s not in used and not any(s.start < g.end and g.start < s.end for g in gold):
            cases.append(ErrorCase("spurious_tag", None, [s]))
    return cases


def _boundary_error(text: str, s: Span, g: Span) -> str:
    if (s.start, s.end) == (g.start, g.end):
        return "wrong_label"
    if s.start <= g.start and s.end >= g.end:
        before, after = text[s.start : g.start], text[g.end : s.end]
        if after and re.fullmatch(r"['’]s?\W*|s['’]\W*", after) and not before:
            return "possessive_inside"
        if after and not before and not re.search(r"\w", after):
            return "punctuation_inside"
        if before and TITLE_HINT.search(before):
            return "title_inside"
        if after and not before:
            return "trailing_words_inside"
        return "other_boundary"
    if s.start >= g.start and s.end <= g.end:
        return "name_part_outside"
    return "other_boundary"
