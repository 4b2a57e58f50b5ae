"""Reviewing a model on held-out cables: where it and the reference disagree, sentence by sentence.

The held-out split is streamed cable by cable: each cable is compared with its gold annotation
where the gold split has the same cable, else with its fixed silver annotation. Every cable adds
to the per-label scores; only the ``n_cables`` cables with the most disagreements are kept, each
with just its disagreeing sentences, so memory stays bounded however many cables there are.
"""
import heapq
import re
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Sequence, Set, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from ..markup import Span
from ..shards import iter_split
from .evaluation import entity_spans, predicted_and_reference
from .scores import SpanScores

# Where a sentence ends inside a paragraph: a line break, or sentence punctuation before a capital.
SENTENCE_END = re.compile(r"\n|(?<=[.!?])[”\"’]?\s+(?=[“\"(]?[A-Z])")

KINDS = ("spurious", "missed", "label", "boundary")  # what is wrong with an entity of one side


@dataclass
class Marked:
    """An entity of one side in a sentence, as offsets into the sentence, and what is wrong with it (None: right)."""

    start: int
    end: int
    label: str
    problem: Optional[str] = None


@dataclass
class SentenceView:
    text: str
    predicted: List[Marked]
    reference: List[Marked]

    @property
    def problems(self) -> int:
        return sum(entity.problem is not None for entity in self.predicted + self.reference)


@dataclass
class CableView:
    """One held-out cable: which reference it was compared with, its counts, its disagreeing sentences."""

    cable_id: str
    reference_name: str  # "gold" or "fixed silver"
    scores: SpanScores = field(default_factory=SpanScores)
    sentences: List[SentenceView] = field(default_factory=list)

    @property
    def disagreements(self) -> int:
        overall = self.scores.overall()
        return overall.fp + overall.fn


def sentence_ranges(text: str, spans: Iterable[Span]) -> List[Tuple[int, int]]:
    """The sentences of a paragraph as character ranges; a sentence never cuts an entity."""
    cuts = [match.end() for match in SENTENCE_END.finditer(text)]
    inside = [(span.start, span.end) for span in spans]
    cuts = [cut for cut in cuts if not any(start < cut < end for start, end in inside)]
    bounds = [0, *cuts, len(text)]
    return [(start, end) for start, end in zip(bounds, bounds[1:]) if text[start:end].strip()]


def _marked(spans: Sequence[Span], others: Sequence[Span], offset: int) -> List[Marked]:
    exact = set(others)
    by_offsets = {(span.start, span.end) for span in others}
    marked = []
    for span in spans:
        problem = None
        if span not in exact:
            overlapping = any(o.start < span.end and span.start < o.end for o in others)
            problem = "label" if (span.start, span.end) in by_offsets else "boundary" if overlapping else None
        marked.append(Marked(span.start - offset, span.end - offset, span.label, problem))
    return marked


def compare_paragraph(text: str, predicted: Sequence[Span], reference: Sequence[Span]) -> List[SentenceView]:
    """The sentences of a paragraph where the model and the reference disagree, with what is wrong marked.

    An entity of one side is ``spurious`` (model only) or ``missed`` (reference only) when the
    other side has nothing over it, ``label`` when the other side has it with another label,
    ``boundary`` when the other side has an entity over part of it.
    """
    views = []
    for start, end in sentence_ranges(text, [*predicted, *reference]):
        ours = [span for span in predicted if start <= span.start < end]
        theirs = [span for span in reference if start <= span.start < end]
        if set(ours) == set(theirs):
            continue
        model = _marked(ours, theirs, start)
        gold = _marked(theirs, ours, start)
        for entity in model:
            entity.problem = entity.problem or ("spurious" if not _exact(entity, gold) else None)
        for entity in gold:
            entity.problem = entity.problem or ("missed" if not _exact(entity, model) else None)
        views.append(SentenceView(text[start:end], model, gold))
    return views


def _exact(entity: Marked, others: Sequence[Marked]) -> bool:
    return any((o.start, o.end, o.label) == (entity.start, entity.end, entity.label) for o in others)


def _cables(docs: Iterable[Doc]) -> Iterator[Tuple[str, List[Doc]]]:
    """Docs grouped by cable (a cable's paragraphs stand together in a split)."""
    for cable_id, paragraphs in groupby(docs, key=lambda doc: doc.user_data.get("cable_id", "")):
        yield cable_id, list(paragraphs)


@dataclass
class Review:
    """The held-out cables reviewed: scores over all of them, the worst ``n_cables`` kept."""

    n_cables: int
    scores: SpanScores = field(default_factory=SpanScores)
    compared_with: dict = field(default_factory=lambda: {"gold": 0, "fixed silver": 0})
    _worst: List[Tuple[int, str, CableView]] = field(default_factory=list)  # min-heap on disagreements

    def add(self, view: CableView) -> None:
        self.scores.add_tallies(view.scores)
        self.compared_with[view.reference_name] += 1
        if not self.n_cables:
            return
        item = (view.disagreements, _reverse(view.cable_id), view)
        if len(self._worst) < self.n_cables:
            heapq.heappush(self._worst, item)
        elif item[:2] > self._worst[0][:2]:
            heapq.heapreplace(self._worst, item)

    @property
    def cables(self) -> List[CableView]:
        """The kept cables, the most disagreements first (ties: by cable id)."""
        return [view for _, _, view in sorted(self._worst, key=lambda item: (-item[0], item[2].cable_id))]


def _reverse(text: str) -> Tuple[int, ...]:
    """A key that orders cable ids backwards, so that on equal disagreements the heap keeps the first ids."""
    return (*(-ord(char) for char in text), 1)


def review_held_out(nlp: Language, test_dir: Path, gold_dir: Optional[Path] = None, n_cables: int = 6,
                    batch_size: int = 64) -> Review:
    """Compare the model with the reference on every held-out cable, streamed; keep the worst ``n_cables``.

    A cable of ``test_dir`` (fixed silver) is compared with its gold annotation when ``gold_dir``
    has the same cable, else with its fixed silver annotation. The pipeline reads each cable once.
    """
    review = Review(n_cables)
    held_out: Set[str] = {doc.user_data.get("cable_id", "") for doc in iter_split(test_dir, nlp.vocab)}
    with_gold: Set[str] = set()
    if gold_dir is not None and Path(gold_dir).exists():
        gold_docs = (doc for doc in iter_split(gold_dir, nlp.vocab) if doc.user_data.get("cable_id", "") in held_out)
        for cable_id, docs in _cables(gold_docs):
            review.add(_cable_view(nlp, cable_id, "gold", docs, batch_size))
            with_gold.add(cable_id)
    silver_docs = (doc for doc in iter_split(test_dir, nlp.vocab) if doc.user_data.get("cable_id", "") not in with_gold)
    for cable_id, docs in _cables(silver_docs):
        review.add(_cable_view(nlp, cable_id, "fixed silver", docs, batch_size))
    return review


def _cable_view(nlp: Language, cable_id: str, reference_name: str, docs: List[Doc], batch_size: int) -> CableView:
    view = CableView(cable_id, reference_name)
    for predicted, reference in predicted_and_reference(nlp, docs, batch_size):
        ours, theirs = entity_spans(predicted), entity_spans(reference)
        view.scores.add(theirs, ours)
        view.sentences += compare_paragraph(reference.text, ours, theirs)
    return view
