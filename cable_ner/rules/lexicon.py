"""Word lists and patterns of English and of cable conventions that the span rules share.

They describe how cables are written (titles, head nouns, metadata words, TAGS lines), never the
names of any particular cable. Patterns that only one rule uses live beside that rule.
"""
import re

CLASSIFICATION_MARKINGS = {
    "C", "S", "U", "SBU", "NF", "NOFORN", "REL", "ORCON", "CONFIDENTIAL", "SECRET",
    "UNCLASSIFIED", "LIMDIS", "EXDIS", "NODIS", "FOUO", "S/NF", "C/NF", "TS",
}
METADATA_WORDS = {
    "SIPDIS", "NOTE", "COMMENT", "SUMMARY", "END", "TAGS", "SUBJECT", "REF", "REFS", "REFTEL",
    "DECL", "E.O.", "EO", "CLASSIFIED", "REASON", "REASONS", "SECTION", "PARA", "ACTION",
}
# Words after which the rest of a span is metadata, not name ("IRAN Classified By: Charge").
METADATA_CUT_WORDS = {"Classified", "CLASSIFIED", "Reason", "Reasons", "SUBJECT", "Subject", "TAGS"}
MONTHS = {
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday",
}
# Words that end a title phrase and stand for a person ("Foreign Minister", "Charge").
TITLE_HEADS = {
    "President", "Minister", "Ministers", "Secretary", "Undersecretary", "Ambassador", "Charge",
    "Speaker", "Advisor", "Adviser", "Governor", "Senator", "Congressman", "Congresswoman",
    "Chairman", "Chairwoman", "Chair", "Director", "Commander", "Spokesman", "Spokeswoman",
    "Spokesperson", "Mayor", "Envoy", "Representative", "Counselor", "Counsellor", "Consul",
    "King", "Queen", "Prince", "Princess", "Emir", "Sheikh", "Premier", "Chancellor", "Judge",
    "Prosecutor", "Attorney", "Colonel", "Lieutenant", "Major", "Captain", "Admiral",
    "Sergeant", "Mullah", "Imam", "Cleric", "Bishop", "Deputy", "Officer", "Coordinator",
    "Commissioner", "Delegate", "Attache", "Leader", "Chief", "Head", "MP", "DCM", "Polcouns",
    "Econcouns", "Poloff", "Econoff", "Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Maj",
    "Capt", "Adm", "Sen", "Rep", "Amb", "Gov", "Pres", "PM", "FM", "DFM", "Dep", "Asst",
    "General",
}
# Words that may stand inside a title phrase before its head ("National Security Advisor").
TITLE_MODIFIERS = {
    "Vice", "Prime", "Foreign", "Assistant", "Under", "Acting", "Former", "Special", "Senior",
    "National", "Security", "Interior", "Defense", "Defence", "Finance", "Commerce", "Trade",
    "Justice", "Energy", "Economy", "Economic", "Political", "Deputy", "Principal", "Chief",
    "General", "Executive", "Permanent", "Supreme", "Regional", "Provincial", "District",
    "Police", "Army", "Military", "Parliamentary", "Education", "Health", "Agriculture",
    "Labor", "Labour", "Information", "Refugees", "Affairs", "Public", "Presidential",
    "Minister", "Secretary", "State", "Ambassador", "Counter-Narcotics", "Counternarcotics",
    "Commanding", "Managing", "Vice-President",
}
# Head nouns that make a name an organisation, a place or a MISC name.
ORG_HEADS = {
    "Association", "Organization", "Organisation", "Ministry", "Office", "Department",
    "Council", "Committee", "Commission", "Bank", "Fund", "Agency", "Institute", "Center",
    "Centre", "Union", "League", "Court", "Board", "Party", "Front", "Movement", "Forces",
    "Force", "Army", "Authority", "Bureau", "Service", "Services", "Corporation", "Company",
    "Foundation", "University", "Academy", "Society", "Federation", "Alliance", "Coalition",
    "Assembly", "Parliament", "Secretariat", "Directorate", "Command", "Mission", "Team",
    "Group", "Network", "Police", "Guard", "Navy", "Congress", "Senate", "Cabinet",
    "Brigade", "Division", "Tribunal", "Cooperation", "Programme", "Program", "Inc", "Ltd",
}
MISC_HEADS = {
    "Day", "War", "Agreement", "Accord", "Accords", "Treaty", "Summit", "Act", "Law",
    "Convention", "Declaration", "Initiative", "Festival", "Games", "Olympics", "Revolution",
    "Charter", "Protocol", "Compact", "Memorandum", "Resolution", "Election", "Elections",
    "Doctrine", "Plan", "Strategy", "Jirga", "Ramadan", "Eid", "Year", "Cup", "Constitution",
    "Conventions", "Round", "Olympiad", "Prize", "Award",
}
LOC_HEADS = {
    "Areas", "Area", "Province", "Provinces", "Region", "Valley", "River", "Mountains",
    "Mountain", "District", "Island", "Islands", "Sea", "Ocean", "Gulf", "Strait", "Lake",
    "Desert", "Peninsula", "Street", "Square", "Airport", "Port", "Governorate", "Oblast",
    "Plateau", "Basin", "Coast", "Bay", "Pass", "Corridor", "Border",
}
NAME_HEADS = ORG_HEADS | MISC_HEADS | LOC_HEADS
# Generic words that cables capitalise for their own institutions ("the Embassy", "Post"): no names alone.
GENERIC_INSTITUTIONS = {
    "Embassy", "Consulate", "Government", "Administration", "Presidency", "Palace", "Post",
    "Mission", "Department", "Ministry", "Parliament", "Cabinet", "Regime", "Opposition",
}
NAME_PARTICLES = {"bin", "ibn", "al", "el", "abu", "abd", "de", "van", "von", "da", "di", "del", "dos"}
NAME_CONNECTORS = {"of", "for", "on", "and", "de", "al", "el", "bin", "ibn", "the", "in", "du", "von", "van"}
STOP_WORDS = {
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "both", "but", "by", "can", "could",
    "did", "do", "does", "during", "each", "either", "even", "few", "for", "from", "further",
    "had", "has", "have", "he", "her", "here", "his", "how", "however", "i", "if", "in", "into",
    "is", "it", "its", "just", "many", "may", "me", "might", "more", "most", "much", "must",
    "my", "neither", "no", "nor", "not", "now", "of", "on", "once", "only", "or", "other",
    "our", "over", "per", "same", "she", "should", "since", "so", "some", "still", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "though", "through", "thus", "to", "too", "under", "until", "up", "upon", "very", "was",
    "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose",
    "why", "will", "with", "within", "without", "would", "yet", "you", "your", "according",
    "although", "despite", "meanwhile", "yesterday", "today", "tomorrow", "recently", "later",
    "separately", "finally", "moreover", "instead", "indeed", "overall", "mr", "mrs", "ms",
}
DEMONYM_SUFFIXES = ("ian", "ians", "ese", "ish", "ani", "ari", "eni", "hi", "ki", "ni", "ri", "si", "ti", "zi", "i", "an", "ans")

POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")
WORD = re.compile(r"[^\s]+")
WHITESPACE = re.compile(r"\s")
EDGE_PUNCT = "\"'“”‘’.,;:!?()[]{}«»-–—/"
ABBREVIATION = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|Mt|Gen|Dr|Bros)\.$")
TAGS_LINE = re.compile(r"\bTAGS\b:?(?P<codes>.*?)(?=\bSUBJECT\b|\n|$)", re.S)

TITLE_WORDS = TITLE_MODIFIERS | TITLE_HEADS
NOT_NAME_PARTS = TITLE_HEADS | TITLE_MODIFIERS | MONTHS
