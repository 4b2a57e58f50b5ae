"""The components that ship in the wheel: markup tokens, markup blocking, consistency, upper-casing."""
import random

import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example

import cable_ner.components as components
import cable_ner.training as training

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


def test_consistency_propagates_a_tagged_name_to_its_other_mentions(nlp):
    consistency = components.CableConsistency()
    doc = _doc_with(nlp, "Halvorsen met Lima officials . Later Halvorsen left . SUBJECT : HALVORSEN VISITS", [(0, 1, "PER")])
    assert entities(consistency(doc)) == [("Halvorsen", "PER"), ("Halvorsen", "PER"), ("HALVORSEN", "PER")]


def test_consistency_gives_one_label_per_name(nlp):
    consistency = components.CableConsistency(propagate=False)
    doc = _doc_with(nlp, "Ostrovic and Ostrovic and Ostrovic", [(0, 1, "PER"), (2, 1, "ORG"), (4, 1, "PER")])
    assert entities(consistency(doc)) == [("Ostrovic", "PER")] * 3
    tie = _doc_with(nlp, "Jordan and Jordan", [(0, 1, "PER"), (2, 1, "LOC")])
    assert entities(consistency(tie)) == [("Jordan", "PER"), ("Jordan", "LOC")]


def test_consistency_changes_nothing_where_the_model_tagged_nothing(nlp):
    doc = _doc_with(nlp, "The talks in the capital went on . Halvorsen left .", [])
    assert entities(components.CableConsistency()(doc)) == []


def test_consistency_does_not_copy_junk_or_common_words(nlp):
    consistency = components.CableConsistency()
    doc = _doc_with(nlp, "- said that - and that Women met . women agree - that", [(0, 1, "ORG"), (2, 1, "PER"), (6, 1, "PER")])
    assert entities(consistency(doc)) == [("-", "ORG"), ("that", "PER"), ("Women", "PER")]


def test_consistency_leaves_a_name_inside_a_longer_name_alone(nlp):
    doc = _doc_with(nlp, "Danish people and the Danish National Army", [(0, 1, "MISC")])
    assert entities(components.CableConsistency()(doc)) == [("Danish", "MISC")]


def test_consistency_can_be_switched_off_in_the_config(nlp):
    nlp.add_pipe("cable_consistency", config={"relabel": False, "propagate": False})
    doc = _doc_with(nlp, "Ostrovic and Ostrovic", [(0, 1, "PER"), (2, 1, "ORG")])
    assert entities(nlp.get_pipe("cable_consistency")(doc)) == [("Ostrovic", "PER"), ("Ostrovic", "ORG")]


def test_upper_case_augmenter_adds_upper_cased_copies_with_the_same_entities(nlp):
    reference = _doc_with(nlp, "Halvorsen met officials in Lima .", [(0, 1, "PER"), (4, 1, "LOC")])
    example = Example(nlp.make_doc(reference.text), reference)
    augment = training.create_upper_case_augmenter(level=1.0)
    original, upper = list(augment(nlp, example))
    assert original is example
    assert upper.reference.text == "HALVORSEN MET OFFICIALS IN LIMA ."
    assert [(e.text, e.label_) for e in upper.reference.ents] == [("HALVORSEN", "PER"), ("LIMA", "LOC")]
    assert list(training.create_upper_case_augmenter(level=0.0)(nlp, example)) == [example]
