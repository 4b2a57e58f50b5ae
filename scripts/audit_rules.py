"""Write a Markdown audit of the span-fixing rules, scored against gold where it exists.

Usage: python scripts/audit_rules.py IN_DIR REPORT.md --rules default [--gold GOLD_DIR] [--metrics OUT.json]
"""
import sys
from pathlib import Path
from typing import List, Optional

if __package__ in (None, ""):  # run as `python scripts/audit_rules.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import srsly
import typer
from wasabi import msg

from cable_ner.audit.rule_audit import Audit, render_audit
from cable_ner.audit.tables import score
from cable_ner.markup import MarkupError, cable_files, read_cable_file, read_gold_file
from cable_ner.outputs import write_text_atomically
from scripts.common import DEFAULT_LABELS, LABELS_HELP, RULES_HELP, Arg, Opt, parse_labels, parse_rules, report_bad_files


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Folder of tagger-annotated cables", exists=True, file_okay=False),
    report_path: Path = Arg(..., help="Markdown report to write"),
    gold_dir: Optional[Path] = Opt(None, "--gold", "-g", help="Gold markup of the same cables (same file names)"),
    labels: str = Opt(DEFAULT_LABELS, "--labels", help=LABELS_HELP),
    rules: str = Opt("default", "--rules", "-r", help=RULES_HELP),
    metrics_path: Optional[Path] = Opt(None, "--metrics", "-m", help="Also write the figures (and examples) as JSON"),
):
    # fmt: on
    """Audit what each span rule changes; with gold, measure what it repairs and breaks."""
    label_set = parse_labels(labels)
    span_rules, roles = parse_rules(rules, label_set)
    audit = Audit(span_rules, label_set, roles, gold_given=gold_dir is not None)
    bad_files: List[MarkupError] = []
    for path in cable_files(input_dir):
        try:
            silver = read_cable_file(path, label_set)
            gold_path = gold_dir / path.relative_to(input_dir) if gold_dir else None
            gold = read_gold_file(gold_path, silver, label_set) if gold_path and gold_path.exists() else None
        except MarkupError as err:
            bad_files.append(err)
            continue
        audit.add_cable(path.stem, silver, gold)
    report_bad_files(bad_files, report_path)
    write_text_atomically(report_path, render_audit(audit, bad_files))
    figures = audit.to_dict()
    if metrics_path:
        write_text_atomically(metrics_path, srsly.json_dumps(figures, indent=2))
    rows = [(name, e["changes"], score(e["repaired"]), score(e["broken"])) for name, e in figures["rules"].items()]
    msg.table(rows, header=("rule", "changes", "repaired", "broken"), divider=True, aligns=("l", "r", "r", "r"))
    if not audit.has_gold:
        msg.warn(f"Repaired and broken are n/a: {audit.no_gold_reason}")
    if audit.has_gold:
        tagger, fixed = figures["tagger_vs_gold"], figures["fixed_vs_gold"]
        score_rows = [(label, score(tagger["per_label"][label]["f"]), score(fixed["per_label"][label]["f"])) for label in label_set]
        score_rows.append(("all", score(tagger["overall"]["f"]), score(fixed["overall"]["f"])))
        msg.table(score_rows, header=("label", "tagger F1", "fixed F1"), divider=True, aligns=("l", "r", "r"))
    msg.good(f"Audited {audit.cables} cables; report: {report_path}")


if __name__ == "__main__":
    typer.run(main)
