"""Span-fixing rules: repair the tagger's broken annotations, one named rule at a time.

Read this file to learn the rules. Each rule is a function ``rule(text, spans) -> spans`` over a
cable's plain text (markup removed, nothing else changed) and its entity spans. Each has a
docstring with an example, written as ``tagger -> fixed``. Rules use general evidence only: word
lists of titles, head nouns and metadata, the cable's own spelling and the cable's own other
annotations; never names from a particular cable.

:data:`DEFAULT_RULES` is the order they run in; :func:`apply_rules` runs a chosen list and
records, per rule, every change it made (spans before and after), so the converter can count
them and the audit report can show them in context.
"""
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from .markup import Span

Rule = Callable[[str, List[Span]], List[Span]]
RULES: Dict[str, Rule] = {}


def rule(function: Rule) -> Rule:
    """Register a span-fixing rule under its function name."""
    RULES[function.__name__] = function
    return function


# ---------------------------------------------------------------------------------------------
# Word lists. They describe English and cable conventions, not any particular cable.

CLASSIFICATION_MARKINGS = {
    "C", "S", "U", "SBU", "NF", "NOFORN", "REL", "ORCON", "CONFIDENTIAL", "SECRET",
    "UNCLASSIFIED", "LIMDIS", "EXDIS", "NODIS", "FOUO", "S/NF", "C/NF", "TS",
}
METADATA_WORDS = {
    "SIPDIS", "NOTE", "COMMENT", "SUMMARY", "END", "TAGS", "SUBJECT", "REF", "REFS", "REFTEL",
    "DECL", "E.O.", "EO", "CLASSIFIED", "REASON", "REASONS", "SECTION", "PARA", "ACTION",
}
# Words after which the rest of a span is metadata, not name ("IRAN Classified By: Charge").
METADATA_CUT_WORDS = {"Classified", "CLASSIFIED", "Reason", "Reasons", "SUBJECT", "Subject", "TAGS"}
MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}
# Words that end a title phrase and stand for a person ("Foreign Minister", "Charge").
TITLE_HEADS = {
    "President", "Minister", "Ministers", "Secretary", "Undersecretary", "Ambassador", "Charge",
    "Speaker", "Advisor", "Adviser", "Governor", "Senator", "Congressman", "Congresswoman",
    "Chairman", "Chairwoman", "Chair", "Director", "Commander", "Spokesman", "Spokeswoman",
    "Spokesperson", "Mayor", "Envoy", "Representative", "Counselor", "Counsellor", "Consul",
    "King", "Queen", "Prince", "Princess", "Emir", "Sheikh", "Premier", "Chancellor", "Judge",
    "Prosecutor", "Attorney", "Colonel", "Lieutenant", "Major", "Captain", "Admiral",
    "Sergeant", "Mullah", "Imam", "Cleric", "Bishop", "Deputy", "Officer", "Coordinator",
    "Commissioner", "Delegate", "Attache", "Leader", "Chief", "Head", "MP", "DCM", "Polcouns",
    "Econcouns", "Poloff", "Econoff", "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Maj",
    "Capt", "Adm", "Sen", "Rep", "Amb", "Gov", "Pres", "PM", "FM", "DFM", "Dep", "Asst",
    "General",
}
# Words that may stand inside a title phrase before its head ("National Security Advisor").
TITLE_MODIFIERS = {
    "Vice", "Prime", "Foreign", "Assistant", "Under", "Acting", "Former", "Special", "Senior",
    "National", "Security", "Interior", "Defense", "Defence", "Finance", "Commerce", "Trade",
    "Justice", "Energy", "Economy", "Economic", "Political", "Deputy", "Principal", "Chief",
    "General", "Executive", "Permanent", "Supreme", "Regional", "Provincial", "District",
    "Police", "Army", "Military", "Parliamentary", "Education", "Health", "Agriculture",
    "Labor", "Labour", "Information", "Refugees", "Affairs", "Public", "Presidential",
    "Minister", "Secretary", "State", "Ambassador", "Counter-Narcotics", "Counternarcotics",
    "Commanding", "Managing", "Vice-President",
}
# Head nouns that make a name an organisation, a place or a MISC name.
ORG_HEADS = {
    "Association", "Organization", "Organisation", "Ministry", "Office", "Department",
    "Council", "Committee", "Commission", "Bank", "Fund", "Agency", "Institute", "Center",
    "Centre", "Union", "League", "Court", "Board", "Party", "Front", "Movement", "Forces",
    "Force", "Army", "Authority", "Bureau", "Service", "Services", "Corporation", "Company",
    "Foundation", "University", "Academy", "Society", "Federation", "Alliance", "Coalition",
    "Assembly", "Parliament", "Secretariat", "Directorate", "Command", "Mission", "Team",
    "Group", "Network", "Police", "Guard", "Navy", "Congress", "Senate", "Cabinet",
    "Brigade", "Division", "Tribunal", "Cooperation", "Programme", "Program", "Inc", "Ltd",
}
MISC_HEADS = {
    "Day", "War", "Agreement", "Accord", "Accords", "Treaty", "Summit", "Act", "Law",
    "Convention", "Declaration", "Initiative", "Festival", "Games", "Olympics", "Revolution",
    "Charter", "Protocol", "Compact", "Memorandum", "Resolution", "Election", "Elections",
    "Doctrine", "Plan", "Strategy", "Jirga", "Ramadan", "Eid", "Year", "Cup", "Constitution",
    "Conventions", "Round", "Olympiad", "Prize", "Award",
}
LOC_HEADS = {
    "Areas", "Area", "Province", "Provinces", "Region", "Valley", "River", "Mountains",
    "Mountain", "District", "Island", "Islands", "Sea", "Ocean", "Gulf", "Strait", "Lake",
    "Desert", "Peninsula", "Street", "Square", "Airport", "Port", "Governorate", "Oblast",
    "Plateau", "Basin", "Coast", "Bay", "Pass", "Corridor", "Border",
}
NAME_HEADS = ORG_HEADS | MISC_HEADS | LOC_HEADS
NAME_PARTICLES = {"bin", "ibn", "al", "el", "abu", "abd", "de", "van", "von", "da", "di", "del", "dos"}
NAME_CONNECTORS = {"of", "for", "on", "and", "de", "al", "el", "bin", "ibn", "the", "in", "du", "von", "van"}
STOP_WORDS = {
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could",
    "did", "do", "does", "during", "each", "either", "even", "few", "for", "from", "further",
    "had", "has", "have", "he", "her", "here", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "just", "many", "may", "me", "might", "more", "most", "much", "must",
    "my", "neither", "no", "nor", "not", "now", "of", "on", "once", "only", "or", "other",
    "our", "over", "per", "same", "she", "should", "since", "so", "some", "still", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "though", "through", "thus", "to", "too", "under", "until", "up", "upon", "very", "was",
    "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose",
    "why", "will", "with", "within", "without", "would", "yet", "you", "your", "according",
    "although", "despite", "meanwhile", "yesterday", "today", "tomorrow", "recently", "later",
    "separately", "finally", "moreover", "instead", "indeed", "overall", "mr", "mrs", "ms",
}
DEMONYM_SUFFIXES = ("ian", "ians", "ese", "ish", "ani", "ari", "eni", "hi", "ki", "ni", "ri", "si", "ti", "zi", "i", "an", "ans")

POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
WORD = re.compile(r"[^\s]+")
WHITESPACE = re.compile(r"\s")
EDGE_PUNCT = "\"'“”‘’.,;:!?()[]{}«»-–—/"
ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Mt|Gen|Dr|Bros)\.$")
TAGS_LINE = re.compile(r"\bTAGS\b:?(?P<codes>.*?)(?=\bSUBJECT\b|\n|$)", re.S)


# ---------------------------------------------------------------------------------------------
# Helpers shared by the rules.


def words(text: str, start: int, end: int) -> List[Tuple[int, int]]:
    """Whitespace-separated words of ``text[start:end]`` as absolute offsets."""
    head = text[start:end].split(None, 1)
    if len(head) == 1 and len(head[0]) == end - start:
        return [(start, end)]  # one word, the most common span
    return [(start + m.start(), start + m.end()) for m in WORD.finditer(text[start:end])]


_NOT_WORD_EDGE = EDGE_PUNCT + " \t\r\n"


def bare(word: str) -> str:
    """A word without edge punctuation: ``"Minister,"`` -> ``"Minister"``."""
    return word.strip(_NOT_WORD_EDGE)


def name_key(name: str) -> str:
    """How two mentions of one name compare: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


def is_capitalised(word: str) -> bool:
    word = bare(word)
    return bool(word) and word[0].isupper()


def tags_codes(text: str) -> Set[str]:
    """The TAGS codes of a cable (``TAGS PGOV , PREL , IR`` -> {PGOV, PREL, IR})."""
    codes: Set[str] = set()
    for match in TAGS_LINE.finditer(text):
        codes.update(w for w in re.split(r"[\s,;]+", match.group("codes")) if w.isupper())
    return codes


@lru_cache(maxsize=8)
def lowercase_vocabulary(text: str) -> FrozenSet[str]:
    """Words the cable writes in lower case: evidence that a word is common, not a name."""
    # Edge punctuation has no case, so a word is lower case exactly when its bare form is.
    return frozenset(bare(w) for w in set(text.split()) if w.islower())


@lru_cache(maxsize=8)
def common_words(text: str) -> FrozenSet[str]:
    """Stop words and the words the cable writes in lower case: not parts of names."""
    return lowercase_vocabulary(text) | STOP_WORDS


def label_votes(text: str, spans: Sequence[Span]) -> Dict[str, Dict[str, int]]:
    """Per name (compared by :func:`name_key`), how many of its mentions carry each label."""
    key_of: Dict[str, str] = {}  # names recur: key each way of writing one once
    votes: Dict[str, Dict[str, int]] = defaultdict(dict)
    for span in spans:
        surface = text[span.start : span.end]
        key = key_of.get(surface)
        if key is None:
            key = key_of[surface] = name_key(surface)
        counts = votes[key]
        counts[span.label] = counts.get(span.label, 0) + 1
    return votes


def winning_label(counts: Mapping[str, int]) -> Optional[str]:
    """The label most mentions of a name carry (``counts``: mentions per label), or None on a tie."""
    if len(counts) == 1:
        return next(iter(counts))
    most = max(counts.values(), default=0)
    leaders = [label for label, n in counts.items() if n == most]
    return leaders[0] if len(leaders) == 1 else None


def looks_like_demonym(word: str) -> bool:
    word = bare(word)
    return word[:1].isupper() and word.lower().endswith(DEMONYM_SUFFIXES) and not word.lower().endswith("stan")


def overlaps(span: Span, others: Iterable[Span]) -> bool:
    return any(o.start < span.end and span.start < o.end for o in others)


def trim_whitespace(text: str, span: Span) -> Optional[Span]:
    """The span without edge whitespace, or None if nothing is left."""
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, span.label) if end > start else None


# ---------------------------------------------------------------------------------------------
# The rules, in their default order.


_METADATA = CLASSIFICATION_MARKINGS | METADATA_WORDS


@rule
def drop_metadata(text: str, spans: List[Span]) -> List[Span]:
    """Drop spans on cable metadata: TAGS codes, classification markings, SIPDIS, "Note:".

    ``TAGS PGOV , PREL , [PER ECON  ] , IR`` -> ``TAGS PGOV , PREL , ECON , IR``;
    ``( [ORG SBU  ] )`` -> ``( SBU )``; ``( [ORG Note:  ] The British`` -> ``( Note: The British``.
    """
    tags_regions = [(m.start(), m.end()) for m in TAGS_LINE.finditer(text)]
    tags_end = max((e for _, e in tags_regions), default=0)
    kept = []
    for span in spans:
        if span.start < tags_end and any(s <= span.start and span.end <= e for s, e in tags_regions):
            continue
        content = text[span.start : span.end]
        if not content.isalpha():  # most spans are one plain word: no punctuation to strip
            content = bare(content)
            if not any(ch.isalpha() for ch in content):
                continue
        if content.upper() in _METADATA:
            continue
        kept.append(span)
    return kept


@rule
def cut_trailing_non_name_words(text: str, spans: List[Span]) -> List[Span]:
    """Cut a span before words that cannot continue a name: metadata, months, a possessive.

    ``[MISC IRAN Classified By: Charge  ]`` -> ``[MISC IRAN ] Classified By: Charge``;
    ``[PER Richard Boucher’s August  ] 27`` -> ``[PER Richard Boucher ]’s August 27``;
    ``[MISC Saudi leaders  ]`` -> ``[MISC Saudi ] leaders``;
    ``[ORG People's Party  ]`` stays: a possessive before a head noun belongs to the name.
    """
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


@rule
def trim_edge_punctuation(text: str, spans: List[Span]) -> List[Span]:
    """Move punctuation and quotes at either edge out of a span; keep abbreviation dots.

    ``[LOC Afghanistan.”  ]`` -> ``[LOC Afghanistan ].”``; ``[ORG Party.  ]`` -> ``[ORG Party ].``;
    ``[LOC U.S.  ]`` stays as it is.
    """
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


@rule
def split_off_possessive(text: str, spans: List[Span]) -> List[Span]:
    """Move a possessive ’s / 's out of a span; a possessive name is not MISC.

    ``[MISC Iran’s  ] role`` -> ``[LOC Iran ]’s role`` (the label the cable gives "Iran"
    elsewhere, else PER for a name the cable tags as a person, else LOC).
    """
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
        if label == "MISC":
            votes = votes if votes is not None else label_votes(text, spans)
            elsewhere = {k: v for k, v in votes.get(name_key(text[span.start:end]), {}).items() if k != "MISC"}
            label = winning_label(elsewhere) or "LOC"
        fixed.append(Span(span.start, end, label))
    return fixed


TITLE_WORDS = TITLE_MODIFIERS | TITLE_HEADS
# The lookahead lets the scan skip most positions before it tries the alternatives: twice as fast.
TITLE_NEARBY = re.compile(r"\b(?=[A-Z])(?:" + "|".join(sorted(map(re.escape, TITLE_HEADS | {"State"}), key=len, reverse=True)) + r")\b")


@lru_cache(maxsize=8)
def title_word_offsets(text: str) -> List[int]:
    """Where the cable has a title word ("Minister", "State"), in order: one scan serves every span."""
    return [match.start() for match in TITLE_NEARBY.finditer(text)]


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


@rule
def strip_titles(text: str, spans: List[Span]) -> List[Span]:
    """Move titles and roles out of a span; what remains of a person's name becomes PER.

    ``[ORG National Security Advisor Rassoul  ]`` -> ``National Security Advisor [PER Rassoul ]``;
    ``Deputy Secretary of [LOC State Negroponte  ]`` -> ``Deputy Secretary of State [PER Negroponte ]``;
    ``[ORG Pakistani National Security Advisor Aziz  ]`` -> ``[MISC Pakistani ] National Security Advisor [PER Aziz ]``;
    ``[ORG UN Special  ] Envoy`` -> ``[ORG UN ] Special Envoy``.
    """
    votes: Optional[Dict[str, Dict[str, int]]] = None
    fixed: List[Span] = []
    title_offsets = title_word_offsets(text)
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
            # A title inside a longer name ("UN General Assembly") is part of that name.
            if run_end < last_inside and bare_words[run_end] in NAME_HEADS:
                continue
            title_at = (run_start, run_end)
            break
        if title_at is None:
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
                label = "MISC" if len(prefix) == 1 and looks_like_demonym(prefix_text) else span.label
            fixed.append(Span(prefix[0][0], prefix[-1][1], label))
        if remainder:
            remainder_words = [text[s:e] for s, e in remainder]
            person = (
                run_end <= last_inside
                and len(remainder) <= 4
                and all(is_capitalised(w) or bare(w).lower() in NAME_CONNECTORS for w in remainder_words)
                and not any(bare(w) in ORG_HEADS for w in remainder_words)
            )
            fixed.append(Span(remainder[0][0], remainder[-1][1], "PER" if person else span.label))
    return fixed


HEADING_CONTEXT = re.compile(r"-{3,}[^\n]*?-{3,}|SUBJECT:?[^\n]*?(?=Classified By|CLASSIFIED BY|\n|$)")


@lru_cache(maxsize=8)
def _lower_case(text: str) -> str:
    """The text in lower case, character for character, so that offsets into it hold for ``text``."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lower-case to two ("İ")
        lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    return lowered


def _written_as_name(text: str, phrase: str) -> bool:
    """Whether the cable writes an all-caps phrase capitalised in running text: "Central Bank"."""
    lowered = _lower_case(text)
    if all(lowered.count(word.lower()) == text.count(word) for word in phrase.split()):
        return False  # the cable writes each of its words in capitals only
    for start, end in _occurrences(lowered, phrase.lower()):
        surface = text[start:end]
        if surface[:1].isupper() and not surface.isupper() and not _in_capitals_context(text, start, end):
            return True
    return False


@rule
def drop_heading_words(text: str, spans: List[Span]) -> List[Span]:
    """Trim generic words off spans in headings and subject lines; drop spans left with none.

    In ``------ ... ------`` headings and the SUBJECT line, an all-caps word is generic when the
    cable also writes it in lower case, or it is a stop word or a TAGS code; a span the cable
    writes as a capitalised name in running text ("Central Bank" for CENTRAL BANK) stays whole. ``------ [ORG REGIONAL ECONOMIC COOPERATION  ] ------`` ->
    no span; ``SUBJECT: [PER KARZAI  ] , [LOC ECON COOPERATION  ]`` -> only KARZAI stays;
    ``[ORG UN SPECIAL  ] ENVOY`` -> ``[ORG UN ] SPECIAL ENVOY``.
    """
    regions = [(m.start(), m.end()) for m in HEADING_CONTEXT.finditer(text)]
    generic: Optional[Set[str]] = None
    fixed = []
    for span in spans:
        surface = text[span.start : span.end]
        in_heading = surface.isupper() and any(s <= span.start and span.end <= e for s, e in regions)
        if not in_heading or _written_as_name(text, surface):
            fixed.append(span)
            continue
        if generic is None:
            generic = STOP_WORDS | {code.lower() for code in tags_codes(text)} | lowercase_vocabulary(text)
        span_words = words(text, span.start, span.end)

        def is_generic(word_span: Tuple[int, int]) -> bool:
            return bare(text[word_span[0] : word_span[1]]).lower() in generic  # type: ignore[operator]

        while span_words and is_generic(span_words[0]):
            span_words.pop(0)
        while span_words and is_generic(span_words[-1]):
            span_words.pop()
        if span_words:
            fixed.append(Span(span_words[0][0], span_words[-1][1], span.label))
    return fixed


def _gap(text: str, left: Span, right: Span) -> str:
    return text[left.end : right.start]


@rule
def merge_split_names(text: str, spans: List[Span]) -> List[Span]:
    """Merge one name that the tagger split into adjacent spans; the name's head decides.

    ``[MISC Republican  ] [ORG Party  ]`` -> ``[ORG Republican Party ]``;
    ``[MISC South Asian Association  ] for [ORG Regional Cooperation  ]`` -> one ORG;
    ``[PER Sher  ] [PER Mohammad  ]`` -> ``[PER Sher Mohammad ]``; ``[PER Dunlap  ] [ORG Group  ]``
    -> ``[ORG Dunlap Group ]``. Names joined by "and" or punctuation stay apart:
    ``[LOC Iran  ] and [LOC Russia  ]``.
    """
    merged: List[Span] = []
    for span in sorted(spans):
        if merged:
            left = merged[-1]
            gap = _gap(text, left, span).strip()
            if gap and gap not in ("for", "of", "on"):
                merged.append(span)  # words or punctuation between: two names
                continue
            left_words = text[left.start : left.end].split()
            right_words = text[span.start : span.end].split()
            adjacent = not gap and _gap(text, left, span).count("\n") <= 1
            connected = gap in ("for", "of", "on") and bare(left_words[-1]) in ORG_HEADS
            label: Optional[str] = None
            capitalised = is_capitalised(left_words[-1]) and not text[left.start : span.end].isupper()
            if adjacent and capitalised and left.label == span.label:
                label = span.label
            elif adjacent and capitalised and span.label == "ORG" and (left.label in ("MISC", "LOC") or bare(right_words[-1]) in ORG_HEADS):
                label = "ORG"
            elif connected and span.label in ("ORG", "MISC", "LOC"):
                label = "ORG"
            if label is not None:
                merged[-1] = Span(left.start, span.end, label)
                continue
        merged.append(span)
    return merged


def _neighbour_word(text: str, offset: int, direction: int) -> Optional[Tuple[int, int]]:
    """The word just before (-1) or after (+1) offset, across spaces or one line break.

    Only the 40 characters on that side are looked at (a longer word is cut at that edge).
    """
    if direction < 0:
        limit, position = max(0, offset - 40), offset
        while position > limit and text[position - 1] in " \t":
            position -= 1
        if position > limit and text[position - 1] == "\n":
            position -= 1
            while position > limit and text[position - 1] in " \t":
                position -= 1
        word_end = position
        while position > limit and not text[position - 1].isspace():
            position -= 1
        return (position, word_end) if word_end < offset and position < word_end else None
    limit, position = min(len(text), offset + 40), offset
    while position < limit and text[position] in " \t":
        position += 1
    if position < limit and text[position] == "\n":
        position += 1
        while position < limit and text[position] in " \t":
            position += 1
    word_start = position
    while position < limit and not text[position].isspace():
        position += 1
    return (word_start, position) if word_start > offset and position > word_start else None


@rule
def extend_person_names(text: str, spans: List[Span]) -> List[Span]:
    """Extend a PER span over an adjacent capitalised part of the same name.

    ``When Sher [PER Mohammad  ] was governor`` -> ``When [PER Sher Mohammad ] was governor``;
    ``met Elena D. [PER Gonzalez  ]`` -> ``met [PER Elena D. Gonzalez ]``; ``met bin [PER Ali  ]`` ->
    ``met [PER bin Ali ]``. Titles, months, stop words, words the cable also writes in lower case
    and words already in a span are left outside.
    """
    common = common_words(text)
    taken = list(spans)
    fixed = []
    for span in spans:
        start, end = span.start, span.end
        if span.label == "PER":
            for _ in range(2):  # a given name and a middle initial: "Elena D."
                left = _neighbour_word(text, start, -1)
                if left and (_name_part(text, left, common, taken) or text[left[0] : left[1]] in NAME_PARTICLES):
                    start = left[0]
                else:
                    break
            right = _neighbour_word(text, end, +1)
            if right and _name_part(text, right, common, taken):
                end = right[1]
        fixed.append(span if (start, end) == (span.start, span.end) else Span(start, end, span.label))
    return fixed


INITIAL = re.compile(r"[A-Z]\.")
CAPITALISED_NAME_WORD = re.compile(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*")
NOT_NAME_PARTS = TITLE_HEADS | TITLE_MODIFIERS | MONTHS


def _name_part(text: str, word_span: Tuple[int, int], common: FrozenSet[str], taken: List[Span]) -> bool:
    word = text[word_span[0] : word_span[1]]
    if INITIAL.fullmatch(word):
        return not overlaps(Span(word_span[0], word_span[1], ""), taken)  # an initial
    return (
        bool(CAPITALISED_NAME_WORD.fullmatch(word))
        and not word.isupper()
        and word.lower() not in common
        and word not in NOT_NAME_PARTS
        and not looks_like_demonym(word)
        and not overlaps(Span(word_span[0], word_span[1], ""), taken)
    )


@rule
def relabel_by_head_word(text: str, spans: List[Span]) -> List[Span]:
    """Give a multi-word name the label its head noun calls for.

    ``[ORG Pakistani Independence Day  ]`` -> ``[MISC Pakistani Independence Day ]``;
    ``[ORG Tribal Areas  ]`` -> ``[LOC Tribal Areas ]``; ``[MISC Hizb Party  ]`` -> ORG.
    """
    fixed = []
    for span in spans:
        surface = text[span.start : span.end]
        label = span.label
        span_words = surface.split() if not surface.isupper() else []
        if len(span_words) >= 2:
            head = bare(span_words[-1])
            if head in MISC_HEADS:
                label = "MISC"
            elif head in LOC_HEADS:
                label = "LOC"
            elif head in ORG_HEADS:
                label = "ORG"
        fixed.append(span if label == span.label else Span(span.start, span.end, label))
    return fixed


@rule
def vote_labels_in_cable(text: str, spans: List[Span]) -> List[Span]:
    """Give every mention of a name the label most of its mentions in the cable carry.

    ``[ORG Qanooni  ]`` once and ``[PER Qanooni  ]`` ten times -> all PER. Ties stay as they are.
    """
    votes = label_votes(text, spans)
    winners = {key: winning_label(counts) for key, counts in votes.items() if len(counts) > 1}
    if not winners:
        return spans  # every name carries one label already
    return [Span(span.start, span.end, winners.get(name_key(text[span.start : span.end])) or span.label) for span in spans]


@rule
def propagate_cable_names(text: str, spans: List[Span]) -> List[Span]:
    """Tag untagged mentions of names the cable tags elsewhere, with the same label.

    ``Karzai’s vision`` -> ``[PER Karzai ]’s vision`` when the cable tags ``[PER Karzai  ]``;
    ``SUBJECT: BOUCHER AND`` -> ``SUBJECT: [PER BOUCHER ] AND``; the signature ``DELL`` ->
    ``[PER DELL ]`` when the cable tags ``[PER Christopher Dell  ]`` (surnames count too).
    A mention inside a longer capitalised name ("Afghan National Army") is left alone.
    """
    common = common_words(text)
    may_be_untagged = _untagged_word_test(text, spans)  # most names have no untagged mention
    names: Dict[str, Dict[str, int]] = defaultdict(dict)
    mentions = Counter((text[span.start : span.end], span.label) for span in spans)  # names recur
    for (written, label), n_mentions in mentions.items():
        surface = " ".join(written.split())
        forms = [surface]
        if label == "PER" and " " in surface:
            forms.append(surface.split()[-1])
        for form in forms:
            if len(form) >= 3 and form[0].isupper() and form.lower() not in common:
                counts = names[form]
                counts[label] = counts.get(label, 0) + n_mentions
    labels: Dict[str, str] = {}
    for form, counts in sorted(names.items(), key=lambda item: -len(item[0])):
        first_word = form.split(None, 1)[0]
        if not may_be_untagged(first_word) and not may_be_untagged(first_word.upper()):
            continue  # no untagged mention, as written or in capitals
        label = winning_label(counts)
        if label is not None:
            labels.setdefault(form, label)
            labels.setdefault(form.upper(), label)
    if not labels:
        return spans
    occupied = bytearray(len(text))
    for span in spans:
        occupied[span.start : span.end] = b"\x01" * (span.end - span.start)
    found: List[Span] = []
    # Longer names first, so that they win over their parts.
    for variant in sorted(labels, key=len, reverse=True):
        if not may_be_untagged(variant.split(None, 1)[0]):
            continue
        for start, end in _occurrences(text, variant, occupied):
            if occupied.find(1, start, end) != -1:
                continue
            if REFERENCE_LINE.search(text, max(0, start - 80), start):
                continue  # "REF: A. KABUL 1234" cites a cable; the city there is no mention
            if variant.isupper():
                if not _in_capitals_context(text, start, end):
                    continue
            elif _inside_longer_name(text, start, end):
                continue
            found.append(Span(start, end, labels[variant]))
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(spans + found)


WORD_CHARS = re.compile(r"[\w-]+")  # runs of the characters _is_word_char accepts


def _untagged_word_test(text: str, spans: Sequence[Span]) -> Callable[[str], bool]:
    """A quick test of whether a word may stand, as a whole word, outside all of the spans.

    False means it does not; True means :func:`_occurrences` may find it there. A word of letters
    and digits only is looked up among the runs of word characters outside the spans.
    """
    outside, resume = [], 0
    for span in spans:
        outside.append(text[resume : span.start])
        resume = max(resume, span.end)
    untagged = "\0".join(outside + [text[resume:]])
    untagged_words = set(WORD_CHARS.findall(untagged))
    return lambda word: word in untagged_words if word.isalnum() else word in untagged


REFERENCE_LINE = re.compile(r"\bREFS?\b:?(?:[^\n]*?(?:\b[A-Z]\.|\)|\d))?\s*[A-Z ]*$")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_-"


def _occurrences(text: str, name: str, taken: bytes = b"") -> Iterable[Tuple[int, int]]:
    """Where ``name`` stands in ``text`` as whole words (any whitespace between its words).

    Positions where ``taken`` (a byte per character) is non-zero are passed over.
    """
    first, *rest = name.split()
    position = text.find(first)
    while position != -1:
        if taken and taken[position]:
            position = text.find(first, position + len(first))
            continue
        end = position + len(first)
        for word in rest:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                end = -1
                break
            end = gap + len(word)
        if end != -1 and (position == 0 or not _is_word_char(text[position - 1])) and (
            end == len(text) or not _is_word_char(text[end])
        ):
            yield position, end
        position = text.find(first, position + len(first))


HTML_TAG = re.compile(r"<[^>]*>")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _in_capitals_context(text: str, start: int, end: int) -> bool:
    """Whether a mention stands among capitalised words (a header, subject line or signature)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end == -1 else line_end]
    if not HTML_TAG.sub("", line.replace(text[start:end], "", 1)).strip():
        return True  # alone on its line: a signature
    context = LATIN_WORD.findall(text[max(0, start - 30) : start] + " " + text[end : end + 30])
    return not context or sum(w.isupper() for w in context) >= len(context) / 2


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    after = _neighbour_word(text, end, +1)
    if after and is_capitalised(text[after[0] : after[1]]) and text[end].isspace():
        return True
    before = _neighbour_word(text, start, -1)
    if before:
        word = text[before[0] : before[1]]
        if is_capitalised(word) and word not in TITLE_HEADS and bare(word).lower() not in STOP_WORDS and word[-1] not in ".,;:!?":
            return True
    return False


ROUTING_END = re.compile(r"\bE\.?O\.? ?12958|\bTAGS\b|\bSUBJECT\b|¶|<a id=")
OFFICE_SYMBOL = re.compile(r"(?<![\w/])(?!RU[A-Z]{2,4}/)[A-Z]{1,6}(?:/[A-Z]{1,6})+(?![\w/])")
ROUTING_TITLES = {"DAS", "A/S", "PDAS", "AMB", "DCM", "CHARGE", "POLOFF", "ECONOFF", "S/E", "U/S", "D/S", "ADMIN"}
ROUTING_ADDRESSEE = re.compile(
    r"(?m)\bR[A-Z]{3,6}/(?:CDR )?(?P<org>(?!AMEMBASSY|AMCONSUL)[A-Z][A-Z ]*?[A-Z])"
    r"(?= WASHDC| WASHINGTON| COLLECTIVE| MACDILL| IMMEDIATE| PRIORITY| ROUTINE| \d|[ \t]*$)"
)
ROUTING_PLACE = re.compile(r"(?m)\b(?:AMEMBASSY|AMCONSUL) (?P<place>[A-Z][A-Z ]*?[A-Z])(?= \d| IMMEDIATE| PRIORITY| ROUTINE|[ \t]*$)|\b(?P<capital>WASHDC)\b")
ROUTED_TITLE_NAME = re.compile(r"\b(?:" + "|".join(map(re.escape, sorted(ROUTING_TITLES))) + r") (?P<name>[A-Z][A-Z'-]{2,})\b")
ROUTED_NAME = re.compile(r"\b(?P<addressee>[A-Z][A-Z/]{1,15}) FOR (?P<names>[A-Z][A-Z'-]{3,}(?:/[A-Z][A-Z'-]{3,})*)(?![/\w])")


@rule
def tag_routing_header(text: str, spans: List[Span]) -> List[Span]:
    """Tag the routing header's office symbols (ORG) and the people it routes to (PER).

    The routing lines before E.O./TAGS/SUBJECT follow fixed conventions the tagger does not know:
    ``DEPT FOR SCA/FO DAS GASTRIGHT , AID/ANE NSC FOR ABRAMS/DORAN`` ->
    ``DEPT FOR [ORG SCA/FO ] DAS [PER GASTRIGHT ] , [ORG AID/ANE ] [ORG NSC ] FOR [PER ABRAMS ]/[PER DORAN ]``;
    ``NSC FOR [ORG AHARRIMAN  ]`` -> ``[ORG NSC ] FOR [PER AHARRIMAN ]``;
    ``INFO RUEHEE/ARAB LEAGUE COLLECTIVE`` -> ``INFO RUEHEE/[ORG ARAB LEAGUE ] COLLECTIVE``;
    ``FM AMEMBASSY BEIRUT`` -> ``FM AMEMBASSY [LOC BEIRUT ]``. Routing codes (``RUEHC/``) and words already in a span are left alone.
    """
    end_match = ROUTING_END.search(text)
    end = end_match.start() if end_match else min(len(text), 600)
    taken = [span for span in spans if span.start < end]  # what a match before ``end`` can overlap
    found: List[Span] = []

    def add(start: int, stop: int, label: str) -> None:
        candidate = Span(start, stop, label)
        if not overlaps(candidate, taken):
            found.append(candidate)
            taken.append(candidate)

    people: Set[Tuple[int, int]] = set()
    for match in ROUTED_NAME.finditer(text, 0, end):
        addressee = match.group("addressee")
        if addressee in {"DEPT", "PASS", "ALSO", "AND", "STATE"}:
            continue  # "DEPT FOR" is followed by office symbols, not people
        if addressee.isalpha():
            add(match.start("addressee"), match.end("addressee"), "ORG")
        position = match.start("names")
        for name in match.group("names").split("/"):
            people.add((position, position + len(name)))
            add(position, position + len(name), "PER")
            position += len(name) + 1
    if people:
        spans = [Span(s.start, s.end, "PER") if (s.start, s.end) in people else s for s in spans]
    for match in ROUTING_ADDRESSEE.finditer(text, 0, end):
        add(match.start("org"), match.end("org"), "ORG")
    for match in ROUTING_PLACE.finditer(text, 0, end):
        group = "place" if match.group("place") else "capital"
        add(match.start(group), match.end(group), "LOC")
    for match in OFFICE_SYMBOL.finditer(text, 0, end):
        if match.group() not in ROUTING_TITLES:
            add(match.start(), match.end(), "ORG")
    for match in ROUTED_TITLE_NAME.finditer(text[:end]):
        add(match.start("name"), match.end("name"), "PER")
    return sorted(spans + found)


DEFAULT_RULES: Tuple[str, ...] = (
    "drop_metadata",
    "cut_trailing_non_name_words",
    "trim_edge_punctuation",
    "split_off_possessive",
    "strip_titles",
    "drop_heading_words",
    "merge_split_names",
    "extend_person_names",
    "relabel_by_head_word",
    "vote_labels_in_cable",
    "propagate_cable_names",
    "tag_routing_header",
)


# ---------------------------------------------------------------------------------------------
# Running rules and recording what they changed.


@dataclass
class Change:
    """One edit by one rule: the spans it replaced and the spans that replaced them."""

    rule: str
    before: List[Span]
    after: List[Span]


@dataclass
class FixResult:
    spans: List[Span]
    changes: List[Change] = field(default_factory=list)

    def counts(self) -> Counter:
        return Counter(change.rule for change in self.changes)


def _group_changes(rule_name: str, removed: List[Span], added: List[Span]) -> List[Change]:
    """Pair removed and added spans that overlap into one change each."""
    changes: List[Change] = []
    pending_added = list(added)
    for span in removed:
        partners = [a for a in pending_added if a.start < span.end and span.start < a.end]
        joined = next((c for c in changes if overlaps(span, c.after) or overlaps(span, c.before)), None)
        if joined is not None:
            joined.before.append(span)
            joined.after.extend(partners)
        else:
            changes.append(Change(rule_name, [span], partners))
        pending_added = [a for a in pending_added if a not in partners]
    changes.extend(Change(rule_name, [], [a]) for a in pending_added)
    return changes


def validate_rule_names(rule_names: Sequence[str]) -> List[str]:
    unknown = [name for name in rule_names if name not in RULES]
    if unknown:
        raise ValueError(f"Unknown span rule(s): {', '.join(unknown)}. Known rules: {', '.join(RULES)}")
    return list(rule_names)


def parse_rule_list(value: str) -> List[str]:
    """Rules from a comma-separated setting; ``"default"`` is :data:`DEFAULT_RULES`, ``"none"`` none."""
    value = value.strip()
    if value in ("", "none"):
        return []
    if value == "default":
        return list(DEFAULT_RULES)
    return validate_rule_names([name.strip() for name in value.split(",") if name.strip()])


def apply_rules(text: str, spans: Sequence[Span], rule_names: Sequence[str] = DEFAULT_RULES) -> FixResult:
    """Run the named rules in order over one cable; record each rule's changes.

    Spans that come out empty, overlapping or with whitespace at an edge are normalised after
    every rule (the later of two overlapping spans is dropped and counted as that rule's change).
    """
    current = sorted(set(spans))
    checked: Set[Span] = set()  # spans already normalised: the input is checked by the first rule
    changes: List[Change] = []
    for name in validate_rule_names(rule_names):
        result = RULES[name](text, list(current))
        if result == current and checked:
            continue  # the rule changed nothing (the common case): skip the bookkeeping
        result = _normalise(text, result, checked)
        before, after = checked or set(current), set(result)  # after the first rule, checked is set(current)
        checked = after
        removed = sorted(before - after)
        added = sorted(after - before)
        if removed or added:
            changes.extend(_group_changes(name, removed, added))
        current = result
    return FixResult(current, changes)


EDGE_CONNECTOR = re.compile(r"^(?:(?:of|for|the|and|on|in)\s+)+|(?:\s+(?:of|for|the|and|on|in))+$")


def _normalise(text: str, spans: Iterable[Span], checked: Set[Span]) -> List[Span]:
    """Sorted, non-overlapping spans with no whitespace or connector word ("of", "the") at an edge.

    Spans in ``checked`` passed these checks after an earlier rule and are not looked at again.
    """
    cleaned: List[Span] = []
    last_end = -1
    for span in sorted(spans):  # a duplicate overlaps its twin and goes like any overlap
        if span not in checked:
            trimmed = _trim_edges(text, span)
            if trimmed is None:
                continue
            span = trimmed
        if span.start >= last_end:
            cleaned.append(span)
            last_end = span.end
    return cleaned


def _trim_edges(text: str, span: Span) -> Optional[Span]:
    """The span without edge whitespace or edge connector words, or None if nothing is left."""
    surface = text[span.start : span.end]
    if surface and not surface[0].isspace() and not surface[-1].isspace() and not (
        " " in surface and (surface[0].islower() or surface.rsplit(None, 1)[-1][:1].islower())
    ):
        return span
    lead = EDGE_CONNECTOR.match(surface)
    trail = EDGE_CONNECTOR.search(surface, lead.end() if lead and lead.end() else 0)
    start = span.start + (lead.end() if lead else 0)
    end = span.end - (len(surface) - trail.start() if trail and trail.start() > 0 else 0)
    return trim_whitespace(text, Span(start, max(start, end), span.label))
