"""Cables written again with their fixed annotation, in the same bracket markup, for review by diff.

Only the markup changes: removing it from input and output gives identical text (a BOM and line
ends included), so ``diff -r IN OUT`` shows exactly what the rules did.
"""
from collections import Counter
from pathlib import Path
from typing import Sequence

from ..labels import DEFAULT_ROLES, LabelRoles
from ..markup import read_cable_file, write_markup
from ..rules import SpanRule, apply_rules


def fix_markup_file(
    source: Path, target: Path, labels: Sequence[str], rules: Sequence[SpanRule], roles: LabelRoles = DEFAULT_ROLES
) -> Counter:
    """Write ``source`` with its spans fixed to ``target``; returns the number of changes per rule.

    Raises :class:`~cable_ner.markup.MarkupError` for bad input.
    """
    annotated = read_cable_file(source, labels)
    result = apply_rules(annotated.text, annotated.spans, rules, roles)
    target.parent.mkdir(parents=True, exist_ok=True)
    bom = "\ufeff" if source.read_bytes().startswith(b"\xef\xbb\xbf") else ""
    with target.open("w", encoding="utf8", newline="") as handle:
        handle.write(bom + write_markup(annotated.text, result.spans, closer="  ]"))
    return result.counts()
