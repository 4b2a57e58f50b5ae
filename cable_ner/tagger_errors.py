"""The kinds of error the Illinois tagger makes, named once for the rules and the audit.

Span rules say which of these they repair (:mod:`cable_ner.rules`); the audit classifies every
difference between the tagger's spans and gold with the same names (:mod:`cable_ner.audit`).
"""
from typing import Dict

ERROR_TYPES: Dict[str, str] = {
    "punctuation_inside": "trailing punctuation or a closing quote inside the span",
    "possessive_inside": "a possessive ’s / 's inside the span",
    "title_inside": "a title or role inside the span",
    "trailing_words_inside": "words after the name inside the span",
    "name_split": "one name split into several spans",
    "name_part_outside": "part of the name left outside the span",
    "wrong_label": "the right span with the wrong label",
    "spurious_tag": "a tag on something that is no entity (metadata, headings, common words)",
    "missed_mention": "an entity the tagger did not tag",
    "other_boundary": "a span whose boundaries are wrong in another way",
}
