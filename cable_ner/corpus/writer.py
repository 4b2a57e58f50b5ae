"""Writing a corpus as split folders of bounded DocBin shards: ``OUT/train/0000.spacy``, ...

Beside the splits, the evaluation sample of the dev split (``OUT/dev-sample``): a stable sample
of whole dev cables, bounded in words, that training scores itself on.
"""
import heapq
from collections import Counter
from pathlib import Path
from typing import List, Optional, Tuple

from ..budget import SplitSize, write_split_size
from .docbin import PackedDocs, Shard
from .split import SPLITS

SAMPLE_SPLIT = "dev-sample"


class EvalSample:
    """The dev cables in content-hash order, as many as fit in ``max_words`` tokens together.

    The sample depends only on which cables the split holds, not on their order or file names,
    and it is a spread of the whole split (hashes are not related to dates or posts). Memory
    holds at most the sample and one cable more: whenever the sample grows past ``max_words``
    (0: no bound), the cable with the largest hash goes, and from then on no cable with a hash
    at least as large is taken.
    """

    def __init__(self, max_words: int) -> None:
        self.max_words = max_words
        self.words = 0
        self._heap: List[Tuple[int, int, PackedDocs]] = []  # (-hash, arrival, docs): the largest hash on top
        self._threshold: Optional[int] = None  # the smallest hash that did not fit
        self._arrivals = 0

    def offer(self, digest: str, docs: PackedDocs) -> None:
        value = int(digest, 16)
        if self._threshold is not None and value >= self._threshold:
            return
        heapq.heappush(self._heap, (-value, self._arrivals, docs))
        self._arrivals += 1  # twins (the same text twice) are told apart by arrival, never by their Docs
        self.words += len(docs.tokens)
        while self.max_words and self.words > self.max_words:
            negated, _, dropped = heapq.heappop(self._heap)
            self.words -= len(dropped.tokens)
            self._threshold = -negated if self._threshold is None else min(self._threshold, -negated)

    def cables(self) -> List[PackedDocs]:
        """The sampled cables' Docs, in hash order."""
        return [docs for _, _, docs in sorted(self._heap, key=lambda item: (-item[0], item[1]))]


class SplitWriter:
    """Writes each split as a folder of DocBin shards, ``OUT/train/0000.spacy``, ...

    A shard holds at most ``shard_size`` Docs (more only when one cable alone has more), so
    memory stays flat however many cables there are; spaCy's corpus reader reads a folder of
    ``.spacy`` files as one corpus. Each folder also gets ``size.json`` (its cables, Docs and
    tokens; see :mod:`cable_ner.budget`), which training plans its steps by. With ``eval_words``, the dev split's evaluation sample is
    written to ``OUT/dev-sample`` too (see :class:`EvalSample`).
    """

    def __init__(self, output_dir: Path, shard_size: int = 20000, eval_words: Optional[int] = None) -> None:
        if shard_size < 1:
            raise ValueError("shard_size must be at least 1")
        self.output_dir = Path(output_dir)
        self.shard_size = shard_size
        self.sample = EvalSample(eval_words) if eval_words is not None else None
        self.folders = [*SPLITS, SAMPLE_SPLIT] if self.sample is not None else list(SPLITS)
        self.shards = {split: Shard() for split in self.folders}
        self.written: Counter = Counter()
        self.sizes = {split: SplitSize() for split in self.folders}
        for split in self.folders:
            folder = self.output_dir / split
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.spacy"):
                old.unlink()  # shards of an earlier run must not mix with this one

    def add(self, split: str, docs: PackedDocs, digest: str = "") -> None:
        """Add one cable's Docs; a cable's Docs stay together in one shard."""
        self._add(split, docs)
        if split == "dev" and self.sample is not None:
            self.sample.offer(digest, docs)

    def _add(self, split: str, docs: PackedDocs) -> None:
        if len(self.shards[split]) and len(self.shards[split]) + len(docs) > self.shard_size:
            self._flush(split)
        self.shards[split].add(docs)
        self.sizes[split] += SplitSize(1, len(docs.lengths), len(docs.tokens))

    def _flush(self, split: str) -> None:
        (self.output_dir / split / f"{self.written[split]:04d}.spacy").write_bytes(self.shards[split].to_bytes())
        self.written[split] += 1
        self.shards[split] = Shard()

    def close(self) -> List[Path]:
        if self.sample is not None:
            for docs in self.sample.cables():
                self._add(SAMPLE_SPLIT, docs)
        for split in self.folders:
            if len(self.shards[split]) or not self.written[split]:
                self._flush(split)
            write_split_size(self.output_dir / split, self.sizes[split])
        return [self.output_dir / split for split in self.folders]
