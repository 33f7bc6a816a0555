"""Word lists for name detection: first/last names from faker's locales, and the common words that are never names.

Names come from faker's person providers (French, English and the languages most present in France's and the
US's population). edsnlp 0.23 ships no name list, but its French resources (ICD-10 labels, verb conjugations) and
faker's lorem lists give a medical and everyday vocabulary that removes common words ("petit", "blanc", "bassin",
"clear") from the name lists.
"""

from __future__ import annotations

import csv
import gzip
import importlib
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

NAME_LOCALES = (
    "fr_FR", "fr_CA", "fr_CH", "fr_BE", "en_US", "en_GB", "en_IE",
    "es_ES", "it_IT", "pt_PT", "pt_BR", "nl_NL", "de_DE",
)  # fmt: skip

# Radiology, anatomy and report words (French and English) that must never be read as names, even capitalised.
REPORT_WORDS = [
    "absence", "aspect", "bassin", "bilan", "bord", "bords", "calcification", "cliché", "clichés", "col", "colonne",
    "comparaison", "compte", "conclusion", "contrôle", "corps", "côte", "côtes", "coude", "crâne", "cuisse",
    "diaphyse", "disque", "droit", "droite", "épaule", "épanchement", "examen", "face", "fémur", "fissure",
    "fracture", "genou", "gauche", "hanche", "humérus", "incidence", "indication", "lésion", "ligament", "main",
    "membre", "normal", "normale", "os", "pied", "poignet", "profil", "radius", "rachis", "rendu", "résultat",
    "résultats", "signe", "stade", "tibia", "trait", "type", "vertèbre", "abdomen", "ankle", "arm", "bone", "chest",
    "clavicle", "comparison", "conclusion", "elbow", "femur", "finding", "findings", "foot", "fracture", "hand",
    "head", "hip", "history", "humerus", "impression", "indication", "knee", "lateral", "left", "leg", "lesion",
    "mild", "no", "normal", "pelvis", "radius", "rib", "right", "shoulder", "sign", "skull", "spine", "technique",
    "tibia", "type", "wrist", "view", "views", "study", "exam", "report", "patient", "patiente", "dossier",
    "service", "pôle", "accueil", "standard", "contact", "fax", "tél", "tel", "phone", "secrétariat", "signé",
    "validé", "radiologue", "manipulateur", "manipulatrice", "interne", "docteur", "professeur", "madame",
    "monsieur", "mademoiselle", "motif", "contexte", "antécédents", "date", "name", "age", "record", "hospital",
    "number", "study", "reason", "attending", "verified", "clinical", "note", "requested", "performed", "signed",
    "dictated", "portal", "images", "questions", "department", "radiology", "imaging", "center", "medical",
    "general", "memorial", "university", "associates", "saint", "sainte", "grand", "grande", "petit", "petite",
    "haut", "haute", "bas", "basse", "long", "longue", "court", "courte", "blanc", "blanche", "noir", "rose",
    "france", "mars", "mai", "juin", "avril", "août", "juillet", "may", "june", "april", "august", "march",
    "january", "february", "october", "november", "december", "september", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
    "dimanche", "english", "french", "anglais", "français", "francais", "german", "allemand", "spanish", "espagnol",
    "will", "mark", "bill", "art", "guy", "long", "young", "white", "black", "green", "gray", "grey", "rich", "page",
    "radiologie", "radiologist", "imagerie", "urgences", "secrétariat", "consultant", "physician", "resident"
]  # fmt: skip


def _provider_names(locale: str) -> tuple[list[str], list[str]]:
    module = importlib.import_module(f"faker.providers.person.{locale}")
    provider = module.Provider
    first = list(getattr(provider, "first_names", ()) or ())
    for attr in ("first_names_male", "first_names_female"):
        first += list(getattr(provider, attr, ()) or ())
    last = list(getattr(provider, "last_names", ()) or ())
    return first, last


def _package_file(package: str, *parts: str) -> Path | None:
    """A data file inside an installed package, found without importing it (spaCy and edsnlp take seconds)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))).joinpath(*parts)
    return path if path.is_file() else None


def _stop_words(lang: str) -> set[str]:
    """spaCy's stop words for `lang`, read from its data module's source (a plain set literal)."""
    path = _package_file("spacy", "lang", lang, "stop_words.py")
    if path is None:  # pragma: no cover - spaCy comes with edsnlp
        return set()
    namespace: dict[str, object] = {}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)
    words = namespace.get("STOP_WORDS")
    return {str(w) for w in words} if isinstance(words, (set, frozenset)) else set()


def _lorem_words() -> set[str]:
    """faker's French and English lorem vocabularies (about 2,400 everyday words: "clear", "small", "abri")."""
    words: set[str] = set()
    for locale in ("en_US", "fr_FR"):
        try:
            module = importlib.import_module(f"faker.providers.lorem.{locale}")
        except ImportError:  # pragma: no cover - depends on the installed faker
            continue
        words.update(w.lower() for w in module.Provider.word_list)
    return words


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-cased words that are not names: spaCy stop words, edsnlp's verbs and ICD-10 vocabulary, report words.

    ICD-10 words written with a capital inside a label ("maladie de Paget") are eponyms, not common words, and are
    left out (eponyms.py handles them).
    """
    words: set[str] = _stop_words("fr") | _stop_words("en") | set(REPORT_WORDS) | _lorem_words()
    word = re.compile(r"[^\W\d_]{3,}")
    verbs = _package_file("edsnlp", "resources", "verbs.csv.gz")
    if verbs is not None:
        with gzip.open(verbs, "rt", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                words.add(row["term"].lower())
    cim10 = _package_file("edsnlp", "resources", "cim10.csv.gz")
    if cim10 is not None:
        with gzip.open(cim10, "rt", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                for match in word.finditer(row["long"]):
                    token = match.group(0)
                    if token.islower():
                        words.add(token)
    return frozenset(words)


@lru_cache(maxsize=1)
def basic_stop_words() -> frozenset[str]:
    """spaCy's French and English stop words only ("the", "at", "le", "de")."""
    return frozenset(_stop_words("fr") | _stop_words("en"))


@lru_cache(maxsize=1)
def raw_name_lexicons() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names) from faker, lower-cased and unfiltered: for strong contexts ("Signed by Green")."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in NAME_LOCALES:
        try:
            f, surname = _provider_names(locale)
        except (ImportError, AttributeError):  # pragma: no cover - depends on the installed faker
            continue
        first.update(x.lower() for x in f)
        last.update(x.lower() for x in surname)
    return frozenset(first), frozenset(last)


@lru_cache(maxsize=1)
def name_lexicons() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, last names), lower-cased, from faker's providers minus common words (first names only minus
    stop words and everyday words, so that "Marie", "Claire", "Aimée", also verb forms, stay first names)."""
    raw_first, raw_last = raw_name_lexicons()
    stop = common_words()
    basic = _stop_words("fr") | _stop_words("en") | set(REPORT_WORDS) | _lorem_words()
    first = {x for x in raw_first if len(x) >= 2 and x not in basic}  # verbs/ICD words kept: Marie, Claire, Aimée
    last = {x for x in raw_last if len(x) >= 2 and x not in stop}
    return frozenset(first), frozenset(last)


# Large French, Belgian, Swiss, Luxembourg, Maghreb, Lebanese, Scottish, Canadian and US cities: places named in free
# text without an address around them (a hyphen stands for a hyphen or a space).
CITIES = frozenset(
    [
        "paris", "marseille", "lyon", "toulouse", "nice", "nantes", "montpellier", "strasbourg", "bordeaux", "lille",
        "rennes", "reims", "toulon", "grenoble", "dijon", "angers", "nîmes", "villeurbanne", "clermont-ferrand",
        "aix-en-provence", "brest", "tours", "amiens", "limoges", "annecy", "perpignan", "besançon", "metz", "orléans",
        "rouen", "mulhouse", "caen", "nancy", "argenteuil", "montreuil", "roubaix", "tourcoing", "avignon", "poitiers",
        "pau", "calais", "la-rochelle", "cannes", "antibes", "valence", "colmar", "troyes", "chambéry", "lorient",
        "quimper", "vannes", "niort", "bayonne", "valenciennes", "dunkerque", "béziers", "ajaccio", "bastia", "créteil",
        "versailles", "nanterre", "vitry-sur-seine", "saint-denis", "saint-étienne", "le-havre", "le-mans",
        "boulogne-billancourt", "bruxelles", "liège", "genève", "lausanne", "luxembourg", "boston", "chicago",
        "houston", "phoenix", "philadelphia", "dallas", "austin", "seattle", "denver", "atlanta", "miami", "baltimore",
        "detroit", "cleveland", "pittsburgh", "minneapolis", "portland", "nashville", "memphis", "springfield",
        "rochester", "los-angeles", "san-francisco", "san-diego", "new-york", "washington", "london", "manchester",
        "dublin", "toronto", "montréal", "québec", "casablanca", "rabat", "marrakech", "tanger", "agadir", "oujda",
        "alger", "oran", "annaba", "tunis", "sfax", "sousse", "beyrouth", "beirut", "fribourg", "berne", "zurich",
        "bâle", "basel", "neuchâtel", "lugano", "esch-sur-alzette", "ettelbruck", "glasgow", "edinburgh", "aberdeen",
        "dundee", "inverness", "ottawa", "winnipeg", "calgary", "vancouver", "sherbrooke", "gatineau", "namur",
        "charleroi",
        # round 22: European capitals and large cities of India and Brazil written alone ("isikukood ..., Tallinn.");
        # names that are first names or common words ("Sofia", "Santiago", "Milan", "Split") left out, and British
        # cities that head hospital names ("Leeds General": the city would be cut out of the INSTITUTION)
        "tallinn", "tartu", "riga", "vilnius", "helsinki", "stockholm", "oslo", "copenhague", "copenhagen", "varsovie",
        "warsaw", "cracovie", "krakow", "kraków", "prague", "budapest", "bucarest", "bucharest", "athènes", "athens",
        "thessalonique", "thessaloniki", "zagreb", "ljubljana", "belgrade", "bratislava", "reykjavik", "lisbonne",
        "lisbon", "porto", "madrid", "barcelone", "barcelona", "amsterdam", "rotterdam", "berlin", "munich", "hambourg",
        "hamburg", "francfort", "frankfurt", "mumbai", "delhi", "bangalore", "bengaluru", "chennai", "kolkata",
        "hyderabad", "são-paulo", "rio-de-janeiro", "brasília", "recife", "curitiba", "valparaíso"
    ]
)  # fmt: skip
