"""Package the trained pipeline as an installable wheel, with the cable_ner library's wheel beside it, offline.

Usage: python scripts/package.py [training/efficiency/model-best] [packages] [--name cable_ner] [--version 0.1.0]
The name and version default to the project's (project.yml vars), the meta to configs/meta.json,
with the labels the pipeline was trained on and the corpus it came from (corpus/conversion.json).
The package folder is replaced only when both wheels were built. Install them together:
pip install packages/en_cable_ner-0.1.0/dist/*.whl (a rebuilt wheel of the same version needs
--force-reinstall --no-deps, or a new --version).
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
):
    # fmt: on
    """Package the pipeline and build its wheel and the library's without downloading anything."""
    name = name or project_variable("name", "cable_ner")
    version = version or project_variable("version", "0.1.0")
    meta = pipeline_meta(input_dir, srsly.read_json(meta_path), corpus_report)
    lang = srsly.read_json(input_dir / "meta.json")["lang"]
    package_name = f"{lang}_{name}-{version}"
    msg.info(f"Packaging {input_dir} as {package_name} (labels: {', '.join(srsly.read_json(input_dir / 'meta.json').get('labels', {}).get('ner', []))})")
    try:
        with staged(output_dir, [package_name]) as staging:
            wheels = package_pipeline(input_dir, staging, name, version, meta)
    except PackagingError as err:
        msg.fail(str(err), f"Nothing in {output_dir} was changed.", exits=1)
    for wheel in wheels:
        msg.good(f"Built {output_dir / package_name / 'dist' / wheel.name}")
    msg.text(f"Install: pip install {output_dir / package_name / 'dist'}/*.whl "
             "(add --force-reinstall --no-deps to replace an installed build of the same version)")


if __name__ == "__main__":
    typer.run(main)
