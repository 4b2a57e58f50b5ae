"""Tagging a collection of raw cables with a trained pipeline, in the tagger's own output format.

For every cable (``*.txt`` under the input folder, published raw text or the tagger's HTML page
form) it writes the cable in bracket markup at the same relative path, so that tools that read
the tagger's output read ours and ``convert`` reads it back; removing the markup gives the input
back byte for byte (a BOM, line ends and brackets that are text included). ``entities.jsonl``
(one record per cable: id, text length, entities with character offsets into the text, label
and text) and ``summary.json`` are written from the markup files at the end, so a run that
resumes (cables whose output is newer than their input are skipped) still reports every cable.

Workers each load the pipeline once, tag a batch of files, write their outputs atomically and
send back only counts: memory is bounded however many cables there are.

Every output names what made it (:func:`pipeline_provenance`: the model's name, version and a
hash of its files, the span rules and their code, the tool's versions, the time):
``provenance.json`` beside the outputs, the fingerprint in every ``entities.jsonl`` record and
the whole record in ``summary.json``. A run with another model or rule set re-tags every cable
whose output is older than the switch, so a collection never mixes two models.
"""
import hashlib
import heapq
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter, deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Deque, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

import srsly

from .markup import MarkupError, Span, read_cable_file, read_text_file, write_markup
from .rules.words import name_key, trim_whitespace

CLOSER = "  ]"  # how the tagger closes an entity
_WORKER: dict = {}


@dataclass
class TaggedBatch:
    """What a worker sends back for a batch: cables tagged, words, and the cables it could not tag."""

    tagged: int = 0
    words: int = 0
    problems: List[dict] = field(default_factory=list)


def output_path(input_dir: Path, output_dir: Path, path: Path) -> Path:
    return output_dir / path.relative_to(input_dir)


def cables_to_tag(input_dir: Path, output_dir: Path, paths: Sequence[Path], force: bool, stale_before: float = 0.0) -> List[Path]:
    """The cables whose output is missing, older than the cable, or older than ``stale_before``
    (when the pipeline changed); all of them with ``force``."""
    if force:
        return list(paths)
    todo = []
    for path in paths:
        target = output_path(input_dir, output_dir, path)
        if not target.exists() or target.stat().st_mtime < max(path.stat().st_mtime, stale_before):
            todo.append(path)
    return todo


def _files_digest(folder: Path, pattern: str = "*") -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode("utf8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def pipeline_provenance(nlp) -> dict:
    """What tags: the model (package name, version, a hash of its config and weights), the span
    rules (those switched on, a hash of the code that runs them) and the tool's versions.

    ``fingerprint`` hashes the model's files and the rules' code: two runs with one fingerprint
    wrote the same entities for the same cable.
    """
    import inspect

    import spacy

    from . import __version__

    meta = nlp.meta
    model_hash = _files_digest(Path(nlp.path)) if nlp.path else hashlib.sha256(nlp.config.to_str().encode("utf8")).hexdigest()
    span_rules = nlp.get_pipe("span_rules") if "span_rules" in nlp.pipe_names else None
    rules = [rule.name for rule in span_rules.rules] if span_rules is not None else []  # as they run, in order
    rules_hash = _files_digest(Path(inspect.getfile(type(span_rules))).parent, "*.py") if span_rules is not None else ""
    return {"fingerprint": hashlib.sha256((model_hash + rules_hash).encode("utf8")).hexdigest()[:16],
            "model": {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version", ""),
                      "path": str(nlp.path or ""), "sha256": model_hash},
            "span_rules": {"rules": rules, "code_sha256": rules_hash},
            "tool": {"cable_ner": __version__, "spacy": spacy.__version__}}


def start_provenance(output_dir: Path, provenance: dict) -> Tuple[dict, Optional[dict]]:
    """Record in ``provenance.json`` what tags this run; returns the record and the one it replaces, if another.

    ``outputs_since`` is when this pipeline started writing the folder: an output older than
    that came from another model or rule set.
    """
    path = output_dir / "provenance.json"
    before = srsly.read_json(path) if path.exists() else None
    now = time.time()
    same = before is not None and before.get("fingerprint") == provenance["fingerprint"]
    record = {**provenance, "outputs_since": before["outputs_since"] if same else now,
              "tagged_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(now))}
    write_atomically(path, srsly.json_dumps(record, indent=2).encode("utf8"))
    return record, None if same else before


def entity_spans(doc) -> List[Span]:
    """A Doc's entities as character spans, without whitespace at their edges (the markup cannot hold it)."""
    text = doc.text  # built anew on every access: once per Doc, not per entity
    trimmed = (trim_whitespace(text, Span(entity.start_char, entity.end_char, entity.label_)) for entity in doc.ents)
    return [span for span in trimmed if span is not None]


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".staging-{os.getpid()}-", dir=path.parent)
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


def load_pipeline(model: str):
    """The pipeline, loaded once per process (a forked worker finds its parent's loaded)."""
    if _WORKER.get("model") != model:
        import spacy

        from . import components  # noqa: F401 (a pipeline folder names the cable components; registered here when the library is not installed)

        _WORKER.update(nlp=spacy.load(model), model=model)
    return _WORKER["nlp"]


def load_worker(model: str, input_dir: Path, output_dir: Path, batch_size: int) -> None:
    load_pipeline(model)
    _WORKER.update(input_dir=input_dir, output_dir=output_dir, batch_size=batch_size)


def tag_batch(paths: Sequence[Path]) -> TaggedBatch:
    """Tag a batch of cables with this process's pipeline and write each one's markup."""
    nlp, input_dir, output_dir = _WORKER["nlp"], _WORKER["input_dir"], _WORKER["output_dir"]
    batch = TaggedBatch()
    texts: List[Tuple[str, Tuple[Path, bool]]] = []
    for path in paths:
        try:
            text = read_text_file(path)
        except MarkupError as error:
            batch.problems.append(error.as_record())
            continue
        if len(text) > nlp.max_length:  # spaCy would raise inside nlp.pipe and end the whole run
            batch.problems.append({"file": str(path), "line": 1, "column": 1,
                                   "reason": f"the cable has {len(text):,} characters, more than the pipeline's max_length ({nlp.max_length:,})",
                                   "hint": "Split the file into cables of their own, or raise nlp.max_length in the pipeline (its memory grows with the text)."})
            continue
        texts.append((text, (path, path.read_bytes()[:3] == b"\xef\xbb\xbf")))
    # The words a batch adds to the vocabulary are freed with it: memory stays flat however many
    # cables, and new names, a process tags (nothing of a Doc outlives the zone).
    with nlp.memory_zone():
        for doc, (path, bom) in nlp.pipe(texts, as_tuples=True, batch_size=_WORKER["batch_size"]):
            try:
                markup = write_markup(doc.text, entity_spans(doc), closer=CLOSER)
            except ValueError as error:
                batch.problems.append({"file": str(path), "line": 1, "column": 1, "reason": str(error),
                                       "hint": "The cable's text holds what the bracket markup reads as markup; tag it with "
                                               "spacy.load and keep the entities as offsets (entities.jsonl cannot be written for it)."})
                continue
            write_atomically(output_path(input_dir, output_dir, path), ("\ufeff" if bom else "").encode("utf8") + markup.encode("utf8"))
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
                     batch_size: int = 16, on_batch: Optional[Callable[[int, TaggedBatch], None]] = None) -> List[dict]:
    """Tag ``paths`` with ``n_process`` processes (1: this one); returns the problems met, in order.

    ``on_batch(n_cables, batch)`` is called after every batch (progress). At most four batches
    per worker are in flight, so memory stays flat.
    """
    problems: List[dict] = []

    def done(size: int, batch: TaggedBatch) -> None:
        problems.extend(batch.problems)
        if on_batch is not None:
            on_batch(size, batch)

    load_worker(model, input_dir, output_dir, batch_size)  # loaded once here: forked workers inherit it
    if n_process <= 1:
        for chunk in batches_of(paths, batch_size):
            done(len(chunk), tag_batch(chunk))
        return problems
    # fork is unsafe on macOS (system libraries in the parent); spawn works everywhere, as the components pickle
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" else "spawn"
    executor = ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context(method), initializer=load_worker,
                                   initargs=(model, input_dir, output_dir, batch_size))
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


class TopNames:
    """The most frequent names of one label, in bounded memory.

    Names are counted exactly until there are ``2 * capacity`` of them; then only the
    ``capacity`` most frequent are kept, and counting goes on. A name among the top few of a
    collection is never pruned, and its count is short by at most what it had when it was last
    pruned; the cost is a sort every ``capacity`` new names, never a scan per mention.
    """

    def __init__(self, capacity: int = 2000) -> None:
        self.capacity = capacity
        self.counts: Dict[str, int] = {}

    def add(self, name: str) -> None:
        self.counts[name] = self.counts.get(name, 0) + 1
        if len(self.counts) > 2 * self.capacity:
            self.counts = dict(heapq.nlargest(self.capacity, self.counts.items(), key=lambda item: item[1]))

    def top(self, n: int) -> List[Tuple[str, int]]:
        return heapq.nlargest(n, self.counts.items(), key=lambda item: (item[1], item[0]))


@dataclass
class CollectionSummary:
    """Counts over the tagged collection: cables, words, entities per label, the most frequent names
    (per label as written, and with case and whitespace folded across labels)."""

    cables: int = 0
    characters: int = 0
    entities: Counter = field(default_factory=Counter)
    names: Dict[str, TopNames] = field(default_factory=dict)
    # (cable, name) pairs whose mentions carry two labels, case and whitespace folded: the span
    # rules' vote gives a name one label per cable, so this stays empty (a few kept as examples)
    two_labels: int = 0
    two_label_examples: List[dict] = field(default_factory=list)
    # names compared with case and whitespace folded, whatever their label, and their labels
    folded_names: TopNames = field(default_factory=TopNames)
    folded_labels: TopNames = field(default_factory=lambda: TopNames(capacity=8000))

    def add(self, record: dict) -> None:
        self.cables += 1
        self.characters += record["length"]
        labels_of: Dict[str, set] = {}
        for entity in record["entities"]:
            self.entities[entity["label"]] += 1
            folded = entity["key"]
            self.names.setdefault(entity["label"], TopNames()).add(folded)
            labels_of.setdefault(folded, set()).add(entity["label"])
            self.folded_names.add(folded)
            self.folded_labels.add(f"{folded}\t{entity['label']}")
        for name, labels in labels_of.items():
            if len(labels) > 1:
                self.two_labels += 1
                if len(self.two_label_examples) < 20:
                    self.two_label_examples.append({"cable": record["cable"], "name": name, "labels": sorted(labels)})

    def to_dict(self, top: int = 20) -> dict:
        return {"cables": self.cables, "characters": self.characters, "entities": dict(self.entities.most_common()),
                "most_frequent_names": {label: [{"name": n, "mentions": c} for n, c in names.top(top)]
                                        for label, names in sorted(self.names.items())},
                "most_frequent_names_folded": [
                    {"name": name, "mentions": count,
                     "labels": {label: self.folded_labels.counts.get(f"{name}\t{label}", 0) for label in sorted(self.entities)
                                if self.folded_labels.counts.get(f"{name}\t{label}")}}
                    for name, count in self.folded_names.top(top)],
                "names_with_two_labels_in_a_cable": {"pairs": self.two_labels, "examples": self.two_label_examples}}


def cable_record(cable_id: str, markup_path: Path, labels: Sequence[str], fingerprint: str = "") -> dict:
    """The JSONL record of one tagged cable, read back from its markup.

    Each entity's ``text`` is as the cable writes it; ``key`` is the name to group by, case and
    whitespace (line breaks too) folded (:func:`~cable_ner.rules.words.name_key`):
    ``KARZAI``, ``Karzai`` and ``Karzai`` broken over a line are one key, ``karzai``.
    """
    annotated = read_cable_file(markup_path, labels)
    entities = []
    for span in annotated.spans:
        text = annotated.text[span.start : span.end]
        entities.append({"start": span.start, "end": span.end, "label": span.label, "text": text, "key": name_key(text)})
    return {"cable": cable_id, "length": len(annotated.text), "pipeline": fingerprint, "entities": entities}


def records(input_dir: Path, output_dir: Path, paths: Iterable[Path], labels: Sequence[str], fingerprint: str = "") -> Iterator[dict]:
    """The records of every cable with markup output, in input order."""
    for path in paths:
        target = output_path(input_dir, output_dir, path)
        if target.exists():
            yield cable_record(str(path.relative_to(input_dir).with_suffix("")), target, labels, fingerprint)


def write_collection_outputs(input_dir: Path, output_dir: Path, paths: Sequence[Path], labels: Sequence[str],
                             problems: List[dict], words: int, seconds: float, resumed: int = 0,
                             provenance: Optional[dict] = None) -> dict:
    """Write entities.jsonl and summary.json from the markup outputs; returns the summary.

    `resumed` counts the cables whose markup was already up to date and was kept.
    """
    summary = CollectionSummary()
    fingerprint = (provenance or {}).get("fingerprint", "")

    def counted() -> Iterator[dict]:
        for record in records(input_dir, output_dir, paths, labels, fingerprint):
            summary.add(record)
            yield record

    handle, temporary = tempfile.mkstemp(prefix=f".staging-{os.getpid()}-", dir=output_dir)
    os.close(handle)
    srsly.write_jsonl(temporary, counted())
    os.replace(temporary, output_dir / "entities.jsonl")
    reasons = Counter(problem["reason"].split(" (")[0].split(":")[0] for problem in problems)
    result = {"provenance": provenance or {}, **summary.to_dict(), "skipped": {"cables": len(problems), "reasons": dict(reasons.most_common()),
                                               "files": problems},
              "this_run": {"tagged": len(paths) - resumed - len(problems), "resumed": resumed,
                           "words_tagged": words, "seconds": round(seconds, 1),
                           "words_per_second": round(words / seconds) if seconds > 0 else None}}
    handle, temporary = tempfile.mkstemp(prefix=f".staging-{os.getpid()}-", dir=output_dir)
    os.close(handle)
    srsly.write_json(temporary, result)
    os.replace(temporary, output_dir / "summary.json")
    return result


def tag_collection(model: str, input_dir: Path, output_dir: Path, paths: Sequence[Path], n_process: int, force: bool,
                   on_batch: Optional[Callable[[int, TaggedBatch], None]] = None) -> dict:
    """Tag the cables that need it, then write entities.jsonl and summary.json for all of them.

    A folder tagged with another pipeline (another fingerprint) is tagged again whole; the
    summary's ``replaced`` names what it replaced.
    """
    nlp = load_pipeline(model)  # loaded once here: forked workers inherit it
    labels = list(nlp.get_pipe("ner").labels)
    output_dir.mkdir(parents=True, exist_ok=True)
    provenance, replaced = start_provenance(output_dir, pipeline_provenance(nlp))
    todo = cables_to_tag(input_dir, output_dir, paths, force, stale_before=provenance["outputs_since"])
    words = 0

    def counted(size: int, batch: TaggedBatch) -> None:
        nonlocal words
        words += batch.words
        if on_batch is not None:
            on_batch(size, batch)

    started = time.perf_counter()
    problems = tag_in_processes(model, input_dir, output_dir, todo, n_process, on_batch=counted) if todo else []
    summary = write_collection_outputs(input_dir, output_dir, paths, labels, problems, words,
                                       time.perf_counter() - started, resumed=len(paths) - len(todo), provenance=provenance)
    summary["replaced"] = replaced and {key: replaced.get(key) for key in ("fingerprint", "model", "tagged_at")}
    return summary
