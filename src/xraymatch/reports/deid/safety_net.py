"""A recall-first second pass after the detector: mask what is not known to be safe (Philter-style).

The rule-based detector recognises identifier shapes; each new family of reports brings shapes it has never seen.
This pass does not look for shapes. Among the text the detector left uncovered it masks:

- runs of capitalised or ALL-CAPS words holding a word that is not known-safe. Known-safe: frequent French or
  English words (wordfreq Zipf >= `ZIPF_SAFE`), the clinical vocabulary (common_words(): stop words, ICD-10 and verb
  vocabulary, report words; the sentences of findings.py and anatomy_fr.py; half of the identifier-free NLM/Indiana
  bodies; words written in lower case in the even half of the whole real reports, INDICATION lines included),
  eponyms, short abbreviations, field labels (a word before ":"). First names and surnames of the lexicons are
  never safe when capitalised, however frequent ("Martin", "Grace"), unless used as an eponym;
- codes: runs of >= 6 digits and letter+digit tokens of >= 6 characters that are no measurement, dose, time,
  version, classification code (ICD-10, CCAM, TNM, LOINC), OID, lot number or vertebral level.

Types: an organisation head word makes an INSTITUTION, a preposition of place, street word, known city or postcode
around makes a LOCATION, a run sharing a token with the document's PATIENT spans a PATIENT, any other run a PERSON;
codes are IDs. The pass only adds spans where the detector found nothing, so the detector's spans are unchanged.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from xraymatch.reports.entities import Entity

ZIPF_SAFE = 2.9  # a word at least this frequent (wordfreq Zipf scale, French or English) is an everyday word
WHOLE_REPORTS = 2000  # even-half real reports whose lower-case words are clinical vocabulary

# Imaging equipment makers and models, contrast agents, registries and coding systems named in reports: product and
# system names, never people.
PRODUCT_WORDS = frozenset(
    [
        "agfa", "fujifilm", "fuji", "siemens", "philips", "canon", "toshiba", "carestream", "kodak", "shimadzu",
        "konica", "minolta", "hologic", "samsung", "ge", "healthineers", "definium", "digitaldiagnost", "ysio",
        "radspeed", "fluorospot", "luminos", "multix", "mobilett", "drx", "optima", "discovery", "revolution",
        "somatom", "magnetom", "ingenia", "achieva", "aquilion", "vitrea", "syngo", "centricity", "carestream",
        "omnipaque", "visipaque", "xenetix", "iomeron", "optiray", "ultravist", "gadovist", "dotarem", "clariscan",
        "prohance", "multihance", "telebrix", "hexabrix", "iopamiron", "optiject", "barium", "gastrografin",
        "finess", "inami", "rpps", "adeli", "siret", "siren", "ccam", "nabm", "ngap", "nicip", "snomed", "loinc",
        "dicom", "hl7", "fhir", "pacs", "ris", "hprim", "mcrn", "imc", "npi", "nhs", "ahpra", "gmc", "ordre",
        "veriphy", "powerscribe", "nuance", "dragon", "xero", "synapse", "sectra", "vue", "pixel", "musica",
        "zimmer", "biomet", "stryker", "synthes", "medtronic", "aircast", "ctdivol", "dlp",
        "tarmed", "selarl", "scm", "sel", "cigna", "aetna", "bupa", "humanis", "axa", "allianz", "mgen",
        "franzcr", "frcr", "frcpc", "mrcpi", "ffr", "mbbs", "mbchb", "facr", "dabr", "frcs", "mrcp", "frcp",
        "addendum", "erratum", "resus", "medicare", "medicaid", "humana", "anthem", "cnam", "cpam", "msa",
        "telehealth", "intranet",
    ]
)  # fmt: skip

# Organisation head words: a run holding one is an institution ("Clinique Beausoleil", "Mater Misericordiae Hospital").
ORG_HEADS = frozenset(
    [
        "hôpital", "hopital", "hospital", "hospitals", "clinique", "clinic", "polyclinique", "centre", "center",
        "chu", "chr", "chru", "ch", "chi", "institut", "institute", "université", "university", "cabinet",
        "infirmary", "practice", "pharmacie", "pharmacy", "laboratoire", "laboratory", "labs", "ehpad", "fondation",
        "foundation", "trust", "nhs", "gmbh", "ltd", "inc", "llc", "sarl", "sas", "group", "groupe", "imaging",
        "radiology", "radiologie", "imagerie", "medical", "médical", "health", "santé", "healthcare", "ministry",
        "ministère", "school", "école", "college", "collège", "maternité", "hospice", "sanatorium", "mutuelle",
        "insurance", "assurance", "council", "services", "unit",
    ]
)  # fmt: skip
# Words that make a run a place ("Rue des Lilas", "Kilimani Road", "Saint-Herblain").
PLACE_WORDS = frozenset(
    [
        "rue", "avenue", "boulevard", "bd", "chemin", "allée", "impasse", "place", "route", "quai", "cours",
        "street", "st", "road", "rd", "lane", "drive", "way", "close", "crescent", "terrace", "square", "parade",
        "highway", "county", "village", "town", "city", "province", "district", "state", "cedex", "ville",
    ]
)  # fmt: skip
_PLACE_BEFORE = re.compile(r"(?i)(?:\b(?:à|au|aux|en|in|at|from|near|to|vers|depuis|born in|née? à)|\d{4,5})[ \t]+$")
_POSTCODE_NEAR = re.compile(r"\b\d{4,5}\b")
PARTICLES = frozenset(
    ["de", "du", "des", "da", "di", "del", "della", "van", "von", "der", "den", "le", "la", "ben", "bin", "ibn",
     "el", "al", "ní", "nic", "ó", "mac", "y", "dos", "das", "ter", "ten", "st", "ste", "saint", "sainte"]
)  # fmt: skip
# Medical word endings: an unknown capitalised word ending so is a clinical term ("Pneumomédiastin", "Spondylosis").
_MEDICAL_END = re.compile(
    r"(?i)(?:itis|ite|ose|osis|oses|ome|oma|omas|ectomie|ectomy|otomie|otomy|plastie|plasty|scopie|scopy|graphie|"
    r"graphy|pathie|pathy|algie|algia|émie|emia|aemia|ique|ical|ique?s|aire|aires|al|ale|aux|ies|ia|ism|isme|ous|"
    r"ology|ologie|iatry|iatrie|sciences|therapy|thérapie|therapist|thérapeute|grapher|logist|logiste|eux|euse|ive|if|ifs|ives|ation|ations|ement|ment|ments|ure|ures|ance|ence|ity|ité|able|ible|ary|ic|ics)$"
)

# Hospital structure words that are also surnames ("Ward 7B", "Bay 3"): safe although in the name lexicons.
STRUCTURE_WORDS = frozenset(["ward", "bay", "bed", "wing", "unit", "room", "suite", "floor", "block", "max", "plus"])
_PRODUCT_BEFORE = re.compile(r"(?i)\b(?:%s)[ \t]+(?:[\w-]+[ \t]+){0,3}[#:n°]*[ \t]*$")
_PRODUCT_CUE = re.compile(r"(?i)(?:\bS/?N|\bserial(?: number| no\.?)?|n° de série|model|modèle)[ \t:#n°]*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n\s*|\[)$")
_LOWER_NEXT = re.compile(r"[ \t]+[a-zà-ÿ]")
_ABBREVIATION_AFTER = re.compile(r"\.")
_NUMBER_FIELD = re.compile(r"(?:nr|nummer|num|no|az|zeichen)$")
# "<clinical noun> de X", "X's sign": an unknown word (not in the name lexicons) after a lower-case noun and "de" is
# an eponym ("tubercule de Gerdy", "vis de Herbert", "score de Beighton").
_EPONYM_SLOT = re.compile(
    r"(?<![\w'’])(?!(?:fils|fille|épouse|époux|mère|père|frère|sœur|soeur|chez|famille)\b)"
    r"(?i:[a-zà-ÿ])[a-zà-ÿ]{2,}[ \t]+(?:de|d['’]|du)[ \t]*$"
)

_WORD = r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’]*(?:[-‐][\w'’]+)*"
_CAP_WORD = re.compile(rf"(?<![\w'’@/.-])(?:Mc|Mac|O['’])?[A-ZÀ-ÖØ-Þ]{_WORD[len('[A-Za-zÀ-ÖØ-öø-ÿ]') :]}")
_ANY_WORD = re.compile(_WORD)
_GAP = re.compile(r"[ \t]{1,2}|[ \t]*-[ \t]*")
_LABEL_AFTER = re.compile(r"[ \t]*(?::(?!//)|\^?=)")
_TITLE_BEFORE = re.compile(r"(?i)\b(?:dr|dre|pr|prof|mr|mrs|ms|mme|mlle|m)\.?[ \t]+$")
_LOWER = re.compile(r"[^\W\d_]+")

# Codes: a token of letters, digits and inner separators holding a digit.
_CODE = re.compile(r"(?<![\w.@/-])[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?(?![\w@])")
_NOT_CODE = re.compile(
    r"(?ix)^(?:"
    r"\d+(?:[.,]\d+)?(?:[x×*]\d+(?:[.,]\d+)?)*(?:mm|cm|dm|m|µm|um|ml|cc|l|dl|kg|g|mg|µg|mcg|kv|kvp|ma|mas|mgy|"
    r"gy|cgy|msv|sv|mbq|gbq|hu|ui|iu|s|ms|sec|min|h|hrs?|mmhg|bpm|%|°|deg|px|dpi|mhz|khz|hz|t)?"  # measurements
    r"|v?\d+(?:\.\d+){1,3}[a-z]?"  # versions, decimals
    r"|\d{1,2}[:h.]\d{2}(?::\d{2})?(?:am|pm)?"  # times
    r"|\d{1,4}(?:[/.-]\d{1,4}){1,2}"  # dates and ranges (the detector's job)
    r"|\d+(?:\.\d+){3,}"  # OIDs
    r"|[A-TV-Z]\d{2}(?:\.[0-9A-Z]{1,4})?[A-Z]?"  # ICD-10 (and ICD-10-CM extensions: S82.61XA)
    r"|[A-Z]{4}\d{3}(?:-\d{1,3})?"  # CCAM
    r"|\d{3,5}-\d"  # LOINC
    r"|[pcy]?T[0-4xis][a-d]?N[0-3x][a-c]?M[01x][a-c]?"  # TNM
    r"|[CTLS]\d{1,2}(?:-[CTLS]?\d{1,2})?"  # vertebral levels
    r"|bi-?rads-?\d[a-c]?|ti-?rads-?\d|li-?rads-?\d|pi-?rads-?\d"
    r")$"
)
_LOT_BEFORE = re.compile(
    r"(?i)(?:\b(?:lot|batch|n°\s*de\s*lot|lot\s*n°|ref|réf|version|v|serial(?: number| no\.?)?|"
    r"n°\s*(?:de\s*)?série|code|nomenclature|cpt|icd|ccam)\.?|"
    r"\bS/?N)[ \t:#n°]*$"
)


def _source_words(module: str) -> set[str]:
    """Lower-cased words of a module's source (its sentences and names), read without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:  # pragma: no cover - the modules ship with the package
        return set()
    return {w.lower() for w in _LOWER.findall(Path(spec.origin).read_text(encoding="utf-8")) if len(w) >= 3}


def _drug_words() -> set[str]:
    """Drug brand and substance names from edsnlp's ATC resource ("Eliquis", "Xarelto", "Lévothyrox")."""
    import json

    from xraymatch.reports.deid.lexicons import _package_file

    path = _package_file("edsnlp", "resources", "drugs.json")
    if path is None:  # pragma: no cover - edsnlp ships it
        return set()
    names = json.loads(path.read_text(encoding="utf-8"))
    return {w.lower() for values in names.values() for v in values for w in _LOWER.findall(v) if len(w) >= 4}


def _fold(word: str) -> str:
    """`word` without accents ("épaule" -> "epaule"): upper-case text often drops them."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=4)
def clinical_vocabulary(holdout: int | None = None) -> frozenset[str]:
    """Lower-cased (and accent-folded) words known to be safe in reports: common words, product names, the report
    generator's and anatomy sentences, the identifier-free French body pool and NLM/Indiana bodies.

    `holdout` (0 or 1) leaves out the bodies of that parity, to measure false hits on unseen identifier-free text."""
    from xraymatch.reports.deid.evaluation import FR_BODY, nlmcxr_bodies, nlmcxr_whole_reports
    from xraymatch.reports.deid.lexicons import common_words

    words = set(common_words()) | PRODUCT_WORDS | _drug_words()
    for module in ("xraymatch.reports.findings", "xraymatch.reports.anatomy_fr", "xraymatch.reports.sections"):
        words |= _source_words(module)
    for i, body in enumerate([*nlmcxr_bodies(), *FR_BODY]):
        if holdout is None or i % 2 != holdout:
            words.update(w.lower() for w in _LOWER.findall(body) if len(w) >= 3)
    # words real radiologists write in lower case in any section (the even half of the whole reports, never the half
    # identifier_free measures): "syncope", "preop", "wheezing" are safe when an INDICATION line capitalises them
    for report in nlmcxr_whole_reports(WHOLE_REPORTS, parity=0):
        words.update(w for w in _LOWER.findall(report) if len(w) >= 3 and w.islower())
    return frozenset(words | {_fold(w) for w in words})


@lru_cache(maxsize=65536)
def _frequent(lower: str) -> bool:
    from wordfreq import zipf_frequency

    return max(zipf_frequency(lower, "en"), zipf_frequency(lower, "fr")) >= ZIPF_SAFE


_CAMEL = re.compile(r"[A-Z]?[a-zà-ÿ]+|[A-Z]+(?![a-z])")
_NAME_PREFIX = re.compile(r"^(?:Mc|Mac|De|Di|Da|Le|La|Van|Von|O['’])[A-Z]")


class SafetyNet:
    """The second pass, with its vocabulary (`holdout`: see clinical_vocabulary)."""

    def __init__(self, holdout: int | None = None) -> None:
        from xraymatch.reports.deid.lexicons import name_lexicons

        self.vocabulary = clinical_vocabulary(holdout)
        first, last = name_lexicons()
        self.names = first | last
        self._safe: dict[str, bool] = {}
        makers = "|".join(sorted(re.escape(w) for w in PRODUCT_WORDS if len(w) >= 3))
        self._maker_before = re.compile(_PRODUCT_BEFORE.pattern % makers, re.IGNORECASE)

    def _known(self, part: str) -> bool:
        return len(part) <= 2 or part in self.vocabulary or _fold(part) in self.vocabulary or _frequent(part)

    def is_safe_word(self, word: str) -> bool:
        """True for a capitalised word known not to identify anyone (see the module docstring)."""
        cached = self._safe.get(word)
        if cached is None:
            cached = self._safe[word] = self._is_safe(word)
        return cached

    def _is_safe(self, word: str) -> bool:
        from xraymatch.reports.deid.eponyms import is_eponym_word

        core = re.sub(r"['’]s$", "", word.strip("'’-"))
        lower = core.lower()
        if len(core) <= 1 or re.fullmatch(r"X+", core) or lower in STRUCTURE_WORDS:
            return True
        if is_eponym_word(core):
            return True
        parts = [p for p in re.split(r"[-‐'’]", lower) if p]
        if (
            len(parts) > 1
            and re.search(r"[-‐][a-zà-ÿ]", core)
            and not all(p in self.names for p in parts)
            and (self._known(lower) or _frequent(lower))
        ):
            return True  # a known compound ("X-ray", "follow-up") even when one part is a name ("Ray")
        if lower in self.names or any(p in self.names and len(p) >= 3 for p in parts):
            return False
        if core.isupper() and len(core) <= 5:
            return True  # acronyms: CT, IRM, LCA, FOOSH (a surname in capitals is caught by the lexicon)
        if all(
            self._known(p) or self._known(p.rstrip("sx")) or self._known(re.sub("^t[ée]l[ée]", "", p)) for p in parts
        ):
            return True
        camel = _CAMEL.findall(core)
        if len(camel) > 1 and not _NAME_PREFIX.match(core) and all(self._known(p.lower()) for p in camel):
            return True  # field names and product names: "PatName", "StationName"
        return bool(_MEDICAL_END.search(lower)) and len(lower) >= 7

    def __call__(self, text: str, entities: list[Entity]) -> list[Entity]:
        """`entities` (the detector's spans in `text`) plus the net's spans over uncovered text, sorted, no overlaps.

        `text` should have its markup blanked (detector.mask_markup) so that tag names are not read as words."""
        covered = bytearray(len(text))
        for e in entities:
            covered[e.start : e.end] = b"\x01" * (e.end - e.start)
        extra = self._name_spans(text, covered, entities)
        for e in extra:
            covered[e.start : e.end] = b"\x01" * (e.end - e.start)
        extra += self._code_spans(text, covered, entities)
        return sorted([*entities, *extra], key=lambda e: (e.start, e.end))

    def _product_run(self, text: str, run: list[re.Match[str]]) -> bool:
        """A run naming a product: one of its words is a product word, or a maker precedes it ("Siemens Ysio Max")."""
        if any(m.group(0).lower() in PRODUCT_WORDS for m in run):
            return True
        line_start = text.rfind("\n", 0, run[0].start()) + 1
        return bool(
            self._maker_before.search(text, max(line_start, run[0].start() - 40), run[0].start())
            or _PRODUCT_CUE.search(text, max(line_start, run[0].start() - 20), run[0].start())
        )

    def _safe_here(self, text: str, m: re.Match[str], run_length: int, first: bool) -> bool:
        """A word safe in itself, or made safe by where it stands: an eponym slot ("signe de Murphy"), a one-word
        field label ("Ward:"), an abbreviation ("Inst."), or an unknown non-name word opening a sentence that goes on
        in lower case ("Loculated effusion", "Encoche de Hill-Sachs")."""
        from xraymatch.reports.deid.eponyms import eponym_use

        word = m.group(0)
        if self.is_safe_word(word) or eponym_use(text, m.start(), m.end()):
            return True
        if run_length == 1 and _LABEL_AFTER.match(text, m.end()):
            return True
        lower = word.lower()
        if len(word) <= 4 and _ABBREVIATION_AFTER.match(text, m.end()) and lower not in self.names:
            return True
        if _NUMBER_FIELD.search(lower) and (_ABBREVIATION_AFTER.match(text, m.end()) or lower.endswith("nummer")):
            return True  # an abbreviated number field: "Versichertennr.", "Steuernr.", "Aktenz."
        if lower in self.names or word.isupper():
            return False
        if _EPONYM_SLOT.search(text, max(0, m.start() - 30), m.start()):
            return True
        return bool(
            first
            and _SENTENCE_START.search(text, max(0, m.start() - 4), m.start())
            and _LOWER_NEXT.match(text, m.end())
        )

    def _name_spans(self, text: str, covered: bytearray, entities: list[Entity]) -> list[Entity]:
        patient = _patient_tokens(text, entities)
        found: list[Entity] = []
        for run in _runs(text):
            run = [m for m in run if _free(covered, m.start(), m.end())]
            if not run:
                continue
            if self._product_run(text, run):
                continue
            flagged = [i for i, m in enumerate(run) if not self._safe_here(text, m, len(run), i == 0)]
            if not flagged:
                continue
            # The span: the flagged words and the organisation/place words beside them.
            lo, hi = flagged[0], flagged[-1]
            heads = ORG_HEADS | PLACE_WORDS
            while lo > 0 and run[lo - 1].group(0).lower() in heads:
                lo -= 1
            while hi + 1 < len(run) and run[hi + 1].group(0).lower() in heads:
                hi += 1
            start, end = run[lo].start(), run[hi].end()
            if not _free(covered, start, end):  # a run broken by detector spans: the first flagged word only
                lo = hi = flagged[0]
                start, end = run[lo].start(), run[lo].end()
            words = [m.group(0) for m in run[lo : hi + 1]]
            label = _neighbour_label(text, start, end, entities) or _type_run(text, start, end, words, patient)
            found.append(Entity(start, end, label))
        return found

    def _code_spans(self, text: str, covered: bytearray, entities: list[Entity]) -> list[Entity]:
        """Uncovered codes: IDs, or part of the place they follow (a postcode "L-9080" after a street)."""
        found: list[Entity] = []
        for m in _CODE.finditer(text):
            token = m.group(0)
            if len(token) < 6 or not any(c.isdigit() for c in token) or not _free(covered, m.start(), m.end()):
                continue
            letters = any(c.isalpha() for c in token)
            if not letters and not re.search(r"\d{6}", token):
                continue  # digits broken by separators: dates, decimals, ranges
            if (not token.isdigit() and _NOT_CODE.match(token)) or _LOT_BEFORE.search(
                text, max(0, m.start() - 16), m.start()
            ):
                continue
            if "XXXX" in token or (letters and sum(c.isdigit() for c in token) < 3):
                continue  # placeholders of de-identified text, words with a number ("3-part", "RX-ORTHO-1")
            if "_" in token:
                continue  # protocol and station names: "MSK_HIP_AP", "CR_URG_02"
            if letters and re.fullmatch(r"[A-Za-z]+\d{1,2}|[A-Za-z]{2,}-\d{1,3}", token):
                continue  # model or protocol names: "Ysio2", "COVID-19"
            line_start = text.rfind("\n", 0, m.start()) + 1
            if self._maker_before.search(text, max(line_start, m.start() - 40), m.start()):
                continue  # a model number: "Canon CXDI-710C"
            label = "LOCATION" if _neighbour_label(text, m.start(), m.end(), entities) == "LOCATION" else "ID"
            found.append(Entity(m.start(), m.end(), label))
        return found


# A name or place span continued by the net ("Maria do | Céu", "Bray, Co. | Wicklow", "Paris | 75010") gives its type.
_JOIN_BEFORE = re.compile(r"(?i)^[ \t]*(?:,[ \t]*)?(?:(?:co\.|do|da|dos|das|de|del|van|von|ní|nic)[ \t]+)?$")


def _neighbour_label(text: str, start: int, end: int, entities: list[Entity]) -> str | None:
    for e in entities:
        if e.label in ("PATIENT", "PERSON", "LOCATION", "INSTITUTION") and 0 <= start - e.end <= 8:
            gap = text[e.end : start]
            if "\n" not in gap and _JOIN_BEFORE.match(gap) and (e.label == "LOCATION" or "," not in gap):
                return e.label
        if e.label in ("PATIENT", "PERSON") and 0 <= e.start - end <= 2 and text[end : e.start].strip() == "":
            return e.label
    return None


def _patient_tokens(text: str, entities: list[Entity]) -> set[str]:
    return {
        w.lower() for e in entities if e.label == "PATIENT" for w in _LOWER.findall(text[e.start : e.end]) if len(w) > 1
    }


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Maximal runs of capitalised words joined by a space or hyphen, particles allowed inside."""
    runs: list[list[re.Match[str]]] = []
    pos = 0
    while True:
        m = _CAP_WORD.search(text, pos)
        if m is None:
            return runs
        if any(c.isdigit() for c in m.group(0)):
            pos = m.end()
            continue  # a code, left to _code_spans
        run = [m]
        end = m.end()
        while True:
            gap = _GAP.match(text, end)
            if gap is None:
                break
            nxt = _CAP_WORD.match(text, gap.end())
            if nxt is not None and any(c.isdigit() for c in nxt.group(0)):
                break
            if nxt is None:
                particle = _ANY_WORD.match(text, gap.end())
                if particle is None or particle.group(0).lower() not in PARTICLES:
                    break
                gap2 = _GAP.match(text, particle.end())
                nxt = _CAP_WORD.match(text, gap2.end()) if gap2 else None
                if nxt is None:
                    break
            run.append(nxt)
            end = nxt.end()
        runs.append(run)
        pos = end


def _type_run(text: str, start: int, end: int, words: list[str], patient: set[str]) -> str:
    from xraymatch.reports.deid.lexicons import CITIES

    lowers = [w.lower() for w in words]
    if any(w in ORG_HEADS for w in lowers):
        return "INSTITUTION"
    joined = "-".join(lowers)
    if (
        any(w in PLACE_WORDS for w in lowers)
        or joined in CITIES
        or (_PLACE_BEFORE.search(text, max(0, start - 20), start) and not _TITLE_BEFORE.search(text, 0, start))
        or _POSTCODE_NEAR.search(text[max(0, start - 8) : start] + " " + text[end : end + 8])
    ):
        return "LOCATION"
    if any(w in patient for w in lowers):
        return "PATIENT"
    return "PERSON"


def _free(covered: bytearray, start: int, end: int) -> bool:
    return not any(covered[start:end])


@lru_cache(maxsize=1)
def default_net() -> SafetyNet:
    """The net with the full vocabulary (built once per process, ~1 s)."""
    return SafetyNet()


def add_safety_net(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` plus the default net's spans over the text they leave uncovered (see SafetyNet.__call__)."""
    return default_net()(text, entities)


def masked_per_thousand(bodies: list[str] | tuple[str, ...], net: SafetyNet | None = None) -> tuple[float, int, int]:
    """False-hit cost on identifier-free bodies: (masked word tokens per 1,000, tokens masked, tokens)."""
    from xraymatch.reports.deid.detector import detect, mask_markup
    from xraymatch.reports.deid.evaluation import masked_word_tokens

    net = net or default_net()
    tokens = masked = 0
    for body in bodies:
        hit, seen = masked_word_tokens(body, net(mask_markup(body), detect(body)))
        masked, tokens = masked + hit, tokens + seen
    return (round(1000 * masked / tokens, 2) if tokens else 0.0), masked, tokens
