"""How far a score on a few real cables can be trusted: a bootstrap interval over the cables.

A model's score on 32 cables depends on which 32 cables they are as much as on the training
seed. Resampling the cables with replacement (the same draw for every seed) and taking the mean
F1 over the seeds for each draw gives the spread that another set of cables like these would
show: the 95% interval printed beside the seed range.
"""
import random
from typing import Dict, List, Optional, Sequence, Tuple

from .scores import SpanScores, Tally

CableTallies = Dict[str, Dict[str, Tuple[int, int, int]]]  # cable -> label -> (tp, fp, fn)


def cable_tallies(per_cable: Dict[str, SpanScores], labels: Sequence[str]) -> CableTallies:
    """Per-cable counts per label (and "all"), small enough to keep for every seed and write as JSON."""
    tallies: CableTallies = {}
    for cable, scores in per_cable.items():
        row = {label: (scores.per_label[label].tp, scores.per_label[label].fp, scores.per_label[label].fn)
               for label in labels}
        overall = scores.overall()
        row["all"] = (overall.tp, overall.fp, overall.fn)
        tallies[cable] = row
    return tallies


def _f1(tallies: CableTallies, cables: Sequence[str], label: str) -> Optional[float]:
    total = Tally()
    for cable in cables:
        tp, fp, fn = tallies[cable][label]
        total.add(Tally(tp, fp, fn))
    return total.f if total.tp + total.fp + total.fn else None


def bootstrap_interval(runs: List[CableTallies], label: str = "all", draws: int = 2000, level: float = 0.95,
                       seed: int = 0) -> Optional[Tuple[float, float]]:
    """The ``level`` interval of the seeds' mean F1 over cables drawn with replacement.

    runs: one :data:`CableTallies` per training seed, over the same cables.

    >>> one = {"a": {"all": (9, 1, 0)}, "b": {"all": (1, 1, 8)}}
    >>> low, high = bootstrap_interval([one, one])
    >>> round(low, 2) <= 0.3 < 0.9 <= round(high, 2)
    True
    """
    if not runs:
        return None
    cables = sorted(runs[0])
    if not cables:
        return None
    rng = random.Random(seed)
    means = []
    for _ in range(draws):
        drawn = [rng.choice(cables) for _ in cables]
        values = [value for value in (_f1(run, drawn, label) for run in runs) if value is not None]
        if values:
            means.append(sum(values) / len(values))
    if not means:
        return None
    means.sort()
    tail = (1 - level) / 2
    return means[int(tail * (len(means) - 1))], means[int((1 - tail) * (len(means) - 1))]


def paired_difference_interval(runs: List[CableTallies], baseline: List[CableTallies], label: str = "all",
                               draws: int = 2000, level: float = 0.95, seed: int = 0) -> Optional[Tuple[float, float, float]]:
    """The difference of two setups' mean F1 over seeds, and its ``level`` interval over resampled cables.

    Both setups are scored on the same cables, so each draw resamples the cables once for both:
    what the cables have in common cancels, and the interval is that of the difference alone.
    RETURNS: (difference on the cables as they are, low, high), or None without common cables.
    """
    cables = sorted(set(runs[0]) & set(baseline[0])) if runs and baseline else []
    if not cables:
        return None

    def mean_f1(setup: List[CableTallies], drawn: Sequence[str]) -> Optional[float]:
        values = [value for value in (_f1(run, drawn, label) for run in setup) if value is not None]
        return sum(values) / len(values) if values else None

    observed_a, observed_b = mean_f1(runs, cables), mean_f1(baseline, cables)
    if observed_a is None or observed_b is None:
        return None
    rng = random.Random(seed)
    differences = []
    for _ in range(draws):
        drawn = [rng.choice(cables) for _ in cables]
        a, b = mean_f1(runs, drawn), mean_f1(baseline, drawn)
        if a is not None and b is not None:
            differences.append(a - b)
    differences.sort()
    tail = (1 - level) / 2
    return (observed_a - observed_b, differences[int(tail * (len(differences) - 1))],
            differences[int((1 - tail) * (len(differences) - 1))])
