"""The spaCy components of the trained pipeline; the packaged model finds them in this library.

It registers:

- ``cable_ner.split_markup.v1`` (a callback for ``[nlp.after_creation]``): HTML tags of the
  tagger's page format are tokens of their own, never glued to a word (``DELL</pre>``).
- ``cable_markup`` (a component before ``ner``): blocks every token that is page markup
  (``<code><pre>``, ``<a id='par2' href='#par2'>¶</a>2``) so that ``ner`` cannot tag it.
- ``span_rules`` (a component after ``ner``): the span-fixing rules of :mod:`cable_ner.rules`
  over the model's entities, each switchable in the config; among them the cable-wide ones
  (one label per name, the cable's other mentions of its names tagged too).

What only training needs (the streaming corpus, the augmenter) is in :mod:`cable_ner.training`;
a packaged model imports this module through :mod:`cable_ner.pipeline_code`.
"""
import re
from typing import Callable, Dict, List, Optional

from spacy.language import Language
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


@Language.factory("cable_markup", assigns=["token.ent_iob"])
def create_cable_markup(nlp: Language, name: str) -> CableMarkup:
    """Block page markup tokens: ``ner`` can then tag no entity that contains markup."""
    return CableMarkup()


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
        from cable_ner.rules import DEFAULT_RULES, RULES

        unknown = sorted(set(rules) - set(RULES))
        if unknown:
            raise ValueError(f"Unknown span rule(s) in the span_rules config: {', '.join(unknown)}. Known: {', '.join(RULES)}")
        order = [*DEFAULT_RULES, *sorted(set(RULES) - set(DEFAULT_RULES))]
        self.rules = [RULES[name] for name in order if rules.get(name)]
        self.nlp = nlp
        self.label_names = labels  # not "labels": spaCy reads a component's labels from that attribute
        self._roles = None

    def roles(self) -> "LabelRoles":  # noqa: F821
        """The labels the rules write for each role: from ``labels``, else from the ``ner`` component's labels."""
        from cable_ner.labels import LabelRoles

        if self._roles is None:
            ner = next((pipe for _, pipe in self.nlp.pipeline if hasattr(pipe, "moves")), None)
            self._roles = LabelRoles.from_labels(self.label_names or (list(ner.labels) if ner is not None else []))
        return self._roles

    def __call__(self, doc: Doc) -> Doc:
        from cable_ner.markup import Span as CharSpan
        from cable_ner.rules import apply_rules

        if not self.rules:
            return doc
        found = [CharSpan(entity.start_char, entity.end_char, entity.label_) for entity in doc.ents]
        fixed = apply_rules(doc.text, found, self.rules, self.roles()).spans
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


@Language.factory(
    "span_rules",
    default_config={"rules": {}, "labels": None},
    assigns=["doc.ents"],
    requires=["doc.ents"],
)
def create_span_rules(nlp: Language, name: str, rules: Dict[str, bool], labels: Optional[List[str]]) -> SpanRules:
    return SpanRules(nlp, rules, labels)
