"""Turn annotated cables into spaCy training Docs, with an account of every entity.

This module owns the path from one cable file to its Docs: read the markup, fix the spans
(:mod:`span_rules`), clean the text (:mod:`cable_text`), tokenize it with spaCy's own tokenizer
and cut it into paragraph Docs, align every span to tokens, pack the Docs as DocBin columns, and
assign the cable to a split by a hash of its text, so that the split is stable when cables are
added and identical cables share a split.

Accounting, per label: ``read + rule changes = after rules = converted + dropped (by reason)``.
:class:`Ledger` holds those counts; :meth:`Ledger.check` verifies the identity.
"""
import hashlib
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Deque, Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

import numpy
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.tokens import Span as DocSpan
from spacy.tokens._dict_proxies import SpanGroups
from spacy.strings import StringStore
from spacy.vocab import Vocab
from spacy.util import filter_spans
from srsly import msgpack as srsly_msgpack

from .cable_text import clean_cable, paragraphs
from .markup import DEFAULT_LABELS, AnnotatedText, MarkupError, Span, read_cable_file
from .span_rules import FixResult, apply_rules

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


@dataclass
class Ledger:
    """Counts of entities and fixes, per label, for one cable or a whole corpus."""

    read: Counter = field(default_factory=Counter)
    after_rules: Counter = field(default_factory=Counter)
    converted: Counter = field(default_factory=Counter)
    dropped: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    repaired: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    rule_changes: Counter = field(default_factory=Counter)
    rule_net: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, other: "Ledger") -> None:
        self.read.update(other.read)
        self.after_rules.update(other.after_rules)
        self.converted.update(other.converted)
        self.rule_changes.update(other.rule_changes)
        for mine, theirs in ((self.dropped, other.dropped), (self.repaired, other.repaired), (self.rule_net, other.rule_net)):
            for key, counts in theirs.items():
                mine[key].update(counts)

    def dropped_total(self) -> Counter:
        total: Counter = Counter()
        for counts in self.dropped.values():
            total.update(counts)
        return total

    def check(self) -> List[str]:
        """Problems with the accounting identity (an empty list when every entity is accounted for)."""
        problems = []
        labels = set(self.read) | set(self.after_rules) | set(self.converted) | set(self.dropped_total())
        for label in sorted(labels):
            net = sum(counts[label] for counts in self.rule_net.values())
            if self.read[label] + net != self.after_rules[label]:
                problems.append(f"{label}: read {self.read[label]} + rule changes {net} != after rules {self.after_rules[label]}")
            if self.after_rules[label] != self.converted[label] + self.dropped_total()[label]:
                problems.append(
                    f"{label}: after rules {self.after_rules[label]} != converted {self.converted[label]}"
                    f" + dropped {self.dropped_total()[label]}"
                )
        return problems

    def to_dict(self) -> dict:
        return {
            "read": dict(self.read),
            "after_rules": dict(self.after_rules),
            "converted": dict(self.converted),
            "dropped": {reason: dict(c) for reason, c in sorted(self.dropped.items())},
            "repaired": {reason: dict(c) for reason, c in sorted(self.repaired.items())},
            "rule_changes": dict(self.rule_changes),
            "rule_net_per_label": {rule: dict(c) for rule, c in sorted(self.rule_net.items())},
        }


DOC_ATTRS = ("ORTH", "ENT_IOB", "ENT_TYPE")


def new_doc_bin() -> DocBin:
    return DocBin(attrs=list(DOC_ATTRS), store_user_data=True)


_COLUMNS = new_doc_bin().attrs  # in DocBin's own column order
_USER_DATA_PACKER = srsly_msgpack.Packer(autoreset=True)
# srsly.msgpack_dumps looks up its encoder registry per call, which took as long as packing a shard.
_SHARD_PACKER = srsly_msgpack.Packer(use_bin_type=True, autoreset=True)
_NO_SPAN_GROUPS = SpanGroups._EMPTY_BYTES  # what get_docs reads as "no span groups"


@dataclass
class PackedDocs:
    """One cable's Docs as DocBin columns: token arrays, spaces, user data, and the strings they use.

    The converter writes these columns without making a Doc per paragraph: ``DocBin.add`` adds
    nine strings per token and builds a msgpack packer per Doc, and a DocBin per cable costs a
    compress and decompress on its way from a worker. These columns pickle cheaply (one array per
    cable, not per Doc: each array costs its own pickling) and :class:`SplitWriter` appends them
    to a shard's DocBin as they are; the shard file is an ordinary DocBin.
    """

    tokens: numpy.ndarray  # the rows of every Doc's tokens, one Doc after another
    spaces: numpy.ndarray  # a row per token: whether a space follows it
    lengths: List[int]  # tokens per Doc
    user_data: List[bytes]
    strings: Set[str]

    def __len__(self) -> int:
        return len(self.lengths)


def append_packed(doc_bin: DocBin, packed: PackedDocs) -> None:
    """Append packed Docs to a DocBin, filling the columns that are the same for every paragraph."""
    count = len(packed)
    start = 0
    for length in packed.lengths:
        doc_bin.tokens.append(packed.tokens[start : start + length])
        doc_bin.spaces.append(packed.spaces[start : start + length])
        start += length
    doc_bin.user_data.extend(packed.user_data)
    doc_bin.strings.update(packed.strings)
    doc_bin.flags.extend({"has_unknown_spaces": False} for _ in range(count))
    doc_bin.cats.extend({} for _ in range(count))
    doc_bin.span_groups.extend([_NO_SPAN_GROUPS] * count)


@dataclass
class CableDocs:
    """What converting one cable produced: its paragraphs as packed DocBin columns, and its counts."""

    cable_id: str
    digest: str
    packed: PackedDocs
    ledger: Ledger
    vocab: Vocab

    @property
    def docs(self) -> List[Doc]:
        """The paragraph Docs, read back from the packed columns as spaCy's corpus reader reads them."""
        doc_bin = new_doc_bin()
        append_packed(doc_bin, self.packed)
        return list(doc_bin.get_docs(self.vocab))


def _rule_net(fix: FixResult) -> Dict[str, Counter]:
    """Per rule and label, how many spans its changes added (+) or removed (-)."""
    net: Dict[str, Counter] = defaultdict(Counter)
    for change in fix.changes:
        for span in change.before:
            net[change.rule][span.label] -= 1
        for span in change.after:
            net[change.rule][span.label] += 1
    return net


def annotated_to_docs(
    nlp: Language, cable_id: str, annotated: AnnotatedText, rules: Sequence[str]
) -> CableDocs:
    """Fix, clean, split and tokenize one cable; account for every entity.

    The cleaned cable is tokenized once and its paragraphs are cut out of the token columns:
    paragraphs start and end at whitespace, where spaCy's tokenizer always cuts, so each
    paragraph's tokens are those it would get alone (tested), and a Doc per paragraph cost more
    than tokenizing it.
    """
    ledger = Ledger()
    ledger.read.update(span.label for span in annotated.spans)
    fix = apply_rules(annotated.text, annotated.spans, rules)
    ledger.after_rules.update(span.label for span in fix.spans)
    ledger.rule_changes.update(fix.counts())
    for rule_name, counts in _rule_net(fix).items():
        ledger.rule_net[rule_name].update(counts)
    cleaned = clean_cable(annotated.text, fix.spans)
    for span, reason in cleaned.dropped:
        ledger.dropped[reason][span.label] += 1

    doc = nlp.make_doc(cleaned.text)
    columns = doc.to_array([IDX, LENGTH, ORTH, SPACY])
    starts = columns[:, 0].tolist()
    ends = (columns[:, 0] + columns[:, 1]).tolist()
    token_ranges: List[Tuple[int, int]] = []
    inside: List[Span] = []
    pending = sorted(cleaned.spans)
    cursor = 0
    for start, end in paragraphs(cleaned.text):
        first, last = bisect_left(starts, start), bisect_left(ends, end)
        if starts[first] != start or ends[last] != end:
            raise RuntimeError(f"paragraph {start}:{end} of {cable_id} does not start and end at token boundaries")
        token_ranges.append((first, last + 1))
        while cursor < len(pending) and pending[cursor].start < end:
            span = pending[cursor]
            cursor += 1
            if span.start >= start and span.end <= end:
                inside.append(span)
            else:
                ledger.dropped["crosses_paragraph"][span.label] += 1
    for span in pending[cursor:]:
        ledger.dropped["outside_paragraphs"][span.label] += 1
    entities = _align_entities(doc, starts, ends, inside, ledger)
    packed = _pack_paragraphs(cleaned.text, columns, entities, token_ranges, cable_id, doc.vocab.strings)
    return CableDocs(cable_id, content_hash(annotated.text), packed, ledger, nlp.vocab)


def _align_entities(doc: Doc, starts: List[int], ends: List[int], spans: List[Span], ledger: Ledger) -> List[Tuple[int, int, str]]:
    """The token ranges of ``spans`` in ``doc``: a span inside a token is expanded to it, a clash is dropped.

    ``starts`` and ``ends`` are the tokens' character offsets. Spans that fit token boundaries
    (nearly all) are found by bisecting them; ``doc.char_span`` for each span took a tenth of the run.
    """
    n_tokens = len(doc)
    aligned: List[Tuple[int, int, str]] = []
    for span in spans:
        first, last = bisect_left(starts, span.start), bisect_left(ends, span.end)
        if first == n_tokens or last == n_tokens or starts[first] != span.start or ends[last] != span.end:
            entity = doc.char_span(span.start, span.end, label=span.label, alignment_mode="expand")
            if entity is None:
                ledger.dropped["misaligned"][span.label] += 1
                continue
            ledger.repaired["expanded_to_token_boundary"][span.label] += 1
            first, last = entity.start, entity.end - 1
        aligned.append((first, last + 1, span.label))
    kept = aligned
    if any(later[0] < earlier[1] for earlier, later in zip(aligned, aligned[1:])):  # only after expanding
        kept = [(e.start, e.end, e.label_) for e in filter_spans([DocSpan(doc, *entity) for entity in aligned])]
        clashes = Counter(label for _, _, label in aligned) - Counter(label for _, _, label in kept)
        ledger.dropped["overlaps_after_alignment"].update(clashes)
    ledger.converted.update(label for _, _, label in kept)
    return kept


def _pack_paragraphs(
    text: str,
    columns: numpy.ndarray,
    entities: List[Tuple[int, int, str]],
    token_ranges: List[Tuple[int, int]],
    cable_id: str,
    string_store: StringStore,
) -> PackedDocs:
    """The paragraphs of a tokenized cable as DocBin columns: for each, what ``DocBin.add`` writes for its Doc.

    ``columns`` holds IDX, LENGTH, ORTH and SPACY of every token of ``text``; ``entities`` and
    ``token_ranges`` (the paragraphs) are token ranges into it. The whitespace tokens between
    paragraphs are left out.
    """
    tokens = numpy.zeros((len(columns), len(_COLUMNS)), dtype="uint64")
    tokens[:, _COLUMNS.index(ORTH)] = columns[:, 2]
    iob = tokens[:, _COLUMNS.index(ENT_IOB)]
    types = tokens[:, _COLUMNS.index(ENT_TYPE)]
    iob[:] = 2  # "O": outside any entity, as setting doc.ents leaves the other tokens
    for first, end, label in entities:
        iob[first] = 3  # "B"
        iob[first + 1 : end] = 1  # "I"
        types[first:end] = string_store.add(label)
    spaces = columns[:, 3:4].astype(bool)
    in_paragraph = numpy.zeros(len(columns), dtype=bool)
    strings = {label for _, _, label in entities}
    starts = columns[:, 0].tolist()
    ends = (columns[:, 0] + columns[:, 1]).tolist()
    for first, end in token_ranges:
        spaces[end - 1] = False  # a paragraph's last token, alone, has no space after it
        in_paragraph[first:end] = True
        strings.update(map(text.__getitem__, map(slice, starts[first:end], ends[first:end])))  # the tokens' texts
    return PackedDocs(
        tokens=tokens[in_paragraph],
        spaces=spaces[in_paragraph],
        lengths=[end - first for first, end in token_ranges],
        user_data=[_USER_DATA_PACKER.pack({"cable_id": cable_id, "paragraph": index}) for index in range(len(token_ranges))],
        strings=strings,
    )


def convert_file(
    nlp: Language, path: Path, labels: Sequence[str] = DEFAULT_LABELS, rules: Sequence[str] = ()
) -> CableDocs:
    """Convert one cable file; raises :class:`MarkupError` for bad input."""
    annotated = read_cable_file(path, labels)
    if not annotated.text.strip():
        raise MarkupError(str(path), 1, 1, "empty file", "Remove the file or add the cable's text.")
    return annotated_to_docs(nlp, Path(path).stem, annotated, rules)


def doc_bin_bytes(doc_bin: DocBin, level: int = 1) -> bytes:
    """What ``doc_bin.to_bytes()`` writes, compressed at zlib ``level`` instead of spaCy's 6.

    Writing shards is the one serial step of a parallel conversion, and compressing took two
    thirds of it; level 1 is three times faster for files a sixth larger. The message inside is
    byte for byte spaCy's (tested), so ``DocBin.from_bytes`` and spaCy's corpus reader read it.
    """
    empty = numpy.asarray([])
    # The arrays are two-dimensional already: concatenate is vstack without a call per array.
    message = {
        "version": doc_bin.version,
        "attrs": doc_bin.attrs,
        "tokens": (numpy.concatenate(doc_bin.tokens) if doc_bin.tokens else empty).tobytes("C"),
        "spaces": (numpy.concatenate(doc_bin.spaces) if doc_bin.spaces else empty).tobytes("C"),
        "lengths": numpy.asarray([len(tokens) for tokens in doc_bin.tokens], dtype="int32").tobytes("C"),
        "strings": sorted(doc_bin.strings),
        "cats": doc_bin.cats,
        "flags": doc_bin.flags,
        "span_groups": doc_bin.span_groups,
    }
    if doc_bin.store_user_data:
        message["user_data"] = doc_bin.user_data
    return zlib.compress(_SHARD_PACKER.pack(message), level)


def cable_files(input_dir: Path) -> List[Path]:
    """The cable files of a folder (``*.txt``, recursively), in a stable order."""
    return sorted(p for p in Path(input_dir).rglob("*.txt") if p.is_file())


def failure_record(error: Exception, path: Path) -> dict:
    if isinstance(error, MarkupError):
        return error.as_record()
    return {"file": str(path), "line": 0, "column": 0, "reason": f"internal error {type(error).__name__}: {error}",
            "hint": "This is a bug in the converter: please report it with the file."}


@dataclass
class CorpusReport:
    """What converting a folder produced: per-split counts, the ledger, problems, duplicates."""

    per_split: Dict[str, Counter] = field(default_factory=lambda: {split: Counter() for split in SPLITS})
    ledger: Ledger = field(default_factory=Ledger)
    failures: List[dict] = field(default_factory=list)
    duplicates: int = 0

    def to_dict(self) -> dict:
        return {
            "splits": {split: dict(counts) for split, counts in self.per_split.items()},
            "entities": self.ledger.to_dict(),
            "accounting_problems": self.ledger.check(),
            "skipped_cables": len(self.failures),
            "duplicate_cables": self.duplicates,
        }


_WORKER: dict = {}


def conversion_pipeline(lang: str = "en") -> Language:
    """A blank pipeline whose tokenizer gives spaCy's tokens for ``lang`` faster.

    spaCy's tokenizer stops caching a Doc's chunks once it has met one special case (see
    ``Tokenizer._save_cached``), and whitespace (" ", "\\n", "\\t", no-break space) is a special
    case: in hard-wrapped cables the first line break turned the cache off for the rest of each
    paragraph. Without those entries whitespace tokenizes exactly as before (tested), and
    tokenizing takes a third less time.

    Its vocabulary computes no lexical attributes (shape, norm, prefix, ...) for new words: a
    DocBin keeps only each token's text, and the training pipeline's vocabulary computes them
    when it reads the Docs. That saves a quarter of the tokenizer's time.
    """
    import spacy

    nlp = spacy.blank(lang)
    nlp.tokenizer.rules = {text: tokens for text, tokens in nlp.tokenizer.rules.items() if text.strip()}
    nlp.vocab.lex_attr_getters = {}
    return nlp


def _init_worker(
    lang: str, labels: Sequence[str], rules: Sequence[str], fractions: Tuple[float, float], nlp: Optional[Language] = None
) -> None:
    """Set up the converter of this process; a forked worker finds its parent's pipeline set up."""
    if nlp is not None:
        _WORKER["nlp"] = nlp
    elif _WORKER.get("nlp") is None or _WORKER["nlp"].lang != lang:
        _WORKER["nlp"] = conversion_pipeline(lang)  # takes half a second
    _WORKER.update(labels=tuple(labels), rules=tuple(rules), fractions=fractions)


@dataclass
class ConvertedBatch:
    """A batch of cables as it travels from a worker: each cable's packed Docs, and the batch's counts.

    Counts travel summed per batch, not per cable: merging a ledger per cable in the parent took
    a fifth of a core, which on a small machine is taken from the workers.
    """

    cables: List[Tuple[str, str, PackedDocs]] = field(default_factory=list)  # (digest, split, docs), in order
    failures: List[dict] = field(default_factory=list)
    ledger: Ledger = field(default_factory=Ledger)
    per_split: Dict[str, Counter] = field(default_factory=lambda: {split: Counter() for split in SPLITS})
    size: int = 0


def _convert_in_worker(paths: Sequence[Path]) -> ConvertedBatch:
    """Convert a batch of cables (a batch per task keeps inter-process traffic low)."""
    batch = ConvertedBatch(size=len(paths))
    for path in paths:
        try:
            result = convert_file(_WORKER["nlp"], path, _WORKER["labels"], _WORKER["rules"])
        except Exception as error:  # one bad cable must not stop the run; it is reported instead
            batch.failures.append(failure_record(error, path))
            continue
        split = assign_split(result.digest, *_WORKER["fractions"])
        batch.cables.append((result.digest, split, result.packed))
        batch.ledger.add(result.ledger)
        counts = batch.per_split[split]
        counts["cables"] += 1
        counts["docs"] += len(result.packed)
        counts["tokens"] += len(result.packed.tokens)
        counts.update({f"ent_{label}": n for label, n in result.ledger.converted.items()})
    return batch


class SplitWriter:
    """Writes each split as a folder of DocBin shards, ``OUT/train/0000.spacy``, ...

    A shard holds at most ``shard_size`` Docs (more only when one cable alone has more), so
    memory stays flat however many cables there are; spaCy's corpus reader reads a folder of ``.spacy`` files as one corpus.
    """

    def __init__(self, output_dir: Path, shard_size: int = 20000) -> None:
        if shard_size < 1:
            raise ValueError("shard_size must be at least 1")
        self.output_dir = Path(output_dir)
        self.shard_size = shard_size
        self.bins = {split: new_doc_bin() for split in SPLITS}
        self.shards: Counter = Counter()
        for split in SPLITS:
            folder = self.output_dir / split
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.glob("*.spacy"):
                old.unlink()  # shards of an earlier run must not mix with this one

    def add(self, split: str, docs: PackedDocs) -> None:
        """Add one cable's Docs; a cable's Docs stay together in one shard."""
        if len(self.bins[split]) and len(self.bins[split]) + len(docs) > self.shard_size:
            self._flush(split)
        append_packed(self.bins[split], docs)

    def _flush(self, split: str) -> None:
        (self.output_dir / split / f"{self.shards[split]:04d}.spacy").write_bytes(doc_bin_bytes(self.bins[split]))
        self.shards[split] += 1
        self.bins[split] = new_doc_bin()

    def close(self) -> List[Path]:
        for split in SPLITS:
            if len(self.bins[split]) or not self.shards[split]:
                self._flush(split)
        return [self.output_dir / split for split in SPLITS]


def read_split(folder: Path, vocab) -> List[Doc]:
    """The Docs of a split folder written by :class:`SplitWriter`, in order."""
    docs: List[Doc] = []
    for shard in sorted(Path(folder).glob("*.spacy")):
        docs.extend(DocBin().from_disk(shard).get_docs(vocab))
    return docs


def _batches(paths: Sequence[Path], size: int) -> Iterator[List[Path]]:
    for start in range(0, len(paths), size):
        yield list(paths[start : start + size])


def _converted_in_parallel(batches: Iterable[List[Path]], n_process: int, init_args: tuple) -> Iterator[ConvertedBatch]:
    """The batches converted by ``n_process`` worker processes, in order.

    At most four batches per worker are in flight, so memory stays flat however slowly the
    shards are written. ``concurrent.futures`` rather than ``multiprocessing.Pool``: the Pool's
    worker-handler thread wakes up whenever a result waits in its pipe, and on 2 cores its
    thousands of idle turns took 0.2 s of CPU per 1,000 cables from the workers.
    """
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # Forked workers inherit spaCy and the pipeline instead of loading them again (seconds each).
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    executor = ProcessPoolExecutor(n_process, mp_context=context, initializer=_init_worker, initargs=init_args)
    in_flight: Deque[Future] = deque()
    try:
        for batch in batches:
            in_flight.append(executor.submit(_convert_in_worker, batch))
            if len(in_flight) >= 4 * n_process:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def convert_corpus(
    paths: Sequence[Path],
    output_dir: Path,
    *,
    lang: str = "en",
    labels: Sequence[str] = DEFAULT_LABELS,
    rules: Sequence[str] = (),
    dev_fraction: float = 0.1,
    test_fraction: float = 0.1,
    n_process: int = 1,
    shard_size: int = 20000,
    strict: bool = False,
    progress: Optional[object] = None,
    batch_size: int = 8,
    nlp: Optional[Language] = None,
) -> CorpusReport:
    """Convert cable files into split folders of DocBins under ``output_dir``; return the report.

    With ``strict``, the first bad cable raises :class:`MarkupError`; otherwise bad cables are
    skipped and listed in ``report.failures``. ``nlp`` is the pipeline whose tokenizer makes the
    Docs (default: :func:`conversion_pipeline` for ``lang``, made once per process and kept).
    """
    report = CorpusReport()
    writer = SplitWriter(output_dir, shard_size)
    seen: set = set()
    init_args = (lang, tuple(labels), tuple(rules), (dev_fraction, test_fraction))
    _init_worker(*init_args, nlp=nlp)
    if n_process > 1:
        batches = _converted_in_parallel(_batches(paths, batch_size), n_process, init_args)
    else:
        batches = map(_convert_in_worker, _batches(paths, batch_size))
    try:
        for batch in batches:
            if progress is not None:
                progress.update(batch.size)  # type: ignore[attr-defined]
            if batch.failures and strict:
                failure = batch.failures[0]
                raise MarkupError(failure["file"], failure["line"], failure["column"], failure["reason"], failure["hint"])
            report.failures.extend(batch.failures)
            for digest, split, docs in batch.cables:
                if digest in seen:
                    report.duplicates += 1
                seen.add(digest)
                writer.add(split, docs)
            report.ledger.add(batch.ledger)
            for split, counts in batch.per_split.items():
                report.per_split[split].update(counts)
    finally:
        close = getattr(batches, "close", None)
        if close is not None:
            close()  # stops the workers when a strict run ends early
    writer.close()
    return report
