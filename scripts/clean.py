"""Remove what the project's steps make: every output that a command in project.yml declares.

Usage: python scripts/clean.py . [--set config=efficiency ...]
The outputs are read from project.yml, with its variables (``--set`` overrides them as
``--vars.NAME`` does for `spacy project run`), so clean removes exactly what the steps make:
tracked files (``training/.gitkeep``) and the shipped sample (``assets/``) stay.
"""
import sys
from pathlib import Path
from typing import List

if __package__ in (None, ""):  # run as `python scripts/clean.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg
from weasel.util import load_project_config

from cable_ner.outputs import remove

Arg = typer.Argument
Opt = typer.Option

KEPT = ("assets",)  # inputs a step can rewrite (generate-sample) but that the project ships


def declared_outputs(project_dir: Path, variables: List[str]) -> List[Path]:
    """Every output path the commands of project.yml declare, with the variables filled in."""
    overrides = {f"vars.{key}": value for key, _, value in (item.partition("=") for item in variables)}
    config = load_project_config(project_dir, overrides=overrides)
    outputs = {output for command in config.get("commands", []) for output in command.get("outputs", [])}
    return sorted(project_dir / output for output in outputs if Path(output).parts[0] not in KEPT)


def main(
    project_dir: Path = Arg(Path("."), help="Project folder (with project.yml)", exists=True, file_okay=False),
    variables: List[str] = Opt([], "--set", help="A project variable NAME=VALUE, as --vars.NAME for spacy project run"),
):
    """Remove every declared output of the project's commands, and staging folders left by failed runs."""
    removed = remove(declared_outputs(project_dir, variables))
    for path in removed:
        msg.text(f"  removed {path}")
    msg.good(f"Removed {len(removed)} output(s)")


if __name__ == "__main__":
    typer.run(main)
