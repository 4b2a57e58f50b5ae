"""A user's own cables through the tools: guard rails, label names, atomic outputs, bad files, console.

Each test runs the tools as users do (``python scripts/X.py``) on a small copy of the sample.
"""
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict

import spacy
import srsly

from cable_ner.audit.rule_audit import Audit, render_audit
from cable_ner.corpus import SPLITS, read_split
from cable_ner.markup import cable_files, read_cable_file

from conftest import LABELS, PROJECT_DIR, SAMPLE_DIR

OTHER_LABELS = ("PERSON", "ORG", "GPE", "MISC")


def run(tool: str, *args, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(PROJECT_DIR / "scripts" / f"{tool}.py"), *map(str, args)],
                          cwd=cwd, capture_output=True, text=True)


def console(result: subprocess.CompletedProcess) -> str:
    """What a tool printed, with wasabi's line wrapping undone."""
    return " ".join((result.stdout + result.stderr).split())


def sample_cables(folder: Path, n: int, kind: str = "silver") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(cable_files(SAMPLE_DIR / kind))[:n]:
        shutil.copy(path, folder / path.name)
    return folder


def snapshot(folder: Path) -> Dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_cables_stop_the_conversion_and_leave_the_last_good_corpus(tmp_path):
    out = tmp_path / "corpus"
    assert run("convert", sample_cables(tmp_path / "many", 40), out, "--rules", "default", "-n", "1").returncode == 0
    before = snapshot(out)
    result = run("convert", sample_cables(tmp_path / "two", 2), out, "--rules", "default", "-n", "1")
    assert result.returncode == 1
    assert re.search(r"the (dev|test) split holds none of the 2 converted cables", console(result))
    assert "nothing in" in console(result) and snapshot(out) == before


def test_too_many_bad_cables_stop_the_conversion(tmp_path):
    folder = sample_cables(tmp_path / "cables", 40)
    for index in range(5):
        (folder / f"broken{index}.txt").write_text(f"text [PER Ann and {index}", encoding="utf8")
    result = run("convert", folder, tmp_path / "out", "--rules", "default", "-n", "1")
    assert result.returncode == 1
    assert "5 of 45 cables (11%) were rejected as bad input, more than the 10% allowed" in console(result)
    assert all(f"broken{index}.txt:1:" in console(result) for index in range(5))  # every bad file, with where
    assert not (tmp_path / "out" / "train").exists()
    assert run("convert", folder, tmp_path / "out", "--rules", "default", "-n", "1", "--max-rejected", "0.2").returncode == 0


def _relabelled_cables(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True)
    for path in sorted(cable_files(SAMPLE_DIR / "silver"))[:n]:
        text = path.read_text(encoding="utf8").replace("[PER ", "[PERSON ").replace("[LOC ", "[GPE ")
        (folder / path.name).write_text(text, encoding="utf8")
    return folder


def test_other_label_names_are_the_only_labels_in_every_output(tmp_path):
    cables = _relabelled_cables(tmp_path / "cables", 30)
    labels = ",".join(OTHER_LABELS)
    assert run("convert", cables, tmp_path / "corpus", "--labels", labels, "--rules", "default", "-n", "1").returncode == 0
    vocab = spacy.blank("en").vocab
    found = {entity.label_ for split in SPLITS for doc in read_split(tmp_path / "corpus" / split, vocab) for entity in doc.ents}
    assert found == set(OTHER_LABELS)
    ledger = srsly.read_json(tmp_path / "corpus" / "conversion.json")["entities"]
    assert set(ledger["after_rules"]) == set(OTHER_LABELS) and set(ledger["converted"]) == set(OTHER_LABELS)
    assert run("fix_spans", cables, tmp_path / "fixed", "--labels", labels, "--rules", "default").returncode == 0
    for path in cable_files(tmp_path / "fixed"):
        assert {span.label for span in read_cable_file(path, OTHER_LABELS).spans} <= set(OTHER_LABELS)
    audit = run("audit_rules", cables, tmp_path / "audit.md", "--labels", labels, "--rules", "default",
                "--metrics", tmp_path / "audit.json")
    assert audit.returncode == 0
    examples = [example for rule in srsly.read_json(tmp_path / "audit.json")["rules"].values()
                for found in rule["examples"].values() for example in found]
    assert examples and {span[2] for example in examples for span in example["after"]} <= set(OTHER_LABELS)


def test_a_label_set_the_rules_cannot_map_is_refused_by_name(tmp_path):
    result = run("convert", sample_cables(tmp_path / "cables", 3), tmp_path / "out", "--labels", "PER,ORG,LOC,FOO",
                 "--rules", "default")
    assert result.returncode == 1
    assert "no role for label(s) FOO" in console(result) and "--rules none" in console(result)
    assert run("convert", sample_cables(tmp_path / "cables", 3), tmp_path / "out", "--labels", "PER,PERSON,ORG,LOC,MISC",
               "--rules", "default").returncode == 1  # two labels for one role


def test_a_failed_strict_run_leaves_the_previous_outputs_as_they_were(tmp_path):
    folder = sample_cables(tmp_path / "cables", 30)
    out = tmp_path / "corpus"
    assert run("convert", folder, out, "--rules", "default", "-n", "1").returncode == 0
    before = snapshot(out)
    (folder / "zz-broken.txt").write_text("a [PER Ann", encoding="utf8")
    assert run("convert", folder, out, "--rules", "default", "-n", "1", "--strict").returncode == 1
    assert snapshot(out) == before
    assert not list(out.glob(".staging-*"))


def test_fix_spans_leaves_no_file_of_an_earlier_run(tmp_path):
    folder = sample_cables(tmp_path / "cables", 3)
    out = tmp_path / "fixed"
    out.mkdir()
    (out / "from-an-earlier-run.txt").write_text("[PER Ann ]", encoding="utf8")
    assert run("fix_spans", folder, out, "--rules", "default").returncode == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in folder.iterdir())


def test_clean_removes_exactly_what_the_steps_make(tmp_path):
    for name in ("project.yml", "scripts", "cable_ner"):
        source = PROJECT_DIR / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    made = ["corpus/train/0000.spacy", "corpus/conversion.json", "corpus/errors.jsonl", "corpus/gold/test/0000.spacy",
            "corpus/knowledge_vectors/meta.json", "training/efficiency/model-best/meta.json", "metrics/scores.md",
            "reports/visual_audit.html", "packages/en_cable_ner-0.1.0/setup.py", "corpus/.staging-left/x"]
    kept = ["training/.gitkeep", "corpus/.gitkeep", "assets/sample/silver/a.txt", "corpus/mine.txt"]
    for path in made + kept:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x", encoding="utf8")
    result = subprocess.run([sys.executable, "-m", "spacy", "project", "run", "clean", str(tmp_path)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [path for path in made if (tmp_path / path).exists()] == []
    assert [path for path in kept if not (tmp_path / path).exists()] == []


def test_every_command_reads_the_same_files_as_bad(tmp_path):
    folder = sample_cables(tmp_path / "cables", 40)
    bad = {"empty.txt": b" \n", "binary.txt": b"\x00\x01", "open.txt": b"a [PER Ann b", "latin1.txt": "[PER Jos\xe9 ]".encode("latin-1")}
    for name, data in bad.items():
        (folder / name).write_bytes(data)
    results = {
        "convert": run("convert", folder, tmp_path / "corpus", "--rules", "default", "-n", "1", "--max-rejected", "0.5"),
        "fix_spans": run("fix_spans", folder, tmp_path / "fixed", "--rules", "default"),
        "audit_rules": run("audit_rules", folder, tmp_path / "audit.md", "--rules", "default"),
    }
    for tool, result in results.items():
        assert result.returncode == 0, tool
        assert "Skipped 4 bad cable(s)" in console(result), tool
        assert all(f"{name}:" in console(result) for name in bad), tool
    assert "4 bad file(s) skipped" in (tmp_path / "audit.md").read_text(encoding="utf8")


def test_a_gold_file_with_other_text_is_reported_by_name_and_skipped(tmp_path):
    silver = sample_cables(tmp_path / "silver", 6)
    gold = sample_cables(tmp_path / "gold", 6, kind="gold")
    changed = sorted(gold.iterdir())[2]
    changed.write_text(changed.read_text(encoding="utf8").replace(" the ", " a ", 1), encoding="utf8")
    result = run("audit_rules", silver, tmp_path / "audit.md", "--gold", gold, "--rules", "default",
                 "--metrics", tmp_path / "audit.json")
    assert result.returncode == 0
    assert f"{changed}:" in console(result) and "differs here from its silver file" in console(result)
    assert srsly.read_json(tmp_path / "audit.json")["cables"] == 5


def test_the_console_lists_bad_files_with_hints_and_counts_the_rest(tmp_path):
    folder = sample_cables(tmp_path / "cables", 160)
    for index in range(12):
        (folder / f"broken{index:02d}.txt").write_text("text [PERS Halvorsen  ] more", encoding="utf8")
    result = run("convert", folder, tmp_path / "corpus", "--rules", "default")
    assert result.returncode == 0
    errors = tmp_path / "corpus" / "errors.jsonl"
    assert f"and 2 more (see {errors})" in console(result)
    assert "-> Fix the label, or add it to the label set (--labels; --vars.labels in spacy project run)." in console(result)
    assert len(list(srsly.read_jsonl(errors))) == 12


def test_the_audit_shows_each_rules_breakages_beside_its_repairs(default_rules):
    audit = Audit(default_rules, LABELS)
    for silver_path in sorted(cable_files(SAMPLE_DIR / "silver"))[:120]:
        audit.add_cable(silver_path.stem, read_cable_file(silver_path), read_cable_file(SAMPLE_DIR / "gold" / silver_path.name))
    figures = audit.to_dict()["rules"]
    broken = {name for name, rule in figures.items() if rule["broken"]}
    assert broken and all(figures[name]["examples"]["broken"] for name in broken)
    report = render_audit(audit)
    assert report.count("Breakages (a correct span made wrong)") == len(broken)
    assert "Repairs:" in report


def test_all_on_two_cables_exits_non_zero_and_says_why(tmp_path):
    for name in ("project.yml", "configs", "scripts", "cable_ner"):
        source = PROJECT_DIR / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    sample_cables(tmp_path / "my cables", 2)
    sample_cables(tmp_path / "my gold", 2, kind="gold")
    result = subprocess.run([sys.executable, "-m", "spacy", "project", "run", "all", str(tmp_path),
                             "--vars.cables_dir=my cables", "--vars.gold_dir=my gold"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert re.search(r"the (dev|test) split holds none of the 2 converted cables", console(result))
    assert not (tmp_path / "training" / "efficiency").exists() and not list((tmp_path / "packages").iterdir())
