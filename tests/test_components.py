"""The pipeline's components: markup tokens, markup blocking, the span rules over model output; the augmenter."""
import random

import srsly

import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example

import cable_ner.components as components
import cable_ner.training as training
from cable_ner.markup import parse_markup

from conftest import LABELS

PAGE = ("<code><pre>C O N F I D E N T I A L SECTION 01 OF 03 LIMA 004711 <a id='par1' href='#par1'>¶</a>1 . \n"
        "( C ) Halvorsen met Ostrovic in Lima . <a id='par2' href='#par2'>¶</a>2 .\nFAIRLIE</pre></code> ")


@pytest.fixture()
def nlp():
    pipeline = spacy.blank("en")
    components.create_split_markup()(pipeline)
    return pipeline


def test_markup_tags_are_tokens_of_their_own(nlp):
    words = [token.text for token in nlp.make_doc(PAGE)]
    assert words[:3] == ["<code>", "<pre>", "C"]
    assert words[-4:] == ["FAIRLIE", "</pre>", "</code>", " "] or words[-3:] == ["FAIRLIE", "</pre>", "</code>"]
    assert "</a>" in words
    # Text without markup tokenizes as spaCy's own tokenizer does.
    plain = "Mr. Halvorsen (U.S.) met Ostrovic's aide in Lima: 3-4 p.m. <3"
    assert [t.text for t in nlp.make_doc(plain)] == [t.text for t in spacy.blank("en").make_doc(plain)]


def test_markup_tokens_cover_every_tag_and_anchor_and_nothing_else(nlp):
    doc = nlp.make_doc(PAGE)
    blocked = {span.start for span in components.markup_tokens(doc)}
    assert [token.text for token in doc if token.i not in blocked and not token.is_space] == [
        "C", "O", "N", "F", "I", "D", "E", "N", "T", "I", "A", "L", "SECTION", "01", "OF", "03", "LIMA", "004711", ".",
        "(", "C", ")", "Halvorsen", "met", "Ostrovic", "in", "Lima", ".", ".", "FAIRLIE",
    ]
    assert [doc[i].text for i in sorted(blocked)][:9] == ["<code>", "<pre>", "<", "a", "id='par1", "'", "href='#par1'>¶", "</a>", "1"]


def _ner_that_tags_markup(nlp) -> spacy.Language:
    """A tiny ner trained to tag markup tokens as LOC: what the markup blocker must stop."""
    ner = nlp.add_pipe("ner")
    ner.add_label("LOC")
    examples = []
    for _ in range(4):
        doc = nlp.make_doc(PAGE)
        entities = [Span(doc, token.i, token.i + 1, "LOC") for token in doc if "<" in token.text]
        reference = nlp.make_doc(PAGE)
        reference.ents = [Span(reference, e.start, e.end, "LOC") for e in entities]
        examples.append(Example(doc, reference))
    optimizer = nlp.initialize(lambda: examples)
    random.seed(0)
    for _ in range(30):
        nlp.update(examples, sgd=optimizer, drop=0.0)
    return nlp


def test_ner_tags_no_markup_behind_the_markup_blocker(nlp):
    _ner_that_tags_markup(nlp)
    assert any("<" in entity.text for entity in nlp(PAGE).ents)  # without the blocker it does
    nlp.add_pipe("cable_markup", before="ner")
    doc = nlp(PAGE)
    assert not any(char in entity.text for entity in doc.ents for char in "<>¶")


def _doc_with(nlp, text: str, entities):
    """A Doc of ``text`` with entities given as (word index, word count, label)."""
    doc = nlp.make_doc(text)
    doc.set_ents([Span(doc, start, start + length, label) for start, length, label in entities], default="outside")
    return doc


def entities(doc):
    return [(entity.text, entity.label_) for entity in doc.ents]


def _with_rules(nlp, rules, labels=None):
    nlp.add_pipe("span_rules", config={"rules": {name: True for name in rules}, "labels": labels})
    return nlp.get_pipe("span_rules")


def _predicted(nlp, markup: str):
    """A Doc of the markup's text with its entities set as if the model had found them (None where they cut tokens)."""
    annotated = parse_markup(markup)
    doc = nlp.make_doc(annotated.text)
    ents = [doc.char_span(s.start, s.end, label=s.label) for s in annotated.spans]
    if any(entity is None for entity in ents):
        return None
    doc.set_ents(ents, default="outside")
    return doc


def test_each_default_rule_repairs_its_examples_as_model_output(nlp):
    """Every registered example of every default rule, given as the model's entities, comes out fixed."""
    from cable_ner.rules import DEFAULT_RULES, RULES

    checked = 0
    for name in DEFAULT_RULES:
        component = _with_rules(spacy.blank("en"), [name], labels=list(LABELS))
        for example in RULES[name].examples:
            doc = _predicted(component.nlp, example.tagger)
            fixed = parse_markup(example.fixed)
            if doc is None or any(doc.char_span(s.start, s.end) is None for s in fixed.spans):
                continue  # spans that cut spaCy's tokens: a model cannot predict them
            assert [(e.start_char, e.end_char, e.label_) for e in component(doc).ents] == [tuple(s) for s in fixed.spans], (name, example)
            checked += 1
    assert checked >= 40


def test_span_rules_are_switched_one_by_one_in_the_config(nlp):
    text = "TAGS PGOV , PREL , ECON SUBJECT: talks . President Halvorsen met Ostrovic ."
    doc = nlp.make_doc(text)
    spans = [(word, label) for word, label in (("ECON", "PER"), ("President Halvorsen", "ORG"), ("Ostrovic", "PER"))]
    doc.set_ents([doc.char_span(text.index(word), text.index(word) + len(word), label) for word, label in spans], default="outside")
    on = _with_rules(spacy.blank("en"), ["drop_metadata", "strip_titles"], labels=list(LABELS))
    assert entities(on(doc.copy())) == [("Halvorsen", "PER"), ("Ostrovic", "PER")]
    off = _with_rules(spacy.blank("en"), ["drop_metadata"], labels=list(LABELS))
    assert entities(off(doc.copy())) == [("President Halvorsen", "ORG"), ("Ostrovic", "PER")]
    with pytest.raises(ValueError, match="Unknown span rule"):
        _with_rules(spacy.blank("en"), ["no_such_rule"])


def test_span_rules_take_their_labels_from_the_ner_component(nlp):
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in ("PERSON", "ORG", "GPE", "MISC"):
        ner.add_label(label)
    component = _with_rules(nlp, ["strip_titles"])
    doc = nlp.make_doc("and National Security Advisor Bellamar spanned")
    doc.set_ents([doc.char_span(4, 38, "ORG")], default="outside")
    assert entities(component(doc)) == [("Bellamar", "PERSON")]


def test_span_rules_trim_whitespace_the_model_put_at_an_entity_edge(nlp):
    component = _with_rules(spacy.blank("en"), ["trim_edge_punctuation"], labels=list(LABELS))
    doc = component.nlp.make_doc("the Western \nprovinces")
    assert [token.text for token in doc] == ["the", "Western", "\n", "provinces"]
    doc.set_ents([Span(doc, 1, 3, "MISC")], default="outside")
    assert entities(component(doc)) == [("Western", "MISC")]


def test_upper_case_augmenter_adds_upper_cased_copies_with_the_same_entities(nlp):
    reference = _doc_with(nlp, "Halvorsen met officials in Lima .", [(0, 1, "PER"), (4, 1, "LOC")])
    example = Example(nlp.make_doc(reference.text), reference)
    augment = training.create_upper_case_augmenter(level=1.0)
    original, upper = list(augment(nlp, example))
    assert original is example
    assert upper.reference.text == "HALVORSEN MET OFFICIALS IN LIMA ."
    assert [(e.text, e.label_) for e in upper.reference.ents] == [("HALVORSEN", "PER"), ("LIMA", "LOC")]
    assert list(training.create_upper_case_augmenter(level=0.0)(nlp, example)) == [example]


def _cleaning_pipeline(patterns) -> spacy.Language:
    """clean_cable_text, an entity ruler in place of the model, restore_cable_text: what the model reads and gives back."""
    pipeline = spacy.blank("en")
    components.create_split_markup()(pipeline)
    pipeline.add_pipe("clean_cable_text")
    pipeline.add_pipe("entity_ruler").add_patterns(patterns)
    pipeline.add_pipe("restore_cable_text")
    return pipeline


def test_the_pipeline_reads_a_page_cleaned_and_gives_its_entities_at_the_offsets_of_the_page():
    pipeline = _cleaning_pipeline([{"label": "PER", "pattern": "Halvorsen"}, {"label": "LOC", "pattern": "Lima"},
                                   {"label": "PER", "pattern": "FAIRLIE"}])
    pipeline.add_pipe("looked_at", after="clean_cable_text")
    doc = pipeline(PAGE)
    assert doc.text == PAGE
    found = [(PAGE[e.start_char : e.end_char], e.label_, e.start_char) for e in doc.ents]
    assert found == [("Halvorsen", "PER", PAGE.index("Halvorsen")), ("Lima", "LOC", PAGE.index("Lima .")),
                     ("FAIRLIE", "PER", PAGE.index("FAIRLIE"))]
    assert [token.text for token in doc][:3] == ["<code>", "<pre>", "C"]  # the page's markup is there, in tokens of its own
    # What the model read: the page cleaned as convert cleans it
    assert "<" not in LOOKED_AT[-1] and "(C) Halvorsen met Ostrovic in Lima." in LOOKED_AT[-1]


LOOKED_AT = []


@spacy.Language.component("looked_at")
def looked_at(doc):
    LOOKED_AT.append(doc.text)
    return doc


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_crlf_and_cr_text_is_read_as_lf_and_keeps_its_own_characters(line_end):
    pipeline = _cleaning_pipeline([{"label": "ORG", "pattern": [{"LOWER": "casa"}, {"IS_SPACE": True, "OP": "?"}, {"LOWER": "rosada"}]}])
    lf = "SUBJECT: talks\n\nthe Casa\nRosada said.\n"
    doc = pipeline(lf.replace("\n", line_end))
    assert doc.text == lf.replace("\n", line_end)
    assert [e.text.replace(line_end, "\n") for e in doc.ents] == [e.text for e in pipeline(lf).ents] == ["Casa\nRosada"]


def test_the_context_of_nlp_pipe_as_tuples_stays_with_a_cleaned_text():
    pipeline = _cleaning_pipeline([{"label": "LOC", "pattern": "Lima"}])
    texts = [("<code><pre>in Lima , then</pre></code>", "page"), ("in Lima, then\r\n", "crlf"), ("in Lima", "plain")]
    found = [(context, [e.text for e in doc.ents], doc.text == text) for (doc, context), (text, _) in
             zip(pipeline.pipe(texts, as_tuples=True), texts)]
    assert found == [("page", ["Lima"], True), ("crlf", ["Lima"], True), ("plain", ["Lima"], True)]


def test_a_text_with_nothing_to_clean_is_the_doc_the_model_read():
    pipeline = _cleaning_pipeline([{"label": "LOC", "pattern": "Lima"}])
    doc = pipeline("Halvorsen met Ostrovic in Lima.")
    assert [(e.text, e.start_char) for e in doc.ents] == [("Lima", 26)] and doc.has_annotation("ENT_IOB")


def test_span_rules_store_the_data_they_read_in_the_pipeline_folder(tmp_path):
    from cable_ner.rules.data import RuleData

    pipeline = spacy.blank("en")
    pipeline.add_pipe("span_rules", config={"rules": {"relabel_country_names": True}, "labels": list(LABELS)})
    pipeline.to_disk(tmp_path / "model")
    stored = RuleData.from_json(srsly.read_json(tmp_path / "model" / "span_rules" / "rule_data.json"))
    assert stored == RuleData.from_packages() and "UK" in stored.country_short_forms and "GOI" in stored.government_acronyms
    small = RuleData(frozenset({"ruritania"}), frozenset({"RU"}), frozenset({"GOR"}))
    srsly.write_json(tmp_path / "model" / "span_rules" / "rule_data.json", small.to_json())
    loaded = spacy.load(tmp_path / "model")
    doc = loaded.make_doc("the GOR and Ruritania and the UK")
    doc.set_ents([doc.char_span(4, 7, "LOC"), doc.char_span(12, 21, "PER"), doc.char_span(30, 32, "ORG")])
    assert entities(loaded(doc)) == [("GOR", "ORG"), ("Ruritania", "LOC"), ("UK", "ORG")]  # its own data, not the packages'
