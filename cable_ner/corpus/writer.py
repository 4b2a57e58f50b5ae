"""Writing a corpus as split folders of bounded DocBin shards: ``OUT/train/0000.spacy``, ..."""
from collections import Counter
from pathlib import Path
from typing import List

from .docbin import PackedDocs, Shard
from .split import SPLITS


class SplitWriter:
    """Writes each split as a folder of DocBin shards, ``OUT/train/0000.spacy``, ...

    A shard holds at most ``shard_size`` Docs (more only when one cable alone has more), so
    memory stays flat however many cables there are; spaCy's corpus reader reads a folder of
    ``.spacy`` files as one corpus.
    """

    def __init__(self, output_dir: Path, shard_size: int = 20000) -> None:
        if shard_size < 1:
            raise ValueError("shard_size must be at least 1")
        self.output_dir = Path(output_dir)
        self.shard_size = shard_size
        self.shards = {split: Shard() for split in SPLITS}
        self.written: Counter = Counter()
        for split in SPLITS:
            folder = self.output_dir / split
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.spacy"):
                old.unlink()  # shards of an earlier run must not mix with this one

    def add(self, split: str, docs: PackedDocs) -> None:
        """Add one cable's Docs; a cable's Docs stay together in one shard."""
        if len(self.shards[split]) and len(self.shards[split]) + len(docs) > self.shard_size:
            self._flush(split)
        self.shards[split].add(docs)

    def _flush(self, split: str) -> None:
        (self.output_dir / split / f"{self.written[split]:04d}.spacy").write_bytes(self.shards[split].to_bytes())
        self.written[split] += 1
        self.shards[split] = Shard()

    def close(self) -> List[Path]:
        for split in SPLITS:
            if len(self.shards[split]) or not self.written[split]:
                self._flush(split)
        return [self.output_dir / split for split in SPLITS]
