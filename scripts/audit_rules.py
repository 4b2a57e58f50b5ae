"""Write a Markdown audit of the span-fixing rules, scored against gold where it exists.

Usage: python -m scripts.audit_rules IN_DIR REPORT.md [--gold GOLD_DIR] [--metrics OUT.json]
"""
from pathlib import Path
from typing import Optional

import srsly
import typer
from wasabi import msg

from .conversion import cable_files
from .markup import MarkupError, read_cable_file
from .reporting import ERROR_TYPES, markdown_table
from .rule_audit import Audit
from .span_rules import RULES, parse_rule_list

Arg = typer.Argument
Opt = typer.Option


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Folder of tagger-annotated cables", exists=True, file_okay=False),
    report_path: Path = Arg(..., help="Markdown report to write"),
    gold_dir: Optional[Path] = Opt(None, "--gold", "-g", help="Gold markup of the same cables (same file names)"),
    labels: str = Opt("PER,ORG,LOC,MISC", "--labels", help="Comma-separated entity labels"),
    rules: str = Opt("default", "--rules", "-r", help="Rules to run: 'default', 'none' or a comma-separated list"),
    metrics_path: Optional[Path] = Opt(None, "--metrics", "-m", help="Also write the figures as JSON"),
):
    # fmt: on
    """Audit what each span rule changes; with gold, measure what it repairs and breaks."""
    label_set = [label.strip() for label in labels.split(",") if label.strip()]
    audit = Audit(parse_rule_list(rules), label_set)
    skipped = 0
    for path in cable_files(input_dir):
        try:
            silver = read_cable_file(path, label_set)
            gold_path = gold_dir / path.relative_to(input_dir) if gold_dir else None
            gold = read_cable_file(gold_path, label_set) if gold_path and gold_path.exists() else None
        except MarkupError as err:
            msg.warn(f"Skipped: {err}")
            skipped += 1
            continue
        audit.add_cable(path.stem, silver, gold)
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.write_text(render(audit, skipped), encoding="utf8")
    figures = audit.to_dict()
    if metrics_path:
        metrics_path.parent.mkdir(parents=True, exist_ok=True)
        srsly.write_json(metrics_path, figures)
    rows = [(name, e["changes"], e["repaired"], e["broken"]) for name, e in figures["rules"].items()]
    msg.table(rows, header=("rule", "changes", "repaired", "broken"), divider=True, aligns=("l", "r", "r", "r"))
    if audit.has_gold:
        tagger, fixed = figures["tagger_vs_gold"], figures["fixed_vs_gold"]
        score_rows = [(label, tagger["per_label"][label]["f"], fixed["per_label"][label]["f"]) for label in label_set]
        score_rows.append(("all", tagger["overall"]["f"], fixed["overall"]["f"]))
        msg.table(score_rows, header=("label", "tagger F1", "fixed F1"), divider=True, aligns=("l", "r", "r"))
    msg.good(f"Audited {audit.cables} cables; report: {report_path}")


def render(audit: Audit, skipped: int) -> str:
    """The audit as Markdown."""
    figures = audit.to_dict()
    lines = ["# Span-fixing rules: audit", "",
             f"{audit.cables} cables, rules in order: {', '.join(audit.rules) or 'none'}."
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
    for name in audit.rules:
        effect = audit.effects.get(name)
        doc = (RULES[name].__doc__ or "").strip().split("\n")[0]
        lines += [f"### `{name}`", "", doc, ""]
        if effect is None or not effect.examples:
            lines += ["No changes.", ""]
            continue
        lines += [f"- {example}" for example in effect.examples] + [""]
    return "\n".join(lines)


if __name__ == "__main__":
    typer.run(main)
