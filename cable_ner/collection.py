"""One record per tagged cable, and the collection's outputs assembled from the records.

The worker that tags a cable writes its record, ``records/<relative path>.json`` under the
output folder: the cable's id and path, its text's length, whether it came as raw text or in
the tagger's markup, the pipeline's fingerprint, its metadata (:mod:`cable_ner.metadata`), the
model's entities and, for a cable that came in the tagger's markup, the tagger's entities beside
them. Every mention has character offsets into the text (the markup removed), its label, its
text exactly as the cable writes it, its name key and the number of its paragraph.

``entities.jsonl`` (the records in input order), the database (:mod:`cable_ner.database`) and
``summary.json`` are assembled from the records of every cable at the end of a run, streaming,
so a run that resumes still reports every cable and memory stays flat however many there are.
"""
import heapq
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Tuple

import srsly

from .database import DATABASE, build_database
from .markup import MarkupError, Span, parse_markup, read_text_file
from .metadata import Paragraphs, read_metadata
from .outputs import staging_file
from .rules.words import name_key

RECORDS = "records"


class InputCable(NamedTuple):
    """A cable file as ``tag`` reads it: its text, and the tagger's entities when it came in the tagger's markup."""

    text: str
    tagger_spans: Optional[List[Span]]
    bom: bool


def read_input_cable(path: Path, labels: Sequence[str]) -> InputCable:
    """Read a cable to tag: raw text, or the tagger's markup (its markup removed, its entities kept).

    A file is markup when it reads as markup with at least one entity of ``labels``; brackets
    that are text (``[NAME REMOVED]``) make no entity, so such a file is raw text. Raises
    :class:`~cable_ner.markup.MarkupError` for a file that holds no cable text.
    """
    raw = read_text_file(path)
    bom = path.read_bytes()[:3] == b"\xef\xbb\xbf"
    if "[" in raw:
        try:
            parsed = parse_markup(raw, labels, source=str(path))
        except MarkupError:  # brackets that are text, not markup
            parsed = None
        if parsed is not None and parsed.spans:
            return InputCable(parsed.text, parsed.spans, bom)
    return InputCable(raw, None, bom)


def record_path(input_dir: Path, output_dir: Path, path: Path) -> Path:
    """Where the record of the cable at ``path`` (under ``input_dir``) is written."""
    return output_dir / RECORDS / path.relative_to(input_dir).with_suffix(".json")


def cable_id(input_dir: Path, path: Path) -> str:
    """A cable's id in every output: its path under the input folder, without ``.txt``."""
    return path.relative_to(input_dir).with_suffix("").as_posix()


def mentions(text: str, spans: Iterable[Span], paragraphs: Paragraphs) -> List[dict]:
    """The mentions of ``spans``: offsets, label, text as written, name key (case and whitespace
    folded: ``KARZAI``, ``Karzai`` and ``Karzai`` broken over a line are one key, ``karzai``) and paragraph."""
    found = []
    for span in spans:
        surface = text[span.start : span.end]
        found.append({"start": span.start, "end": span.end, "label": span.label, "text": surface,
                      "key": name_key(surface), "paragraph": paragraphs.number_at(span.start)})
    return found


def cable_record(cable: str, relative_path: str, text: str, spans: Sequence[Span], tagger_spans: Optional[Sequence[Span]],
                 fingerprint: str = "", markup_written: bool = True) -> dict:
    """The record of one tagged cable (see the module's docstring)."""
    paragraphs = Paragraphs(text)
    record = {"cable": cable, "path": relative_path, "length": len(text), "input": "raw" if tagger_spans is None else "markup",
              "pipeline": fingerprint, "markup_written": markup_written, "metadata": read_metadata(text, cable.rsplit("/", 1)[-1]),
              "entities": mentions(text, spans, paragraphs)}
    if tagger_spans is not None:
        record["tagger_entities"] = mentions(text, tagger_spans, paragraphs)
    return record


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
    # how many cables came in the tagger's markup, and the tagger's entities of those
    markup_inputs: int = 0
    tagger_entities: Counter = field(default_factory=Counter)
    # cables whose text the bracket markup cannot hold: tagged, in entities.jsonl, no markup file
    markup_not_written: int = 0
    markup_not_written_examples: List[str] = field(default_factory=list)
    # how many cables have each metadata field
    metadata: Counter = field(default_factory=Counter)

    def add(self, record: dict) -> None:
        self.cables += 1
        self.characters += record["length"]
        if record["input"] == "markup":
            self.markup_inputs += 1
            self.tagger_entities.update(entity["label"] for entity in record["tagger_entities"])
        if not record["markup_written"]:
            self.markup_not_written += 1
            if len(self.markup_not_written_examples) < 20:
                self.markup_not_written_examples.append(record["cable"])
        self.metadata.update(name for name, value in record["metadata"].items() if value)
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
                "names_with_two_labels_in_a_cable": {"pairs": self.two_labels, "examples": self.two_label_examples},
                "cables_with_metadata": dict(sorted(self.metadata.items())),
                "cables_in_tagger_markup": {"cables": self.markup_inputs, "tagger_entities": dict(self.tagger_entities.most_common())},
                "markup_not_written": {"cables": self.markup_not_written, "examples": self.markup_not_written_examples}}


def records(input_dir: Path, output_dir: Path, paths: Iterable[Path]) -> Iterator[dict]:
    """The records of every tagged cable, in input order."""
    for path in paths:
        target = record_path(input_dir, output_dir, path)
        if target.exists():
            yield srsly.read_json(target)


def write_collection_outputs(input_dir: Path, output_dir: Path, paths: Sequence[Path], problems: List[dict], words: int,
                             seconds: float, resumed: int = 0, provenance: Optional[dict] = None) -> dict:
    """Write entities.jsonl, the database built from it and summary.json from the records; returns the summary.

    ``resumed`` counts the cables whose output was already up to date and was kept.
    """
    summary = CollectionSummary()

    def counted() -> Iterator[dict]:
        for record in records(input_dir, output_dir, paths):
            summary.add(record)
            yield record

    temporary = staging_file(output_dir)
    srsly.write_jsonl(temporary, counted())
    os.replace(temporary, output_dir / "entities.jsonl")
    database = build_database(output_dir / "entities.jsonl", output_dir / DATABASE, provenance)
    reasons = Counter(problem["reason"].split(" (")[0].split(":")[0] for problem in problems)
    result = {"provenance": provenance or {}, "input_dir": str(input_dir), **summary.to_dict(), "database": database,
              "skipped": {"cables": len(problems), "reasons": dict(reasons.most_common()), "files": problems},
              "this_run": {"tagged": len(paths) - resumed - len(problems), "resumed": resumed,
                           "words_tagged": words, "seconds": round(seconds, 1),
                           "words_per_second": round(words / seconds) if seconds > 0 else None}}
    temporary = staging_file(output_dir)
    srsly.write_json(temporary, result)
    os.replace(temporary, output_dir / "summary.json")
    return result
