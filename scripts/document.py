"""Write the generated parts of the reference that spaCy's `project document` does not.

Usage: python scripts/document.py docs/rules-and-model.md
The span-rule table is read from the rule registry (each rule's error types and worked
examples), the same source the tests run and the audit report shows; the list of the knowledge
vectors' dimensions from cable_ner/knowledge/vectors.py.
"""
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/document.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.audit.tables import replace_marked_section, rules_table
from cable_ner.knowledge.vectors import features_markdown
from cable_ner.rules import default_rules
from scripts.common import Arg


def main(readme: Path = Arg(..., help="Markdown file to update (between its <!-- RULES/VECTORS: START/END --> markers)", exists=True)):
    """Write the table of span rules and the list of vector features into the README."""
    text = readme.read_text(encoding="utf8")
    updated = replace_marked_section(text, "RULES", rules_table(default_rules()))
    updated = replace_marked_section(updated, "VECTORS", features_markdown())
    readme.write_text(updated, encoding="utf8")
    msg.good(f"{'Updated' if updated != text else 'Already current:'} the rule table and vector features in {readme}")


if __name__ == "__main__":
    typer.run(main)
