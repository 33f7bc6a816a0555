"""Pattern detectors for identifiers with a recognisable shape: e-mails, URLs, phones, NIR (key-checked), SSN,
record numbers (with or without a context word), dates (French and English spellings) and ages.

Each detector yields Candidate spans; detector.py resolves overlaps by priority.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from xraymatch.reports.deid.checksums import luhn_valid, nir_valid


@dataclass(frozen=True)
class Candidate:
    """A detected span with a priority used to resolve overlaps (higher wins, then longer)."""

    start: int
    end: int
    label: str
    priority: int


# ------------------------------------------------------------------------------------------- e-mail, URL, phone

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+(?:@|[ ]?[(\[]at[)\]][ ]?)[\w-]+(?:\.[\w-]+)+")
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+[^\s<>\"'()\[\]{}.,;:!?]"
    r"|(?<![\w@.-])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:fr|com|org|net|eu|io|info|biz|be|ch|ca|uk|us|edu|gov|"
    r"(?-i:re|ie|au|nz|lu|nl|gp|mq|nc|pf))"
    r"(?:/[^\s<>\"']*[^\s<>\"'.,;:!?])?(?![\w@])",
    re.IGNORECASE,
)
# One separator throughout ("03.05.2015 13" is a date and a time, not a phone).
PHONE_FR = re.compile(r"(?<![\w+])(?:(?:\+|00)33\s?(?:\(0\)\s?)?|0)[1-9]([\s.\-]?)\d{2}(?:\1\d{2}){3}(?![\d:])")
PHONE_EN = re.compile(
    r"(?<![\w+])(?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-/])\d{3}[\s.\-]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,6})?(?!\d)",
    re.IGNORECASE,
)

# UK: +44 [(0)] or 0, then 9-10 national digits in two or three space-separated groups ("0131 489 4372",
# "020 7946 0958", "+44 (0)7838 423533"); the digit count is checked in find_phones.
PHONE_UK = re.compile(r"(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|0)\d{2,5}(?:[ \u00a0]\d{3,6}){1,2}(?![\d:])")

# Other countries, international form: +32 / +41 / +61 / +353 ... [(0)] then 2-5 digit groups ("+32 2 836 59 58",
# "+41 (0)26 559 14 35", "+61 425 291 606", "+353 (0)61 134 1906"); 8-11 national digits, checked in find_phones.
PHONE_INTL = re.compile(
    r"(?<![\w+])(?:\+|00)(?:32|41|61|64|353|352|39|49|34|31|43|45|46|47|48|351|212|213|216|"
    r"590|594|596|262|269|508|687|689|681|377|376)[ \u00a0.]?"
    r"(?:\(0\)[ \u00a0]?)?\d{1,4}(?:[ \u00a0.\-/]\d{2,4}){1,4}(?![\d:])"
)
# National forms with a trunk 0 (Belgium, Switzerland, Australia, Ireland): an area code, then space/dot/slash-separated
# groups; the first separator may differ from the rest ("02/339.64.22", "032/245 16 48", "071 80 75 10",
# "(07) 5370 5797", "03 8542 0503", "01 659 0463"); 9 or 10 digits, checked in find_phones. Australian 1300/1800.
PHONE_NATIONAL = re.compile(
    r"(?<![\w+/.,\-])(?:\(0\d{1,3}\)[ \u00a0]?|0\d{1,3}[ \u00a0]?([ \u00a0/.\-])[ \u00a0]?)\d{2,4}"
    r"([ \u00a0.\-])\d{2,4}(?:\2\d{2,4}){0,2}(?![\d:]|[.,/\-]\d)"
    r"|(?<![\w+/.,\-])1[38]00[ \u00a0]\d{3}[ \u00a0]\d{3}(?![\d:]|[.,/\-]\d)"
)

# ------------------------------------------------------------------------------------------------- identifiers

NIR = re.compile(r"(?<![\w])[12378]\s?\d{2}\s?\d{2}\s?(?:\d{2}|2[AB])\s?\d{3}\s?\d{3}\s?\d{2}(?!\d)", re.IGNORECASE)
SSN = re.compile(r"(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])")
# A word after which the next alphanumeric token is a record number.
ID_CONTEXT = re.compile(
    r"(?:\bIPP|\bNIP|\bNIR|\bINS|"
    r"\bN°(?:\s*(?:d['’]examen|de dossier|de séjour|d['’]accession|de patient|patient|dossier|d['’]ordre|"
    r"(?:de|d['’]|du)\s*\w+))?|\bNo\b\.?|\b(?:N/|V/)?R[ée]f\b\.?|"
    r"\bn°|\bnuméro|\bdossier|\bséjour|\baccession|\bacc\.?|\bexamen n°|"
    r"\bMRN|\bmedical record(?: number)?|\brecord|\bhospital number|\bpatient (?:id|number)|\bstudy|\bID(?=\s*[:#])|"
    r"\bsécurité sociale|\bSSN|\bRPPS|\bADELI|\bFINESS|\bmatricule|\bservice (?:number|no\.?)|#)"
    r"\s*(?:n°|no\.?|number|#|id)?\s*[:#]?\s*",
    re.IGNORECASE,
)
ID_TOKEN = re.compile(r"[A-Z0-9][A-Z0-9/\-_.]*[0-9][A-Z0-9/\-_]*", re.IGNORECASE)
# Health-insurance / national / licence numbers and access codes named by their field: the value may mix letters and
# digit groups ("NAM : BELC 3012 1747", "OHIP: 1553 533 066 FV", "HCN: 4032-479-141-WS", "NISS : 62 01 09 713 35",
# "PPSN: 8947078BA", "Medicare: 5768 16300 8", "access code HRX-9B5-TV", "Study UID 1.2.840..."; NZ "NHI ZAC5361",
# Indian "ABHA"), also as a pipe-table cell ("| Medicare | 4905 83517 8 |").
STRONG_ID_CONTEXT = re.compile(
    r"(?:\bNISS|\bregistre national|\bN° national|\bRAMQ|\bNAM|\bOHIP|\bHCN|\bhealth card(?: number| no\.?)?|"
    r"\bMedicare(?: (?:number|no\.?))?|\bPPSN|\bPPS(?: number| no\.?)?|\bpermis|\blicen[cs]e(?: number| no\.?)?|"
    r"\baccess code|\bcode d['’]accès|\bCSN|\bNDA|\bvisit(?: number| no\.?)?|\bNHS(?: number| no\.?)?|"
    r"\bUR(?: No\.?)?|\bHosp(?:ital)? No\.?|\bchart(?: number| no\.?)?|\b(?:study |series )?UID|\bAVS|"
    r"\bN° AVS|\bIHI|\bCHI(?: number| no\.?)?|\bPHN|\bMBI|\bMedicaid|\bINAMI|\bassurance maladie|"
    r"\b(?:N° )?RPPS|\b(?:N° )?ADELI|\b(?:N° )?FINESS|\bGMC(?: number| no\.?)?|\bNPI|\bNMC(?: PIN)?|\bHCPC|\bDEA|"
    r"\bAHPRA|\bUPIN|\bCPSO|\bIMC(?: number| no\.?)?|(?-i:\bPIN)|\bbadge|\bmember(?: ID| number| no\.?)|"
    r"\bpolicy(?: number| no\.?)|\bn° (?:d['’])?adh[ée]rent|\badh[ée]rent|\bCIN|\bCNIE|\bmatricule|"
    r"\bNHI|\bABHA)(?![\w])"
    r"\s*(?:#|n°|no\.?)?\s*[:#|]?\s*",
    re.IGNORECASE,
)
# Each further group must end the word: "PPSN 8765432EA - Siobhán" stops before the name.
STRONG_ID_VALUE = re.compile(
    r"[A-Z0-9](?:[A-Z0-9.]*[A-Z0-9])?(?:(?:[ \u00a0]|[ \u00a0]?-[ \u00a0]?)[A-Z0-9]+(?![^\W_]))" r"{0,5}"
)
# Equipment serial numbers and procedure (fee-schedule) codes are not patient identifiers.
NOT_AN_ID_BEFORE = re.compile(
    r"(?:\bS/?N|\bserial(?: number| no\.?)?|\bn° de série|\bnuméro de série|\bsérie|\bTARMED|"
    r"\bprestation(?: INAMI)?|\bnomenclature|\bcode (?:nomenclature|RAMQ|INAMI|TARMED)|"
    r"\bposition(?: TARMED)?|\bCPT|\bCCAM|\bMBS"
    r"(?: item)?|\bitem|\bcode acte|\bLOINC|\bSNOMED(?: CT)?|\bSCTID|\bCIM-?10|\bICD-?1[01](?:-CM)?|\bRadLex|"
    r"\bNABM|\bLPP|\bGHM|\bATC|\bUCD|\bCIP|\blot|\bbatch|\blot (?:number|no\.?)|\bbuild|\bversion|\bfirmware|"
    r"\bsoftware(?: version)?|\blogiciel|\bv(?=\d))"
    r"\s*(?:code|n°|no\.?|#)?\s*[:#]?\s*\(?\s*$",
    re.IGNORECASE,
)
# Digit groups separated by single spaces after an ID context ("55 989 570", "0012 345 678").
ID_SPACED = re.compile(r"\d{2,4}(?:[ \u00a0]\d{2,4}){1,4}(?![\w/-])")
# Any alphanumeric token with six digits or more is a record number unless it is a date or a phone.
LONG_NUMBER = re.compile(
    r"(?<![\w/.-])(?:[A-Z]{1,4}(?:/[A-Z]{1,4})?[-_/]?)?\d(?:[\d/\-_.]*\d)?(?![\w/-])", re.IGNORECASE
)
# A compact date 20210403 / 19531107 (valid month and day); a date before a long-number ID.
# With an optional time (HL7/DICOM DTM: "202503110214", "20250311021455.123+0100"), still a date.
COMPACT_DATE = re.compile(
    r"(?<![\w/.-])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"(?:(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d(?:\.\d{1,6})?)?(?:[+-]\d{4})?)?(?![\w/-])"
)

# ------------------------------------------------------------------------------------------------------- dates

MONTHS_FR = (
    r"janv(?:ier|\.)?|f[ée]vr(?:ier|\.)?|f[ée]v\.?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|ao[uû]t?|"
    r"sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?"
)
MONTHS_EN = (
    r"jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|"
    r"sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?"
)
_MONTH = rf"(?:{MONTHS_FR}|{MONTHS_EN})"
_DAY = r"(?:1er|[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
_WEEKDAY = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun\.|mar\.|mer\.|jeu\.|ven\.|sam\.|dim\.|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?"
)
DATE_PATTERNS = (
    # 12/03/2021, 12.03.21, 12-03-2021, 3/12/21 (day-month or month-day: both validated loosely)
    re.compile(
        r"(?<![\w/.\-])(?:[0-3] \d|0?[1-9]|[12]\d|3[01])([/.\-])(?:0?[1-9]|[12]\d|3[01])\1(?:(?:19|20)\d{2}|\d{2})"
        r"(?![\w/\-]|\.\d)"
    ),
    # 2021-03-12, 2021/03/12; the calendar part of an ISO date-time ("2024-06-18T16:42:07+02:00", "...T09:15Z")
    re.compile(
        r"(?<![\w/.\-])(?:19|20)\d{2}([/.\-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])"
        r"(?:(?=T(?:[01]\d|2[0-3]):[0-5]\d)|(?![\w/\-]|\.\d))"
    ),
    # 12 mars 2021, 1er avril 1950, 7 April 2019, 12 Mar. 2021, 3 février (year optional); a weekday written before
    # it belongs to the date ("lundi 3 mars", "Mon 3 Mar", "Tuesday, 4 June 2024")
    re.compile(rf"(?<!\w)(?:{_WEEKDAY},?\s+)?{_DAY}\s+(?:{_MONTH})(?:\s+{_YEAR})?(?!\w)", re.IGNORECASE),
    # 07-JUL-2022, 18-AVR-1984, 06-May-1956, 12/Oct/2015
    re.compile(rf"(?<![\w/.\-]){_DAY}([\-/.])(?:{_MONTH})\1(?:{_YEAR}|\d{{2}})(?![\w/\-])", re.IGNORECASE),
    # 09 03 2024 (day month year with spaces)
    re.compile(r"(?<![\w/.\-])(?:0?[1-9]|[12]\d|3[01]) (?:0?[1-9]|1[0-2]) (?:19|20)\d{2}(?![\w/\-]| \d)"),
    # June 3, Jan. 5, Sept 12th (a capitalised month and a day, no year), "Monday, June 3"
    re.compile(
        r"(?<!\w)(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\.?,?\s+)?"
        r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
        r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
        r"(?![\w:/]|[.,]\d|\s*(?:mm|cm|%|h\b))"
    ),
    # March 12, 2021 ; Sep. 26, 2017 ; mars 12 2021
    re.compile(rf"(?<!\w)(?:{MONTHS_EN})\.?\s+{_DAY},?\s+{_YEAR}(?!\w)", re.IGNORECASE),
    # mars 2021, Nov 2019, novembre 2019
    re.compile(rf"(?<!\w)(?:{_MONTH})\.?\s+{_YEAR}(?!\w)", re.IGNORECASE),
    # 03/2021 (month/year)
    re.compile(r"(?<![\w/.\-])(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![\w/\-])"),
)
# "le 3", "du 3 au 7 janvier", "the 3rd": a bare day number that a date context makes a date.
BARE_DAY = re.compile(
    r"(?:\b(?:le|du|au|depuis le|since the|on the|the)\s+)(1er|[12]\d|3[01]|0?[1-9])(st|nd|rd|th)?"
    r"(?=\s*(?:[.,;)]|$|\bau\b|\bet\b|\bto\b|\band\b|\n))",
    re.IGNORECASE | re.MULTILINE,
)
# A day/month without a year in a date context: "relu le 06/09 à 14h02", "seen on 3/2,", "du 12/03 au 15/03".
DAY_MONTH = re.compile(
    r"(?:\b(?:le|du|au|on|dated?|since|from|depuis le|seen in [\w ]{1,20}?)[ \t]+)"
    r"((?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2]))(?![\d/]|\.\d)"
    r"(?![ \t]*(?:moyen|inf|sup|ant|post|distal|proximal|externe|interne|lat|méd|med|de\b|des\b|du\b|d['’]|of\b|"
    r"mm|cm|%|th|rd))",
    re.IGNORECASE,
)
_WEEKDAY_START = re.compile(_WEEKDAY + r"(?!\w)", re.IGNORECASE)
_VERSION_BEFORE = re.compile(r"(?i)\b(?:build|version|firmware|software|logiciel|release|v)\.?[ \t]*$")
_NOT_A_MONTH_WORD = re.compile(r"^(?:mar|may|june?|july?)$", re.IGNORECASE)  # English words that are also months

# -------------------------------------------------------------------------------------------------------- ages

AGE_UNIT = re.compile(
    r"(?<![\w.])(\d{1,3})\s?(?:ans\b|an\b|years?[\s-]old\b|-years?-old\b|-year\b|yrs?[\s-]old\b|yo\b|y/o\b|"
    r"y\.o\.|years?\b)",
    re.IGNORECASE,
)
# Banner spellings: "57-yr-old", "065Y", "11Y" (upper-case Y glued to the number), "8 ans 3 mois".
AGE_SHORT = re.compile(r"(?<![\w.])(\d{1,3})(?:[\s-]?yrs?[\s-]old\b|[\s-]?yrs?\b|Y(?![\w'’])|\s?ans\s\d{1,2}\s?mois\b)")
# Foreign and abbreviated units ending an age field: German "67 Jahre" / "67 J.", French "63 a.", English "46 y" (before
# ",", ")", "-", "/", ";" or the line end); DICOM AS age strings "067Y", "011M", "003W", "010D" (three digits, a
# leading zero).
AGE_FIELD_UNIT = re.compile(
    r"(?<![\w.])(\d{1,3})[ \t]?(?:Jahre\b|(?:J|a)\.(?=[ \t]*(?:[)\],;/|–—-]|$))|y(?=[ \t]*(?:[)\],;/|–—-]|$)))"
    r"|(?<![\w.])(0\d{2})[DWMY](?![\w'’])",
    re.MULTILINE,
)
# French "54 a" / "22a" only where the abbreviation ends a field: before ")", ",", "/", "|", ";" or the line end.
AGE_FR_A = re.compile(r"(?<![\w.])(\d{1,3})\s?a(?=[ \t]*(?:[)\],;/|\"\r]|\.(?:[ \t]|$)|$))", re.MULTILINE)
# "67A" (an = year, upper case) in an age slot: after "(", a field separator or a line start, and ending the field
# ("Kevin (7A)", "Lucy Samson, 4A, dossier", a CSV cell); "AO 31A" or "type 4A" has a word before it.
AGE_UPPER_A = re.compile(r"(?:^|(?<=[(,;|/\t\"])|(?<=[(,;|/:] ))(\d{1,3})A(?=[ \t]*(?:[)\],;/|\"\r]|$))", re.MULTILINE)
# Neonatal ages, a number with its unit: "36 heures de vie", "3 jours de vie", "36 hours old" (a gestational term,
# "38 SA", "38+2 weeks", is no age; nor is the ordinal "day 3 of life" / "J5 de vie", a relative date in blind7's gold).
AGE_NEONATAL = re.compile(
    r"(?<![\w.+])\d{1,3}[ \t]?(?:h|heures?|hours?|jours?|days?)[ \t]+(?:de vie|of life|old)(?![\w])"
)
# Banner age + sex: "(67F)", "(50 M)"; hyphenated infant ages: "13-month-old", "6-week-old".
AGE_SEX = re.compile(r"\((\d{1,3})[ ]?[MFmf]\)|(?<![\w.,])(\d{1,2})-(?:months?|weeks?|days?|mois)-old\b")
# Months ("14 mo", "14 months", "14 mois", "14M") only in an age slot: after "(", ",", "|", "/", "âge", "de" or
# at a line start, or before "old".
AGE_MONTHS = re.compile(
    r"(?:(?<=[(,|/:—–])|(?<=[(,|/:—–]\s)|(?<=\bde\s)|(?<=\bof\s)|(?<=\bPt\s)|^)\s*(\d{1,2})\s?"
    r"(?:mo|mos|months?|mois|M)(?:[\s-]old)?(?![\w'’])",
    re.MULTILINE,
)
AGE_CONTEXT = re.compile(
    r"(?:(?:\b|(?<=_))[âa]ge\s*[:=]?|\baged)\s*(\d{1,3})\b(?!\s*(?:mm|cm|%|kg|ans|years))", re.IGNORECASE
)
# "depuis 3 ans", "il y a 2 ans", "for 3 years": durations, not ages.
DURATION_BEFORE = re.compile(
    r"(?:depuis|il y a|pendant|durant|dans|après|apres|tous les|toutes les|en|for|over|past|last|since|within|"
    r"after|in|every|per|ago|plus de|moins de|environ|contr[ôo]le à|revoir à|revu à|suivi à|control at)\s*$",
    re.IGNORECASE,
)
_NUMBERED_BEFORE = re.compile(r"(?:flat|studio|apt|unit|suite|bât|bâtiment|n°|no|room|salle|box)\.?\s*$", re.IGNORECASE)
_AGE_AFTER_DURATION = re.compile(r"^\s*(?:ago|auparavant|plus tôt|plus tard|later|earlier)", re.IGNORECASE)


def find_emails(text: str) -> Iterator[Candidate]:
    for m in EMAIL.finditer(text):
        yield Candidate(m.start(), m.end(), "EMAIL", 90)


def find_urls(text: str) -> Iterator[Candidate]:
    for m in URL.finditer(text):
        yield Candidate(m.start(), m.end(), "URL", 85)


def find_phones(text: str) -> Iterator[Candidate]:
    for pattern in (PHONE_FR, PHONE_EN):
        for m in pattern.finditer(text):
            yield Candidate(m.start(), m.end(), "PHONE", 70)
    for m in PHONE_UK.finditer(text):
        value = m.group(0)
        national = sum(ch.isdigit() for ch in value) - (2 if value.startswith("+44") else 0)
        national -= 1 if value.startswith("0") or "(0)" in value else 0
        if national in (9, 10):
            yield Candidate(m.start(), m.end(), "PHONE", 68)
    for m in PHONE_INTL.finditer(text):
        value = m.group(0)
        digits = sum(ch.isdigit() for ch in value)
        code = re.match(r"(?:\+|00)(\d+?)(?=[ \u00a0.(]|\d{8})", value)
        national = digits - (len(code.group(1)) if code else 2) - (1 if "(0)" in value else 0)
        if 8 <= national <= 11:
            yield Candidate(m.start(), m.end(), "PHONE", 68)
    for m in PHONE_NATIONAL.finditer(text):
        if sum(ch.isdigit() for ch in m.group(0)) in (9, 10):
            yield Candidate(m.start(), m.end(), "PHONE", 66)


# Procedure and terminology codes name an act or a concept, never a person: CCAM "ZBQK002" (4 letters, 3 digits,
# optional "-001" phase/extension), LOINC "36643-5". They stay unless a patient-record word names them ("IPP",
# "MRN", "dossier", "accession").
PROCEDURE_CODE = re.compile(r"[A-Z]{4}\d{3}(?:[-+]\d{1,3})?|\d{3,5}-\d")
_RECORD_CONTEXT = re.compile(
    r"(?i)(?:\bIPP|\bNIP|\bMRN|\bdossier|\baccession|\bacc\.?|\bpatient|\bs[ée]jour|\bvenue|\brecord|"
    r"\bhospital|\bchart|\bmatricule|\bencounter|\baccount|\bvisit)\W{0,12}$"
)


# A maker and model words, then "#", "n°" or "no": the number is the device's.
_DEVICE_BEFORE = re.compile(
    r"(?i)\b(?:siemens|philips|ge|canon|fujifilm|fuji|agfa|carestream|shimadzu|konica(?: minolta)?|samsung|hologic|"
    r"toshiba|kodak|varian|elekta|mindray|esaote|hitachi)(?:[ \t]+[\w-]+){0,4}[ \t]*(?:#|n°|no\.?|nr\.?)[ \t]*$"
)


def find_ids(text: str) -> Iterator[Candidate]:
    """NIR with a valid key, US SSN, numbers after an ID context word, Luhn-valid and other long numbers; never
    equipment serials, fee/procedure/terminology codes or batch numbers."""
    for cand in _find_ids(text):
        if NOT_AN_ID_BEFORE.search(text, max(0, cand.start - 30), cand.start):
            continue
        if _DEVICE_BEFORE.search(text, max(0, cand.start - 60), cand.start):
            continue  # "Siemens Ysio Max #108452": an equipment serial
        if PROCEDURE_CODE.fullmatch(text[cand.start : cand.end]) and not _RECORD_CONTEXT.search(
            text, max(0, cand.start - 30), cand.start
        ):
            continue
        yield cand


def _find_ids(text: str) -> Iterator[Candidate]:
    for m in NIR.finditer(text):
        if nir_valid(m.group(0)):
            yield Candidate(m.start(), m.end(), "ID", 95)
    for m in SSN.finditer(text):
        yield Candidate(m.start(), m.end(), "ID", 80)
    for m in STRONG_ID_CONTEXT.finditer(text):
        value = STRONG_ID_VALUE.match(text, m.end())
        if value is None:
            continue
        digits = sum(ch.isdigit() for ch in value.group(0))
        code = "code" in m.group(0).lower()  # access codes may be letters only ("UPEALB")
        if digits >= 4 or (len(value.group(0)) >= 5 and (digits or (code and " " not in value.group(0)))):
            yield Candidate(value.start(), value.end(), "ID", 78)
    for m in ID_CONTEXT.finditer(text):
        spaced = ID_SPACED.match(text, m.end())
        if spaced and sum(ch.isdigit() for ch in spaced.group(0)) >= 6:
            yield Candidate(spaced.start(), spaced.end(), "ID", 76)  # "MRN: 55 989 570", "N° de venue : 22 004 512"
            continue
        token = ID_TOKEN.match(text, m.end())
        if token and sum(ch.isdigit() for ch in token.group(0)) >= 3:
            end = token.end()
            while end > token.start() and text[end - 1] in ".-_/":
                end -= 1
            yield Candidate(token.start(), end, "ID", 75)  # a number after "IPP :" is an ID even if phone-shaped
    for m in LONG_NUMBER.finditer(text):
        digits = sum(ch.isdigit() for ch in m.group(0))
        if digits >= 6 or (digits >= 8 and luhn_valid(m.group(0))):
            yield Candidate(m.start(), m.end(), "ID", 40)


def find_dates(text: str) -> Iterator[Candidate]:
    """Absolute dates in French and English spellings, month-year, and context-made bare days ("le 3")."""
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(text):
            value = m.group(0)
            if _NOT_A_MONTH_WORD.match(value.split()[0]) and value.split()[0].islower() and not value[-1].isdigit():
                continue  # "may", "march" used as words
            if _VERSION_BEFORE.search(text, max(0, m.start() - 25), m.start()):
                continue  # "software build 6.1.2001": a version number, not a date
            # A weekday makes the date longer than its spoken reading ("jeudi 14 novembre" over "14 novembre").
            weekday = value[0].isalpha() and _WEEKDAY_START.match(value) is not None
            yield Candidate(m.start(), m.end(), "DATE", 62 if weekday else 60)
    for m in COMPACT_DATE.finditer(text):
        yield Candidate(m.start(), m.end(), "DATE", 60)  # above a long-number ID (40), below an ID context (75)
    for m in DAY_MONTH.finditer(text):
        yield Candidate(m.start(1), m.end(1), "DATE", 58)
    for m in BARE_DAY.finditer(text):
        yield Candidate(m.start(1), m.end(2) if m.group(2) else m.end(1), "DATE", 30)


_POSTCODE_BEFORE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?[ \t]$")
# "1,5 an", "2,5 years": a decimal comma (one or two digits before it), not a field separator as in "1985,37 ans".
_DECIMAL_BEFORE = re.compile(r"(?<!\d)\d{1,2},$")


def find_ages(text: str) -> Iterator[Candidate]:
    """Ages with a unit ("45 ans", "45 yo", "72-year-old") unless a duration word precedes; "Âge : 45"."""
    for m in AGE_UNIT.finditer(text):
        if _DECIMAL_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue
        before = text[max(0, m.start() - 20) : m.start()]
        if DURATION_BEFORE.search(before) or _AGE_AFTER_DURATION.match(text[m.end() :]):
            continue
        if int(m.group(1)) > 125:
            continue
        if m.group(0)[-1].isupper() and _POSTCODE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue  # "L39 3AN": the inward half of a UK postcode
        yield Candidate(m.start(), m.end(), "AGE", 55)
    for m in AGE_NEONATAL.finditer(text):
        yield Candidate(m.start(), m.end(), "AGE", 56)
    for m in AGE_CONTEXT.finditer(text):
        yield Candidate(m.start(1), m.end(1), "AGE", 55)
    for m in AGE_SEX.finditer(text):
        if m.group(1):
            yield Candidate(m.start(1), m.end(1), "AGE", 55)
        else:
            yield Candidate(m.start(2), m.end(), "AGE", 55)
    for m in AGE_FIELD_UNIT.finditer(text):
        group = 1 if m.group(1) else 2
        before = text[max(0, m.start() - 20) : m.start()]
        if int(m.group(group)) > 125 or DURATION_BEFORE.search(before) or _NUMBERED_BEFORE.search(before):
            continue
        yield Candidate(m.start(group), m.end(), "AGE", 55)
    for pattern in (AGE_SHORT, AGE_FR_A, AGE_UPPER_A, AGE_MONTHS):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 20) : m.start()]
            if int(m.group(1)) > 125 or DURATION_BEFORE.search(before) or _NUMBERED_BEFORE.search(before):
                continue
            if _DECIMAL_BEFORE.search(text, max(0, m.start() - 4), m.start()):
                continue
            yield Candidate(m.start(1), m.end(), "AGE", 55)


def find_patterns(text: str) -> list[Candidate]:
    """Every shape-based candidate in `text`."""
    out: list[Candidate] = []
    for finder in (find_emails, find_urls, find_phones, find_ids, find_dates, find_ages):
        out.extend(finder(text))
    return out
