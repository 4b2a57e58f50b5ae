"""Rules for wrong labels: a name's head noun, short forms of countries and governments, and the
label a name carries elsewhere in the cable."""
import re
from typing import Dict, FrozenSet, List, Optional, Set

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


# A form in parentheses after capitalised words: "Seguranca Unida ( SU )", "United Kingdom (UK)".
INTRODUCED_ACRONYM = re.compile(
    r"(?P<before>(?:[A-Z][\w.'’-]*\s+(?:(?:of|for|the|and|da|de|del|des|do|dos|du|la|le)\s+)?){0,5}[A-Z][\w.'’-]*)"
    r"\s*\(\s*(?P<form>[A-Z][A-Z.]*)\s*\)")


def _introduced_acronyms(text: str, country_names: FrozenSet[str]) -> Set[str]:
    """The acronyms a cable introduces for names of its own: the initials of the words before them,
    unless those words are a country's name ("United Kingdom (UK)" is the country's own short form)."""
    found = set()
    for match in INTRODUCED_ACRONYM.finditer(text):
        form, words = match.group("form"), [word for word in match.group("before").split() if word[0].isupper()]
        letters = form.replace(".", "")
        named = words[-len(letters) :] if 0 < len(letters) <= len(words) else []
        if named and "".join(word[0] for word in named) == letters and " ".join(named).casefold() not in country_names:
            found.add(form)
    return found


@span_rule(
    repairs=("wrong_label",),
    examples=[
        ("the [ORG UK  ] and [ORG U.K.  ] officials", "the [LOC UK ] and [LOC U.K. ] officials"),
        ("in [PER COSTA RICA  ] and [ORG Costa Rica  ]", "in [LOC COSTA RICA ] and [LOC Costa Rica ]"),
        ("the [LOC USG  ] and the [PER GOI  ] agreed", "the [ORG USG ] and the [ORG GOI ] agreed"),
        ("the [ORG UK Embassy  ] said", "the [ORG UK Embassy ] said"),
        ("[PER Vernon Jordan  ] left ; [PER Jordan  ] said", "[PER Vernon Jordan ] left ; [PER Jordan ] said"),
        ("the Seguranca Unida ( [ORG SU  ] ) won ; the [ORG SU  ] said", "the Seguranca Unida ( [ORG SU ] ) won ; the [ORG SU ] said"),
        ("The United Kingdom ([ORG UK  ]) and a Whitehall ([ORG UK  ]) envoy", "The United Kingdom ([LOC UK ]) and a Whitehall ([LOC UK ]) envoy"),
    ],
)
def relabel_country_names(cable: CableContext, spans: List[Span]) -> List[Span]:
    """A country's name or short form is a place (Costa Rica, UK, U.S., PRC); a government's acronym
    is an organisation (USG, GOI).

    Only a name that is the country's name or form alone changes; the names come from country
    data (:class:`~cable_ner.rules.data.RuleData`, from
    :func:`~cable_ner.knowledge.lexicons.country_names` and its neighbours), never from a list by hand. A name
    that is the surname of a person the cable names in full (Vernon Jordan) stays a person, and
    a form the cable introduces as another name's initials, in parentheses after it ("Seguranca
    Unida (SU)"), stays what it is.
    """
    text = cable.text
    names, places, governments = cable.data.country_names, cable.data.country_short_forms, cable.data.government_acronyms
    introduced = _introduced_acronyms(text, names) if "(" in text else set()
    surnames = {text[span.start : span.end].split()[-1].casefold() for span in spans
                if span.label == cable.roles.person and len(text[span.start : span.end].split()) > 1}
    fixed = []
    for span in spans:
        surface = text[span.start : span.end]
        folded = name_key(surface)
        label = span.label
        if (surface in places or surface in governments) and surface in introduced:
            pass  # the cable's own acronym of another name
        elif surface in places or (folded in names and folded not in surnames):
            label = cable.roles.place
        elif surface in governments:
            label = cable.roles.organisation
        fixed.append(span if label == span.label else Span(span.start, span.end, label))
    return fixed


@span_rule(
    repairs=("wrong_label",),
    examples=[
        ("[PER Ostrovic  ] and [ORG Ostrovic  ] and [PER Ostrovic  ]", "[PER Ostrovic ] and [PER Ostrovic ] and [PER Ostrovic ]"),
        ("[LOC ARI  ] and [ORG Ari  ] and [MISC ARI  ]", "[ORG ARI ] and [ORG Ari ] and [ORG ARI ]"),
        ("[PER Jordan  ] said .\n[ORG JORDAN  ]", "[PER Jordan ] said .\n[PER JORDAN ]"),
        ("[ORG Casa Rosada  ] and [LOC Casa\nRosada  ]", "[ORG Casa Rosada ] and [ORG Casa\nRosada ]"),
    ],
)
def vote_labels_in_cable(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Give every mention of a name one label in the cable: the label most of its mentions carry.

    Mentions compare with case and whitespace folded (``KARZAI``, ``Karzai``, ``Karzai`` broken
    over a line). A tie goes to the label of the name's mentions in running text (not in
    capitals), then to its first mention's: a cable calls one name one thing.
    """
    text = cable.text
    votes = label_votes(text, spans)
    contested = {key for key, counts in votes.items() if len(counts) > 1}
    if not contested:
        return spans  # every name carries one label already
    winners: Dict[str, Optional[str]] = {key: winning_label(votes[key]) for key in contested}
    tied = {key for key, label in winners.items() if label is None}
    if tied:
        winners.update(_break_ties(text, spans, {key: votes[key] for key in tied}))
    return [Span(span.start, span.end, winners.get(name_key(text[span.start : span.end])) or span.label) for span in spans]


def _break_ties(text: str, spans: List[Span], tied: Dict[str, Dict[str, int]]) -> Dict[str, str]:
    """For each tied name: among its leading labels, the one running text gives most, then its first mention's."""
    leaders = {key: {label for label, n in counts.items() if n == max(counts.values())} for key, counts in tied.items()}
    in_running_text: Dict[str, Dict[str, int]] = {key: {} for key in tied}
    first: Dict[str, str] = {}
    for span in spans:
        surface = text[span.start : span.end]
        key = name_key(surface)
        if key not in tied or span.label not in leaders[key]:
            continue
        first.setdefault(key, span.label)
        if not surface.isupper():
            in_running_text[key][span.label] = in_running_text[key].get(span.label, 0) + 1
    return {key: winning_label(in_running_text[key]) or first[key] for key in tied}
