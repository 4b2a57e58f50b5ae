"""What analysts query: the SQLite database and the FollowTheMoney export, built from tagged records."""
import re
import sqlite3
from pathlib import Path

import srsly
from followthemoney import model

from cable_ner.aleph import MAX_TEXT, export_collection, text_parts
from cable_ner.collection import cable_record, read_input_cable
from cable_ner.database import QUERIES, build_database
from cable_ner.markup import Span

from conftest import LABELS, PROJECT_DIR

HEADER = "UNCLAS {post} 000{n} \n\nTAGS: PREL {tag}\n\nSUBJECT: {subject}\n\n1. (U) "
CABLES = {  # made-up cables: (name, post, body, names with labels)
    "07NORTHPORT101": ("NORTH PORT", "Ada Trevane met Bo Halvorsen of the Harbour Board .", [("Ada Trevane", "PER"), ("Bo Halvorsen", "PER"), ("Harbour Board", "ORG")]),
    "08NORTHPORT102": ("NORTH PORT", "Trevane and HALVORSEN spoke in Eastmere .\n\n2. (U) Trevane left .", [("Trevane", "PER"), ("HALVORSEN", "PER"), ("Eastmere", "LOC"), ("Trevane", "PER")]),
    "08EASTMERE103": ("EASTMERE", "The Harbour Board and Ada\nTrevane met Westfold officials .", [("Harbour Board", "ORG"), ("Ada\nTrevane", "PER"), ("Westfold", "MISC")]),
}


def write_collection(tmp_path: Path, markup_cable: str = "08EASTMERE103") -> Path:
    """Cables in a folder and the records `tag` would write for them; returns the tagged folder."""
    raw, tagged = tmp_path / "raw", tmp_path / "tagged"
    raw.mkdir(), (tagged / "records").mkdir(parents=True)
    records = []
    for index, (name, (post, body, names)) in enumerate(CABLES.items()):
        text = HEADER.format(post=post, n=index + 101, tag="XX", subject=f"TALKS {index}") + body + "\n"
        spans, start = [], 0
        for surface, label in names:
            start = text.index(surface, start)
            spans.append(Span(start, start + len(surface), label))
            start += len(surface)
        if name == markup_cable:  # this one comes in the tagger's markup
            from cable_ner.markup import write_markup

            (raw / f"{name}.txt").write_text(write_markup(text, spans[:1], closer="  ]"), encoding="utf8")
            tagger_spans = read_input_cable(raw / f"{name}.txt", LABELS).tagger_spans
        else:
            (raw / f"{name}.txt").write_text(text, encoding="utf8")
            tagger_spans = None
        records.append(cable_record(name, f"{name}.txt", text, spans, tagger_spans, "f1ngerprint"))
    srsly.write_jsonl(tagged / "entities.jsonl", records)
    srsly.write_json(tagged / "summary.json", {"input_dir": str(raw), "provenance": {
        "fingerprint": "f1ngerprint", "model": {"name": "en_cable_ner", "version": "1.0.0", "labels": list(LABELS)}}})
    return tagged


def test_the_database_holds_every_cable_and_mention_of_entities_jsonl(tmp_path):
    tagged = write_collection(tmp_path)
    counts = build_database(tagged / "entities.jsonl", tagged / "cables.db", {"fingerprint": "f1ngerprint"})
    records = list(srsly.read_jsonl(tagged / "entities.jsonl"))
    db = sqlite3.connect(tagged / "cables.db")
    assert counts["mentions"] == db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == sum(len(r["entities"]) for r in records) == 10
    assert counts["cables"] == db.execute("SELECT COUNT(*) FROM cables").fetchone()[0] == 3
    assert db.execute("SELECT COUNT(*) FROM tagger_mentions").fetchone()[0] == 1
    row = db.execute("SELECT cable_id, date, date_precision, year, post, tags, input FROM cables WHERE cable = '08EASTMERE103'").fetchone()
    assert row == ("08EASTMERE103", "2008", "year", 2008, "EASTMERE", "PREL XX", "markup")
    assert db.execute("SELECT text, key, paragraph FROM mentions WHERE cable = '08NORTHPORT102' ORDER BY start_char").fetchall()[-1] == ("Trevane", "trevane", 2)
    assert db.execute("SELECT text FROM mentions WHERE key = 'ada trevane' ORDER BY cable").fetchall() == [("Ada Trevane",), ("Ada\nTrevane",)]


def test_the_readme_queries_are_the_library_queries_and_answer_the_questions(tmp_path):
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf8")
    shown = [block.strip() for block in re.findall(r"```sql\n(.*?)```", readme, re.S)]
    assert shown == list(QUERIES.values())
    tagged = write_collection(tmp_path)
    build_database(tagged / "entities.jsonl", tagged / "cables.db")
    db = sqlite3.connect(tagged / "cables.db")
    both = db.execute(QUERIES["co-mentions"], {"first": "trevane", "second": "halvorsen"}).fetchall()
    assert [row[0] for row in both] == ["08NORTHPORT102"]
    by_year = db.execute(QUERIES["a name's cables by year"], {"name": "trevane"}).fetchall()
    assert by_year == [(2008, 1, 2)]
    top = db.execute(QUERIES["the most mentioned names of a post"], {"post": "NORTH PORT"}).fetchall()
    assert top[0] == ("trevane", "PER", 2, 1) and len(top) == 6


def test_every_exported_entity_is_valid_followthemoney_and_names_its_cable(tmp_path):
    tagged = write_collection(tmp_path)
    counts = export_collection(tagged, tmp_path / "aleph.jsonl")
    entities = list(srsly.read_jsonl(tmp_path / "aleph.jsonl"))
    assert counts["documents"] == 3 and counts["skipped"] == []
    for entity in entities:
        schema = model.get(entity["schema"])
        assert set(entity["properties"]) <= set(schema.properties), entity["properties"].keys()
        assert all(entity["properties"].get(name) for name in schema.required)
        assert schema.validate(entity) is None and "." not in entity["id"]
        assert model.get_proxy(entity).to_dict()["properties"] == {k: v for k, v in entity["properties"].items()}
    documents = {e["properties"]["fileName"][0]: e for e in entities if e["schema"] == "PlainText"}
    markup = documents["08EASTMERE103.txt"]["properties"]
    assert "[" not in markup["bodyText"][0] and markup["peopleMentioned"] == ["Ada\u0020Trevane"]  # spacing folded
    assert markup["date"] == ["2008"] and markup["author"] == ["EASTMERE"] and markup["keywords"] == ["PREL", "XX", "UNCLASSIFIED"]
    mentions = [e for e in entities if e["schema"] == "Mention"]
    assert counts["mentions"] == len(mentions) == 3 + 2 + 2  # people and organisations per cable, each name once
    two = [m for m in mentions if m["properties"]["name"] == ["Trevane"]][0]["properties"]
    assert two["document"] == [documents["08NORTHPORT102.txt"]["id"]] and two["detectedSchema"] == ["Person"]


def test_a_cable_changed_since_it_was_tagged_is_reported_not_exported(tmp_path):
    tagged = write_collection(tmp_path)
    (tmp_path / "raw" / "07NORTHPORT101.txt").write_text("another text", encoding="utf8")
    counts = export_collection(tagged, tmp_path / "aleph.jsonl")
    assert counts["documents"] == 2 and [s["cable"] for s in counts["skipped"]] == ["07NORTHPORT101"]
    assert "tag the folder again" in counts["skipped"][0]["reason"]


def test_a_long_cable_text_goes_in_parts_that_join_to_it_and_each_validate():
    text = "".join(f"line {index} of a long cable\n" for index in range(8000)) + "x" * (MAX_TEXT + 10)
    parts = text_parts(text)
    assert "".join(parts) == text and all(len(part) <= MAX_TEXT for part in parts) and len(parts) == 5
    assert all(part.endswith("\n") for part in parts[:2])  # cut after a line end where there is one
    assert model.get("PlainText").validate({"properties": {"bodyText": parts}}) is None
