"""Exact-match span scores: true and false positives and negatives, P/R/F per label and overall.

Spans match when start, end and label are equal, as ``spacy evaluate`` counts entities.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, Iterable, Optional, Sequence

from ..markup import Span


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
        """Counts and P/R/F; a score is None (n/a) where there is nothing to score, never 0.0."""
        return {"p": self._score(self.tp + self.fp, self.p), "r": self._score(self.tp + self.fn, self.r),
                "f": self._score(self.tp + self.fp + self.fn, self.f), "tp": self.tp, "fp": self.fp, "fn": self.fn}

    @staticmethod
    def _score(support: int, value: float) -> Optional[float]:
        return round(value, 4) if support else None


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

    def add_tallies(self, other: "SpanScores") -> None:
        """Add another set of scores' counts to these."""
        for label, tally in other.per_label.items():
            self.per_label[label].add(tally)

    @classmethod
    def summed(cls, parts: Iterable["SpanScores"]) -> "SpanScores":
        """The counts of several sets of scores (each cable's, say) added up."""
        total = cls()
        for part in parts:
            total.add_tallies(part)
        return total

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
