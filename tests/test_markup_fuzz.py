"""Property-based fuzzing of the reader: random markup parses with offsets that round-trip, or
raises the reader's own MarkupError, never another exception."""
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cable_ner.markup import MarkupError, _first_problem, _parse_well_formed, parse_markup, write_markup

LABELS = ("PER", "ORG", "LOC", "MISC")
piece = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.sampled_from(["[PER ", "[ORG ", "[LOC ", "[MISC ", "[FOO ", "[", "]", "  ]", " ]", "\n", "’s", "[PER", " "]),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(piece, max_size=25))
def test_random_markup_parses_or_raises_markup_error(pieces):
    markup = "".join(pieces)
    try:
        parsed = parse_markup(markup, LABELS)
    except MarkupError as error:
        assert error.line >= 1 and error.column >= 1 and error.problem
        return
    for span in parsed.spans:
        assert 0 <= span.start < span.end <= len(parsed.text)
        surface = parsed.text[span.start : span.end]
        assert surface.strip() == surface and surface
    # Writing the spans back and reading them again gives the same text and spans.
    again = parse_markup(write_markup(parsed.text, parsed.spans), LABELS)
    assert again.text == parsed.text and again.spans == parsed.spans


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="abc XYZ.,’\n", max_size=8),
            st.sampled_from(LABELS),
            st.text(alphabet="abcXYZ.-’", min_size=1, max_size=8),
        ),
        max_size=8,
    )
)
def test_well_formed_markup_round_trips_to_the_same_offsets(parts):
    markup = "".join(f"{before}[{label} {name}  ]" for before, label, name in parts)
    parsed = parse_markup(markup, LABELS)
    assert _parse_well_formed(markup, set(LABELS)) is not None  # the fast reader takes it
    assert [parsed.text[s.start : s.end] for s in parsed.spans] == [name for _, _, name in parts]
    assert [s.label for s in parsed.spans] == [label for _, label, _ in parts]


@settings(max_examples=400, deadline=None)
@given(st.lists(piece, max_size=25))
@example(["a ", "[PER ", "  Halvorsen", "  ]", " b"])  # leading whitespace inside the brackets
@example(["[LOC ", "Lima", "\n", " ]", "[ORG ", "UN", "]"])
@example(["[PER", "\t", "Ann ]"])
def test_fast_reader_declines_exactly_the_markup_with_a_problem(pieces):
    """The one-regex reader takes markup apart unless the bracket scan finds (and locates) a problem."""
    markup = "".join(pieces)
    parsed = _parse_well_formed(markup, set(LABELS))
    problem = _first_problem(markup, set(LABELS), "<fuzz>")
    assert (parsed is None) == (problem is not None)
