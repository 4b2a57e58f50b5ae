"""The rule registry: every span rule with the tagger errors it repairs and its worked examples.

A rule registers itself with :func:`span_rule`, which records its metadata in :data:`RULES` and
appends its examples to its docstring. The examples are the one place a rule's behaviour is
written down: the tests run each of them, and the README table and the audit report show them.
"""
from dataclasses import dataclass
from typing import Callable, Dict, List, Sequence, Tuple

from ..markup import Span
from ..tagger_errors import ERROR_TYPES
from .context import CableContext

RuleFunction = Callable[[CableContext, List[Span]], List[Span]]


@dataclass(frozen=True)
class Example:
    """A rule's worked example: the tagger's markup and the markup the rule alone makes of it."""

    tagger: str
    fixed: str


@dataclass(frozen=True)
class SpanRule:
    """A named span-fixing rule: ``function(cable, spans) -> spans`` and what it is for."""

    name: str
    function: RuleFunction
    repairs: Tuple[str, ...]
    examples: Tuple[Example, ...]

    @property
    def summary(self) -> str:
        """The first line of the rule's docstring."""
        return (self.function.__doc__ or "").strip().split("\n")[0]

    def __call__(self, cable: CableContext, spans: List[Span]) -> List[Span]:
        return self.function(cable, spans)


RULES: Dict[str, SpanRule] = {}


def span_rule(repairs: Sequence[str], examples: Sequence[Tuple[str, str]]) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule under its function name.

    repairs (Sequence[str]): the tagger error types it repairs (:data:`ERROR_TYPES`).
    examples (Sequence[Tuple[str, str]]): ``(tagger markup, fixed markup)`` pairs; a pair whose
        two sides hold the same spans shows what the rule leaves alone.
    """
    unknown = [kind for kind in repairs if kind not in ERROR_TYPES]
    if unknown or not examples:
        raise ValueError(f"a rule needs examples and known error types (unknown: {unknown})")

    def register(function: RuleFunction) -> RuleFunction:
        worked = tuple(Example(tagger, fixed) for tagger, fixed in examples)
        RULES[function.__name__] = SpanRule(function.__name__, function, tuple(repairs), worked)
        lines = [f"    ``{example.tagger}`` -> ``{example.fixed}``" for example in worked]
        function.__doc__ = (function.__doc__ or "").rstrip() + "\n\n    Examples (tagger -> fixed):\n" + "\n".join(lines) + "\n"
        return function

    return register

