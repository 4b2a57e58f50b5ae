"""Write every cable with its fixed annotation, in the same bracket markup, for auditing by diff.

Usage: python scripts/fix_spans.py IN_DIR OUT_DIR --rules default
Only the markup changes: removing the markup from input and output gives identical text, so
`diff -r IN_DIR OUT_DIR` shows exactly what the rules did.
"""
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/fix_spans.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.audit.fixed_markup import fix_markup_file
from cable_ner.markup import MarkupError, cable_files
from scripts.common import DEFAULT_LABELS, LABELS_HELP, RULES_HELP, Arg, Opt, parse_labels, parse_rules


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Folder of tagger-annotated cables", exists=True, file_okay=False),
    output_dir: Path = Arg(..., help="Folder for the fixed cables (same relative paths)"),
    labels: str = Opt(DEFAULT_LABELS, "--labels", help=LABELS_HELP),
    rules: str = Opt(..., "--rules", "-r", help=RULES_HELP),
):
    # fmt: on
    """Apply the span-fixing rules and write the cables back in bracket markup."""
    label_set = parse_labels(labels)
    span_rules = parse_rules(rules)
    totals: Counter = Counter()
    written = skipped = 0
    for path in cable_files(input_dir):
        try:
            totals.update(fix_markup_file(path, output_dir / path.relative_to(input_dir), label_set, span_rules))
            written += 1
        except MarkupError as err:
            msg.warn(f"Skipped: {err}")
            skipped += 1
    msg.table(sorted(totals.items()), header=("rule", "changes"), divider=True, aligns=("l", "r"))
    msg.good(f"Wrote {written} fixed cables to {output_dir}" + (f"; skipped {skipped}" if skipped else ""))


if __name__ == "__main__":
    typer.run(main)
