"""What the command-line tools share: the label and span-rule options, read and checked once."""
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

import typer
from wasabi import msg

from cable_ner.labels import DEFAULT_ROLES, LabelRoles, LabelSetError
from cable_ner.markup import MarkupError
from cable_ner.rules import SpanRule, select_rules

Arg = typer.Argument
Opt = typer.Option

DEFAULT_LABELS = "PER,ORG,LOC,MISC"
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
