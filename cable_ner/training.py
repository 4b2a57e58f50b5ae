"""What `spacy train` reads: a training corpus that streams, and the upper-case augmenter.

The config (``configs/efficiency.cfg``) names them; importing this module registers them, and
with them the cable components (``spacy debug data --code cable_ner/training.py`` works too):

- ``cable_ner.shuffled_corpus.v1`` (a reader for ``[corpora.train]``): the training split read
  shard by shard in a shuffled order, through a bounded buffer that hands out its paragraphs in
  random order. With ``[training] max_epochs = -1`` spaCy reads it again for every pass instead
  of holding every Example in memory, so memory is bounded by a shard and the buffer however
  large the corpus is. It counts what it hands to the model (:class:`ReadTally`, words and
  distinct cables), which ``scripts/train.py`` reports in ``metrics/training.json``.
- ``cable_ner.upper_case.v1`` (a training augmenter): upper-cased copies of some training
  paragraphs, because many cables are written in capitals throughout.
"""
import random
from pathlib import Path
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, List, Optional, Set, TypeVar, Union

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Corpus, Example
from spacy.training.corpus import walk_corpus
from spacy.util import registry

from . import components  # noqa: F401 (registers the components the config names)
from .shards import NOT_ENTITIES_KEY

Item = TypeVar("Item")


def shuffled(items: Iterable[Item], buffer_size: int) -> Iterator[Item]:
    """The items in random order, holding at most ``buffer_size`` of them at a time.

    Each new item takes the place of a random one in the full buffer, which is handed out; what
    is left is shuffled at the end. Uses :mod:`random`, which spaCy seeds from ``[system] seed``.
    """
    buffer: List[Item] = []
    for item in items:
        if len(buffer) < buffer_size:
            buffer.append(item)
            continue
        index = random.randrange(buffer_size)
        yield buffer[index]
        buffer[index] = item
    random.shuffle(buffer)
    yield from buffer


@dataclass
class ReadTally:
    """What a training reader handed out: words (upper-cased copies included) and distinct cables."""

    words: int = 0
    examples: int = 0
    cable_ids: Set[str] = field(default_factory=set)

    def add(self, example: Example) -> None:
        self.words += len(example.reference)
        self.examples += 1
        cable_id = example.reference.user_data.get("cable_id")
        if cable_id is not None:
            self.cable_ids.add(cable_id)


_latest_tally: Optional[ReadTally] = None


def latest_tally() -> Optional[ReadTally]:
    """The tally of the training reader made last in this process (spaCy's trainer makes it; None before).

    The trainer keeps its reader to itself, so the reader leaves its tally here for the script
    that ran training to report; spaCy's batcher reads at most one example ahead of the model.
    """
    return _latest_tally


class ShuffledCorpus(Corpus):
    """spaCy's corpus of ``.spacy`` files, read in a new shuffled order on every pass, in bounded memory.

    Every pass (an epoch, when ``max_epochs = -1``) shuffles the order of the shard files, reads
    one shard at a time and hands its paragraphs out through :func:`shuffled`. A corpus that
    fits in the buffer is shuffled whole, as spaCy shuffles an in-memory corpus.
    """

    def __init__(self, path: Union[str, Path], *, buffer_size: int, limit: int = 0, max_length: int = 0,
                 augmenter: Optional[Callable[[Language, Example], Iterable[Example]]] = None,
                 also: Optional[Path] = None) -> None:
        super().__init__(path, limit=limit, max_length=max_length, augmenter=augmenter)
        if buffer_size < 1:
            raise ValueError("the shuffling buffer must hold at least one paragraph (buffer >= 1)")
        self.buffer_size = buffer_size
        self.also = also
        self.tally = ReadTally()

    def __call__(self, nlp: Language) -> Iterator[Example]:
        shards = walk_corpus(self.path, ".spacy") + (walk_corpus(self.also, ".spacy") if self.also else [])
        random.shuffle(shards)
        docs = self.read_docbin(nlp.vocab, shards)
        key = incorrect_spans_key(nlp)
        if key:
            docs = (with_not_entities(doc, key) for doc in docs)
        references = shuffled(docs, self.buffer_size)
        for example in self.make_examples(nlp, references):
            for augmented in self.augmenter(nlp, example):  # type: ignore[operator]
                self.tally.add(augmented)
                yield augmented


def incorrect_spans_key(nlp: Language) -> Optional[str]:
    """The span group where the pipeline's ``ner`` reads known non-entities (its ``incorrect_spans_key``), if set."""
    return next((pipe.incorrect_spans_key for _, pipe in nlp.pipeline if getattr(pipe, "incorrect_spans_key", None)), None)


def with_not_entities(doc: Doc, key: str) -> Doc:
    """The Doc with the known non-entities conversion wrote (:mod:`cable_ner.corpus.hints`) in ``doc.spans[key]``."""
    found = doc.user_data.get(NOT_ENTITIES_KEY)
    if found:
        doc.spans[key] = [Span(doc, start, end, label=label) for start, end, label in found]
    return doc


@registry.readers("cable_ner.shuffled_corpus.v1")
def create_shuffled_corpus(
    path: Optional[Path], buffer: int = 5000, limit: int = 0, max_length: int = 0,
    augmenter: Optional[Callable[[Language, Example], Iterable[Example]]] = None, also: Optional[Path] = None,
) -> Callable[[Language], Iterator[Example]]:
    """A training corpus that streams: shuffled shard order and a buffer of ``buffer`` paragraphs.

    also: a second folder of shards read with the first (self-training: cables the model tagged).
    Where the pipeline's ``ner`` has an ``incorrect_spans_key``, each paragraph's known
    non-entities (``convert --hints not_entities``) are put in that span group for it.
    """
    if path is None:
        raise ValueError("[corpora.train] needs a path: set paths.train (a folder of .spacy shards)")
    global _latest_tally
    corpus = ShuffledCorpus(path, buffer_size=buffer, limit=limit, max_length=max_length, augmenter=augmenter, also=also)
    _latest_tally = corpus.tally
    return corpus


def capitals(text: str) -> str:
    """The text in capitals, character for character (offsets into it hold for ``text``).

    A character whose capital is longer (ß) is left as it is.
    """
    return "".join(char.upper() if len(char.upper()) == 1 else char for char in text)


@registry.augmenters("cable_ner.upper_case.v1")
def create_upper_case_augmenter(level: float) -> Callable[[Language, Example], Iterator[Example]]:
    """Yield each training example, and with probability ``level`` also its upper-cased copy."""

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        yield example
        if level > 0 and random.random() < level:
            text = example.reference.text
            upper = capitals(text)
            example_dict = example.to_dict()
            example_dict["token_annotation"]["ORTH"] = [capitals(token.text) for token in example.reference]
            yield Example.from_dict(nlp.make_doc(upper), example_dict)

    return augment
