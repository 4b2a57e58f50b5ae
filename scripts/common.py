"""What the command-line tools share: the label and span-rule options, read and checked once."""
from typing import List

import typer
from wasabi import msg

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


def parse_rules(value: str) -> List[SpanRule]:
    """The span rules of a ``--rules`` option; exits with a message naming unknown rules."""
    try:
        return select_rules(value)
    except ValueError as err:
        msg.fail(str(err), exits=1)
        raise  # unreachable: msg.fail exits
