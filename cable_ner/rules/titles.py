"""The rule for titles and roles inside a span: "Foreign Minister", "Deputy Secretary of State"."""
from bisect import bisect_left
from typing import Dict, List, Optional, Tuple

from ..markup import Span
from .context import CableContext
from .lexicon import NAME_CONNECTORS, NAME_HEADS, ORG_HEADS, TITLE_HEADS, TITLE_MODIFIERS, TITLE_WORDS
from .registry import span_rule
from .words import bare, is_capitalised, label_votes, looks_like_demonym, name_key, winning_label, words


def _title_run(bare_words: List[str], index: int) -> int:
    """Length of the title phrase starting at bare_words[index] (0 if none ends in a title head)."""
    last_head = 0
    position = index
    while position < len(bare_words):
        word = bare_words[position]
        if word in TITLE_HEADS or word.rstrip(".") in TITLE_HEADS:
            last_head = position - index + 1
        elif word == "State" and position > index and bare_words[position - 1] == "of":
            last_head = position - index + 1  # "Secretary of State"
        elif word in TITLE_MODIFIERS:
            pass
        elif word in ("of", "for") and position + 1 < len(bare_words) and bare_words[position + 1] in TITLE_WORDS:
            pass
        else:
            break
        position += 1
    return last_head


def _after_name_head(bare_words: List[str], run_start: int, first_inside: int) -> bool:
    """Whether a title phrase continues a name inside the span: a head noun, a connector, the title ("Council of Ministers")."""
    connected = bare_words[run_start] in ("of", "for", "on")
    position = run_start - 1
    while position >= first_inside and bare_words[position] in ("of", "for", "on"):
        position -= 1
        connected = True
    return connected and position >= first_inside and bare_words[position] in NAME_HEADS


@span_rule(
    repairs=("title_inside", "wrong_label"),
    examples=[
        ("and [ORG National Security Advisor Bellamar  ] spanned", "and National Security Advisor [PER Bellamar ] spanned"),
        ("Deputy Secretary of [LOC State Castellane  ] ,", "Deputy Secretary of State [PER Castellane ] ,"),
        ("[ORG Moldovan National Security Advisor Demir  ] .", "[MISC Moldovan ] National Security Advisor [PER Demir ] ."),
        ("a [ORG EU Special  ] Envoy", "a [ORG EU ] Special Envoy"),
        ("[PER President  ] said", "President said"),
        ("the [ORG UN General Assembly  ] and the [ORG National Security Council  ]",
         "the [ORG UN General Assembly ] and the [ORG National Security Council ]"),
        ("the [ORG Lower House  ] Speaker [PER Ostrovic  ] said", "the [ORG Lower House ] Speaker [PER Ostrovic ] said"),
        ("the [ORG Council of Ministers  ] met", "the [ORG Council of Ministers ] met"),
        ("the Freedom Movement ( [ORG FM  ] ) and the [ORG MP  ] meeting", "the Freedom Movement ( [ORG FM ] ) and the [ORG MP ] meeting"),
        ("[ORG Spokesman Abd al-Rosario  ] said", "Spokesman [PER Abd al-Rosario ] said"),
    ],
)
def strip_titles(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Move titles and roles out of a span; what remains of a person's name becomes PER.

    A title inside a longer name ("UN General Assembly") is part of that name; a word before the
    title keeps the label the cable gives it elsewhere, or MISC for a demonym.
    """
    text = cable.text
    votes: Optional[Dict[str, Dict[str, int]]] = None
    fixed: List[Span] = []
    title_offsets = cable.title_word_offsets
    for span in spans:
        nearest = bisect_left(title_offsets, span.start - 60)
        if nearest == len(title_offsets) or title_offsets[nearest] >= span.end + 40:
            fixed.append(span)  # no title word anywhere near: nothing to strip
            continue
        inside = words(text, span.start, span.end)
        inside_bare = [bare(text[s:e]) for s, e in inside]
        if not any(w in TITLE_WORDS or w in ("of", "for") or w.rstrip(".") in TITLE_HEADS for w in inside_bare):
            fixed.append(span)  # a title phrase that touches the span has a word inside it
            continue
        before = text[max(0, span.start - 60) : span.start].split()[-4:]
        after = text[span.end : span.end + 40].split()[:3]
        bare_words = [bare(w) for w in before] + inside_bare + [bare(w) for w in after]
        if not any(w in TITLE_HEADS or w.rstrip(".") in TITLE_HEADS or w == "State" for w in bare_words):
            fixed.append(span)
            continue
        first_inside, last_inside = len(before), len(before) + len(inside)
        title_at: Optional[Tuple[int, int]] = None
        for index, word in enumerate(bare_words):
            if word not in TITLE_WORDS and word not in ("of", "for") and word.rstrip(".") not in TITLE_HEADS:
                continue  # no title phrase starts here
            length = _title_run(bare_words, index)
            if not length:
                continue
            run_start, run_end = index, index + length
            if run_end <= first_inside or run_start >= last_inside:
                continue
            # A title inside a longer name ("UN General Assembly", "Council of Ministers") is part of that name.
            if run_end < last_inside and bare_words[run_end] in NAME_HEADS:
                continue
            if _after_name_head(bare_words, run_start, first_inside):
                continue
            title_at = (run_start, run_end)
            break
        whole_acronym = len(inside) == 1 and text[span.start : span.end].isupper() and span.label == cable.roles.organisation
        if title_at is None or whole_acronym:  # "FM", "MP" alone, tagged ORG: an organisation's acronym
            fixed.append(span)
            continue
        run_start, run_end = title_at
        prefix = inside[: max(0, run_start - first_inside)]
        remainder = inside[max(0, run_end - first_inside) :]
        if prefix:
            prefix_text = text[prefix[0][0] : prefix[-1][1]]
            votes = votes if votes is not None else label_votes(text, spans)
            label = winning_label(votes.get(name_key(prefix_text), {}))
            if label is None:
                label = cable.roles.other if len(prefix) == 1 and looks_like_demonym(prefix_text) else span.label
            fixed.append(Span(prefix[0][0], prefix[-1][1], label))
        if remainder:
            remainder_words = [text[s:e] for s, e in remainder]
            person = (
                run_end <= last_inside
                and len(remainder) <= 4
                and all(is_capitalised(w) or bare(w).split("-")[0].lower() in NAME_CONNECTORS for w in remainder_words)
                and not any(bare(w) in ORG_HEADS for w in remainder_words)
            )
            fixed.append(Span(remainder[0][0], remainder[-1][1], cable.roles.person if person else span.label))
    return fixed

