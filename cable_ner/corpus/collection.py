"""Converting a collection of cable files into train/dev/test folders of DocBin shards.

Cables are converted in batches, in this process or in worker processes, in the order of a hash
of their names (a uniform mix of the collection in every shard), and a cable's split comes from
a hash of its words (:mod:`.split`). Bad input is skipped and
reported (or, with ``strict``, stops the run with its :class:`MarkupError`); every other
exception is a bug and stops the run with its traceback.
"""
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from spacy.language import Language

from ..labels import DEFAULT_ROLES, LabelRoles
from ..markup import MarkupError
from ..rules import SpanRule
from .ledger import Ledger
from .split import SPLITS, mixed_order
from .workers import ConversionSettings, batches_of, convert_batch, converted_in_parallel, init_worker
from .writer import SplitWriter


@dataclass
class CorpusReport:
    """What converting a folder produced: per-split counts, the ledger, bad cables, duplicates."""

    per_split: Dict[str, Counter] = field(default_factory=lambda: {split: Counter() for split in SPLITS})
    ledger: Ledger = field(default_factory=Ledger)
    failures: List[MarkupError] = field(default_factory=list)
    duplicates: int = 0
    text_brackets: Dict[str, int] = field(default_factory=dict)  # cable id -> square brackets that are text
    dev_sample: Counter = field(default_factory=Counter)  # cables and tokens of the dev split's evaluation sample

    def to_dict(self) -> dict:
        return {
            "splits": {split: dict(counts) for split, counts in self.per_split.items()},
            "dev_sample": dict(self.dev_sample),
            "entities": self.ledger.to_dict(),
            "accounting_problems": self.ledger.check(),
            "skipped_cables": len(self.failures),
            "duplicate_cables": self.duplicates,
            "text_brackets": {"cables": len(self.text_brackets), "brackets": sum(self.text_brackets.values()),
                              "per_cable": dict(sorted(self.text_brackets.items()))},
        }

    def ner_labels(self, labels: Sequence[str]) -> Dict[str, Dict[str, int]]:
        """The ``ner`` component's label data, as ``spacy init labels`` writes it from the training split.

        Per action (B, I, L, U), the tokens each label covers in train; OUT and U also hold the
        empty label. Training reads it instead of scanning the corpus for labels.
        """
        counts = {label: self.per_split["train"][f"entity_tokens_{label}"] for label in labels}
        for label in labels:
            counts.setdefault(label, 0)
        begin, inside, last, unit, out = "1", "2", "3", "4", "5"  # spaCy's BILUO actions
        return {"0": {}, begin: dict(counts), inside: dict(counts), last: dict(counts), unit: {**counts, "": 1}, out: {"": 1}}


def corpus_problems(report: CorpusReport, n_files: int, max_rejected: float, dev_fraction: float = 0.1,
                    test_fraction: float = 0.1) -> List[str]:
    """Why a converted corpus cannot be trained and scored on; an empty list when it can.

    A split without cables that was asked for (training would score 0.00 against an empty dev
    set, evaluation would print nothing) and a share of rejected cables above ``max_rejected``
    are problems; ``--dev 0 --test 0`` (everything in train, to look at it) is none.
    """
    problems = []
    rejected = len(report.failures)
    if n_files and rejected / n_files > max_rejected:
        problems.append(f"{rejected} of {n_files} cables ({rejected / n_files:.0%}) were rejected as bad input, "
                        f"more than the {max_rejected:.0%} allowed: fix them, or raise --max-rejected (--vars.max_rejected in spacy project run)")
    converted = sum(report.per_split[split]["cables"] for split in SPLITS)
    wanted = {"train": 1.0 - dev_fraction - test_fraction, "dev": dev_fraction, "test": test_fraction}
    for split in SPLITS:
        if converted and wanted[split] > 0 and not report.per_split[split]["cables"]:
            problems.append(f"the {split} split holds none of the {converted} converted cables: convert more cables "
                            f"(each held-out split takes about its --dev/--test share of them; --vars.dev_fraction and "
                            f"--vars.test_fraction in spacy project run)")
    if not converted:
        problems.append("no cable was converted")
    return problems


def small_splits(report: CorpusReport, min_cables: int = 10, min_tokens: int = 5000) -> List[str]:
    """Held-out splits too small to score on (fewer than ``min_cables`` cables or ``min_tokens`` tokens)."""
    warnings = []
    for split in ("dev", "test"):
        counts = report.per_split[split]
        if counts["cables"] and (counts["cables"] < min_cables or counts["tokens"] < min_tokens):
            warnings.append(f"the {split} split holds {counts['cables']} cables ({counts['tokens']:,} tokens): too few to "
                            f"score on (a score then moves by points with one entity); convert more cables or raise "
                            f"--{split} (--vars.{split}_fraction in spacy project run)")
    return warnings


def convert_corpus(
    paths: Sequence[Path],
    output_dir: Path,
    *,
    labels: Sequence[str],
    rules: Sequence[SpanRule],
    roles: LabelRoles = DEFAULT_ROLES,
    translate: Optional[Dict[str, str]] = None,
    lang: str = "en",
    dev_fraction: float = 0.1,
    test_fraction: float = 0.1,
    n_process: int = 1,
    shard_size: int = 20000,
    strict: bool = False,
    progress: Optional[object] = None,
    batch_size: int = 8,
    nlp: Optional[Language] = None,
    eval_words: Optional[int] = None,
    hints: Sequence[str] = (),
) -> CorpusReport:
    """Convert cable files into split folders of DocBins under ``output_dir``; return the report.

    ``roles`` are the labels the rules write (see :mod:`cable_ner.labels`). With ``strict``, the
    first bad cable raises its :class:`MarkupError`; otherwise bad cables are
    skipped and listed in ``report.failures``. ``nlp`` is the pipeline whose tokenizer makes the
    Docs (default: :func:`~.cable_docs.conversion_pipeline` for ``lang``, made once per process).
    ``progress`` is told ``update(n)`` after every ``n`` cables (a tqdm bar, say). With
    ``eval_words``, the dev split's evaluation sample of at most that many tokens (0: all) is
    written to ``output_dir/dev-sample`` (see :class:`~.writer.EvalSample`). ``hints`` names
    what the rules know beyond the entities to write too (:mod:`.hints`).
    """
    report = CorpusReport()
    paths = mixed_order(paths)
    settings = ConversionSettings(lang, tuple(labels), tuple(rules), roles, translate, dev_fraction, test_fraction,
                                  tuple(hints))
    init_worker(settings, nlp=nlp)
    writer = SplitWriter(output_dir, shard_size, eval_words)
    seen: set = set()
    if n_process > 1:
        batches = converted_in_parallel(batches_of(paths, batch_size), n_process, settings)
    else:
        batches = map(convert_batch, batches_of(paths, batch_size))
    try:
        for batch in batches:
            if progress is not None:
                progress.update(batch.size)  # type: ignore[attr-defined]
            if batch.failures and strict:
                raise batch.failures[0]
            report.failures.extend(batch.failures)
            report.text_brackets.update(batch.text_brackets)
            for digest, split, docs in batch.cables:
                if digest in seen:
                    report.duplicates += 1
                seen.add(digest)
                writer.add(split, docs, digest)
            report.ledger.add(batch.ledger)
            for split, counts in batch.per_split.items():
                report.per_split[split].update(counts)
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()  # stops the workers when a run ends early
    writer.close()
    report.failures.sort(key=lambda failure: failure.source)  # reported in the order the user's files sort in
    if writer.sample is not None:
        sampled = writer.sample.cables()
        report.dev_sample.update(cables=len(sampled), docs=sum(map(len, sampled)), tokens=writer.sample.words)
    return report
