"""Write a synthetic sample corpus: each cable as the tagger's markup and as gold markup.

Usage: python scripts/generate_sample.py OUT_DIR [--n-cables 300] [--seed 0]
Writes OUT_DIR/silver/ID.txt (with the tagger's error types) and OUT_DIR/gold/ID.txt.
"""
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/generate_sample.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.outputs import staged
from cable_ner.sample import generate_corpus
from scripts.common import Arg, Opt


# fmt: off
def main(
    output_dir: Path = Arg(..., help="Folder to write silver/ and gold/ into (both replaced on success)"),
    n_cables: int = Opt(300, "--n-cables", "-n", help="How many cables to generate"),
    seed: int = Opt(0, "--seed", "-s", help="Random seed: the same seed gives the same corpus"),
):
    # fmt: on
    """Generate synthetic cables with the tagger's errors (silver) and their gold annotation."""
    cables = generate_corpus(n_cables, seed)
    with staged(output_dir, ["silver", "gold"]) as staging:
        for name in ("silver", "gold"):
            (staging / name).mkdir()
        for cable_id, silver, gold in cables:
            (staging / "silver" / f"{cable_id}.txt").write_text(silver, encoding="utf8")
            (staging / "gold" / f"{cable_id}.txt").write_text(gold, encoding="utf8")
    msg.good(f"Wrote {len(cables)} synthetic cables (seed {seed}) to {output_dir}/silver and {output_dir}/gold")


if __name__ == "__main__":
    typer.run(main)
