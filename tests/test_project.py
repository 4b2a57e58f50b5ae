"""The project's wiring: project.yml deps cover the code each command runs, and every tool runs both ways."""
import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Set

import pytest
import srsly

from conftest import PROJECT_DIR

TOOLS = sorted(path.stem for path in (PROJECT_DIR / "scripts").glob("*.py") if path.stem not in ("__init__", "common"))
LOCAL_PACKAGES = ("cable_ner", "scripts")


def module_path(name: str) -> Path:
    """The file of a local module or package (``cable_ner.rules`` -> ``cable_ner/rules/__init__.py``)."""
    base = PROJECT_DIR.joinpath(*name.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def local_imports(path: Path) -> Set[Path]:
    """The local files a Python file imports (the packages on the way included), anywhere in it."""
    package = path.parent.relative_to(PROJECT_DIR).parts
    found: Set[Path] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[: len(package) - node.level + 1]) if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            names = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] not in LOCAL_PACKAGES:
                continue
            for end in range(1, len(parts) + 1):
                candidate = module_path(".".join(parts[:end]))
                if candidate.exists():
                    found.add(candidate)
    return found


def files_run_by(script_lines: List[str]) -> Set[Path]:
    """Every local file a command's script lines run, following imports."""
    todo = [PROJECT_DIR / match for line in script_lines for match in re.findall(r"python3? (scripts/\w+\.py)", line)]
    todo += [module_path(match) for line in script_lines for match in re.findall(r"python3? -m (scripts\.\w+)", line)]
    seen: Set[Path] = set()
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(local_imports(path))
    return seen


def uncovered_files(commands: List[dict]) -> Dict[str, List[str]]:
    """Per command, the local files it runs that none of its deps (a file or a folder above it) covers."""
    missing: Dict[str, List[str]] = {}
    for command in commands:
        deps = [(PROJECT_DIR / dep).resolve() for dep in command.get("deps", []) if "${" not in dep]
        for path in sorted(files_run_by(command.get("script", []))):
            if path.stat().st_size == 0:
                continue  # an empty __init__.py: nothing in it can change what the command does
            if not any(path == dep or dep in path.parents for dep in deps):
                missing.setdefault(command["name"], []).append(str(path.relative_to(PROJECT_DIR)))
    return missing


def project_commands() -> List[dict]:
    return srsly.read_yaml(PROJECT_DIR / "project.yml")["commands"]


def test_every_command_lists_the_code_it_runs_in_its_deps():
    commands = project_commands()
    assert any(files_run_by(command["script"]) for command in commands)
    assert uncovered_files(commands) == {}


def test_the_deps_check_fails_when_a_dep_is_removed():
    commands = project_commands()
    convert = next(command for command in commands if command["name"] == "convert")
    for removed in ("cable_ner/rules", "scripts/common.py"):
        trimmed = {**convert, "deps": [dep for dep in convert["deps"] if dep != removed]}
        missing = uncovered_files([trimmed])["convert"]
        assert missing and all(path.startswith(removed) for path in missing), (removed, missing)


@pytest.mark.parametrize("tool", TOOLS)
def test_every_tool_runs_as_a_file_and_as_a_module(tool):
    for command in ([sys.executable, f"scripts/{tool}.py", "--help"], [sys.executable, "-m", f"scripts.{tool}", "--help"]):
        result = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "Usage" in result.stdout


def test_every_project_command_runs_a_tool_of_its_own_name():
    tools = set(TOOLS)
    for command in project_commands():
        for line in command["script"]:
            match = re.search(r"python scripts/(\w+)\.py", line)
            if match:
                assert match.group(1) in tools
                assert command["name"].startswith(match.group(1).replace("_", "-").split("-")[0]), command["name"]


def test_the_rule_table_and_vector_features_are_written_from_the_code():
    from cable_ner.audit.tables import replace_marked_section, rules_table
    from cable_ner.knowledge.vectors import features_markdown
    from cable_ner.rules import default_rules

    readme = (PROJECT_DIR / "docs" / "rules-and-model.md").read_text(encoding="utf8")
    assert replace_marked_section(readme, "RULES", rules_table(default_rules())) == readme, "run: spacy project run document"
    assert replace_marked_section(readme, "VECTORS", features_markdown()) == readme, "run: spacy project run document"


def test_the_command_reference_is_current(tmp_path):
    """docs/commands.md, written by weasel, lists project.yml's commands and workflows as they are now."""
    marker = "<!-- WEASEL: AUTO-GENERATED DOCS START (do not remove) -->"
    end = "<!-- WEASEL: AUTO-GENERATED DOCS END (do not remove) -->"
    generated = tmp_path / "commands.md"
    subprocess.run([sys.executable, "-m", "spacy", "project", "document", str(PROJECT_DIR), "--output", str(generated)],
                   check=True, capture_output=True)
    section = lambda text: text[text.index(marker) : text.index(end)]  # noqa: E731
    assert section(generated.read_text(encoding="utf8")) == section((PROJECT_DIR / "docs" / "commands.md").read_text(encoding="utf8"))


def test_the_project_is_licensed_as_it_declares():
    """The code is MIT; the packaged model carries vectors built from wordfreq's CC BY-SA 4.0 data."""
    from cable_ner.packaging import DATA_SOURCES, PACKAGE_LICENSE

    license_text = (PROJECT_DIR / "LICENSE").read_text(encoding="utf8")
    assert license_text.startswith("MIT License") and 'license = {text = "MIT"}' in (PROJECT_DIR / "pyproject.toml").read_text()
    assert srsly.read_json(PROJECT_DIR / "configs" / "meta.json")["license"] == PACKAGE_LICENSE == "CC BY-SA 4.0"
    assert any(source["license"] == PACKAGE_LICENSE and "wordfreq" in source["name"] for source in DATA_SOURCES)


def test_the_config_switches_every_default_rule_on_in_order():
    from spacy.util import load_config

    from cable_ner.rules import DEFAULT_RULES

    rules = load_config(PROJECT_DIR / "configs" / "efficiency.cfg")["components"]["span_rules"]["rules"]
    assert list(rules) == list(DEFAULT_RULES) and all(rules.values())


def test_the_wheel_carries_what_the_components_import_and_nothing_of_training():
    from cable_ner.packaging import vendored_modules

    files = {path.as_posix() for path in vendored_modules()}
    assert {"__init__.py", "components.py", "cable_text.py", "markup.py", "labels.py", "rules/__init__.py",
            "rules/data.py", "rules/titles.py", "rules/routing_header.py"} <= files
    assert not any(path.split("/")[0] in {"sample", "corpus", "audit", "training.py", "packaging.py", "tagging.py"} for path in files)
