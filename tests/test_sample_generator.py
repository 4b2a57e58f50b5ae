import srsly

from cable_ner.markup import parse_markup
from cable_ner.sample import generate_corpus

from conftest import PROJECT_DIR, SAMPLE_DIR


def test_silver_and_gold_agree_on_text_and_differ_in_annotation():
    cables = generate_corpus(15, seed=3)
    differing = 0
    for cable_id, silver, gold in cables:
        silver_parsed, gold_parsed = parse_markup(silver, source=cable_id), parse_markup(gold, source=cable_id)
        assert silver_parsed.text == gold_parsed.text
        assert gold_parsed.spans, cable_id
        differing += silver_parsed.spans != gold_parsed.spans
    assert differing >= 10  # the simulated tagger makes mistakes in most cables


def test_generator_is_deterministic_for_a_seed():
    assert generate_corpus(5, seed=7) == generate_corpus(5, seed=7)
    assert generate_corpus(5, seed=7) != generate_corpus(5, seed=8)


def test_shipped_sample_is_what_the_generator_makes():
    """The sample in assets/ is reproducible: the generator with project.yml's settings makes it."""
    project = srsly.read_yaml(PROJECT_DIR / "project.yml")
    n_cables, seed = project["vars"]["sample_cables"], project["vars"]["sample_seed"]
    cables = generate_corpus(n_cables, seed)
    assert len(list((SAMPLE_DIR / "silver").glob("*.txt"))) == n_cables
    for cable_id, silver, gold in cables:
        assert (SAMPLE_DIR / "silver" / f"{cable_id}.txt").read_text(encoding="utf8") == silver, cable_id
        assert (SAMPLE_DIR / "gold" / f"{cable_id}.txt").read_text(encoding="utf8") == gold, cable_id
