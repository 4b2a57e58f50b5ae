"""Scoring trained pipelines: on raw cables against gold markup, and `spacy evaluate` outputs side by side."""
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import srsly
from spacy.language import Language

from ..components import capitals
from ..markup import Span, read_cable_file
from .scores import SpanScores


def score_pipeline_on_cables(nlp: Language, data_dir: Path, labels: Sequence[str], upper: bool = False) -> SpanScores:
    """Exact-match scores of ``nlp`` on every gold cable in ``data_dir/gold``.

    upper (bool): score on the cables written in capitals throughout, as many older cables are
        (characters whose capital is longer, like ß, are left as they are so offsets hold).
    """
    scores = SpanScores()
    gold_paths = sorted((data_dir / "gold").glob("*.txt"))
    if not gold_paths:
        raise FileNotFoundError(f"No gold cables in {data_dir / 'gold'}")
    for path in gold_paths:
        gold = read_cable_file(path, labels)
        raw_path = data_dir / "raw" / path.name
        if raw_path.exists() and raw_path.read_text(encoding="utf8") != gold.text:
            raise ValueError(f"{raw_path}: the raw text differs from the gold file's text without markup")
        doc = nlp(capitals(gold.text) if upper else gold.text)
        predicted: List[Span] = [Span(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels]
        scores.add(gold.spans, predicted)
    return scores


def load_scores(named_paths: Sequence[str]) -> List[Tuple[str, dict]]:
    """``name=path`` pairs to (name, evaluate JSON) pairs."""
    loaded = []
    for item in named_paths:
        name, _, path = item.partition("=")
        if not path:
            raise ValueError(f"Expected NAME=PATH, got {item!r}")
        loaded.append((name, srsly.read_json(path)))
    return loaded


def score_rows(scores: Sequence[Tuple[str, dict]], labels: Sequence[str]) -> List[List[object]]:
    """One row per label (and 'all'): P, R, F for each named evaluation; None where there was
    nothing to score (a label with no entity in the data or the predictions), never 0.0."""
    rows: List[List[object]] = []
    for label in [*labels, "all"]:
        row: List[object] = [label]
        for _, data in scores:
            if label == "all":
                entry = {key: data.get(f"ents_{key}") for key in "prf"}
            else:
                per_type: Dict[str, dict] = data.get("ents_per_type") or {}
                entry = per_type.get(label) or {"p": None, "r": None, "f": None}
            row += [None if entry[key] is None else round(entry[key], 3) for key in "prf"]
        rows.append(row)
    return rows

