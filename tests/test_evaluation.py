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
    assert f1_by_label(evaluate_output, LABELS) == {"PER": 0.95, "LOC": 0.0, "all": 0.9}
    span_scores = {"overall": {"f": 0.5}, "per_label": {"PER": {"f": 0.4}, "LOC": {"f": 0.6}}}
    assert f1_by_label(span_scores, LABELS) == {"PER": 0.4, "LOC": 0.6, "all": 0.5}
