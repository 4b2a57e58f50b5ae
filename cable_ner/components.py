"""The spaCy components of the trained pipeline and the tokenizer callback it names.

The library registers them through spaCy's entry points (pyproject.toml), so a trained
pipeline's folder loads with ``spacy.load(path)`` and nothing imported first; a packaged model
carries its own copy of this library and registers the components from it (see
:func:`register_factory`). It registers:

- ``cable_ner.split_markup.v1`` (a callback for ``[nlp.after_creation]``): HTML tags of the
  tagger's page format are tokens of their own, never glued to a word (``DELL</pre>``).
- ``cable_markup`` (a component before ``ner``): blocks every token that is page markup
  (``<code><pre>``, ``<a id='par2' href='#par2'>¶</a>2``) so that ``ner`` cannot tag it.
- ``span_rules`` (a component after ``ner``): the span-fixing rules of :mod:`cable_ner.rules`
  over the model's entities, each switchable in the config; among them the cable-wide ones
  (one label per name, the cable's other mentions of its names tagged too). It stores the data
  the rules read (:class:`~cable_ner.rules.data.RuleData`) in the pipeline's folder.
- ``clean_cable_text`` (first) and ``restore_cable_text`` (last): the model reads a text as
  ``convert`` wrote its training text (the tagger's page wrapper, anchors and spacing removed,
  CRLF read as LF: :func:`~cable_ner.cable_text.find_edits`), and the Doc that comes out holds
  the text as given, its entities at their offsets in it.

What only training needs (the streaming corpus, the augmenter) is in :mod:`cable_ner.training`;
a packaged model imports this module from its own copy of the library.
"""
import re
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, ensure_path, is_same_func, registry

from .cable_text import Edit, OffsetMap, apply_edits, find_edits
from .labels import LabelRoles
from .markup import Span as CharSpan
from .rules import DEFAULT_RULES, RULES, apply_rules
from .rules.data import RuleData

# An HTML tag without spaces inside (``<code>``, ``</a>``): its own token wherever it stands.
TAG_TOKEN = r"</?[a-zA-Z][a-zA-Z0-9]*>"
# Page markup in a cable's text: any HTML tag, and a paragraph anchor with its number. (A raw
# cable's "¶1." is no markup: the model learns it as text, and blocking it slowed tagging.)
PAGE_MARKUP = re.compile(r"<a\s[^<>]{0,200}>¶</a>\d*|<[^<>\n]{1,200}>")


# This module is the library's own (``cable_ner.components``) or a packaged model's copy of it
# (``en_cable_ner.cable_ner.components``): a packaged model must run the rules it shipped with.
PACKAGED_COPY = __name__ != "cable_ner.components"


def register_factory(name: str, factory: Callable, **meta: Any) -> None:
    """Register a component factory, letting a packaged model's copy of it win.

    spaCy refuses a second, different function under a factory's name. A packaged model's copy
    replaces whatever is registered (the model runs its own rules, whichever copy loaded first);
    the library's copy, loaded through spaCy's entry points, leaves a packaged copy in place.
    """
    if name in registry.factories and not is_same_func(factory, registry.factories.get(name)):
        if not PACKAGED_COPY:
            return
        registry.factories.register(name, func=factory)
    Language.factory(name, func=factory, **meta)


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


class CableMarkup:
    """Blocks page markup tokens, so that ``ner`` can tag no entity that contains markup.

    A class, not a closure: a pipeline must pickle to run in worker processes started by
    spawning (``nlp.pipe(n_process=2)`` on macOS and Windows).
    """

    def __call__(self, doc: Doc) -> Doc:
        blocked = markup_tokens(doc)
        if blocked:
            doc.set_ents([], blocked=blocked, default="unmodified")
        return doc


def create_cable_markup(nlp: Language, name: str) -> CableMarkup:
    """Block page markup tokens: ``ner`` can then tag no entity that contains markup."""
    return CableMarkup()


register_factory("cable_markup", create_cable_markup, assigns=["token.ent_iob"])


class SpanRules:
    """The project's span-fixing rules (:mod:`cable_ner.rules`) run over the entities ``ner`` found.

    The model makes the tagger's kinds of error (titles and possessives inside names, split
    names, tags on metadata and routing codes, edge whitespace and punctuation); the rules that
    repair the tagger's annotation repair its output too, from the one registry. ``rules`` maps
    each rule to whether it runs; they run in the registry's order. The labels the rules write
    for a person, an organisation, a place and another name come from ``labels`` (default: the
    ``ner`` component's labels, read on first use). An entity the rules move is fitted to the
    tokens inside it; no entity may cover page markup.
    """

    def __init__(self, nlp: Language, rules: Dict[str, bool], labels: Optional[List[str]] = None) -> None:
        unknown = sorted(set(rules) - set(RULES))
        if unknown:
            raise ValueError(f"Unknown span rule(s) in the span_rules config: {', '.join(unknown)}. Known: {', '.join(RULES)}")
        order = [*DEFAULT_RULES, *sorted(set(RULES) - set(DEFAULT_RULES))]
        self.rules = [RULES[name] for name in order if rules.get(name)]
        self.nlp = nlp
        self.label_names = labels  # not "labels": spaCy reads a component's labels from that attribute
        self._roles: Optional[LabelRoles] = None
        self.data: Optional[RuleData] = None  # read from the data packages on first use, or from the folder

    def roles(self) -> LabelRoles:
        """The labels the rules write for each role: from ``labels``, else from the ``ner`` component's labels."""
        if self._roles is None:
            ner = next((pipe for _, pipe in self.nlp.pipeline if hasattr(pipe, "moves")), None)
            self._roles = LabelRoles.from_labels(self.label_names or (list(ner.labels) if ner is not None else []))
        return self._roles

    def rule_data(self) -> RuleData:
        if self.data is None:
            self.data = RuleData.from_packages()
        return self.data

    def to_disk(self, path: Path, *, exclude: Tuple[str, ...] = tuple()) -> None:
        """Write the data the rules read (``rule_data.json``): the folder carries the rules' knowledge."""
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "rule_data.json", self.rule_data().to_json())

    def from_disk(self, path: Path, *, exclude: Tuple[str, ...] = tuple()) -> "SpanRules":
        """Read the rules' data from the folder (a pipeline saved without it reads the data packages)."""
        data_path = ensure_path(path) / "rule_data.json"
        if data_path.exists():
            self.data = RuleData.from_json(srsly.read_json(data_path))
        return self

    def __call__(self, doc: Doc) -> Doc:
        if not self.rules:
            return doc
        found = [CharSpan(entity.start_char, entity.end_char, entity.label_) for entity in doc.ents]
        fixed = apply_rules(doc.text, found, self.rules, self.roles(), self.rule_data()).spans
        if fixed == found:
            return doc
        blocked = {token.i for span in markup_tokens(doc) for token in span} if "<" in doc.text else set()
        entities: List[Span] = []
        end = 0
        for span in fixed:
            entity = doc.char_span(span.start, span.end, label=span.label, alignment_mode="contract")
            if entity is None or not len(entity) or entity.start < end or any(i in blocked for i in range(entity.start, entity.end)):
                continue
            entities.append(entity)
            end = entity.end
        doc.set_ents(entities, default="outside")
        return doc


def create_span_rules(nlp: Language, name: str, rules: Dict[str, bool], labels: Optional[List[str]]) -> SpanRules:
    """Run the span-fixing rules over the model's entities."""
    return SpanRules(nlp, rules, labels)


register_factory("span_rules", create_span_rules, default_config={"rules": {}, "labels": None},
                 assigns=["doc.ents"], requires=["doc.ents"])

# Where the text as given waits while the pipeline reads its cleaned copy (a plain dict, so
# that a Doc still pickles and crosses to worker processes).
ORIGINAL_TEXT = "cable_ner.original_text"
# The pieces of original text between the cleaned text's tokens: a tag, a run of spaces, a word.
GAP_PIECE = re.compile(r"<[^<>\n]{0,200}>|\s+|[^\s<]+|<")


class CleanCableText:
    """Give the pipeline the text as ``convert`` cleans it for training; keep the text as given.

    A text with nothing to clean passes as it is (no copy). Otherwise the Doc is made again from
    the cleaned text, holding the text as given and the edits in ``user_data`` for
    :class:`RestoreCableText`.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        edits = find_edits(text)
        if not edits:
            return doc
        cleaned = self.nlp.make_doc(apply_edits(text, [], edits).text)
        cleaned.user_data.update(doc.user_data)
        cleaned._context = doc._context  # what nlp.pipe(as_tuples=True) hands back with the Doc
        cleaned.user_data[ORIGINAL_TEXT] = {"text": text, "edits": [list(edit) for edit in edits]}
        return cleaned


class RestoreCableText:
    """Give back the Doc of the text as given, with the entities found in its cleaned copy.

    Its tokens are the cleaned Doc's, mapped back (:class:`~cable_ner.cable_text.OffsetMap`), and
    the removed markup between them (``<code>``, an anchor); every entity keeps its characters.
    The model's tensors stay with the cleaned copy.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    def __call__(self, doc: Doc) -> Doc:
        original = doc.user_data.pop(ORIGINAL_TEXT, None)
        if original is None:
            return doc
        text = original["text"]
        offsets = OffsetMap([Edit(*edit) for edit in original["edits"]])
        ranges: List[Tuple[int, int]] = []
        for token in doc:
            start, end = offsets.start(token.idx), offsets.end(token.idx + len(token))
            if ranges and start < ranges[-1][1]:  # tokens of one replacement (an anchor's "\n\n¶")
                ranges[-1] = (ranges[-1][0], max(ranges[-1][1], end))
            elif end > start:
                ranges.append((start, end))
        words: List[str] = []
        spaces: List[bool] = []
        position = 0
        for start, end in [*ranges, (len(text), len(text))]:
            for piece in GAP_PIECE.findall(text, position, start):
                if piece == " " and words and not spaces[-1] and not words[-1].isspace():
                    spaces[-1] = True
                else:
                    words.append(piece)
                    spaces.append(False)
            if end > start:
                words.append(text[start:end])
                spaces.append(False)
            position = end
        restored = Doc(self.nlp.vocab, words=words, spaces=spaces, user_data=doc.user_data)
        restored._context = doc._context
        if restored.text != text:
            raise AssertionError("restore_cable_text rebuilt a text that differs from the one given")
        entities = []
        for entity in doc.ents:
            span = restored.char_span(offsets.start(entity.start_char), offsets.end(entity.end_char), label=entity.label_,
                                      alignment_mode="expand")
            if span is not None and (not entities or span.start >= entities[-1].end):
                entities.append(span)
        restored.set_ents(entities, default="outside")
        return restored


def create_clean_cable_text(nlp: Language, name: str) -> CleanCableText:
    """First: the pipeline reads the cleaned text (page wrapper, anchors, tagger spacing, CRLF)."""
    return CleanCableText(nlp)


def create_restore_cable_text(nlp: Language, name: str) -> RestoreCableText:
    """Last: the Doc of the text as given, with the entities found in its cleaned copy."""
    return RestoreCableText(nlp)


register_factory("clean_cable_text", create_clean_cable_text)
register_factory("restore_cable_text", create_restore_cable_text, assigns=["doc.ents"])
