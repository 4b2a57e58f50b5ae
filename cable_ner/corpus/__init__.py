"""The corpus: annotated cables converted to train/dev/test folders of DocBin shards.

- :mod:`.cable_docs`: one cable to its paragraph Docs, with its entity ledger
- :mod:`.ledger`: per-label accounting of every entity read, fixed, converted or dropped
- :mod:`.split`: which split a cable belongs to (a hash of its words)
- :mod:`.docbin`: DocBin columns and shard bytes (the one module that knows DocBin's layout)
- :mod:`.writer`: split folders of bounded shards
- :mod:`.workers`: converting batches, in worker processes too
- :mod:`.collection`: converting a whole folder (:func:`convert_corpus`)
"""
from .cable_docs import CableDocs, annotated_to_docs, conversion_pipeline, convert_file
from .collection import CorpusReport, convert_corpus, corpus_problems
from .docbin import read_split
from .ledger import Ledger
from .split import SPLITS, assign_split, content_hash

__all__ = [
    "SPLITS", "CableDocs", "CorpusReport", "Ledger", "annotated_to_docs", "assign_split",
    "content_hash", "conversion_pipeline", "convert_corpus", "corpus_problems", "convert_file", "read_split",
]
