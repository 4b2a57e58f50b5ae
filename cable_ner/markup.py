"""Read and write the Illinois NER tagger's bracket markup.

This module owns the format: ``[PER Karzai  ] met [LOC Kabul  ] officials`` becomes the plain
text ``Karzai met Kabul officials`` plus entities as character offsets into that text. Whitespace
before ``]`` carries no meaning and is not part of the text. Anything that is not well-formed
markup raises :class:`MarkupError`, which names the file, line, column, the problem and what to do.
"""
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, Mapping, NamedTuple, Optional, Sequence, Set, Tuple

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

    markup (str): the annotated text, e.g. ``"[PER Karzai  ] said"``.
    labels (Sequence[str]): the allowed entity labels.
    source (str): a name for the input (usually the file path), used in errors.
    RETURNS (AnnotatedText): ``AnnotatedText("Karzai said", [Span(0, 6, "PER")])``.
    """
    allowed = set(labels)
    parsed = _parse_well_formed(markup, allowed)
    if parsed is not None:
        return parsed
    problem = _first_problem(markup, allowed, source)
    if problem is None:  # the two readings of the format disagree: a property test rules this out
        raise RuntimeError(f"{source}: the reader declined markup in which it finds no problem")
    raise problem


ENTITY = re.compile(r"\[([^\[\]\s]+) ([^\[\]]*)\]")


def _parse_well_formed(markup: str, allowed: Set[str]) -> Optional[AnnotatedText]:
    """Text and spans of markup in which every bracket belongs to a well-formed entity, else None.

    One regex scan finds the entities; :func:`_first_problem` locates what is wrong otherwise.
    """
    pieces = ENTITY.split(markup)  # text, label, body, text, label, body, ..., text
    n_entities = len(pieces) // 3
    if markup.count("[") != n_entities or markup.count("]") != n_entities:
        return None  # a bracket outside every well-formed entity
    text_parts: List[str] = [pieces[0]]
    spans: List[Span] = []
    text_len = len(pieces[0])
    for index in range(1, len(pieces), 3):
        label, body, after = pieces[index], pieces[index + 1].rstrip(), pieces[index + 2]
        if label not in allowed or not label.isalpha() or not body:
            return None
        lead = len(body) - len(body.lstrip())
        if lead:  # leading whitespace is text outside the entity
            text_parts.append(body[:lead])
            text_len += lead
            body = body[lead:]
        spans.append(Span(text_len, text_len + len(body), label))
        text_parts.append(body)
        text_parts.append(after)
        text_len += len(body) + len(after)
    return AnnotatedText("".join(text_parts), spans)


def _first_problem(markup: str, allowed: Set[str], source: str) -> Optional[MarkupError]:
    """The first malformed bracket of the markup, located by line and column; None if there is none."""

    def problem_at(offset: int, problem: str, hint: str) -> MarkupError:
        line, column = _location(markup, offset)
        return MarkupError(source, line, column, problem, hint)

    pos = 0
    while True:
        next_open = markup.find("[", pos)
        next_close = markup.find("]", pos)
        if next_close != -1 and (next_open == -1 or next_close < next_open):
            return problem_at(next_close, "stray ']' outside any entity",
                              "Remove the ']' or add the missing '[LABEL ' opener before it.")
        if next_open == -1:
            return None
        label_end = next_open + 1
        while label_end < len(markup) and markup[label_end].isalpha():
            label_end += 1
        label = markup[next_open + 1 : label_end]
        if not label or label_end >= len(markup) or markup[label_end] != " ":
            return problem_at(next_open, "'[' is not followed by a label and a space",
                              "Entities are written '[LABEL text ]'; remove or fix this bracket.")
        if label not in allowed:
            return problem_at(next_open, f"unknown label '{label}' (allowed: {', '.join(sorted(allowed))})",
                              "Fix the label or pass it in the label set (--labels).")
        close = markup.find("]", label_end + 1)
        inner_open = markup.find("[", label_end + 1)
        opened = _location(markup, next_open)
        if close == -1 or (inner_open != -1 and inner_open < close):
            found = len(markup) if close == -1 else inner_open
            line, column = _location(markup, found)
            where = "the end of the file" if close == -1 else f"the next '[' at line {line}, column {column}"
            return MarkupError(
                source, line, column,
                f"entity '[{label}' opened at line {opened[0]}, column {opened[1]} is not closed before {where}",
                f"Add ' ]' where the entity's text ends, or remove the '[{label} ' opener"
                + ("." if close == -1 else " (entities cannot nest)."),
                opened=opened,
            )
        if not markup[label_end + 1 : close].strip():
            return problem_at(next_open, f"empty entity '[{label} ]'", "Remove the empty brackets.")
        pos = close + 1


def write_markup(text: str, spans: Iterable[Span], closer: str = " ]") -> str:
    """Write spans into text as bracket markup, ``[LABEL text ]`` (the gold convention).

    closer (str): what ends an entity; the tagger writes ``"  ]"``.
    Stripping the result with :func:`parse_markup` gives ``text`` back byte for byte.
    """
    parts: List[str] = []
    pos = 0
    for span in sorted(spans):
        if span.start < pos:
            raise ValueError(f"overlapping spans at offset {span.start}")
        parts.append(text[pos : span.start])
        parts.append(f"[{span.label} {text[span.start:span.end]}{closer}")
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)


def read_cable_file(
    path: Path, labels: Sequence[str] = DEFAULT_LABELS, translate: Optional[Mapping[str, str]] = None
) -> AnnotatedText:
    """Read one annotated cable file (UTF-8, a BOM is allowed).

    translate (Optional[Mapping[str, str]]): other label names to accept, and the label of
        ``labels`` each stands for (``{"PER": "PERSON"}``: see :meth:`LabelRoles.translation`).
    Raises :class:`MarkupError` for every kind of bad file, the same for every command: bytes
    that are not UTF-8, a binary file, broken markup, or no text at all.
    """
    data = Path(path).read_bytes()
    try:
        markup = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        column = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
        raise MarkupError(str(path), line, column, f"bytes that are not UTF-8 ({err.reason})",
                          "Re-encode the file as UTF-8 (e.g. iconv -f cp1252 -t utf-8).") from None
    if "\x00" in markup:
        offset = markup.index("\x00")
        line, column = _location(markup, offset)
        raise MarkupError(str(path), line, column, "NUL byte: this looks like a binary file",
                          "Remove the file from the input folder.")
    if not markup.strip():
        raise MarkupError(str(path), 1, 1, "empty file: no cable text", "Remove the file or add the cable's text.")
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
        line, column = _location(markup, _markup_offset(markup, differ))
        raise MarkupError(str(path), line, column, "the gold file's text differs here from its silver file's text",
                          "Gold and silver must hold the same text, markup aside: fix the gold file or pair it with its own cable.")
    return gold


def _markup_offset(markup: str, plain_offset: int) -> int:
    """Where a character of the plain text stands in well-formed markup."""
    plain = markup_position = 0
    for match in ENTITY.finditer(markup):
        outside = match.start() - markup_position
        if plain_offset < plain + outside:
            break
        plain += outside
        body = match.group(2).rstrip()
        if plain_offset < plain + len(body):
            return match.start(2) + plain_offset - plain
        plain += len(body)
        markup_position = match.end()
    return markup_position + plain_offset - plain


def cable_files(input_dir: Path) -> List[Path]:
    """The cable files of a folder (``*.txt``, recursively), in a stable order."""
    return sorted(p for p in Path(input_dir).rglob("*.txt") if p.is_file())
