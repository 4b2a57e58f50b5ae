"""The tools run with the arguments a user types first, and fail loudly over nothing (issue: tools as typed)."""
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import srsly

from cable_ner.packaging import pipeline_meta

from conftest import PROJECT_DIR, SAMPLE_DIR
from test_own_cables import console, run, sample_cables


def test_convert_and_fix_spans_need_no_rules_option(tmp_path):
    cables = sample_cables(tmp_path / "cables", 30)
    result = run("convert", cables, tmp_path / "corpus", "-n", "1")
    assert result.returncode == 0, console(result)
    assert srsly.read_json(tmp_path / "corpus" / "conversion.json")["rules"][0] == "drop_metadata"
    result = run("fix_spans", cables, tmp_path / "fixed")
    assert result.returncode == 0 and len(list((tmp_path / "fixed").glob("*.txt"))) == 30


def test_convert_with_no_held_out_split_converts_everything_into_train(tmp_path):
    result = run("convert", sample_cables(tmp_path / "cables", 12), tmp_path / "corpus", "--dev", "0", "--test", "0", "-n", "1")
    assert result.returncode == 0, console(result)
    splits = srsly.read_json(tmp_path / "corpus" / "conversion.json")["splits"]
    assert splits["train"]["cables"] == 12 and splits["dev"].get("cables", 0) == splits["test"].get("cables", 0) == 0


def test_convert_names_a_missing_folder_and_says_when_it_reads_the_shipped_sample(tmp_path):
    missing = run("convert", tmp_path / "no such folder", tmp_path / "corpus")
    assert missing.returncode == 1
    assert f"No folder of cables at {tmp_path / 'no such folder'}" in console(missing) and "--vars.cables_dir" in console(missing)
    sample = run("convert", SAMPLE_DIR / "silver", tmp_path / "corpus", "-n", "1")
    assert sample.returncode == 0 and "Reading the shipped synthetic sample" in console(sample)
    own = run("convert", sample_cables(tmp_path / "mine", 30), tmp_path / "corpus2", "-n", "1")
    assert "shipped synthetic sample" not in console(own)


def test_tag_and_the_aleph_export_name_a_missing_folder_and_the_variable(tmp_path):
    missing = run("tag", tmp_path / "raw_cables", tmp_path / "tagged")
    assert missing.returncode == 1 and f"No folder of cables at {tmp_path / 'raw_cables'}" in console(missing)
    assert "--vars.raw_dir" in console(missing) and not (tmp_path / "tagged").exists()
    untagged = run("export_aleph", tmp_path, tmp_path / "aleph.jsonl")
    assert untagged.returncode == 1 and "No tagged collection" in console(untagged) and "spacy project run tag" in console(untagged)


def test_check_inputs_names_the_missing_folder_and_the_variable(tmp_path):
    result = run("check_inputs", "--cables", tmp_path / "cabels", "--gold", SAMPLE_DIR / "gold")
    assert result.returncode == 1
    assert f"{tmp_path / 'cabels'} is not a folder: set --vars.cables_dir" in console(result)
    assert run("check_inputs", "--cables", SAMPLE_DIR / "silver", "--gold", SAMPLE_DIR / "gold").returncode == 0


def test_hints_inside_spacy_project_run_name_the_variables(tmp_path):
    folder = sample_cables(tmp_path / "cables", 40)
    for index in range(5):
        (folder / f"broken{index}.txt").write_text(f"text [PER Ann and {index}", encoding="utf8")
    result = run("convert", folder, tmp_path / "out", "-n", "1")
    assert result.returncode == 1 and "--vars.max_rejected" in console(result)
    unknown = run("convert", sample_cables(tmp_path / "ok", 30), tmp_path / "out2", "--labels", "PER,ORG,LOC,WEAPON")
    assert unknown.returncode == 1 and "--vars.rules none" in console(unknown)


def test_translate_labels_is_a_value_a_project_variable_can_hold(tmp_path):
    folder = tmp_path / "cables"
    folder.mkdir()
    for index, path in enumerate(sorted((SAMPLE_DIR / "gold").glob("*.txt"))[:30]):
        text = path.read_text(encoding="utf8").replace("[PER ", "[PERSON ").replace("[LOC ", "[GPE ")
        (folder / path.name).write_text(text, encoding="utf8")
    result = run("convert", folder, tmp_path / "corpus", "--rules", "none", "--translate-labels", "yes", "-n", "1")
    assert result.returncode == 0, console(result)
    assert srsly.read_json(tmp_path / "corpus" / "conversion.json")["entities"]["converted"]["PER"] > 0
    assert run("convert", folder, tmp_path / "c2", "--translate-labels", "maybe").returncode == 1


def test_a_too_small_held_out_split_is_warned_about(tmp_path):
    result = run("convert", sample_cables(tmp_path / "cables", 40), tmp_path / "corpus", "-n", "1")
    assert result.returncode == 0 and "Small held-out split: the dev split holds" in console(result)


def test_evaluate_and_visualize_over_a_folder_without_docs_fail_and_say_what_to_run(tmp_path):
    (tmp_path / "empty").mkdir()
    for tool in ("evaluate", "visualize"):
        result = run(tool, "no-model-needed", tmp_path / "empty")
        assert result.returncode == 1, tool
        assert "No .spacy files" in console(result) and "convert" in console(result) and "evaluate-real" in console(result)
        assert "Saved" not in console(result) and "Wrote" not in console(result)


def test_the_audit_says_na_and_why_when_no_gold_file_matches(tmp_path):
    cables = sample_cables(tmp_path / "cables", 5)
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(sorted((SAMPLE_DIR / "gold").glob("*.txt"))[-1], gold / "other-name.txt")
    result = run("audit_rules", cables, tmp_path / "audit.md", "--gold", gold, "--metrics", tmp_path / "audit.json")
    assert result.returncode == 0
    report = (tmp_path / "audit.md").read_text(encoding="utf8")
    assert "no gold file matched the names of these 5 cables" in report and "| n/a | n/a |" in report
    assert "No gold annotation given" not in report and "no gold file matched" in console(result)


def test_package_meta_says_what_the_model_was_trained_on_its_sources_and_only_real_scores(tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    srsly.write_json(model / "meta.json", {"lang": "en", "labels": {"ner": ["PERSON", "ORG", "GPE", "MISC"]}})
    srsly.write_json(tmp_path / "conversion.json", {"input_dir": "/data/cables", "rules": ["drop_metadata"],
                                                    "splits": {"train": {"cables": 1200, "tokens": 900000}}})
    srsly.write_json(tmp_path / "gold-test.json", {"ents_f": 0.97, "docs": 80, "tok2vec_loss": 143166.99})
    base = srsly.read_json(PROJECT_DIR / "configs" / "meta.json")
    meta = pipeline_meta(model, base, tmp_path / "conversion.json", None, tmp_path / "gold-test.json")
    assert "(PERSON, ORG, GPE, MISC)" in meta["description"] and "PER, ORG, LOC" not in meta["description"]
    assert "1,200 cables from /data/cables" in meta["description"] and "synthetic" not in meta["description"]
    assert meta["requirements"] == [] and meta["performance"] == {} and meta["license"] == "CC BY-SA 4.0"
    assert "Not measured for this build" in meta["notes"] and "**synthetic** sample" in meta["notes"]
    assert {"CC BY-SA 4.0", "CC BY 4.0", "LGPL-2.1", "MIT"} <= {source["license"] for source in meta["sources"]}
    srsly.write_json(tmp_path / "real.json", {"cables": 32, "data_dir": "real-dev", "overall": {"p": 0.8, "r": 0.7, "f": 0.75},
                                              "per_label": {"ORG": {"p": 0.7, "r": 0.6, "f": 0.65}, "MISC": {"p": None, "r": None, "f": None}}})
    srsly.write_json(tmp_path / "conversion.json", {"input_dir": "assets/sample/silver", "splits": {"train": {"cables": 246}}})
    meta = pipeline_meta(model, base, tmp_path / "conversion.json", tmp_path / "real.json", tmp_path / "gold-test.json")
    assert meta["performance"] == pytest.approx({"ents_f": 0.75, "ents_p": 0.8, "ents_r": 0.7, "ents_f_ORG": 0.65})
    assert "synthetic cables" in meta["description"] and "32 real cables of `real-dev`" in meta["notes"]
    assert "| ORG | 0.700 | 0.600 | 0.650 |" in meta["notes"] and "| MISC | n/a | n/a | n/a |" in meta["notes"]


def test_train_prints_the_folder_the_model_ends_up_in():
    sys.path.insert(0, str(PROJECT_DIR))
    from scripts.train import Rewritten

    out = io.StringIO()
    Rewritten(out, "training/.staging-1-x/efficiency", "training/efficiency").write("Saved to training/.staging-1-x/efficiency/model-best\n")
    assert out.getvalue() == "Saved to training/efficiency/model-best\n"


def test_package_takes_its_name_and_version_from_the_project():
    result = subprocess.run([sys.executable, str(PROJECT_DIR / "scripts" / "package.py"), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "the project's vars.name" in " ".join(result.stdout.split())
