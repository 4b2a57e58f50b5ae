"""Benchmark whether training learns from a whole collection, whatever order its file names sort in.

Usage: python scripts/benchmark_mix.py [--n-cables 5000] [--seed 21]
It generates N synthetic cables whose names sort by a property that shifts the text (the first
half, in name order, written in capitals throughout; the second half as written) and the same
cables under names that sort in no such order (a hash). Both are converted and trained with
the default config and budget (scripts/train.py, in parallel), then each model is scored on the
held-out gold test cables of each half. Prints the shares of each half in every training shard
and the scores; asserts nothing. Target: the model trained under the sorted names within 0.02
of the other on each half, and every shard's share of each half within 5 points of the whole.
"""
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Tuple

if __package__ in (None, ""):  # run as `python scripts/benchmark_mix.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import typer
from wasabi import msg

from cable_ner.sample import generate_corpus
from cable_ner.training import capitals
from scripts.common import Opt

PROJECT_DIR = Path(__file__).resolve().parent.parent
CAPITALS, AS_WRITTEN = "capitals", "as written"


def write_collection(folder: Path, n_cables: int, seed: int) -> Dict[str, Dict[str, str]]:
    """Both namings of one collection under folder/sorted and folder/hashed (silver/ and gold/ each).

    RETURNS: for each naming, file stem -> half (capitals or as written).
    """
    halves: Dict[str, Dict[str, str]] = {"sorted": {}, "hashed": {}}
    for index, (_, silver, gold) in enumerate(generate_corpus(n_cables, seed)):
        half = CAPITALS if index < n_cables // 2 else AS_WRITTEN
        if half == CAPITALS:
            silver, gold = capitals(silver), capitals(gold)
        names = {"sorted": f"{'A' if half == CAPITALS else 'B'}{index:06d}",
                 "hashed": hashlib.sha1(f"{seed}-{index}".encode()).hexdigest()[:12]}
        for naming, name in names.items():
            for kind, text in (("silver", silver), ("gold", gold)):
                path = folder / naming / kind / f"{name}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf8")
            halves[naming][name] = half
    return halves


def shard_shares(corpus: Path, halves: Dict[str, str]) -> Tuple[List[float], float]:
    """The share of cables in capitals in each training shard, in shard order, and in the whole training split."""
    import srsly
    from spacy.tokens import DocBin

    shares, in_capitals, cables_in_train = [], 0, 0
    for shard in sorted((corpus / "train").glob("*.spacy")):
        cables = {srsly.msgpack_loads(data)["cable_id"] for data in DocBin(store_user_data=True).from_disk(shard).user_data}
        capital = sum(halves[cable] == CAPITALS for cable in cables)
        shares.append(capital / max(len(cables), 1))
        in_capitals, cables_in_train = in_capitals + capital, cables_in_train + len(cables)
    return shares, in_capitals / max(cables_in_train, 1)


def scores_by_half(model: Path, gold_test: Path, halves: Dict[str, str]) -> Dict[str, float]:
    """Micro-F1 of the model on the gold test cables of each half."""
    import spacy

    import cable_ner.components  # noqa: F401 (registers the components the model uses)
    from cable_ner.audit.evaluation import entity_spans, predicted_and_reference
    from cable_ner.audit.scores import SpanScores
    from cable_ner.shards import iter_split

    nlp = spacy.load(model)
    scores = {CAPITALS: SpanScores(), AS_WRITTEN: SpanScores()}
    for predicted, reference in predicted_and_reference(nlp, iter_split(gold_test, nlp.vocab)):
        scores[halves[reference.user_data["cable_id"]]].add(entity_spans(reference), entity_spans(predicted))
    return {half: round(tally.overall().f, 4) for half, tally in scores.items()}


# fmt: off
def main(
    n_cables: int = Opt(5000, "--n-cables", "-n", help="Cables in the collection (half in capitals)"),
    seed: int = Opt(21, "--seed", help="Generator seed"),
    vectors: str = Opt("corpus/knowledge_vectors", "--vectors", help="Knowledge vectors (spacy project run build-vectors)"),
    config: Path = Opt(Path("configs/efficiency.cfg"), "--config", help="Training config"),
    output: Path = Opt(Path("metrics/benchmark-mix.json"), "--output", help="JSON file for the figures"),
):
    # fmt: on
    """Train on one collection under sorted and under hashed names; print the shard mix and the scores per half."""
    results: dict = {"n_cables": n_cables, "seed": seed}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        msg.info(f"Generating {n_cables:,} synthetic cables, half of them in capitals ...")
        halves = write_collection(folder, n_cables, seed)
        trainings = {}
        for naming in ("sorted", "hashed"):
            corpus = folder / f"corpus-{naming}"
            for kind, out in (("silver", corpus), ("gold", corpus / "gold")):
                options = ["--rules", "default"] if kind == "silver" else ["--rules", "none", "--translate-labels", "yes"]
                subprocess.run([sys.executable, "-m", "scripts.convert", str(folder / naming / kind), str(out), *options],
                               cwd=PROJECT_DIR, check=True, stdout=subprocess.DEVNULL)
            shares, whole = shard_shares(corpus, halves[naming])
            results[f"{naming}_shard_shares"] = [round(share, 3) for share in shares]
            results[f"{naming}_train_share"] = round(whole, 3)
            msg.info(f"{naming} names: share in capitals per training shard {', '.join(f'{s:.3f}' for s in shares)} "
                     f"(whole training split {whole:.3f})")
            trainings[naming] = subprocess.Popen(
                [sys.executable, "-m", "scripts.train", str(config), str(folder / f"model-{naming}"),
                 "--paths.train", str(corpus / "train"), "--paths.dev", str(corpus / "dev-sample"),
                 "--paths.ner_labels", str(corpus / "labels" / "ner.json"), "--paths.vectors", vectors,
                 "--report", str(folder / f"training-{naming}.json")],
                cwd=PROJECT_DIR, stdout=subprocess.DEVNULL)
        msg.info("Training both models (in parallel) ...")
        for naming, process in trainings.items():
            if process.wait() != 0:
                msg.fail(f"Training on the {naming} names failed", exits=1)
            results[f"{naming}_training"] = json.loads((folder / f"training-{naming}.json").read_text())
            results[f"{naming}_scores"] = scores_by_half(folder / f"model-{naming}" / "model-best",
                                                         folder / f"corpus-{naming}" / "gold" / "test", halves[naming])
    rows = [(naming, results[f"{naming}_scores"][CAPITALS], results[f"{naming}_scores"][AS_WRITTEN],
             f"{results[f'{naming}_training']['cables_seen']:,} / {results[f'{naming}_training']['cables_in_train']:,}")
            for naming in ("sorted", "hashed")]
    msg.table(rows, header=("names", f"F1 {CAPITALS}", f"F1 {AS_WRITTEN}", "cables seen"), divider=True)
    gaps = [abs(results["sorted_scores"][half] - results["hashed_scores"][half]) for half in (CAPITALS, AS_WRITTEN)]
    worst = max(abs(share - results[f"{naming}_train_share"]) for naming in ("sorted", "hashed")
                for share in results[f"{naming}_shard_shares"])
    msg.text(f"Target: sorted within 0.02 of hashed on each half: {'met' if max(gaps) <= 0.02 else 'NOT met'} "
             f"(largest gap {max(gaps):.3f}); every shard within 5 points of the whole: "
             f"{'met' if worst <= 0.05 else 'NOT met'} (largest {worst * 100:.1f} points)")
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=2))
    msg.good(f"Saved {output}")


if __name__ == "__main__":
    typer.run(main)
