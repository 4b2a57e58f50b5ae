"""One cable to its paragraph Docs: fix the spans, clean the text, tokenize, align, pack.

Read the markup (:mod:`cable_ner.markup`), fix the spans (:mod:`cable_ner.rules`), clean the
text (:mod:`cable_ner.cable_text`), tokenize it with spaCy's own tokenizer and cut it into
paragraph Docs, align every span to tokens and pack the Docs as DocBin columns
(:mod:`.docbin`). Every entity read is counted in the cable's :class:`~.ledger.Ledger`.
"""
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from spacy.attrs import IDX, LENGTH, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as DocSpan
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..cable_text import apply_edits, find_edits, paragraphs
from ..labels import DEFAULT_ROLES, LabelRoles
from ..markup import AnnotatedText, Span, read_cable_file, text_brackets
from ..rules import CableContext, FixResult, SpanRule, apply_rules
from .docbin import PackedDocs, docs_from_packed, pack_paragraphs
from .hints import NOT_ENTITIES, UNSURE_WORDS, known_non_entities, unsure_words
from .ledger import Ledger
from .split import content_hash


def conversion_pipeline(lang: str = "en") -> Language:
    """A blank pipeline whose tokenizer gives spaCy's tokens for ``lang`` faster.

    spaCy's tokenizer stops caching a Doc's chunks once it has met one special case (see
    ``Tokenizer._save_cached``), and whitespace (" ", "\\n", "\\t", no-break space) is a special
    case: in hard-wrapped cables the first line break turned the cache off for the rest of each
    paragraph. Without those entries whitespace tokenizes exactly as before (tested), and
    tokenizing takes a third less time.

    Its vocabulary computes no lexical attributes (shape, norm, prefix, ...) for new words: a
    DocBin keeps only each token's text, and the training pipeline's vocabulary computes them
    when it reads the Docs. That saves a quarter of the tokenizer's time.
    """
    import spacy

    nlp = spacy.blank(lang)
    nlp.tokenizer.rules = {text: tokens for text, tokens in nlp.tokenizer.rules.items() if text.strip()}
    nlp.vocab.lex_attr_getters = {}
    return nlp


@dataclass
class CableDocs:
    """What converting one cable produced: its paragraphs as packed DocBin columns, and its counts.

    entity_tokens: tokens inside entities, per label (the counts `spacy init labels` gathers).
    text_brackets: square brackets in the cable's text that are text, not markup.
    """

    cable_id: str
    digest: str
    packed: PackedDocs
    ledger: Ledger
    vocab: Vocab
    entity_tokens: Counter = field(default_factory=Counter)
    text_brackets: int = 0

    @property
    def docs(self) -> List[Doc]:
        """The paragraph Docs, made from the packed columns."""
        return docs_from_packed(self.packed, self.vocab)


def _rule_net(fix: FixResult) -> Dict[str, Counter]:
    """Per rule and label, how many spans its changes added (+) or removed (-)."""
    net: Dict[str, Counter] = defaultdict(Counter)
    for change in fix.changes:
        for span in change.before:
            net[change.rule][span.label] -= 1
        for span in change.after:
            net[change.rule][span.label] += 1
    return net


def annotated_to_docs(
    nlp: Language, cable_id: str, annotated: AnnotatedText, rules: Sequence[SpanRule], roles: LabelRoles = DEFAULT_ROLES,
    hints: Sequence[str] = (),
) -> CableDocs:
    """Fix, clean, split and tokenize one cable; account for every entity.

    The cleaned cable is tokenized once and its paragraphs are cut out of the token columns:
    paragraphs start and end at whitespace, where spaCy's tokenizer always cuts, so each
    paragraph's tokens are those it would get alone (tested), and a Doc per paragraph cost more
    than tokenizing it. ``hints`` names what the rules know beyond the entities to write too
    (:mod:`.hints`: known non-entities, unsure words).
    """
    ledger = Ledger()
    ledger.read.update(span.label for span in annotated.spans)
    fix = apply_rules(annotated.text, annotated.spans, rules, roles)
    ledger.after_rules.update(span.label for span in fix.spans)
    ledger.rule_changes.update(fix.counts())
    for rule_name, counts in _rule_net(fix).items():
        ledger.rule_net[rule_name].update(counts)
    edits = find_edits(annotated.text)
    cleaned = apply_edits(annotated.text, fix.spans, edits)
    for span, reason in cleaned.dropped:
        ledger.dropped[reason][span.label] += 1
    not_entities = unsure = []
    if NOT_ENTITIES in hints:
        not_entities = apply_edits(annotated.text, known_non_entities(fix), edits).spans
    if UNSURE_WORDS in hints:
        unsure = apply_edits(annotated.text, unsure_words(CableContext(annotated.text, roles), fix.spans), edits).spans

    doc = nlp.make_doc(cleaned.text)
    columns = doc.to_array([IDX, LENGTH, ORTH, SPACY])
    starts = columns[:, 0].tolist()
    ends = (columns[:, 0] + columns[:, 1]).tolist()
    token_ranges: List[Tuple[int, int]] = []
    inside: List[Span] = []
    pending = sorted(cleaned.spans)
    cursor = 0
    for start, end in paragraphs(cleaned.text):
        first, last = bisect_left(starts, start), bisect_left(ends, end)
        if starts[first] != start or ends[last] != end:
            raise RuntimeError(f"paragraph {start}:{end} of {cable_id} does not start and end at token boundaries")
        token_ranges.append((first, last + 1))
        while cursor < len(pending) and pending[cursor].start < end:
            span = pending[cursor]
            cursor += 1
            if span.start >= start and span.end <= end:
                inside.append(span)
            else:
                ledger.dropped["crosses_paragraph"][span.label] += 1
    for span in pending[cursor:]:
        ledger.dropped["outside_paragraphs"][span.label] += 1
    entities = _align_entities(doc, starts, ends, inside, ledger)
    packed = pack_paragraphs(cleaned.text, columns, entities, token_ranges, cable_id, doc.vocab.strings,
                             not_entities=_aligned_exactly(starts, ends, not_entities),
                             missing=_aligned_exactly(starts, ends, unsure))
    entity_tokens: Counter = Counter()
    for first, end, label in entities:
        entity_tokens[label] += end - first
    return CableDocs(cable_id, content_hash(annotated.text), packed, ledger, nlp.vocab, entity_tokens,
                     text_brackets(annotated.text))


def _align_entities(doc: Doc, starts: List[int], ends: List[int], spans: List[Span], ledger: Ledger) -> List[Tuple[int, int, str]]:
    """The token ranges of ``spans`` in ``doc``: a span inside a token is expanded to it, a clash is dropped.

    ``starts`` and ``ends`` are the tokens' character offsets. Spans that fit token boundaries
    (nearly all) are found by bisecting them; ``doc.char_span`` for each span took a tenth of the run.
    """
    n_tokens = len(doc)
    aligned: List[Tuple[int, int, str]] = []
    for span in spans:
        first, last = bisect_left(starts, span.start), bisect_left(ends, span.end)
        if first == n_tokens or last == n_tokens or starts[first] != span.start or ends[last] != span.end:
            entity = doc.char_span(span.start, span.end, label=span.label, alignment_mode="expand")
            if entity is None:
                ledger.dropped["misaligned"][span.label] += 1
                continue
            ledger.repaired["expanded_to_token_boundary"][span.label] += 1
            first, last = entity.start, entity.end - 1
        aligned.append((first, last + 1, span.label))
    kept = aligned
    if any(later[0] < earlier[1] for earlier, later in zip(aligned, aligned[1:])):  # only after expanding
        kept = [(e.start, e.end, e.label_) for e in filter_spans([DocSpan(doc, *entity) for entity in aligned])]
        clashes = Counter(label for _, _, label in aligned) - Counter(label for _, _, label in kept)
        ledger.dropped["overlaps_after_alignment"].update(clashes)
    ledger.converted.update(label for _, _, label in kept)
    return kept


def _aligned_exactly(starts: List[int], ends: List[int], spans: Sequence[Span]) -> List[Tuple[int, int, str]]:
    """The token ranges of the spans that start and end at token boundaries (a hint that does not is left out)."""
    aligned = []
    for span in spans:
        first, last = bisect_left(starts, span.start), bisect_left(ends, span.end)
        if first < len(starts) and last < len(ends) and starts[first] == span.start and ends[last] == span.end:
            aligned.append((first, last + 1, span.label))
    return aligned


def convert_file(
    nlp: Language, path: Path, labels: Sequence[str], rules: Sequence[SpanRule], roles: LabelRoles = DEFAULT_ROLES,
    translate: Optional[Dict[str, str]] = None, hints: Sequence[str] = (),
) -> CableDocs:
    """Convert one cable file (labels read as :func:`~cable_ner.markup.read_cable_file` reads them);
    raises :class:`MarkupError` for bad input."""
    annotated = read_cable_file(path, labels, translate)
    return annotated_to_docs(nlp, Path(path).stem, annotated, rules, roles, hints)
