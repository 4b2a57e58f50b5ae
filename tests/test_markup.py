import pytest

from cable_ner.markup import MarkupError, Span, parse_markup, read_cable_file, read_gold_file, write_markup


def test_parse_simple_entities():
    parsed = parse_markup("( C ) [PER Halvorsen  ] met [LOC Lima  ] officials")
    assert parsed.text == "( C ) Halvorsen met Lima officials"
    assert [(parsed.span_text(s), s.label) for s in parsed.spans] == [("Halvorsen", "PER"), ("Lima", "LOC")]


def test_whitespace_before_closing_bracket_means_nothing():
    assert parse_markup("[PER Halvorsen ]’s").text == parse_markup("[PER Halvorsen      ]’s").text == "Halvorsen’s"


def test_entity_may_end_inside_a_word_and_span_newlines():
    parsed = parse_markup("[LOC WASHDC ]C and [PER Jihad\nAzour ] said")
    assert parsed.text == "WASHDCC and Jihad\nAzour said"
    assert parsed.span_text(parsed.spans[1]) == "Jihad\nAzour"


def test_configured_label_set():
    parsed = parse_markup("[GPE Paris  ] and [PER Ann  ]", labels=("GPE", "PER"))
    assert [s.label for s in parsed.spans] == ["GPE", "PER"]


@pytest.mark.parametrize(
    "markup,problem,line,column",
    [
        ("ok\nsee [PER Halvorsen and more", "entity '[PER' opened at line 2, column 5 is not closed before the end", 2, 28),
        ("text\n  [PERS Halvorsen  ] more", "unknown label 'PERS'", 2, 3),
        ("[PER Halvorsen [LOC Lima ] ]", "entity '[PER' opened at line 1, column 1 is not closed before the next '['", 1, 16),
        ("a [PER   ] b", "empty entity", 1, 3),
        ("a\n\n  [FOO bar ]", "unknown label 'FOO'", 3, 3),
        ("[PER Halvorsen [sic] said [LOC Lima ]", "not closed before the next '['", 1, 27),
    ],
)
def test_malformed_markup_is_located(markup, problem, line, column):
    with pytest.raises(MarkupError) as info:
        parse_markup(markup, source="cable.txt")
    error = info.value
    assert problem in error.problem
    assert (error.source, error.line, error.column) == ("cable.txt", line, column)
    assert str(error).startswith(f"cable.txt:{line}:{column}: ")
    assert error.hint


@pytest.mark.parametrize(
    "markup,text,entities",
    [
        # press redactions and editors' insertions
        ("[PER Halvorsen  ] met [NAME REMOVED] in [LOC Lima  ]", "Halvorsen met [NAME REMOVED] in Lima",
         [("Halvorsen", "PER"), ("Lima", "LOC")]),
        ("[DETAILS REMOVED] and [TEXT REMOVED BY THE DAILY HERALD]", "[DETAILS REMOVED] and [TEXT REMOVED BY THE DAILY HERALD]", []),
        ("support for [the U.S.] position [sic] and [...]", "support for [the U.S.] position [sic] and [...]", []),
        # source notes, also across a line break
        ("oil output rose [Gulf Energy\nWeekly, 3/4/2009]", "oil output rose [Gulf Energy\nWeekly, 3/4/2009]", []),
        # the tagger's markup next to and inside brackets that are text
        ("[[LOC Libya  ]] and [the [LOC U.S.  ]]", "[Libya] and [the U.S.]", [("Libya", "LOC"), ("U.S.", "LOC")]),
        ("[LOC Libya  ][sic] then ]", "Libya[sic] then ]", [("Libya", "LOC")]),
        # a bracket inside an entity is the entity's text
        ("the [ORG Ministry [of Finance  ] said", "the Ministry [of Finance said", [("Ministry [of Finance", "ORG")]),
        ("[MISC Act [sic]  ] passed", "Act [sic] passed", [("Act [sic]", "MISC")]),
        # a label outside the set, not in the tagger's shape, is text
        ("[Per Halvorsen  ] and [NAME REMOVED]x", "[Per Halvorsen  ] and [NAME REMOVED]x", []),
    ],
)
def test_brackets_that_are_text_stay_text(markup, text, entities):
    parsed = parse_markup(markup)
    assert parsed.text == text
    assert [(parsed.span_text(span), span.label) for span in parsed.spans] == entities
    assert write_markup(parsed.text, parsed.spans, closer="  ]") == markup
    again = parse_markup(write_markup(parsed.text, parsed.spans))
    assert (again.text, again.spans) == (parsed.text, parsed.spans)


@pytest.mark.parametrize(
    "text,spans,problem",
    [
        ("a [PER b", [Span(0, 1, "LOC")], "opener"),
        ("Lima ] x", [Span(0, 6, "LOC")], "before a ']'"),
        (" Lima", [Span(0, 5, "LOC")], "edge"),
    ],
)
def test_the_writer_refuses_what_the_format_cannot_hold(text, spans, problem):
    with pytest.raises(ValueError, match="cannot hold"):
        write_markup(text, spans)


def test_write_then_parse_round_trip():
    text = "Halvorsen’s vision of a UN Special Envoy"
    spans = [Span(0, 9, "PER"), Span(24, 26, "ORG")]
    markup = write_markup(text, spans)
    assert markup == "[PER Halvorsen ]’s vision of a [ORG UN ] Special Envoy"
    parsed = parse_markup(markup)
    assert parsed.text == text and parsed.spans == spans
    tagger_style = write_markup(text, spans, closer="  ]")
    assert parse_markup(tagger_style).spans == spans


def test_markup_to_spans_to_markup_round_trip_on_seed(seed_path):
    original = seed_path.read_text(encoding="utf8")
    parsed = read_cable_file(seed_path)
    assert write_markup(parsed.text, parsed.spans, closer="  ]") == original


def test_file_errors(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("ok\n[PER Jos\xe9  ]".encode("latin-1"))
    with pytest.raises(MarkupError) as info:
        read_cable_file(bad)
    assert (info.value.line, info.value.column) == (2, 9) and "UTF-8" in info.value.problem
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02")
    with pytest.raises(MarkupError, match="binary"):
        read_cable_file(binary)
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeff[PER Ann  ] left\r\n".encode("utf8"))
    parsed = read_cable_file(bom)
    assert parsed.text == "Ann left\r\n" and parsed.spans == [Span(0, 3, "PER")]


def test_leading_whitespace_inside_the_brackets_is_text_outside_the_entity():
    parsed = parse_markup("a [PER   Halvorsen  ] b")
    assert parsed.text == "a   Halvorsen b"
    assert parsed.spans == [Span(4, 13, "PER")]


def test_an_entity_left_open_names_where_it_opened_and_where_the_problem_showed():
    with pytest.raises(MarkupError) as info:
        parse_markup("( C ) a\n[PER Foo Bar met\n[LOC Lima ] today", source="cable.txt")
    error = info.value
    assert (error.line, error.column) == (3, 1) and error.opened == (2, 1)
    assert "opened at line 2, column 1 is not closed before the next '[' at line 3, column 1" in str(error)
    assert error.as_record()["opened_line"] == 2 and error.as_record()["opened_column"] == 1


def test_a_gold_file_must_hold_its_silver_files_text(tmp_path):
    silver = parse_markup("[PER Ann  ] met\nofficials in [LOC Lima  ] today")
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text("[PER Ann ] met\nofficials in [LOC Lima ] today", encoding="utf8")
    bad.write_text("[PER Ann ] met\nofficials in [LOC Lima ] tonight", encoding="utf8")
    assert read_gold_file(good, silver).spans == silver.spans
    with pytest.raises(MarkupError) as info:
        read_gold_file(bad, silver)
    assert (info.value.source, info.value.line, info.value.column) == (str(bad), 2, 28)
    assert "differs" in info.value.problem


def test_an_empty_file_is_a_bad_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n", encoding="utf8")
    with pytest.raises(MarkupError, match="empty file"):
        read_cable_file(empty)
