"""Rules for spans that swallow what is not the name: trailing words, punctuation, possessives."""
from typing import Dict, List, Optional

from ..markup import Span
from .context import CableContext
from .lexicon import ABBREVIATION, EDGE_PUNCT, METADATA_CUT_WORDS, MONTHS, NAME_HEADS, POSSESSIVE, WHITESPACE
from .registry import span_rule
from .words import bare, label_votes, name_key, winning_label, words


@span_rule(
    repairs=("trailing_words_inside", "possessive_inside"),
    examples=[
        ("[MISC PERU Classified By: Charge  ] x", "[MISC PERU ] Classified By: Charge x"),
        ("[PER Laura Trevane’s August  ] 27", "[PER Laura Trevane ]’s August 27"),
        ("that [MISC Saudi leaders  ] are", "that [MISC Saudi ] leaders are"),
        ("the [ORG People's Party  ] won", "the [ORG People's Party ] won"),
        ("the [ORG Ministry of Foreign Affairs  ] said", "the [ORG Ministry of Foreign Affairs ] said"),
    ],
)
def cut_trailing_non_name_words(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Cut a span before words that cannot continue a name: metadata, months, a possessive.

    A possessive before a head noun belongs to the name ("People's Party"); a name does not
    end in a lower-case word.
    """
    text = cable.text
    fixed = []
    for span in spans:
        if text[span.start : span.end].isalpha() or not WHITESPACE.search(text, span.start, span.end):
            fixed.append(span)  # one word: nothing can follow it inside the span
            continue
        span_words = words(text, span.start, span.end)
        head = bare(text[span_words[-1][0] : span_words[-1][1]])
        end = span.end
        for index, (ws, we) in enumerate(span_words):
            word = text[ws:we]
            if index > 0 and (bare(word) in METADATA_CUT_WORDS or bare(word) in MONTHS or word.endswith(":")):
                end = span_words[index - 1][1]
                break
            possessive = POSSESSIVE.search(word)
            if possessive and index < len(span_words) - 1 and head not in NAME_HEADS:
                end = ws + possessive.start()
                break
        kept = [(ws, min(we, end)) for ws, we in span_words if ws < end]
        while len(kept) > 1 and bare(text[kept[-1][0] : kept[-1][1]]).islower():
            kept.pop()  # a name does not end in a lower-case word: "[MISC Saudi leaders ]"
        fixed.append(Span(span.start, kept[-1][1] if kept else end, span.label))
    return fixed


@span_rule(
    repairs=("punctuation_inside",),
    examples=[
        ("in [LOC Bolivia.”  ] He", "in [LOC Bolivia ].” He"),
        ("the [ORG Party.  ]", "the [ORG Party ]."),
        ("“[MISC Danish  ] way", "“[MISC Danish ] way"),
        ("the [LOC U.S.  ] and [LOC U.K.  ] media", "the [LOC U.S. ] and [LOC U.K. ] media"),
    ],
)
def trim_edge_punctuation(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Move punctuation and quotes at either edge out of a span; keep abbreviation dots."""
    text = cable.text
    fixed = []
    for span in spans:
        start, end = span.start, span.end
        while start < end and (text[start] in EDGE_PUNCT or text[start].isspace()):
            start += 1
        while end > start and (text[end - 1] in EDGE_PUNCT or text[end - 1].isspace()):
            if text[end - 1] == "." and ABBREVIATION.search(text[start:end]):
                break
            end -= 1
        if end > start:
            fixed.append(span if (start, end) == (span.start, span.end) else Span(start, end, span.label))
    return fixed


@span_rule(
    repairs=("possessive_inside", "wrong_label"),
    examples=[
        ("[MISC Peru’s  ] role", "[LOC Peru ]’s role"),
        ("[PER Trevane  ] met [MISC Trevane’s  ] aide", "[PER Trevane ] met [PER Trevane ]’s aide"),
        ("the [ORG Taliban  ] said", "the [ORG Taliban ] said"),
    ],
)
def split_off_possessive(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Move a possessive ’s / 's out of a span; a possessive name is not MISC.

    An "other" span (MISC) gets the label the cable gives the name elsewhere, else a place's.
    """
    text = cable.text
    votes: Optional[Dict[str, Dict[str, int]]] = None
    fixed = []
    for span in spans:
        match = POSSESSIVE.search(text, span.start, span.end)
        if not match or match.start() == span.start:
            fixed.append(span)
            continue
        end = match.start()
        if text[span.end - 1] in "'’" and text[span.end - 2] == "s":  # plural possessive: "Taliban’" stays "s’"
            end = span.end - 1
        label = span.label
        if label == cable.roles.other:
            votes = votes if votes is not None else label_votes(text, spans)
            elsewhere = {k: v for k, v in votes.get(name_key(text[span.start:end]), {}).items() if k != cable.roles.other}
            label = winning_label(elsewhere) or cable.roles.place
        fixed.append(Span(span.start, end, label))
    return fixed
