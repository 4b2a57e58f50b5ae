"""Write the visual audit: a summary, the held-out cables where model and reference disagree most, the rules' examples.

Usage: python scripts/visualize.py training/efficiency/model-best corpus/test [reports/visual_audit.html]
    --gold corpus/gold/test --rule-audit metrics/span_rules.json --cables 6
A held-out cable is compared with its gold annotation when the gold test split has the same
cable, else with its fixed silver annotation. The split is streamed: memory holds one shard and
the cables shown. Open the HTML file in a browser.
"""
import sys
from pathlib import Path
from typing import Optional

if __package__ in (None, ""):  # run as `python scripts/visualize.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy
import srsly
import typer
from wasabi import msg

import cable_ner.components  # noqa: F401 (registers the components the pipeline uses)
from cable_ner.audit.review import review_held_out
from cable_ner.audit.visual import visual_audit_html
from cable_ner.outputs import write_text_atomically
from cable_ner.shards import NoShardsError, require_shards
from scripts.common import Arg, Opt


# fmt: off
def main(
    model: str = Arg(..., help="Trained pipeline: a path or an installed package name"),
    test_dir: Path = Arg(..., help="Held-out split with the fixed silver annotation (corpus/test)", exists=True),
    output: Path = Arg(Path("reports/visual_audit.html"), help="HTML file to write"),
    gold_dir: Optional[Path] = Opt(None, "--gold", help="The same split with gold annotation (corpus/gold/test)"),
    rule_audit: Optional[Path] = Opt(None, "--rule-audit", help="The audit-rules JSON (metrics/span_rules.json)"),
    n_cables: int = Opt(6, "--cables", help="How many held-out cables to show (those with the most disagreements)"),
):
    # fmt: on
    """Draw the model's disagreements with the reference on held-out cables, and the rules' repairs and breakages."""
    try:
        require_shards(test_dir)
    except NoShardsError as err:
        msg.fail(str(err), exits=1)
    nlp = spacy.load(model)
    msg.info(f"Comparing {model} with the reference on the held-out cables of {test_dir} ...")
    review = review_held_out(nlp, test_dir, gold_dir, n_cables)
    audit = srsly.read_json(rule_audit) if rule_audit and rule_audit.exists() else None
    write_text_atomically(output, visual_audit_html(review, audit))
    overall = review.scores.overall()
    msg.good(f"Wrote {output}: {sum(review.compared_with.values())} held-out cables "
             f"({', '.join(f'{n} against {name}' for name, n in review.compared_with.items() if n)}), "
             f"{overall.fp + overall.fn} disagreements; showing {len(review.cables)} cables")


if __name__ == "__main__":
    typer.run(main)
