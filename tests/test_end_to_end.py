"""The whole project on a few sample cables: convert, train a few steps, evaluate, package, load.

Runs the real project.yml with `spacy project run all` in a copy of the project, then installs
the wheel into a fresh virtualenv (beside the spaCy already installed) and tags a raw cable.
"""
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import srsly

from cable_ner.markup import cable_files, read_cable_file

from conftest import LABELS, PROJECT_DIR, SAMPLE_DIR

pytestmark = pytest.mark.slow
OVERRIDES = {
    "cables_dir": "mini/silver", "gold_dir": "mini/gold", "dev_fraction": 0.25, "test_fraction": 0.25,
    "n_process": 1, "name": "cable_ner_smoke", "version": "0.0.1",
}
# A few training steps: the configs hold the real values, the smoke test shortens them.
SHORT_TRAINING = {**os.environ, "SPACY_CONFIG_OVERRIDES": "--training.max_steps=30 --training.eval_frequency=10"}


def run_all(root: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "spacy", "project", "run", "all", str(root)]
    command += [f"--vars.{key}={value}" for key, value in OVERRIDES.items()]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=SHORT_TRAINING)


@pytest.fixture(scope="module")
def finished_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    for name in ("project.yml", "configs", "scripts", "cable_ner"):
        source = PROJECT_DIR / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    for kind in ("silver", "gold"):
        (root / "mini" / kind).mkdir(parents=True)
        for path in sorted(cable_files(SAMPLE_DIR / kind))[:24]:
            shutil.copy(path, root / "mini" / kind / path.name)
    result = run_all(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


def test_all_workflow_writes_every_output(finished_project):
    root = finished_project
    for path in ("corpus/train/0000.spacy", "corpus/dev/0000.spacy", "corpus/test/0000.spacy", "corpus/gold/test/0000.spacy",
                 "training/efficiency/model-best", "reports/span_rules.md", "metrics/scores.md"):
        assert (root / path).exists(), path
    conversion = srsly.read_json(root / "corpus" / "conversion.json")
    assert conversion["accounting_problems"] == []
    assert sum(conversion["splits"][split]["cables"] for split in ("train", "dev", "test")) == 24
    for name in ("efficiency-test.json", "efficiency-gold-test.json"):
        scores = srsly.read_json(root / "metrics" / name)
        assert set(scores["ents_per_type"]) <= set(LABELS) and "ents_f" in scores
    assert "| PER |" in (root / "metrics" / "scores.md").read_text(encoding="utf8")
    audit = srsly.read_json(root / "metrics" / "span_rules.json")
    assert audit["fixed_vs_gold"]["overall"]["f"] > audit["tagger_vs_gold"]["overall"]["f"]


def test_second_run_skips_up_to_date_steps(finished_project):
    result = run_all(finished_project)
    assert result.returncode == 0
    assert result.stdout.count("Skipping") == 8, result.stdout


def test_wheel_installs_in_fresh_venv_and_tags_a_raw_cable(finished_project, tmp_path):
    wheels = list((finished_project / "packages").rglob("en_cable_ner_smoke-0.0.1-py3-none-any.whl"))
    assert len(wheels) == 1
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # Make the spaCy of this test run visible in the fresh venv ("beside spaCy"), without copying it.
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "outer-site-packages.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf8")
    install = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheels[0])],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    raw_cable = read_cable_file(sorted(cable_files(SAMPLE_DIR / "gold"))[-1]).text
    (tmp_path / "raw.txt").write_text(raw_cable, encoding="utf8")
    script = (
        "import sys, spacy, json; nlp = spacy.load('en_cable_ner_smoke');"
        "doc = nlp(open(sys.argv[1], encoding='utf8').read());"
        "print(json.dumps({'pipe': nlp.pipe_names, 'labels': list(nlp.get_pipe('ner').labels), 'n': len(doc)}))"
    )
    # Run from tmp_path so that the package is found in the venv, not in the project folder.
    loaded = subprocess.run([str(python), "-c", script, str(tmp_path / "raw.txt")], cwd=tmp_path, capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    info = srsly.json_loads(loaded.stdout.strip().splitlines()[-1])
    assert info["pipe"] == ["tok2vec", "ner"]
    assert set(info["labels"]) == set(LABELS)
    assert info["n"] > 100
