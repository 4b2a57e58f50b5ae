"""The simulated tagger: the silver annotation of a cable, with the tagger's error types injected.

Rates are per mention, tuned so that a sample cable looks like the seed cable (about 14% of
spans wrong, about 8% of gold mentions missed); see ``../shared/docs/error-types.md``.
"""
import random
from typing import List, Sequence, Tuple

from ..markup import Span
from .builder import CableBuilder, token_span


RATES = {
    "miss_plain": 0.013, "miss_header": 0.55, "miss_signature": 0.5, "miss_possessive": 0.6,
    "possessive_inside": 0.3, "title_inside": 0.25, "title_as_org": 0.6, "split_name": 0.15,
    "flip_label": 0.025, "glued_punct_inside": 0.8, "trailing_word": 0.01,
    "head_mislabel": 0.3,
}
# Head words of MISC and LOC names that the tagger often reads as organisations.
MISREAD_HEADS = {"Day", "Year", "Cup", "War", "Areas", "Valley", "Sea", "Ocean", "Gulf", "Protocol",
                 "Agreement", "Conventions", "Round", "Club", "Account", "Constitution", "Kush", "Bank"}
OTHER_LABEL = {"PER": "ORG", "ORG": "PER", "LOC": "ORG", "MISC": "ORG"}


def simulate_tagger(rng: random.Random, b: CableBuilder, offsets: Sequence[Tuple[int, int]], text: str) -> List[Span]:
    """The silver annotation: gold mentions with the tagger's error types injected."""
    r = RATES
    silver: List[Span] = []
    surfaces = [" ".join(t.text for t in b.tokens[m.start : m.end]).casefold() for m in b.mentions]
    repeated = {surface for surface in surfaces if surfaces.count(surface) > 1}
    for m, surface in zip(b.mentions, surfaces):
        start, end, label = m.start, m.end, m.label
        kind_miss = {"header": r["miss_header"], "signature": r["miss_signature"], "possessive": r["miss_possessive"]}
        if rng.random() < kind_miss.get(m.kind, r["miss_plain"]):
            continue
        if m.kind == "possessive" and rng.random() < r["possessive_inside"] / (1 - r["miss_possessive"]):
            end += 1
            if rng.random() < 0.6:
                label = "MISC"
        elif end < len(b.tokens) and b.tokens[end].glue and b.tokens[end].text in ".?" and rng.random() < r["glued_punct_inside"]:
            end += 1
            if end < len(b.tokens) and b.tokens[end].glue and b.tokens[end].text == "”":
                end += 1
        if m.title and m.title[1] == m.start and rng.random() < r["title_inside"]:
            start = m.title[0]
            if rng.random() < r["title_as_org"]:
                label = "ORG"
        elif m.split_at and end - start > m.split_at and rng.random() < r["split_name"]:
            middle = start + m.split_at
            if b.tokens[middle].text in ("for", "of"):
                silver.append(token_span(offsets, start, middle, m.split_label))
                start = middle + 1
            elif label == "PER" and rng.random() < 0.5:
                start = middle  # the first name is left outside
            else:
                silver.append(token_span(offsets, start, middle, m.split_label))
                start = middle
        if b.tokens[m.end - 1].text in MISREAD_HEADS and rng.random() < r["head_mislabel"]:
            label = "ORG"
        elif surface in repeated and rng.random() < r["flip_label"]:
            # As in the seed: a name's label differs from its label elsewhere in the cable.
            label = OTHER_LABEL[label]
        if rng.random() < r["trailing_word"] and end < len(b.tokens) and b.tokens[end].text.isalpha():
            end += 1
        silver.append(token_span(offsets, start, end, label))
    for start, end, label in b.silver_extra:
        silver.append(token_span(offsets, start, end, label))
    kept: List[Span] = []
    for span in sorted(silver):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
