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

from ..labels import DEFAULT_ROLES, LabelRoles
from ..markup import AnnotatedText, MarkupError, Span
from ..rules import SpanRule, apply_rules
from ..tagger_errors import ERROR_TYPES
from .error_types import classify_errors
from .scores import SpanScores
from .tables import in_context, markdown_table


EXAMPLE_KINDS = ("repaired", "broken", "changed")


@dataclass
class ChangeExample:
    """One change by a rule, in its context: the spans before and after, as offsets into ``text``."""

    cable_id: str
    text: str
    before: List[Span]
    after: List[Span]

    def to_dict(self) -> dict:
        return {"cable": self.cable_id, "text": self.text, "before": [list(s) for s in self.before],
                "after": [list(s) for s in self.after]}

    def markdown(self) -> str:
        whole = (0, len(self.text))
        return f"`{self.cable_id}`: {in_context(self.text, self.before, whole, 0)} → {in_context(self.text, self.after, whole, 0)}"


@dataclass
class RuleEffect:
    """Changes one rule made; with gold, how many made the annotation better (repaired) or worse (broken).

    examples: the first changes of each kind (repaired, broken, and changed where gold cannot tell).
    """

    changes: int = 0
    repaired: int = 0
    broken: int = 0
    examples: Dict[str, List[ChangeExample]] = field(default_factory=lambda: {kind: [] for kind in EXAMPLE_KINDS})


@dataclass
class Audit:
    rules: Sequence[SpanRule]
    labels: Sequence[str]
    roles: LabelRoles = DEFAULT_ROLES
    cables: int = 0
    effects: Dict[str, RuleEffect] = field(default_factory=lambda: defaultdict(RuleEffect))
    tagger: SpanScores = field(default_factory=SpanScores)
    fixed: SpanScores = field(default_factory=SpanScores)
    errors: Counter = field(default_factory=Counter)
    errors_repaired: Counter = field(default_factory=Counter)
    gold_cables: int = 0
    gold_given: bool = False  # whether the caller looked for gold files at all

    @property
    def has_gold(self) -> bool:
        return self.gold_cables > 0

    @property
    def no_gold_reason(self) -> str:
        """Why nothing was scored against gold (empty when something was)."""
        if self.has_gold:
            return ""
        if self.gold_given:
            return f"no gold file matched the names of these {self.cables} cables (gold files pair with cables by name)"
        return "no gold annotation was given (--gold)"

    def add_cable(self, cable_id: str, silver: AnnotatedText, gold: Optional[AnnotatedText], max_examples: int = 8) -> List[Span]:
        """Run the rules on one cable and record their effect; returns the fixed spans."""
        if gold is not None and gold.text != silver.text:
            raise ValueError(f"{cable_id}: the gold file's text differs from the silver file's text")
        self.cables += 1
        self.gold_cables += gold is not None
        result = apply_rules(silver.text, silver.spans, self.rules, self.roles)
        gold_set = set(gold.spans) if gold is not None else set()
        for change in result.changes:
            effect = self.effects[change.rule]
            effect.changes += 1
            kind = "changed"
            if gold is not None:
                right_gained = sum(s in gold_set for s in change.after) - sum(s in gold_set for s in change.before)
                wrong_removed = sum(s not in gold_set for s in change.before) - sum(s not in gold_set for s in change.after)
                improvement = right_gained + wrong_removed
                effect.repaired += improvement > 0
                effect.broken += improvement < 0
                kind = "repaired" if improvement > 0 else "broken" if improvement < 0 else "changed"
            if len(effect.examples[kind]) < max_examples:
                effect.examples[kind].append(_example(cable_id, silver.text, change.before, change.after))
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
        judged = self.has_gold
        data: dict = {
            "cables": self.cables,
            "gold_cables": self.gold_cables,
            "has_gold": judged,
            "no_gold_reason": self.no_gold_reason,
            "rules": {name: {"changes": e.changes, "repaired": e.repaired if judged else None,
                             "broken": e.broken if judged else None,
                             "examples": {kind: [x.to_dict() for x in found] for kind, found in e.examples.items()}}
                      for name, e in ((rule.name, self.effects.get(rule.name, RuleEffect())) for rule in self.rules)},
        }
        if self.has_gold:
            data["tagger_vs_gold"] = self.tagger.to_dict(self.labels)
            data["fixed_vs_gold"] = self.fixed.to_dict(self.labels)
            data["error_types"] = {kind: {"tagger_errors": self.errors[kind], "repaired": self.errors_repaired[kind]}
                                   for kind in ERROR_TYPES}
        return data


def _example(cable_id: str, text: str, before: List[Span], after: List[Span], width: int = 50) -> ChangeExample:
    """A change with about ``width`` characters of context on each side, in whole words; offsets
    moved into the snippet."""
    region = [*before, *after]
    start = max(0, min(s.start for s in region) - width)
    end = min(len(text), max(s.end for s in region) + width)
    while start > 0 and not text[start - 1].isspace():
        start -= 1  # back to the start of the word it cut
    while end < len(text) and not text[end].isspace():
        end += 1

    def moved(spans: List[Span]) -> List[Span]:
        return [Span(s.start - start, s.end - start, s.label) for s in sorted(spans)]

    return ChangeExample(cable_id, text[start:end], moved(before), moved(after))


def render_audit(audit: Audit, bad_files: Sequence[MarkupError] = ()) -> str:
    """The audit as Markdown; bad files are listed with where and what is wrong."""
    figures = audit.to_dict()
    lines = ["# Span-fixing rules: audit", "",
             f"{audit.cables} cables, rules in order: {', '.join(rule.name for rule in audit.rules) or 'none'}."
             + (f" {len(bad_files)} bad file(s) skipped (listed at the end)." if bad_files else ""), ""]
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
              if audit.has_gold else f"Repaired and broken are n/a: {audit.no_gold_reason}. Changes are counted, not scored.", ""]
    rows = [(name, e["changes"], e["repaired"], e["broken"]) for name, e in figures["rules"].items()]
    lines += [markdown_table(("rule", "changes", "repaired", "broken"), rows), ""]
    for rule in audit.rules:
        effect = audit.effects.get(rule.name)
        example = rule.examples[0]
        lines += [f"### `{rule.name}`", "", rule.summary, "",
                  f"Repairs: {', '.join(rule.repairs)}. Worked example: `{example.tagger}` → `{example.fixed}`", ""]
        if effect is None or not effect.changes:
            lines += ["No changes.", ""]
            continue
        totals = {"repaired": effect.repaired, "broken": effect.broken, "changed": effect.changes - effect.repaired - effect.broken}
        titles = {"repaired": "Repairs", "broken": "Breakages (a correct span made wrong)",
                  "changed": "Changes gold cannot judge" if audit.has_gold else "Changes"}
        for kind in EXAMPLE_KINDS:
            found = effect.examples[kind]
            if found:
                lines += [f"{titles[kind]}: {totals[kind]}" + (f", the first {len(found)}:" if len(found) < totals[kind] else ":"), ""]
                lines += [f"- {example.markdown()}" for example in found] + [""]
    if bad_files:
        lines += ["## Bad files (skipped)", ""]
        lines += [f"- `{error.source}:{error.line}:{error.column}`: {error.problem}. {error.hint}" for error in bad_files] + [""]
    return "\n".join(lines)
