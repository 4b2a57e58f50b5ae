"""One whole synthetic cable, and a corpus of them: text, gold markup and silver markup."""
import random
from typing import List, Sequence, Tuple

from ..markup import write_markup
from .builder import Token, token_span
from .header import write_header
from .lexicon import posts
from .tagger import simulate_tagger
from .writer import CableWriter


def _page_break(w: CableWriter, page: int, pages: int, number: int) -> None:
    w.b.entity(w.post, "LOC", "page_break")
    w.b.words(f"{number:08d} {page:03d} OF {pages:03d}")


def write_cable(rng: random.Random, index: int) -> Tuple[str, str, str]:
    """One synthetic cable: its id, its silver (tagger) markup and its gold markup."""
    post = rng.choice(posts())
    year = rng.randint(2004, 2010)
    number = rng.randint(100, 9999)
    cable_id = f"{year % 100:02d}{post.replace(' ', '')}{number}"
    w = CableWriter(rng, cable_id, post)
    style = rng.choice(["tagger", "raw"])
    n_paragraphs = rng.randint(3, 9)
    pages = max(2, n_paragraphs // 3)
    write_header(w, style, (year, rng.randint(1, 12), rng.randint(1, 28)), pages)
    b = w.b
    page = 1
    for paragraph in range(1, n_paragraphs + 1):
        if style == "tagger":
            b.raw(f"<a id='par{paragraph}' href='#par{paragraph}'>¶</a>{paragraph}")
            b.words(".")
            b.raw("\n", glue=True)
        else:
            b.raw("\n\n", glue=True)
            b.raw(f"¶{paragraph}", glue=True)
            b.words(".")
        marking = rng.choice(["C", "C", "S", "SBU", "U"])
        b.words("(")
        if marking == "SBU" and rng.random() < 0.5:
            b.tagged_noise("SBU", "ORG")
        else:
            b.words(marking)
        b.words(")")
        if paragraph == 1 and marking == "SBU" and rng.random() < 0.5:
            b.words(rng.choice(["Sensitive but unclassified . Please handle accordingly .", "Sensitive But Unclassified ."]))
        if paragraph == 1 and rng.random() < 0.7:
            b.words("SUMMARY:")
        if rng.random() < 0.15:
            b.words("Note:") if rng.random() < 0.5 else b.tagged_noise("Note:", "ORG")
        for sentence in range(rng.randint(2, 5)):
            if rng.random() < 0.15:
                w.quote()
            else:
                w.sentence()
            if rng.random() < 0.07 and page < pages:
                page += 1
                _page_break(w, page, pages, number)
            b.raw("\n", glue=True)
        if paragraph < n_paragraphs and rng.random() < 0.3:
            w.heading(style)
    b.raw("\n" if style == "tagger" else "\n\n", glue=True)
    # The signer is often named nowhere else in the cable: a name alone on the last line is a person.
    signature = w.signer[1] if rng.random() < 0.6 else w.v.person_name()[1]
    b.entity(signature.upper(), "PER", "signature")
    text, offsets = _render(b.tokens, wrap=style == "raw", rng=rng)
    if style == "tagger":
        text = f"<code><pre>{text}</pre></code> "
        offsets = [(s + 11, e + 11) for s, e in offsets]
    gold = [token_span(offsets, m.start, m.end, m.label) for m in b.mentions]
    silver = simulate_tagger(rng, b, offsets, text)
    return cable_id, write_markup(text, silver, closer="  ]"), write_markup(text, gold)


def _render(tokens: Sequence[Token], wrap: bool, rng: random.Random) -> Tuple[str, List[Tuple[int, int]]]:
    """Join tokens the tagger's way (spaces between tokens); wrap lines for raw-style cables."""
    parts: List[str] = []
    offsets: List[Tuple[int, int]] = []
    length = 0
    line_length = 0
    width = rng.randint(60, 72)
    for index, token in enumerate(tokens):
        if index and not token.glue and not token.text.startswith("\n") and not parts[-1].endswith("\n"):
            breakable = wrap and line_length + len(token.text) > width and token.text[:1].isalnum()
            separator = "\n" if breakable else " "
            parts.append(separator)
            length += 1
            line_length = 0 if breakable else line_length + 1
        offsets.append((length, length + len(token.text)))
        parts.append(token.text)
        length += len(token.text)
        line_length = len(token.text.rsplit("\n", 1)[-1]) if "\n" in token.text else line_length + len(token.text)
    return "".join(parts), offsets


def generate_corpus(n_cables: int, seed: int = 0) -> List[Tuple[str, str, str]]:
    """``n_cables`` synthetic cables as (cable id, silver markup, gold markup), the same for a seed."""
    rng = random.Random(seed)
    cables = []
    seen = set()
    for index in range(n_cables):
        cable_id, silver, gold = write_cable(random.Random(rng.randrange(2**32)), index)
        while cable_id in seen:
            cable_id += "A"
        seen.add(cable_id)
        cables.append((cable_id, silver, gold))
    return cables
