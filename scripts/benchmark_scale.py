"""Benchmark a collection's cost at two sizes, N and 4N synthetic cables; prints figures, asserts nothing.

Usage: python scripts/benchmark_scale.py [--n-cables 5000] [--steps 400] [--gpu-id -1]
For N and 4N cables made by the sample generator it prints: conversion seconds and peak memory
(all cores), training initialization seconds, seconds per 100 training steps (evaluations
included, as the config sets them), the seconds of one training-time evaluation, and the
training step's peak memory. Targets: training peak memory at 4N at most 1.2x that at N;
initialization and evaluation time flat from N to 4N. Each measured run is its own process,
started by a small launcher process, so its peak memory is its own (``wait4``'s ``ru_maxrss``;
Linux carries a process's peak across ``exec``, so a child started straight from this large
process would report this process's memory as its floor).
"""
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

if __package__ in (None, ""):  # run as `python scripts/benchmark_scale.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.sample import generate_corpus
from scripts.common import Opt, measured

PROJECT_DIR = Path(__file__).resolve().parent.parent


def write_cables(folder: Path, n_cables: int, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for cable_id, silver, _ in generate_corpus(n_cables, seed):
        (folder / f"{cable_id}.txt").write_text(silver, encoding="utf8")


def measure_training(config: Path, corpus: Path, vectors: str, steps: int, gpu_id: int) -> None:
    """(In a child process) initialize and train for ``steps`` steps; print the seconds as JSON."""
    import cable_ner.training  # noqa: F401 (registers what the config names)
    from spacy.training import Corpus
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train
    from spacy.util import load_config

    overrides = {"paths.train": str(corpus / "train"), "paths.dev": str(corpus / "dev-sample"),
                 "paths.ner_labels": str(corpus / "labels" / "ner.json"), "training.max_steps": steps}
    if vectors:
        overrides["paths.vectors"] = vectors
    else:
        overrides.update({"paths.vectors": None, "components.tok2vec.model.embed.include_static_vectors": False})
    started = time.perf_counter()
    nlp = init_nlp(load_config(config, overrides=overrides, interpolate=False), use_gpu=gpu_id)
    initialized = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        train(nlp, None, use_gpu=gpu_id, stdout=quiet, stderr=quiet)
    trained = time.perf_counter()
    nlp.evaluate(list(Corpus(corpus / "dev-sample")(nlp)))
    evaluated = time.perf_counter()
    print(json.dumps({"init_seconds": initialized - started, "seconds_per_100_steps": (trained - initialized) * 100 / steps,
                      "eval_seconds": evaluated - trained}))


# fmt: off
def main(
    n_cables: int = Opt(5000, "--n-cables", "-n", help="N: the smaller collection (the larger has 4N cables)"),
    steps: int = Opt(400, "--steps", help="Training steps measured at each size"),
    config: Path = Opt(Path("configs/efficiency.cfg"), "--config", help="Training config"),
    vectors: str = Opt("corpus/knowledge_vectors", "--vectors", help="Knowledge vectors ('' to train without them)"),
    gpu_id: int = Opt(-1, "--gpu-id", "-g", help="GPU id for training, or -1 for CPU"),
    seed: int = Opt(11, "--seed", help="Generator seed"),
    measure_training_in: str = Opt("", "--measure-training-in", hidden=True, help="(internal) corpus folder to train on"),
):
    # fmt: on
    """Print conversion and training costs at N and 4N synthetic cables, and how they grow."""
    if measure_training_in:
        measure_training(config, Path(measure_training_in), vectors, steps, gpu_id)
        return
    if vectors and not (PROJECT_DIR / vectors).exists():
        msg.warn(f"No knowledge vectors at {vectors} (spacy project run build-vectors): training without them")
        vectors = ""
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in (n_cables, 4 * n_cables):
            cables, corpus = Path(tmp) / f"cables-{size}", Path(tmp) / f"corpus-{size}"
            msg.info(f"Generating {size:,} synthetic cables ...")
            write_cables(cables, size, seed)
            msg.info(f"Converting {size:,} cables ...")
            conversion = measured([sys.executable, "-m", "scripts.convert", str(cables), str(corpus), "--rules", "default"])
            tokens = json.loads((corpus / "conversion.json").read_text())["splits"]["train"]["tokens"]
            msg.info(f"Training {steps} steps on {size:,} cables ({tokens:,} training tokens) ...")
            training = measured([sys.executable, "-m", "scripts.benchmark_scale", "--config", str(config),
                                 "--vectors", vectors, "--steps", str(steps), "--gpu-id", str(gpu_id),
                                 "--measure-training-in", str(corpus)])
            rows.append((size, tokens, conversion, training))
            msg.good(f"{size:,} cables measured")
    header = ("cables", "train tokens", "convert s", "convert MiB", "init s", "s / 100 steps", "eval s", "train MiB")
    table = [(f"{size:,}", f"{tokens:,}", f"{c['seconds']:.1f}", f"{c['peak_mib']:.0f}", f"{t['init_seconds']:.1f}",
              f"{t['seconds_per_100_steps']:.1f}", f"{t['eval_seconds']:.1f}", f"{t['peak_mib']:.0f}")
             for size, tokens, c, t in rows]
    (_, _, c1, t1), (_, _, c4, t4) = rows
    table.append(("4N / N", "", f"{c4['seconds'] / c1['seconds']:.2f}x", f"{c4['peak_mib'] / c1['peak_mib']:.2f}x",
                  f"{t4['init_seconds'] / t1['init_seconds']:.2f}x", f"{t4['seconds_per_100_steps'] / t1['seconds_per_100_steps']:.2f}x",
                  f"{t4['eval_seconds'] / t1['eval_seconds']:.2f}x", f"{t4['peak_mib'] / t1['peak_mib']:.2f}x"))
    msg.table(table, header=header, divider=True, aligns=("l",) + ("r",) * (len(header) - 1))
    per_100k = c4["seconds"] * 100_000 / (4 * n_cables)
    msg.text(f"Conversion on {os.cpu_count()} cores: about {per_100k / 60:.0f} minutes per 100,000 cables of this size.")
    ratio = t4["peak_mib"] / t1["peak_mib"]
    msg.text(f"Target: training peak memory at 4N <= 1.2x N: {'met' if ratio <= 1.2 else 'NOT met'} ({ratio:.2f}x)")


if __name__ == "__main__":
    typer.run(main)
