"""Evaluate a trained pipeline on held-out Docs; the scores file is replaced only on success.

Usage: python scripts/evaluate.py training/efficiency/model-best corpus/test metrics/efficiency-test.json
"""
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/evaluate.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import srsly
import typer
from spacy.cli.evaluate import evaluate
from wasabi import msg

import cable_ner.components  # noqa: F401 (registers the components the pipeline uses)
from cable_ner.outputs import write_text_atomically
from scripts.common import Arg, Opt


# fmt: off
def main(
    model: str = Arg(..., help="Trained pipeline: a path or an installed package name"),
    data_path: Path = Arg(..., help="Folder (or file) of .spacy Docs with their annotation", exists=True),
    output: Path = Arg(..., help="JSON file for the scores"),
    gpu_id: int = Opt(-1, "--gpu-id", "-g", help="GPU id, or -1 for CPU"),
):
    # fmt: on
    """Score the pipeline with spaCy's evaluate (prints its table) and write the scores as JSON."""
    scores = evaluate(model, data_path, use_gpu=gpu_id, silent=False)
    write_text_atomically(output, srsly.json_dumps(scores, indent=2))
    msg.good(f"Saved {output}")


if __name__ == "__main__":
    typer.run(main)
