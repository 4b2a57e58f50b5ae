"""Write the paragraphs of a folder of raw cables as JSONL for `spacy pretrain` (the pretrain command).

Usage: python scripts/pretrain_text.py IN_DIR OUT_FILE
IN_DIR is searched recursively for *.txt cables (published raw text or the tagger's HTML pages);
OUT_FILE gets one {"text": ...} record per paragraph, written atomically. Unreadable files are
reported (file, what is wrong, what to do) and skipped.
"""
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/pretrain_text.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import srsly
import typer
from wasabi import msg

from cable_ner.markup import cable_files
from cable_ner.outputs import staged
from cable_ner.pretraining import pretraining_records
from scripts.common import Arg


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Folder of raw cables (*.txt, searched recursively)", exists=True, file_okay=False),
    output_file: Path = Arg(..., help="JSONL file for the paragraphs ({\"text\": ...} per line)"),
):
    # fmt: on
    """Write every paragraph of the raw cables of IN_DIR as pretraining text."""
    paths = cable_files(input_dir)
    if not paths:
        msg.fail(f"No *.txt cables found in {input_dir}", "Point --vars.pretrain_dir at a folder of raw cables.", exits=1)
    problems: list = []
    counts = {"paragraphs": 0, "words": 0}

    def counted():
        for record in pretraining_records(paths, problems):
            counts["paragraphs"] += 1
            counts["words"] += len(record["text"].split())
            yield record

    with staged(output_file.parent, [output_file.name]) as staging:
        srsly.write_jsonl(staging / output_file.name, counted())
    for problem in problems:
        msg.warn(f"Skipped {problem['file']}:{problem['line']}:{problem['column']}: {problem['reason']}", problem["hint"])
    msg.good(f"{len(paths) - len(problems):,} cables, {counts['paragraphs']:,} paragraphs, about {counts['words']:,} words "
             f"in {output_file}" + (f"; {len(problems)} file(s) skipped" if problems else ""))


if __name__ == "__main__":
    typer.run(main)
