"""The rule for mentions the tagger missed: the cable's own names, at their other mentions."""
import re
from collections import Counter, defaultdict
from typing import Callable, Dict, List, Sequence

from ..markup import Span
from .context import CableContext
from .lexicon import CLASSIFICATION_MARKINGS, METADATA_WORDS
from .registry import span_rule
from .words import in_capitals_context, inside_longer_name, occurrences, winning_label


@span_rule(
    repairs=("missed_mention",),
    examples=[
        ("TAGS PREL\n[PER Halvorsen  ] spoke . Halvorsen’s vision", "TAGS PREL\n[PER Halvorsen ] spoke . [PER Halvorsen ]’s vision"),
        ("The talks : [PER Halvorsen  ] spoke . Halvorsen’s vision", "The talks : [PER Halvorsen ] spoke . Halvorsen’s vision"),
        ("SUBJECT: TREVANE AND [PER HALVORSEN  ] \n[PER Trevane  ] said", "SUBJECT: [PER TREVANE ] AND [PER HALVORSEN ] \n[PER Trevane ] said"),
        ("TAGS PREL\n[PER Martin Fairlie  ] wrote .\nFAIRLIE", "TAGS PREL\n[PER Martin Fairlie ] wrote .\n[PER FAIRLIE ]"),
        ("SUBJECT: [PER HALVORSEN  ] VISIT\n\nHalvorsen arrived", "SUBJECT: [PER HALVORSEN ] VISIT\n\n[PER Halvorsen ] arrived"),
        ("TAGS PREL\n[PER Melikkan Safak-Soylu  ] left ; Melikkan\nSafak-Soylu’s remarks",
         "TAGS PREL\n[PER Melikkan Safak-Soylu ] left ; [PER Melikkan\nSafak-Soylu ]’s remarks"),
        ("[MISC Danish  ] people and the Danish National Army", "[MISC Danish ] people and the Danish National Army"),
        ("in [LOC Lima  ] .\nREF: A. LIMA 1234 B. STATE 5678\n", "in [LOC Lima ] .\nREF: A. LIMA 1234 B. STATE 5678\n"),
        ("[PER Safak-Soylu  ] left ; Melikkan\nSafak-Soylu’s remarks", "[PER Safak-Soylu ] left ; Melikkan\nSafak-Soylu’s remarks"),
    ],
)
def propagate_cable_names(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Tag untagged mentions of names the cable tags elsewhere, with the same label.

    Surnames of tagged full names count too, and a name is also looked for in capitals (subject
    line, signature), and a name tagged only in capitals also as running text writes it. A mention inside a longer capitalised name is left alone, and so is a city
    in a line that cites another cable ("REF: A. LIMA 1234").
    """
    if not cable.is_cable:
        return spans  # a cable's names recur by its conventions; other text is left as the model read it
    text = cable.text
    common = cable.common_words
    may_be_untagged = _untagged_word_test(text, spans)  # most names have no untagged mention
    names: Dict[str, Dict[str, int]] = defaultdict(dict)
    mentions = Counter((text[span.start : span.end], span.label) for span in spans)  # names recur
    for (written, label), n_mentions in mentions.items():
        surface = " ".join(written.split())
        forms = [surface]
        if label == cable.roles.person and " " in surface:
            forms.append(surface.split()[-1])
        for form in forms:
            if len(form) >= 3 and form[0].isupper() and form.lower() not in common:
                counts = names[form]
                counts[label] = counts.get(label, 0) + n_mentions
    labels: Dict[str, str] = {}
    for form, counts in sorted(names.items(), key=lambda item: -len(item[0])):
        first_word = form.split(None, 1)[0]
        as_written = first_word[:1] + first_word[1:].lower()
        if not any(map(may_be_untagged, (first_word, first_word.upper(), as_written))):
            continue  # no untagged mention, as written, in capitals or in running text
        label = winning_label(counts)
        if label is not None:
            labels.setdefault(form, label)
            labels.setdefault(form.upper(), label)
            if form.isupper():  # a name tagged only in capitals (subject line, signature) is looked for as written too
                labels.setdefault(" ".join(word[:1] + word[1:].lower() for word in form.split()), label)
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
        for start, end in occurrences(text, variant, occupied):
            if occupied.find(1, start, end) != -1:
                continue
            if REFERENCE_LINE.search(text, max(0, start - 80), start):
                continue  # "REF: A. KABUL 1234" cites a cable; the city there is no mention
            if variant.isupper():
                if not in_capitals_context(text, start, end):
                    continue
            elif inside_longer_name(text, start, end):
                continue
            found.append(Span(start, end, labels[variant]))
            occupied[start:end] = b"\x01" * (end - start)
    return sorted(spans + found)


WORD_CHARS = re.compile(r"[\w-]+")  # runs of the characters is_word_char accepts


def _untagged_word_test(text: str, spans: Sequence[Span]) -> Callable[[str], bool]:
    """A quick test of whether a word may stand, as a whole word, outside all of the spans.

    False means it does not; True means :func:`~cable_ner.rules.words.occurrences` may find it there. A word of letters
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


SIGNATURE = re.compile(r"(?:^|\n)[ \t]*(?:<[^<>\n]*>[ \t]*)*(?P<name>[A-Z][A-Z'’-]{2,})[ \t]*(?:<[^<>\n]*>[ \t]*)*\s*\Z")


@span_rule(
    repairs=("missed_mention", "wrong_label"),
    examples=[
        ("TAGS PREL\nofficials agreed .\nFAIRLIE", "TAGS PREL\nofficials agreed .\n[PER FAIRLIE ]"),
        ("THE MINISTER CALLED FOR CALM .\nRELIEF", "THE MINISTER CALLED FOR CALM .\nRELIEF"),
        ("<a id='par1'>¶</a>1 officials agreed .\n[ORG FAIRLIE  ]</pre></code> ", "<a id='par1'>¶</a>1 officials agreed .\n[PER FAIRLIE ]</pre></code> "),
        ("officials agreed .\n\nEND SUMMARY", "officials agreed .\n\nEND SUMMARY"),
        ("officials agreed .\nSIPDIS", "officials agreed .\nSIPDIS"),
    ],
)
def tag_signature(cable: CableContext, spans: List[Span]) -> List[Span]:
    """Tag the signature, a surname alone on a cable's last line, as a person.

    Cables end with the sender's surname in capitals ("FAIRLIE"), which the tagger often misses
    or mislabels; a marking or metadata word there is no name.
    """
    if not cable.is_cable:
        return spans  # any text may end with a word in capitals; only a cable ends with a signature
    text = cable.text
    tail = max(0, len(text) - 200)
    match = SIGNATURE.search(text, tail)
    if match is None or match.group("name").strip("'’-") in METADATA_WORDS | CLASSIFICATION_MARKINGS:
        return spans
    start, end = match.span("name")
    person = Span(start, end, cable.roles.person)
    kept = [span for span in spans if not (span.start < end and start < span.end)]
    return sorted(kept + [person])
