"""What made a tagged collection: the model, the span rules, the tool's versions, the time.

Every output of ``tag`` names it: ``provenance.json`` beside the outputs, the fingerprint in every
``entities.jsonl`` record, the database and the export, and the whole record in ``summary.json``.
A run with another model or rule set re-tags every cable whose output is older than the switch
(``outputs_since``), so a collection never mixes two models.
"""
import hashlib
import time
from pathlib import Path
from typing import Optional, Tuple

import srsly

from .outputs import write_bytes_atomically


def _files_digest(folder: Path, pattern: str = "*") -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(folder)).encode("utf8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def pipeline_provenance(nlp) -> dict:
    """What tags: the model (package name, version, labels, a hash of its config and weights), the
    span rules (those switched on, a hash of the code that runs them) and the tool's versions.

    ``fingerprint`` hashes the model's files and the rules' code: two runs with one fingerprint
    wrote the same entities for the same cable.
    """
    import inspect

    import spacy

    from . import __version__

    meta = nlp.meta
    model_hash = _files_digest(Path(nlp.path)) if nlp.path else hashlib.sha256(nlp.config.to_str().encode("utf8")).hexdigest()
    span_rules = nlp.get_pipe("span_rules") if "span_rules" in nlp.pipe_names else None
    rules = [rule.name for rule in span_rules.rules] if span_rules is not None else []  # as they run, in order
    rules_hash = _files_digest(Path(inspect.getfile(type(span_rules))).parent, "*.py") if span_rules is not None else ""
    labels = list(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else []
    return {"fingerprint": hashlib.sha256((model_hash + rules_hash).encode("utf8")).hexdigest()[:16],
            "model": {"name": f"{meta.get('lang', '')}_{meta.get('name', '')}", "version": meta.get("version", ""),
                      "path": str(nlp.path or ""), "sha256": model_hash, "labels": labels},
            "span_rules": {"rules": rules, "code_sha256": rules_hash},
            "tool": {"cable_ner": __version__, "spacy": spacy.__version__}}


def start_provenance(output_dir: Path, provenance: dict) -> Tuple[dict, Optional[dict]]:
    """Record in ``provenance.json`` what tags this run; returns the record and the one it replaces, if another.

    ``outputs_since`` is when this pipeline started writing the folder: an output older than
    that came from another model or rule set.
    """
    path = output_dir / "provenance.json"
    before = srsly.read_json(path) if path.exists() else None
    same = before is not None and before.get("fingerprint") == provenance["fingerprint"]
    now = time.time()
    record = {**provenance, "outputs_since": before["outputs_since"] if same else now,
              "tagged_at": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(now))}
    write_bytes_atomically(path, srsly.json_dumps(record, indent=2).encode("utf8"))
    return record, None if same else before
