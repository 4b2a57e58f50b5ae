"""Readable output: Markdown tables and spans shown in their context."""
from typing import Iterable, Sequence, Tuple

from ..markup import Span


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table; floats are shown with three decimals."""

    def cell(value: object) -> str:
        return f"{value:.3f}" if isinstance(value, float) else str(value)

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
