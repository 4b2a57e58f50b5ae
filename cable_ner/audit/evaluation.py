"""Scoring trained pipelines: on held-out Docs, on raw cables against gold markup, side by side."""
import time
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from ..corpus_report import corpus_origin
from ..training import capitals
from ..shards import iter_split
from ..markup import Span, read_cable_file
from ..sample.page import TEXT_FORMS
from .scores import SpanScores


def entity_spans(doc: Doc) -> List[Span]:
    """A Doc's entities as character offsets."""
    return [Span(entity.start_char, entity.end_char, entity.label_) for entity in doc.ents]


def predicted_and_reference(nlp: Language, references: Iterable[Doc], batch_size: int = 64) -> Iterable[Tuple[Doc, Doc]]:
    """Each reference Doc with the pipeline's Doc of its text, in order, ``batch_size`` at a time."""
    return ((predicted, reference) for predicted, reference in
            nlp.pipe(((doc.text, doc) for doc in references), as_tuples=True, batch_size=batch_size))


def evaluate_split(nlp: Language, path: Path, batch_size: int = 64) -> dict:
    """Exact-match entity scores of ``nlp`` on a folder of ``.spacy`` shards, streamed shard by shard.

    The pipeline reads each Doc's text, as ``spacy evaluate`` does, and entities match by
    character offsets and label. RETURNS (dict): ``spacy evaluate``'s keys (``ents_p``, ``ents_r``,
    ``ents_f``, ``ents_per_type``, ``speed`` in words/s; None where nothing was scored), and
    ``docs``, ``words`` and the per-label counts (``tp``, ``fp``, ``fn``). Memory holds one
    shard and one batch, however many Docs the folder has.
    """
    scores = SpanScores()
    docs = words = 0
    started = time.perf_counter()
    for predicted, reference in predicted_and_reference(nlp, iter_split(path, nlp.vocab), batch_size):
        scores.add(entity_spans(reference), entity_spans(predicted))
        docs += 1
        words += len(reference)
    seconds = time.perf_counter() - started
    overall = scores.overall().to_dict()
    labels = sorted(label for label, tally in scores.per_label.items() if tally.tp + tally.fp + tally.fn)
    per_type = {label: scores.per_label[label].to_dict() for label in labels}
    return {
        "ents_p": overall["p"], "ents_r": overall["r"], "ents_f": overall["f"],
        "ents_per_type": {label: {key: counts[key] for key in "prf"} for label, counts in per_type.items()},
        "speed": round(words / seconds) if seconds > 0 else None,
        "docs": docs, "words": words,
        "counts": {"all": {key: overall[key] for key in ("tp", "fp", "fn")},
                   **{label: {key: counts[key] for key in ("tp", "fp", "fn")} for label, counts in per_type.items()}},
    }


def score_pipeline_on_cables(nlp: Language, data_dir: Path, labels: Sequence[str], upper: bool = False,
                             text_form: str = "lf") -> SpanScores:
    """Exact-match scores of ``nlp`` on every gold cable in ``data_dir/gold``, summed over the cables.

    upper (bool): score on the cables written in capitals throughout, as many older cables are
        (characters whose capital is longer, like ß, are left as they are so offsets hold).
    text_form (str): the form the model reads each cable in, its gold spans moved with it:
        ``lf`` (as stored), ``crlf`` or ``page`` (the tagger's HTML page: :mod:`cable_ner.sample.page`).
    """
    return SpanScores.summed(score_each_cable(nlp, data_dir, labels, upper, text_form).values())


def score_each_cable(nlp: Language, data_dir: Path, labels: Sequence[str], upper: bool = False,
                     text_form: str = "lf") -> Dict[str, SpanScores]:
    """Each gold cable's exact-match scores (cable file name -> scores), for resampling the cables."""
    as_form = TEXT_FORMS[text_form]
    gold_paths = sorted((data_dir / "gold").glob("*.txt"))
    if not gold_paths:
        raise FileNotFoundError(f"No gold cables in {data_dir / 'gold'}")
    per_cable: Dict[str, SpanScores] = {}
    for path in gold_paths:
        gold = read_cable_file(path, labels)
        raw_path = data_dir / "raw" / path.name
        if raw_path.exists() and raw_path.read_text(encoding="utf8") != gold.text:
            raise ValueError(f"{raw_path}: the raw text differs from the gold file's text without markup")
        text, gold_spans = as_form(capitals(gold.text) if upper else gold.text, gold.spans)
        doc = nlp(text)
        if doc.text != text:
            raise ValueError(f"{path}: the pipeline changed the text it was given; offsets would not index it")
        predicted: List[Span] = [Span(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels]
        scores = SpanScores()
        scores.add(gold_spans, predicted)
        per_cable[path.name] = scores
    return per_cable


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



def describe_columns(abouts: Sequence[str], corpus_report: Path) -> List[str]:
    """What each score column scores, from ``NAME=TEXT`` pairs whose TEXT may name ``{test_cables}``
    (how many held-out test cables the conversion made) and ``{cables}`` (the folder they came
    from, and whether it is the shipped synthetic sample or the user's own cables)."""
    origin = corpus_origin(corpus_report)
    kind = "the shipped synthetic sample" if origin["synthetic"] else "your own cables"
    values = {"test_cables": origin["test_cables"], "cables": f"{origin['input_dir']} ({kind})"}
    lines = []
    for item in abouts:
        name, _, text = item.partition("=")
        if not text:
            raise ValueError(f"Expected NAME=TEXT, got {item!r}")
        lines.append(f"- **{name}**: {text.format(**values)}")
    return lines
