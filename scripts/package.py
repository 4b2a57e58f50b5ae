"""Package the trained pipeline as an installable wheel, offline.

Usage: python scripts/package.py training/efficiency/model-best packages --name cable_ner --version 0.1.0
    --meta configs/meta.json --code cable_ner/components.py
`spacy package` writes the package; the wheel is built with `python -m build --no-isolation`,
from the setuptools and wheel that requirements.txt installs, so that nothing is downloaded
(spaCy's own build step makes an isolated environment and fetches setuptools from the index).
The package folder is replaced only when the wheel was built.
"""
import re
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as `python scripts/package.py`: make the project importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import srsly
import typer
from spacy.cli.package import package
from wasabi import msg

from cable_ner.outputs import staged
from scripts.common import Arg, Opt

# spaCy's package README links the author to the meta's url: without a url, an empty link.
EMPTY_LINK = re.compile(r"\[([^\]]+)\]\(\)")


# fmt: off
def main(
    input_dir: Path = Arg(..., help="Trained pipeline folder", exists=True, file_okay=False),
    output_dir: Path = Arg(..., help="Folder for the package (PACKAGE-VERSION/ with dist/*.whl)"),
    name: str = Opt(..., "--name", "-n", help="Package name, without the language prefix"),
    version: str = Opt(..., "--version", "-v", help="Package version"),
    meta_path: Path = Opt(..., "--meta", "-m", help="meta.json with description, author, license, url", exists=True),
    code: str = Opt("", "--code", "-c", help="Comma-separated Python files to ship inside the package"),
):
    # fmt: on
    """Package the pipeline and build its wheel without downloading anything."""
    lang = srsly.read_json(input_dir / "meta.json")["lang"]
    package_name = f"{lang}_{name}-{version}"
    code_paths = [Path(path) for path in code.split(",") if path.strip()]
    with staged(output_dir, [package_name]) as staging:
        package(input_dir, staging, meta_path=meta_path, code_paths=code_paths, name=name, version=version,
                create_sdist=False, create_wheel=False, require_parent=True, force=True, silent=False)
        for readme in (staging / package_name).rglob("README.md"):
            readme.write_text(EMPTY_LINK.sub(r"\1", readme.read_text(encoding="utf8")), encoding="utf8")
        build = [sys.executable, "-m", "build", "--wheel", "--no-isolation", str(staging / package_name)]
        if subprocess.run(build).returncode != 0:
            msg.fail("Building the wheel failed", f"Nothing in {output_dir} was changed.", exits=1)
    wheel = next((output_dir / package_name / "dist").glob("*.whl"))
    msg.good(f"Built {wheel}")


if __name__ == "__main__":
    typer.run(main)
