"""Readable output: Markdown tables and spans shown in their context."""
from typing import Iterable, Optional, Sequence, Tuple

from ..markup import Span


NOTHING_TO_SCORE = "n/a"


def score(value: Optional[float]) -> str:
    """A score with three decimals (a count as it is), or n/a where there was nothing to score (never 0.000)."""
    if value is None:
        return NOTHING_TO_SCORE
    return str(value) if isinstance(value, int) else f"{value:.3f}"


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; floats are shown with three decimals, None as n/a."""

    def cell(value: object) -> str:
        return score(value) if value is None or isinstance(value, float) else str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def in_context(text: str, spans: Sequence[Span], around: Tuple[int, int], width: int = 50) -> str:
    """The text around a region with spans shown as ``[LABEL text]``, on one line."""
    start = max(0, around[0] - width)
    end = min(len(text), around[1] + width)
    parts = []
    position = start
    for span in sorted(spans):
        if span.start < start or span.end > end:
            continue
        parts.append(text[position : span.start])
        parts.append(f"[{span.label} {text[span.start:span.end]}]")
        position = span.end
    parts.append(text[position:end])
    snippet = " ".join("".join(parts).split())
    return ("…" if start > 0 else "") + snippet + ("…" if end < len(text) else "")


def rules_table(rules: Sequence["SpanRule"]) -> str:  # noqa: F821 (only its attributes are used)
    """The rules as a Markdown table: name, the tagger errors each repairs, its first worked example."""
    rows = []
    for rule in rules:
        changing = [e for e in rule.examples if e.tagger.replace("  ]", " ]") != e.fixed and "\n" not in e.tagger]
        example = (changing or list(rule.examples))[0]
        shown = f"`{example.tagger}` → `{example.fixed}`".replace("\n", "⏎").replace("|", "\\|")
        rows.append((f"`{rule.name}`", ", ".join(rule.repairs), shown))
    return markdown_table(("rule", "repairs", "example (tagger → fixed)"), rows)


def replace_marked_section(text: str, name: str, content: str) -> str:
    """``text`` with what stands between ``<!-- NAME: START -->`` and ``<!-- NAME: END -->`` replaced."""
    start, end = f"<!-- {name}: START -->", f"<!-- {name}: END -->"
    if text.count(start) != 1 or text.count(end) != 1 or text.index(start) > text.index(end):
        raise ValueError(f"expected one '{start}' before one '{end}'")
    head, rest = text.split(start)
    _, tail = rest.split(end)
    return f"{head}{start}\n{content.strip()}\n{end}{tail}"
