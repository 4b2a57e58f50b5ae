"""The tagged collection as a SQLite database, for SQL clients, pandas and Datasette.

``tag`` rebuilds it whole from ``entities.jsonl`` at the end of every run (a resumed run
included), streaming, into a staging file that replaces the old one only when complete: its
mention count is always the entities of ``entities.jsonl``, and the two never describe two
states of the collection.

Tables:

- ``cables``: one row per cable: ``cable`` (its id in every output: its path under the input
  folder without ``.txt``), ``cable_id``, ``date`` (ISO, as precise as ``date_precision`` says),
  ``year``, ``post``, ``classification``, ``subject``, ``tags`` (space-separated), ``path``,
  ``length`` (characters), ``input`` (``raw`` or ``markup``), ``pipeline`` (the fingerprint).
- ``cable_tags``: one row per cable and TAGS code.
- ``mentions``: one row per entity the pipeline found: ``cable``, ``start_char``, ``end_char``
  (offsets into the cable's text), ``label``, ``text`` (as written), ``key`` (case and whitespace
  folded: group by it), ``paragraph`` (the cable's paragraph number; 0 is the header).
- ``tagger_mentions``: the same for the entities of cables that came in the tagger's markup.
- ``provenance``: what made the collection (``provenance.json``), as ``key``/``value`` (JSON).

:data:`QUERIES` are the README's examples; a test runs each of them.
"""
import json
import os
import sqlite3
from itertools import islice
from pathlib import Path
from typing import Dict, Iterator, List, Optional

import srsly

from .outputs import staging_file

DATABASE = "cables.db"
SCHEMA = """
CREATE TABLE cables (cable TEXT PRIMARY KEY, cable_id TEXT, date TEXT, date_precision TEXT, year INTEGER,
    post TEXT, classification TEXT, subject TEXT, tags TEXT, path TEXT, length INTEGER, input TEXT, pipeline TEXT);
CREATE TABLE cable_tags (cable TEXT NOT NULL REFERENCES cables (cable), tag TEXT NOT NULL);
CREATE TABLE mentions (cable TEXT NOT NULL REFERENCES cables (cable), start_char INTEGER, end_char INTEGER,
    label TEXT, text TEXT, key TEXT, paragraph INTEGER);
CREATE TABLE tagger_mentions (cable TEXT NOT NULL REFERENCES cables (cable), start_char INTEGER, end_char INTEGER,
    label TEXT, text TEXT, key TEXT, paragraph INTEGER);
CREATE TABLE provenance (key TEXT PRIMARY KEY, value TEXT);
"""
# Built after the rows are in: one sort per index instead of an update per row.
INDEXES = """
CREATE INDEX mentions_by_key ON mentions (key, cable);
CREATE INDEX mentions_by_cable ON mentions (cable, label);
CREATE INDEX mentions_by_label ON mentions (label, key);
CREATE INDEX tagger_mentions_by_key ON tagger_mentions (key, cable);
CREATE INDEX tagger_mentions_by_cable ON tagger_mentions (cable);
CREATE INDEX cables_by_post ON cables (post, year);
CREATE INDEX cables_by_year ON cables (year);
CREATE INDEX cable_tags_by_tag ON cable_tags (tag, cable);
"""
QUERIES: Dict[str, str] = {
    "co-mentions": """
SELECT c.cable, c.date, c.post, c.subject
FROM cables AS c
WHERE c.cable IN (SELECT cable FROM mentions WHERE key = :first)
  AND c.cable IN (SELECT cable FROM mentions WHERE key = :second)
ORDER BY c.date
""".strip(),
    "a name's cables by year": """
SELECT c.year, COUNT(DISTINCT c.cable) AS cables, COUNT(*) AS mentions
FROM mentions AS m JOIN cables AS c ON c.cable = m.cable
WHERE m.key = :name
GROUP BY c.year
ORDER BY c.year
""".strip(),
    "the most mentioned names of a post": """
SELECT m.key, m.label, COUNT(*) AS mentions, COUNT(DISTINCT m.cable) AS cables
FROM mentions AS m JOIN cables AS c ON c.cable = m.cable
WHERE c.post = :post
GROUP BY m.key, m.label
ORDER BY mentions DESC
LIMIT 20
""".strip(),
}
ROWS_PER_CHUNK = 500  # records read, inserted and freed at a time: memory stays flat


def _mention_rows(cable: str, entities: List[dict]) -> Iterator[tuple]:
    for entity in entities:
        yield (cable, entity["start"], entity["end"], entity["label"], entity["text"], entity["key"], entity["paragraph"])


def _insert(connection: sqlite3.Connection, records: List[dict]) -> int:
    """Insert one chunk of records; returns how many mentions it held."""
    cables, tags, mentions, tagger = [], [], [], []
    for record in records:
        meta = record["metadata"]
        cables.append((record["cable"], meta["id"], meta["date"], meta["date_precision"], meta["year"], meta["post"],
                       meta["classification"], meta["subject"], " ".join(meta["tags"]), record["path"], record["length"],
                       record["input"], record["pipeline"]))
        tags += [(record["cable"], tag) for tag in meta["tags"]]
        mentions += _mention_rows(record["cable"], record["entities"])
        tagger += _mention_rows(record["cable"], record.get("tagger_entities", []))
    connection.executemany("INSERT INTO cables VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", cables)
    connection.executemany("INSERT INTO cable_tags VALUES (?, ?)", tags)
    connection.executemany("INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)", mentions)
    connection.executemany("INSERT INTO tagger_mentions VALUES (?, ?, ?, ?, ?, ?, ?)", tagger)
    return len(mentions)


def build_database(entities_path: Path, database_path: Path, provenance: Optional[dict] = None) -> dict:
    """Build the database from ``entities.jsonl``, streaming; returns its path and counts."""
    temporary = staging_file(database_path.parent)
    connection = sqlite3.connect(temporary)
    n_cables = n_mentions = 0
    try:
        # a staging file replaced only when complete: no journal needed
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + SCHEMA)
        connection.executemany("INSERT INTO provenance VALUES (?, ?)",
                               [(key, json.dumps(value)) for key, value in (provenance or {}).items()])
        records = iter(srsly.read_jsonl(entities_path))
        while True:
            chunk = list(islice(records, ROWS_PER_CHUNK))
            if not chunk:
                break
            n_mentions += _insert(connection, chunk)
            n_cables += len(chunk)
        connection.executescript(INDEXES)
        connection.commit()
    finally:
        connection.close()
    os.replace(temporary, database_path)
    return {"path": str(database_path), "cables": n_cables, "mentions": n_mentions}
