"""Bad input never crashes a conversion and never loses data silently; --strict stops at once."""
import shutil
import subprocess
import sys

import pytest
import srsly

from cable_ner.corpus import SPLITS, convert_corpus, read_split
from cable_ner.markup import MarkupError, cable_files

from conftest import LABELS, PROJECT_DIR, SAMPLE_DIR

BAD_CABLES = {
    "unclosed.txt": ("text [PER Halvorsen and more".encode("utf8"), "not closed before the end of the file"),
    "unknown-in-tagger-shape.txt": ("text [PERS Halvorsen  ] more".encode("utf8"), "unknown label 'PERS'"),
    "nested.txt": ("[PER Halvorsen [LOC Lima ] ]".encode("utf8"), "not closed before the next '['"),
    "unknown.txt": ("a [GPE Paris  ] b".encode("utf8"), "unknown label 'GPE'"),
    "empty-entity.txt": ("a [PER   ] b".encode("utf8"), "empty entity"),
    "empty.txt": (b"", "empty file"),
    "binary.txt": (b"\x00\x01\x02\x03", "binary"),
    "latin1.txt": ("[PER Jos\xe9  ] left".encode("latin-1"), "not UTF-8"),
}


@pytest.fixture()
def messy_dir(tmp_path):
    folder = tmp_path / "cables"
    folder.mkdir()
    for path in sorted(cable_files(SAMPLE_DIR / "silver"))[:12]:
        shutil.copy(path, folder / path.name)
    for name, (data, _) in BAD_CABLES.items():
        (folder / name).write_bytes(data)
    (folder / "bom-crlf.txt").write_bytes("\ufeff( C ) [PER Halvorsen  ] met\r\n[LOC Lima  ] officials .\r\n".encode("utf8"))
    (folder / "long-line.txt").write_text(" ".join(["[PER Halvorsen  ] met [LOC Lima  ] officials ."] * 4000), encoding="utf8")
    return folder


def test_bad_cables_are_skipped_and_reported(messy_dir, tmp_path, default_rules):
    report = convert_corpus(cable_files(messy_dir), tmp_path / "out", labels=LABELS, rules=default_rules)
    reasons = {f.source.rsplit("/", 1)[-1]: f.problem for f in report.failures}
    assert set(reasons) == set(BAD_CABLES)
    for name, (_, expected) in BAD_CABLES.items():
        assert expected in reasons[name], (name, reasons[name])
    assert all(f.line >= 1 and f.column >= 1 for f in report.failures)
    converted = sum(report.per_split[s]["cables"] for s in SPLITS)
    assert converted == 12 + 2  # the sample cables, the BOM/CRLF one and the long-line one
    assert report.ledger.check() == []
    assert report.ledger.read["PER"] >= 4001


def test_cli_writes_error_report_and_strict_fails(messy_dir, tmp_path):
    out = tmp_path / "out"
    ok = subprocess.run([sys.executable, "-m", "scripts.convert", str(messy_dir), str(out), "-n", "1", "--rules", "default",
                         "--max-rejected", "0.5"], cwd=PROJECT_DIR, capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    errors = list(srsly.read_jsonl(out / "errors.jsonl"))
    assert len(errors) == len(BAD_CABLES)
    assert {"file", "line", "column", "reason", "hint"} <= set(errors[0])
    summary = srsly.read_json(out / "conversion.json")
    assert summary["skipped_cables"] == len(BAD_CABLES) and summary["accounting_problems"] == []
    console = ok.stdout.replace("\n", " ")
    assert "Skipped 8 bad cable(s)" in console
    assert all(name in console for name in BAD_CABLES)  # every bad file on the console (8 of them fit)
    strict = subprocess.run([sys.executable, "-m", "scripts.convert", str(messy_dir), str(tmp_path / "strict"), "-n", "1", "--strict",
                             "--rules", "default"],
                            cwd=PROJECT_DIR, capture_output=True, text=True)
    assert strict.returncode == 1
    assert "--strict" in strict.stdout and ".txt:" in strict.stdout


@pytest.mark.parametrize("n_process", [1, 2])
def test_strict_raises_markup_error_and_stops_the_workers(messy_dir, tmp_path, n_process):
    import multiprocessing

    with pytest.raises(MarkupError) as info:
        convert_corpus(cable_files(messy_dir), tmp_path / "out", labels=LABELS, rules=[], strict=True, n_process=n_process,
                       batch_size=1)
    assert info.value.line >= 1 and info.value.hint  # the original error, not a copy made of its message
    assert multiprocessing.active_children() == []


def test_fixing_one_file_keeps_every_other_cable_in_its_split(messy_dir, tmp_path):
    import spacy

    vocab = spacy.blank("en").vocab

    def splits(out):
        convert_corpus(cable_files(messy_dir), out, labels=LABELS, rules=[])
        return {doc.user_data["cable_id"]: split for split in SPLITS
                for doc in read_split(out / split, vocab)}

    before = splits(tmp_path / "before")
    (messy_dir / "unknown-in-tagger-shape.txt").write_text("text more about [LOC Lima  ]", encoding="utf8")
    after = splits(tmp_path / "after")
    assert "unknown-in-tagger-shape" in after and "unknown-in-tagger-shape" not in before
    assert all(after[cable] == split for cable, split in before.items())


def test_accounting_identity_on_the_whole_sample(tmp_path, default_rules):
    report = convert_corpus(cable_files(SAMPLE_DIR / "silver"), tmp_path, labels=LABELS, rules=default_rules, n_process=2)
    ledger = report.ledger
    assert ledger.check() == []
    for label in ("PER", "ORG", "LOC", "MISC"):
        net = sum(counts[label] for counts in ledger.rule_net.values())
        assert ledger.read[label] + net == ledger.after_rules[label] == ledger.converted[label] + ledger.dropped_total()[label]
    assert sum(ledger.rule_changes.values()) > 1000


def _broken_rule(cable, spans):
    raise RuntimeError("a bug in a span rule")


@pytest.mark.parametrize("n_process", [1, 2])
def test_a_bug_stops_the_run_with_its_own_exception_instead_of_becoming_a_bad_cable(messy_dir, tmp_path, n_process):
    from cable_ner.rules import SpanRule

    broken = SpanRule("broken", _broken_rule, ("wrong_label",), ())
    with pytest.raises(RuntimeError, match="a bug in a span rule"):
        convert_corpus(cable_files(messy_dir), tmp_path / "out", labels=LABELS, rules=[broken], n_process=n_process)
