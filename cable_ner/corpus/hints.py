"""What the span rules know beyond the entities they keep, written into the corpus for training.

The tagger's annotation says more than its entities, once the rules have read it:

- **known non-entities**: a span a rule removed without putting anything in its place (a TAGS
  code, a heading, a cited cable's post, a title alone) is known not to be an entity with that
  label. Conversion writes them per paragraph (``user_data["not_entities"]``, token ranges with
  the tagger's label), and the training reader hands them to ``ner`` as spaCy's incorrect spans
  (``[components.ner] incorrect_spans_key``), so the model is taught not to tag them.
- **unsure words**: a capitalised word in running text that no entity covers and that the rules
  cannot call common (not a title, month, metadata word, a name's head noun or an institution's generic word alone, not a word
  the cable also writes in lower case, not the first word of a sentence or heading) is often a name the tagger missed. Its tokens
  are written as missing instead of ``O``, so the model is not taught that it is no name.

Which of them a conversion writes is a setting (:data:`HINTS`); the README reports what each
gives on real cables.
"""
import re
from typing import List, Sequence, Set

from ..markup import Span
from ..shards import NOT_ENTITIES_KEY  # noqa: F401 (the user data key the hints are written under)
from ..rules import FixResult
from ..rules.context import CableContext
from ..rules.lexicon import (
    CLASSIFICATION_MARKINGS, GENERIC_INSTITUTIONS, METADATA_WORDS, NAME_HEADS, NOT_NAME_PARTS, STOP_WORDS,
)
from ..rules.words import bare

NOT_ENTITIES = "not_entities"
UNSURE_WORDS = "unsure_words"
HINTS = (NOT_ENTITIES, UNSURE_WORDS)
UNSURE_LABEL = ""

CAPITALISED_WORD = re.compile(r"(?<![\w'’-])[A-Z][a-z][\w'’-]*")
SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"“()\-]|\d\.)\s*$")
# Titles, months, metadata words and the head nouns of names (Embassy, Court, Province) alone are no names.
COMMON_CAPITALISED = {word.lower() for word in NOT_NAME_PARTS | METADATA_WORDS | CLASSIFICATION_MARKINGS | NAME_HEADS
                      | GENERIC_INSTITUTIONS} | STOP_WORDS


def parse_hints(value: str) -> List[str]:
    """The hints a setting names: ``none``, ``all`` or a comma-separated list of :data:`HINTS`."""
    value = value.strip()
    if value in ("", "none"):
        return []
    names = list(HINTS) if value == "all" else [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in HINTS]
    if unknown:
        raise ValueError(f"Unknown hint(s): {', '.join(unknown)}. Known: {', '.join(HINTS)}, or all, or none")
    return names


def known_non_entities(fix: FixResult) -> List[Span]:
    """The spans a rule removed without a replacement: known not to be entities with their labels."""
    removed = [span for change in fix.changes if not change.after for span in change.before]
    kept = set(fix.spans)
    return sorted(span for span in set(removed) if span not in kept)


def unsure_words(cable: CableContext, spans: Sequence[Span]) -> List[Span]:
    """Capitalised words of running text that no span covers and that may be names the tagger missed."""
    text = cable.text
    covered = bytearray(len(text))
    for span in spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    lower_case: Set[str] = cable.lowercase_vocabulary
    found = []
    for match in CAPITALISED_WORD.finditer(text):
        start, end = match.span()
        word = bare(match.group()).lower()
        if covered.find(1, start, end) != -1 or word in COMMON_CAPITALISED or word in lower_case:
            continue
        if SENTENCE_START.search(text, max(0, start - 40), start):
            continue
        found.append(Span(start, end, UNSURE_LABEL))
    return found
