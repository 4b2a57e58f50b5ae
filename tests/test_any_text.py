"""The span rules on any text: line ends of any kind, and text that is no cable."""
from pathlib import Path

import pytest

from cable_ner.markup import Span, cable_files, read_cable_file
from cable_ner.rules import apply_rules, default_rules

from conftest import LABELS, SAMPLE_DIR

NOT_CABLES = [
    # news prose
    "The minister arrived in the capital on Tuesday and met the president for two hours.",
    "Officials said the talks would resume next week, although neither side gave details.",
    "Rain delayed the harvest across the northern provinces, farmers told reporters.",
    "The central bank kept its main rate unchanged and said inflation would ease by spring.",
    "A spokesman for the ministry declined to comment on the report.\nHe said a statement would follow.",
    "Voters queued for hours outside polling stations, and turnout was higher than expected.",
    "The company said profits rose sharply in the third quarter on strong demand for its trucks.",
    "Aid agencies warned that the road to the border remained closed after the floods.",
    # all-caps prose
    "THE MINISTER CALLED FOR CALM AND ASKED FOR RELIEF. THE DCM SAID THE ADMIN WILL RESPOND.",
    "ALL FLIGHTS ARE CANCELLED UNTIL FURTHER NOTICE.\nPASSENGERS SHOULD CONTACT THEIR AIRLINE.",
    "THE COMMITTEE WILL MEET AGAIN IN MARCH TO REVIEW THE BUDGET AND THE STAFFING PLAN.",
    "PRICES FELL FOR A THIRD MONTH AS FUEL COSTS DROPPED.\nANALYSTS EXPECT A RECOVERY.",
    "HIV/AIDS PROGRAMS AND US/EU TRADE TALKS WERE DISCUSSED. N/A WAS ENTERED FOR THE REST.",
    "NO CHANGE IN THE SCHEDULE.\nREPORTS TO FOLLOW.\nEND",
    "THE BOARD APPROVED THE MERGER AFTER A LONG DEBATE ABOUT JOBS AND WAGES.",
    "WEATHER WARNING FOR THE COAST: HIGH WINDS AND HEAVY RAIN EXPECTED OVERNIGHT.",
    # short lines, lists, forms
    "Agenda\n1. Opening\n2. Budget\n3. Other business\nClose",
    "Name:\nDate:\nSignature:\nAPPROVED",
    "Shopping list\nbread\nmilk\nEGGS",
    "Minutes of the meeting\nPresent: all members\nApologies: none\nNEXT MEETING",
    "Q: When does it open?\nA: At nine.\nQ: And close?\nA: At five.\nTHANKS",
    "Item / Count / Notes\nchairs / 12 / spare\ntables / 3 / N/A\nTOTAL",
    "Re: your letter\nThank you for writing.\nRegards\nHARRIS",
    "Title Page\nChapter One\nChapter Two\nIndex",
    # other languages
    "Le ministre est arrivé mardi dans la capitale et a rencontré le président pendant deux heures.",
    "Los funcionarios dijeron que las conversaciones se reanudarían la próxima semana.",
    "Die Regierung kündigte neue Maßnahmen an, um die Preise für Energie zu senken.",
    "O presidente visitou as regiões afetadas pelas chuvas e prometeu ajuda rápida.",
    "Il comitato si riunirà di nuovo a marzo per discutere il bilancio.",
    "De minister zei dat de onderhandelingen volgende week worden hervat.",
    "LA REUNIÓN TERMINÓ SIN ACUERDO.\nLOS DELEGADOS VOLVERÁN MAÑANA.",
    "Президент встретился с министром во вторник.",
]


def test_the_rules_add_no_entity_to_text_that_is_no_cable():
    rules = default_rules()
    assert len(NOT_CABLES) >= 30
    for text in NOT_CABLES:
        assert apply_rules(text, [], rules).spans == [], text


def test_the_rules_add_no_entity_beside_the_ones_a_model_found_in_text_that_is_no_cable():
    rules = default_rules()
    text = "The minister met Halvorsen on Tuesday.\nHalvorsen said the talks went well.\nHALVORSEN"
    found = [Span(17, 26, "PER")]
    assert apply_rules(text, found, rules).spans == found


def _with_line_ends(text: str, spans, line_end: str):
    """The text with its line ends replaced, and the spans moved with it."""
    moved, offsets, position = [], [], 0
    for char in text:
        offsets.append(position)
        position += len(line_end) if char == "\n" else 1
    offsets.append(position)
    new_text = text.replace("\n", line_end)
    return new_text, [Span(offsets[s.start], offsets[s.end], s.label) for s in spans], offsets


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_every_rule_reads_crlf_and_cr_as_lf(line_end):
    rules = default_rules()
    checked = 0
    for path in sorted(cable_files(SAMPLE_DIR / "silver"))[:40]:
        silver = read_cable_file(path, LABELS)
        fixed_lf = apply_rules(silver.text, silver.spans, rules).spans
        text, spans, offsets = _with_line_ends(silver.text, silver.spans, line_end)
        fixed_other = apply_rules(text, spans, rules).spans
        assert fixed_other == [Span(offsets[s.start], offsets[s.end], s.label) for s in fixed_lf], path.name
        checked += len(fixed_lf)
    assert checked > 500
