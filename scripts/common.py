"""What the command-line tools share: the label and span-rule options, read and checked once, and
the benchmarks' measured run (a command's wall time and its own peak memory)."""
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import typer
from wasabi import msg

from cable_ner.labels import DEFAULT_ROLES, LabelRoles, LabelSetError
from cable_ner.markup import MarkupError
from cable_ner.rules import SpanRule, select_rules

Arg = typer.Argument
Opt = typer.Option

DEFAULT_LABELS = "PER,ORG,LOC,MISC"
# Training stops after about this many words (cable_ner/budget.py); see the README for what it costs.
DEFAULT_TRAIN_WORDS = 10_000_000
LABELS_HELP = "Comma-separated entity labels of the markup"
RULES_HELP = "Span-fixing rules to run: 'default', 'none' or a comma-separated list of rule names"


def parse_labels(value: str) -> List[str]:
    """The label set of a ``--labels`` option; exits with a message when it names none."""
    labels = [label.strip() for label in value.split(",") if label.strip()]
    if not labels:
        msg.fail("--labels names no label", "Give a comma-separated list, e.g. PER,ORG,LOC,MISC.", exits=1)
    return labels


def parse_rules(value: str, labels: Sequence[str]) -> Tuple[List[SpanRule], LabelRoles]:
    """The span rules of a ``--rules`` option and the labels they write for each role.

    Exits with a message naming unknown rules, or the labels the rules cannot map to roles.
    """
    try:
        rules = select_rules(value)
        roles = LabelRoles.from_labels(labels) if rules else DEFAULT_ROLES  # no rule writes a label
    except (ValueError, LabelSetError) as err:
        msg.fail(str(err), exits=1)
        raise  # unreachable: msg.fail exits
    return rules, roles


def label_translation(labels: Sequence[str]) -> dict:
    """Other taggers' names of each role, mapped to the label set's label; exits when it has no roles."""
    try:
        return LabelRoles.from_labels(labels).translation()
    except LabelSetError as err:
        msg.fail(str(err), exits=1)
        raise  # unreachable: msg.fail exits


def report_bad_files(failures: Sequence[MarkupError], errors_path: Optional[Path], shown: int = 10) -> None:
    """Print the bad files, each with file:line:column, what is wrong and what to do.

    With ``errors_path`` (where all of them are written) the first ``shown`` are printed and the
    rest counted; without it, every one is printed.
    """
    if not failures:
        return
    msg.warn(f"Skipped {len(failures)} bad cable(s)" + (f"; all of them in {errors_path}" if errors_path else ""))
    listed = failures[:shown] if errors_path is not None else failures
    for failure in listed:
        msg.text(f"  {failure.source}:{failure.line}:{failure.column}: {failure.problem}")
        msg.text(f"    -> {failure.hint}")
    if len(failures) > len(listed):
        msg.text(f"  and {len(failures) - len(listed)} more (see {errors_path})")



def project_variable(name: str, default: str) -> str:
    """A variable of the project's project.yml (``vars``), as `spacy project run` would fill it."""
    from weasel.util import load_project_config

    return str(load_project_config(Path(__file__).resolve().parent.parent).get("vars", {}).get(name, default))


# Waits for the command it starts and prints the command's peak memory last: the launcher is a
# fresh, small process, so the peak it reads is the command's own (and its workers').
LAUNCHER = ("import os, subprocess, sys; child = subprocess.Popen(sys.argv[1:]); _, status, usage = os.wait4(child.pid, 0); "
            "print(f'\\npeak_kib {usage.ru_maxrss}', flush=True); sys.exit(os.waitstatus_to_exitcode(status))")


def measured(command: List[str]) -> Dict[str, float]:
    """Run a command in its own process; its wall seconds, peak memory (MiB) and the JSON it printed last."""
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", LAUNCHER, *command], cwd=Path(__file__).resolve().parent.parent,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed with status {result.returncode}")
    lines = result.stdout.splitlines()
    peak_kib = int(lines[-1].split()[1])
    found = [line for line in lines if line.startswith("{")]
    return {"seconds": time.perf_counter() - started, "peak_mib": peak_kib / 1024, **(json.loads(found[-1]) if found else {})}
