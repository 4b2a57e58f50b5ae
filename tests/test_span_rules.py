"""Each rule's registered examples hold, and the runner records what every rule changed."""
import pytest

from cable_ner.markup import parse_markup, write_markup
from cable_ner.rules import DEFAULT_RULES, RULES, apply_rules, default_rules, select_rules
from cable_ner.rules.registry import span_rule
from cable_ner.tagger_errors import ERROR_TYPES

EXAMPLES = [(rule.name, example.tagger, example.fixed) for rule in RULES.values() for example in rule.examples]


def run(rule_name: str, markup: str) -> str:
    parsed = parse_markup(markup)
    result = apply_rules(parsed.text, parsed.spans, [RULES[rule_name]])
    return write_markup(parsed.text, result.spans)


@pytest.mark.parametrize("rule_name,tagger,fixed", EXAMPLES)
def test_registered_example(rule_name, tagger, fixed):
    assert run(rule_name, tagger) == fixed


def test_every_rule_is_registered_with_what_it_repairs_and_an_example_that_changes_something():
    assert set(RULES) == set(DEFAULT_RULES)
    for rule in RULES.values():
        assert rule.summary and rule.repairs and set(rule.repairs) <= set(ERROR_TYPES), rule.name
        changing = [e for e in rule.examples if parse_markup(e.tagger).spans != parse_markup(e.fixed).spans]
        assert changing, f"{rule.name} has no example that it changes"
        assert "Examples (tagger -> fixed)" in rule.function.__doc__


def test_registration_refuses_unknown_error_types_and_rules_without_examples():
    with pytest.raises(ValueError, match="no_such_error"):
        span_rule(repairs=("no_such_error",), examples=[("a", "a")])
    with pytest.raises(ValueError):
        span_rule(repairs=("wrong_label",), examples=[])


def test_rule_settings():
    assert [rule.name for rule in select_rules("default")] == list(DEFAULT_RULES)
    assert select_rules("none") == []
    assert [rule.name for rule in select_rules("trim_edge_punctuation, vote_labels_in_cable")] == [
        "trim_edge_punctuation", "vote_labels_in_cable"]
    with pytest.raises(ValueError, match="no_such_rule"):
        select_rules("no_such_rule")
    with pytest.raises(ValueError):
        select_rules("")


def test_changes_are_recorded_per_rule():
    parsed = parse_markup("[LOC Bolivia.  ] and [MISC Peru’s  ] role")
    result = apply_rules(parsed.text, parsed.spans, select_rules("trim_edge_punctuation,split_off_possessive"))
    assert result.counts() == {"trim_edge_punctuation": 1, "split_off_possessive": 1}
    change = result.changes[1]
    assert [parsed.text[s.start : s.end] for s in change.before] == ["Peru’s"]
    assert [(parsed.text[s.start : s.end], s.label) for s in change.after] == [("Peru", "LOC")]


def test_default_rules_repair_a_cable_with_several_errors():
    markup = ("SUBJECT: TREVANE MEETS [PER HALVORSEN  ] \n( [ORG SBU  ] ) [ORG Foreign Minister Halvorsen  ] told "
              "[PER Laura Trevane  ] that [MISC Peru’s  ] envoy left [LOC Lima.  ] \nHalvorsen’s aide agreed .")
    parsed = parse_markup(markup)
    fixed = apply_rules(parsed.text, parsed.spans, default_rules())
    assert write_markup(parsed.text, fixed.spans) == (
        "SUBJECT: [PER TREVANE ] MEETS [PER HALVORSEN ] \n( SBU ) Foreign Minister [PER Halvorsen ] told "
        "[PER Laura Trevane ] that [LOC Peru ]’s envoy left [LOC Lima ]. \n[PER Halvorsen ]’s aide agreed ."
    )
