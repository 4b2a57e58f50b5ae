"""Learning from the whole collection: shards that mix it, a budget that follows it, what the rules
know written for training, one label per name, and intervals that say how far a score holds."""
import random
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.tokens import DocBin
from spacy.util import load_config

from cable_ner.audit.bootstrap import bootstrap_interval, cable_tallies
from cable_ner.audit.scores import SpanScores
from cable_ner.budget import (
    SplitSize, plan_training, read_split_size, steps_for_words, training_report, words_in_steps, write_split_size,
)
from cable_ner.corpus import convert_corpus
from cable_ner.corpus.hints import known_non_entities, parse_hints, unsure_words
from cable_ner.corpus.split import mixed_order
from cable_ner.knowledge.lexicons import country_short_forms, government_acronyms
from cable_ner.markup import Span, cable_files, parse_markup
from cable_ner.rules import CableContext, apply_rules, default_rules
from cable_ner.shards import iter_split
from cable_ner.training import ShuffledCorpus, with_not_entities

from conftest import LABELS, PROJECT_DIR, SAMPLE_DIR

CONFIG = PROJECT_DIR / "configs" / "efficiency.cfg"


def _write_sorted_collection(folder: Path, n_cables: int) -> None:
    """Cables whose names sort by a property of their text: the first half in capitals."""
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(n_cables):
        text = f"Senator [PER Smith{index}  ] met officials in [LOC Paris  ] on day {index} ."
        if index < n_cables // 2:
            (folder / f"A{index:05d}.txt").write_text(text.upper(), encoding="utf8")
        else:
            (folder / f"B{index:05d}.txt").write_text(text, encoding="utf8")


def test_every_training_shard_is_a_uniform_mix_of_a_collection_whose_names_sort_by_its_text(tmp_path):
    _write_sorted_collection(tmp_path / "cables", 5000)
    paths = cable_files(tmp_path / "cables")
    convert_corpus(paths, tmp_path / "corpus", labels=LABELS, rules=[], shard_size=1400)  # about 4,000 training cables
    shares, total_capitals, total = [], 0, 0
    for shard in sorted((tmp_path / "corpus" / "train").glob("*.spacy")):
        cables = [srsly.msgpack_loads(data)["cable_id"] for data in DocBin(store_user_data=True).from_disk(shard).user_data]
        capitals = sum(cable.startswith("A") for cable in cables)
        shares.append(capitals / len(cables))
        total_capitals, total = total_capitals + capitals, total + len(cables)
    assert len(shares) >= 3
    whole = total_capitals / total
    assert 0.45 < whole < 0.55
    assert all(abs(share - whole) <= 0.05 for share in shares), (whole, shares)


def test_cables_are_converted_in_an_order_that_their_names_do_not_decide():
    paths = [Path(f"{prefix}{index:05d}.txt") for prefix in "AB" for index in range(500)]
    order = mixed_order(paths)
    assert sorted(order) == sorted(paths) and mixed_order(list(reversed(paths))) == order
    first_half = [path.name[0] for path in order[:500]]
    assert 200 < first_half.count("A") < 300  # not the sorted runs of A... then B...


def test_the_budget_reads_a_small_corpus_for_the_minimum_steps_and_a_large_one_once_up_to_the_budget():
    config = load_config(CONFIG, interpolate=True)
    assert steps_for_words(638_000, 100, 1000, 1.001) == 2000
    assert words_in_steps(steps_for_words(5_000_000, 100, 1000, 1.001), 100, 1000, 1.001) >= 5_000_000
    for words in (1, 900_000, 3_000_000):
        steps = steps_for_words(words, 100, 1000, 1.001)
        assert words_in_steps(steps, 100, 1000, 1.001) >= words > words_in_steps(steps - 1, 100, 1000, 1.001)


def test_the_plan_follows_the_size_of_the_training_split(tmp_path):
    config = load_config(CONFIG, interpolate=True)
    small, large = tmp_path / "small", tmp_path / "large"
    for folder, size in ((small, SplitSize(246, 4000, 120_000)), (large, SplitSize(200_000, 9_000_000, 130_000_000))):
        folder.mkdir()
        write_split_size(folder, size)
    sample = plan_training(config, [small], train_words=10_000_000, min_steps=2000)
    assert sample.max_steps == 2000 and sample.passes > 4  # read several times, as before
    whole = plan_training(config, [large], train_words=10_000_000, min_steps=2000)
    assert 9_900_000 <= whole.planned_words <= 10_100_000  # stopped by the budget
    assert whole.eval_frequency > 200  # a long run does not evaluate every 200 steps
    unbounded = plan_training(config, [large], train_words=0, min_steps=2000)
    assert unbounded.planned_words * 0.85 >= 130_000_000 * 1.1 * 0.999  # every cable once, upper-cased copies too
    both = plan_training(config, [small, large], train_words=0, min_steps=2000)
    assert both.cables_in_train == 200_246
    report = training_report(whole, words_seen=10_000_000, cables_seen=60_000, seconds=100.0)
    assert report["cables_in_train"] == 200_000 and report["share_of_cables_seen"] == 0.3


def test_conversion_writes_each_splits_size_and_the_reader_counts_what_it_hands_out(tmp_path, default_rules):
    report = convert_corpus(cable_files(SAMPLE_DIR / "silver")[:40], tmp_path, labels=LABELS, rules=default_rules)
    size = read_split_size(tmp_path / "train")
    assert size.cables == report.per_split["train"]["cables"] and size.tokens == report.per_split["train"]["tokens"]
    (tmp_path / "train" / "size.json").unlink()
    assert read_split_size(tmp_path / "train") == size  # counted from the shards when the file is missing
    corpus = ShuffledCorpus(tmp_path / "train", buffer_size=100)
    nlp = spacy.blank("en")
    examples = list(corpus(nlp))
    assert corpus.tally.words == sum(len(example.reference) for example in examples) == size.tokens
    assert len(corpus.tally.cable_ids) == size.cables


def test_known_non_entities_are_the_spans_a_rule_removed_without_a_replacement():
    annotated = parse_markup("TAGS PGOV , [PER ECON  ] , IR\nSUBJECT: x\n\n[PER Karzai’s  ] visit to [LOC Kabul  ] .", LABELS)
    fix = apply_rules(annotated.text, annotated.spans, default_rules())
    removed = known_non_entities(fix)
    assert [(annotated.text[s.start:s.end], s.label) for s in removed] == [("ECON", "PER")]


def test_unsure_words_are_capitalised_words_of_running_text_no_span_covers():
    text = "The talks with Halvorsen went well , said the Minister .\nThe Embassy agreed .\nHalvorsen left ."
    spans = [Span(text.index("Minister"), text.index("Minister") + 8, "PER")]
    found = [text[s.start:s.end] for s in unsure_words(CableContext(text), spans)]
    assert found == ["Halvorsen"]  # not a title, a head noun alone, a sentence's first word or a covered word


def test_hints_reach_the_model_as_missing_tokens_and_incorrect_spans(tmp_path, default_rules):
    assert parse_hints("all") == ["not_entities", "unsure_words"] and parse_hints("none") == []
    with pytest.raises(ValueError):
        parse_hints("everything")
    cables = tmp_path / "cables"
    cables.mkdir()
    (cables / "a.txt").write_text("TAGS PGOV , [PER ECON  ] , IR\nSUBJECT: talks\n\nThe talks with Halvorsen went well , "
                                  "said [PER Karzai  ] .\n", encoding="utf8")
    convert_corpus(cable_files(cables), tmp_path / "corpus", labels=LABELS, rules=default_rules, dev_fraction=0,
                   test_fraction=0, hints=["not_entities", "unsure_words"])
    nlp = spacy.blank("en")
    docs = list(iter_split(tmp_path / "corpus" / "train", nlp.vocab))
    missing = [token.text for doc in docs for token in doc if token.ent_iob == 0]
    assert missing == ["Halvorsen"]
    with_key = [with_not_entities(doc, "not_entities") for doc in docs]
    assert [(span.text, span.label_) for doc in with_key for span in doc.spans.get("not_entities", [])] == [("ECON", "PER")]
    pipeline = spacy.blank("en")
    pipeline.add_pipe("ner", config={"incorrect_spans_key": "not_entities"})
    examples = list(ShuffledCorpus(tmp_path / "corpus" / "train", buffer_size=10)(pipeline))
    assert any("not_entities" in example.reference.spans for example in examples)


def test_short_forms_of_countries_and_governments_come_from_country_data():
    places, governments = country_short_forms(), government_acronyms()
    assert {"UK", "U.K.", "US", "U.S.", "USA", "UAE", "PRC", "DPRK", "ROK"} <= places
    assert {"IN", "AND", "CAR", "GB"}.isdisjoint(places)  # ISO codes and English words are no short forms
    assert {"USG", "UKG", "GOI", "GOP", "GOSL"} <= governments
    assert {"MIG", "GOD", "EGG"}.isdisjoint(governments)


def test_a_name_gets_one_label_per_cable_whatever_its_case_or_line_breaks():
    text = "[ORG ARI  ] met [LOC Ari  ] and [MISC ARI  ] .\n[PER KARZAI  ] and [ORG Karzai  ] and [PER Karzai  ] x [PER Casa\nRosada  ] [LOC Casa Rosada  ] [LOC CASA ROSADA  ]"
    annotated = parse_markup(text, LABELS)
    fixed = apply_rules(annotated.text, annotated.spans, default_rules()).spans
    labels = {}
    for span in fixed:
        key = " ".join(annotated.text[span.start:span.end].split()).casefold()
        labels.setdefault(key, set()).add(span.label)
    assert all(len(found) == 1 for found in labels.values()), labels
    assert labels["ari"] == {"LOC"} and labels["karzai"] == {"PER"} and "casa rosada" in labels


def test_the_bootstrap_interval_widens_with_fewer_cables_and_holds_the_mean():
    rng = random.Random(0)

    def run(n_cables):
        per_cable = {}
        for index in range(n_cables):
            scores = SpanScores()
            hits = rng.randint(5, 10)
            scores.add([Span(i, i + 1, "PER") for i in range(10)], [Span(i, i + 1, "PER") for i in range(hits)])
            per_cable[f"c{index}"] = scores
        return cable_tallies(per_cable, LABELS)

    few, many = [run(8), run(8)], [run(200), run(200)]
    low_few, high_few = bootstrap_interval(few)
    low_many, high_many = bootstrap_interval(many)
    assert high_few - low_few > high_many - low_many > 0
    assert low_many < 0.86 < high_many  # the mean F1 of hits 5-10 of 10 (precision 1) is about 0.86


def test_the_paired_interval_finds_a_real_gain_that_the_absolute_intervals_hide():
    from cable_ner.audit.bootstrap import paired_difference_interval

    rng = random.Random(1)
    base, better = {}, {}
    for index in range(30):  # cables differ a lot; the better setup finds one more entity in each
        hits = rng.randint(2, 8)
        for tallies, found in ((base, hits), (better, hits + 1)):
            scores = SpanScores()
            scores.add([Span(i, i + 1, "PER") for i in range(10)], [Span(i, i + 1, "PER") for i in range(found)])
            tallies[f"c{index}"] = cable_tallies({"x": scores}, LABELS)["x"]
    difference, low, high = paired_difference_interval([better], [base])
    assert 0 < low < difference < high
    same = paired_difference_interval([base], [base])
    assert same == (0.0, 0.0, 0.0)
