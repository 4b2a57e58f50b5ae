"""Reading corpus folders of ``.spacy`` shards as a stream: one shard in memory at a time.

What :mod:`cable_ner.corpus` writes (``corpus/train/0000.spacy``, ...) every reader takes this
way, so that memory is bounded by a shard however large the collection is.
"""
from pathlib import Path
from typing import Iterator, List

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

# The user data key of a paragraph's known non-entities (token ranges and labels), which convert
# writes with --hints not_entities and the training reader puts in ner's incorrect spans.
NOT_ENTITIES_KEY = "not_entities"


def shard_files(path: Path) -> List[Path]:
    """The ``.spacy`` files of a split folder (or the one file ``path`` names), in order."""
    path = Path(path)
    return [path] if path.suffix == ".spacy" and path.is_file() else sorted(path.glob("*.spacy"))


def iter_split(path: Path, vocab: Vocab) -> Iterator[Doc]:
    """The Docs of a split folder of ``.spacy`` shards (or of one file), in order, one shard at a time."""
    for shard in shard_files(path):
        yield from DocBin().from_disk(shard).get_docs(vocab)


class NoShardsError(ValueError):
    """A folder with no ``.spacy`` Docs where Docs were expected; says what to run to make them."""


def require_shards(path: Path) -> List[Path]:
    """The shard files of ``path``; raises :class:`NoShardsError`, saying how to make them, when there are none."""
    shards = shard_files(path)
    if not shards:
        raise NoShardsError(
            f"No .spacy files in {path}: this reads the Docs that convert writes (corpus/test, corpus/gold/test). "
            "Cables in bracket markup: convert them first (spacy project run convert, or python scripts/convert.py "
            "CABLES_DIR corpus). Raw cables with gold markup (raw/ and gold/): score them with evaluate-real "
            "(spacy project run evaluate-real, or python scripts/evaluate_real.py MODEL DIR)."
        )
    return shards
