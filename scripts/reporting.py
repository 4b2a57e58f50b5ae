"""Scores and readable reports: precision/recall/F1 of spans, error types, Markdown tables.

This module owns how annotations are compared and shown. Span scores are exact-match (start,
end and label), as ``spacy evaluate`` counts entities. :func:`classify_errors` names what is wrong
with a silver annotation against gold, with the error types of ``error-types.md``.
"""
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

from .markup import Span


@dataclass
class Tally:
    """True positives, false positives and false negatives, with P/R/F derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def add(self, other: "Tally") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict:
        return {"p": round(self.p, 4), "r": round(self.r, 4), "f": round(self.f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class SpanScores:
    """Exact-match scores per label and overall."""

    per_label: Dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    def add(self, gold: Iterable[Span], predicted: Iterable[Span]) -> None:
        gold_set, predicted_set = set(gold), set(predicted)
        for span in predicted_set:
            if span in gold_set:
                self.per_label[span.label].tp += 1
            else:
                self.per_label[span.label].fp += 1
        for span in gold_set - predicted_set:
            self.per_label[span.label].fn += 1

    def overall(self) -> Tally:
        total = Tally()
        for tally in self.per_label.values():
            total.add(tally)
        return total

    def to_dict(self, labels: Sequence[str]) -> dict:
        return {
            "overall": self.overall().to_dict(),
            "per_label": {label: self.per_label[label].to_dict() for label in labels},
        }


ERROR_TYPES = (
    "punctuation_inside",
    "possessive_inside",
    "title_inside",
    "trailing_words_inside",
    "name_split",
    "name_part_outside",
    "wrong_label",
    "spurious_tag",
    "missed_mention",
    "other_boundary",
)
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


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; floats are shown with three decimals."""

    def cell(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def in_context(text: str, spans: Sequence[Span], around: Tuple[int, int], width: int = 50) -> str:
    """The text around a region with spans shown as ``[LABEL text]``, on one line."""
    start = max(0, around[0] - width)
    end = min(len(text), around[1] + width)
    parts = []
    position = start
    for span in sorted(spans):
        if span.start < start or span.end > end:
            continue
        parts.append(text[position : span.start])
        parts.append(f"[{span.label} {text[span.start:span.end]}]")
        position = span.end
    parts.append(text[position:end])
    snippet = " ".join("".join(parts).split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")
