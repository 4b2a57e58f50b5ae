"""Organisations as cables name them, beyond ministries and parties: bodies named in Spanish, French
and Portuguese, offices and research centres, companies, news agencies and outlets; and the
acronyms and capitalised cable words that name nothing.

Word lists of languages and of world knowledge, and conventions of cable writing; no text of any
real cable. Company names come from Faker's company providers.
"""
import random
import re
from typing import Callable, Dict, List

from .lexicon import _faker, ascii_name

# Government bodies, parties and institutions named in the language of the country: the head
# noun comes first, as these languages write them ("Ministerio de Defensa", "Parti socialiste").
FOREIGN_HEADS: Dict[str, List[str]] = {
    "es": ["Ministerio", "Secretaria", "Partido", "Frente", "Consejo", "Comision", "Instituto", "Banco", "Asamblea",
           "Corte", "Tribunal", "Confederacion", "Federacion", "Sindicato", "Union", "Movimiento", "Agencia",
           "Fiscalia", "Defensoria", "Direccion", "Camara", "Policia", "Fuerzas", "Servicio", "Universidad"],
    "fr": ["Ministere", "Parti", "Front", "Conseil", "Commission", "Institut", "Banque", "Assemblee", "Cour", "Tribunal",
           "Confederation", "Federation", "Syndicat", "Union", "Mouvement", "Agence", "Direction", "Chambre",
           "Rassemblement", "Comite", "Office", "Universite", "Haute Autorite", "Gendarmerie"],
    "pt": ["Ministerio", "Partido", "Frente", "Conselho", "Comissao", "Instituto", "Banco", "Assembleia", "Tribunal",
           "Confederacao", "Federacao", "Sindicato", "Uniao", "Movimento", "Agencia", "Camara", "Policia",
           "Procuradoria", "Secretaria", "Universidade", "Forcas Armadas"],
}
FOREIGN_CONNECTORS: Dict[str, List[str]] = {
    "es": ["de", "de la", "del", "para la", "de los"],
    "fr": ["de", "de la", "du", "des", "pour la"],
    "pt": ["de", "da", "do", "dos", "das"],
}
FOREIGN_TOPICS: Dict[str, List[str]] = {
    "es": ["Defensa", "Hacienda", "Relaciones Exteriores", "Justicia", "Salud", "Educacion", "Trabajo", "Agricultura",
           "Energia y Minas", "Gobierno", "Economia", "Seguridad", "Comercio", "Vivienda", "Transporte", "Cultura",
           "Inteligencia", "Planificacion", "Derechos Humanos", "Integracion", "Reforma Agraria", "Desarrollo Social"],
    "fr": ["Defense", "Justice", "Sante", "Education", "Travail", "Agriculture", "Energie", "Interieur", "Economie",
           "Finances", "Affaires etrangeres", "Securite", "Commerce", "Culture", "Communication", "Developpement",
           "Droits de l'Homme", "Reconciliation", "Transition", "Salut Public"],
    "pt": ["Defesa", "Fazenda", "Relacoes Exteriores", "Justica", "Saude", "Educacao", "Trabalho", "Agricultura",
           "Energia", "Planejamento", "Seguranca", "Comercio", "Cultura", "Integracao", "Desenvolvimento", "Cidades"],
}
FOREIGN_ADJECTIVES: Dict[str, List[str]] = {
    "es": ["Nacional", "Socialista", "Popular", "Democratico", "Republicano", "Revolucionario", "Liberal", "Federal",
           "Electoral", "Supremo", "Constitucional", "Central", "Unido", "Patriotico", "Civico", "Indigena"],
    "fr": ["national", "socialiste", "populaire", "democratique", "republicain", "constitutionnel", "supreme",
           "central", "patriotique", "islamique", "unifie", "federal", "electoral"],
    "pt": ["Nacional", "Socialista", "Popular", "Democratico", "Republicano", "Liberal", "Federal", "Eleitoral",
           "Supremo", "Central", "Trabalhista", "Progressista"],
}
# English names of institutions, built the way governments and universities name them.
INSTITUTION_SHAPES = [
    "{topic} Affairs Office", "Office of {topic} Affairs", "State Administration of {topic}", "{adjective} Research Center",
    "Center for {adjective} Studies", "Committee on {topic} Affairs", "Institute of {topic}", "{topic} Development Fund",
    "{adjective} {topic} Council", "Agency for {topic}", "{topic} and {topic} Commission", "Directorate of {topic}",
    "{adjective} Institute for {topic}", "Department of {topic}", "Bureau of {topic}", "{topic} Training Center",
]
INSTITUTION_TOPICS = ["Religious", "Veterans", "Labor", "Trade", "Energy", "Water", "Science", "Culture", "Youth",
                      "Women's", "Tourism", "Customs", "Migration", "Minority", "Maritime", "Planning", "Statistics",
                      "Nuclear", "Environmental", "Agricultural", "Consumer", "Cooperation", "Reconstruction",
                      "Broadcasting", "Media", "Telecommunications", "Investment", "Privatization", "Demining"]
INSTITUTION_ADJECTIVES = ["Strategic", "Economic", "Political", "International", "Islamic", "Regional", "Social",
                          "Policy", "Peace", "Security", "Development", "Asian", "African", "Arab", "Atlantic",
                          "Mediterranean", "Caspian", "Pacific", "National", "Presidential", "Public"]
# International organisations by their full names and acronyms: world knowledge, as cables name
# them, now in full, now by the acronym, now both ("the International Atomic Energy Agency ( IAEA )").
INTERNATIONAL_BODIES = [
    ("United Nations", "UN"), ("European Union", "EU"), ("North Atlantic Treaty Organization", "NATO"),
    ("International Monetary Fund", "IMF"), ("World Health Organization", "WHO"), ("World Trade Organization", "WTO"),
    ("International Atomic Energy Agency", "IAEA"), ("Organization of American States", "OAS"), ("African Union", "AU"),
    ("Arab League", "AL"), ("Shanghai Cooperation Organization", "SCO"), ("Gulf Cooperation Council", "GCC"),
    ("Organization of the Islamic Conference", "OIC"), ("International Committee of the Red Cross", "ICRC"),
    ("World Food Programme", "WFP"), ("Office of the UN High Commissioner for Refugees", "UNHCR"),
    ("Human Rights Council", "HRC"), ("International Criminal Court", "ICC"), ("Council of Europe", "COE"),
    ("Commonwealth of Independent States", "CIS"), ("Collective Security Treaty Organization", "CSTO"),
    ("Association of Southeast Asian Nations", "ASEAN"), ("Organization for Security and Cooperation in Europe", "OSCE"),
    ("UN Development Programme", "UNDP"), ("UN Office on Drugs and Crime", "UNODC"), ("International Labour Organization", "ILO"),
    ("Food and Agriculture Organization", "FAO"), ("International Organization for Migration", "IOM"),
    ("Economic Community of West African States", "ECOWAS"), ("Southern African Development Community", "SADC"),
    ("Organization of Petroleum Exporting Countries", "OPEC"), ("International Energy Agency", "IEA"),
    ("European Bank for Reconstruction and Development", "EBRD"), ("Inter-American Development Bank", "IDB"),
    ("Financial Action Task Force", "FATF"), ("Non-Aligned Movement", "NAM"), ("Foreign Ministry", "MFA"),
    ("Interior Ministry", "MOI"), ("Defense Ministry", "MOD"), ("Finance Ministry", "MOF"), ("Justice Ministry", "MOJ"),
]
# International news agencies, broadcasters and papers: world knowledge, as cables cite them.
NEWS_AGENCIES = ["AFP", "AP", "Reuters", "Xinhua", "Interfax", "ITAR-TASS", "RIA Novosti", "Kyodo", "Yonhap", "ANSA",
                 "EFE", "DPA", "Anadolu", "IRNA", "Fars", "ISNA", "Bernama", "Antara", "PTI", "UNI", "APP", "MENA",
                 "Petra", "WAM", "KUNA", "QNA", "SANA", "PANA", "Prensa Latina", "Notimex", "Agencia Brasil", "Lusa",
                 "BTA", "MTI", "PAP", "CTK", "Tanjug", "HINA", "Trend", "Kabar", "Khovar", "Jiji", "Bloomberg"]
BROADCASTERS = ["BBC", "CNN", "Al-Jazeera", "Al-Arabiya", "CCTV", "NHK", "Deutsche Welle", "Voice of America",
                "Radio Free Europe", "Radio Liberty", "RFI", "Euronews", "Sky News", "France 24", "Al-Manar",
                "Press TV", "Russia Today", "Channel One", "Geo TV", "Dawn News", "NDTV", "Doordarshan", "ARY"]
PAPERS = ["The New York Times", "The Washington Post", "Financial Times", "The Economist", "Le Monde", "Le Figaro",
          "El Pais", "El Mundo", "Der Spiegel", "Die Welt", "La Repubblica", "Corriere della Sera", "The Guardian",
          "The Times", "Asharq al-Awsat", "Al-Hayat", "Kommersant", "Izvestiya", "Pravda", "Haaretz", "Hurriyet",
          "Dawn", "The Hindu", "People's Daily", "Asahi Shimbun", "Yomiuri", "Clarin", "La Nacion", "O Globo"]
OUTLET_WORDS = ["Times", "Herald", "Tribune", "Post", "News", "Daily", "Gazette", "Observer", "Chronicle", "Express",
                "Journal", "Telegraph", "Voice", "Star", "Mirror", "Courier"]
# Acronyms and capitalised words of cable prose that name nothing: tagging them is an error.
COMMON_ACRONYMS = ["NGO", "NGOs", "GDP", "MOU", "IDP", "IDPs", "HIV/AIDS", "VIP", "CEO", "SME", "FDI", "WMD", "IED",
                   "IEDs", "TBD", "FY", "QIP", "PSA", "CT", "CN", "CVE", "SOE", "SOEs", "LNG", "ODA", "FTA", "TIP",
                   "POC", "ROE", "UAV", "MANPADS", "CBMs", "SSR", "DDR"]
# Words of cable subject lines that name nothing ("DEMARCHE DELIVERED", "SCENESETTER FOR ...").
SUBJECT_WORDS = ["DEMARCHE", "DELIVERED", "READOUT", "SCENESETTER", "BRIEFING", "BIOGRAPHIC", "INFORMATION", "REQUEST",
                 "RESPONSE", "UPDATE", "OUTLOOK", "CONCERNS", "COOPERATION", "ASSISTANCE", "PROGRAM", "VISIT", "MEETING",
                 "TALKS", "RAISES", "DISCUSSES", "WELCOMES", "URGES", "REJECTS", "SEEKS", "PRESSES", "REVIEW", "PROPOSAL",
                 "STATUS", "REPORT", "ACTION", "FOLLOW-UP", "TIP", "ENERGY", "ELECTION", "PROTESTS", "BUDGET",
                 "REFORMS", "SECURITY", "INVESTMENT", "TRAFFICKING", "RELIGIOUS", "FREEDOM", "LABOR", "REFUGEE",
                 "DELEGATION", "MINISTERIAL", "CODEL", "STAFFDEL", "BILATERAL", "AGENDA", "TOUR", "PERSPECTIVE",
                 "CORRECTED", "COPY", "NOT", "ON", "NEW", "KEY", "FIRST", "SECOND", "NEXT", "WEEKLY", "MONTHLY"]


def foreign_body(rng: random.Random) -> str:
    """A body named in Spanish, French or Portuguese: head, then a topic or an adjective."""
    language = rng.choice(sorted(FOREIGN_HEADS))
    head = rng.choice(FOREIGN_HEADS[language])
    if rng.random() < 0.5:
        name = f"{head} {rng.choice(FOREIGN_CONNECTORS[language])} {rng.choice(FOREIGN_TOPICS[language])}"
    else:
        name = f"{head} {rng.choice(FOREIGN_ADJECTIVES[language])}"
        if rng.random() < 0.35:
            name += f" {rng.choice(FOREIGN_ADJECTIVES[language])}"
    return name


def institution(rng: random.Random) -> str:
    """An English institution name: an office, a research centre, a commission."""
    words = {"{topic}": INSTITUTION_TOPICS, "{adjective}": INSTITUTION_ADJECTIVES}
    return re.sub(r"\{\w+\}", lambda slot: rng.choice(words[slot.group()]), rng.choice(INSTITUTION_SHAPES))


def company(rng: random.Random) -> str:
    """A company name from Faker's company provider of a locale, with a word besides a surname ("Morvan S.A.R.L.")."""
    locale = rng.choice(["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pt_BR", "nl_NL", "tr_TR", "pl_PL"])
    faker = _faker(locale)
    faker.seed_instance(rng.randrange(10**9))
    for _ in range(10):
        name = " ".join(ascii_name(faker.company()).replace(",", "").split())
        if " " in name:  # a surname alone, or two joined by a hyphen, reads as a person
            return name
    return f"{name} Group"


def outlet(rng: random.Random, city: Callable[[], str]) -> str:
    """A news agency, broadcaster or paper; now and then a city's paper ("the Karachi Herald")."""
    choice = rng.random()
    if choice < 0.35:
        return rng.choice(NEWS_AGENCIES)
    if choice < 0.6:
        return rng.choice(BROADCASTERS)
    if choice < 0.8:
        return rng.choice(PAPERS)
    return f"{city()} {rng.choice(OUTLET_WORDS)}"

