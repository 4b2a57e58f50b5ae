from cable_ner.cable_text import clean_cable, paragraphs
from cable_ner.markup import parse_markup

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
