"""Score a trained pipeline on real cables: raw text in, entities out, compared with gold markup.

Usage: python scripts/evaluate_real.py MODEL DATA_DIR --output metrics/real-dev.json
DATA_DIR holds gold/NAME.txt (bracket markup) and, optionally, raw/NAME.txt (the same text without
markup, which is checked). The model reads each whole raw cable, as users will run it; with
--text-form crlf or page it reads each cable with CRLF line ends or as the tagger's HTML page
(cable_ner/sample/page.py), the gold spans moved with the text.
"""
import sys
from pathlib import Path
from typing import Optional

if __package__ in (None, ""):  # run as `python scripts/evaluate_real.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy
import srsly
import typer
from wasabi import msg

import cable_ner.components  # noqa: F401 (registers the components a trained pipeline uses)
from cable_ner.audit.evaluation import score_each_cable
from cable_ner.audit.scores import SpanScores
from cable_ner.sample.page import TEXT_FORMS
from cable_ner.audit.tables import markdown_table, score
from cable_ner.outputs import write_text_atomically
from scripts.common import DEFAULT_LABELS, Arg, Opt, parse_labels


# fmt: off
def main(
    model: str = Arg(..., help="Trained pipeline: a path or an installed package name"),
    data_dir: Path = Arg(..., help="Folder with gold/ (and raw/) cables", exists=True, file_okay=False),
    output: Optional[Path] = Opt(None, "--output", "-o", help="JSON file for the scores"),
    labels: str = Opt(DEFAULT_LABELS, "--labels", help="Comma-separated labels to score"),
    text_form: str = Opt("lf", "--text-form", help=f"The form each cable is read in: {', '.join(TEXT_FORMS)}"),
):
    # fmt: on
    """Score a pipeline on raw real cables against their gold annotation, per label."""
    label_set = parse_labels(labels)
    if text_form not in TEXT_FORMS:
        msg.fail(f"Unknown --text-form {text_form!r}", f"Choose one of: {', '.join(TEXT_FORMS)}", exits=1)
    nlp = spacy.load(model)
    per_cable = score_each_cable(nlp, data_dir, label_set, text_form=text_form)
    result = {"cables": len(per_cable), "text_form": text_form, **SpanScores.summed(per_cable.values()).to_dict(label_set)}
    rows = [(label, *(result["per_label"][label][k] for k in ("p", "r", "f"))) for label in label_set]
    rows.append(("all", *(result["overall"][k] for k in ("p", "r", "f"))))
    msg.table([(row[0], *map(score, row[1:])) for row in rows], header=("label", "P", "R", "F"), divider=True,
              aligns=("l", "r", "r", "r"))
    if output:
        write_text_atomically(output, srsly.json_dumps({"model": model, "data_dir": str(data_dir), **result}, indent=2))
        write_text_atomically(output.with_suffix(".md"), markdown_table(("label", "P", "R", "F"), rows) + "\n")
        msg.good(f"Saved {output} and {output.with_suffix('.md')}")


if __name__ == "__main__":
    typer.run(main)
