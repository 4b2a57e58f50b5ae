from cable_ner.cable_text import OffsetMap, apply_edits, clean_cable, find_edits, paragraphs
from cable_ner.markup import Span, parse_markup

RAW = (
    "<code><pre>S E C R E T SECTION 01 OF 03 [LOC LIMA  ] 004711 SIPDIS "
    "<a id='par1' href='#par1'>¶</a>1 . \n( C ) [PER Halvorsen  ] , [PER Ostrovic  ] and the "
    "“opposition , ” met in [LOC Lima  ] . <a id='par2' href='#par2'>¶</a>2 . \n( C ) "
    "talks with the [ORG UNDP  ] team [LOC LIMA  ] 00004711 002 OF 003 resumed in [LOC Cusco  ] .</pre></code>"
)


def test_cleaning_removes_noise_and_keeps_offsets():
    parsed = parse_markup(RAW)
    cleaned = clean_cable(parsed.text, parsed.spans)
    assert "<code>" not in cleaned.text and "</pre>" not in cleaned.text
    assert "<a id" not in cleaned.text and "¶1. \n(C) Halvorsen, Ostrovic and" in cleaned.text
    assert cleaned.text.startswith("S E C R E T SECTION")
    # Page-break headers stay, as in published raw cables; their city is a LOC.
    assert "talks with the UNDP team LIMA 00004711 002 OF 003 resumed in Cusco." in cleaned.text
    kept = [(cleaned.text[s.start : s.end], s.label) for s in cleaned.spans]
    assert kept == [("LIMA", "LOC"), ("Halvorsen", "PER"), ("Ostrovic", "PER"), ("Lima", "LOC"), ("UNDP", "ORG"), ("LIMA", "LOC"),
                    ("Cusco", "LOC")]
    assert cleaned.dropped == []


def test_a_span_that_loses_characters_to_an_edit_is_dropped_with_its_reason():
    parsed = parse_markup("<code><pre>a [PER Ann</pre></code>  ] left")
    cleaned = clean_cable(parsed.text, parsed.spans)
    assert cleaned.spans == [] and [(parsed.span_text(s), reason) for s, reason in cleaned.dropped] == [("Ann</pre></code>", "html_wrapper")]


def test_spaces_inside_a_span_may_go_but_the_span_stays():
    parsed = parse_markup("the [LOC U.S. ( North )  ] side")
    cleaned = clean_cable(parsed.text, parsed.spans)
    assert cleaned.text == "the U.S. (North) side"
    assert [cleaned.text[s.start : s.end] for s in cleaned.spans] == ["U.S. (North)"]


def test_paragraphs_split_at_blank_lines():
    text = "head\n\n¶1. one\ntwo\n\n  \n¶2. three  "
    assert [text[s:e] for s, e in paragraphs(text)] == ["head", "¶1. one\ntwo", "¶2. three"]


def test_offset_map_takes_cleaned_offsets_back_to_the_text_as_given():
    page = "<code><pre>Kabul , Herat\r\nsaid <a id='par1' href='#par1'>¶</a>1 .</pre></code> "
    edits = find_edits(page)
    assert {edit.reason for edit in edits} == {"html_wrapper", "tagger_spacing", "line_ends", "paragraph_anchor"}
    cleaned = apply_edits(page, [], edits).text
    assert cleaned == "Kabul, Herat\nsaid \n\n¶1. "
    offsets = OffsetMap(edits)
    pieces = {word: page[offsets.start(cleaned.index(word)) : offsets.end(cleaned.index(word) + len(word))]
              for word in ("Kabul", ",", "Herat", "said", "¶1.")}
    assert pieces == {"Kabul": "Kabul", ",": ",", "Herat": "Herat", "said": "said", "¶1.": "<a id='par1' href='#par1'>¶</a>1 ."}
    assert OffsetMap([]).start(7) == 7 and offsets.end(len(cleaned) - 1) == len(page) - len("</pre></code> ")


def test_the_page_form_of_a_text_cleans_back_to_it_with_its_spans():
    from cable_ner.sample.page import TEXT_FORMS

    text = "SUBJECT: talks\n\n¶1. (C) The U.S. and Spanta, here.\n\n¶2. Karzai said: no."
    spans = [Span(text.index(name), text.index(name) + len(name), "X") for name in ("U.S.", "Spanta", "Karzai")]
    for form, as_form in TEXT_FORMS.items():
        given, moved = as_form(text, spans)
        assert [given[s.start : s.end] for s in moved] == ["U.S.", "Spanta", "Karzai"], form
        cleaned = clean_cable(given, moved)
        assert [cleaned.text[s.start : s.end] for s in cleaned.spans] == ["U.S.", "Spanta", "Karzai"] and not cleaned.dropped
        assert " ".join(cleaned.text.split()) == " ".join(text.split()), form
    page, _ = TEXT_FORMS["page"](text, spans)
    assert page.startswith("<code><pre>SUBJECT: talks <a id='par1' href='#par1'>¶</a>1 . (C ) The U.S. and Spanta , here .")
