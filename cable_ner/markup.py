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

    def __reduce__(self):  # travels from worker processes whole, not as its message alone
        return MarkupError, (self.source, self.line, self.column, self.problem, self.hint)

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
        if close == -1:
            return problem_at(next_open, f"unclosed entity '[{label}'", "Add the closing ']' after the entity's text.")
        if inner_open != -1 and inner_open < close:
            return problem_at(inner_open, f"nested '[' inside the entity opened at {_location(markup, next_open)[1]}",
                              "Entities cannot nest; close the outer entity first.")
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


def cable_files(input_dir: Path) -> List[Path]:
    """The cable files of a folder (``*.txt``, recursively), in a stable order."""
    return sorted(p for p in Path(input_dir).rglob("*.txt") if p.is_file())
