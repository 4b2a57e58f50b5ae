"""Converting batches of cable files, in this process or in worker processes.

A batch travels back as one :class:`ConvertedBatch`: each cable's packed Docs and split, the
batch's counts summed, and the input problems it met. Only input problems (:class:`MarkupError`)
are caught here; any other exception is a bug and propagates, out of a worker process too.
"""
import multiprocessing
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Deque, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from spacy.language import Language

from ..labels import LabelRoles
from ..markup import MarkupError
from ..rules import SpanRule
from .cable_docs import conversion_pipeline, convert_file
from .docbin import PackedDocs
from .ledger import Ledger
from .split import SPLITS, assign_split

_WORKER: dict = {}
# Cables a pipeline converts before this process starts a fresh one: spaCy's vocabulary keeps
# every word form it has seen, so on a whole collection it would grow with the collection.
FRESH_VOCABULARY_EVERY = 4000


@dataclass(frozen=True)
class ConversionSettings:
    """What every cable of one conversion is converted with."""

    lang: str
    labels: Tuple[str, ...]
    rules: Tuple[SpanRule, ...]
    roles: LabelRoles
    translate: Optional[Dict[str, str]]
    dev_fraction: float
    test_fraction: float
    hints: Tuple[str, ...] = ()  # what the rules know beyond the entities, written too (see .hints)


def init_worker(settings: ConversionSettings, nlp: Optional[Language] = None) -> None:
    """Set up the converter of this process; a forked worker finds its parent's pipeline set up."""
    if nlp is not None:
        _WORKER["nlp"] = nlp
    elif _WORKER.get("nlp") is None or _WORKER["nlp"].lang != settings.lang:
        _WORKER["nlp"] = conversion_pipeline(settings.lang)  # takes half a second
    _WORKER["settings"] = settings
    _WORKER["converted"] = 0


@dataclass
class ConvertedBatch:
    """A batch of cables as it travels from a worker: each cable's packed Docs, and the batch's counts.

    Counts travel summed per batch, not per cable: merging a ledger per cable in the parent took
    a fifth of a core, which on a small machine is taken from the workers.
    """

    cables: List[Tuple[str, str, PackedDocs]] = field(default_factory=list)  # (digest, split, docs), in order
    failures: List[MarkupError] = field(default_factory=list)
    text_brackets: Dict[str, int] = field(default_factory=dict)  # cable id -> brackets that are text
    ledger: Ledger = field(default_factory=Ledger)
    per_split: Dict[str, Counter] = field(default_factory=lambda: {split: Counter() for split in SPLITS})
    size: int = 0


def convert_batch(paths: Sequence[Path]) -> ConvertedBatch:
    """Convert a batch of cables with this process's settings (see :func:`init_worker`)."""
    settings: ConversionSettings = _WORKER["settings"]
    if _WORKER["converted"] >= FRESH_VOCABULARY_EVERY:
        _WORKER.update(nlp=conversion_pipeline(settings.lang), converted=0)  # Docs carry their strings: safe
    _WORKER["converted"] += len(paths)
    batch = ConvertedBatch(size=len(paths))
    for path in paths:
        try:
            result = convert_file(_WORKER["nlp"], path, settings.labels, settings.rules, settings.roles, settings.translate,
                                  settings.hints)
        except MarkupError as error:  # a bad cable is reported and skipped; it must not stop the run
            batch.failures.append(error)
            continue
        split = assign_split(result.digest, settings.dev_fraction, settings.test_fraction)
        batch.cables.append((result.digest, split, result.packed))
        batch.ledger.add(result.ledger)
        counts = batch.per_split[split]
        counts["cables"] += 1
        counts["docs"] += len(result.packed)
        counts["tokens"] += len(result.packed.tokens)
        counts.update({f"ent_{label}": n for label, n in result.ledger.converted.items()})
        counts.update({f"entity_tokens_{label}": n for label, n in result.entity_tokens.items()})
        if result.text_brackets:
            batch.text_brackets[result.cable_id] = result.text_brackets
    return batch


def batches_of(paths: Sequence[Path], size: int) -> Iterator[List[Path]]:
    for start in range(0, len(paths), size):
        yield list(paths[start : start + size])


def converted_in_parallel(batches: Iterable[List[Path]], n_process: int, settings: ConversionSettings) -> Iterator[ConvertedBatch]:
    """The batches converted by ``n_process`` worker processes, in order.

    At most four batches per worker are in flight, so memory stays flat however slowly the
    shards are written. ``concurrent.futures`` rather than ``multiprocessing.Pool``: the Pool's
    worker-handler thread wakes up whenever a result waits in its pipe, and on 2 cores its
    thousands of idle turns took 0.2 s of CPU per 1,000 cables from the workers.
    """
    # Forked workers inherit spaCy and the pipeline instead of loading them again (seconds each).
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    executor = ProcessPoolExecutor(n_process, mp_context=context, initializer=init_worker, initargs=(settings,))
    in_flight: Deque[Future] = deque()
    try:
        for batch in batches:
            in_flight.append(executor.submit(convert_batch, batch))
            if len(in_flight) >= 4 * n_process:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
