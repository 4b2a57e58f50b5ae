"""Scores over several training seeds: mean and range per label, with the library versions.

One training run is one draw: on 32 real cables, two seeds of the same config differ by a few
points. Figures are therefore reported as the mean and the range over seeds and, where the
per-cable counts are known (real cables), with a bootstrap interval over the cables
(:mod:`.bootstrap`): the spread another set of cables like these would show.
"""
import platform
import statistics
from typing import Dict, List, Optional, Sequence

from .bootstrap import CableTallies, bootstrap_interval
from .tables import NOTHING_TO_SCORE, markdown_table

Scores = Dict[str, Optional[float]]  # label (and "all") -> F1, None where there was nothing to score


def versions() -> Dict[str, str]:
    """The versions that the figures were measured with."""
    import spacy
    import thinc

    return {"python": platform.python_version(), "spacy": spacy.__version__, "thinc": thinc.__version__}


def f1_by_label(evaluation: dict, labels: Sequence[str]) -> Scores:
    """F1 per label and overall from a ``spacy evaluate`` result or a :class:`SpanScores` dict."""
    if "ents_per_type" in evaluation or "ents_f" in evaluation:
        per_type = evaluation.get("ents_per_type") or {}
        scores: Scores = {label: (per_type.get(label) or {}).get("f") for label in labels}
        scores["all"] = evaluation.get("ents_f")
        return scores
    scores = {label: evaluation["per_label"][label]["f"] for label in labels}
    scores["all"] = evaluation["overall"]["f"]
    return scores


def summarise(runs: Dict[int, Dict[str, Scores]], labels: Sequence[str],
              tallies: Optional[Dict[int, Dict[str, CableTallies]]] = None) -> dict:
    """Mean, min and max of every evaluation's F1 per label over the seeds, and its 95% interval over cables.

    runs: seed -> evaluation name (e.g. "gold-test", "real-dev") -> label -> F1.
    tallies: seed -> evaluation name -> per-cable counts, for the evaluations to resample by cable.
    """
    tallies = tallies or {}
    evaluations = sorted({name for per_seed in runs.values() for name in per_seed})
    summary: dict = {"seeds": sorted(runs), "versions": versions(), "evaluations": {}}
    for name in evaluations:
        seeds = [seed for seed in sorted(runs) if name in runs[seed]]
        table = {}
        for label in [*labels, "all"]:
            values = [runs[seed][name][label] for seed in seeds if runs[seed][name][label] is not None]
            if not values:  # nothing to score in any run: n/a, not 0.0
                table[label] = {"mean": None, "min": None, "max": None, "runs": []}
                continue
            table[label] = {"mean": round(statistics.mean(values), 4), "min": round(min(values), 4),
                            "max": round(max(values), 4), "runs": [round(value, 4) for value in values]}
            per_cable = [tallies[seed][name] for seed in seeds if name in tallies.get(seed, {})]
            interval = bootstrap_interval(per_cable, label) if per_cable else None
            if interval is not None:
                table[label]["interval95"] = [round(interval[0], 4), round(interval[1], 4)]
                table[label]["cables"] = len(per_cable[0])
        summary["evaluations"][name] = table
    return summary


def summary_markdown(summary: dict, labels: Sequence[str]) -> str:
    """The summary as Markdown: one table, a row per label, mean [min-max] per evaluation."""
    names = list(summary["evaluations"])
    rows: List[List[str]] = []
    for label in [*labels, "all"]:
        row = [label]
        for name in names:
            cell = summary["evaluations"][name][label]
            text = NOTHING_TO_SCORE if cell["mean"] is None else f"{cell['mean']:.3f} [{cell['min']:.3f}-{cell['max']:.3f}]"
            if cell.get("interval95"):
                text += f" ({cell['interval95'][0]:.3f}-{cell['interval95'][1]:.3f})"
            row.append(text)
        rows.append(row)
    versions_line = ", ".join(f"{name} {version}" for name, version in summary["versions"].items())
    header = ["label", *(f"{name} F1 mean [range]" for name in names)]
    resampled = [name for name in names if any(cell.get("interval95") for cell in summary["evaluations"][name].values())]
    note = (f"\n\nIn brackets: the lowest and highest seed. In parentheses ({', '.join(resampled)}): the 95% "
            "interval of the seeds' mean over the cables resampled with replacement (bootstrap).") if resampled else ""
    return (
        f"# Scores over {len(summary['seeds'])} training seeds ({', '.join(map(str, summary['seeds']))})\n\n"
        + markdown_table(header, rows)
        + note
        + f"\n\nMeasured with {versions_line}.\n"
    )
