"""Benchmark conversion speed, memory and the trained model's speed; prints figures, asserts nothing.

Usage: python scripts/benchmark.py [--n-cables 1000] [--repeats 3] [--model training/efficiency/model-best]
Prints conversion cables/s and words/s at 1 process and at all cores, spaCy's tokenizer alone over
the same text on 1 process (the floor any conversion pays), and the converter's peak memory at N
and 4N cables. Targets: conversion on all cores >= 1.2x tokenizer-alone throughput; peak memory
at 4N <= 1.3x peak at N. Every speed figure is the best of ``--repeats`` rounds, each run from a
fresh pipeline (a cold tokenizer cache), as ``timeit`` reports; a round runs the tokenizer and
both conversions back to back, because a shared machine's speed drifts by half over minutes, and
each round's own all-core ratio is printed too, so a run's spread shows.
N defaults to 1,000 cables: at a few hundred, a run lasts a second or two and starting the
workers, warming each one's tokenizer cache and writing the last shards weigh a tenth of it,
which a real collection of thousands of cables does not pay.

With a trained pipeline (``--model``), it also prints the pipeline's tagging speed on raw
cables (one process, words/s) beside a reference pipeline's NER alone (``--reference``, default
en_core_web_sm with only its ``ner`` enabled, when it is installed). Target: at least 2x. The
span rules' time per character on one text of 80k, 320k and 1.28M characters (target: at most
1.2x per doubling). And the
tag tool's words/s at one process and at all cores (target: at least 1.7x), each round beside how
much faster independent CPU-bound processes ran on all cores than one at that moment.
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

if __package__ in (None, ""):  # run as `python scripts/benchmark.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.corpus import conversion_pipeline, convert_corpus
from cable_ner.markup import DEFAULT_LABELS, cable_files, read_cable_file
from cable_ner.rules import default_rules
from cable_ner.sample import generate_corpus
from scripts.common import Opt, measured


def write_cables(folder: Path, n_cables: int, seed: int) -> List[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for cable_id, silver, _ in generate_corpus(n_cables, seed):
        (folder / f"{cable_id}.txt").write_text(silver, encoding="utf8")
    return cable_files(folder)


def tokenizer_seconds(texts: List[str]) -> Tuple[float, int]:
    """Seconds spaCy's tokenizer takes over the texts on one process (fresh pipeline), and the words."""
    import spacy

    nlp = spacy.blank("en")
    started = time.perf_counter()
    words = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
    return time.perf_counter() - started, words


def conversion_seconds(paths: List[Path], n_process: int) -> float:
    """Seconds converting ``paths`` takes; like the tokenizer run, it starts from a fresh pipeline."""
    nlp = conversion_pipeline("en")
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        report = convert_corpus(paths, Path(out), labels=DEFAULT_LABELS, rules=default_rules(), n_process=n_process,
                                shard_size=2000, nlp=nlp)
        seconds = time.perf_counter() - started
    assert not report.failures
    return seconds


def speed_runs(paths: List[Path], cores: int, repeats: int) -> Tuple[int, Dict[str, float], List[Dict[str, float]]]:
    """Best seconds of each run over ``repeats`` rounds, and every round's seconds; a round runs all
    three back to back, so that its ratios compare runs made under the same load."""
    texts = [read_cable_file(path).text for path in paths]
    rounds: List[Dict[str, float]] = []
    words = 0
    for _ in range(repeats):
        seconds, words = tokenizer_seconds(texts)
        rounds.append({"tokenizer": seconds, "one": conversion_seconds(paths, 1), "every": conversion_seconds(paths, cores)})
    best = {key: min(timings[key] for timings in rounds) for key in rounds[0]}
    return words, best, rounds


def tagging_words_per_second(nlp, texts: List[str], repeats: int) -> float:
    """Best words/s of ``nlp`` over the texts, on one process, over ``repeats`` rounds."""
    best, words = float("inf"), 0
    for _ in range(repeats):
        started = time.perf_counter()
        words = sum(len(doc) for doc in nlp.pipe(texts))
        best = min(best, time.perf_counter() - started)
    return words / best


def load_reference(name: str):
    """A reference pipeline with only its NER running, or None when it is not installed."""
    import spacy

    try:
        return spacy.load(name, enable=["ner"])
    except (OSError, ValueError):
        return None


def peak_memory_mib(folder: Path) -> float:
    """Peak resident memory of one single-process conversion of ``folder``, in MiB."""
    with tempfile.TemporaryDirectory() as out:
        return measured([sys.executable, "-m", "scripts.convert", str(folder), out, "--rules", "default",
                         "--n-process", "1", "--shard-size", "2000", "--dev", "0", "--test", "0"])["peak_mib"]


# fmt: off
def main(
    n_cables: int = Opt(1000, "--n-cables", "-n", help="N: cables for the speed runs and the first memory run"),
    seed: int = Opt(1, "--seed", "-s", help="Generator seed"),
    repeats: int = Opt(3, "--repeats", "-r", help="Rounds of the three speed runs; each figure is its best round"),
    model: Path = Opt(Path("training/efficiency/model-best"), "--model", "-m", help="Trained pipeline to time on raw cables"),
    reference: str = Opt("en_core_web_sm", "--reference", help="Installed pipeline whose NER alone is the speed reference"),
):
    # fmt: on
    """Print conversion throughput against the tokenizer's, and peak memory at N and 4N cables."""
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        small = write_cables(Path(tmp) / "n", n_cables, seed)
        big_dir = Path(tmp) / "4n"
        write_cables(big_dir, 4 * n_cables, seed + 1)
        msg.info(f"{n_cables} and {4 * n_cables} synthetic cables; {cores} cores")
        words, best, rounds = speed_runs(small, cores, repeats)
        peak_n = peak_memory_mib(Path(tmp) / "n")
        peak_4n = peak_memory_mib(big_dir)
    labels = {"tokenizer": "tokenizer alone, 1 process", "one": "conversion, 1 process",
              "every": f"conversion, {cores} processes"}
    rows = [(labels[key], f"{n_cables / seconds:.1f}", f"{words / seconds:,.0f}", f"{best['tokenizer'] / seconds:.2f}x")
            for key, seconds in best.items()]
    msg.table(rows, header=("run", "cables/s", "words/s", "vs tokenizer"), divider=True, aligns=("l", "r", "r", "r"))
    msg.table([(f"N = {n_cables}", f"{peak_n:.0f}"), (f"4N = {4 * n_cables}", f"{peak_4n:.0f}"),
               ("4N / N", f"{peak_4n / peak_n:.2f}x")], header=("peak memory", "MiB"), divider=True, aligns=("l", "r"))
    per_round = ", ".join(f"{timings['tokenizer'] / timings['every']:.2f}x" for timings in rounds)
    msg.text(f"All-core conversion vs tokenizer alone within each round: {per_round}")
    target_speed = best["tokenizer"] / best["every"] >= 1.2
    target_memory = peak_4n <= 1.3 * peak_n
    msg.text(f"Target: all-core conversion >= 1.2x tokenizer alone: {'met' if target_speed else 'NOT met'}; "
             f"peak memory at 4N <= 1.3x N: {'met' if target_memory else 'NOT met'}")
    rules_scaling(seed)
    if model.exists():
        tagging_speed(model, reference, n_cables, seed, repeats)
        collection_tagging(model, n_cables, seed, cores, repeats)
    else:
        msg.info(f"No trained pipeline at {model}: tagging speed not measured (run 'spacy project run train')")


def rules_scaling(seed: int, sizes: Tuple[int, ...] = (80_000, 320_000, 1_280_000)) -> None:
    """Print the span rules' time per character on one text of each size (synthetic cables joined, with their tags)."""
    from cable_ner.markup import Span, parse_markup
    from cable_ner.rules import apply_rules

    rules = default_rules()
    cables = [parse_markup(silver, DEFAULT_LABELS) for _, silver, _ in generate_corpus(60, seed)]
    apply_rules(cables[0].text, cables[0].spans, rules)  # the word lists load once, on first use
    rows, per_char = [], []
    for size in sizes:
        text, spans = "", []
        while len(text) < size:
            for cable in cables:
                offset = len(text)
                text += cable.text + "\n\n"
                spans += [Span(span.start + offset, span.end + offset, span.label) for span in cable.spans]
        text, spans = text[:size], [span for span in spans if span.end <= size]
        started = time.perf_counter()
        apply_rules(text, spans, rules)
        seconds = time.perf_counter() - started
        per_char.append(seconds / size)
        rows.append((f"{size:,}", f"{seconds:.2f}", f"{seconds / size * 1e6:.2f}"))
    msg.table(rows, header=("characters in one text", "rules s", "us per character"), divider=True, aligns=("r", "r", "r"))
    growth = max((later / earlier) ** 0.5 for earlier, later in zip(per_char, per_char[1:]))  # sizes step by 4x: two doublings
    msg.text(f"Target: time per character grows at most 1.2x per doubling: {'met' if growth <= 1.2 else 'NOT met'} "
             f"({growth:.2f}x at most)")


def tagging_speed(model: Path, reference: str, n_cables: int, seed: int, repeats: int) -> None:
    """Print the trained pipeline's tagging speed on raw cables beside the reference NER's."""
    import spacy

    import cable_ner.components  # noqa: F401 (registers the components the pipeline uses)

    texts = [read_markup_text(gold) for _, _, gold in generate_corpus(min(n_cables, 300), seed)]
    ours = tagging_words_per_second(spacy.load(model), texts, repeats)
    rows = [(f"{model}", f"{ours:,.0f}", "")]
    other = load_reference(reference)
    if other is None:
        msg.table(rows, header=("pipeline", "words/s", "ratio"), divider=True, aligns=("l", "r", "r"))
        msg.info(f"Reference pipeline '{reference}' is not installed: no ratio (pip install it to compare)")
        return
    theirs = tagging_words_per_second(other, texts, repeats)
    rows.append((f"{reference}, ner only", f"{theirs:,.0f}", ""))
    rows[0] = (rows[0][0], rows[0][1], f"{ours / theirs:.2f}x")
    msg.table(rows, header=("pipeline", "words/s", "vs reference"), divider=True, aligns=("l", "r", "r"))
    msg.text(f"Target: tagging >= 2x the reference NER alone: {'met' if ours >= 2 * theirs else 'NOT met'}")


def collection_tagging(model: Path, n_cables: int, seed: int, cores: int, repeats: int) -> None:
    """Print the tag tool's words/s at one process and at all cores (best of ``repeats`` rounds, a round running
    both back to back), and its peak memory at N and 4N raw cables."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, count in (("n", n_cables), ("4n", 4 * n_cables)):
            folder = Path(tmp) / name
            folder.mkdir()
            for cable_id, _, gold in generate_corpus(count, seed + 7):
                (folder / f"{cable_id}.txt").write_text(read_markup_text(gold), encoding="utf8")
        rounds = [(tag_run(model, Path(tmp) / "n", 1), tag_run(model, Path(tmp) / "n", cores), machine_scaling(cores))
                  for _ in range(max(1, repeats))]
        (one, one_mib), (every, every_mib) = max(r[0] for r in rounds), max(r[1] for r in rounds)
        _, big_mib = tag_run(model, Path(tmp) / "4n", cores)
    rows = [("1 process", f"{one:,.0f}", f"{one_mib:.0f}"), (f"{cores} processes", f"{every:,.0f}", f"{every_mib:.0f}"),
            (f"{cores} processes, 4N = {4 * n_cables} cables", "", f"{big_mib:.0f}")]
    msg.table(rows, header=(f"tag tool, N = {n_cables} raw cables", "words/s", "peak MiB"), divider=True, aligns=("l", "r", "r"))
    per_round = ", ".join(f"{all_cores[0] / single[0]:.2f}x (machine {ceiling:.2f}x)" for single, all_cores, ceiling in rounds)
    msg.text(f"Target: all cores >= 1.7x one process: {'met' if every >= 1.7 * one else 'NOT met'} ({every / one:.2f}x; "
             f"within each round: {per_round}); peak memory at 4N / N: {big_mib / every_mib:.2f}x")
    msg.text(f"'machine' is {cores} independent pure-Python loops against one, run in the same round: how much the "
             f"other cores gave at that moment (on a shared host it moves from minute to minute, and with it the tool's ratio)")


SPIN = "import time\nt = time.perf_counter()\nx = 0\nfor i in range({loops}):\n    x += i * i % 7\nprint(time.perf_counter() - t)"


def machine_scaling(cores: int, loops: int = 15_000_000) -> float:
    """How much more work ``cores`` independent CPU-bound processes get done than one, in the same time.

    A pure-Python loop: nothing shared, no I/O. Not a ceiling (a program's own ratio can exceed
    it), but where a shared host gives its other cores grudgingly it shows, next to the tool's
    ratio of the same round, that the machine and not the tool fell short.
    """

    def seconds_of(n_process: int) -> float:
        runs = [subprocess.Popen([sys.executable, "-c", SPIN.format(loops=loops)], stdout=subprocess.PIPE, text=True)
                for _ in range(n_process)]
        return max(float(run.communicate()[0]) for run in runs)

    return cores * seconds_of(1) / seconds_of(cores)


def tag_run(model: Path, raw: Path, n_process: int) -> Tuple[float, float]:
    """One run of the tag tool over a folder of raw cables: its words/s and its peak memory (MiB, all its processes)."""
    import srsly

    with tempfile.TemporaryDirectory() as out:
        run = measured([sys.executable, "-m", "scripts.tag", str(raw), out, "--model", str(model), "--n-process", str(n_process)])
        return srsly.read_json(Path(out) / "summary.json")["this_run"]["words_per_second"], run["peak_mib"]


def read_markup_text(markup: str) -> str:
    """The plain text of a cable in bracket markup (the raw cable a user would tag)."""
    from cable_ner.markup import parse_markup

    return parse_markup(markup).text


if __name__ == "__main__":
    typer.run(main)
