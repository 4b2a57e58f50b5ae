"""Write the visual audit: held-out cables (model vs gold or fixed silver) and each rule's repairs and breakages.

Usage: python scripts/visualize.py training/efficiency/model-best corpus/test reports/visual_audit.html
    --gold corpus/gold/test --rule-audit metrics/span_rules.json --cables 6
A held-out cable is shown against its gold annotation when the gold test split has the same
cable, else against its fixed silver annotation. Open the HTML file in a browser.
"""
import sys
from collections import defaultdict
from pathlib import Path
from typing import Dict, List, Optional

if __package__ in (None, ""):  # run as `python scripts/visualize.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy
import srsly
import typer
from spacy.tokens import Doc
from wasabi import msg

import cable_ner.components  # noqa: F401 (registers the components the pipeline uses)
from cable_ner.audit.visual import CableView, ParagraphView, visual_audit_html
from cable_ner.corpus import read_split
from cable_ner.markup import Span
from cable_ner.outputs import write_text_atomically
from scripts.common import Arg, Opt


def entities(doc: Doc) -> List[Span]:
    return [Span(entity.start_char, entity.end_char, entity.label_) for entity in doc.ents]


def by_cable(docs: List[Doc]) -> Dict[str, List[Doc]]:
    cables: Dict[str, List[Doc]] = defaultdict(list)
    for doc in docs:
        cables[doc.user_data["cable_id"]].append(doc)
    return cables


# fmt: off
def main(
    model: str = Arg(..., help="Trained pipeline: a path or an installed package name"),
    test_dir: Path = Arg(..., help="Held-out split with the fixed silver annotation (corpus/test)", exists=True),
    output: Path = Arg(..., help="HTML file to write"),
    gold_dir: Optional[Path] = Opt(None, "--gold", help="The same split with gold annotation (corpus/gold/test)"),
    rule_audit: Optional[Path] = Opt(None, "--rule-audit", help="The audit-rules JSON (its rules' examples)"),
    n_cables: int = Opt(6, "--cables", help="How many held-out cables to show"),
):
    # fmt: on
    """Draw held-out cables and the rules' repairs and breakages with displaCy, in one HTML file."""
    nlp = spacy.load(model)
    silver = by_cable(read_split(test_dir, nlp.vocab))
    gold = by_cable(read_split(gold_dir, nlp.vocab)) if gold_dir and gold_dir.exists() else {}
    views = []
    for cable_id in sorted(silver)[:n_cables]:
        reference, name = (gold[cable_id], "gold") if cable_id in gold else (silver[cable_id], "fixed silver")
        view = CableView(cable_id, name)
        for doc, predicted in zip(reference, nlp.pipe(doc.text for doc in reference)):
            view.paragraphs.append(ParagraphView(doc.text, entities(predicted), entities(doc)))
        views.append(view)
    examples = {}
    if rule_audit and rule_audit.exists():
        examples = {rule: figures.get("examples", {}) for rule, figures in srsly.read_json(rule_audit)["rules"].items()}
    write_text_atomically(output, visual_audit_html(views, examples))
    msg.good(f"Wrote the visual audit of {len(views)} held-out cables and {len(examples)} rules to {output}")


if __name__ == "__main__":
    typer.run(main)
