"""Span-fixing rules: repair the tagger's broken annotations, one named rule at a time.

:data:`DEFAULT_RULES` below is the order the rules run in. Each rule is a small function in the
module named after the tagger error it repairs, registered with its metadata and worked examples
(``tagger -> fixed``) by :func:`~cable_ner.rules.registry.span_rule`:

- :mod:`.spurious_tags`: tags on metadata and headings (``drop_metadata``, ``drop_heading_words``)
- :mod:`.boundaries`: spans that swallow trailing words, punctuation or a possessive
- :mod:`.titles`: spans that swallow a title or role (``strip_titles``)
- :mod:`.split_names`: one name split into spans, or part of it left outside
- :mod:`.labels`: wrong labels (by head noun, by country data, by the cable's majority)
- :mod:`.missed_mentions`: mentions the tagger missed (the cable's own names at their other mentions)
- :mod:`.routing_header`: the routing header's offices, addressees and people

A rule is ``rule(cable, spans) -> spans``: ``cable`` (:class:`CableContext`) holds the plain text
(markup removed, nothing else changed) and views of it computed once per cable. Rules use
general evidence only: word lists of titles, head nouns and metadata, the cable's own spelling
and its other annotations; never names from a particular cable. :func:`apply_rules` runs a
chosen list and records every change per rule.
"""
from typing import List, Tuple

DEFAULT_RULES: Tuple[str, ...] = (
    "drop_metadata",
    "drop_reference_citations",
    "cut_trailing_non_name_words",
    "trim_edge_punctuation",
    "split_off_possessive",
    "strip_titles",
    "drop_heading_words",
    "merge_split_names",
    "extend_person_names",
    "relabel_by_head_word",
    "relabel_country_names",
    "propagate_cable_names",
    "tag_routing_header",
    "tag_signature",
    # Last, so that every name the rules before it tagged, moved or labelled gets one label per cable.
    "vote_labels_in_cable",
)

# Importing the rule modules registers their rules.
from . import boundaries, labels, missed_mentions, routing_header, split_names, spurious_tags, titles  # noqa: E402,F401
from .context import CableContext  # noqa: E402
from .registry import RULES, Example, SpanRule  # noqa: E402
from .runner import Change, FixResult, apply_rules  # noqa: E402

__all__ = ["DEFAULT_RULES", "RULES", "CableContext", "Change", "Example", "FixResult", "SpanRule", "apply_rules", "select_rules", "default_rules"]


def select_rules(setting: str) -> List[SpanRule]:
    """The rules a setting names: ``"default"`` (:data:`DEFAULT_RULES`), ``"none"``, or names.

    Raises ValueError naming every unknown rule.
    """
    setting = setting.strip()
    if setting == "none":
        return []
    names = list(DEFAULT_RULES) if setting == "default" else [name.strip() for name in setting.split(",") if name.strip()]
    if not names:
        raise ValueError("No span rules named: use 'default', 'none' or a comma-separated list of rule names.")
    unknown = [name for name in names if name not in RULES]
    if unknown:
        raise ValueError(f"Unknown span rule(s): {', '.join(unknown)}. Known rules: {', '.join(RULES)}")
    return [RULES[name] for name in names]


def default_rules() -> List[SpanRule]:
    """:data:`DEFAULT_RULES` as rules, in order."""
    return select_rules("default")
