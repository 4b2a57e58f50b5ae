"""Rules for tags on things that are no entity: cable metadata, headings and subject-line words."""
import re
from bisect import bisect_right
from typing import List, Optional, Set, Tuple

from ..markup import Span
from .context import CableContext
from .lexicon import CLASSIFICATION_MARKINGS, METADATA_WORDS, STOP_WORDS, TAGS_LINE
from .registry import span_rule
from .words import bare, in_capitals_context, occurrences, tags_codes, words

_METADATA = CLASSIFICATION_MARKINGS | METADATA_WORDS


@span_rule(
    repairs=("spurious_tag",),
    examples=[
        ("TAGS PGOV , PREL , [PER ECON  ] , IR SUBJECT: x", "TAGS PGOV , PREL , ECON , IR SUBJECT: x"),
        ("( [ORG SBU  ] ) The [ORG UN  ]", "( SBU ) The [ORG UN ]"),
        ("( [ORG Note:  ] The [MISC Danish  ] have", "( Note: The [MISC Danish ] have"),
        ("[LOC Nepal  ] and [ORG SIPDIS  ]", "[LOC Nepal ] and SIPDIS"),
    ],
)
def drop_metadata(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Drop spans on cable metadata: TAGS codes, classification markings, SIPDIS, "Note:"."""
    text = cable.text
    tags_regions = [(m.start(), m.end()) for m in TAGS_LINE.finditer(text)]
    kept = []
    for span in spans:
        if _inside(span, tags_regions):
            continue
        content = text[span.start : span.end]
        if not content.isalpha():  # most spans are one plain word: no punctuation to strip
            content = bare(content)
            if not any(ch.isalpha() for ch in content):
                continue
        if content.upper() in _METADATA:
            continue
        kept.append(span)
    return kept


def _inside(span: Span, regions: List[Tuple[int, int]]) -> bool:
    """Whether the span lies inside one of the regions (sorted, not overlapping): one bisection, not a scan."""
    index = bisect_right(regions, (span.start, len(regions) and regions[-1][1] + 1)) - 1
    return index >= 0 and regions[index][0] <= span.start and span.end <= regions[index][1]


HEADING_CONTEXT = re.compile(r"-{3,}[^\n]*?-{3,}|SUBJECT:?[^\n]*?(?=Classified By|CLASSIFIED BY|\n|$)")


def _written_as_name(cable: CableContext, phrase: str) -> bool:
    """Whether the cable writes an all-caps phrase capitalised in running text: "Grain Board"."""
    text, lowered = cable.text, cable.lower_case
    counts, folded = cable.word_counts, cable.folded_word_counts
    if all(folded[word.lower()] == counts[word] for word in map(bare, phrase.split())):
        return False  # the cable writes each of its words in capitals only (counted once per cable)
    for start, end in occurrences(lowered, phrase.lower()):
        surface = text[start:end]
        if surface[:1].isupper() and not surface.isupper() and not in_capitals_context(text, start, end):
            return True
    return False


@span_rule(
    repairs=("spurious_tag",),
    examples=[
        ("reform ------ [ORG POLITICAL REFORM  ] ------ political", "reform ------ POLITICAL REFORM ------ political"),
        ("------ [ORG EU SPECIAL  ] ENVOY ------ a special envoy", "------ [ORG EU ] SPECIAL ENVOY ------ a special envoy"),
        ("TAGS ECON SUBJECT: [PER HALVORSEN  ] ON [LOC ECON COOPERATION  ] \nthe cooperation",
         "TAGS ECON SUBJECT: [PER HALVORSEN ] ON ECON COOPERATION \nthe cooperation"),
        ("------ ROLE OF [LOC PERU  ] ------ and Peru", "------ ROLE OF [LOC PERU ] ------ and Peru"),
        ("SUBJECT: [ORG GRAIN BOARD  ] MEETS\nthe board and the Grain Board",
         "SUBJECT: [ORG GRAIN BOARD ] MEETS\nthe board and the Grain Board"),
    ],
)
def drop_heading_words(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Trim generic words off spans in headings and subject lines; drop spans left with none.

    In ``------ ... ------`` headings and the SUBJECT line, an all-caps word is generic when the
    cable also writes it in lower case, or it is a stop word or a TAGS code. A span the cable
    writes as a capitalised name in running text ("Grain Board" for GRAIN BOARD) stays whole.
    """
    text = cable.text
    regions = [(m.start(), m.end()) for m in HEADING_CONTEXT.finditer(text)]
    generic: Optional[Set[str]] = None
    fixed = []
    for span in spans:
        surface = text[span.start : span.end]
        in_heading = surface.isupper() and _inside(span, regions)
        if not in_heading or _written_as_name(cable, surface):
            fixed.append(span)
            continue
        if generic is None:
            generic = STOP_WORDS | {code.lower() for code in tags_codes(text)} | cable.lowercase_vocabulary
        span_words = words(text, span.start, span.end)

        def is_generic(word_span: Tuple[int, int]) -> bool:
            return bare(text[word_span[0] : word_span[1]]).lower() in generic  # type: ignore[operator]

        while span_words and is_generic(span_words[0]):
            span_words.pop(0)
        while span_words and is_generic(span_words[-1]):
            span_words.pop()
        if span_words:
            fixed.append(Span(span_words[0][0], span_words[-1][1], span.label))
    return fixed


REFERENCE_BLOCK = re.compile(r"\bREF(?:S|TEL)?\b:?.*?(?=\n[ \t]*\n|Classified [Bb]y|¶1\b|\Z)", re.S)
CABLE_NUMBER = re.compile(r"[ \t]+\d{2,6}\b")


@span_rule(
    repairs=("spurious_tag",),
    examples=[
        ("REF: A. LIMA 1234 B. [LOC STATE  ] 5678\n\n[LOC Lima  ] said", "REF: A. LIMA 1234 B. STATE 5678\n\n[LOC Lima ] said"),
        ("REF: A. [LOC LIMA  ] 1234\n     ¶B. [LOC QUITO  ] 98 \n\n¶1. x", "REF: A. LIMA 1234\n     ¶B. QUITO 98 \n\n¶1. x"),
        ("[LOC LIMA  ] 00002998 002 OF 006 the talks", "[LOC LIMA ] 00002998 002 OF 006 the talks"),
        ("REF: A. LIMA 1234 (the [ORG UN  ] report)\n", "REF: A. LIMA 1234 (the [ORG UN ] report)\n"),
    ],
)
def drop_reference_citations(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Drop spans on the posts that REF lines cite by cable number ("REF: A. LIMA 1234").

    A post followed by a cable's number in the REF block names a cable, not a place; a page
    break's city ("LIMA 00002998 002 OF 006") stands outside it and stays.
    """
    text = cable.text
    if "REF" not in text:
        return spans
    blocks = [(m.start(), m.end()) for m in REFERENCE_BLOCK.finditer(text, 0, min(len(text), 5000))]
    if not blocks:
        return spans
    kept = []
    for span in spans:
        in_block = any(start <= span.start and span.end <= end for start, end in blocks)
        surface = text[span.start : span.end]
        if in_block and surface.isupper() and CABLE_NUMBER.match(text, span.end):
            continue
        kept.append(span)
    return kept
