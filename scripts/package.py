"""Package the trained pipeline as one installable wheel that carries its own code, offline.

Usage: python scripts/package.py [training/efficiency/model-best] [packages] [--name cable_ner] [--version 0.1.0]
The name and version default to the project's (project.yml vars), the meta to configs/meta.json,
with the labels the pipeline was trained on, the corpus it came from (corpus/conversion.json),
the data sources and their licences, and its scores on real cables when evaluate-real measured
them (--real-scores). The package folder is replaced only when the wheel was built; a package
built from other cables is named before it is replaced. Install:
pip install packages/en_cable_ner-0.1.0/dist/en_cable_ner-0.1.0-py3-none-any.whl
"""
import sys
from pathlib import Path
from typing import Optional

if __package__ in (None, ""):  # run as `python scripts/package.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import srsly
import typer
from wasabi import msg

from cable_ner.outputs import staged
from cable_ner.corpus_report import corpus_origin
from cable_ner.packaging import PackagingError, package_pipeline, pipeline_meta
from scripts.common import Arg, Opt, project_variable


# fmt: off
def main(
    input_dir: Path = Arg(Path("training/efficiency/model-best"), help="Trained pipeline folder", exists=True, file_okay=False),
    output_dir: Path = Arg(Path("packages"), help="Folder for the package (PACKAGE-VERSION/ with dist/*.whl)"),
    name: Optional[str] = Opt(None, "--name", "-n", help="Package name without the language prefix (default: the project's vars.name)"),
    version: Optional[str] = Opt(None, "--version", "-v", help="Package version (default: the project's vars.version)"),
    meta_path: Path = Opt(Path("configs/meta.json"), "--meta", "-m", help="meta.json with description, author, license, url", exists=True),
    corpus_report: Path = Opt(Path("corpus/conversion.json"), "--corpus-report", help="The training corpus's conversion.json (for the meta)"),
    real_scores: Optional[Path] = Opt(None, "--real-scores", help="evaluate-real's JSON: the scores on real cables for the model card (used if it exists)"),
    synthetic_scores: Optional[Path] = Opt(None, "--synthetic-scores", help="evaluate-gold's JSON: the held-out synthetic scores, named as such"),
):
    # fmt: on
    """Package the pipeline and build its one wheel without downloading anything."""
    name = name or project_variable("name", "cable_ner")
    version = version or project_variable("version", "0.1.0")
    meta = pipeline_meta(input_dir, srsly.read_json(meta_path), corpus_report, real_scores, synthetic_scores)
    lang = srsly.read_json(input_dir / "meta.json")["lang"]
    package_name = f"{lang}_{name}-{version}"
    msg.info(f"Packaging {input_dir} as {package_name} (labels: {', '.join(srsly.read_json(input_dir / 'meta.json').get('labels', {}).get('ner', []))})")
    origin = corpus_origin(corpus_report)
    warn_what_it_replaces(output_dir / package_name / "meta.json", meta)
    if not origin["synthetic"] and (name, version) == (project_variable("name", "cable_ner"), project_variable("version", "0.1.0")):
        msg.warn(f"Trained on your cables ({origin['input_dir']}) under the sample model's name and version ({package_name}).",
                 "Give it its own: --vars.name or --vars.version (e.g. spacy project run package . --vars.version 0.1.0-own).")
    if not real_scores or not real_scores.exists():
        msg.warn("No scores on real cables for the model card (evaluate-real): the card says so.")
    try:
        with staged(output_dir, [package_name]) as staging:
            wheel = package_pipeline(input_dir, staging, name, version, meta)
    except PackagingError as err:
        msg.fail(str(err), f"Nothing in {output_dir} was changed.", exits=1)
    path = output_dir / package_name / "dist" / wheel.name
    msg.good(f"Built {path}")
    msg.text(f"Install: pip install {path}")


def warn_what_it_replaces(old_meta_path: Path, meta: dict) -> None:
    """Say which package a build replaces when it was trained on other cables."""
    if not old_meta_path.exists():
        return
    old_sources = srsly.read_json(old_meta_path).get("sources", [{}])
    if old_sources and old_sources[0].get("name") != meta["sources"][0]["name"]:
        msg.warn(f"Replacing {old_meta_path.parent}, built from {old_sources[0].get('name', 'unknown cables')}, "
                 f"with a build from {meta['sources'][0]['name']}.")


if __name__ == "__main__":
    typer.run(main)
