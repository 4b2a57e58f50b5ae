"""Score a trained pipeline on real cables: raw text in, entities out, compared with gold markup.

Usage: python -m scripts.evaluate_real MODEL DATA_DIR --output metrics/real-dev.json
DATA_DIR holds gold/NAME.txt (bracket markup) and, optionally, raw/NAME.txt (the same text without
markup, which is checked). The model reads each whole raw cable, as users will run it.
"""
from pathlib import Path
from typing import List, Optional, Sequence

import spacy
import srsly
import typer
from wasabi import msg

from .markup import Span, read_cable_file
from .reporting import SpanScores, markdown_table

Arg = typer.Argument
Opt = typer.Option


def score_pipeline_on_cables(nlp, data_dir: Path, labels: Sequence[str]) -> SpanScores:
    """Exact-match scores of ``nlp`` on every gold cable in ``data_dir/gold``."""
    scores = SpanScores()
    gold_paths = sorted((data_dir / "gold").glob("*.txt"))
    if not gold_paths:
        raise FileNotFoundError(f"No gold cables in {data_dir / 'gold'}")
    for path in gold_paths:
        gold = read_cable_file(path, labels)
        raw_path = data_dir / "raw" / path.name
        if raw_path.exists() and raw_path.read_text(encoding="utf8") != gold.text:
            raise ValueError(f"{raw_path}: the raw text differs from the gold file's text without markup")
        doc = nlp(gold.text)
        predicted: List[Span] = [Span(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels]
        scores.add(gold.spans, predicted)
    return scores


# fmt: off
def main(
    model: str = Arg(..., help="Trained pipeline: a path or an installed package name"),
    data_dir: Path = Arg(..., help="Folder with gold/ (and raw/) cables", exists=True, file_okay=False),
    output: Optional[Path] = Opt(None, "--output", "-o", help="JSON file for the scores"),
    labels: str = Opt("PER,ORG,LOC,MISC", "--labels", help="Comma-separated labels to score"),
):
    # fmt: on
    """Score a pipeline on raw real cables against their gold annotation, per label."""
    label_set = [label.strip() for label in labels.split(",") if label.strip()]
    nlp = spacy.load(model)
    scores = score_pipeline_on_cables(nlp, data_dir, label_set)
    result = scores.to_dict(label_set)
    rows = [(label, *(result["per_label"][label][k] for k in ("p", "r", "f"))) for label in label_set]
    rows.append(("all", *(result["overall"][k] for k in ("p", "r", "f"))))
    msg.table(rows, header=("label", "P", "R", "F"), divider=True, aligns=("l", "r", "r", "r"))
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        srsly.write_json(output, {"model": model, "data_dir": str(data_dir), **result})
        output.with_suffix(".md").write_text(markdown_table(("label", "P", "R", "F"), rows) + "\n", encoding="utf8")
        msg.good(f"Saved {output}")


if __name__ == "__main__":
    typer.run(main)
