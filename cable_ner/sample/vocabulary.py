"""Drawing one cable's names: its cast of people, places, organisations and other names."""
import random
from typing import Optional, Tuple

from .institutions import INTERNATIONAL_BODIES, company, foreign_body, institution, outlet
from .lexicon import (
    DEMONYMS, EVENTS, MINISTRY_TOPICS, NAME_LOCALES, ORG_ACRONYMS, ORG_FULL, PARTY_HEADS,
    PARTY_WORDS, COMPANY_HEADS, MEDIA, RELIGIOUS, EAST_ASIAN_SURNAMES, GENERIC_INSTITUTIONS, SYLLABLES, _faker, _places,
    ascii_name,
)


def full_name(first: str, last: str) -> str:
    """A person's full name in the order cables write it: family name first for East Asian names."""
    return f"{last} {first}" if last in EAST_ASIAN_SURNAMES else f"{first} {last}"


class Vocabulary:
    """Draws names for one cable: a cast of people, the places and organisations it talks about."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        places = _places()
        self.codes = sorted(places)
        self.places = places
        self.host = rng.choice(self.codes)
        self.partners = rng.sample([c for c in self.codes if c != self.host], 3)
        self.cast = [self._person() for _ in range(rng.randint(3, 7))]

    def _person(self) -> Tuple[str, str]:
        rng = self.rng
        locale = rng.choice(sorted(NAME_LOCALES))
        faker = _faker(locale)
        faker.seed_instance(rng.randrange(10**9))
        first = ascii_name(faker.first_name()).split()[0]
        last = ascii_name(faker.last_name()).split()[-1]
        shape = rng.random()
        if shape < 0.08:
            last = f"{last}-{ascii_name(faker.last_name()).split()[-1]}"
        elif shape < 0.16:
            last = f"{rng.choice(['al-', 'el-', 'bin ', 'Abd al-', 'Abu '])}{last}"
        elif shape < 0.24:
            first = f"{first} {rng.choice('ABCDEFGHJKLMNPRSTVW')}."  # a middle initial: "Jeffrey D."
        elif shape < 0.28:
            first = f"{first[0]}."  # an initial for the given name: "M. Ortega"
        elif shape < 0.34:  # an East Asian name, family name first: "Lin Wei-ping"
            last = rng.choice(EAST_ASIAN_SURNAMES)
            first = f"{rng.choice(SYLLABLES).title()}-{rng.choice(SYLLABLES)}" if rng.random() < 0.6 else rng.choice(SYLLABLES).title()
        return first, last

    def person_name(self) -> Tuple[str, str]:
        """A person outside the cable's cast: (given name, family name)."""
        return self._person()

    def generic_noun(self) -> str:
        """A capitalised word for an institution that is no name: "the Department", "the Government"."""
        return self.rng.choice(GENERIC_INSTITUTIONS)

    def country(self, code: Optional[str] = None) -> str:
        return self.places[code or self.rng.choice([self.host] * 3 + self.partners)]["name"]

    def city(self) -> str:
        code = self.rng.choice([self.host] * 3 + self.partners)
        cities = self.places[code]["cities"] or [self.places[code]["name"]]
        return self.rng.choice(cities)

    def province(self) -> str:
        code = self.host if self.places[self.host]["provinces"] else self.rng.choice(self.codes)
        return self.rng.choice(self.places[code]["provinces"] or [self.city()])

    def demonym(self) -> str:
        return DEMONYMS[self.rng.choice([self.host] * 3 + self.partners)]

    def organisation(self) -> Tuple[str, Optional[int], str]:
        """An organisation name, the word index where the tagger may split it, and that part's label."""
        rng = self.rng
        choice = rng.random()
        if choice < 0.2:
            return rng.choice(ORG_ACRONYMS), None, "ORG"
        if choice < 0.3:
            return f"Ministry of {rng.choice(MINISTRY_TOPICS)}", None, "ORG"
        if choice < 0.39:
            return f"{self.demonym()} {rng.choice(['Ministry of ' + rng.choice(MINISTRY_TOPICS), 'National Police', 'Army', 'Supreme Court', 'Border Police', 'Parliament', 'Central Bank'])}", 1, "MISC"
        if choice < 0.48:
            return f"{rng.choice(PARTY_WORDS)} {rng.choice(PARTY_HEADS)}", 1, "MISC"
        if choice < 0.53:
            first, last = rng.choice(self.cast)
            return f"{last} {rng.choice(COMPANY_HEADS)}", 1, "PER"
        if choice < 0.58:
            return company(rng), None, "ORG"
        if choice < 0.62:
            return f"{self.city()} {rng.choice(MEDIA)}", 1, "LOC"
        if choice < 0.66:
            topic = rng.choice(["Regional Cooperation", "Economic Development", "Human Rights", "Security", "Refugees"])
            head = rng.choice(["Association", "Organization", "Council", "Commission", "Center"])
            name = f"{rng.choice(['South Asian', 'Central Asian', 'Arab', 'International', 'European'])} {head} for {topic}"
            return name, len(name.split()[: name.split().index("for")]), "MISC"
        if choice < 0.74:
            return foreign_body(rng), None, "ORG"
        if choice < 0.84:
            return institution(rng), None, "ORG"
        if choice < 0.88:
            return self.outlet(), None, "ORG"
        if choice < 0.94:
            return rng.choice(INTERNATIONAL_BODIES)[0], None, "ORG"
        return rng.choice(ORG_FULL), None, "ORG"

    def outlet(self) -> str:
        """A news agency, broadcaster or paper."""
        return outlet(self.rng, self.city)

    def date_phrase(self) -> str:
        rng = self.rng
        month = rng.choice(["January", "February", "March", "April", "May", "June", "July", "August",
                            "September", "October", "November", "December"])
        return rng.choice([f"on {month} {rng.randint(1, 28)}", f"in {month} {rng.randint(2001, 2010)}",
                           f"on {rng.randint(1, 28)} {month}", "last week", "earlier this month",
                           f"since {rng.randint(1995, 2009)}", f"by the end of {month}", "on Monday", "on Thursday"])

    def number_phrase(self) -> str:
        rng = self.rng
        return rng.choice([f"{rng.randint(2, 95)} percent", f"USD {rng.randint(2, 900)} million",
                           f"{rng.randint(3, 400)} kilograms", f"{rng.randint(2, 60)} people",
                           f"more than {rng.randint(2, 30)},000 refugees", f"{rng.randint(2, 12)} tons"])

    def demonym_plural(self) -> str:
        """A people: "Afghans", "Iraqis"; demonyms in -ese, -ish or -ch take no plural s."""
        for _ in range(5):
            demonym = self.demonym()
            if not demonym.endswith(("ese", "sh", "ch", "ss")) and " " not in demonym:
                return demonym + "s"
        return self.rng.choice(["Pashtuns", "Hazaras", "Kurds", "Shias", "Sunnis", "Uighurs", "Tamils"])

    def compound_adjective(self) -> str:
        """Two names joined into one adjective: "US-Peru", "Danish-Polish"."""
        rng = self.rng
        if rng.random() < 0.5:
            return f"{rng.choice(['US', 'U.S.', self.country()])}-{self.country()}"
        return f"{self.demonym()}-{self.demonym()}"

    def misc(self) -> str:
        rng = self.rng
        choice = rng.random()
        if choice < 0.55:
            return self.demonym()
        if choice < 0.8:
            return rng.choice(RELIGIOUS)
        if choice < 0.9:
            return f"{self.demonym()} {rng.choice(['Independence Day', 'Constitution', 'New Year'])}"
        return rng.choice(EVENTS)


# ---------------------------------------------------------------------------------------------
