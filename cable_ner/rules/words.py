"""Word-level helpers the span rules share: words and their offsets, name comparison, votes.

Every function here reads the cable's text as it is; none changes a span list.
"""
import re
from collections import defaultdict
from typing import Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from ..markup import Span
from .lexicon import DEMONYM_SUFFIXES, EDGE_PUNCT, STOP_WORDS, TAGS_LINE, TITLE_HEADS, WORD

def words(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    """Whitespace-separated words of ``text[start:end]`` as absolute offsets."""
    head = text[start:end].split(None, 1)
    if len(head) == 1 and len(head[0]) == end - start:
        return [(start, end)]  # one word, the most common span
    return [(start + m.start(), start + m.end()) for m in WORD.finditer(text[start:end])]


_NOT_WORD_EDGE = EDGE_PUNCT + " \t\r\n"


def bare(word: str) -> str:
    """A word without edge punctuation: ``"Minister,"`` -> ``"Minister"``."""
    return word.strip(_NOT_WORD_EDGE)


def name_key(name: str) -> str:
    """How two mentions of one name compare: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def is_capitalised(word: str) -> bool:
    word = bare(word)
    return bool(word) and word[0].isupper()


def tags_in_order(text: str) -> List[str]:
    """The TAGS codes of a cable in the order it writes them, each once (``TAGS PGOV , PREL , IR`` -> [PGOV, PREL, IR])."""
    codes: Dict[str, None] = {}
    for match in TAGS_LINE.finditer(text):
        codes.update((w, None) for w in re.split(r"[\s,;]+", match.group("codes")) if w.isupper())
    return list(codes)


def tags_codes(text: str) -> Set[str]:
    """The TAGS codes of a cable (``TAGS PGOV , PREL , IR`` -> {PGOV, PREL, IR})."""
    return set(tags_in_order(text))


def label_votes(text: str, spans: Sequence[Span]) -> Dict[str, Dict[str, int]]:
    """Per name (compared by :func:`name_key`), how many of its mentions carry each label."""
    key_of: Dict[str, str] = {}  # names recur: key each way of writing one once
    votes: Dict[str, Dict[str, int]] = defaultdict(dict)
    for span in spans:
        surface = text[span.start : span.end]
        key = key_of.get(surface)
        if key is None:
            key = key_of[surface] = name_key(surface)
        counts = votes[key]
        counts[span.label] = counts.get(span.label, 0) + 1
    return votes


def winning_label(counts: Mapping[str, int]) -> Optional[str]:
    """The label most mentions of a name carry (``counts``: mentions per label), or None on a tie."""
    if len(counts) == 1:
        return next(iter(counts))
    most = max(counts.values(), default=0)
    leaders = [label for label, n in counts.items() if n == most]
    return leaders[0] if len(leaders) == 1 else None


def looks_like_demonym(word: str) -> bool:
    word = bare(word)
    return word[:1].isupper() and word.lower().endswith(DEMONYM_SUFFIXES) and not word.lower().endswith("stan")


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)


def trim_whitespace(text: str, span: Span) -> Optional[Span]:
    """The span without edge whitespace, or None if nothing is left."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, span.label) if end > start else None


def neighbour_word(text: str, offset: int, direction: int) -> Optional[Tuple[int, int]]:
    """The word just before (-1) or after (+1) offset, across spaces or one line break.

    Only the 40 characters on that side are looked at (a longer word is cut at that edge).
    """
    if direction < 0:
        limit, position = max(0, offset - 40), offset
        while position > limit and text[position - 1] in " \t":
            position -= 1
        if position > limit and text[position - 1] == "\n":
            position -= 1
            while position > limit and text[position - 1] in " \t":
                position -= 1
        word_end = position
        while position > limit and not text[position - 1].isspace():
            position -= 1
        return (position, word_end) if word_end < offset and position < word_end else None
    limit, position = min(len(text), offset + 40), offset
    while position < limit and text[position] in " \t":
        position += 1
    if position < limit and text[position] == "\n":
        position += 1
        while position < limit and text[position] in " \t":
            position += 1
    word_start = position
    while position < limit and not text[position].isspace():
        position += 1
    return (word_start, position) if word_start > offset and position > word_start else None


def is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_-"


def occurrences(text: str, name: str, taken: bytes = b"") -> Iterable[Tuple[int, int]]:
    """Where ``name`` stands in ``text`` as whole words (any whitespace between its words).

    Positions where ``taken`` (a byte per character) is non-zero are passed over.
    """
    first, *rest = name.split()
    position = text.find(first)
    while position != -1:
        if taken and taken[position]:
            position = text.find(first, position + len(first))
            continue
        end = position + len(first)
        for word in rest:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                end = -1
                break
            end = gap + len(word)
        if end != -1 and (position == 0 or not is_word_char(text[position - 1])) and (
            end == len(text) or not is_word_char(text[end])
        ):
            yield position, end
        position = text.find(first, position + len(first))


HTML_TAG = re.compile(r"<[^>]*>")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def in_capitals_context(text: str, start: int, end: int) -> bool:
    """Whether a mention stands among capitalised words (a header, subject line or signature)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    if not HTML_TAG.sub("", line.replace(text[start:end], "", 1)).strip():
        return True  # alone on its line: a signature
    context = LATIN_WORD.findall(text[max(0, start - 30) : start] + " " + text[end : end + 30])
    return not context or sum(w.isupper() for w in context) >= len(context) / 2


def inside_longer_name(text: str, start: int, end: int) -> bool:
    after = neighbour_word(text, end, +1)
    if after and is_capitalised(text[after[0] : after[1]]) and text[end].isspace():
        return True
    before = neighbour_word(text, start, -1)
    if before:
        word = text[before[0] : before[1]]
        if is_capitalised(word) and word not in TITLE_HEADS and bare(word).lower() not in STOP_WORDS and word[-1] not in ".,;:!?":
            return True
    return False
