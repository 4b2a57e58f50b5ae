"""Export a tagged collection as FollowTheMoney entities for OCCRP's Aleph.

Usage: python scripts/export_aleph.py TAGGED_DIR OUT.jsonl [--input-dir RAW_DIR]
Reads what `tag` wrote in TAGGED_DIR (entities.jsonl, summary.json) and the cables' text from
the folder it tagged, and writes one PlainText document per cable (text, metadata, the names
mentioned by role) and a Mention entity per person and organisation of each cable, as JSON lines.
Load them into an Aleph collection with: alephclient write-entities -i OUT.jsonl -f COLLECTION
"""
import sys
from pathlib import Path
from typing import Optional

if __package__ in (None, ""):  # run as `python scripts/export_aleph.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.aleph import export_collection
from scripts.common import Arg, Opt


# fmt: off
def main(
    tagged_dir: Path = Arg(..., help="Folder that `tag` wrote (entities.jsonl, summary.json)"),
    output_path: Path = Arg(..., help="JSON lines file of FollowTheMoney entities to write"),
    input_dir: Optional[Path] = Opt(None, "--input-dir", "-i", help="Folder of the cables (default: the one `tag` read)"),
):
    # fmt: on
    """Write the tagged collection as FollowTheMoney entities, ready for `alephclient write-entities`."""
    if not (tagged_dir / "entities.jsonl").exists() or not (tagged_dir / "summary.json").exists():
        msg.fail(f"No tagged collection in {tagged_dir} (entities.jsonl and summary.json)",
                 "Tag the cables first: spacy project run tag (or python scripts/tag.py IN_DIR OUT_DIR).", exits=1)
    counts = export_collection(tagged_dir, output_path, input_dir)
    for problem in counts["skipped"][:10]:
        msg.warn(f"{problem['file']}: {problem['reason']}")
    if counts["skipped"]:
        msg.warn(f"{len(counts['skipped'])} cable(s) not exported (above, the first 10)")
    msg.good(f"Wrote {counts['documents']:,} documents and {counts['mentions']:,} mentions to {output_path}",
             f"Load them into Aleph: alephclient write-entities -i {output_path} -f COLLECTION_NAME")


if __name__ == "__main__":
    typer.run(main)
