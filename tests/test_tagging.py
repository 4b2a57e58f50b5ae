"""Tagging a collection: the parts that need no trained model (the end-to-end run tags with one)."""
import random

import spacy
from spacy.tokens import Span as SpacySpan

from cable_ner.markup import Span
from cable_ner.tagging import TopNames, batches_of, entity_spans


def test_top_names_keeps_the_most_frequent_names_in_bounded_memory():
    rng = random.Random(0)
    top = TopNames(capacity=50)
    mentions = [f"rare {i}" for i in range(20_000)] + ["Lima"] * 900 + ["Quito"] * 600 + ["Bogota"] * 300
    rng.shuffle(mentions)
    for name in mentions:
        top.add(name)
        assert len(top.counts) <= 2 * top.capacity
    found = top.top(3)
    assert [name for name, _ in found] == ["Lima", "Quito", "Bogota"]
    assert 900 - 100 <= found[0][1] <= 900  # short by at most what it had when last pruned


def test_entity_spans_never_start_or_end_in_whitespace():
    nlp = spacy.blank("en")
    doc = nlp("talks with Western \n officials in Lima")
    doc.ents = [SpacySpan(doc, 2, 4, label="MISC"), SpacySpan(doc, 6, 7, label="LOC")]  # "Western \n"
    assert entity_spans(doc) == [Span(11, 18, "MISC"), Span(34, 38, "LOC")]
    assert doc.text[11:18] == "Western" and doc.text[34:38] == "Lima"


def test_batches_hold_at_most_so_many_cables_and_so_much_text(tmp_path):
    paths = []
    for index, length in enumerate([10, 10, 10, 10, 90, 10, 200, 10]):
        paths.append(tmp_path / f"{index}.txt")
        paths[-1].write_text("x" * length)
    batches = list(batches_of(paths, size=3, max_bytes=100))
    assert [[int(p.stem) for p in batch] for batch in batches] == [[0, 1, 2], [3, 4], [5], [6], [7]]


def test_every_mention_carries_a_name_key_and_the_top_names_count_by_it(tmp_path):
    from cable_ner.tagging import CollectionSummary, cable_record

    (tmp_path / "a.txt").write_text("[PER KARZAI ] met [PER Karzai ] and [PER Karzai\n] and [LOC Kabul ] .\n", encoding="utf8")
    record = cable_record("a", tmp_path / "a.txt", ["PER", "ORG", "LOC", "MISC"])
    assert [(e["text"], e["key"]) for e in record["entities"]] == [
        ("KARZAI", "karzai"), ("Karzai", "karzai"), ("Karzai", "karzai"), ("Kabul", "kabul")]
    summary = CollectionSummary()
    summary.add(record)
    names = summary.to_dict()["most_frequent_names"]
    assert names["PER"] == [{"name": "karzai", "mentions": 3}] and names["LOC"] == [{"name": "kabul", "mentions": 1}]


def test_a_folder_tagged_by_another_pipeline_is_stale_and_names_what_it_replaces(tmp_path):
    import os
    import time

    from cable_ner.tagging import cables_to_tag, start_provenance

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir(), out.mkdir()
    (raw / "a.txt").write_text("Lima", encoding="utf8")
    (out / "a.txt").write_text("[LOC Lima  ]", encoding="utf8")
    past = time.time() - 100
    os.utime(raw / "a.txt", (past - 100, past - 100))
    os.utime(out / "a.txt", (past, past))
    first, replaced = start_provenance(out, {"fingerprint": "one", "model": {"name": "en_a", "version": "1"}})
    assert replaced is None and cables_to_tag(raw, out, [raw / "a.txt"], False, first["outputs_since"]) == [raw / "a.txt"]
    os.utime(out / "a.txt", None)  # tagged again by pipeline "one": up to date
    again, replaced = start_provenance(out, {"fingerprint": "one", "model": {"name": "en_a", "version": "1"}})
    assert replaced is None and again["outputs_since"] == first["outputs_since"]
    assert cables_to_tag(raw, out, [raw / "a.txt"], False, again["outputs_since"]) == []
    time.sleep(0.01)
    other, replaced = start_provenance(out, {"fingerprint": "two", "model": {"name": "en_a", "version": "2"}})
    assert replaced["fingerprint"] == "one" and other["outputs_since"] > again["outputs_since"]
    assert cables_to_tag(raw, out, [raw / "a.txt"], False, other["outputs_since"]) == [raw / "a.txt"]
