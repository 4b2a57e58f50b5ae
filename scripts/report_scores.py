"""Print and save per-label scores of one or more `spacy evaluate` outputs side by side.

Usage: python -m scripts.report_scores OUT.md --score silver-test=metrics/a.json --score gold-test=metrics/b.json
"""
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import srsly
import typer
from wasabi import msg

from .reporting import markdown_table

Arg = typer.Argument
Opt = typer.Option


def load_scores(named_paths: Sequence[str]) -> List[Tuple[str, dict]]:
    """``name=path`` pairs to (name, evaluate JSON) pairs."""
    loaded = []
    for item in named_paths:
        name, _, path = item.partition("=")
        if not path:
            raise ValueError(f"Expected NAME=PATH, got {item!r}")
        loaded.append((name, srsly.read_json(path)))
    return loaded


def score_rows(scores: Sequence[Tuple[str, dict]], labels: Sequence[str]) -> List[List[object]]:
    """One row per label (and 'all'): P, R, F for each named evaluation."""
    rows: List[List[object]] = []
    for label in [*labels, "all"]:
        row: List[object] = [label]
        for _, data in scores:
            if label == "all":
                p, r, f = data.get("ents_p", 0.0), data.get("ents_r", 0.0), data.get("ents_f", 0.0)
            else:
                per_type: Dict[str, dict] = data.get("ents_per_type") or {}
                entry = per_type.get(label, {"p": 0.0, "r": 0.0, "f": 0.0})
                p, r, f = entry["p"], entry["r"], entry["f"]
            row += [round(p or 0.0, 3), round(r or 0.0, 3), round(f or 0.0, 3)]
        rows.append(row)
    return rows


# fmt: off
def main(
    output_path: Path = Arg(..., help="Markdown file to write"),
    score: List[str] = Opt(..., "--score", "-s", help="NAME=PATH of a `spacy evaluate` JSON output; repeatable"),
    labels: str = Opt("PER,ORG,LOC,MISC", "--labels", help="Comma-separated labels to show"),
):
    # fmt: on
    """Show per-label precision, recall and F1 of several evaluations in one table."""
    label_set = [label.strip() for label in labels.split(",") if label.strip()]
    scores = load_scores(score)
    header = ["label"] + [f"{name} {metric}" for name, _ in scores for metric in ("P", "R", "F")]
    rows = score_rows(scores, label_set)
    msg.table(rows, header=header, divider=True, aligns=["l"] + ["r"] * (len(header) - 1))
    output_path.parent.mkdir(parents=True, exist_ok=True)
    output_path.write_text("# Held-out scores per label\n\n" + markdown_table(header, rows) + "\n", encoding="utf8")
    msg.good(f"Saved {output_path}")


if __name__ == "__main__":
    typer.run(main)
