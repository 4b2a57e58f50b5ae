"""Tag a folder of raw cables with a trained pipeline: bracket markup per cable, entities.jsonl, summary.json.

Usage: python scripts/tag.py IN_DIR OUT_DIR [--model PATH_OR_PACKAGE] [--n-process N] [--force]
Writes OUT_DIR/<relative path of the cable> in the tagger's bracket markup (removing the markup
gives the input back byte for byte), OUT_DIR/entities.jsonl (a record per cable: id, text length,
entities with character offsets, label, text and name key) and OUT_DIR/summary.json, and
OUT_DIR/provenance.json: the pipeline that tagged (name, version, hash of its files, span rules).
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
    input_dir: Path = Arg(..., help="Folder of raw cables (*.txt, searched recursively; raw text or the tagger's HTML pages)", exists=True, file_okay=False),
    output_dir: Path = Arg(..., help="Folder for the tagged cables, entities.jsonl and summary.json"),
    model: str = Opt("training/efficiency/model-best", "--model", "-m", help="Trained pipeline: a path or an installed package"),
    n_process: int = Opt(0, "--n-process", "-n", help="Processes (0: all cores)"),
    force: bool = Opt(False, "--force", help="Tag every cable again, even those whose output is up to date"),
):
    # fmt: on
    """Tag every cable of a collection with the trained pipeline, resuming where an earlier run stopped."""
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

        summary = tag_collection(model, input_dir, output_dir, paths, workers, force, on_batch)
    run = summary["this_run"]
    provenance = summary["provenance"]
    msg.info(f"Pipeline {provenance['model']['name']} {provenance['model']['version']} ({provenance['model']['path']}), "
             f"{len(provenance['span_rules']['rules'])} span rules: fingerprint {provenance['fingerprint']} "
             f"(in {output_dir / 'provenance.json'} and every entities.jsonl record)")
    if summary["replaced"]:
        old = summary["replaced"]
        msg.warn(f"The outputs in {output_dir} came from another pipeline ({old['model']['name']} {old['model']['version']}, "
                 f"fingerprint {old['fingerprint']}, {old['tagged_at']}): every cable was tagged again with this one.")
    if run["resumed"]:
        msg.info(f"{run['resumed']:,} cable(s) were up to date and kept (--force tags them again)")
    msg.table(sorted(summary["entities"].items()), header=("label", "entities"), divider=True, aligns=("l", "r"))
    for label, names in summary["most_frequent_names"].items():
        msg.text(f"{label}: " + ", ".join(f"{item['name']} ({item['mentions']})" for item in names[:8]))
    skipped = summary["skipped"]
    if skipped["cables"]:
        msg.warn(f"Skipped {skipped['cables']} cable(s); all of them in {output_dir / 'summary.json'}")
        for problem in skipped["files"][:10]:
            msg.text(f"  {problem['file']}:{problem['line']}:{problem['column']}: {problem['reason']}")
            msg.text(f"    -> {problem['hint']}")
    msg.good(f"Tagged {run['tagged']:,} cables ({run['words_tagged']:,} words, {run['words_per_second'] or 0:,} words/s); "
             f"{summary['cables']:,} in {output_dir} with entities.jsonl and summary.json")


if __name__ == "__main__":
    typer.run(main)
