"""Train the NER pipeline; its output folder is replaced only when training succeeds.

Usage: python scripts/train.py configs/efficiency.cfg training/efficiency --paths.train corpus/train ...
Any further option is a config override, as for `spacy train`. The cable components
(cable_ner/components.py) are registered, as `spacy train --code` would.
"""
import io
import sys
from contextlib import redirect_stdout
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/train.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from spacy.cli._util import parse_config_overrides
from spacy.cli.train import train
from wasabi import msg

import cable_ner.training  # noqa: F401 (registers the components, corpus reader and augmenter the config names)
from cable_ner.outputs import staged
from scripts.common import Arg, Opt


# fmt: off
def main(
    ctx: typer.Context,
    config_path: Path = Arg(..., help="Training config", exists=True, dir_okay=False),
    output_dir: Path = Arg(..., help="Folder for model-best and model-last (replaced on success)"),
    gpu_id: int = Opt(-1, "--gpu-id", "-g", help="GPU id, or -1 for CPU"),
):
    # fmt: on
    """Train with spaCy's trainer into a staging folder and swap it in when training succeeds."""
    overrides = parse_config_overrides(ctx.args)
    with staged(output_dir.parent, [output_dir.name]) as staging:
        # spaCy names the folder it writes to; the user needs the one it will be in.
        with redirect_stdout(Rewritten(sys.stdout, str(staging / output_dir.name), str(output_dir))):
            train(config_path, staging / output_dir.name, use_gpu=gpu_id, overrides=overrides)
    msg.good(f"Trained pipeline in {output_dir} (model-best, model-last)")


class Rewritten(io.TextIOBase):
    """A text stream that writes to another with one string replaced by another."""

    def __init__(self, stream, old: str, new: str) -> None:
        self.stream, self.old, self.new = stream, old, new

    def write(self, text: str) -> int:
        self.stream.write(text.replace(self.old, self.new))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


if __name__ == "__main__":
    app = typer.Typer(add_completion=False)
    app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(main)
    app()
