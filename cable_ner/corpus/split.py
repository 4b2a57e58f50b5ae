"""Which split a cable belongs to, and in which order cables are written: both by hashes.

A cable's split depends on nothing but its own text, so it stays put when cables are added or
renamed, and identical cables (the same text under two names) always share a split.

Cables are converted in the order of a hash of their file names (:func:`mixed_order`), not in
the order the names sort in: cable ids sort by year, then post, so consecutive cables of a
sorted folder are one year's cables from a few posts, and every shard written from them would
be such a cluster. In hash order each shard is a uniform sample of the whole collection, so any
stretch of training sees cables from all of it, whatever the names say.
"""
import hashlib
from pathlib import Path
from typing import List, Sequence

SPLITS = ("train", "dev", "test")


def content_hash(text: str) -> str:
    """A hash of a cable's words: identical cables hash alike whatever their file names."""
    return hashlib.sha1(" ".join(text.split()).encode("utf8")).hexdigest()


def assign_split(digest: str, dev_fraction: float, test_fraction: float) -> str:
    """The split for a cable, from its content hash: deterministic and independent of other cables."""
    position = int(digest[:12], 16) / float(16**12)
    if position < test_fraction:
        return "test"
    if position < test_fraction + dev_fraction:
        return "dev"
    return "train"


def mixed_order(paths: Sequence[Path]) -> List[Path]:
    """The cable files in the order of a hash of their names: a uniform mix of the collection.

    Stable (the same names give the same order on every machine) and independent of how the
    names sort, so neighbouring cables in the result are unrelated by date, post or folder.

    >>> [p.name for p in mixed_order([Path("06LIMA1.txt"), Path("06LIMA2.txt"), Path("06LIMA3.txt")])]
    ['06LIMA3.txt', '06LIMA1.txt', '06LIMA2.txt']
    """
    return sorted(paths, key=lambda path: (hashlib.sha1(path.name.encode("utf8")).hexdigest(), str(path)))
