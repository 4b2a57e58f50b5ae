"""spaCy components and training helpers that ship inside the packaged pipeline.

Self-contained on purpose: ``spacy package --code`` copies this file flat into the wheel, so it
imports nothing from the rest of :mod:`cable_ner`. It registers:

- ``cable_ner.split_markup.v1`` (a callback for ``[nlp.after_creation]``): HTML tags of the
  tagger's page format are tokens of their own, never glued to a word (``DELL</pre>``).
- ``cable_markup`` (a component before ``ner``): blocks every token that is page markup
  (``<code><pre>``, ``<a id='par2' href='#par2'>¶</a>2``) so that ``ner`` cannot tag it.
- ``cable_consistency`` (a component after ``ner``): one label per name in a cable, and the
  cable's other mentions of a name the model tagged tagged too; both switchable in the config.

What only training needs (the streaming corpus, the augmenter) is in :mod:`cable_ner.training`.
"""
import re
from collections import Counter, defaultdict
from typing import Callable, Dict, List, Tuple

import numpy
from spacy.attrs import ENT_IOB, IS_LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

# An HTML tag without spaces inside (``<code>``, ``</a>``): its own token wherever it stands.
TAG_TOKEN = r"</?[a-zA-Z][a-zA-Z0-9]*>"
# Page markup in a cable's text: any HTML tag, and a paragraph anchor with its number. (A raw
# cable's "¶1." is no markup: the model learns it as text, and blocking it slowed tagging.)
PAGE_MARKUP = re.compile(r"<a\s[^<>]{0,200}>¶</a>\d*|<[^<>\n]{1,200}>")


@registry.callbacks("cable_ner.split_markup.v1")
def create_split_markup() -> Callable[[Language], Language]:
    """Make HTML tags tokens of their own: prefixes, suffixes and infixes of the tokenizer."""

    def split_markup(nlp: Language) -> Language:
        tokenizer = nlp.tokenizer
        tokenizer.prefix_search = compile_prefix_regex([TAG_TOKEN, *nlp.Defaults.prefixes]).search
        tokenizer.suffix_search = compile_suffix_regex([TAG_TOKEN, *nlp.Defaults.suffixes]).search
        tokenizer.infix_finditer = compile_infix_regex([TAG_TOKEN, *nlp.Defaults.infixes]).finditer
        return nlp

    return split_markup


def markup_tokens(doc: Doc) -> List[Span]:
    """Spans of the tokens that overlap page markup, one span per token."""
    blocked: Dict[int, Span] = {}
    for match in PAGE_MARKUP.finditer(doc.text):
        covering = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        for index in range(covering.start, covering.end) if covering is not None else ():
            blocked.setdefault(index, doc[index : index + 1])
    return [blocked[index] for index in sorted(blocked)]


@Language.factory("cable_markup", assigns=["token.ent_iob"])
def create_cable_markup(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Block page markup tokens: ``ner`` can then tag no entity that contains markup."""

    def block_markup(doc: Doc) -> Doc:
        blocked = markup_tokens(doc)
        if blocked:
            doc.set_ents([], blocked=blocked, default="unmodified")
        return doc

    return block_markup


def name_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class CableConsistency:
    """Cable-level consistency of the entities ``ner`` found.

    relabel: every mention of a name gets the label most of its mentions carry (ties stay).
    propagate: an untagged mention of a name the model tagged elsewhere in the cable gets the
        name's label. Only names pass: words with an upper-case first letter that the cable
        never writes in lower case, not inside a longer capitalised name, never over markup.
    """

    def __init__(self, relabel: bool = True, propagate: bool = True, min_chars: int = 2) -> None:
        self.relabel = relabel
        self.propagate = propagate
        self.min_chars = min_chars

    def __call__(self, doc: Doc) -> Doc:
        entities = list(doc.ents)
        if self.relabel:
            entities = self._relabelled(entities)
        if self.propagate:
            entities = entities + self._propagated(doc, entities)
        doc.set_ents(sorted(entities, key=lambda span: span.start), default="unmodified")
        return doc

    @staticmethod
    def _relabelled(entities: List[Span]) -> List[Span]:
        votes: Dict[str, Counter] = defaultdict(Counter)
        for entity in entities:
            votes[name_key(entity.text)][entity.label_] += 1
        winners: Dict[str, str] = {}
        for key, counts in votes.items():
            ranked = counts.most_common(2)
            if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
                winners[key] = ranked[0][0]
        relabelled = []
        for entity in entities:
            label = winners.get(name_key(entity.text), entity.label_)
            relabelled.append(entity if label == entity.label_ else Span(entity.doc, entity.start, entity.end, label))
        return relabelled

    def _is_name(self, entity: Span, lower_words: set) -> bool:
        text = entity.text
        if sum(char.isalpha() for char in text) < self.min_chars or not text[0].isupper():
            return False
        words = [token for token in entity if not token.is_punct]
        if not words or all(token.is_stop for token in words):
            return False
        return not any(token.text.lower() in lower_words for token in words if not token.text.isupper())

    def _propagated(self, doc: Doc, entities: List[Span]) -> List[Span]:
        # Token columns as arrays: a Python loop over every token took a sixth of the tagging time.
        columns = doc.to_array([ORTH, ENT_IOB, IS_LOWER])
        strings = doc.vocab.strings
        lower_words = {strings[orth] for orth in set(columns[columns[:, 2] == 1, 0].tolist())}
        labels: Dict[Tuple[int, ...], str] = {}
        for entity in entities:
            if self._is_name(entity, lower_words):
                labels.setdefault(tuple(token.orth for token in entity), entity.label_)
                labels.setdefault(tuple(get_string_id(token.text.upper()) for token in entity), entity.label_)
        if not labels:
            return []
        orths = columns[:, 0].tolist()
        free = [iob in (0, 2) for iob in columns[:, 1].tolist()]  # no entity, nor blocked
        first_words: Dict[int, List[Tuple[int, ...]]] = defaultdict(list)
        for words in sorted(labels, key=len, reverse=True):  # longer names win over their parts
            first_words[words[0]].append(words)
        found: List[Span] = []
        for start in numpy.flatnonzero(numpy.isin(columns[:, 0], list(first_words))).tolist():
            for words in first_words[orths[start]]:
                end = start + len(words)
                if end > len(doc) or not all(free[start:end]) or tuple(orths[start:end]) != words:
                    continue
                if self._inside_longer_name(doc, start, end):
                    continue
                found.append(Span(doc, start, end, labels[words]))
                free[start:end] = [False] * len(words)
                break
        return found

    @staticmethod
    def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
        """Whether a capitalised word follows on the same line (``Afghan`` in ``Afghan National Army``).

        In capitals (a subject line) every word is capitalised, so there it tells nothing.
        """
        if end == len(doc) or doc[start:end].text.isupper():
            return False
        after = doc[end]
        return after.is_alpha and after.text[0].isupper() and not doc[end - 1].whitespace_.count("\n")


@Language.factory(
    "cable_consistency",
    default_config={"relabel": True, "propagate": True, "min_chars": 2},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def create_cable_consistency(nlp: Language, name: str, relabel: bool, propagate: bool, min_chars: int) -> CableConsistency:
    return CableConsistency(relabel=relabel, propagate=propagate, min_chars=min_chars)
