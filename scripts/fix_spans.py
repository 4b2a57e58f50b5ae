"""Write every cable with its fixed annotation, in the same bracket markup, for auditing by diff.

Usage: python scripts/fix_spans.py IN_DIR OUT_DIR --rules default
Only the markup changes: removing the markup from input and output gives identical text, so
`diff -r IN_DIR OUT_DIR` shows exactly what the rules did.
"""
import sys
from collections import Counter
from pathlib import Path
from typing import List

if __package__ in (None, ""):  # run as `python scripts/fix_spans.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.audit.fixed_markup import fix_markup_file
from cable_ner.markup import MarkupError, cable_files
from cable_ner.outputs import staged
from scripts.common import DEFAULT_LABELS, LABELS_HELP, RULES_HELP, Arg, Opt, parse_labels, parse_rules, report_bad_files


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Folder of tagger-annotated cables", exists=True, file_okay=False),
    output_dir: Path = Arg(..., help="Folder for the fixed cables (same relative paths)"),
    labels: str = Opt(DEFAULT_LABELS, "--labels", help=LABELS_HELP),
    rules: str = Opt("default", "--rules", "-r", help=RULES_HELP),
):
    # fmt: on
    """Apply the span-fixing rules and write the cables back in bracket markup.

    OUT_DIR is replaced whole when the run succeeds: no file of an earlier run stays in it.
    """
    label_set = parse_labels(labels)
    span_rules, roles = parse_rules(rules, label_set)
    totals: Counter = Counter()
    bad_files: List[MarkupError] = []
    written = 0
    with staged(output_dir.parent, [output_dir.name]) as staging:
        for path in cable_files(input_dir):
            try:
                target = staging / output_dir.name / path.relative_to(input_dir)
                totals.update(fix_markup_file(path, target, label_set, span_rules, roles))
                written += 1
            except MarkupError as err:
                bad_files.append(err)
        (staging / output_dir.name).mkdir(exist_ok=True)
    report_bad_files(bad_files, None)
    msg.table(sorted(totals.items()), header=("rule", "changes"), divider=True, aligns=("l", "r"))
    msg.good(f"Wrote {written} fixed cables to {output_dir}" + (f"; skipped {len(bad_files)} bad file(s)" if bad_files else ""))


if __name__ == "__main__":
    typer.run(main)
