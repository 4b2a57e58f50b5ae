"""The visual audit: one HTML page to open in a browser, leading with what is wrong.

It opens with a summary (the model's per-label scores on the held-out cables, each span rule's
repairs and breakages, with links), then the held-out cables where the model and the reference
disagree most, showing only the disagreeing sentences, model above reference, with missed,
spurious, wrong-label and wrong-boundary entities marked; then each rule's repairs and
breakages, before and after, in whole-word context. Every label gets a colour, whatever its
name (a role's colour for the names taggers give the four roles, else one from a palette).
"""
import hashlib
import html
from typing import Optional, Sequence

from ..labels import ROLE_NAMES
from .review import CableView, Marked, Review
from .scores import SpanScores
from .tables import score

ROLE_COLORS = {"person": "#aa9cfc", "organisation": "#7aecec", "place": "#feca74", "other": "#e4e7d2"}
PALETTE = ("#bfe1d9", "#f6c3cc", "#c7f0a5", "#ffd1a6", "#cce0ff", "#e6ccff", "#fff2a8", "#d9d9d9")
PROBLEMS = {
    "spurious": "the model's only: not in the reference",
    "missed": "the reference's only: the model missed it",
    "label": "the same words with another label on the other side",
    "boundary": "the other side has an entity over part of it (a wrong boundary)",
}
KIND_TITLES = {"repaired": "Repairs", "broken": "Breakages: a correct span made wrong", "changed": "Changes gold cannot judge"}
STYLE = """
body{font-family:sans-serif;margin:2em;max-width:80em;line-height:1.5}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.sentence{border-left:3px solid #ccc;padding-left:1em;margin:0.8em 0}.side{font-size:0.8em;color:#666;margin-right:0.5em}
mark{padding:0 3px;border-radius:3px;border:2px solid transparent}mark .label{font-size:0.65em;font-weight:bold;margin-left:3px}
mark.spurious{border-color:#d00}mark.missed{border:2px dashed #d00}mark.label{border-color:#e80}mark.boundary{border-color:#80c}
mark .problem{font-size:0.65em;color:#900;margin-left:3px}
"""


def label_color(label: str) -> str:
    """A colour for any label: its role's colour when the label names a role, else a stable pick."""
    role = next((role for role, names in ROLE_NAMES.items() if label.upper() in names), None)
    if role is not None:
        return ROLE_COLORS[role]
    return PALETTE[int(hashlib.sha1(label.encode("utf8")).hexdigest(), 16) % len(PALETTE)]


def marked_text(text: str, entities: Sequence[Marked]) -> str:
    """The text as HTML with each entity a ``<mark>`` in its label's colour, and its problem named."""
    parts, position = [], 0
    for entity in sorted(entities, key=lambda e: e.start):
        if entity.start < position:
            continue
        parts.append(html.escape(text[position : entity.start]))
        problem = f"<span class='problem'>{entity.problem}</span>" if entity.problem else ""
        css = f" class='{entity.problem}'" if entity.problem else ""
        title = f" title='{html.escape(PROBLEMS[entity.problem])}'" if entity.problem else ""
        parts.append(f"<mark{css}{title} style='background:{label_color(entity.label)}'>{html.escape(text[entity.start:entity.end])}"
                     f"<span class='label'>{html.escape(entity.label)}</span>{problem}</mark>")
        position = entity.end
    parts.append(html.escape(text[position:]))
    return "".join(parts).replace("\n", "<br>")


def _scores_table(scores: SpanScores) -> str:
    labels = sorted(label for label, tally in scores.per_label.items() if tally.tp + tally.fp + tally.fn)
    rows = [(label, scores.per_label[label]) for label in labels] + [("all", scores.overall())]
    cells = "".join(f"<tr><td>{html.escape(name)}</td><td>{score(t.to_dict()['p'])}</td><td>{score(t.to_dict()['r'])}</td>"
                    f"<td>{score(t.to_dict()['f'])}</td><td>{t.tp}</td><td>{t.fp}</td><td>{t.fn}</td></tr>" for name, t in rows)
    return f"<table><tr><th>label</th><th>P</th><th>R</th><th>F</th><th>right</th><th>spurious</th><th>missed</th></tr>{cells}</table>"


def _rules_table(rule_audit: dict) -> str:
    judged = rule_audit.get("has_gold", "tagger_vs_gold" in rule_audit)
    rows = []
    for name, figures in rule_audit.get("rules", {}).items():
        repaired, broken = (figures["repaired"], figures["broken"]) if judged else ("n/a", "n/a")
        rows.append(f"<tr><td><a href='#rule-{name}'>{html.escape(name)}</a></td><td>{figures['changes']}</td>"
                    f"<td>{repaired}</td><td>{broken}</td></tr>")
    note = "" if judged else f"<p>Repaired and broken are n/a: {html.escape(rule_audit.get('no_gold_reason', 'no gold annotation'))}.</p>"
    return f"<table><tr><th>rule</th><th>changes</th><th>repaired</th><th>broken</th></tr>{''.join(rows)}</table>{note}"


def _cable_section(cable: CableView) -> str:
    overall = cable.scores.overall()
    head = (f"<h3 id='cable-{html.escape(cable.cable_id)}'>{html.escape(cable.cable_id)}</h3><p>against {cable.reference_name}: "
            f"{overall.tp} right, {overall.fp} spurious, {overall.fn} missed (F {score(overall.to_dict()['f'])}); "
            f"{len(cable.sentences)} sentence(s) disagree</p>")
    if not cable.sentences:
        return head + "<p>The model and the reference agree on every entity.</p>"
    body = "".join(
        f"<div class='sentence'><div><span class='side'>model</span>{marked_text(s.text, s.predicted)}</div>"
        f"<div><span class='side'>{cable.reference_name}</span>{marked_text(s.text, s.reference)}</div></div>"
        for s in cable.sentences)
    return head + body


def _rule_example(example: dict, rule: str) -> str:
    before = [Marked(*span) for span in example["before"]]
    after = [Marked(*span) for span in example["after"]]
    return (f"<div class='sentence'><div><span class='side'>{html.escape(example['cable'])}: tagger</span>"
            f"{marked_text(example['text'], before)}</div><div><span class='side'>after {html.escape(rule)}</span>"
            f"{marked_text(example['text'], after)}</div></div>")


def visual_audit_html(review: Review, rule_audit: Optional[dict] = None) -> str:
    """The whole page: summary, the held-out cables that disagree most, then each rule's examples."""
    rule_audit = rule_audit or {}
    compared = ", ".join(f"{n} against {name}" for name, n in review.compared_with.items() if n)
    legend = "".join(f"<li><mark class='{kind}'>{kind}</mark>: {html.escape(text)}</li>" for kind, text in PROBLEMS.items())
    contents = "".join(f"<li><a href='#cable-{html.escape(c.cable_id)}'>{html.escape(c.cable_id)}</a>: "
                       f"{c.disagreements} disagreement(s)</li>" for c in review.cables)
    parts = [
        "<h1>Visual audit</h1>",
        "<p><a href='#summary'>Summary</a> · <a href='#cables'>Held-out cables</a> · <a href='#rules'>Span rules</a></p>",
        "<h2 id='summary'>Summary</h2>",
        f"<h3>The model on {sum(review.compared_with.values())} held-out cables ({compared or 'none'})</h3>",
        _scores_table(review.scores) if sum(review.compared_with.values()) else "<p>n/a: no held-out cable.</p>",
        "<h3>Span rules</h3>",
        _rules_table(rule_audit) if rule_audit.get("rules") else "<p>n/a: no rule audit given (spacy project run audit-rules).</p>",
        "<h2 id='cables'>Held-out cables, the most disagreements first</h2>",
        f"<p>Only sentences where the model and the reference differ; marks:</p><ul>{legend}</ul><ol>{contents}</ol>",
        *(_cable_section(cable) for cable in review.cables),
        "<h2 id='rules'>Span rules: repairs and breakages</h2>",
    ]
    for rule, figures in rule_audit.get("rules", {}).items():
        parts.append(f"<h3 id='rule-{html.escape(rule)}'>{html.escape(rule)}</h3>")
        kinds = figures.get("examples", {})
        if not any(kinds.values()):
            parts.append("<p>No changes.</p>")
        for kind in ("broken", "repaired", "changed"):
            examples = kinds.get(kind) or []
            if examples:
                parts.append(f"<h4>{KIND_TITLES[kind]} (the first {len(examples)})</h4>")
                parts += [_rule_example(example, rule) for example in examples]
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>Visual audit</title><style>{STYLE}</style></head>"
            "<body>" + "".join(parts) + "</body></html>")

