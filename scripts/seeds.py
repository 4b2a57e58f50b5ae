"""Train the model with several seeds; report mean and range of its held-out and real-cable scores.

Usage: python scripts/seeds.py configs/efficiency.cfg training/seeds metrics/seeds.json --seeds 0,1,2
    [--real-dev ../shared/real-dev] [--set components.tok2vec.model.embed.include_static_vectors=false]
Each seed trains the config on corpus/train (dev: corpus/dev) and is scored on the gold test
cables and, when the folder exists, on real raw cables with gold annotation: as they are, as
they are without the span rules at inference, and written in capitals throughout. ``--set``
overrides config values for every seed (to measure what one piece gives).
"""
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

if __package__ in (None, ""):  # run as `python scripts/seeds.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy
import srsly
import typer
from spacy.cli.evaluate import evaluate
from spacy.cli.train import train
from wasabi import msg

import cable_ner.training  # noqa: F401 (registers the components, corpus reader and augmenter the config names)
from cable_ner.audit.bootstrap import CableTallies, cable_tallies, paired_difference_interval
from cable_ner.audit.evaluation import score_each_cable
from cable_ner.audit.scores import SpanScores
from cable_ner.audit.seeds import Scores, f1_by_label, summarise, summary_markdown
from cable_ner.budget import plan_for_config
from cable_ner.audit.tables import score
from cable_ner.outputs import staged, write_text_atomically
from scripts.common import DEFAULT_LABELS, DEFAULT_TRAIN_WORDS, Arg, Opt, parse_labels


# fmt: off
def main(
    config_path: Path = Arg(..., help="Training config", exists=True, dir_okay=False),
    output_dir: Path = Arg(..., help="Folder for one trained pipeline per seed"),
    metrics_path: Path = Arg(..., help="JSON file for the summary (a .md beside it)"),
    seeds: str = Opt("0,1,2", "--seeds", help="Comma-separated training seeds"),
    corpus_dir: Path = Opt(Path("corpus"), "--corpus", help="Folder with train/, dev-sample/, labels/ and gold/test/"),
    vectors: str = Opt("corpus/knowledge_vectors", "--vectors", help="Vectors path for the config (paths.vectors)"),
    real_dev: Optional[Path] = Opt(None, "--real-dev", help="Folder with raw/ and gold/ real cables (skipped when absent)"),
    labels: str = Opt(DEFAULT_LABELS, "--labels", help="Comma-separated labels to score"),
    gpu_id: int = Opt(-1, "--gpu-id", "-g", help="GPU id, or -1 for CPU"),
    settings: List[str] = Opt([], "--set", help="Config override SECTION.KEY=VALUE for every seed; repeatable"),
    train_words: int = Opt(DEFAULT_TRAIN_WORDS, "--train-words", help="Word budget of each training run (as train)"),
    min_steps: int = Opt(2000, "--min-steps", help="Updates a small corpus gets at least (as train)"),
    baseline: Optional[Path] = Opt(None, "--baseline", help="Another run's JSON (metrics/...-seeds.json): print the difference to it on the real cables, with its interval"),
):
    # fmt: on
    """Train one pipeline per seed and summarise its scores as mean and range."""
    label_set = parse_labels(labels)
    seed_list = [int(seed) for seed in seeds.split(",") if seed.strip()]
    if real_dev is not None and not (real_dev / "gold").is_dir():
        msg.warn(f"No real cables in {real_dev}: scoring on the gold test cables only")
        real_dev = None
    runs: Dict[int, Dict[str, Scores]] = {}
    tallies: Dict[int, Dict[str, CableTallies]] = {}
    with staged(output_dir.parent, [output_dir.name]) as staging:
        for seed in seed_list:
            runs[seed], tallies[seed] = train_and_score(
                config_path, staging / output_dir.name / f"seed{seed}", seed, corpus_dir, vectors, real_dev, label_set,
                gpu_id, settings, train_words, min_steps)
    summary = summarise(runs, label_set, tallies)
    summary["real_dev_cables"] = {name: table["all"].get("cables") for name, table in summary["evaluations"].items()
                                  if table["all"].get("cables")}
    summary["per_cable"] = {str(seed): per_seed for seed, per_seed in tallies.items()}
    if baseline is not None:
        summary["against_baseline"] = compare_with(summary, srsly.read_json(baseline), label_set)
        summary["baseline"] = str(baseline)
    markdown = summary_markdown(summary, label_set)
    write_text_atomically(metrics_path, srsly.json_dumps(summary, indent=2))
    write_text_atomically(metrics_path.with_suffix(".md"), markdown)
    print(markdown)
    for name, per_label in summary.get("against_baseline", {}).items():
        for label, (difference, low, high) in per_label.items():
            msg.text(f"{name} {label}: {difference:+.3f} against {baseline} (95% interval over cables {low:+.3f} to {high:+.3f})")
    msg.good(f"Saved {metrics_path} and {metrics_path.with_suffix('.md')}; pipelines in {output_dir}")


def train_and_score(config_path: Path, model_dir: Path, seed: int, corpus_dir: Path, vectors: str, real_dev: Optional[Path],
                    label_set: List[str], gpu_id: int, settings: List[str], train_words: int,
                    min_steps: int) -> Tuple[Dict[str, Scores], Dict[str, CableTallies]]:
    """Train one seed; its best model's F1 on the gold test cables (and the real cables), and the real cables' counts."""
    msg.divider(f"Seed {seed}")
    overrides = {"paths.train": str(corpus_dir / "train"), "paths.dev": str(corpus_dir / "dev-sample"),
                 "paths.ner_labels": str(corpus_dir / "labels" / "ner.json"),
                 "paths.vectors": vectors, "system.seed": seed, **config_overrides(settings)}
    for key, value in plan_for_config(config_path, overrides, train_words, min_steps).overrides().items():
        overrides.setdefault(key, value)  # a --set value wins
    train(config_path, model_dir, use_gpu=gpu_id, overrides=overrides)
    best = model_dir / "model-best"
    scores = {"gold-test": f1_by_label(evaluate(str(best), corpus_dir / "gold" / "test", use_gpu=gpu_id), label_set)}
    tallies: Dict[str, CableTallies] = {}
    if real_dev is not None:
        for name, per_cable in real_cable_scores(spacy.load(best), real_dev, label_set).items():
            scores[name] = f1_by_label(SpanScores.summed(per_cable.values()).to_dict(label_set), label_set)
            tallies[name] = cable_tallies(per_cable, label_set)
    msg.good(f"Seed {seed}: " + ", ".join(f"{name} F1 {score(found['all'])}" for name, found in scores.items()))
    return scores, tallies


def compare_with(summary: dict, other: dict, labels: List[str]) -> Dict[str, Dict[str, List[float]]]:
    """Per real-cable evaluation and label: this run's mean F1 minus the other's, with its paired interval."""
    compared: Dict[str, Dict[str, List[float]]] = {}
    ours, theirs = summary["per_cable"], other.get("per_cable", {})
    for name in sorted({name for per_seed in ours.values() for name in per_seed}):
        runs = [per_seed[name] for per_seed in ours.values() if name in per_seed]
        baseline = [per_seed[name] for per_seed in theirs.values() if name in per_seed]
        for label in [*labels, "all"]:
            found = paired_difference_interval(runs, baseline, label) if runs and baseline else None
            if found is not None:
                compared.setdefault(name, {})[label] = [round(value, 4) for value in found]
    return compared


def config_overrides(settings: List[str]) -> Dict[str, object]:
    """``--set`` values as config overrides (``SECTION.KEY=VALUE``, the value read as JSON where it parses)."""
    overrides: Dict[str, object] = {}
    for setting in settings:
        key, _, value = setting.partition("=")
        if not value:
            msg.fail(f"--set expects SECTION.KEY=VALUE, got '{setting}'", exits=1)
        try:
            overrides[key] = srsly.json_loads(value)
        except ValueError:
            overrides[key] = value
    return overrides


def real_cable_scores(nlp, real_dev: Path, labels: List[str]) -> Dict[str, Dict[str, SpanScores]]:
    """Each real cable's scores: as they are, in capitals throughout, and without the span rules at inference."""
    runs = {
        "real-dev": score_each_cable(nlp, real_dev, labels),
        "real-dev-capitals": score_each_cable(nlp, real_dev, labels, upper=True),
    }
    if "span_rules" in nlp.pipe_names:
        with nlp.select_pipes(disable=["span_rules"]):
            runs["real-dev-no-span-rules"] = score_each_cable(nlp, real_dev, labels)
    return runs


if __name__ == "__main__":
    typer.run(main)
