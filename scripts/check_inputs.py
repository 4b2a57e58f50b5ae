"""Check that the project's input folders exist before any step needs them, and name any that is missing.

Usage: python scripts/check_inputs.py --cables "${vars.cables_dir}" --gold "${vars.gold_dir}"
(weasel itself would only say "Maybe you forgot to run the 'weasel assets' command" for a
missing dependency).
"""
import sys
from pathlib import Path
from typing import List

if __package__ in (None, ""):  # run as `python scripts/check_inputs.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.markup import cable_files
from scripts.common import Opt


# fmt: off
def main(
    cables: Path = Opt(..., "--cables", help="Folder of annotated cables (vars.cables_dir)"),
    gold: Path = Opt(..., "--gold", help="Folder of gold cables (vars.gold_dir)"),
):
    # fmt: on
    """Fail with the folder's name and the variable to set when an input folder is missing or holds no cable."""
    problems: List[str] = []
    for folder, variable in ((cables, "cables_dir"), (gold, "gold_dir")):
        if not folder.is_dir():
            problems.append(f"{folder} is not a folder: set --vars.{variable} to a folder of *.txt cables")
        elif not cable_files(folder):
            problems.append(f"{folder} holds no *.txt cable: set --vars.{variable} to a folder of *.txt cables")
    for problem in problems:
        msg.fail(f"Input: {problem}")
    if problems:
        msg.fail("Nothing was run. (A --vars name that project.yml does not define is ignored: check its spelling.)", exits=1)
    msg.good(f"Inputs: {len(cable_files(cables))} cables in {cables}, {len(cable_files(gold))} gold cables in {gold}")


if __name__ == "__main__":
    typer.run(main)
