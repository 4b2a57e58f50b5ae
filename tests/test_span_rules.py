"""Each rule: cases it must change and cases it must leave alone (written in bracket markup)."""
import pytest

from scripts.markup import parse_markup, write_markup
from scripts.span_rules import DEFAULT_RULES, RULES, apply_rules, parse_rule_list


def run(rule_name: str, markup: str) -> str:
    parsed = parse_markup(markup)
    result = apply_rules(parsed.text, parsed.spans, [rule_name])
    return write_markup(parsed.text, result.spans)


CASES = [
    # (rule, tagger markup, expected gold-style markup)
    ("drop_metadata", "TAGS PGOV , PREL , [PER ECON  ] , IR SUBJECT: x", "TAGS PGOV , PREL , ECON , IR SUBJECT: x"),
    ("drop_metadata", "( [ORG SBU  ] ) The [ORG UN  ]", "( SBU ) The [ORG UN ]"),
    ("drop_metadata", "( [ORG Note:  ] The [MISC British  ] have", "( Note: The [MISC British ] have"),
    ("drop_metadata", "[LOC Nepal  ] and [ORG SIPDIS  ]", "[LOC Nepal ] and SIPDIS"),
    ("cut_trailing_non_name_words", "[MISC IRAN Classified By: Charge  ] x", "[MISC IRAN ] Classified By: Charge x"),
    ("cut_trailing_non_name_words", "[PER Richard Boucher’s August  ] 27", "[PER Richard Boucher ]’s August 27"),
    ("cut_trailing_non_name_words", "that [MISC Saudi leaders  ] are", "that [MISC Saudi ] leaders are"),
    ("trim_edge_punctuation", "in [LOC Afghanistan.”  ] He", "in [LOC Afghanistan ].” He"),
    ("trim_edge_punctuation", "the [ORG Party.  ]", "the [ORG Party ]."),
    ("trim_edge_punctuation", "“[MISC Afghan  ] way", "“[MISC Afghan ] way"),
    ("split_off_possessive", "[MISC Iran’s  ] role", "[LOC Iran ]’s role"),
    ("split_off_possessive", "[PER Boucher  ] met [MISC Boucher’s  ] aide", "[PER Boucher ] met [PER Boucher ]’s aide"),
    ("strip_titles", "and [ORG National Security Advisor Rassoul  ] spanned", "and National Security Advisor [PER Rassoul ] spanned"),
    ("strip_titles", "Deputy Secretary of [LOC State Negroponte  ] ,", "Deputy Secretary of State [PER Negroponte ] ,"),
    ("strip_titles", "[ORG Pakistani National Security Advisor Aziz  ] .", "[MISC Pakistani ] National Security Advisor [PER Aziz ] ."),
    ("strip_titles", "a [ORG UN Special  ] Envoy", "a [ORG UN ] Special Envoy"),
    ("strip_titles", "[PER President  ] said", "President said"),
    ("drop_heading_words", "cooperation ------ [ORG REGIONAL ECONOMIC COOPERATION  ] ------ regional economic",
     "cooperation ------ REGIONAL ECONOMIC COOPERATION ------ regional economic"),
    ("drop_heading_words", "TAGS ECON SUBJECT: [PER KARZAI  ] ON [LOC ECON COOPERATION  ] \nthe cooperation",
     "TAGS ECON SUBJECT: [PER KARZAI ] ON ECON COOPERATION \nthe cooperation"),
    ("merge_split_names", "the newly formed [MISC Republican  ] [ORG Party  ] .", "the newly formed [ORG Republican Party ] ."),
    ("merge_split_names", "of [MISC South Asian Association  ] for [ORG Regional Cooperation  ] .",
     "of [ORG South Asian Association for Regional Cooperation ] ."),
    ("merge_split_names", "the [PER Dunlap  ] [ORG Group  ] said", "the [ORG Dunlap Group ] said"),
    ("extend_person_names", "When Sher [PER Mohammad  ] was governor", "When [PER Sher Mohammad ] was governor"),
    ("extend_person_names", "Minister Jihad\n[PER Azour  ] alerted us", "Minister [PER Jihad\nAzour ] alerted us"),
    ("extend_person_names", "said , “ Elena D. [PER Gonzalez  ] is", "said , “ [PER Elena D. Gonzalez ] is"),
    ("extend_person_names", "officers met bin [PER Ali  ] , head", "officers met [PER bin Ali ] , head"),
    ("extend_person_names", "month . Milosz [PER Dyrek  ] added", "month . [PER Milosz Dyrek ] added"),
    ("relabel_by_head_word", "celebrate [ORG Pakistani Independence Day  ] .", "celebrate [MISC Pakistani Independence Day ] ."),
    ("relabel_by_head_word", "within the [ORG Tribal Areas  ] would", "within the [LOC Tribal Areas ] would"),
    ("relabel_by_head_word", "within the [ORG Tribal\nAreas  ] would", "within the [LOC Tribal\nAreas ] would"),
    ("vote_labels_in_cable", "[PER Qanooni  ] and [ORG Qanooni  ] and [PER Qanooni  ]", "[PER Qanooni ] and [PER Qanooni ] and [PER Qanooni ]"),
    ("propagate_cable_names", "[PER Karzai  ] spoke . Karzai’s vision", "[PER Karzai ] spoke . [PER Karzai ]’s vision"),
    ("propagate_cable_names", "SUBJECT: BOUCHER AND [PER KARZAI  ] \n[PER Boucher  ] said", "SUBJECT: [PER BOUCHER ] AND [PER KARZAI ] \n[PER Boucher ] said"),
    ("propagate_cable_names", "[PER Christopher Dell  ] wrote .\nDELL", "[PER Christopher Dell ] wrote .\n[PER DELL ]"),
    ("propagate_cable_names", "[PER Melikkan Safak-Soylu  ] left ; Melikkan\nSafak-Soylu’s remarks",
     "[PER Melikkan Safak-Soylu ] left ; [PER Melikkan\nSafak-Soylu ]’s remarks"),
    ("tag_routing_header", "DEPT FOR SCA/FO DAS GASTRIGHT TAGS PGOV", "DEPT FOR [ORG SCA/FO ] DAS [PER GASTRIGHT ] TAGS PGOV"),
]

UNCHANGED = [
    ("drop_metadata", "[ORG UN  ] and [LOC Nepal  ]"),
    ("cut_trailing_non_name_words", "the [ORG People's Party  ] won"),
    ("cut_trailing_non_name_words", "the [ORG Ministry of Foreign Affairs  ] said"),
    ("trim_edge_punctuation", "the [LOC U.S.  ] and [LOC U.K.  ] media"),
    ("split_off_possessive", "the [ORG Taliban  ] said"),
    ("strip_titles", "the [ORG UN General Assembly  ] and the [ORG National Security Council  ]"),
    ("strip_titles", "the [ORG Lower House  ] Speaker [PER Qanooni  ] said"),
    ("drop_heading_words", "------ ROLE OF [LOC IRAN  ] ------ and Iran"),
    ("drop_heading_words", "SUBJECT: [ORG CENTRAL BANK  ] REQUESTS\nthe central government and the Central Bank"),
    ("merge_split_names", "[LOC Iran  ] and [LOC Russia  ]"),
    ("merge_split_names", "DEPT FOR [ORG AID/DCHA  ] [ORG NSC  ] FOR"),
    ("merge_split_names", "the [MISC Afghan  ] [PER Karzai  ]"),
    ("extend_person_names", "When [PER Boucher  ] asked"),
    ("extend_person_names", "President [PER Karzai  ] said"),
    ("extend_person_names", "notes by Sher\n\n[PER Mohammad  ] ruled"),  # a paragraph break between
    ("vote_labels_in_cable", "[PER Jordan  ] and [LOC Jordan  ]"),
    ("propagate_cable_names", "[MISC Afghan  ] people and the Afghan National Army"),
    ("propagate_cable_names", "in [LOC Kabul  ] .\nREF: A. KABUL 1234 B. STATE 5678\n"),
    ("propagate_cable_names", "[PER Safak-Soylu  ] left ; Melikkan\nSafak-Soylu’s remarks"),
    ("tag_routing_header", "TAGS PREL SUBJECT: NSC FOR SMITH"),
]


@pytest.mark.parametrize("rule_name,markup,expected", CASES)
def test_rule_changes(rule_name, markup, expected):
    assert run(rule_name, markup) == expected


@pytest.mark.parametrize("rule_name,markup", UNCHANGED)
def test_rule_leaves_alone(rule_name, markup):
    parsed = parse_markup(markup)
    assert run(rule_name, markup) == write_markup(parsed.text, parsed.spans)


def test_every_rule_has_a_docstring_with_an_example_and_a_test():
    tested = {case[0] for case in CASES}
    for name, function in RULES.items():
        assert function.__doc__ and "->" in function.__doc__, name
        assert name in tested, f"{name} has no test case"
    assert set(DEFAULT_RULES) == set(RULES)


def test_rule_settings():
    assert parse_rule_list("default") == list(DEFAULT_RULES)
    assert parse_rule_list("none") == []
    assert parse_rule_list("trim_edge_punctuation, vote_labels_in_cable") == ["trim_edge_punctuation", "vote_labels_in_cable"]
    with pytest.raises(ValueError, match="no_such_rule"):
        parse_rule_list("no_such_rule")


def test_changes_are_recorded_per_rule():
    parsed = parse_markup("[LOC Afghanistan.  ] and [MISC Iran’s  ] role")
    result = apply_rules(parsed.text, parsed.spans, ["trim_edge_punctuation", "split_off_possessive"])
    assert result.counts() == {"trim_edge_punctuation": 1, "split_off_possessive": 1}
    change = result.changes[1]
    assert [parsed.text[s.start : s.end] for s in change.before] == ["Iran’s"]
    assert [(parsed.text[s.start : s.end], s.label) for s in change.after] == [("Iran", "LOC")]


def test_routing_header_rule_cases():
    assert run("tag_routing_header", "DEPT FOR SCA/FO DAS GASTRIGHT , AID/ANE NSC FOR ABRAMS/DORAN E.O. 12958 TAGS x") == (
        "DEPT FOR [ORG SCA/FO ] DAS [PER GASTRIGHT ] , [ORG AID/ANE ] [ORG NSC ] FOR [PER ABRAMS ]/[PER DORAN ] E.O. 12958 TAGS x"
    )
    assert run("tag_routing_header", "[ORG NSC  ] FOR [ORG AHARRIMAN  ] TAGS") == "[ORG NSC ] FOR [PER AHARRIMAN ] TAGS"
    assert run("tag_routing_header", "FM AMEMBASSY BEIRUT\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 4686\nINFO RUEHEE/ARAB LEAGUE COLLECTIVE\n"
               "RHMFISS/CDR USCENTCOM MACDILL AFB FL\nE.O. 12958") == (
        "FM AMEMBASSY [LOC BEIRUT ]\nTO RUEHC/[ORG SECSTATE ] [LOC WASHDC ] IMMEDIATE 4686\nINFO RUEHEE/[ORG ARAB LEAGUE ] COLLECTIVE\n"
        "RHMFISS/CDR [ORG USCENTCOM ] MACDILL AFB FL\nE.O. 12958"
    )
    # Routing codes are no office symbols, and nothing after the routing lines is touched.
    assert run("tag_routing_header", "TO RUEHC/SECSTATE WASHDC TAGS PREL SUBJECT: NSC FOR SMITH") == (
        "TO RUEHC/[ORG SECSTATE ] [LOC WASHDC ] TAGS PREL SUBJECT: NSC FOR SMITH"
    )
