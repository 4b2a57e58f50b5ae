"""Write every cable with its fixed annotation, in the same bracket markup.

Usage: python -m scripts.fix_spans IN_DIR OUT_DIR [--rules default]
Only the markup changes: removing the markup from input and output gives identical text, so
`diff -r IN_DIR OUT_DIR` shows exactly what the rules did.
"""
from collections import Counter
from pathlib import Path
from typing import Sequence

import typer
from wasabi import msg

from .conversion import cable_files
from .markup import MarkupError, read_cable_file, write_markup
from .span_rules import apply_rules, parse_rule_list

Arg = typer.Argument
Opt = typer.Option


def fix_file(source: Path, target: Path, labels: Sequence[str], rules: Sequence[str]) -> Counter:
    """Fix one cable file into ``target``; returns the number of changes per rule."""
    annotated = read_cable_file(source, labels)
    result = apply_rules(annotated.text, annotated.spans, rules)
    target.parent.mkdir(parents=True, exist_ok=True)
    bom = "\ufeff" if source.read_bytes().startswith(b"\xef\xbb\xbf") else ""
    with target.open("w", encoding="utf8", newline="") as handle:
        handle.write(bom + write_markup(annotated.text, result.spans, closer="  ]"))
    return result.counts()


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Folder of tagger-annotated cables", exists=True, file_okay=False),
    output_dir: Path = Arg(..., help="Folder for the fixed cables (same relative paths)"),
    labels: str = Opt("PER,ORG,LOC,MISC", "--labels", help="Comma-separated entity labels"),
    rules: str = Opt("default", "--rules", "-r", help="Rules to run: 'default', 'none' or a comma-separated list"),
):
    # fmt: on
    """Apply the span-fixing rules and write the cables back in bracket markup."""
    label_set = [label.strip() for label in labels.split(",") if label.strip()]
    rule_names = parse_rule_list(rules)
    totals: Counter = Counter()
    written = skipped = 0
    for path in cable_files(input_dir):
        try:
            totals.update(fix_file(path, output_dir / path.relative_to(input_dir), label_set, rule_names))
            written += 1
        except MarkupError as err:
            msg.warn(f"Skipped: {err}")
            skipped += 1
    msg.table(sorted(totals.items()), header=("rule", "changes"), divider=True, aligns=("l", "r"))
    msg.good(f"Wrote {written} fixed cables to {output_dir}" + (f"; skipped {skipped}" if skipped else ""))


if __name__ == "__main__":
    typer.run(main)
