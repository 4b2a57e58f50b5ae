"""A cable's text in the forms users hold it: LF, CRLF, and the tagger's HTML page.

The tagger's page (the seed cable shows one) wraps the text in ``<code><pre>`` ... ``</pre></code>``,
turns each paragraph mark into an anchor, ``<a id='par2' href='#par2'>¶</a>2``, and writes a space
before punctuation (``Karzai , Spanta .``). Each form keeps the annotation: the spans move with the
text. :func:`~cable_ner.cable_text.find_edits` undoes the page and the line ends, so a model that
reads a text cleaned should find the same entities in every form (``evaluate-real --text-form``).
"""
import re
from typing import Callable, Dict, List, Sequence, Tuple

from ..cable_text import Edit, apply_edits
from ..markup import Span

# A blank line, then a paragraph mark and its number: the page has an anchor there instead.
PARAGRAPH_MARK = re.compile(r"[ \t]*\n[ \t]*\n[ \t]*¶(\d+)")
# A run of punctuation after a word and before a space: the tagger writes a space before it
# (not before a colon: ``SUBJECT:`` and ``DECL:`` stay as they are on its pages).
PUNCTUATION_RUN = re.compile(r"(?<=[^\s,.;:)?!%])[,.;)?!%]+(?=\s|$)")


def _rewrite(text: str, spans: Sequence[Span], edits: Sequence[Edit]) -> Tuple[str, List[Span]]:
    rewritten = apply_edits(text, spans, edits)
    if rewritten.dropped:
        raise AssertionError(f"a text form lost spans it must keep: {rewritten.dropped[:3]}")
    return rewritten.text, rewritten.spans


def as_lf(text: str, spans: Sequence[Span]) -> Tuple[str, List[Span]]:
    return text, list(spans)


def as_crlf(text: str, spans: Sequence[Span]) -> Tuple[str, List[Span]]:
    """Every line end written CRLF, as files saved on Windows have them."""
    return _rewrite(text, spans, [Edit(match.start(), match.end(), "\r\n", "crlf") for match in re.finditer("\n", text)])


def as_tagger_page(text: str, spans: Sequence[Span]) -> Tuple[str, List[Span]]:
    """The text as the tagger's HTML page shows it: wrapper, paragraph anchors, spaces before punctuation.

    Example: ``"Karzai said.\\n\\n¶2. Spanta"`` becomes
    ``"<code><pre>Karzai said . <a id='par2' href='#par2'>¶</a>2 . Spanta</pre></code> "``.
    A punctuation mark inside a name (``U.S.``) keeps its place.
    """
    inside = [False] * (len(text) + 1)
    for span in spans:
        for offset in range(span.start + 1, span.end):
            inside[offset] = True
    edits = [Edit(0, 0, "<code><pre>", "html_wrapper")]
    marks = [Edit(match.start(), match.end(), f" <a id='par{match.group(1)}' href='#par{match.group(1)}'>¶</a>{match.group(1)}",
                  "paragraph_anchor") for match in PARAGRAPH_MARK.finditer(text)]
    mark_index = 0
    for match in PUNCTUATION_RUN.finditer(text):
        while mark_index < len(marks) and marks[mark_index].end <= match.start():
            edits.append(marks[mark_index])
            mark_index += 1
        if not inside[match.start()] and not (mark_index < len(marks) and marks[mark_index].start < match.start()):
            edits.append(Edit(match.start(), match.start(), " ", "tagger_spacing"))
    edits += marks[mark_index:]
    edits.append(Edit(len(text), len(text), "</pre></code> ", "html_wrapper"))
    return _rewrite(text, spans, edits)


TEXT_FORMS: Dict[str, Callable[[str, Sequence[Span]], Tuple[str, List[Span]]]] = {
    "lf": as_lf, "crlf": as_crlf, "page": as_tagger_page}
