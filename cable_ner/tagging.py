"""Tagging a collection of cables with a trained pipeline: per cable a record and the tagger's markup.

Every cable (``*.txt`` under the input folder: published raw text, the tagger's HTML page form,
or a cable already in the tagger's bracket markup, whose markup is removed and whose entities are
kept beside the model's) gets a record (:mod:`cable_ner.collection`: metadata, entities with
character offsets, paragraphs, name keys) and, where the format can hold its text, the cable in
bracket markup at the same relative path, so that tools that read the tagger's output read ours;
removing that markup gives the cable's text back byte for byte (a BOM, line ends and brackets
that are text included). ``entities.jsonl``, ``summary.json`` and the database are assembled
from the records at the end, so a run that resumes (cables whose record is newer than the cable
and than the pipeline's first output here) still reports every cable.

Workers each load the pipeline once, tag a batch of files, write their outputs atomically and
send back only counts: memory is bounded however many cables there are. What made the outputs
is recorded by :mod:`cable_ner.provenance`.
"""
import multiprocessing
import sys
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Deque, Iterator, List, Optional, Sequence, Tuple

import srsly

from .collection import cable_id, cable_record, read_input_cable, record_path, write_collection_outputs
from .labels import DEFAULT_LABELS
from .markup import MarkupError, Span, write_markup
from .outputs import write_bytes_atomically
from .provenance import pipeline_provenance, start_provenance
from .rules.words import trim_whitespace

CLOSER = "  ]"  # how the tagger closes an entity
_WORKER: dict = {}


@dataclass
class TaggedBatch:
    """What a worker sends back for a batch: cables tagged, words, and the cables it could not tag (read)."""

    tagged: int = 0
    words: int = 0
    problems: List[dict] = field(default_factory=list)


def output_path(input_dir: Path, output_dir: Path, path: Path) -> Path:
    return output_dir / path.relative_to(input_dir)


def cables_to_tag(input_dir: Path, output_dir: Path, paths: Sequence[Path], force: bool, stale_before: float = 0.0) -> List[Path]:
    """The cables whose record is missing, older than the cable, or older than ``stale_before``
    (when the pipeline changed); all of them with ``force``."""
    if force:
        return list(paths)
    todo = []
    for path in paths:
        target = record_path(input_dir, output_dir, path)
        if not target.exists() or target.stat().st_mtime < max(path.stat().st_mtime, stale_before):
            todo.append(path)
    return todo


def entity_spans(doc) -> List[Span]:
    """A Doc's entities as character spans, without whitespace at their edges (the markup cannot hold it)."""
    text = doc.text  # built anew on every access: once per Doc, not per entity
    trimmed = (trim_whitespace(text, Span(entity.start_char, entity.end_char, entity.label_)) for entity in doc.ents)
    return [span for span in trimmed if span is not None]


def load_pipeline(model: str):
    """The pipeline, loaded once per process (a forked worker finds its parent's loaded)."""
    if _WORKER.get("model") != model:
        import spacy

        from . import components  # noqa: F401 (a pipeline folder names the cable components; registered here when the library is not installed)

        _WORKER.update(nlp=spacy.load(model), model=model)
    return _WORKER["nlp"]


def load_worker(model: str, input_dir: Path, output_dir: Path, batch_size: int, fingerprint: str) -> None:
    nlp = load_pipeline(model)
    # a cable in the tagger's markup may use the default labels whatever the model's are
    labels = sorted({*nlp.get_pipe("ner").labels, *DEFAULT_LABELS})
    _WORKER.update(input_dir=input_dir, output_dir=output_dir, batch_size=batch_size, fingerprint=fingerprint, labels=labels)


def forget(input_dir: Path, output_dir: Path, path: Path) -> None:
    """Remove what an earlier run wrote for a cable that cannot be tagged now: no output outlives its cable's text."""
    record_path(input_dir, output_dir, path).unlink(missing_ok=True)
    output_path(input_dir, output_dir, path).unlink(missing_ok=True)


def tag_batch(paths: Sequence[Path]) -> TaggedBatch:
    """Tag a batch of cables with this process's pipeline; write each one's record and, where the
    format can hold its text, its markup (an older markup file of a cable it cannot hold is removed)."""
    nlp, input_dir, output_dir = _WORKER["nlp"], _WORKER["input_dir"], _WORKER["output_dir"]
    labels, fingerprint = _WORKER["labels"], _WORKER["fingerprint"]
    batch = TaggedBatch()
    texts: List[Tuple[str, Tuple[Path, bool, Optional[List[Span]]]]] = []
    for path in paths:
        try:
            cable = read_input_cable(path, labels)
        except MarkupError as error:
            batch.problems.append(error.as_record())
            forget(input_dir, output_dir, path)
            continue
        if len(cable.text) > nlp.max_length:  # spaCy would raise inside nlp.pipe and end the whole run
            forget(input_dir, output_dir, path)
            batch.problems.append({"file": str(path), "line": 1, "column": 1,
                                   "reason": f"the cable has {len(cable.text):,} characters, more than the pipeline's max_length ({nlp.max_length:,})",
                                   "hint": "Split the file into cables of their own, or raise nlp.max_length in the pipeline (its memory grows with the text)."})
            continue
        texts.append((cable.text, (path, cable.bom, cable.tagger_spans)))
    # The words a batch adds to the vocabulary are freed with it: memory stays flat however many
    # cables, and new names, a process tags (nothing of a Doc outlives the zone).
    with nlp.memory_zone():
        for doc, (path, bom, tagger_spans) in nlp.pipe(texts, as_tuples=True, batch_size=_WORKER["batch_size"]):
            text, spans = doc.text, entity_spans(doc)
            markup_file = output_path(input_dir, output_dir, path)
            try:
                markup = write_markup(text, spans, closer=CLOSER)
            except ValueError:  # the text reads as markup: the record holds the entities as offsets
                markup = None
                markup_file.unlink(missing_ok=True)
            if markup is not None:
                write_bytes_atomically(markup_file, ("\ufeff" if bom else "").encode("utf8") + markup.encode("utf8"))
            record = cable_record(cable_id(input_dir, path), path.relative_to(input_dir).as_posix(), text, spans, tagger_spans,
                                  fingerprint, markup_written=markup is not None)
            write_bytes_atomically(record_path(input_dir, output_dir, path), srsly.json_dumps(record).encode("utf8"))
            batch.tagged += 1
            batch.words += len(doc)
    return batch


BATCH_BYTES = 128_000  # a batch's text: what bounds the pipeline's arrays, whatever the cables' lengths


def batches_of(paths: Sequence[Path], size: int, max_bytes: int = BATCH_BYTES) -> Iterator[List[Path]]:
    """Consecutive batches of at most ``size`` cables and about ``max_bytes`` of text (one long cable is a batch)."""
    batch: List[Path] = []
    batch_bytes = 0
    for path in paths:
        length = path.stat().st_size
        if batch and (len(batch) == size or batch_bytes + length > max_bytes):
            yield batch
            batch, batch_bytes = [], 0
        batch.append(path)
        batch_bytes += length
    if batch:
        yield batch


def tag_in_processes(model: str, input_dir: Path, output_dir: Path, paths: Sequence[Path], n_process: int,
                     fingerprint: str = "", batch_size: int = 16, on_batch: Optional[Callable[[int, TaggedBatch], None]] = None) -> List[dict]:
    """Tag ``paths`` with ``n_process`` processes (1: this one); returns the problems met, in order.

    ``on_batch(n_cables, batch)`` is called after every batch (progress). At most four batches
    per worker are in flight, so memory stays flat.
    """
    problems: List[dict] = []

    def done(size: int, batch: TaggedBatch) -> None:
        problems.extend(batch.problems)
        if on_batch is not None:
            on_batch(size, batch)

    load_worker(model, input_dir, output_dir, batch_size, fingerprint)  # loaded once here: forked workers inherit it
    if n_process <= 1:
        for chunk in batches_of(paths, batch_size):
            done(len(chunk), tag_batch(chunk))
        return problems
    # fork is unsafe on macOS (system libraries in the parent); spawn works everywhere, as the components pickle
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else "spawn"
    executor = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context(method), initializer=load_worker,
                                   initargs=(model, input_dir, output_dir, batch_size, fingerprint))
    in_flight: Deque[Tuple[int, Future]] = deque()
    try:
        for chunk in batches_of(paths, batch_size):
            in_flight.append((len(chunk), executor.submit(tag_batch, chunk)))
            if len(in_flight) >= 4 * n_process:
                size, future = in_flight.popleft()
                done(size, future.result())
        while in_flight:
            size, future = in_flight.popleft()
            done(size, future.result())
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
    return problems


def tag_collection(model: str, input_dir: Path, output_dir: Path, paths: Sequence[Path], n_process: int, force: bool,
                   on_batch: Optional[Callable[[int, TaggedBatch], None]] = None,
                   on_replace: Optional[Callable[[dict], None]] = None) -> dict:
    """Tag the cables that need it, then write entities.jsonl, summary.json and the database for all of them.

    A folder tagged with another pipeline (another fingerprint) is tagged again whole; the
    summary's ``replaced`` names what it replaced, and ``on_replace(old_provenance)`` hears of it
    before any cable is tagged.
    """
    nlp = load_pipeline(model)  # loaded once here: forked workers inherit it
    output_dir.mkdir(parents=True, exist_ok=True)
    provenance, replaced = start_provenance(output_dir, pipeline_provenance(nlp))
    if replaced and on_replace is not None:
        on_replace(replaced)
    todo = cables_to_tag(input_dir, output_dir, paths, force, stale_before=provenance["outputs_since"])
    words = 0

    def counted(size: int, batch: TaggedBatch) -> None:
        nonlocal words
        words += batch.words
        if on_batch is not None:
            on_batch(size, batch)

    started = time.perf_counter()
    problems = tag_in_processes(model, input_dir, output_dir, todo, n_process, provenance["fingerprint"], on_batch=counted) if todo else []
    summary = write_collection_outputs(input_dir, output_dir, paths, problems, words, time.perf_counter() - started,
                                       resumed=len(paths) - len(todo), provenance=provenance)
    summary["replaced"] = replaced and {key: replaced.get(key) for key in ("fingerprint", "model", "tagged_at")}
    return summary
