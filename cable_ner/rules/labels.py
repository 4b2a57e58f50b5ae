"""Rules for wrong labels: a name's head noun, and the label a name carries elsewhere in the cable."""
from typing import List

from ..markup import Span
from .context import CableContext
from .lexicon import LOC_HEADS, MISC_HEADS, ORG_HEADS
from .registry import span_rule
from .words import bare, label_votes, name_key, winning_label


@span_rule(
    repairs=("wrong_label",),
    examples=[
        ("celebrate [ORG Chilean Independence Day  ] .", "celebrate [MISC Chilean Independence Day ] ."),
        ("within the [ORG Lake Areas  ] would", "within the [LOC Lake Areas ] would"),
        ("within the [ORG Lake\nAreas  ] would", "within the [LOC Lake\nAreas ] would"),
        ("the [MISC Hizb Party  ] won", "the [ORG Hizb Party ] won"),
    ],
)
def relabel_by_head_word(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Give a multi-word name the label its head noun calls for (all-caps spans are left alone)."""
    text = cable.text
    fixed = []
    for span in spans:
        surface = text[span.start : span.end]
        label = span.label
        span_words = surface.split() if not surface.isupper() else []
        if len(span_words) >= 2:
            head = bare(span_words[-1])
            if head in MISC_HEADS:
                label = cable.roles.other
            elif head in LOC_HEADS:
                label = cable.roles.place
            elif head in ORG_HEADS:
                label = cable.roles.organisation
        fixed.append(span if label == span.label else Span(span.start, span.end, label))
    return fixed


@span_rule(
    repairs=("wrong_label",),
    examples=[
        ("[PER Ostrovic  ] and [ORG Ostrovic  ] and [PER Ostrovic  ]", "[PER Ostrovic ] and [PER Ostrovic ] and [PER Ostrovic ]"),
        ("[PER Jordan  ] and [LOC Jordan  ]", "[PER Jordan ] and [LOC Jordan ]"),
    ],
)
def vote_labels_in_cable(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Give every mention of a name the label most of its mentions in the cable carry; ties stay."""
    text = cable.text
    votes = label_votes(text, spans)
    winners = {key: winning_label(counts) for key, counts in votes.items() if len(counts) > 1}
    if not winners:
        return spans  # every name carries one label already
    return [Span(span.start, span.end, winners.get(name_key(text[span.start : span.end])) or span.label) for span in spans]
