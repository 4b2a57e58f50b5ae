"""The training budget: how long training runs, from the size of the corpus and a word budget.

A fixed number of steps reads a small corpus many times and a large one in part: 2,000 steps of
the compounding batcher read about 0.64M words, 8% of 5,000 real cables and 0.4% of the
Cablegate release. Training here reads every training cable at least once instead, a small
corpus several times (at least ``min_steps`` updates), and stops at a word budget
(``--train-words``, ``--vars.train_words``) that keeps the largest collections trainable in
bounded time. The learning rate warms up and decays to zero over the steps this gives
(``[training.optimizer.learn_rate]``, ``total_steps = ${training.max_steps}``).

Each split folder carries ``size.json`` (cables, docs, tokens; written by the corpus writer), so
the budget is known without reading a shard.
"""
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Dict, Iterable, Optional

import srsly
from thinc.api import Config

from .shards import shard_files

SIZE_FILE = "size.json"
# Evaluations on the dev sample in one training run: each costs seconds, so a long run evaluates
# no more often than this (and never more often than every MIN_EVAL_FREQUENCY steps).
EVALUATIONS_PER_RUN = 12
MIN_EVAL_FREQUENCY = 200
# spaCy's word batcher closes a batch before the paragraph that would overflow it: on cable
# paragraphs its batches hold about 87% of their nominal size (measured on the sample), so a
# pass over the corpus takes that many more steps than its words alone say.
BATCH_FILL = 0.85


@dataclass
class SplitSize:
    """Cables, paragraph Docs and tokens of a split folder."""

    cables: int = 0
    docs: int = 0
    tokens: int = 0

    def __add__(self, other: "SplitSize") -> "SplitSize":
        return SplitSize(self.cables + other.cables, self.docs + other.docs, self.tokens + other.tokens)


def write_split_size(folder: Path, size: SplitSize) -> None:
    srsly.write_json(Path(folder) / SIZE_FILE, asdict(size))


def read_split_size(folder: Path) -> SplitSize:
    """The size of a split folder, from its ``size.json`` (or, in a folder without one, its shards)."""
    folder = Path(folder)
    if (folder / SIZE_FILE).is_file():
        return SplitSize(**srsly.read_json(folder / SIZE_FILE))
    from spacy.tokens import DocBin  # a folder made by hand: count its shards once

    size, cables = SplitSize(), set()
    for shard in shard_files(folder):
        doc_bin = DocBin(store_user_data=True).from_disk(shard)
        size.docs += len(doc_bin)
        size.tokens += sum(len(tokens) for tokens in doc_bin.tokens)
        for data in doc_bin.user_data:
            cables.add(srsly.msgpack_loads(data).get("cable_id") if data else None)
    size.cables = len(cables - {None}) or size.docs
    return size


def words_in_steps(steps: int, start: float, stop: float, compound: float) -> float:
    """Words the compounding word batcher hands out in ``steps`` batches (batch i holds start * compound**i, at most stop)."""
    if compound <= 1.0 or start >= stop:
        return steps * min(start, stop)
    ramp = min(steps, math.ceil(math.log(stop / start) / math.log(compound)))  # batches before the size reaches stop
    return start * (compound**ramp - 1) / (compound - 1) + (steps - ramp) * stop


def steps_for_words(words: float, start: float, stop: float, compound: float) -> int:
    """The fewest batches of the compounding word batcher that hand out ``words`` words.

    >>> steps_for_words(638_000, 100, 1000, 1.001), steps_for_words(8_600_000, 100, 1000, 1.001)
    (2000, 10004)
    """
    low, high = 0, 1
    while words_in_steps(high, start, stop, compound) < words:
        high *= 2
    while low < high:  # words_in_steps grows with steps: the first step count that reaches words
        middle = (low + high) // 2
        if words_in_steps(middle, start, stop, compound) >= words:
            high = middle
        else:
            low = middle + 1
    return low


@dataclass
class TrainingPlan:
    """How long one training run goes, and why."""

    cables_in_train: int
    corpus_words: int  # tokens of the training split(s)
    words_per_pass: int  # with the augmenter's copies
    budget_words: int  # the user's cap (0: none)
    planned_words: int  # nominal batch sizes added up (a batch holds about BATCH_FILL of its size)
    max_steps: int
    eval_frequency: int
    passes: float  # planned words / words of one pass

    def overrides(self) -> Dict[str, int]:
        return {"training.max_steps": self.max_steps, "training.eval_frequency": self.eval_frequency}


def plan_training(config: Config, train_folders: Iterable[Optional[Path]], train_words: int, min_steps: int) -> TrainingPlan:
    """The steps for one pass over the training folders, at least ``min_steps``, at most ``train_words`` words.

    config: the training config with its overrides (its batcher's compounding sizes and the
        upper-case augmenter's level, whose copies are words the model reads too).
    train_words: the word budget; 0 for none (every cable once, however long that takes).
    """
    size = SplitSize()
    for folder in train_folders:
        if folder is not None:
            size = size + read_split_size(folder)
    batch = config["training"]["batcher"]["size"]
    if isinstance(batch, dict):
        start, stop, compound = float(batch["start"]), float(batch["stop"]), float(batch.get("compound", 1.0))
    else:  # a constant batch size
        start = stop = float(batch)
        compound = 1.0
    augmenter = config["corpora"]["train"].get("augmenter") or {}
    level = float(augmenter.get("level", 0.0)) if isinstance(augmenter, dict) else 0.0
    words_per_pass = int(size.tokens * (1 + level))
    floor = words_in_steps(min_steps, start, stop, compound)
    planned = max(words_per_pass / BATCH_FILL, floor)
    if train_words > 0:
        planned = min(planned, max(train_words, floor))
    steps = max(min_steps, steps_for_words(planned, start, stop, compound))
    eval_frequency = max(MIN_EVAL_FREQUENCY, steps // EVALUATIONS_PER_RUN)
    return TrainingPlan(
        cables_in_train=size.cables, corpus_words=size.tokens, words_per_pass=words_per_pass, budget_words=train_words,
        planned_words=int(words_in_steps(steps, start, stop, compound)), max_steps=steps, eval_frequency=eval_frequency,
        passes=round(words_in_steps(steps, start, stop, compound) * BATCH_FILL / max(words_per_pass, 1), 2),
    )


def plan_for_config(config_path: Path, overrides: Dict[str, object], train_words: int, min_steps: int) -> TrainingPlan:
    """:func:`plan_training` for a config file with its overrides (``paths.train``, ``paths.also_train``)."""
    from spacy.util import load_config

    config = load_config(config_path, overrides=overrides, interpolate=True)
    folders = [config["paths"].get("train"), config["paths"].get("also_train")]
    return plan_training(config, [Path(folder) for folder in folders if folder], train_words, min_steps)


def training_report(plan: TrainingPlan, words_seen: int, cables_seen: int, seconds: float, steps: Optional[int] = None) -> dict:
    """What ``metrics/training.json`` holds: the plan, what reached the model, and how long it took.

    steps: the steps training was given, where they differ from the plan's (a user's max_steps).
    """
    return {
        "words_seen": words_seen, "cables_seen": cables_seen, "cables_in_train": plan.cables_in_train,
        "share_of_cables_seen": round(cables_seen / plan.cables_in_train, 4) if plan.cables_in_train else None,
        "steps": plan.max_steps if steps is None else steps, "planned_steps": plan.max_steps, "train_words_budget": plan.budget_words, "corpus_words": plan.corpus_words,
        "planned_words": plan.planned_words, "planned_passes": plan.passes, "seconds": round(seconds, 1),
        "words_per_second": round(words_seen / seconds) if seconds > 0 else None,
    }
