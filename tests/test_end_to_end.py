"""The whole project on a few sample cables: convert, train a few steps, evaluate, package, load.

Runs the real project.yml with `spacy project run all` in a copy of the project, then installs
the wheel into a fresh virtualenv (beside the spaCy already installed) and tags a raw cable.
"""
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import List

import pytest
import srsly

from cable_ner.markup import cable_files, read_cable_file

from conftest import LABELS, PROJECT_DIR, SAMPLE_DIR

pytestmark = pytest.mark.slow
OVERRIDES = {
    "cables_dir": "mini cables/silver", "gold_dir": "mini cables/gold", "dev_fraction": 0.25, "test_fraction": 0.25,
    "n_process": 1, "name": "cable_ner_smoke", "version": "0.0.1",
}
# A few training steps: the configs hold the real values, the smoke test shortens them. And no
# package index: once installed, nothing of the project may need one (the wheel is built offline).
SHORT_TRAINING_OFFLINE = {
    **os.environ, "SPACY_CONFIG_OVERRIDES": "--training.max_steps=30 --training.eval_frequency=10",
    "PIP_NO_INDEX": "1", "PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_FIND_LINKS": "", "PIP_EXTRA_INDEX_URL": "",
}


def run_all(root: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "spacy", "project", "run", "all", str(root)]
    command += [f"--vars.{key}={value}" for key, value in OVERRIDES.items()]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=SHORT_TRAINING_OFFLINE)


@pytest.fixture(scope="module")
def finished_project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    for name in ("project.yml", "pyproject.toml", "configs", "scripts", "cable_ner"):
        source = PROJECT_DIR / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    for kind in ("silver", "gold"):  # a folder name with a space in it, as users' folders may have
        (root / "mini cables" / kind).mkdir(parents=True)
        for path in sorted(cable_files(SAMPLE_DIR / kind))[:24]:
            shutil.copy(path, root / "mini cables" / kind / path.name)
    result = run_all(root)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return root


def test_all_workflow_writes_every_output(finished_project):
    root = finished_project
    for path in ("corpus/train/0000.spacy", "corpus/dev/0000.spacy", "corpus/test/0000.spacy", "corpus/gold/test/0000.spacy",
                 "training/efficiency/model-best", "reports/span_rules.md", "metrics/scores.md", "reports/visual_audit.html",
                 "corpus/knowledge_vectors/vocab/vectors"):
        assert (root / path).exists(), path
    visual = (root / "reports" / "visual_audit.html").read_text(encoding="utf8")
    assert visual.count("<mark") > 20 and "against gold" in visual and "Breakages" in visual
    assert visual.index("id='summary'") < visual.index("id='cables'") < visual.index("id='rules'")
    conversion = srsly.read_json(root / "corpus" / "conversion.json")
    assert conversion["accounting_problems"] == []
    assert sum(conversion["splits"][split]["cables"] for split in ("train", "dev", "test")) == 24
    for name in ("efficiency-test.json", "efficiency-gold-test.json"):
        scores = srsly.read_json(root / "metrics" / name)
        assert set(scores["ents_per_type"]) <= set(LABELS) and "ents_f" in scores
    report = " ".join((root / "metrics" / "scores.md").read_text(encoding="utf8").split())
    test_cables = conversion["splits"]["test"]["cables"]
    assert "| PER |" in report and f"the {test_cables} held-out test cables of mini cables/silver (your own cables)" in report
    assert f"the same {test_cables} cables, against their gold annotation (mini cables/gold)" in report
    training = srsly.read_json(root / "metrics" / "training.json")
    assert training["cables_in_train"] == conversion["splits"]["train"]["cables"] and training["steps"] == 30
    assert 0 < training["cables_seen"] <= training["cables_in_train"] and training["words_seen"] > 0
    audit = srsly.read_json(root / "metrics" / "span_rules.json")
    assert audit["fixed_vs_gold"]["overall"]["f"] > audit["tagger_vs_gold"]["overall"]["f"]


def test_second_run_skips_up_to_date_steps(finished_project):
    result = run_all(finished_project)
    assert result.returncode == 0
    assert result.stdout.count("Skipping") == 10, result.stdout


def _site_with_only(distribution: str, target: Path) -> None:
    """Link ``distribution`` and what it requires (recursively) from this run's site-packages into ``target``."""
    from importlib import metadata

    todo, seen = [distribution], set()
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        for requirement in dist.requires or []:
            if "extra ==" not in requirement:
                todo.append(re.match(r"[A-Za-z0-9_.-]+", requirement).group())
        for file in dist.files or []:
            top = Path(str(file)).parts[0]
            source = Path(dist.locate_file(top))
            if top != ".." and source.exists() and not (target / top).exists():
                (target / top).symlink_to(source)


def requirement_names(path: Path) -> set:
    """The distributions a requirements file names (not options such as ``-e .``), normalised."""
    names = set()
    for line in path.read_text(encoding="utf8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.add(re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", line).group()).lower())
    return names


@pytest.fixture(scope="module")
def wheel_python(finished_project, tmp_path_factory) -> Path:
    """The python of a fresh venv where the one model wheel was installed as the README says, offline.

    The venv sees what the wheel declares it requires (and what that requires) from this test
    run's site-packages, nothing else: no cable_ner library, no project folder, no scripts.
    """
    wheels = sorted((finished_project / "packages" / "en_cable_ner_smoke-0.0.1" / "dist").glob("*.whl"))
    assert [wheel.name for wheel in wheels] == ["en_cable_ner_smoke-0.0.1-py3-none-any.whl"]
    with zipfile.ZipFile(wheels[0]) as wheel:
        metadata_text = wheel.read(next(name for name in wheel.namelist() if name.endswith("METADATA"))).decode("utf8")
    declared = {re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9_.-]+", line.split(":", 1)[1].strip()).group()).lower()
                for line in metadata_text.splitlines() if line.startswith("Requires-Dist:") and "extra ==" not in line}
    assert "spacy" in declared and declared <= requirement_names(PROJECT_DIR / "requirements.txt") - {"cable-ner"}
    root = tmp_path_factory.mktemp("wheel")
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / "bin" / "python"
    requirements = root / "requirements-site"
    requirements.mkdir()
    for name in declared:
        _site_with_only(name, requirements)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "spacy-requirements.pth").write_text(f"{requirements}\n", encoding="utf8")
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf8")
    assert "pip install packages/en_cable_ner-0.1.0/dist/en_cable_ner-0.1.0-py3-none-any.whl" in readme
    install = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheels[0])], capture_output=True, text=True,
                             cwd=root, env=SHORT_TRAINING_OFFLINE)
    assert install.returncode == 0, install.stderr
    return python


def tag_in_wheel_venv(python: Path, texts, tmp_path: Path) -> dict:
    """Run the installed wheel over texts in its venv: pipe names, labels, tokens and entities per text."""
    paths = []
    for index, text in enumerate(texts):
        paths.append(tmp_path / f"cable{index}.txt")
        paths[-1].write_text(text, encoding="utf8")
    script = (
        "import sys, json, importlib.util, spacy\n"
        "assert importlib.util.find_spec('cable_ner') is None\n"
        "nlp = spacy.load('en_cable_ner_smoke')\n"
        "assert type(nlp.get_pipe('span_rules')).__module__ == 'en_cable_ner_smoke.cable_ner.components'\n"
        "texts = [open(path, encoding='utf8', newline='').read() for path in sys.argv[1:]]\n"
        "docs = [nlp(text) for text in texts]\n"
        "print(json.dumps({'pipe': nlp.pipe_names, 'labels': list(nlp.get_pipe('ner').labels),"
        " 'tokens': [len(doc) for doc in docs], 'ents': [[e.text for e in doc.ents] for doc in docs],"
        " 'same_text': [doc.text == text for doc, text in zip(docs, texts)]}))"
    )
    # Run from tmp_path so that the package is found in the venv, not in the project folder.
    loaded = subprocess.run([str(python), "-c", script, *map(str, paths)], cwd=tmp_path, capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    return srsly.json_loads(loaded.stdout.strip().splitlines()[-1])


def markup_in(entities) -> list:
    return [text for texts in entities for text in texts if any(char in text for char in "<>¶")]


def test_wheel_loads_in_a_fresh_venv_and_tags_raw_cables_and_pages(wheel_python, tmp_path):
    gold = [read_cable_file(path).text for path in sorted(cable_files(SAMPLE_DIR / "gold"))]
    raw = next(text for text in gold if not text.startswith("<code><pre>"))
    page = next(text for text in gold if text.startswith("<code><pre>"))
    info = tag_in_wheel_venv(wheel_python, [raw, page], tmp_path)
    assert info["pipe"] == ["clean_cable_text", "tok2vec", "cable_markup", "ner", "span_rules", "restore_cable_text"]
    assert set(info["labels"]) == set(LABELS)
    assert min(info["tokens"]) > 100
    assert markup_in(info["ents"]) == []
    assert info["same_text"] == [True, True]  # entity offsets index the text as given, page or not


def test_a_pipeline_folder_loads_with_spacy_load_alone(finished_project, tmp_path):
    """The library's entry points name the components: nothing to import first (run outside the project)."""
    model = finished_project / "training" / "efficiency" / "model-best"
    script = ("import sys, spacy; nlp = spacy.load(sys.argv[1]); doc = nlp('SUBJECT: talks\\n\\n¶1. Karzai met Spanta in Kabul.'); "
              "print(nlp.pipe_names[0], nlp.pipe_names[-1], len(doc))")
    loaded = subprocess.run([sys.executable, "-c", script, str(model)], cwd=tmp_path, capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split()[:2] == ["clean_cable_text", "restore_cable_text"]
    assert (model / "span_rules" / "rule_data.json").exists()


@pytest.mark.parametrize("first", ["library", "package"])
def test_a_packaged_model_runs_its_own_components_whichever_copy_loads_first(finished_project, tmp_path, first):
    package_dir = finished_project / "packages" / "en_cable_ner_smoke-0.0.1"
    script = (
        "import sys, spacy\n"
        "sys.path.insert(0, sys.argv[1])  # the package folder: the model's module, not installed\n"
        f"{'import cable_ner.components' if first == 'library' else 'import en_cable_ner_smoke'}\n"
        "spacy.load(sys.argv[2])\n"  # the library's copy, through the entry points
        "import importlib; nlp = importlib.import_module('en_cable_ner_smoke').load()\n"
        "print(type(nlp.get_pipe('span_rules')).__module__)\n"
    )
    model = finished_project / "training" / "efficiency" / "model-best"
    loaded = subprocess.run([sys.executable, "-c", script, str(package_dir), str(model)], cwd=tmp_path, capture_output=True, text=True)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split()[-1] == "en_cable_ner_smoke.cable_ner.components"


def test_the_package_readme_has_no_empty_link(finished_project):
    readme = next((finished_project / "packages").rglob("README.md")).read_text(encoding="utf8")
    assert "]()" not in readme and "Cable NER project" in readme


def test_wheel_tags_no_markup_on_the_real_seed_page(wheel_python, tmp_path, seed_path):
    info = tag_in_wheel_venv(wheel_python, [read_cable_file(seed_path).text], tmp_path)
    assert info["tokens"][0] > 1000
    assert markup_in(info["ents"]) == []


def run_tag(root: Path, raw: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    model = [] if "--model" in extra else ["--model", str(root / "training" / "efficiency" / "model-best")]
    command = [sys.executable, str(root / "scripts" / "tag.py"), str(raw), str(out), *model, *extra]
    return subprocess.run(command, cwd=root, capture_output=True, text=True)


def check_tagged(raw: Path, out: Path) -> List[dict]:
    """Every cable in entities.jsonl and the database; where a markup file was written, removing its
    markup gives the cable's text byte for byte and convert reads it; JSONL offsets hold. Returns the records."""
    from cable_ner.collection import read_input_cable

    inputs = cable_files(raw)
    records = {record["cable"]: record for record in srsly.read_jsonl(out / "entities.jsonl")}
    assert len(records) == len(inputs)
    written = []
    for path in inputs:
        cable = read_input_cable(path, LABELS)
        record = records[str(path.relative_to(raw).with_suffix(""))]
        assert record["length"] == len(cable.text) and record["input"] == ("raw" if cable.tagger_spans is None else "markup")
        for entity in record["entities"] + record.get("tagger_entities", []):
            assert cable.text[entity["start"] : entity["end"]] == entity["text"] and entity["text"].strip() == entity["text"]
        if cable.tagger_spans is not None:
            assert [(e["start"], e["end"], e["label"]) for e in record["tagger_entities"]] == [tuple(s) for s in cable.tagger_spans]
        tagged = out / path.relative_to(raw)
        assert tagged.exists() == record["markup_written"]
        if tagged.exists():
            written.append(tagged)
            annotated = read_cable_file(tagged)
            assert annotated.text == cable.text
            assert [(e["start"], e["end"], e["label"]) for e in record["entities"]] == [tuple(s) for s in annotated.spans]
            assert tagged.read_bytes().startswith(b"\xef\xbb\xbf") == path.read_bytes().startswith(b"\xef\xbb\xbf")
    database = sqlite3.connect(out / "cables.db")
    assert database.execute("SELECT COUNT(*) FROM cables").fetchone()[0] == len(records)
    assert database.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] == sum(len(r["entities"]) for r in records.values())
    assert database.execute("SELECT COUNT(*) FROM tagger_mentions").fetchone()[0] == sum(len(r.get("tagger_entities", [])) for r in records.values())
    from cable_ner.corpus import convert_corpus

    report = convert_corpus(written, out.parent / f"{out.name}-corpus", labels=LABELS, rules=[], dev_fraction=0, test_fraction=0)
    assert report.failures == [] and report.per_split["train"]["cables"] == len(written)
    return list(records.values())


def check_exported(out: Path, records: List[dict]) -> None:
    """The FollowTheMoney export holds a valid document per cable and a Mention per person and organisation of each."""
    from followthemoney import model

    result = subprocess.run([sys.executable, "-m", "scripts.export_aleph", str(out), str(out / "aleph.jsonl")],
                            cwd=PROJECT_DIR, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    documents = mentions = 0
    length = {record["path"]: record["length"] for record in records}
    for entity in srsly.read_jsonl(out / "aleph.jsonl"):
        schema = model.get(entity["schema"])
        assert "." not in entity["id"] and set(entity["properties"]) <= set(schema.properties) and schema.validate(entity) is None
        assert all(entity["properties"].get(name) for name in schema.required)
        if entity["schema"] == "PlainText":  # the whole text, in parts where it is long
            documents += 1
            assert sum(map(len, entity["properties"]["bodyText"])) == length[entity["properties"]["fileName"][0]]
        mentions += entity["schema"] == "Mention"
    assert documents == len(records)
    assert mentions == len({(r["cable"], e["label"], e["key"]) for r in records for e in r["entities"] if e["label"] in ("PER", "ORG")})


def test_tag_writes_markup_that_reads_back_and_resumes(finished_project, tmp_path):
    raw = tmp_path / "raw cables"
    for index, path in enumerate(sorted(cable_files(SAMPLE_DIR / "gold"))[:20]):
        target = raw / ("sub" if index % 2 else "") / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        text = read_cable_file(path).text + ("\n[NAME REMOVED] said [sic] that [[PER " if index == 3 else "")
        target.write_bytes(("\ufeff" if index == 5 else "").encode("utf8") + text.replace("\n", "\r\n" if index == 7 else "\n").encode("utf8"))
    (raw / "empty.txt").write_text("  \n", encoding="utf8")
    out = tmp_path / "tagged"
    first = run_tag(finished_project, raw, out, "--n-process", "2")
    assert first.returncode == 0, first.stderr[-2000:]
    summary = srsly.read_json(out / "summary.json")
    looks_like_markup = str(Path("sub") / sorted(cable_files(SAMPLE_DIR / "gold"))[3].stem)
    assert summary["cables"] == 20 and summary["skipped"]["cables"] == 1  # the empty file
    assert {problem["file"] for problem in summary["skipped"]["files"]} == {str(raw / "empty.txt")}
    # the text that reads as markup is tagged and in every offset output; it has no markup file
    assert summary["markup_not_written"] == {"cables": 1, "examples": [looks_like_markup]}
    assert sum(summary["entities"].values()) > 100 and summary["most_frequent_names"]
    assert summary["database"]["cables"] == 20 and summary["cables_with_metadata"]["post"] == 20
    (raw / "empty.txt").unlink()
    check_tagged(raw, out)
    again = run_tag(finished_project, raw, out)
    kept = len(cable_files(raw))  # 21 files written, the empty one removed
    assert kept == 20 and again.returncode == 0 and srsly.read_json(out / "summary.json")["this_run"]["resumed"] == kept
    (out / "records" / sorted(p.relative_to(raw) for p in cable_files(raw))[0].with_suffix(".json")).unlink()  # as if the run had stopped there
    resumed = srsly.read_json(out / "summary.json") if run_tag(finished_project, raw, out).returncode == 0 else None
    assert resumed["this_run"]["tagged"] == 1 and resumed["this_run"]["resumed"] == kept - 1 and resumed["cables"] == kept
    forced = run_tag(finished_project, raw, out, "--force")
    assert forced.returncode == 0 and srsly.read_json(out / "summary.json")["this_run"]["tagged"] == kept
    # Another model over the same folder: every cable tagged again, every output names it alone.
    second = finished_project / "training" / "second-model"
    shutil.copytree(finished_project / "training" / "efficiency" / "model-best", second, dirs_exist_ok=True)
    srsly.write_json(second / "meta.json", {**srsly.read_json(second / "meta.json"), "version": "9.9.9"})
    first_fingerprint = srsly.read_json(out / "provenance.json")["fingerprint"]
    retagged = run_tag(finished_project, raw, out, "--model", str(second))
    summary = srsly.read_json(out / "summary.json")
    provenance = srsly.read_json(out / "provenance.json")
    said = " ".join(retagged.stdout.split())
    assert retagged.returncode == 0 and summary["this_run"]["tagged"] == kept
    assert said.index("will be tagged again with this one") < said.index("Tagged ")  # said before the run

    assert provenance["model"]["version"] == "9.9.9" and provenance["fingerprint"] != first_fingerprint
    assert summary["provenance"]["fingerprint"] == provenance["fingerprint"]
    assert {record["pipeline"] for record in srsly.read_jsonl(out / "entities.jsonl")} == {provenance["fingerprint"]}
    database = sqlite3.connect(out / "cables.db")
    assert database.execute("SELECT DISTINCT pipeline FROM cables").fetchall() == [(provenance["fingerprint"],)]
    assert database.execute("SELECT value FROM provenance WHERE key = 'fingerprint'").fetchone() == (f'"{provenance["fingerprint"]}"',)
    # More cables, the same model: only the new one is tagged.
    shutil.copy(sorted(cable_files(SAMPLE_DIR / "gold"))[30], raw / "added.txt")
    (raw / "added.txt").write_text(read_cable_file(raw / "added.txt").text, encoding="utf8")
    added = run_tag(finished_project, raw, out, "--model", str(second))
    assert added.returncode == 0 and srsly.read_json(out / "summary.json")["this_run"]["tagged"] == 1
    assert {record["pipeline"] for record in srsly.read_jsonl(out / "entities.jsonl")} == {provenance["fingerprint"]}


@pytest.mark.skipif(not (PROJECT_DIR.parent / "shared" / "real-raw" / "raw").is_dir(), reason="../shared/real-raw is absent")
def test_tag_reads_every_real_raw_cable_into_every_output(finished_project, tmp_path):
    raw = PROJECT_DIR.parent / "shared" / "real-raw" / "raw"
    result = run_tag(finished_project, raw, tmp_path / "tagged", "--n-process", "2")
    assert result.returncode == 0, result.stderr[-2000:]
    summary = srsly.read_json(tmp_path / "tagged" / "summary.json")
    assert summary["skipped"]["cables"] == 0 and summary["cables"] == len(cable_files(raw)) >= 1000
    assert min(summary["cables_with_metadata"]["date"], summary["cables_with_metadata"]["post"]) >= 0.95 * summary["cables"]
    records = check_tagged(raw, tmp_path / "tagged")
    check_exported(tmp_path / "tagged", records)
    labels_of = {}  # one label per name and cable, case and whitespace folded, whatever the model tagged
    for record in records:
        for entity in record["entities"]:
            labels_of.setdefault((record["cable"], entity["key"]), set()).add(entity["label"])
    assert labels_of and all(len(labels) == 1 for labels in labels_of.values())
    assert summary["names_with_two_labels_in_a_cable"]["pairs"] == 0


def test_tag_reads_cables_in_the_tagger_markup_and_keeps_its_entities_beside_the_model(finished_project, tmp_path):
    silver = SAMPLE_DIR / "silver"
    result = run_tag(finished_project, silver, tmp_path / "tagged", "--n-process", "2")
    assert result.returncode == 0, result.stderr[-2000:]
    summary = srsly.read_json(tmp_path / "tagged" / "summary.json")
    assert summary["cables"] == len(cable_files(silver)) == 300 and summary["skipped"]["cables"] == 0
    assert summary["cables_in_tagger_markup"]["cables"] == 300 and summary["database"]["cables"] == 300
    records = check_tagged(silver, tmp_path / "tagged")  # the tagger's entities as the markup holds them, the model's beside
    assert all(record["input"] == "markup" and record["tagger_entities"] for record in records)
    check_exported(tmp_path / "tagged", records)


def test_pretraining_workflow_pretrains_the_tok2vec_and_training_starts_from_it(finished_project, tmp_path):
    import cable_ner.training  # noqa: F401 (the config names the cable components)
    from spacy.training.initialize import init_nlp
    from spacy.util import load_config

    raw = tmp_path / "raw"
    raw.mkdir()
    for path in sorted(cable_files(SAMPLE_DIR / "gold"))[30:42]:
        (raw / path.name).write_text(read_cable_file(path).text, encoding="utf8")
    command = [sys.executable, "-m", "spacy", "project", "run", "pretraining", str(finished_project),
               f"--vars.pretrain_dir={raw}", "--vars.pretrain_epochs=1"]
    command += [f"--vars.{key}={value}" for key, value in OVERRIDES.items()]
    result = subprocess.run(command, cwd=finished_project, capture_output=True, text=True, env=SHORT_TRAINING_OFFLINE)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    records = list(srsly.read_jsonl(finished_project / "corpus" / "pretrain" / "text.jsonl"))
    assert len(records) > 12 * 3 and all(record["text"].strip() == record["text"] and "\n\n" not in record["text"] for record in records)
    weights = finished_project / "training" / "pretrain-efficiency" / "model-last.bin"
    assert (finished_project / "training" / "efficiency-pretrained" / "model-best" / "meta.json").exists()
    # Training starts from the pretrained weights: spaCy loads them only when [pretraining] names the layer.
    corpus = finished_project / "corpus"
    config = load_config(finished_project / "configs" / "efficiency.cfg", interpolate=False, overrides={
        "paths.train": str(corpus / "train"), "paths.dev": str(corpus / "dev-sample"), "paths.ner_labels": str(corpus / "labels" / "ner.json"),
        "paths.vectors": str(corpus / "knowledge_vectors"), "paths.init_tok2vec": str(weights)})
    assert init_nlp(config).get_pipe("tok2vec").model.to_bytes() == weights.read_bytes()


def test_tag_finishes_over_a_cable_too_long_an_empty_file_and_a_binary_file(finished_project, tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    good = [read_cable_file(path).text for path in sorted(cable_files(SAMPLE_DIR / "gold"))[:2]]
    for index, text in enumerate(good):
        (raw / f"good{index}.txt").write_text(text, encoding="utf8")
    (raw / "long.txt").write_text((good[0] + "\n\n") * (3_000_000 // len(good[0]) + 1), encoding="utf8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "binary.txt").write_bytes(bytes(range(256)) * 40)
    result = run_tag(finished_project, raw, tmp_path / "tagged", "--n-process", "2")
    assert result.returncode == 0, result.stderr[-2000:]
    summary = srsly.read_json(tmp_path / "tagged" / "summary.json")
    assert summary["this_run"]["tagged"] == 2 and summary["cables"] == 2
    skipped = {Path(problem["file"]).name: problem["reason"] for problem in summary["skipped"]["files"]}
    assert set(skipped) == {"long.txt", "empty.txt", "binary.txt"} and "max_length" in skipped["long.txt"]


SPAWNED_PIPE = """
import multiprocessing, sys
from pathlib import Path
def main():
    import spacy, srsly
    import cable_ner.components
    nlp = spacy.load(sys.argv[1])
    texts = [path.read_text(encoding="utf8") for path in sorted(Path(sys.argv[2]).glob("*.txt"))[:6]]
    ents = lambda docs: [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in docs]
    print(srsly.json_dumps({"one": ents(nlp.pipe(texts)), "two": ents(nlp.pipe(texts, n_process=2, batch_size=2))}))
if __name__ == "__main__":
    multiprocessing.set_start_method("spawn", force=True)
    main()
"""


def test_the_pipeline_runs_in_spawned_processes_with_the_entities_of_one(finished_project, tmp_path):
    script = tmp_path / "spawned.py"
    script.write_text(SPAWNED_PIPE, encoding="utf8")
    result = subprocess.run([sys.executable, str(script), str(finished_project / "training" / "efficiency" / "model-best"),
                             str(SAMPLE_DIR / "gold")], cwd=finished_project, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(finished_project)})
    assert result.returncode == 0, result.stderr[-2000:]
    found = srsly.json_loads(result.stdout.strip().splitlines()[-1])
    assert found["one"] == found["two"] and len(found["one"]) == 6
