"""Writing a cable's sentences: the slots that draw names, sentence frames and quotes."""
import random
import re
from typing import List, Optional, Tuple

from .builder import CableBuilder
from .frames import FRAMES, OPENERS, QUOTE_FRAMES, SLOTS
from .institutions import INTERNATIONAL_BODIES
from .lexicon import HEADING_NOUNS, HEADING_SHAPES, HEADING_TOPICS, HEADINGS, LOC_GENERIC, ORG_ACRONYMS, PERSON_TITLES
from .vocabulary import Vocabulary, full_name


class CableWriter:
    """Writes one cable into a :class:`CableBuilder`, choosing frames and names."""

    def __init__(self, rng: random.Random, cable_id: str, post: str) -> None:
        self.rng = rng
        self.cable_id = cable_id
        self.post = post
        self.b = CableBuilder(rng)
        self.v = Vocabulary(rng)
        self.mentioned: List[Tuple[str, str]] = []
        self.signer: Tuple[str, str] = rng.choice(self.v.cast[1:] or self.v.cast)
        self.subject: List[Tuple[str, Optional[str]]] = []
        self.acronyms: List[str] = []

    # --- slots -------------------------------------------------------------------------------
    def person(self, with_title: Optional[bool] = None, possessive: bool = False) -> None:
        rng = self.rng
        first, last = rng.choice(self.v.cast)
        if self.mentioned and (first, last) == self.mentioned[-1]:
            first, last = rng.choice(self.v.cast)
        seen = (first, last) in self.mentioned
        self.mentioned.append((first, last))
        with_title = rng.random() < 0.45 if with_title is None else with_title
        title = None
        if with_title:
            if rng.random() < 0.15:
                self.b.entity(self.v.demonym(), "MISC")
            start = len(self.b.tokens)
            self.b.words(rng.choice(PERSON_TITLES))
            title = (start, len(self.b.tokens))
        name = last if seen or rng.random() < 0.3 else full_name(first, last)
        mention = self.b.entity(name, "PER", "possessive" if possessive else "plain", title=title)
        if " " in name:
            mention.split_at = 1
            mention.split_label = "PER"
        if possessive:
            self.b.raw(rng.choice(["’s", "’s", "'s"]), glue=True)

    def place(self, possessive: bool = False) -> None:
        rng = self.rng
        choice = rng.random()
        name = self.v.country() if choice < 0.55 else self.v.city() if choice < 0.8 else self.v.province() if choice < 0.92 else rng.choice(LOC_GENERIC)
        self.b.entity(name, "LOC", "possessive" if possessive else "plain")
        if possessive:
            self.b.raw(rng.choice(["’s", "'s"]), glue=True)

    def org(self) -> None:
        name, split_at, split_label = self.v.organisation()
        label = "ORG"
        mention = self.b.entity(name, label)
        mention.split_at, mention.split_label = split_at, split_label

    def misc(self) -> None:
        self.b.entity(self.v.misc(), "MISC")

    def org_with_acronym(self) -> None:
        """An organisation introduced with its acronym, as cables do: "the National Police ( NP )"."""
        if self.rng.random() < 0.3:
            name, initials = self.rng.choice(INTERNATIONAL_BODIES)
        else:
            name, _, _ = self.v.organisation()
            initials = "".join(word[0] for word in name.split() if word[0].isupper())
        self.b.entity(name, "ORG")
        if len(initials) >= 2:
            self.b.words("(")
            self.b.entity(initials, "ORG")
            self.b.words(")")
            self.acronyms.append(initials)

    def acronym(self) -> str:
        """An organisation's acronym: a well-known one, or one the model cannot have seen (most are)."""
        rng = self.rng
        if rng.random() < 0.5:
            return rng.choice(ORG_ACRONYMS) if rng.random() < 0.6 else rng.choice(INTERNATIONAL_BODIES)[1]
        return "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVW") for _ in range(rng.choice([2, 3, 3, 3, 4, 4, 5])))

    def words(self, text: str) -> None:
        self.b.words(text)

    def heading(self, style: str) -> None:
        """A section heading after a paragraph: between dashes, or (raw cables) alone on its line.

        In Title Case or in capitals; composed of cable topics, now and then with a place or a
        people in it, which are entities; the rest names nothing, though the tagger often tags it.
        """
        rng, b = self.rng, self.b
        shape = rng.choice(HEADING_SHAPES) if rng.random() < 0.7 else rng.choice(HEADINGS).title()
        capitals = rng.random() < 0.45
        alone = style == "raw" and rng.random() < 0.5
        if alone:
            b.raw("\n", glue=True)  # a blank line before it; the next paragraph's break follows it
        else:
            b.words("------")
        parts = re.split(r"(\{\w+\})", shape)
        has_entity = any(part in ("{place}", "{people}") for part in parts)
        words = {"{topic}": HEADING_TOPICS, "{noun}": HEADING_NOUNS}
        text = ""
        for part in parts:
            if part in words:
                text += rng.choice(words[part])
            elif part in ("{place}", "{people}"):
                if text.strip():
                    self._heading_words(text, capitals, has_entity)
                text = ""
                name = self.v.country() if part == "{place}" else self.v.demonym()
                b.entity(name.upper() if capitals else name, "LOC" if part == "{place}" else "MISC",
                         "header" if capitals else "plain")
            else:
                text += part
        if text.strip():
            self._heading_words(text, capitals, has_entity)
        if not alone:
            b.words("------")

    def _heading_words(self, text: str, capitals: bool, has_entity: bool) -> None:
        text = text.upper() if capitals else text
        if not has_entity and self.rng.random() < 0.4:
            self.b.tagged_noise(text, self.rng.choice(["ORG", "LOC"]))
        else:
            self.b.words(text)

    # --- sentences ---------------------------------------------------------------------------
    def sentence(self) -> None:
        rng = self.rng
        frame = rng.choice(FRAMES)
        first_token = len(self.b.tokens)
        if rng.random() < 0.3:
            # A discourse opener, so that a capitalised first word is not always a name.
            opener = rng.choice(OPENERS)
            self.words(opener)
            if not frame.startswith(("{", "Embassy", "Post", "Poloff", "Econoff", "Polcouns", "The Diplomatic")):
                frame = frame[0].lower() + frame[1:]
        for part in re.split(r"(\{\w+\})", frame):
            if not part:
                continue
            slot = part.strip("{}") if part.startswith("{") else None
            if slot is None:
                self.words(part)
            else:
                SLOTS[slot](self)
        opening = self.b.tokens[first_token]
        if opening.text[:1].islower() and not self.b.mentions_at(first_token):
            opening.text = opening.text[0].upper() + opening.text[1:]  # "the DCM met ..." opens a sentence
        end = "." if rng.random() < 0.97 else "?"
        if rng.random() < 0.12 and self.b.tokens and self.b.mentions and self.b.mentions[-1].end == len(self.b.tokens):
            # The tagger sometimes leaves the final period on the last word: "Afghanistan."
            self.b.raw(end, glue=True)
        else:
            self.b.raw(end)

    def quote(self) -> None:
        rng = self.rng
        self.person(with_title=False)
        self.words(rng.choice(["said ,", "stated ,", "told the Ambassador ,", "added ,", "insisted ,"]))
        self.b.raw("“")
        self.sentence_body_for_quote()
        glued = rng.random() < 0.5
        self.b.raw(".", glue=glued)
        self.b.raw("”", glue=True)

    def sentence_body_for_quote(self) -> None:
        rng = self.rng
        frame = rng.choice(QUOTE_FRAMES)
        first = True
        for part in re.split(r"(\{\w+\})", frame):
            if not part:
                continue
            if part.startswith("{"):
                SLOTS[part.strip("{}")](self)
            else:
                self.b.words(part, glue_first=first)
            first = False
