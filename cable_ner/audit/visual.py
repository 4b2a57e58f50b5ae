"""The visual audit: one HTML page to open in a browser, drawn with displaCy.

It shows held-out cables as the model tags them beside their reference annotation (gold where
the cable has gold, else the fixed silver annotation), and each span rule's repairs and
breakages before and after the rule. Entities are displaCy's ``<mark>`` elements.
"""
import html
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

from spacy import displacy

from ..markup import Span

COLORS = {"PER": "#aa9cfc", "ORG": "#7aecec", "LOC": "#feca74", "MISC": "#e4e7d2"}
KIND_TITLES = {"repaired": "Repairs", "broken": "Breakages: a correct span made wrong", "changed": "Changes gold cannot judge"}


@dataclass
class ParagraphView:
    """One paragraph with the model's entities and the reference entities, as character offsets."""

    text: str
    predicted: List[Span]
    reference: List[Span]


@dataclass
class CableView:
    cable_id: str
    reference_name: str  # "gold" or "fixed silver"
    paragraphs: List[ParagraphView] = field(default_factory=list)


def render_spans(text: str, spans: Sequence[Span], title: str = "") -> str:
    """displaCy's entity rendering of a text with the given spans."""
    ents = [{"start": span.start, "end": span.end, "label": span.label} for span in sorted(spans)]
    labels = sorted({span.label for span in spans} | set(COLORS))
    colors = {label: COLORS.get(label, "#ddd") for label in labels}
    return displacy.render({"text": text, "ents": ents, "title": title or None}, style="ent", manual=True,
                           options={"colors": colors}, page=False, jupyter=False)


def _agreement(paragraphs: Sequence[ParagraphView]) -> Tuple[int, int, int]:
    predicted = sum(len(p.predicted) for p in paragraphs)
    reference = sum(len(p.reference) for p in paragraphs)
    both = sum(len(set(p.predicted) & set(p.reference)) for p in paragraphs)
    return predicted, reference, both


def visual_audit_html(cables: Sequence[CableView], rule_examples: Dict[str, Dict[str, List[dict]]]) -> str:
    """The whole page: held-out cables, then each rule's repairs and breakages."""
    parts = ["<h1>Visual audit</h1>",
             "<p>Held-out cables as the model tags them, beside their reference annotation; then, for each "
             "span-fixing rule, its repairs and breakages (before and after the rule).</p>",
             "<h2>Held-out cables: the model and the reference</h2>"]
    for cable in cables:
        predicted, reference, both = _agreement(cable.paragraphs)
        parts.append(f"<h3>{html.escape(cable.cable_id)}</h3><p>model: {predicted} entities, {cable.reference_name}: "
                     f"{reference}, the same: {both}</p>")
        for index, paragraph in enumerate(cable.paragraphs):
            parts.append("<div class='pair'>")
            parts.append(render_spans(paragraph.text, paragraph.predicted, f"model, paragraph {index}"))
            parts.append(render_spans(paragraph.text, paragraph.reference, f"{cable.reference_name}, paragraph {index}"))
            parts.append("</div>")
    parts.append("<h2>Span rules: repairs and breakages</h2>")
    for rule, kinds in rule_examples.items():
        parts.append(f"<h3>{html.escape(rule)}</h3>")
        shown = False
        for kind, examples in kinds.items():
            if not examples:
                continue
            shown = True
            parts.append(f"<h4>{KIND_TITLES.get(kind, kind)} (the first {len(examples)})</h4>")
            for example in examples:
                before = [Span(*span) for span in example["before"]]
                after = [Span(*span) for span in example["after"]]
                parts.append("<div class='pair'>")
                parts.append(render_spans(example["text"], before, f"{example['cable']}: tagger"))
                parts.append(render_spans(example["text"], after, f"{example['cable']}: after {rule}"))
                parts.append("</div>")
        if not shown:
            parts.append("<p>No changes.</p>")
    style = ("<style>body{font-family:sans-serif;margin:2em;max-width:80em}"
             ".pair{border-left:3px solid #ccc;padding-left:1em;margin:1em 0}</style>")
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Visual audit</title>{style}</head><body>" + "".join(parts) + "</body></html>"
