"""Clean cable text for training while keeping entity offsets correct.

This module owns everything that changes the *characters* of a cable between the tagger's file
and the text a model trains on: the ``<code><pre>`` wrapper, paragraph anchors
(``<a id='par1' href='#par1'>¶</a>``), the tagger's spaces before punctuation
(``Karzai , Spanta .``), which raw cables do not have, and CRLF or CR line ends (read as LF). Page-break headers
(``KABUL 00002998 002 OF 006``) stay: published raw cables have them too, and their city is LOC.

Every change is an :class:`Edit`; :func:`apply_edits` rewrites the text and moves each entity
span with it. A span that loses characters to an edit is dropped, with the edit's reason, so
callers can account for it. The pipeline cleans the text it is given with the same edits and
maps its entities back (:class:`OffsetMap`), so that they index the text as given. Paragraph
splitting lives here too, since it is defined on the cleaned text.
"""
import re
from bisect import bisect_left, bisect_right
from typing import Iterable, List, NamedTuple, Sequence, Tuple

from .markup import Span


class Edit(NamedTuple):
    """Replace ``text[start:end]`` by ``replacement``; ``reason`` names the cleaning step."""

    start: int
    end: int
    replacement: str
    reason: str


class CleanedText(NamedTuple):
    text: str
    spans: List[Span]
    dropped: List[Tuple[Span, str]]


WRAPPER = re.compile(r"</?code>|</?pre>")
PARAGRAPH_ANCHOR = re.compile(r"<a id='par\d+' href='#par\d+'>(¶)</a>")
# Tagger spacing. Each pattern starts with a literal, which the regex engine scans for fast; what
# must stand before the match is checked in :func:`_tagger_spacing` (a lookbehind made the scan
# ten times slower).
# A space before a punctuation token that stands alone ("Karzai , Spanta ." -> "Karzai, Spanta."),
# after a non-space.
SPACE_BEFORE_PUNCT = re.compile(r" (?=[,.;:)?!%]+(?:\s|$|</))")
# A space after an opening parenthesis that starts a word ("( SBU )" -> "(SBU )").
SPACE_AFTER_OPEN_PAREN = re.compile(r"\(( )(?=\S)")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
LINE_END = re.compile(r"\r\n?")


def find_edits(text: str) -> List[Edit]:
    """All cleaning edits for a cable's plain text, sorted and non-overlapping."""
    edits: List[Edit] = []
    for match in WRAPPER.finditer(text):
        edits.append(Edit(match.start(), match.end(), "", "html_wrapper"))
    for match in PARAGRAPH_ANCHOR.finditer(text):
        edits.append(Edit(match.start(), match.end(), "\n\n¶", "paragraph_anchor"))
    for start, end in _tagger_spacing(text):
        edits.append(Edit(start, end, "", "tagger_spacing"))
    if "\r" in text:
        edits.extend(Edit(match.start(), match.end(), "\n", "line_ends") for match in LINE_END.finditer(text))
    edits.sort()
    kept: List[Edit] = []
    for edit in edits:
        if kept and edit.start < kept[-1].end:
            continue
        kept.append(edit)
    return kept


def _tagger_spacing(text: str) -> Iterable[Tuple[int, int]]:
    """Spaces the tagger put before punctuation and after an opening parenthesis."""
    for match in SPACE_BEFORE_PUNCT.finditer(text):
        if match.start() and not text[match.start() - 1].isspace():
            yield match.span()
    for match in SPACE_AFTER_OPEN_PAREN.finditer(text):
        if match.start() == 0 or text[match.start() - 1].isspace():  # the "(" starts a word
            yield match.span(1)


def _is_whitespace_edit(edit: Edit, text: str) -> bool:
    return not text[edit.start : edit.end].strip() and not edit.replacement.strip()


def apply_edits(text: str, spans: Sequence[Span], edits: Sequence[Edit]) -> CleanedText:
    """Apply edits to text and move spans with them.

    A span survives an edit inside it only if the edit changes whitespace alone; otherwise the
    span is dropped with the edit's reason. Example: a span over ``x</pre>`` is dropped as
    ``"html_wrapper"`` when the wrapper is removed. An insertion (an edit of no characters) at a
    span's start goes before it, at its end after it.
    """
    pieces: List[str] = []
    shifts: List[int] = []  # cumulative length change after each edit
    pos = 0
    shift = 0
    for edit in edits:
        pieces.append(text[pos : edit.start])
        pieces.append(edit.replacement)
        pos = edit.end
        shift += len(edit.replacement) - (edit.end - edit.start)
        shifts.append(shift)
    pieces.append(text[pos:])
    new_text = "".join(pieces)

    ends = [edit.end for edit in edits]
    kept: List[Span] = []
    dropped: List[Tuple[Span, str]] = []
    for span in spans:
        first = bisect_right(ends, span.start)  # edits before the span: they only move it
        index, blocking = first, None
        while index < len(edits) and edits[index].start < span.end:
            if not _is_whitespace_edit(edits[index], text):
                blocking = edits[index]
                break
            index += 1
        if blocking is not None:
            dropped.append((span, blocking.reason))
            continue
        last = bisect_right(ends, span.end, first)  # edits that end at or before the span's end
        while last > first and edits[last - 1].start == edits[last - 1].end == span.end:
            last -= 1  # an insertion right after the span stays outside it
        start_shift = shifts[first - 1] if first else 0
        end_shift = shifts[last - 1] if last else 0
        kept.append(Span(span.start + start_shift, span.end + end_shift, span.label))
    return CleanedText(new_text, kept, dropped)


def clean_cable(text: str, spans: Sequence[Span]) -> CleanedText:
    """Clean a cable's plain text (see module docstring) and move its spans with it."""
    return apply_edits(text, spans, find_edits(text))


class OffsetMap:
    """Offsets in the cleaned text mapped back to the text the edits were found in.

    A start maps past a removed stretch, an end before it, so that a span keeps the characters
    it had; a start or end inside a replacement (``\n\n¶`` for an anchor) takes in the whole
    original stretch. Example: in ``"<code><pre>Kabul"``, cleaned ``"Kabul"`` [0, 5) maps to [11, 16).
    """

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits = list(edits)
        self.cleaned_starts: List[int] = []
        self.cleaned_ends: List[int] = []
        shift = 0
        for edit in self.edits:
            self.cleaned_starts.append(edit.start + shift)
            shift += len(edit.replacement) - (edit.end - edit.start)
            self.cleaned_ends.append(edit.end + shift)

    def start(self, position: int) -> int:
        index = bisect_right(self.cleaned_starts, position) - 1
        return self._original(index, position, inside=self.edits[index].start if index >= 0 else 0)

    def end(self, position: int) -> int:
        index = bisect_left(self.cleaned_starts, position) - 1
        return self._original(index, position, inside=self.edits[index].end if index >= 0 else 0)

    def _original(self, index: int, position: int, inside: int) -> int:
        if index < 0:
            return position
        if position >= self.cleaned_ends[index]:
            return position - self.cleaned_ends[index] + self.edits[index].end
        return inside


def paragraphs(text: str) -> Iterable[Tuple[int, int]]:
    """Character ranges of the non-empty paragraphs of cleaned text (split at blank lines)."""
    pos = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        yield from _trimmed(text, pos, match.start())
        pos = match.end()
    yield from _trimmed(text, pos, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterable[Tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end
