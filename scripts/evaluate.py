"""Evaluate a trained pipeline on held-out Docs, streamed; the scores file is replaced only on success.

Usage: python scripts/evaluate.py training/efficiency/model-best corpus/test [metrics/efficiency-test.json]
"""
import sys
from pathlib import Path
from typing import Optional

if __package__ in (None, ""):  # run as `python scripts/evaluate.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy
import srsly
import typer
from wasabi import msg

import cable_ner.components  # noqa: F401 (registers the components the pipeline uses)
from cable_ner.audit.evaluation import evaluate_split
from cable_ner.audit.tables import score
from cable_ner.shards import NoShardsError, require_shards
from cable_ner.outputs import write_text_atomically
from scripts.common import Arg, Opt


# fmt: off
def main(
    model: str = Arg(..., help="Trained pipeline: a path or an installed package name"),
    data_path: Path = Arg(..., help="Folder of .spacy shards (or one .spacy file) with their annotation", exists=True),
    output: Optional[Path] = Arg(None, help="JSON file for the scores (default: metrics/evaluate-<folder>.json)"),
    gpu_id: int = Opt(-1, "--gpu-id", "-g", help="GPU id, or -1 for CPU"),
):
    # fmt: on
    """Score the pipeline's entities on held-out Docs, per label; memory holds one shard at a time."""
    try:
        shards = require_shards(data_path)
    except NoShardsError as err:
        msg.fail(str(err), exits=1)
    if gpu_id >= 0:
        spacy.require_gpu(gpu_id)
    output = output or Path("metrics") / f"evaluate-{data_path.stem}.json"
    nlp = spacy.load(model)
    msg.info(f"Evaluating {model} on {len(shards)} shard(s) in {data_path} ...")
    scores = evaluate_split(nlp, data_path)
    rows = [(label, *(score(values[key]) for key in "prf")) for label, values in scores["ents_per_type"].items()]
    rows.append(("all", *(score(scores[f"ents_{key}"]) for key in "prf")))
    msg.table(rows, header=("NER (per type)", "P", "R", "F"), divider=True, aligns=("l", "r", "r", "r"))
    msg.text(f"{scores['docs']:,} Docs, {scores['words']:,} words, {scores['speed'] or 0:,} words/s")
    write_text_atomically(output, srsly.json_dumps(scores, indent=2))
    msg.good(f"Saved {output}")


if __name__ == "__main__":
    typer.run(main)
