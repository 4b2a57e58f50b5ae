"""Which split a cable belongs to: decided by a hash of its words, never by chance or order.

A cable's split depends on nothing but its own text, so it stays put when cables are added or
renamed, and identical cables (the same text under two names) always share a split.
"""
import hashlib

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
