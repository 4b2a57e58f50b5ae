"""Print and save per-label scores of one or more `spacy evaluate` outputs side by side.

Usage: python scripts/report.py OUT.md --score silver-test=metrics/a.json --score gold-test=metrics/b.json
       [--about "gold-test=the {test_cables} test cables of {cables}, against gold"] [--corpus-report corpus/conversion.json]
"""
import sys
from pathlib import Path
from typing import List

if __package__ in (None, ""):  # run as `python scripts/report.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.audit.evaluation import describe_columns, load_scores, score_rows
from cable_ner.audit.tables import markdown_table, score as shown_score
from cable_ner.outputs import write_text_atomically
from scripts.common import DEFAULT_LABELS, Arg, Opt, parse_labels


# fmt: off
def main(
    output_path: Path = Arg(..., help="Markdown file to write"),
    score: List[str] = Opt(..., "--score", "-s", help="NAME=PATH of a `spacy evaluate` JSON output; repeatable"),
    labels: str = Opt(DEFAULT_LABELS, "--labels", help="Comma-separated labels to show"),
    about: List[str] = Opt([], "--about", help="NAME=TEXT: what a column scores ({test_cables}, {cables} filled from --corpus-report); repeatable"),
    corpus_report: Path = Opt(Path("corpus/conversion.json"), "--corpus-report", help="The conversion's report: how many test cables, from which folder"),
):
    # fmt: on
    """Show per-label precision, recall and F1 of several evaluations in one table."""
    label_set = parse_labels(labels)
    scores = load_scores(score)
    header = ["label"] + [f"{name} {metric}" for name, _ in scores for metric in ("P", "R", "F")]
    rows = score_rows(scores, label_set)
    shown = [[cell if not (cell is None or isinstance(cell, float)) else shown_score(cell) for cell in row] for row in rows]
    msg.table(shown, header=header, divider=True, aligns=["l"] + ["r"] * (len(header) - 1))
    columns = describe_columns(about, corpus_report)
    for line in columns:
        msg.text(line.replace("**", ""))
    notes = "What each column scores:\n\n" + "\n".join(columns) + "\n\n" if columns else ""
    write_text_atomically(output_path, "# Held-out scores per label\n\n" + notes + markdown_table(header, rows) + "\n")
    msg.good(f"Saved {output_path}")


if __name__ == "__main__":
    typer.run(main)
