"""The knowledge vectors: deterministic, and each feature means what FEATURES says."""
import pytest

from cable_ner.knowledge.vectors import FEATURES, INDEX, build_table, features_markdown, write_word2vec


@pytest.fixture(scope="module")
def table():
    return build_table(frequent_words=3000)


def features(table, form):
    row = table.rows.get(form)
    return set() if row is None else {name for name, _ in FEATURES if row[INDEX[name]] > 0}


def test_the_table_is_the_same_bytes_every_time(table, tmp_path):
    write_word2vec(table, tmp_path / "a.txt")
    write_word2vec(build_table(frequent_words=3000), tmp_path / "b.txt")
    first = (tmp_path / "a.txt").read_bytes()
    assert first == (tmp_path / "b.txt").read_bytes()
    header, row = first.decode("utf8").split("\n")[:2]
    assert header == f"{len(table.rows)} {len(FEATURES)}" and len(row.split()) == len(FEATURES) + 1


def test_names_carry_their_knowledge_in_written_and_capital_forms_only(table):
    assert {"country", "form_title", "name_in_table", "known"} <= features(table, "Peru")
    assert {"country", "form_upper"} <= features(table, "PERU")
    assert "country" not in features(table, "peru")
    assert {"capital", "city"} <= features(table, "Lima")
    assert "demonym" in features(table, "Peruvian") and "demonym" in features(table, "Peruvians")
    assert "given_name" in features(table, "Maria") and "surname" in features(table, "Garcia")
    assert "language" in features(table, "Quechua")
    assert "world_region" in features(table, "Asia")
    assert "country" in features(table, "Saudi") and table.rows["Saudi"][INDEX["country"]] == 0.5  # a word of a name


def test_word_classes_and_frequency(table):
    assert {"stop_word", "common_word", "form_lower"} <= features(table, "the")
    assert "title" in features(table, "Minister") and "title" in features(table, "minister")
    assert "org_head" in features(table, "Ministry") and "loc_head" in features(table, "Province")
    assert "metadata" in features(table, "SIPDIS") and "date_word" in features(table, "August")
    assert table.rows["the"][INDEX["frequency"]] > table.rows["minister"][INDEX["frequency"]] > 0
    assert "Xqzvwk" not in table.rows  # unknown words get spaCy's zero vector


def test_every_feature_is_documented():
    listing = features_markdown()
    assert all(f"`{name}`" in listing and description for name, description in FEATURES)
    assert len({name for name, _ in FEATURES}) == len(FEATURES) == 26
