"""Read and write the Illinois NER tagger's bracket markup.

This module owns the format: ``[PER Karzai  ] met [LOC Kabul  ] officials`` becomes the plain
text ``Karzai met Kabul officials`` plus entities as character offsets into that text. Whitespace
before ``]`` carries no meaning and is not part of the text. Anything that is not well-formed
markup raises :class:`MarkupError`, which names the file, line, column, the problem and what to do.
"""
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, Iterable, List, Mapping, NamedTuple, Optional, Sequence, Tuple

from .labels import DEFAULT_LABELS

class Span(NamedTuple):
    """An entity as character offsets into a cable's plain text (end exclusive)."""

    start: int
    end: int
    label: str


@dataclass
class AnnotatedText:
    """A cable's plain text and its entity spans, sorted by position."""

    text: str
    spans: List[Span]

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]


class MarkupError(ValueError):
    """A bad input file, located by file, line and column: broken markup, bad bytes, no text.

    opened (Optional[Tuple[int, int]]): for an entity left open, the line and column where it
        opened (``line`` and ``column`` are where the problem showed).
    """

    def __init__(self, source: str, line: int, column: int, problem: str, hint: str,
                 opened: Optional[Tuple[int, int]] = None) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.problem = problem
        self.hint = hint
        self.opened = opened
        super().__init__(f"{source}:{line}:{column}: {problem}. {hint}")

    def __reduce__(self):  # travels from worker processes whole, not as its message alone
        return MarkupError, (self.source, self.line, self.column, self.problem, self.hint, self.opened)

    def as_record(self) -> dict:
        record = {"file": self.source, "line": self.line, "column": self.column, "reason": self.problem, "hint": self.hint}
        if self.opened is not None:
            record.update(opened_line=self.opened[0], opened_column=self.opened[1])
        return record


def _location(markup: str, offset: int) -> Tuple[int, int]:
    line = markup.count("\n", 0, offset) + 1
    column = offset - (markup.rfind("\n", 0, offset) + 1) + 1
    return line, column


def parse_markup(
    markup: str, labels: Sequence[str] = DEFAULT_LABELS, source: str = "<string>"
) -> AnnotatedText:
    """Split bracket markup into plain text and entity spans.

    An entity opens only at ``[`` + a label of ``labels`` + a space, and closes at the first
    whitespace + ``]`` after that. Every other bracket is text and is kept as it is: press
    redactions (``[NAME REMOVED]``), editors' insertions (``[the U.S.]``, ``[sic]``), source
    notes, brackets around the tagger's own markup (``[[LOC Libya  ]]``).

    markup (str): the annotated text, e.g. ``"[PER Karzai  ] said"``.
    labels (Sequence[str]): the allowed entity labels.
    source (str): a name for the input (usually the file path), used in errors.
    RETURNS (AnnotatedText): ``AnnotatedText("Karzai said", [Span(0, 6, "PER")])``.
    Raises :class:`MarkupError` for an entity left open, an empty entity, and an unknown label
    written in the tagger's shape (``[PERS Karzai  ]``).
    """
    allowed = frozenset(labels)
    parsed = _parse_plain_entities(markup, allowed)
    return parsed if parsed is not None else _parse_scanned(markup, allowed, source)


def _parse_scanned(markup: str, allowed: FrozenSet[str], source: str) -> AnnotatedText:
    """Text and spans of any markup, read entity by entity (:func:`_entities`)."""
    text_parts: List[str] = []
    spans: List[Span] = []
    text_len = pos = 0
    for entity in _entities(markup, allowed, source):
        before = markup[pos : entity.start] + markup[entity.opener_end : entity.body_start]  # leading space is text
        text_parts += (before, markup[entity.body_start : entity.body_end])
        text_len += len(before)
        spans.append(Span(text_len, text_len + entity.body_end - entity.body_start, entity.label))
        text_len += entity.body_end - entity.body_start
        pos = entity.end
    text_parts.append(markup[pos:])
    return AnnotatedText("".join(text_parts), spans)


PLAIN_ENTITY = re.compile(r"\[([^\[\]\s]+) ([^\[\]]*\s)\]")


def _parse_plain_entities(markup: str, allowed: FrozenSet[str]) -> Optional[AnnotatedText]:
    """Text and spans of markup whose every bracket belongs to an entity, else None.

    The common case, read with one regex split (three times as fast as :func:`_entities`);
    on such markup both readings agree (a property test checks it).
    """
    pieces = PLAIN_ENTITY.split(markup)  # text, label, body, text, label, body, ..., text
    n_entities = len(pieces) // 3
    if markup.count("[") != n_entities or markup.count("]") != n_entities:
        return None  # brackets that are text, or a problem: the scan reads them
    text_parts: List[str] = [pieces[0]]
    spans: List[Span] = []
    text_len = len(pieces[0])
    for index in range(1, len(pieces), 3):
        label, body, after = pieces[index], pieces[index + 1].rstrip(), pieces[index + 2]
        if label not in allowed or not body:
            return None
        lead = len(body) - len(body.lstrip())
        if lead:  # leading whitespace is text outside the entity
            text_parts.append(body[:lead])
            text_len += lead
            body = body[lead:]
        spans.append(Span(text_len, text_len + len(body), label))
        text_parts += (body, after)
        text_len += len(body) + len(after)
    return AnnotatedText("".join(text_parts), spans)


def text_brackets(text: str) -> int:
    """How many square brackets a cable's plain text holds: brackets that are text, not markup."""
    return text.count("[") + text.count("]")


class _Entity(NamedTuple):
    """Where one entity stands in markup: ``[`` at ``start``, its text at ``body_start:body_end``,
    the ``]`` that closes it just before ``end``."""

    start: int
    opener_end: int
    body_start: int
    body_end: int
    end: int
    label: str


CLOSER = re.compile(r"\s+\]")
# An entity in the tagger's shape whose label is not in the label set: ``[PERS Karzai  ]``.
# Brackets that are text do not take this shape (``[NAME REMOVED]``, ``[sic]``, ``[the U.S.]``).
TAGGER_SHAPE = re.compile(r"\[([A-Z][A-Z-]+) [^\[\]]*?\S\s+\]")


@lru_cache(maxsize=16)
def _opener(allowed: FrozenSet[str]) -> "re.Pattern[str]":
    names = "|".join(re.escape(label) for label in sorted(allowed, key=len, reverse=True))
    return re.compile(rf"\[({names}) ")


def _entities(markup: str, allowed: FrozenSet[str], source: str) -> List[_Entity]:
    """The entities of the markup, in order; raises :class:`MarkupError` at the first problem."""

    def problem_at(offset: int, problem: str, hint: str, opened: Optional[Tuple[int, int]] = None) -> MarkupError:
        line, column = _location(markup, offset)
        return MarkupError(source, line, column, problem, hint, opened)

    def unknown_label(match: "re.Match[str]") -> MarkupError:
        return problem_at(match.start(), f"unknown label '{match.group(1)}' (allowed: {', '.join(sorted(allowed))})",
                          "Fix the label, or add it to the label set (--labels; --vars.labels in spacy project run).")

    openers = list(_opener(allowed).finditer(markup))
    unknown = [match for match in TAGGER_SHAPE.finditer(markup) if match.group(1) not in allowed]
    entities: List[_Entity] = []
    pos = checked = 0
    for index, opener in enumerate(openers):
        while checked < len(unknown) and unknown[checked].start() < opener.start():
            if unknown[checked].start() >= pos:  # in text, not inside an entity
                raise unknown_label(unknown[checked])
            checked += 1
        label = opener.group(1)
        close = CLOSER.search(markup, opener.end() - 1)  # the opener's space may begin the closing whitespace
        following = openers[index + 1].start() if index + 1 < len(openers) else None
        if close is None or (following is not None and following < close.end()):
            found = len(markup) if following is None else following
            where = "the end of the file" if following is None else "the next '[' at line %d, column %d" % _location(
                markup, following)
            opened = _location(markup, opener.start())
            raise problem_at(
                found, f"entity '[{label}' opened at line {opened[0]}, column {opened[1]} is not closed before {where}",
                f"Add ' ]' where the entity's text ends, or remove the '[{label} ' opener"
                + ("." if following is None else " (entities cannot nest)."), opened)
        if close.start() < opener.end():
            raise problem_at(opener.start(), f"empty entity '[{label} ]'", "Remove the empty brackets.")
        body = markup[opener.end() : close.start()]
        body_start = opener.end() + len(body) - len(body.lstrip())
        entities.append(_Entity(opener.start(), opener.end(), body_start, close.start(), close.end(), label))
        pos = close.end()
    for match in unknown[checked:]:
        if match.start() >= pos:
            raise unknown_label(match)
    return entities


def write_markup(text: str, spans: Iterable[Span], closer: str = " ]", labels: Optional[Sequence[str]] = None) -> str:
    """Write spans into text as bracket markup, ``[LABEL text ]`` (the gold convention).

    closer (str): what ends an entity (whitespace, then ``]``); the tagger writes ``"  ]"``.
    labels (Optional[Sequence[str]]): the label set the markup will be read with (default: the
        spans' labels and :data:`DEFAULT_LABELS`).
    Reading the result with :func:`parse_markup` gives ``text`` and ``spans`` back exactly,
    brackets that are text included; a ValueError says why when the format cannot hold them (an
    entity with whitespace at an edge or before a ``]``, or text that reads as an opener, ``[PER ``).
    """
    spans = sorted(spans)
    parts: List[str] = []
    pos = 0
    for span in spans:
        if span.start < pos:
            raise ValueError(f"overlapping spans at offset {span.start}")
        parts.append(text[pos : span.start])
        parts.append(f"[{span.label} {text[span.start:span.end]}{closer}")
        pos = span.end
    parts.append(text[pos:])
    markup = "".join(parts)
    label_set = list(labels) if labels is not None else sorted({*DEFAULT_LABELS, *(span.label for span in spans)})
    try:
        again = parse_markup(markup, label_set)
    except MarkupError as error:
        raise ValueError(f"the bracket markup cannot hold this text and these spans: {error.problem}") from None
    if again.text != text or again.spans != spans:
        lost = next((span for span, read in zip(spans + [None], again.spans + [None]) if span != read), None)  # type: ignore[operator]
        raise ValueError(f"the bracket markup cannot hold this text and these spans: {lost} would read back otherwise"
                         " (whitespace at an entity's edge or before a ']', or text that reads as an opener)")
    return markup


def read_text_file(path: Path) -> str:
    """A cable file's text (UTF-8, a BOM is allowed; line ends kept as they are).

    Raises :class:`MarkupError` for a file that holds no cable text, the same for every command:
    bytes that are not UTF-8, a binary file, or no text at all.
    """
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise MarkupError(str(path), line, column, f"bytes that are not UTF-8 ({err.reason})",
                          "Re-encode the file as UTF-8 (e.g. iconv -f cp1252 -t utf-8).") from None
    if "\x00" in text:
        offset = text.index("\x00")
        line, column = _location(text, offset)
        raise MarkupError(str(path), line, column, "NUL byte: this looks like a binary file",
                          "Remove the file from the input folder.")
    if not text.strip():
        raise MarkupError(str(path), 1, 1, "empty file: no cable text", "Remove the file or add the cable's text.")
    return text


def read_cable_file(
    path: Path, labels: Sequence[str] = DEFAULT_LABELS, translate: Optional[Mapping[str, str]] = None
) -> AnnotatedText:
    """Read one annotated cable file (see :func:`read_text_file`) and take its markup apart.

    translate (Optional[Mapping[str, str]]): other label names to accept, and the label of
        ``labels`` each stands for (``{"PER": "PERSON"}``: see :meth:`LabelRoles.translation`).
    Raises :class:`MarkupError` for every kind of bad file, the same for every command: bytes
    that are not UTF-8, a binary file, broken markup, or no text at all.
    """
    markup = read_text_file(path)
    if not translate:
        return parse_markup(markup, labels, source=str(path))
    parsed = parse_markup(markup, [*labels, *translate], source=str(path))
    parsed.spans = [Span(span.start, span.end, translate.get(span.label, span.label)) for span in parsed.spans]
    return parsed


def read_gold_file(path: Path, silver: AnnotatedText, labels: Sequence[str] = DEFAULT_LABELS) -> AnnotatedText:
    """Read the gold annotation of a cable; its text must be the silver file's, markup aside.

    Raises :class:`MarkupError` for a bad file, and for a text that differs from the silver
    text, located where the two first differ.
    """
    gold = read_cable_file(path, labels)
    if gold.text != silver.text:
        differ = next((i for i, (a, b) in enumerate(zip(gold.text, silver.text)) if a != b), min(len(gold.text), len(silver.text)))
        markup = Path(path).read_bytes().decode("utf-8-sig")
        line, column = _location(markup, _markup_offset(markup, differ, labels))
        raise MarkupError(str(path), line, column, "the gold file's text differs here from its silver file's text",
                          "Gold and silver must hold the same text, markup aside: fix the gold file or pair it with its own cable.")
    return gold


def _markup_offset(markup: str, plain_offset: int, labels: Sequence[str]) -> int:
    """Where a character of the plain text stands in well-formed markup."""
    plain = markup_position = 0
    for entity in _entities(markup, frozenset(labels), "<markup>"):
        # The text before the entity, then its leading whitespace and its text, which stand together.
        for start, end in ((markup_position, entity.start), (entity.opener_end, entity.body_end)):
            if plain_offset < plain + end - start:
                return start + plain_offset - plain
            plain += end - start
        markup_position = entity.end
    return markup_position + plain_offset - plain


def cable_files(input_dir: Path) -> List[Path]:
    """The cable files of a folder (``*.txt``, recursively), in a stable order."""
    return sorted(p for p in Path(input_dir).rglob("*.txt") if p.is_file())
