"""Scoring trained pipelines: real cables in capitals, scores over seeds, evaluation tables."""
import spacy
from spacy.tokens import Span as DocSpan

from cable_ner.audit.evaluation import capitals, score_pipeline_on_cables
from cable_ner.audit.seeds import f1_by_label, summarise, summary_markdown

LABELS = ["PER", "LOC"]


def test_capitals_keep_every_offset():
    text = "Straße in Lima, İzmir"
    assert capitals(text) == "STRAßE IN LIMA, İZMIR" and len(capitals(text)) == len(text)


def test_a_pipeline_is_scored_on_raw_cables_as_written_and_in_capitals(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "raw").mkdir()
    (tmp_path / "gold" / "a.txt").write_text("[PER Halvorsen ] met officials in [LOC Lima ].", encoding="utf8")
    (tmp_path / "raw" / "a.txt").write_text("Halvorsen met officials in Lima.", encoding="utf8")
    nlp = spacy.blank("en")

    @spacy.Language.component("title_case_names")
    def title_case_names(doc):  # a "model" that finds capitalised words only as they are usually written
        doc.ents = [DocSpan(doc, t.i, t.i + 1, "PER" if t.i == 0 else "LOC") for t in doc if t.is_title]
        return doc

    nlp.add_pipe("title_case_names")
    assert score_pipeline_on_cables(nlp, tmp_path, LABELS).overall().f == 1.0
    assert score_pipeline_on_cables(nlp, tmp_path, LABELS, upper=True).overall().f == 0.0


def test_scores_over_seeds_are_summarised_as_mean_and_range():
    runs = {
        0: {"real-dev": {"PER": 0.6, "LOC": 0.8, "all": 0.7}},
        1: {"real-dev": {"PER": 0.8, "LOC": 0.9, "all": 0.8}, "gold-test": {"PER": 1.0, "LOC": 1.0, "all": 1.0}},
    }
    summary = summarise(runs, LABELS)
    assert summary["seeds"] == [0, 1] and {"spacy", "thinc", "python"} <= set(summary["versions"])
    assert summary["evaluations"]["real-dev"]["PER"] == {"mean": 0.7, "min": 0.6, "max": 0.8, "runs": [0.6, 0.8]}
    assert summary["evaluations"]["gold-test"]["all"]["runs"] == [1.0]
    markdown = summary_markdown(summary, LABELS)
    assert "| all | 1.000 [1.000-1.000] | 0.750 [0.700-0.800] |" in markdown and "spacy " in markdown


def test_f1_by_label_reads_spacy_evaluate_and_span_scores():
    evaluate_output = {"ents_f": 0.9, "ents_per_type": {"PER": {"p": 1, "r": 1, "f": 0.95}}}
    assert f1_by_label(evaluate_output, LABELS) == {"PER": 0.95, "LOC": None, "all": 0.9}  # n/a, not 0.0
    span_scores = {"overall": {"f": 0.5}, "per_label": {"PER": {"f": 0.4}, "LOC": {"f": 0.6}}}
    assert f1_by_label(span_scores, LABELS) == {"PER": 0.4, "LOC": 0.6, "all": 0.5}


def test_nothing_to_score_is_reported_as_n_a_never_zero():
    from cable_ner.audit.evaluation import score_rows
    from cable_ner.audit.scores import SpanScores
    from cable_ner.audit.tables import markdown_table
    from cable_ner.markup import Span

    scores = SpanScores()
    scores.add([Span(0, 3, "PER")], [Span(0, 3, "PER")])
    figures = scores.to_dict(LABELS)
    assert figures["per_label"]["PER"]["f"] == 1.0 and figures["per_label"]["LOC"] == {
        "p": None, "r": None, "f": None, "tp": 0, "fp": 0, "fn": 0}
    rows = score_rows([("test", {"ents_f": 0.5, "ents_p": 0.5, "ents_r": 0.5, "ents_per_type": {"PER": {"p": 0.5, "r": 0.5, "f": 0.5}}})], LABELS)
    assert rows[1] == ["LOC", None, None, None]
    assert "| LOC | n/a | n/a | n/a |" in markdown_table(["label", "P", "R", "F"], rows)
    summary = summarise({0: {"test": {"PER": 0.5, "LOC": None, "all": 0.5}}}, LABELS)
    assert "| LOC | n/a |" in summary_markdown(summary, LABELS)
