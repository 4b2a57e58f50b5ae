"""Whole collections on one machine: streaming training, bounded evaluation samples, brackets that
are text in real cables, and no debris from killed runs."""
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.util import load_config

from cable_ner.audit.evaluation import evaluate_split
from cable_ner.corpus import convert_corpus, read_split
from cable_ner.corpus.writer import EvalSample
from cable_ner.markup import Span, cable_files, parse_markup, read_cable_file, write_markup
from cable_ner.outputs import STAGING_PREFIX, remove, staged
from cable_ner.training import ShuffledCorpus, shuffled

from conftest import LABELS, PROJECT_DIR, SAMPLE_DIR, SHARED_DIR

REAL_RAW_DIR = SHARED_DIR / "real-raw" / "raw"


def test_shuffled_hands_out_every_item_once_holding_at_most_the_buffer():
    held = []

    def items():
        for item in range(1000):
            held.append(item)
            yield item

    random.seed(0)
    out = []
    for item in shuffled(items(), 50):
        out.append(item)
        assert len(held) - len(out) <= 50  # read but not yet handed out
    assert sorted(out) == list(range(1000)) and out != list(range(1000))


def test_the_streaming_corpus_reads_every_paragraph_in_a_new_order_each_pass(tmp_path, default_rules):
    convert_corpus(cable_files(SAMPLE_DIR / "silver")[:30], tmp_path, labels=LABELS, rules=default_rules, shard_size=40)
    assert len(list((tmp_path / "train").glob("*.spacy"))) > 3
    nlp = spacy.blank("en")
    expected = sorted(doc.text for doc in read_split(tmp_path / "train", nlp.vocab))
    corpus = ShuffledCorpus(tmp_path / "train", buffer_size=25)
    random.seed(1)
    first = [example.reference.text for example in corpus(nlp)]
    second = [example.reference.text for example in corpus(nlp)]
    assert sorted(first) == sorted(second) == expected
    assert first != second


def test_the_evaluation_sample_is_whole_cables_with_the_smallest_hashes_within_the_bound(tmp_path, default_rules):
    paths = cable_files(SAMPLE_DIR / "silver")[:120]
    report = convert_corpus(paths, tmp_path / "a", labels=LABELS, rules=default_rules, dev_fraction=0.5, eval_words=3000)
    shuffled_paths = list(reversed(paths))
    convert_corpus(shuffled_paths, tmp_path / "b", labels=LABELS, rules=default_rules, dev_fraction=0.5, eval_words=3000)
    vocab = spacy.blank("en").vocab
    sample = read_split(tmp_path / "a" / "dev-sample", vocab)
    assert [doc.text for doc in sample] == [doc.text for doc in read_split(tmp_path / "b" / "dev-sample", vocab)]
    assert 2000 < sum(len(doc) for doc in sample) == report.dev_sample["tokens"] <= 3000
    dev_docs = read_split(tmp_path / "a" / "dev", vocab)
    sampled = {doc.user_data["cable_id"] for doc in sample}
    assert report.dev_sample["cables"] == len(sampled) < report.per_split["dev"]["cables"]
    for cable in sampled:  # whole cables
        assert [d.text for d in sample if d.user_data["cable_id"] == cable] == [d.text for d in dev_docs if d.user_data["cable_id"] == cable]


def test_the_evaluation_sample_keeps_the_smallest_hashes_whatever_the_order():
    from cable_ner.corpus.docbin import PackedDocs
    import numpy

    def docs(n_tokens):
        return PackedDocs(numpy.zeros((n_tokens, 3)), numpy.zeros((n_tokens, 1)), [n_tokens], [b""], set())

    cables = [(f"{random.Random(i).getrandbits(160):040x}", random.Random(i).randint(1, 30)) for i in range(200)]
    samples = []
    for order in range(10):
        random.Random(order).shuffle(cables)
        sample = EvalSample(max_words=300)
        for digest, size in cables:
            sample.offer(digest, docs(size))
        samples.append([len(packed.tokens) for packed in sample.cables()])
        assert sample.words <= 300
    by_hash = sorted(cables)
    prefix, total = [], 0
    for _, size in by_hash:
        if total + size > 300:
            break
        prefix.append(size)
        total += size
    assert all(sample == prefix for sample in samples)


def test_conversion_writes_the_label_data_training_starts_from(tmp_path, default_rules):
    report = convert_corpus(cable_files(SAMPLE_DIR / "silver")[:20], tmp_path, labels=LABELS, rules=default_rules)
    labels = report.ner_labels(LABELS)
    train = read_split(tmp_path / "train", spacy.blank("en").vocab)
    tokens = {label: sum(len(e) for d in train for e in d.ents if e.label_ == label) for label in LABELS}
    assert labels["1"] == labels["2"] == labels["3"] == tokens
    assert labels["4"] == {**tokens, "": 1} and labels["5"] == {"": 1} and labels["0"] == {}


def test_streaming_training_reaches_the_same_kind_of_model_as_training_in_memory(tmp_path, default_rules):
    corpus = tmp_path / "corpus"
    report = convert_corpus(cable_files(SAMPLE_DIR / "silver")[:60], corpus, labels=LABELS, rules=default_rules,
                            dev_fraction=0.15, test_fraction=0.15, eval_words=0)
    (corpus / "labels").mkdir()
    srsly.write_json(corpus / "labels" / "ner.json", report.ner_labels(LABELS))
    from spacy.cli.train import train

    import cable_ner.training  # noqa: F401 (registers the reader the config names)

    config = load_config(PROJECT_DIR / "configs" / "efficiency.cfg")
    assert config["training"]["max_epochs"] == -1 and config["corpora"]["train"]["@readers"] == "cable_ner.shuffled_corpus.v1"
    in_memory = load_config(PROJECT_DIR / "configs" / "efficiency.cfg")
    in_memory["training"]["max_epochs"] = 0
    in_memory["corpora"]["train"] = {"@readers": "spacy.Corpus.v1", "path": "${paths.train}",
                                     "augmenter": dict(config["corpora"]["train"]["augmenter"])}
    del in_memory["initialize"]["components"]["ner"]  # labels from a scan of the whole corpus, as spaCy does
    in_memory.to_disk(tmp_path / "in_memory.cfg")
    overrides = {"paths.train": str(corpus / "train"), "paths.dev": str(corpus / "dev-sample"), "paths.vectors": None,
                 "paths.ner_labels": str(corpus / "labels" / "ner.json"),
                 "components.tok2vec.model.embed.include_static_vectors": False,
                 "training.max_steps": 300, "training.eval_frequency": 100,
                 # the learning rate as in the first 300 of the config's 2,000 steps or more, not decayed to 0 in 300
                 "training.optimizer.learn_rate.warmup_steps": 30, "training.optimizer.learn_rate.total_steps": 2000}
    scores = {}
    for name, path in (("streaming", PROJECT_DIR / "configs" / "efficiency.cfg"), ("in memory", tmp_path / "in_memory.cfg")):
        train(path, tmp_path / name, overrides=overrides)
        nlp = spacy.load(tmp_path / name / "model-best")
        assert set(nlp.get_pipe("ner").labels) == set(LABELS)
        scores[name] = evaluate_split(nlp, corpus / "test")["ents_f"]
    assert scores["streaming"] > 0.6 and scores["in memory"] > 0.6
    assert abs(scores["streaming"] - scores["in memory"]) < 0.12


def test_a_killed_conversion_leaves_nothing_after_the_next_run(tmp_path):
    out = tmp_path / "corpus"
    command = [sys.executable, str(PROJECT_DIR / "scripts" / "convert.py"), str(SAMPLE_DIR / "silver"), str(out),
               "--rules", "default", "-n", "1", "--shard-size", "50"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(f"{STAGING_PREFIX}*/train/*.spacy")):
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert list(out.glob(f"{STAGING_PREFIX}*")), "the run was killed before it staged anything"
    assert subprocess.run(command, capture_output=True).returncode == 0
    assert not list(out.glob(f"{STAGING_PREFIX}*")) and (out / "train").is_dir()


def test_clean_and_the_next_step_remove_what_killed_runs_left_but_not_a_live_runs(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f"{STAGING_PREFIX}{dead.pid}-abc"
    (left / "train").mkdir(parents=True)
    legacy = tmp_path / f"{STAGING_PREFIX}old-train"
    legacy.mkdir()
    live = tmp_path / f"{STAGING_PREFIX}{os.getppid()}-xyz"
    live.mkdir()
    with staged(tmp_path, ["x"]) as staging:
        (staging / "x").write_text("x")
    assert not left.exists() and not legacy.exists() and live.exists()
    (left / "train").mkdir(parents=True)
    removed = remove([tmp_path / "x"])
    assert left in removed and not left.exists() and live.exists()


def insert_markup(text: str, rng: random.Random) -> list:
    """Entities over some capitalised words, over every word that touches a bracket that is text,
    and over some short bracketed insertions whole."""
    import re

    spans = []
    for match in re.finditer(r"\[[^\[\]\n]{1,30}\]|[A-Z][a-z]{2,}", text):
        word = match.group()
        touches = text[max(0, match.start() - 1) : match.start()] == "[" or text[match.end() : match.end() + 1] == "]"
        if word.startswith("[") and rng.random() < 0.5 or touches or rng.random() < 0.15:
            if not spans or match.start() >= spans[-1].end:
                spans.append(Span(match.start(), match.end(), rng.choice(LABELS)))
    return spans


@pytest.mark.skipif(not REAL_RAW_DIR.is_dir(), reason=f"the real raw cables are not here ({REAL_RAW_DIR} is absent)")
def test_every_real_raw_cable_converts_as_it_is_and_with_markup_around_its_brackets(tmp_path, default_rules):
    paths = cable_files(REAL_RAW_DIR)
    assert len(paths) >= 1000
    as_is = convert_corpus(paths, tmp_path / "as-is", labels=LABELS, rules=default_rules, n_process=2)
    assert as_is.failures == []
    assert len(as_is.text_brackets) >= 20  # the collection has brackets that are text, and they were kept
    marked_dir = tmp_path / "marked"
    marked_dir.mkdir()
    rng = random.Random(0)
    entities = bracket_neighbours = 0
    for path in paths:
        text = read_cable_file(path).text
        spans = insert_markup(text, rng)
        entities += len(spans)
        bracket_neighbours += sum("[" in text[s.start - 1 : s.end + 1] or "]" in text[s.start - 1 : s.end + 1] for s in spans)
        markup = write_markup(text, spans, closer="  ]")
        parsed = parse_markup(markup)
        assert parsed.text == text and parsed.spans == spans
        (marked_dir / path.name).write_text(markup, encoding="utf8")
    assert bracket_neighbours >= 40
    marked = convert_corpus(cable_files(marked_dir), tmp_path / "marked-out", labels=LABELS, rules=[], n_process=2)
    assert marked.failures == []
    assert sum(marked.ledger.read.values()) == entities
    assert marked.text_brackets == as_is.text_brackets
