"""Tag a folder of cables with a trained pipeline: records, bracket markup, entities.jsonl, a database.

Usage: python scripts/tag.py IN_DIR OUT_DIR [--model PATH_OR_PACKAGE] [--n-process N] [--force]
IN_DIR holds cables (*.txt): raw text, the tagger's HTML pages, or cables already in the tagger's
bracket markup (read without their markup; the tagger's entities are kept beside the model's).
Writes to OUT_DIR: the cable in the tagger's bracket markup at its relative path (where the
format can hold its text), records/ (one JSON per cable), entities.jsonl (a record per cable:
metadata, entities with character offsets, label, text, name key and paragraph), cables.db (the
same as a SQLite database), summary.json and provenance.json (the pipeline that tagged).
A re-run skips the cables whose output is newer than the cable and came from the same pipeline
(another model or rule set tags every cable again); --force tags them all again.
"""
import os
import sys
import time
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/tag.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from tqdm import tqdm
from wasabi import msg

from cable_ner.markup import cable_files
from cable_ner.tagging import tag_collection
from scripts.common import Arg, Opt


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Folder of cables (*.txt, searched recursively: raw text, the tagger's HTML pages or its bracket markup)"),
    output_dir: Path = Arg(..., help="Folder for the tagged cables, entities.jsonl and summary.json"),
    model: str = Opt("training/efficiency/model-best", "--model", "-m", help="Trained pipeline: a path or an installed package"),
    n_process: int = Opt(0, "--n-process", "-n", help="Processes (0: all cores)"),
    force: bool = Opt(False, "--force", help="Tag every cable again, even those whose output is up to date"),
):
    # fmt: on
    """Tag every cable of a collection with the trained pipeline, resuming where an earlier run stopped."""
    if not input_dir.is_dir():
        msg.fail(f"No folder of cables at {input_dir}",
                 f"Name the folder: python scripts/tag.py IN_DIR OUT_DIR, or in the project: "
                 f"spacy project run tag --vars.raw_dir=FOLDER (raw_dir is now '{input_dir}').", exits=1)
    if output_dir.resolve() == input_dir.resolve() or input_dir.resolve() in output_dir.resolve().parents:
        msg.fail(f"OUT_DIR ({output_dir}) must not be IN_DIR or inside it", "Write the tagged cables to another folder.", exits=1)
    if not model.startswith(("en_", "/")) and not Path(model).exists():
        msg.fail(f"No trained pipeline at {model}", "Train one (spacy project run train) or pass --model PATH_OR_PACKAGE.", exits=1)
    paths = cable_files(input_dir)
    if not paths:
        msg.fail(f"No *.txt cables found in {input_dir}", "Point IN_DIR at a folder of raw cables.", exits=1)
    workers = n_process or os.cpu_count() or 1
    msg.info(f"Tagging {len(paths):,} cables from {input_dir} with {model} on {workers} process(es)")
    started = time.time()
    with tqdm(total=len(paths), unit="cable", disable=None) as progress:
        words = 0

        def on_batch(size: int, batch) -> None:
            nonlocal words
            words += batch.words
            progress.set_postfix_str(f"{words / max(time.time() - started, 1e-9):,.0f} words/s", refresh=False)
            progress.update(size)

        def on_replace(old: dict) -> None:
            msg.warn(f"The outputs in {output_dir} came from another pipeline ({old['model']['name']} {old['model']['version']}, "
                     f"fingerprint {old['fingerprint']}, {old['tagged_at']}): every cable will be tagged again with this one.")

        summary = tag_collection(model, input_dir, output_dir, paths, workers, force, on_batch, on_replace)
    run = summary["this_run"]
    provenance = summary["provenance"]
    msg.info(f"Pipeline {provenance['model']['name']} {provenance['model']['version']} ({provenance['model']['path']}), "
             f"{len(provenance['span_rules']['rules'])} span rules: fingerprint {provenance['fingerprint']} "
             f"(in {output_dir / 'provenance.json'} and every entities.jsonl record)")
    if summary["replaced"]:
        msg.info(f"Replaced the outputs of {summary['replaced']['model']['name']} {summary['replaced']['model']['version']} "
                 f"(fingerprint {summary['replaced']['fingerprint']}): every cable was tagged again with this one.")
    if run["resumed"]:
        msg.info(f"{run['resumed']:,} cable(s) were up to date and kept (--force tags them again)")
    msg.table(sorted(summary["entities"].items()), header=("label", "entities"), divider=True, aligns=("l", "r"))
    for label, names in summary["most_frequent_names"].items():
        msg.text(f"{label}: " + ", ".join(f"{item['name']} ({item['mentions']})" for item in names[:8]))
    skipped = summary["skipped"]
    unwritten = summary["markup_not_written"]
    if unwritten["cables"]:
        msg.warn(f"{unwritten['cables']} cable(s) hold text that the bracket markup reads as markup: tagged, in "
                 f"entities.jsonl and the database, but no markup file (e.g. {', '.join(unwritten['examples'][:3])})")
    in_markup = summary["cables_in_tagger_markup"]
    if in_markup["cables"]:
        msg.info(f"{in_markup['cables']:,} cable(s) came in the tagger's markup: read without it, its "
                 f"{sum(in_markup['tagger_entities'].values()):,} entities kept as tagger_entities (tagger_mentions in the database)")
    covered = summary["cables_with_metadata"]
    msg.text(f"Metadata: {covered.get('date', 0):,} of {summary['cables']:,} cables with a date, {covered.get('post', 0):,} "
             f"with a post, {covered.get('subject', 0):,} with a subject, {covered.get('tags', 0):,} with TAGS")
    if skipped["cables"]:
        msg.warn(f"Skipped {skipped['cables']} cable(s); all of them in {output_dir / 'summary.json'}")
        for problem in skipped["files"][:10]:
            msg.text(f"  {problem['file']}:{problem['line']}:{problem['column']}: {problem['reason']}")
            msg.text(f"    -> {problem['hint']}")
    database = summary["database"]
    msg.good(f"Tagged {run['tagged']:,} cables ({run['words_tagged']:,} words, {run['words_per_second'] or 0:,} words/s); "
             f"{summary['cables']:,} in {output_dir}: entities.jsonl, summary.json and {database['path']} "
             f"({database['cables']:,} cables, {database['mentions']:,} mentions)")


if __name__ == "__main__":
    typer.run(main)
