"""Building a cable token by token: gold mentions and what the simulated tagger may get wrong."""
import random
import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

from ..markup import Span


@dataclass
class Token:
    text: str
    glue: bool = False  # written without a space before it


@dataclass
class Mention:
    """A gold entity over tokens [start, end), with what the tagger may get wrong about it."""

    start: int
    end: int
    label: str
    kind: str = "plain"  # plain, header, signature, possessive, page_break
    title: Optional[Tuple[int, int]] = None  # title tokens just before the name
    split_at: Optional[int] = None  # token where the tagger may split the name
    split_label: str = "MISC"


@dataclass
class CableBuilder:
    rng: random.Random
    tokens: List[Token] = field(default_factory=list)
    mentions: List[Mention] = field(default_factory=list)
    silver_extra: List[Tuple[int, int, str]] = field(default_factory=list)  # tags on non-entities

    def words(self, text: str, glue_first: bool = False) -> None:
        for index, piece in enumerate(re.findall(r"<[^>]+>|[\w./\-]+(?:['’]\w+)?:?|[^\w\s]", text)):
            self.tokens.append(Token(piece, glue=glue_first and index == 0))

    def raw(self, text: str, glue: bool = False) -> None:
        self.tokens.append(Token(text, glue))

    def entity(self, name: str, label: str, kind: str = "plain", glue: bool = False, **extra) -> Mention:
        start = len(self.tokens)
        for index, piece in enumerate(name.split()):
            self.tokens.append(Token(piece, glue=glue and index == 0))
        mention = Mention(start, len(self.tokens), label, kind, **extra)
        self.mentions.append(mention)
        return mention

    def mentions_at(self, token: int) -> bool:
        """Whether a gold mention covers the token."""
        return any(mention.start <= token < mention.end for mention in self.mentions)

    def tagged_noise(self, text: str, label: str) -> None:
        """Words that are no entity but that the tagger tags (metadata, headings)."""
        start = len(self.tokens)
        self.words(text)
        self.silver_extra.append((start, len(self.tokens), label))


def token_span(offsets: Sequence[Tuple[int, int]], start: int, end: int, label: str) -> Span:
    return Span(offsets[start][0], offsets[end - 1][1], label)
