"""Pretrain the tok2vec on raw cable text (`spacy pretrain`); its output folder is replaced only on success.

Usage: python scripts/pretrain.py configs/efficiency.cfg training/pretrain-efficiency --paths.raw_text corpus/pretrain/text.jsonl
Any further option is a config override, as for `spacy pretrain` (e.g. --pretraining.max_epochs 3).
The weights of each epoch (model0.bin, ...) and model-last.bin go to the output folder; train with
--paths.init_tok2vec OUTPUT/model-last.bin. The cable components are registered, as --code would.
"""
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/pretrain.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from spacy.cli._util import parse_config_overrides, setup_gpu, show_validation_error
from spacy.training.pretrain import pretrain
from spacy.util import load_config
from wasabi import msg

import cable_ner.training  # noqa: F401 (registers the components, corpus reader and augmenter the config names)
from cable_ner.outputs import staged
from scripts.common import Arg, Opt


# fmt: off
def main(
    ctx: typer.Context,
    config_path: Path = Arg(..., help="Training config with a [pretraining] block", exists=True, dir_okay=False),
    output_dir: Path = Arg(..., help="Folder for the pretrained weights (replaced on success)"),
    gpu_id: int = Opt(-1, "--gpu-id", "-g", help="GPU id, or -1 for CPU"),
):
    # fmt: on
    """Pretrain the config's tok2vec on the JSONL text of paths.raw_text (characters objective)."""
    overrides = parse_config_overrides(ctx.args)
    setup_gpu(gpu_id)
    with show_validation_error(config_path):
        raw_config = load_config(config_path, overrides=overrides, interpolate=False)
    config = raw_config.interpolate()
    if not config.get("pretraining"):
        msg.fail(f"{config_path} has no [pretraining] block", "Use a config with one (configs/efficiency.cfg has it).", exits=1)
    if not config["paths"].get("raw_text") or not Path(config["paths"]["raw_text"]).exists():
        msg.fail(f"No pretraining text at {config['paths'].get('raw_text')}",
                 "Write it first: python scripts/pretrain_text.py RAW_DIR corpus/pretrain/text.jsonl", exits=1)
    with staged(output_dir.parent, [output_dir.name]) as staging:
        (staging / output_dir.name).mkdir()
        raw_config.to_disk(staging / output_dir.name / "config.cfg")
        pretrain(config, staging / output_dir.name, use_gpu=gpu_id, silent=False)
    msg.good(f"Pretrained weights in {output_dir} (model-last.bin; train with --paths.init_tok2vec {output_dir / 'model-last.bin'})")


if __name__ == "__main__":
    app = typer.Typer(add_completion=False)
    app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})(main)
    app()
