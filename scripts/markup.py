"""Read and write the Illinois NER tagger's bracket markup.

This module owns the format: ``[PER Karzai  ] met [LOC Kabul  ] officials`` becomes the plain
text ``Karzai met Kabul officials`` plus entities as character offsets into that text. Whitespace
before ``]`` carries no meaning and is not part of the text. Anything that is not well-formed
markup raises :class:`MarkupError`, which names the file, line, column, the problem and what to do.
"""
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, List, NamedTuple, Optional, Sequence, Set, Tuple

DEFAULT_LABELS: Tuple[str, ...] = ("PER", "ORG", "LOC", "MISC")


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
    """Malformed bracket markup, located by file, line and column."""

    def __init__(self, source: str, line: int, column: int, problem: str, hint: str) -> None:
        self.source = source
        self.line = line
        self.column = column
        self.problem = problem
        self.hint = hint
        super().__init__(f"{source}:{line}:{column}: {problem}. {hint}")

    def as_record(self) -> dict:
        return {
            "file": self.source,
            "line": self.line,
            "column": self.column,
            "reason": self.problem,
            "hint": self.hint,
        }


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
    well_formed = _parse_well_formed(markup, allowed)
    return well_formed if well_formed is not None else _scan_markup(markup, allowed, source)


def _scan_markup(markup: str, allowed: Set[str], source: str) -> AnnotatedText:
    """:func:`parse_markup` bracket by bracket: finds and locates the first problem, if any."""
    text_parts: List[str] = []
    spans: List[Span] = []
    text_len = 0
    pos = 0
    n = len(markup)

    def fail(offset: int, problem: str, hint: str) -> MarkupError:
        line, column = _location(markup, offset)
        return MarkupError(source, line, column, problem, hint)

    while pos < n:
        next_open = markup.find("[", pos)
        next_close = markup.find("]", pos)
        if next_close != -1 and (next_open == -1 or next_close < next_open):
            raise fail(next_close, "stray ']' outside any entity",
                       "Remove the ']' or add the missing '[LABEL ' opener before it.")
        if next_open == -1:
            text_parts.append(markup[pos:])
            break
        text_parts.append(markup[pos:next_open])
        text_len += next_open - pos
        label_start = next_open + 1
        label_end = label_start
        while label_end < n and markup[label_end].isalpha():
            label_end += 1
        label = markup[label_start:label_end]
        if not label or label_end >= n or markup[label_end] != " ":
            raise fail(next_open, "'[' is not followed by a label and a space",
                       "Entities are written '[LABEL text ]'; remove or fix this bracket.")
        if label not in allowed:
            raise fail(next_open, f"unknown label '{label}' (allowed: {', '.join(sorted(allowed))})",
                       "Fix the label or pass it in the label set (--labels).")
        body_start = label_end + 1
        close = markup.find("]", body_start)
        inner_open = markup.find("[", body_start)
        if close == -1:
            raise fail(next_open, f"unclosed entity '[{label}'",
                       "Add the closing ']' after the entity's text.")
        if inner_open != -1 and inner_open < close:
            raise fail(inner_open, f"nested '[' inside the entity opened at {_location(markup, next_open)[1]}",
                       "Entities cannot nest; close the outer entity first.")
        body = markup[body_start:close].rstrip()
        if not body.strip():
            raise fail(next_open, f"empty entity '[{label} ]'", "Remove the empty brackets.")
        if body[0].isspace():
            # Leading whitespace is text outside the entity.
            lead = len(body) - len(body.lstrip())
            text_parts.append(body[:lead])
            text_len += lead
            body = body[lead:]
        spans.append(Span(text_len, text_len + len(body), label))
        text_parts.append(body)
        text_len += len(body)
        pos = close + 1
    return AnnotatedText("".join(text_parts), spans)


ENTITY = re.compile(r"\[([^\[\]\s]+) ([^\[\]]*)\]")


def _parse_well_formed(markup: str, allowed: Set[str]) -> Optional[AnnotatedText]:
    """:func:`parse_markup` for markup without problems, by one regex scan (a third of the time).

    Returns None when any bracket is not part of a well-formed entity with an allowed label;
    the bracket-by-bracket scan then finds and locates the problem.
    """
    text_parts: List[str] = []
    spans: List[Span] = []
    text_len = 0
    pos = 0
    n_entities = 0
    for match in ENTITY.finditer(markup):
        label, body = match.group(1), match.group(2).rstrip()
        if label not in allowed or not label.isalpha() or not body:
            return None
        text_parts.append(markup[pos : match.start()])
        text_len += match.start() - pos
        lead = len(body) - len(body.lstrip())
        if lead:  # leading whitespace is text outside the entity
            text_parts.append(body[:lead])
            text_len += lead
            body = body[lead:]
        spans.append(Span(text_len, text_len + len(body), label))
        text_parts.append(body)
        text_len += len(body)
        pos = match.end()
        n_entities += 1
    if markup.count("[") != n_entities or markup.count("]") != n_entities:
        return None  # a bracket outside every well-formed entity
    text_parts.append(markup[pos:])
    return AnnotatedText("".join(text_parts), spans)


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


def read_cable_file(path: Path, labels: Sequence[str] = DEFAULT_LABELS) -> AnnotatedText:
    """Read one annotated cable file (UTF-8, a BOM is allowed)."""
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
    return parse_markup(markup, labels, source=str(path))
