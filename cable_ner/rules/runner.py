"""Running span rules over a cable and recording, per rule, every change it made."""
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence, Set, Tuple

from ..labels import DEFAULT_ROLES, LabelRoles
from ..markup import Span
from .context import CableContext
from .data import RuleData
from .registry import SpanRule
from .words import overlaps, trim_whitespace


@dataclass
class Change:
    """One edit by one rule: the spans it replaced and the spans that replaced them."""

    rule: str
    before: List[Span]
    after: List[Span]


@dataclass
class FixResult:
    spans: List[Span]
    changes: List[Change] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(change.rule for change in self.changes)


def _group_changes(rule_name: str, removed: List[Span], added: List[Span]) -> List[Change]:
    """Pair removed and added spans that overlap into one change each.

    Both lists are sorted and hold no overlapping spans, so the added spans a removed one meets
    are found by bisection, and a change that ends before a removed span starts can meet no later
    one: the cost grows with the spans, not with their product.
    """
    changes: List[Change] = []
    open_changes: List[Tuple[int, Change]] = []  # (end, change): those a later removed span may still overlap
    added_ends = [span.end for span in added]
    taken = [False] * len(added)
    for span in removed:
        partners = []
        index = bisect_right(added_ends, span.start)
        while index < len(added) and added[index].start < span.end:
            if not taken[index]:
                partners.append(added[index])
                taken[index] = True
            index += 1
        open_changes = [(end, change) for end, change in open_changes if end > span.start]
        position = next((i for i, (_, c) in enumerate(open_changes) if overlaps(span, c.after) or overlaps(span, c.before)), None)
        end = max([span.end, *(partner.end for partner in partners)])
        if position is not None:
            joined_end, joined = open_changes[position]
            joined.before.append(span)
            joined.after.extend(partners)
            open_changes[position] = (max(joined_end, end), joined)
        else:
            change = Change(rule_name, [span], partners)
            changes.append(change)
            open_changes.append((end, change))
    changes.extend(Change(rule_name, [], [span]) for span, used in zip(added, taken) if not used)
    return changes


def apply_rules(text: str, spans: Sequence[Span], rules: Sequence[SpanRule], roles: LabelRoles = DEFAULT_ROLES,
                data: Optional[RuleData] = None) -> FixResult:
    """Run the rules in order over one cable; record each rule's changes.

    roles (LabelRoles): the labels the rules write for a person, an organisation, a place and
        another name (:meth:`LabelRoles.from_labels` of the markup's label set).
    data (Optional[RuleData]): what the rules know from data packages (default: read from them).
    Line ends are read alike: a cable with CRLF line ends gets the entities of its LF copy. Spans
    that come out empty, overlapping or with whitespace at an edge are normalised after every rule (the later of two overlapping spans is dropped and counted as that rule's change).
    """
    # Every rule reads \r\n and \r as \n: the same length, so its offsets hold for the text as given.
    cable = CableContext(text.replace("\r\n", " \n").replace("\r", "\n") if "\r" in text else text, roles, data)
    current = sorted(set(spans))
    checked: Set[Span] = set()  # spans already normalised: the input is checked by the first rule
    changes: List[Change] = []
    for rule in rules:
        result = rule.function(cable, list(current))
        if result == current and checked:
            continue  # the rule changed nothing (the common case): skip the bookkeeping
        result = _normalise(text, result, checked)
        before, after = checked or set(current), set(result)  # after the first rule, checked is set(current)
        checked = after
        removed = sorted(before - after)
        added = sorted(after - before)
        if removed or added:
            changes.extend(_group_changes(rule.name, removed, added))
        current = result
    return FixResult(current, changes)


EDGE_CONNECTOR = re.compile(r"^(?:(?:of|for|the|and|on|in)\s+)+|(?:\s+(?:of|for|the|and|on|in))+$")


def _normalise(text: str, spans: Iterable[Span], checked: Set[Span]) -> List[Span]:
    """Sorted, non-overlapping spans with no whitespace or connector word ("of", "the") at an edge.

    Spans in ``checked`` passed these checks after an earlier rule and are not looked at again.
    """
    cleaned: List[Span] = []
    last_end = -1
    for span in sorted(spans):  # a duplicate overlaps its twin and goes like any overlap
        if span not in checked:
            trimmed = _trim_edges(text, span)
            if trimmed is None:
                continue
            span = trimmed
        if span.start >= last_end:
            cleaned.append(span)
            last_end = span.end
    return cleaned


def _trim_edges(text: str, span: Span) -> Optional[Span]:
    """The span without edge whitespace or edge connector words, or None if nothing is left."""
    surface = text[span.start : span.end]
    if surface and not surface[0].isspace() and not surface[-1].isspace() and not (
        " " in surface and (surface[0].islower() or surface.rsplit(None, 1)[-1][:1].islower())
    ):
        return span
    lead = EDGE_CONNECTOR.match(surface)
    trail = EDGE_CONNECTOR.search(surface, lead.end() if lead and lead.end() else 0)
    start = span.start + (lead.end() if lead else 0)
    end = span.end - (len(surface) - trail.start() if trail and trail.start() > 0 else 0)
    return trim_whitespace(text, Span(start, max(start, end), span.label))
