"""The trained pipeline and this library as installable wheels, built without the network.

A trained pipeline names components that run the span rules, so its package requires the
``cable_ner`` library: both are built here, side by side in ``PACKAGE-VERSION/dist``, and
``pip install PACKAGE-VERSION/dist/*.whl`` installs them together. spaCy's ``package`` writes the
model package (``--code`` ships :mod:`cable_ner.pipeline_code`, which imports the components from
the library); the wheels are built with ``python -m build --no-isolation`` from the setuptools
and wheel that requirements.txt installs (spaCy's own build fetches them from the index).
"""
import io
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stdout
from pathlib import Path
from typing import Dict, List, Optional

import srsly

import cable_ner

PROJECT_DIR = Path(__file__).resolve().parent.parent
PIPELINE_CODE = Path(__file__).resolve().parent / "pipeline_code.py"
# spaCy's package README links the author to the meta's url: without a url, an empty link.
EMPTY_LINK = re.compile(r"\[([^\]]+)\]\(\)")


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


def library_wheel(build_dir: Path, dist_dir: Path) -> Path:
    """This library's wheel (``cable_ner-VERSION-py3-none-any.whl``), built from a clean copy of its sources."""
    source = build_dir / "cable_ner-source"
    shutil.copytree(Path(cable_ner.__file__).parent, source / "cable_ner", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_DIR / "pyproject.toml", source / "pyproject.toml")
    return build_wheel(source, dist_dir)


def pipeline_meta(model_dir: Path, base_meta: Dict, corpus_report: Optional[Path]) -> Dict:
    """The package's meta: the project's, with the labels it was trained on, its corpus and the library it needs."""
    labels = srsly.read_json(model_dir / "meta.json").get("labels", {}).get("ner", [])
    meta = dict(base_meta)
    meta["description"] = meta.get("description", "").replace("{labels}", ", ".join(labels) or "no labels")
    meta["requirements"] = [*meta.get("requirements", []), f"cable_ner=={cable_ner.__version__}"]
    if corpus_report is not None and corpus_report.exists():
        report = srsly.read_json(corpus_report)
        train = report.get("splits", {}).get("train", {})
        meta["sources"] = [{"name": f"{train.get('cables', 0)} training cables from {report.get('input_dir', 'unknown')}",
                            "url": "", "license": "the cables' own"}]
        meta["description"] += (f" Trained on {train.get('cables', 0):,} cables ({train.get('tokens', 0):,} tokens) "
                                f"from {report.get('input_dir', 'an unknown folder')}, span rules: {', '.join(report.get('rules', [])) or 'none'}.")
    return meta


def package_pipeline(model_dir: Path, output_dir: Path, name: str, version: str, meta: Dict,
                     code_paths: Optional[List[Path]] = None) -> List[Path]:
    """Write the package of a trained pipeline in ``output_dir`` and build its wheel and the library's.

    RETURNS (List[Path]): the model's wheel, then the library's, both in ``PACKAGE-VERSION/dist``.
    spaCy's messages are kept out of the console; a failed build raises :class:`PackagingError`.
    """
    from spacy.cli.package import package

    import cable_ner.pipeline_code  # noqa: F401 (spaCy imports the --code files; the components must register once)

    lang = srsly.read_json(model_dir / "meta.json")["lang"]
    package_name = f"{lang}_{name}-{version}"
    meta_path = output_dir / "meta.json"
    srsly.write_json(meta_path, meta)
    with redirect_stdout(io.StringIO()):
        package(model_dir, output_dir, meta_path=meta_path, code_paths=code_paths or [PIPELINE_CODE], name=name,
                version=version, create_sdist=False, create_wheel=False, require_parent=True, force=True, silent=True)
    meta_path.unlink()
    package_dir = output_dir / package_name
    for readme in package_dir.rglob("README.md"):
        readme.write_text(EMPTY_LINK.sub(r"\1", readme.read_text(encoding="utf8")), encoding="utf8")
    dist = package_dir / "dist"
    model_wheel = build_wheel(package_dir, dist)
    return [model_wheel, library_wheel(output_dir, dist)]
