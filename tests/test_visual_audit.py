"""The visual audit leads with what is wrong: a summary, then the cables that disagree most, marked."""
import re

from cable_ner.audit.review import CableView, Review, compare_paragraph, sentence_ranges
from cable_ner.audit.rule_audit import Audit
from cable_ner.audit.visual import PALETTE, ROLE_COLORS, label_color, visual_audit_html
from cable_ner.markup import Span, parse_markup

from conftest import LABELS


def cable(cable_id: str, text: str, predicted, reference) -> CableView:
    view = CableView(cable_id, "gold")
    view.scores.add(reference, predicted)
    view.sentences = compare_paragraph(text, predicted, reference)
    return view


TEXT = "Halvorsen met officials in Lima. The Ministry of Finance agreed.\nOrtega left for Quito."
RIGHT = [Span(0, 9, "PER"), Span(27, 31, "LOC"), Span(37, 56, "ORG"), Span(65, 71, "PER"), Span(81, 86, "LOC")]


def test_only_disagreeing_sentences_are_kept_with_each_problem_named():
    predicted = [Span(0, 9, "PER"), Span(27, 31, "ORG"), Span(41, 56, "ORG"), Span(72, 76, "LOC"), Span(81, 86, "LOC")]
    sentences = compare_paragraph(TEXT, predicted, RIGHT)
    assert [s.text.strip() for s in sentences] == [
        "Halvorsen met officials in Lima.", "The Ministry of Finance agreed.", "Ortega left for Quito."]
    problems = [sorted((e.label, e.problem) for e in s.predicted + s.reference if e.problem) for s in sentences]
    assert problems[0] == [("LOC", "label"), ("ORG", "label")]
    assert problems[1] == [("ORG", "boundary"), ("ORG", "boundary")]
    assert problems[2] == [("LOC", "spurious"), ("PER", "missed")]
    assert compare_paragraph(TEXT, RIGHT, RIGHT) == []


def test_a_sentence_never_cuts_an_entity():
    text = "Talks with Gen. Ortega ended. Then U.S. Ambassador spoke."
    assert any(end == 16 for _, end in sentence_ranges(text, []))  # "Gen. " ends a sentence on its own
    ranges = sentence_ranges(text, [Span(11, 22, "PER")])
    assert any(start <= 11 and 22 <= end for start, end in ranges)


def test_the_page_opens_with_a_summary_then_the_cable_that_disagrees_most():
    review = Review(n_cables=2)
    review.add(cable("01PERFECT1", TEXT, RIGHT, RIGHT))
    review.add(cable("02WORST2", TEXT, [Span(0, 9, "LOC")], RIGHT))
    review.add(cable("03SOME3", TEXT, RIGHT[:-1], RIGHT))
    assert [c.cable_id for c in review.cables] == ["02WORST2", "03SOME3"]  # the perfect cable is not shown
    rules = {"has_gold": True, "rules": {"strip_titles": {"changes": 3, "repaired": 2, "broken": 1, "examples": {
        "broken": [{"cable": "04X1", "text": "the Council of Ministers met", "before": [[4, 24, "ORG"]], "after": [[4, 11, "ORG"]]}]}}}}
    page = visual_audit_html(review, rules)
    summary, cables, rule_section = page.index("id='summary'"), page.index("id='cables'"), page.index("id='rules'")
    assert summary < page.index("<table") < cables < rule_section
    first_cable = re.search(r"<h3 id='cable-([^']+)'>", page).group(1)
    assert first_cable == "02WORST2" and page.index("<span class='problem'>missed</span>") > cables
    assert "<a href='#rule-strip_titles'>strip_titles</a>" in page and "id='rule-strip_titles'" in page
    assert "against gold: 0 right, 1 spurious, 5 missed" in page
    assert page.startswith("<!DOCTYPE html>")


def test_every_label_gets_a_colour_whatever_its_name():
    assert label_color("PERSON") == label_color("PER") == ROLE_COLORS["person"]
    assert label_color("GPE") == ROLE_COLORS["place"]
    assert label_color("WEAPON") in PALETTE and label_color("WEAPON") == label_color("WEAPON")
    review = Review(n_cables=1)
    review.add(cable("01X1", "Ann bought a Colt.", [Span(13, 17, "WEAPON")], [Span(0, 3, "PERSON")]))
    page = visual_audit_html(review, None)
    assert f"background:{label_color('WEAPON')}" in page and f"background:{ROLE_COLORS['person']}" in page


def test_rule_examples_start_and_end_at_word_boundaries():
    from cable_ner.rules import select_rules

    words = " ".join(f"word{n}" for n in range(30))
    silver = parse_markup(f"{words} and [PER President Halvorsen  ] said {words}")
    audit = Audit(select_rules("strip_titles"), LABELS)
    audit.add_cable("01X1", silver, None)
    example = audit.to_dict()["rules"]["strip_titles"]["examples"]["changed"][0]
    snippet = example["text"]
    start = silver.text.index(snippet)
    assert start == 0 or silver.text[start - 1] == " "
    end = start + len(snippet)
    assert end == len(silver.text) or silver.text[end] == " "
    assert snippet.split()[0].startswith("word") and snippet.split()[-1].startswith("word")


def test_the_audit_says_why_nothing_was_scored_against_gold():
    from cable_ner.rules import default_rules

    audit = Audit(default_rules(), LABELS, gold_given=True)
    audit.add_cable("01X1", parse_markup("[PER President Halvorsen  ] said"), None)
    figures = audit.to_dict()
    assert figures["has_gold"] is False and "no gold file matched the names of these 1 cables" in figures["no_gold_reason"]
    assert figures["rules"]["strip_titles"]["repaired"] is None and figures["rules"]["strip_titles"]["changes"] == 1
    page = visual_audit_html(Review(0), figures)
    assert "n/a" in page and "no gold file matched" in page
