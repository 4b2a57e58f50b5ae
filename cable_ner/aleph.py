"""The tagged collection as FollowTheMoney entities, the format OCCRP's Aleph stores and loads
(``alephclient write-entities``).

Per cable, one ``PlainText`` document: its text (the cable as given, the tagger's markup
removed; a cable longer than FollowTheMoney's longest text value in consecutive parts), title (the subject, else the id), file name, date, originating post (as ``author``),
TAGS and classification (as ``keywords``), the pipeline that tagged it (``processingAgent``) and
the names the model found, by role (``peopleMentioned``, ``companiesMentioned``,
``locationMentioned``, ``namesMentioned`` for other names), each name once, as first written.
Per person and organisation named in a cable, one ``Mention`` entity (its spellings, the
document, the schema the label stands for), which Aleph matches against people and companies.

Ids are hex digests with a schema prefix (``cable-...``, ``mention-...``): stable across runs and
free of dots, which Aleph reserves for the signature it appends to every id.

    >>> identifier = entity_id("cable", "07NORTHPORT123")
    >>> identifier.startswith("cable-"), "." in identifier, identifier == entity_id("cable", "07NORTHPORT123")
    (True, False, True)
"""
import hashlib
import os
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

import srsly

from .collection import read_input_cable
from .outputs import staging_file
from .labels import DEFAULT_LABELS, ROLE_NAMES
from .markup import MarkupError

MENTIONED = {"person": "peopleMentioned", "organisation": "companiesMentioned", "place": "locationMentioned", "other": "namesMentioned"}
MENTION_SCHEMA = {"person": "Person", "organisation": "Organization"}
MAX_NAME = 200  # FollowTheMoney's names are short; a longer "name" is no name
MAX_TEXT = 65_000  # FollowTheMoney's longest text value


def text_parts(text: str, limit: int = MAX_TEXT) -> List[str]:
    """A text as consecutive parts of at most ``limit`` characters, cut after a line end where
    one is near: a long cable's ``bodyText`` values, which joined give the text back.

        >>> text_parts("one\\ntwo\\nthree", limit=9)
        ['one\\ntwo\\n', 'three']
    """
    parts = []
    while len(text) > limit:
        cut = text.rfind("\n", limit // 2, limit) + 1 or limit
        parts.append(text[:cut])
        text = text[cut:]
    return parts + [text]


def entity_id(kind: str, *parts: str) -> str:
    """A stable id without dots: the kind, then the SHA-1 of the parts."""
    return f"{kind}-" + hashlib.sha1("\x1f".join(parts).encode("utf8")).hexdigest()


def role_of(label: str) -> str:
    """The role a label stands for (``PER`` and ``PERSON``: person); ``other`` for a label of no known role."""
    return next((role for role, names in ROLE_NAMES.items() if label.upper() in names), "other")


def cable_entities(record: dict, text: str, agent: str) -> List[dict]:
    """The document entity of one cable and the Mention entities of its people and organisations."""
    meta = record["metadata"]
    document = entity_id("cable", record["cable"])
    names: Dict[Tuple[str, str], List[str]] = {}  # (role, key) -> spellings, in the order the cable writes them
    for entity in record["entities"]:
        written = " ".join(entity["text"].split())
        if written and len(written) <= MAX_NAME:
            spellings = names.setdefault((role_of(entity["label"]), entity["key"]), [])
            if written not in spellings:
                spellings.append(written)
    properties: Dict[str, List[str]] = {
        "title": [meta["subject"] or meta["id"] or record["cable"]], "fileName": [record["path"]], "bodyText": text_parts(text),
        "mimeType": ["text/plain"], "language": ["eng"], "processingAgent": [agent],
        "keywords": [*meta["tags"], *([meta["classification"]] if meta["classification"] else [])],
    }
    if meta["date"]:
        properties["date"] = [meta["date"]]
    if meta["post"]:
        properties["author"] = [meta["post"]]
    for (role, _), spellings in names.items():
        properties.setdefault(MENTIONED[role], []).append(spellings[0])
    entities = [{"id": document, "schema": "PlainText", "properties": {k: v for k, v in properties.items() if v}}]
    for (role, key), spellings in names.items():
        if role in MENTION_SCHEMA:
            entities.append({"id": entity_id("mention", record["cable"], role, key), "schema": "Mention",
                             "properties": {"name": spellings, "document": [document], "detectedSchema": [MENTION_SCHEMA[role]]}})
    return entities


def export_collection(tagged_dir: Path, output_path: Path, input_dir: Optional[Path] = None) -> dict:
    """Write the collection tagged in ``tagged_dir`` as FollowTheMoney JSON lines; returns counts
    and the cables it could not export (their file is gone or changed since they were tagged).

    input_dir (Optional[Path]): where the cables are (default: the folder ``tag`` read, from its summary).
    """
    summary = srsly.read_json(tagged_dir / "summary.json")
    provenance = summary.get("provenance") or {}
    model = provenance.get("model") or {}
    agent = f"cable_ner {model.get('name', '')} {model.get('version', '')} ({provenance.get('fingerprint', '')})"
    labels = sorted({*model.get("labels", []), *DEFAULT_LABELS})
    source = Path(input_dir or summary["input_dir"])
    counts = {"documents": 0, "mentions": 0, "names_mentioned": 0, "skipped": []}

    def entities() -> Iterator[dict]:
        for record in srsly.read_jsonl(tagged_dir / "entities.jsonl"):
            path = source / record["path"]
            try:
                text = read_input_cable(path, labels).text
            except (OSError, MarkupError) as error:
                counts["skipped"].append({"cable": record["cable"], "file": str(path), "reason": f"cannot read it: {error}"})
                continue
            if len(text) != record["length"]:
                counts["skipped"].append({"cable": record["cable"], "file": str(path),
                                          "reason": "the file changed since it was tagged: tag the folder again"})
                continue
            for entity in cable_entities(record, text, agent):
                if entity["schema"] == "Mention":
                    counts["mentions"] += 1
                else:
                    counts["documents"] += 1
                    counts["names_mentioned"] += sum(len(entity["properties"].get(p, [])) for p in MENTIONED.values())
                yield entity

    temporary = staging_file(output_path.parent)
    srsly.write_jsonl(temporary, entities())
    os.replace(temporary, output_path)
    return counts
