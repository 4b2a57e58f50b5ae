"""Build the knowledge vectors table: word forms and what the world knows about each.

Usage: python scripts/build_vectors.py corpus/knowledge_vectors.txt
Writes word2vec text for `spacy init vectors`. The table is deterministic: the same package
versions give the same bytes. The meaning of every dimension: cable_ner/knowledge/vectors.py.
"""
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/build_vectors.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.knowledge.vectors import FEATURES, FREQUENT_WORDS, build_table, write_word2vec
from scripts.common import Arg, Opt


# fmt: off
def main(
    output_path: Path = Arg(..., help="Vectors file to write (word2vec text format)"),
    frequent_words: int = Opt(FREQUENT_WORDS, "--frequent-words", help="How many frequent English words the table holds"),
):
    # fmt: on
    """Write the table of lexicon features (countries, cities, names, frequency, ...) as word vectors."""
    started = time.time()
    with msg.loading("Reading the lexicons ..."):
        table = build_table(frequent_words)
    rows = write_word2vec(table, output_path)
    msg.good(f"Wrote {rows:,} word forms x {len(FEATURES)} features to {output_path} in {time.time() - started:.1f}s")


if __name__ == "__main__":
    typer.run(main)
