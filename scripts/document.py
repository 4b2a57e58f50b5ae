"""Write the README's generated parts that spaCy's `project document` does not: the span-rule table.

Usage: python scripts/document.py README.md
The table is read from the rule registry (each rule's error types and worked examples), the
same source the tests run and the audit report shows.
"""
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/document.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.audit.tables import replace_marked_section, rules_table
from cable_ner.rules import default_rules
from scripts.common import Arg


def main(readme: Path = Arg(..., help="README to update (between its <!-- RULES: START/END --> markers)", exists=True)):
    """Write the table of span rules into the README."""
    text = readme.read_text(encoding="utf8")
    updated = replace_marked_section(text, "RULES", rules_table(default_rules()))
    readme.write_text(updated, encoding="utf8")
    msg.good(f"{'Updated' if updated != text else 'Already current:'} the rule table in {readme}")


if __name__ == "__main__":
    typer.run(main)
