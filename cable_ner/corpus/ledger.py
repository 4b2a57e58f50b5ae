"""The entity ledger: per label, what was read, what the rules changed, converted and dropped.

Accounting, per label: ``read + rule changes = after rules = converted + dropped (by reason)``.
:meth:`Ledger.check` verifies that identity, so no entity is lost without a reason.
"""
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List


@dataclass
class Ledger:
    """Counts of entities and fixes, per label, for one cable or a whole corpus."""

    read: Counter = field(default_factory=Counter)
    after_rules: Counter = field(default_factory=Counter)
    converted: Counter = field(default_factory=Counter)
    dropped: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    repaired: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    rule_changes: Counter = field(default_factory=Counter)
    rule_net: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, other: "Ledger") -> None:
        self.read.update(other.read)
        self.after_rules.update(other.after_rules)
        self.converted.update(other.converted)
        self.rule_changes.update(other.rule_changes)
        for mine, theirs in ((self.dropped, other.dropped), (self.repaired, other.repaired), (self.rule_net, other.rule_net)):
            for key, counts in theirs.items():
                mine[key].update(counts)

    def dropped_total(self) -> Counter:
        total: Counter = Counter()
        for counts in self.dropped.values():
            total.update(counts)
        return total

    def check(self) -> List[str]:
        """Problems with the accounting identity (an empty list when every entity is accounted for)."""
        problems = []
        labels = set(self.read) | set(self.after_rules) | set(self.converted) | set(self.dropped_total())
        for label in sorted(labels):
            net = sum(counts[label] for counts in self.rule_net.values())
            if self.read[label] + net != self.after_rules[label]:
                problems.append(f"{label}: read {self.read[label]} + rule changes {net} != after rules {self.after_rules[label]}")
            if self.after_rules[label] != self.converted[label] + self.dropped_total()[label]:
                problems.append(
                    f"{label}: after rules {self.after_rules[label]} != converted {self.converted[label]}"
                    f" + dropped {self.dropped_total()[label]}"
                )
        return problems

    def to_dict(self) -> dict:
        return {
            "read": dict(self.read),
            "after_rules": dict(self.after_rules),
            "converted": dict(self.converted),
            "dropped": {reason: dict(c) for reason, c in sorted(self.dropped.items())},
            "repaired": {reason: dict(c) for reason, c in sorted(self.repaired.items())},
            "rule_changes": dict(self.rule_changes),
            "rule_net_per_label": {rule: dict(c) for rule, c in sorted(self.rule_net.items())},
        }
