"""Raw cables as text for ``spacy pretrain``: one JSONL record per paragraph, cleaned as conversion cleans.

Pretraining teaches the tok2vec what real cable text looks like from cables nobody annotated.
Each cable (published raw text or the tagger's HTML page form) is read as every command reads it
and cleaned as conversion cleans it (:mod:`cable_ner.cable_text`), so pretraining sees the text
the model trains on; its paragraphs (split at blank lines, as conversion splits them) become
records ``{"text": ...}`` for spaCy's ``JsonlCorpus``. One cable is held at a time.
"""
from pathlib import Path
from typing import Iterable, Iterator, List

from .cable_text import clean_cable, paragraphs
from .markup import MarkupError, read_text_file


def pretraining_records(paths: Iterable[Path], problems: List[dict]) -> Iterator[dict]:
    """The paragraphs of every readable cable as ``{"text": ...}``; unreadable files go to ``problems``.

    >>> # a cable "SUBJECT: X\\n\\n¶1. (C) Text." gives {"text": "SUBJECT: X"}, {"text": "¶1. (C) Text."}
    """
    for path in paths:
        try:
            text = read_text_file(path)
        except MarkupError as error:
            problems.append(error.as_record())
            continue
        cleaned = clean_cable(text, []).text
        for start, end in paragraphs(cleaned):
            yield {"text": cleaned[start:end]}
