"""DocBin writing: the one module that knows how spaCy lays out a DocBin.

The converter packs each cable's paragraphs as DocBin columns (:class:`PackedDocs`) instead of
making a Doc per paragraph: ``DocBin.add`` adds nine strings per token and builds a msgpack
packer per Doc, and these columns travel between processes cheaply. Two ways write them into a
shard:

- the fast way appends the columns to a DocBin's lists and writes spaCy's DocBin message itself,
  compressed at zlib level 1 (writing shards is the serial step of a parallel conversion);
- the public way makes each paragraph a Doc with spaCy's public API and adds it with
  ``DocBin.add``.

Both write the same bytes (tested). The fast way reaches into DocBin's attributes, so it is used
only with the spaCy versions it was checked against (:data:`FAST_WRITER`); any other version
takes the public way.
"""
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional, Sequence, Set, Tuple

import numpy
import spacy
import srsly
from spacy.attrs import ENT_IOB, ENT_TYPE, ORTH
from spacy.strings import StringStore
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab
from srsly import msgpack as srsly_msgpack

from ..shards import NOT_ENTITIES_KEY, iter_split

DOC_ATTRS = ("ORTH", "ENT_IOB", "ENT_TYPE")
# DocBin's message layout and attribute lists as the fast writer knows them (spaCy 3.8).
CHECKED_SPACY_VERSIONS = ((3, 8),)
FAST_WRITER = tuple(int(part) for part in spacy.about.__version__.split(".")[:2]) in CHECKED_SPACY_VERSIONS
COMPRESSION_LEVEL = 1


def new_doc_bin() -> DocBin:
    return DocBin(attrs=list(DOC_ATTRS), store_user_data=True)


_COLUMNS = new_doc_bin().attrs  # in DocBin's own column order
_USER_DATA_PACKER = srsly_msgpack.Packer(autoreset=True)
# srsly.msgpack_dumps looks up its encoder registry per call, which took as long as packing a shard.
_SHARD_PACKER = srsly_msgpack.Packer(use_bin_type=True, autoreset=True)


@dataclass
class PackedDocs:
    """One cable's paragraph Docs as DocBin columns: token rows, spaces, user data, strings.

    These columns pickle cheaply (one array per cable, not per Doc: each array costs its own
    pickling), and a shard takes them as they are.
    """

    tokens: numpy.ndarray  # the rows of every Doc's tokens (DocBin's columns), one Doc after another
    spaces: numpy.ndarray  # a row per token: whether a space follows it
    lengths: List[int]  # tokens per Doc
    user_data: List[bytes]
    strings: Set[str]

    def __len__(self) -> int:
        return len(self.lengths)


def pack_paragraphs(
    text: str,
    columns: numpy.ndarray,
    entities: List[Tuple[int, int, str]],
    token_ranges: List[Tuple[int, int]],
    cable_id: str,
    string_store: StringStore,
    not_entities: Sequence[Tuple[int, int, str]] = (),
    missing: Sequence[Tuple[int, int, str]] = (),
) -> PackedDocs:
    """The paragraphs of a tokenized cable as DocBin columns: for each, what ``DocBin.add`` writes for its Doc.

    ``columns`` holds IDX, LENGTH, ORTH and SPACY of every token of ``text``; ``entities`` and
    ``token_ranges`` (the paragraphs) are token ranges into it. The whitespace tokens between
    paragraphs are left out. ``not_entities`` (token ranges with a label) go into each
    paragraph's user data, relative to the paragraph; the tokens of ``missing`` outside every
    entity are written as missing (no IOB) instead of ``O`` (see :mod:`.hints`).
    """
    tokens = numpy.zeros((len(columns), len(_COLUMNS)), dtype="uint64")
    tokens[:, _COLUMNS.index(ORTH)] = columns[:, 2]
    iob = tokens[:, _COLUMNS.index(ENT_IOB)]
    types = tokens[:, _COLUMNS.index(ENT_TYPE)]
    iob[:] = 2  # "O": outside any entity, as setting doc.ents leaves the other tokens
    for first, end, _ in missing:
        iob[first:end] = 0  # missing: the annotation says nothing about these tokens
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
        user_data=[_USER_DATA_PACKER.pack(_paragraph_data(cable_id, index, first, end, not_entities))
                   for index, (first, end) in enumerate(token_ranges)],
        strings=strings,
    )


def _paragraph_data(cable_id: str, index: int, first: int, end: int, not_entities: Sequence[Tuple[int, int, str]]) -> dict:
    data: dict = {"cable_id": cable_id, "paragraph": index}
    inside = [[start - first, stop - first, label] for start, stop, label in not_entities if first <= start and stop <= end]
    if inside:
        data[NOT_ENTITIES_KEY] = inside
    return data


def docs_from_packed(packed: PackedDocs, vocab: Vocab) -> List[Doc]:
    """The packed paragraphs as Docs, made with spaCy's public API only."""
    strings = StringStore(sorted(packed.strings))
    for label in packed.strings:
        vocab.strings.add(label)  # entity types are read back by hash
    docs = []
    start = 0
    for length, user_data in zip(packed.lengths, packed.user_data):
        rows = packed.tokens[start : start + length]
        words = [strings[int(key)] for key in rows[:, _COLUMNS.index(ORTH)]]
        doc = Doc(vocab, words=words, spaces=packed.spaces[start : start + length, 0].tolist())
        entity_columns = [_COLUMNS.index(ENT_IOB), _COLUMNS.index(ENT_TYPE)]
        doc.from_array([ENT_IOB, ENT_TYPE], rows[:, entity_columns])
        doc.user_data.update(srsly.msgpack_loads(user_data))
        docs.append(doc)
        start += length
    return docs


class Shard:
    """The Docs of one ``.spacy`` file, collected cable by cable and written as a DocBin.

    fast (Optional[bool]): append columns to the DocBin's lists; else make each paragraph a Doc
        and add it with ``DocBin.add``. Default: :data:`FAST_WRITER`.
    """

    def __init__(self, fast: Optional[bool] = None) -> None:
        self.doc_bin = new_doc_bin()
        self.fast = FAST_WRITER if fast is None else fast
        # A vocabulary with no lexical attributes, like the converter's: DocBin.add stores each
        # token's norm string, which is then "" for every token, as the fast way writes it.
        self.vocab = Vocab() if not fast else None

    def __len__(self) -> int:
        return len(self.doc_bin)

    def add(self, packed: PackedDocs) -> None:
        if not self.fast:
            for doc in docs_from_packed(packed, self.vocab):
                self.doc_bin.add(doc)
            return
        doc_bin, count, start = self.doc_bin, len(packed), 0
        for length in packed.lengths:
            doc_bin.tokens.append(packed.tokens[start : start + length])
            doc_bin.spaces.append(packed.spaces[start : start + length])
            start += length
        doc_bin.user_data.extend(packed.user_data)
        doc_bin.strings.update(packed.strings)
        doc_bin.strings.add("")  # the tag, lemma, norm ... strings DocBin.add stores for every token
        doc_bin.flags.extend({"has_unknown_spaces": False} for _ in range(count))
        doc_bin.cats.extend({} for _ in range(count))
        doc_bin.span_groups.extend([_NO_SPAN_GROUPS] * count)

    def to_bytes(self) -> bytes:
        """The shard file's bytes: spaCy's DocBin message, compressed at :data:`COMPRESSION_LEVEL`."""
        if not self.fast:
            return zlib.compress(zlib.decompress(self.doc_bin.to_bytes()), COMPRESSION_LEVEL)
        return _doc_bin_bytes(self.doc_bin)


def _no_span_groups() -> bytes:
    """What ``doc.spans.to_bytes()`` writes for a Doc without span groups."""
    return Doc(Vocab(), words=[]).spans.to_bytes()


_NO_SPAN_GROUPS = _no_span_groups()


def _doc_bin_bytes(doc_bin: DocBin) -> bytes:
    """What ``doc_bin.to_bytes()`` writes, compressed at zlib level 1 instead of spaCy's 6.

    Compressing took two thirds of writing a shard; level 1 is three times faster for files a
    sixth larger. The message inside is byte for byte spaCy's (tested), so ``DocBin.from_bytes``
    and spaCy's corpus reader read it.
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
    return zlib.compress(_SHARD_PACKER.pack(message), COMPRESSION_LEVEL)


def read_split(path: Path, vocab: Vocab) -> List[Doc]:
    """The Docs of a split folder of ``.spacy`` shards, in order, all in memory (small splits)."""
    return list(iter_split(path, vocab))
