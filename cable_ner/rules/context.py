"""The cable a rule works on: its plain text and views of it that several rules need.

:func:`~cable_ner.rules.runner.apply_rules` makes one :class:`CableContext` per cable and hands it
to every rule, so a view (the words the cable writes in lower case, where its title words are)
is computed at most once per cable, whichever rules ask for it. The text never changes while the
rules run; only the spans do.
"""
import re
from collections import Counter
from functools import cached_property
from typing import FrozenSet, List, Optional

from ..labels import DEFAULT_ROLES, LabelRoles
from .data import RuleData
from .lexicon import STOP_WORDS, TITLE_HEADS
from .words import bare

# The lookahead lets the scan skip most positions before it tries the alternatives: twice as fast.
# What only a cable holds: the E.O. 12958 line, TAGS, SUBJECT, paragraph marks or anchors. A text
# with none of them is no cable, and the cable-wide rules (routing header, signature, the cable's
# names at their other mentions) leave it alone.
WORD_CHARS = re.compile(r"\w[\w'’-]*\w|\w")
CABLE_STRUCTURE = re.compile(r"\bE\.?O\.? ?12958|\bTAGS\b|\bSUBJECT\b|¶|<a id=")
TITLE_NEARBY = re.compile(r"\b(?=[A-Z])(?:" + "|".join(sorted(map(re.escape, TITLE_HEADS | {"State"}), key=len, reverse=True)) + r")\b")


class CableContext:
    """One cable's plain text (markup removed, nothing else changed), its shared views, the
    labels of the roles (person, organisation, place, other) that the rules write, and what the
    rules know from data packages (:class:`RuleData`: read from the packages unless given)."""

    def __init__(self, text: str, roles: LabelRoles = DEFAULT_ROLES, data: Optional[RuleData] = None) -> None:
        self.text = text
        self.roles = roles
        self._data = data

    @property
    def data(self) -> RuleData:
        if self._data is None:
            self._data = RuleData.from_packages()
        return self._data

    @cached_property
    def structure_start(self) -> int:
        """Where the cable's structure first shows (the end of its routing header); -1 in a text that is no cable."""
        match = CABLE_STRUCTURE.search(self.text)
        return match.start() if match else -1

    @property
    def is_cable(self) -> bool:
        """Whether the text holds a cable's structure (E.O. 12958, TAGS, SUBJECT, paragraph marks)."""
        return self.structure_start >= 0

    @cached_property
    def lowercase_vocabulary(self) -> FrozenSet[str]:
        """Words the cable writes in lower case: evidence that a word is common, not a name."""
        # Edge punctuation has no case, so a word is lower case exactly when its bare form is.
        return frozenset(bare(w) for w in set(self.text.split()) if w.islower())

    @cached_property
    def common_words(self) -> FrozenSet[str]:
        """Stop words and the words the cable writes in lower case: not parts of names."""
        return self.lowercase_vocabulary | STOP_WORDS

    @cached_property
    def word_counts(self) -> Counter:
        """How often the cable writes each word, as written (edge punctuation stripped)."""
        return Counter(WORD_CHARS.findall(self.text))

    @cached_property
    def folded_word_counts(self) -> Counter:
        """How often the cable writes each word in any case, by its lower-case form."""
        folded: Counter = Counter()
        for word, count in self.word_counts.items():
            folded[word.lower()] += count
        return folded

    @cached_property
    def title_word_offsets(self) -> List[int]:
        """Where the cable has a title word ("Minister", "State"), in order: one scan serves every span."""
        return [match.start() for match in TITLE_NEARBY.finditer(self.text)]

    @cached_property
    def lower_case(self) -> str:
        """The text in lower case, character for character, so that offsets into it hold for ``text``."""
        lowered = self.text.lower()
        if len(lowered) != len(self.text):  # a few characters lower-case to two ("İ")
            lowered = "".join(char.lower() if len(char.lower()) == 1 else char for char in self.text)
        return lowered
