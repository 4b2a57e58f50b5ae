"""Train the NER pipeline; its output folder is replaced only when training succeeds.

Usage: python scripts/train.py configs/efficiency.cfg training/efficiency --paths.train corpus/train ...
Any further option is a config override, as for `spacy train`. The cable components
(cable_ner/components.py) are registered, as `spacy train --code` would. The steps follow the
corpus (cable_ner/budget.py): every training cable at least once, at least --min-steps updates,
at most --train-words words; what reached the model goes to --report (metrics/training.json).
"""
import io
import sys
import time
from contextlib import redirect_stdout
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/train.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import srsly
import typer
from spacy.cli._util import parse_config_overrides
from spacy.cli.train import train
from spacy.util import load_config
from wasabi import msg

import cable_ner.training  # noqa: F401 (registers the components, corpus reader and augmenter the config names)
from cable_ner.budget import plan_for_config, training_report
from cable_ner.outputs import staged, write_text_atomically
from scripts.common import DEFAULT_TRAIN_WORDS, Arg, Opt


# fmt: off
def main(
    ctx: typer.Context,
    config_path: Path = Arg(..., help="Training config", exists=True, dir_okay=False),
    output_dir: Path = Arg(..., help="Folder for model-best and model-last (replaced on success)"),
    gpu_id: int = Opt(-1, "--gpu-id", "-g", help="GPU id, or -1 for CPU"),
    train_words: int = Opt(DEFAULT_TRAIN_WORDS, "--train-words", help="Word budget: training stops after about this many words (0: no budget, every cable once)"),
    min_steps: int = Opt(2000, "--min-steps", help="Updates a small corpus gets at least (it is read several times over)"),
    report_path: Path = Opt(Path("metrics/training.json"), "--report", help="JSON file for what training read"),
):
    # fmt: on
    """Train with spaCy's trainer into a staging folder and swap it in when training succeeds."""
    overrides = parse_config_overrides(ctx.args)
    init_tok2vec = load_config(config_path, overrides=overrides, interpolate=True)["paths"].get("init_tok2vec")
    if init_tok2vec and not Path(init_tok2vec).exists():
        msg.fail(f"{config_path} starts its tok2vec from pretrained weights, and there are none at {init_tok2vec}",
                 "Pretrain them on raw cables of your own first: spacy project run accuracy . --vars.config accuracy "
                 "--vars.pretrain_dir /path/to/raw/cables (or give --paths.init_tok2vec)", exits=1)
    plan = plan_for_config(config_path, overrides, train_words, min_steps)
    msg.info(f"Training plan: {plan.max_steps:,} steps, about {plan.planned_words:,} words "
             f"({plan.passes:g} passes over {plan.cables_in_train:,} training cables, {plan.corpus_words:,} words; "
             f"budget {'none' if not train_words else f'{train_words:,} words'})")
    for key, value in plan.overrides().items():
        if key in overrides:
            msg.info(f"{key} = {overrides[key]} as given (the plan would set {value})")
        overrides.setdefault(key, value)  # a value the user gave (command line, SPACY_CONFIG_OVERRIDES) wins
    started = time.perf_counter()
    with staged(output_dir.parent, [output_dir.name]) as staging:
        # spaCy names the folder it writes to; the user needs the one it will be in.
        with redirect_stdout(Rewritten(sys.stdout, str(staging / output_dir.name), str(output_dir))):
            train(config_path, staging / output_dir.name, use_gpu=gpu_id, overrides=overrides)
    tally = cable_ner.training.latest_tally()
    words_seen, cables_seen = (tally.words, len(tally.cable_ids)) if tally is not None else (0, 0)
    steps = int(overrides["training.max_steps"])
    report = training_report(plan, words_seen, cables_seen, time.perf_counter() - started, steps)
    write_text_atomically(report_path, srsly.json_dumps(report, indent=2))
    msg.good(f"Trained pipeline in {output_dir} (model-best, model-last)")
    msg.info(f"Read {words_seen:,} words and {cables_seen:,} of the {plan.cables_in_train:,} training cables "
             f"({report['share_of_cables_seen'] or 0:.0%}) in {steps:,} steps; report in {report_path}")


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
