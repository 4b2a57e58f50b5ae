"""Audit the span-fixing rules: what each changed, and, where gold exists, what it repaired or broke.

This module owns the measurement of :mod:`cable_ner.rules`. For every cable it runs the rules,
keeps examples of each rule's changes in context, and, given the gold annotation of the same
text, scores the tagger's spans and the fixed spans against gold (per label and per error type)
and counts, per rule, the changes that made the annotation closer to gold (repaired) and those
that moved it away (broken). :func:`render_audit` writes it all as Markdown.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

from ..markup import AnnotatedText, Span
from ..rules import SpanRule, apply_rules
from ..tagger_errors import ERROR_TYPES
from .error_types import classify_errors
from .scores import SpanScores
from .tables import in_context, markdown_table


@dataclass
class RuleEffect:
    """Changes one rule made; with gold, how many made the annotation better or worse."""

    changes: int = 0
    repaired: int = 0
    broken: int = 0
    examples: List[str] = field(default_factory=list)


@dataclass
class Audit:
    rules: Sequence[SpanRule]
    labels: Sequence[str]
    cables: int = 0
    effects: Dict[str, RuleEffect] = field(default_factory=lambda: defaultdict(RuleEffect))
    tagger: SpanScores = field(default_factory=SpanScores)
    fixed: SpanScores = field(default_factory=SpanScores)
    errors: Counter = field(default_factory=Counter)
    errors_repaired: Counter = field(default_factory=Counter)
    has_gold: bool = False

    def add_cable(self, cable_id: str, silver: AnnotatedText, gold: Optional[AnnotatedText], max_examples: int = 8) -> List[Span]:
        """Run the rules on one cable and record their effect; returns the fixed spans."""
        if gold is not None and gold.text != silver.text:
            raise ValueError(f"{cable_id}: the gold file's text differs from the silver file's text")
        self.cables += 1
        result = apply_rules(silver.text, silver.spans, self.rules)
        gold_set = set(gold.spans) if gold is not None else set()
        for change in result.changes:
            effect = self.effects[change.rule]
            effect.changes += 1
            if gold is not None:
                self.has_gold = True
                right_gained = sum(s in gold_set for s in change.after) - sum(s in gold_set for s in change.before)
                wrong_removed = sum(s not in gold_set for s in change.before) - sum(s not in gold_set for s in change.after)
                improvement = right_gained + wrong_removed
                effect.repaired += improvement > 0
                effect.broken += improvement < 0
            if len(effect.examples) < max_examples:
                region = [*change.before, *change.after]
                around = (min(s.start for s in region), max(s.end for s in region))
                effect.examples.append(
                    f"`{cable_id}`: {in_context(silver.text, change.before, around)}"
                    f" → {in_context(silver.text, change.after, around)}"
                )
        if gold is not None:
            self.tagger.add(gold.spans, silver.spans)
            self.fixed.add(gold.spans, result.spans)
            fixed_set = set(result.spans)
            for case in classify_errors(silver.text, silver.spans, gold.spans):
                self.errors[case.kind] += 1
                if case.gold is not None:
                    self.errors_repaired[case.kind] += case.gold in fixed_set
                else:
                    self.errors_repaired[case.kind] += all(s not in fixed_set for s in case.silver)
        return result.spans

    def to_dict(self) -> dict:
        data: dict = {
            "cables": self.cables,
            "rules": {name: {"changes": e.changes, "repaired": e.repaired, "broken": e.broken}
                      for name, e in ((rule.name, self.effects.get(rule.name, RuleEffect())) for rule in self.rules)},
        }
        if self.has_gold:
            data["tagger_vs_gold"] = self.tagger.to_dict(self.labels)
            data["fixed_vs_gold"] = self.fixed.to_dict(self.labels)
            data["error_types"] = {kind: {"tagger_errors": self.errors[kind], "repaired": self.errors_repaired[kind]}
                                   for kind in ERROR_TYPES}
        return data


def render_audit(audit: Audit, skipped: int) -> str:
    """The audit as Markdown."""
    figures = audit.to_dict()
    lines = ["# Span-fixing rules: audit", "",
             f"{audit.cables} cables, rules in order: {', '.join(rule.name for rule in audit.rules) or 'none'}."
             + (f" {skipped} cable(s) skipped for bad markup." if skipped else ""), ""]
    if audit.has_gold:
        lines += ["## Scores against gold (exact spans)", ""]
        tagger, fixed = figures["tagger_vs_gold"], figures["fixed_vs_gold"]
        rows = []
        for label in audit.labels:
            t, f = tagger["per_label"][label], fixed["per_label"][label]
            rows.append((label, t["p"], t["r"], t["f"], f["p"], f["r"], f["f"]))
        t, f = tagger["overall"], fixed["overall"]
        rows.append(("**all**", t["p"], t["r"], t["f"], f["p"], f["r"], f["f"]))
        lines += [markdown_table(("label", "tagger P", "tagger R", "tagger F1", "fixed P", "fixed R", "fixed F1"), rows), ""]
        lines += ["## Tagger errors by type, and how many the rules repaired", ""]
        rows = [(kind, figures["error_types"][kind]["tagger_errors"], figures["error_types"][kind]["repaired"]) for kind in ERROR_TYPES]
        lines += [markdown_table(("error type", "tagger errors", "repaired"), rows), ""]
    lines += ["## Changes per rule", "",
              "*repaired*: changes that made the annotation closer to gold (more gold spans or fewer wrong ones);"
              " *broken*: changes that moved it away; the rest changed nothing that gold can see."
              if audit.has_gold else "No gold annotation given: changes are counted, not scored.", ""]
    rows = [(name, e["changes"], e["repaired"], e["broken"]) for name, e in figures["rules"].items()]
    lines += [markdown_table(("rule", "changes", "repaired", "broken"), rows), ""]
    for rule in audit.rules:
        effect = audit.effects.get(rule.name)
        example = rule.examples[0]
        lines += [f"### `{rule.name}`", "", rule.summary, "",
                  f"Repairs: {', '.join(rule.repairs)}. Worked example: `{example.tagger}` → `{example.fixed}`", ""]
        if effect is None or not effect.examples:
            lines += ["No changes.", ""]
            continue
        lines += [f"- {example}" for example in effect.examples] + [""]
    return "\n".join(lines)
