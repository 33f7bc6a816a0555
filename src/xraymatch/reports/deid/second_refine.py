"""A second last pass (round 13, blind12's misses as classes): shapes no earlier layer knows, and traps it took.

Added (replacing any overlapping span of another label, as refine.py does):
- organisations named after a person or a place, by a head noun before ("Centre Léon Bérard", "Unité Esquirol",
  "Biobanque du Centre X", "CRB X", "cabinet dentaire du Dr X", "centre dentaire X Santé", "la MAM de X", "crèche
  Les Petits Loups de X") or after the name ("Fleming Building", "Lister Wing", "Manchester Tissue Bank", "X Sure
  Start Centre", "Cardiff Sports Physio") as one INSTITUTION: the person's name is part of the organisation's;
- GPS coordinates, decimal pairs ("45.75972, 4.85611") or degrees-minutes-seconds ('50°34'09.8"N 0°41'31.8"W'), as
  one LOCATION: they point to a home;
- e-mail addresses written to defeat harvesters ("olive dot page at nhs dot net", "x.y [at] orange [dot] fr",
  "x(at)y(dot)com", "x arobase y point fr") as one EMAIL.
- in unedited dictation, a lowercased name after a spoken title and the age after it ("seen mr hope marsh 24") as
  PATIENT and AGE.
Removed (never identifiers):
- codes of shared coding systems after their system's name ("RadLex RID39058", "LOINC 24627-2", "CCAM ...");
- age bands ("tranche d'âge 60-69 ans", "age band 90 or over", "aged 90 or over") and seasons or quarters with a
  year ("printemps 2019", "summer 2019", "Q3 2023", "T1 2024"): aggregates that HIPAA keeps; a season word is then
  no name either ("first seen in winter 2019");
- equipment and device brands ("appareil Planmeca ProMax 3D", "unit Vatech PaX-i3D", "valve Edwards Sapien 3",
  "implant dentaire Straumann"), a study's acronym ("the ARTHROBANK study", "protocole OSTEOVERT"), a registration
  adjective ("GDC-registered"), a telephony word before its number ("DECT 4159"), an interpreter's language in
  parentheses ("interpreter (Tigrinya)") and a classification's author after a stage ("stade 1 selon Eichenholtz").
"""

from __future__ import annotations

import re

from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-Ý][\w'’-]*"
_NAME_WORDS = rf"{_CAP}(?:[ \t]+(?:de[ \t]+|du[ \t]+|la[ \t]+|le[ \t]+)?{_CAP}){{0,3}}"
# Generic words after a head noun: "Centre Hospitalier ..." is found by earlier layers; these never make a name.
_GENERIC_AFTER = frozenset(
    ["hospitalier", "hospitalière", "médical", "medical", "de", "du", "des", "la", "le", "les", "pour", "for", "of",
     "the", "and", "et", "national", "nationale", "régional", "regional", "fonctionnelle", "imaging", "radiologie",
     "suite", "street", "road", "drive", "avenue", "apt", "plaza", "court", "way", "lane", "boulevard", "blvd",
     "parkway", "square", "st", "rd", "ave", "floor", "building"]
)  # fmt: skip
_INSTITUTION_BEFORE = re.compile(
    rf"(?<![\w-])(?:(?:Biobanque|Biobank)(?:[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’]))?[ \t]+)?"
    rf"(?:Centre|Center|Unité|Pavillon|Institut|Fondation|CRB)[ \t]+(?P<name>{_NAME_WORDS})"
    rf"|(?<![\w-])(?:cabinet|centre|clinique)[ \t]+dentaire[ \t]+(?:(?:du|de)[ \t]+(?:Dr\.?|docteur)[ \t]+|de[ \t]+)?"
    rf"(?P<dental>{_NAME_WORDS})"
    rf"|(?<![\w-])(?:la[ \t]+)?(?:MAM|micro-crèche|crèche|halte-garderie|garderie|nursery)[ \t]+"
    rf"(?:(?:de|d['’])[ \t]*)?(?P<creche>{_CAP}(?:[ \t]+{_CAP}){{0,3}}(?:[ \t]+(?:de|d['’])[ \t]*{_CAP})?)"
)
_INSTITUTION_AFTER = re.compile(
    rf"(?<![\w-])(?:{_CAP}[ \t]+){{0,3}}{_CAP}[ \t]+(?:Building|Wing|Tissue[ \t]+Bank|Biobank|Sure[ \t]+Start"
    rf"[ \t]+Centre|Children['’]s[ \t]+Centre|Sports[ \t]+Physio|Physio|Physiotherapy|Podiatry|Dental[ \t]+Practice|"
    rf"Smile[ \t]+Clinic|Nursery|Pre-?school|Playgroup|Day[ \t]+Nursery)\b"
)
# A biobank or tumour bank named by its hospital ("Biobanque Hôpital X", "Biobank Alder Hey Children's Hospital").
_BANK_PREFIX = re.compile(
    r"(?<![\w-])(?:Biobanque|Biobank|Tumorothèque|Tumour[ \t]+Bank|Tissue[ \t]+Bank)"
    r"(?:[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’]|de|of(?:[ \t]+the)?))?[ \t]+(?=[A-ZÀ-Ý])"
)
_NOT_INSTITUTION_WORDS = frozenset(["the", "a", "an", "at", "in", "on", "le", "la", "les", "de", "du", "scanned"])

_GPS_DECIMAL = re.compile(
    r"(?<![\w.])(?P<lat>-?\d{1,2}\.\d{4,8})°?[ \t]*(?:[NS][ \t]*)?[,;/][ \t]*"
    r"(?P<lon>-?\d{1,3}\.\d{4,8})°?(?:[ \t]*[EWO])?(?![\w.])"
)
_GPS_CUE = re.compile(
    r"(?i)\b(?:GPS|coordonnées|coordinates|coords?|lat(?:itude)?(?:[ \t]*/[ \t]*long?(?:itude)?)?|position|"
    r"localisation|location|found[ \t]+at|picked[ \t]+up[ \t]+at|retrouvée?[ \t]+(?:à|au)|geo)\b[^\n]{0,12}$"
)
_UNIT_AFTER = re.compile(r"[ \t]*(?:g|mg|ml|mL|mm|cm|m|kg|HU|UH|%|/|µ)(?![\w])")
_GPS_DMS = re.compile(
    r"\d{1,2}°[ \t]?\d{1,2}['’′][ \t]?\d{1,2}(?:[.,]\d+)?(?:\"|”|″|'')[ \t]?[NS][,;]?[ \t]*"
    r"\d{1,3}°[ \t]?\d{1,2}['’′][ \t]?\d{1,2}(?:[.,]\d+)?(?:\"|”|″|'')[ \t]?[EWO]"
)

_TLD = r"(?:com|net|org|fr|uk|nhs|de|be|ch|eu|io|gov|edu|info|es|it|nl|pt|ca|us|co)"
_DOT = r"(?:[ \t]*(?:\[dot\]|\(dot\)|\{dot\}|\[point\]|\(point\))[ \t]*|[ \t]+(?:dot|point)[ \t]+|\.)"
_AT = r"(?:[ \t]*(?:\[at\]|\(at\)|\{at\}|\[arobase\]|\(arobase\)|\[@\]|\(@\))[ \t]*|[ \t]+(?:at|arobase)[ \t]+)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.@-])(?i:[a-z0-9][\w+-]*(?:{_DOT}[a-z0-9][\w+-]*)*{_AT}[a-z0-9][\w-]*(?:{_DOT}[a-z0-9][\w-]*)*"
    rf"{_DOT}{_TLD})(?![\w-])"
)

_CODE_SYSTEM_BEFORE = re.compile(
    r"(?:\b(?:RadLex|LOINC|CPT(?:-4)?|ICD-?(?:9|10|11)(?:-CM)?|CIM-?10|CCAM|NGAP|SNOMED(?:[ \t]+CT)?|ATC|OPCS(?:-4)?)"
    r")[ \t]*(?:code[ \t]*)?[:=]?[ \t]*$"
)
_AGE_BAND = re.compile(
    r"(?i)\b(?:tranche(?:[ \t]+d['’][ \t]*âge)?|classe[ \t]+d['’][ \t]*âge|age[ \t]+(?:band|group|bracket)|"
    r"aged|âgée?s?[ \t]+de)[ \t]*:?[ \t]*"
    r"(?:\d{1,3}[ \t]*(?:-|–|à|to)[ \t]*\d{1,3}(?:[ \t]*(?:ans|years|yrs))?"
    r"|\d{1,3}(?:[ \t]*(?:ans|years|yrs))?[ \t]+(?:et[ \t]+plus|ou[ \t]+plus|or[ \t]+(?:over|older|more)|"
    r"and[ \t]+(?:over|older)|\+))"
    r"|\b(?:[1-9]0)[ \t]*(?:-|–)[ \t]*(?:[1-9]9)[ \t]*(?:ans|years)\b"
)
_PERIOD = re.compile(
    r"(?i)\b(?:(?:au[ \t]+|en[ \t]+|à[ \t]+l['’]|l['’])?(?:printemps|été|automne|hiver|spring|summer|autumn|fall|"
    r"winter)|[QT][1-4]|[1-4](?:er|e|ème|st|nd|rd|th)[ \t]+(?:trimestre|quarter))(?:[ \t]+(?:de[ \t]+|of[ \t]+)?"
    r"(?:19|20)\d\d)\b"
)
_SEASON_WORD = re.compile(r"(?i)^(?:printemps|été|automne|hiver|spring|summer|autumn|fall|winter)$")
_DEVICE_BEFORE = re.compile(
    r"(?i)\b(?:appareil|unit|machine|scanner|système|system|équipement|equipment|acquired[ \t]+on|réalisée?[ \t]+sur|"
    r"performed[ \t]+on|valve|pacemaker|stimulateur|implant(?:[ \t]+dentaire)?|dental[ \t]+implant)"
    rf"[ \t]*:?[ \t]+(?:(?-i:{_CAP})[ \t]+)?$"
)
_MODEL_AFTER = re.compile(r"^[ \t]+(?:[A-Z][\w-]*[ \t]+)?(?:[A-Z]{1,4}[ \t]?)?\d[\w.-]*(?:[ \t]*D)?\b")
_STUDY = re.compile(r"(?i)^[ \t]+(?:study|trial|cohort|protocol|registry)\b|^[ \t]+(?:visit|visite)[ \t]+V?\d")
_STUDY_BEFORE = re.compile(r"(?i)\b(?:protocole|protocol|étude|study|essai|trial|cohorte|cohort)[ \t]*:?[ \t]*$")
_TELEPHONY = re.compile(r"^(?:DECT|VoIP|SIP|GSM|Bip|Bleep|Pager|Poste|Ext)$")
_LANGUAGE_PAREN_BEFORE = re.compile(r"(?i)\b(?:interprète|interprete|interpreter|traducteur|traductrice)[ \t]*\($")
_AUTHOR_AFTER_STAGE = re.compile(
    r"(?i)\b(?:stade|stage|grade|type|classe|class)[ \t]+[\dIVX]+[a-c]?[ \t]+(?:selon|de|according[ \t]+to|per)[ \t]+$"
)


def _is_trap(text: str, e: Entity) -> bool:
    """True when the span is a coding-system code, an age band, a season or quarter with a year, a device brand, a
    study acronym, a registration adjective, a telephony word, an interpreter's language or a classification's
    author (see the module docstring)."""
    word = text[e.start : e.end]
    before = text[max(0, e.start - 60) : e.start]
    after = text[e.end : e.end + 40]
    if e.label == "ID" and _CODE_SYSTEM_BEFORE.search(before):
        return True
    if e.label in ("AGE", "DATE") and any(
        m.start() <= e.start and e.end <= m.end()
        for m in _AGE_BAND.finditer(text, max(0, e.start - 40), min(len(text), e.end + 30))
    ):
        return True
    if e.label == "DATE" and any(
        m.start() <= e.start and e.end <= m.end() + 1 for m in _PERIOD.finditer(text, max(0, e.start - 20), e.end + 5)
    ):
        return True
    if e.label not in ("PERSON", "PATIENT", "LOCATION"):
        return False
    if _SEASON_WORD.match(word.strip()) and re.match(r"^[ \t]+(?:de[ \t]+|of[ \t]+)?(?:19|20)\d\d\b", after):
        return True
    brand = word[:1].isalpha() and word[:1].isupper()  # never "4 Crossways Business Park, Town"
    if brand and _DEVICE_BEFORE.search(before) and (e.label != "PATIENT" or _MODEL_AFTER.match(after)):
        return True
    if word[:1].isupper() and _MODEL_AFTER.match(after) and re.search(r"(?i)\b(?:on|sur)[ \t]+$", before):
        return re.search(r"(?i)\b(?:acquired|réalisée?|performed|panoramique|scanned)\b", before) is not None
    if word.isupper() and len(word) >= 4 and (_STUDY.match(after) or _STUDY_BEFORE.search(before)):
        return True
    if word in ("foster", "Foster") and re.match(r"(?i)^[ \t]+(?:carers?|parents?|family|mother|father)\b", after):
        return True
    if re.fullmatch(r"[A-Z]{2,6}-(?:registered|accredited|certified|agréée?)", word):
        return True
    if _TELEPHONY.match(word) and re.match(r"^[ \t]*:?[ \t]*\d", after):
        return True
    if _LANGUAGE_PAREN_BEFORE.search(before) and after.startswith(")") and " " not in word:
        return True
    return _AUTHOR_AFTER_STAGE.search(before) is not None and " " not in word.strip()


def _institutions(text: str) -> list[Entity]:
    found = []
    for m in _INSTITUTION_BEFORE.finditer(text):
        group = next(g for g in ("name", "dental", "creche") if m.group(g) is not None)
        first = m.group(group).split()[0].lower()
        if group == "name" and first in _GENERIC_AFTER:
            continue
        found.append(Entity(m.start(), m.end(), "INSTITUTION"))
    for m in _INSTITUTION_AFTER.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        while words and words[0].group().lower() in _NOT_INSTITUTION_WORDS:
            words.pop(0)
        if len(words) >= 2:
            found.append(Entity(m.start() + words[0].start(), m.end(), "INSTITUTION"))
    return found


def _coordinates(text: str) -> list[Entity]:
    """Decimal pairs in range after a location cue, or with five decimals each and no unit after them (a pair of
    measurements carries its unit); degrees-minutes-seconds pairs always."""
    found = []
    for m in _GPS_DECIMAL.finditer(text):
        if abs(float(m.group("lat"))) > 90 or abs(float(m.group("lon"))) > 180:
            continue
        cued = _GPS_CUE.search(text, max(0, m.start() - 40), m.start()) is not None
        precise = min(len(m.group("lat").split(".")[1]), len(m.group("lon").split(".")[1])) >= 5
        if cued or (precise and not _UNIT_AFTER.match(text, m.end())):
            found.append(Entity(m.start(), m.end(), "LOCATION"))
    found += [Entity(m.start(), m.end(), "LOCATION") for m in _GPS_DMS.finditer(text)]
    return found


def _emails(text: str) -> list[Entity]:
    return [
        Entity(m.start(), m.end(), "EMAIL")
        for m in _OBFUSCATED_EMAIL.finditer(text)
        if "@" not in m.group()
        and not text.startswith("/", m.end())
        and (
            re.search(r"[\[({](?i:at|arobase|@)[\])}]", m.group())
            or re.search(r"(?i)[ \t](?:dot|point)[ \t]", m.group())  # spelled " at " needs a spelled " dot "
        )
    ]


# Unedited speech recognition lowercases a patient's name after the spoken title, the age following ("seen mr hope
# marsh 24 referred by ...", "vu madame jeanne roux 81 ans"): the name is PATIENT and the number AGE.
_DICTATED = re.compile(
    r"(?<![\w-])(?:mr|mrs|ms|miss|mister|madame|monsieur|mme|mademoiselle)\.?[ \t]+"
    r"(?P<name>[a-zà-ÿ][a-zà-ÿ'’-]+(?:[ \t]+[a-zà-ÿ][a-zà-ÿ'’-]+){0,2}?)[ \t]+"
    r"(?P<age>(?P<years>\d{1,3})(?:[ \t]*(?:ans|years?(?:[ \t]+old)?|yo|y/o))?)(?![\w./:-])"
)
_NOT_DICTATED_NAME = frozenset(
    ["le", "la", "the", "a", "an", "de", "du", "et", "and", "a", "is", "was", "est", "has", "a", "aged", "âgé", "âgée",
     "age", "bed", "lit", "room", "chambre", "with", "avec", "for", "pour", "of", "on", "in", "at", "to", "x",
     # "MR" the modality: "the mr scan 3", "mr knee 2 sequences"
     "scan", "scans", "imaging", "exam", "examination", "angiography", "arthrogram", "arthrography", "sequence",
     "sequences", "spine", "brain", "knee", "head", "shoulder", "hip", "pelvis", "abdomen", "cardiac", "study",
     "series", "slice", "slices", "contrast", "guided", "compatible", "conditional", "safe", "unsafe", "images",
     "irm", "examen", "séquence", "séquences", "coupe", "coupes", "genou", "épaule", "rachis", "hanche"]
)  # fmt: skip
# An article or preposition before the title makes "mr" the modality ("the mr", "an mr", "on mr", "une irm").
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:the|a|an|this|that|on|of|un|une|l['’]|d['’]|ce|cet|cette|sur|de|par)[ \t]*$")


def _dictated(text: str) -> list[Entity]:
    found = []
    for m in _DICTATED.finditer(text):
        words = m.group("name").split()
        if any(w in _NOT_DICTATED_NAME for w in words) or int(m.group("years")) > 120:
            continue
        if _ARTICLE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        found += [Entity(m.start("name"), m.end("name"), "PATIENT"), Entity(m.start("age"), m.end("age"), "AGE")]
    return found


def _bank_prefixes(text: str, entities: list[Entity]) -> list[Entity]:
    """A bank word before an institution span joins it: "Biobanque" + "Hôpital X" is one INSTITUTION."""
    found = []
    for m in _BANK_PREFIX.finditer(text):
        head = [e for e in entities if e.label == "INSTITUTION" and m.end() <= e.start <= m.end() + 1]
        if head:
            found.append(Entity(m.start(), max(e.end for e in head), "INSTITUTION"))
    return found


def second_refine(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` without the traps above, with the added shapes replacing what they overlap; sorted by start."""
    kept = [e for e in entities if not _is_trap(text, e)]
    added = _institutions(text) + _coordinates(text) + _emails(text) + _dictated(text)
    for new in added + _bank_prefixes(text, kept + added):
        if any(e.label == new.label and e.start <= new.start and new.end <= e.end for e in kept):
            continue  # already inside a span of its label
        trimmed: list[Entity] = []
        for e in kept:
            if e.end <= new.start or new.end <= e.start:
                trimmed.append(e)
                continue
            if e.label == new.label:
                new = Entity(min(e.start, new.start), max(e.end, new.end), new.label)
                continue
            for a, b in ((e.start, new.start), (new.end, e.end)):  # what sticks out of the new span survives
                piece = text[a:b] if a < b else ""
                lead = len(piece) - len(piece.lstrip(" \t,;:-"))
                stripped = piece.strip(" \t,;:-")
                if len(stripped) > 1:
                    trimmed.append(Entity(a + lead, a + lead + len(stripped), e.label))
        kept = trimmed
        kept.append(new)
    return sorted(kept, key=lambda e: (e.start, e.end))
