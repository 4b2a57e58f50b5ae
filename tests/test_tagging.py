"""Tagging a collection: the parts that need no trained model (the end-to-end run tags with one)."""
import random

import spacy
from spacy.tokens import Span as SpacySpan

from cable_ner.markup import Span
from conftest import LABELS
from cable_ner.collection import TopNames
from cable_ner.tagging import batches_of, entity_spans


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


def test_every_mention_carries_a_name_key_and_the_top_names_count_by_it():
    from cable_ner.collection import CollectionSummary, cable_record

    text = "HALVORSEN met Halvorsen and Halvorsen\n and Northport .\n"
    spans = [Span(0, 9, "PER"), Span(14, 23, "PER"), Span(28, 37, "PER"), Span(43, 52, "LOC")]
    record = cable_record("a", "a.txt", text, spans, None)
    assert [(e["text"], e["key"]) for e in record["entities"]] == [
        ("HALVORSEN", "halvorsen"), ("Halvorsen", "halvorsen"), ("Halvorsen", "halvorsen"), ("Northport", "northport")]
    summary = CollectionSummary()
    summary.add(record)
    names = summary.to_dict()["most_frequent_names"]
    assert names["PER"] == [{"name": "halvorsen", "mentions": 3}] and names["LOC"] == [{"name": "northport", "mentions": 1}]


def test_a_cable_in_the_tagger_markup_is_read_without_it_and_keeps_the_tagger_entities(tmp_path):
    from cable_ner.collection import cable_record, read_input_cable

    (tmp_path / "markup.txt").write_text("[PER Halvorsen  ] met [ORG Trevane Group  ] in [LOC Northport  ] .\n", encoding="utf8")
    (tmp_path / "raw.txt").write_text("\ufeffTrevane [NAME REMOVED] said [sic] that [TEXT REMOVED BY EDITOR ] .\n", encoding="utf8")
    cable = read_input_cable(tmp_path / "markup.txt", LABELS)
    assert cable.text == "Halvorsen met Trevane Group in Northport .\n" and not cable.bom
    assert [cable.text[s.start:s.end] for s in cable.tagger_spans] == ["Halvorsen", "Trevane Group", "Northport"]
    raw = read_input_cable(tmp_path / "raw.txt", LABELS)  # brackets that are text: raw text, kept as it is
    assert raw.tagger_spans is None and raw.bom and raw.text.startswith("Trevane [NAME REMOVED]")
    record = cable_record("markup", "markup.txt", cable.text, [Span(0, 9, "PER")], cable.tagger_spans)
    assert record["input"] == "markup" and [e["label"] for e in record["tagger_entities"]] == ["PER", "ORG", "LOC"]
    assert record["entities"] == [{"start": 0, "end": 9, "label": "PER", "text": "Halvorsen", "key": "halvorsen", "paragraph": 0}]


def test_a_folder_tagged_by_another_pipeline_is_stale_and_names_what_it_replaces(tmp_path):
    import os
    import time

    from cable_ner.provenance import start_provenance
    from cable_ner.tagging import cables_to_tag

    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir(), out.mkdir()
    (raw / "a.txt").write_text("Lima", encoding="utf8")
    (out / "records").mkdir()
    (out / "records" / "a.json").write_text("{}", encoding="utf8")
    past = time.time() - 100
    os.utime(raw / "a.txt", (past - 100, past - 100))
    os.utime(out / "records" / "a.json", (past, past))
    first, replaced = start_provenance(out, {"fingerprint": "one", "model": {"name": "en_a", "version": "1"}})
    assert replaced is None and cables_to_tag(raw, out, [raw / "a.txt"], False, first["outputs_since"]) == [raw / "a.txt"]
    os.utime(out / "records" / "a.json", None)  # tagged again by pipeline "one": up to date
    again, replaced = start_provenance(out, {"fingerprint": "one", "model": {"name": "en_a", "version": "1"}})
    assert replaced is None and again["outputs_since"] == first["outputs_since"]
    assert cables_to_tag(raw, out, [raw / "a.txt"], False, again["outputs_since"]) == []
    time.sleep(0.01)
    other, replaced = start_provenance(out, {"fingerprint": "two", "model": {"name": "en_a", "version": "2"}})
    assert replaced["fingerprint"] == "one" and other["outputs_since"] > again["outputs_since"]
    assert cables_to_tag(raw, out, [raw / "a.txt"], False, other["outputs_since"]) == [raw / "a.txt"]
