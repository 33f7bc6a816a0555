"""Spans that look like identifiers but name no one: dropped after the detectors (HIPAA keeps aggregates).

- codes of shared coding systems after their system's name ("RadLex RID39058", "LOINC 24627-2", "CCAM ...");
- age bands ("tranche d'âge 60-69 ans", "age band 90 or over", "aged 90 or over") and seasons or quarters with a
  year ("printemps 2019", "summer 2019", "Q3 2023", "T1 2024"); a season word is then no name either ("first seen in
  winter 2019");
- equipment and device brands ("appareil Planmeca ProMax 3D", "unit Vatech PaX-i3D", "valve Edwards Sapien 3",
  "implant dentaire Straumann"), a study's acronym ("the ARTHROBANK study", "protocole OSTEOVERT"), a registration
  adjective ("GDC-registered"), a telephony word before its number ("DECT 4159"), an interpreter's language in
  parentheses ("interpreter (Tigrinya)") and a classification's author after a stage ("stade 1 selon Eichenholtz").
Round 15 (blind14's false alarms as classes):
- a medical-device maker followed by its model ("Zimmer NexGen", "Abbott Assurity MRI", "Medtronic Azure XT"),
  unless a title or a role word comes before it ("Dr Abbott");
- an eponymous adjective before an anatomical noun ("Eustachian tube", "Sylvian fissure", "Haversian canal") and a
  method's author before its stage, score or atlas ("Demirjian stage H", "Tanner score", "Greulich atlas");
- a bone, skeletal or dental age ("âge osseux 17 ans", "bone age 18 years", "Greulich & Pyle 18 years"): a finding
  of the exam, not the person's age.
Round 16 (blind15's false alarms as classes):
- a dotted version number after a software or firmware word ("firmware 4.2.1-b17", "logiciel version 12.2.5"): the
  same in every hospital running that release;
- a country naming a numbering scheme ("Luxembourg national no.", "Belgian ID card"): the scheme's name, kept out
  of the number's span like "N° AVS", is no place of the person.
Round 17 (blind16's false alarms as classes):
- a sequence variant in HGVS notation ("TP53 c.742C>T", "MSH2 c.1204delA", "p.Arg175His"): the same variant in every
  carrier, found by its coordinate prefix (c./g./m./n./p./r.) and its change; a version with a letter prefix after a
  firmware word ("firmware VX-3.12.7");
- a category of a reporting system ("BI-RADS 4a", "PI-RADS 3"), never an age; a measurement series before its unit
  ("5-8-11 mm"), never a date;
- an eponymous classification before its Roman-numeral class ("Garden IV", "Schatzker II", "Neer III") and a
  place naming criteria ("modified New York criteria", "selon New York modifié");
- a form or record word standing alone as a name ("PRC resident ID" read as a resident doctor called "ID",
  "PATIENT REGISTRATION", "Proband (II-1):"): identifier-scheme and pedigree words are never a person's name;
- an animal's name after its species ("sa chienne Paloma", "his labrador Charlie"): Safe Harbor
  and the CNIL name persons, not pets.
Round 18 (blind17's false alarms as classes):
- a protocol number after its word ("protocole RC-2019-044", "protocol no. PHRC-2015-007") and a study code that
  carries its year ("Study REC-2020-117") name a study run on many people, never one of them; an imaging study's
  number ("étude 24031877", an accession number) has no letter prefix and year and stays an ID;
- a word spelled letter by letter after a product word ("produit de contraste épelé I-O-M-E-P-R-O-L", "spelled the
  sequence name T-R-U-F-I"): a drug, device or sequence, unless the same word is written as a name elsewhere.
Round 20 (blind19's false alarms as classes):
- pasted laboratory results: eGFR formulas and units ("CKD-EPI 2021", "MDRD", "Cockcroft-Gault", "mL/min/1.73m2")
  and reference ranges after "ref."/"(" or before a unit ("ref. 45-84 µmol/L", "(59-104)"), never an ID or a date;
- patients' uploads: a camera file prefix ("IMG" of "IMG_20240611_183042.jpg"), personal health platforms used by
  millions ("Doctolib", "MyChart", "Mon espace santé", "NHS App") and phone models ("Xiaomi Redmi Note 11",
  "Google Pixel 7") are no names;
- a season or school year of two years ("saison 2024-2025", "academic year 2023/2024") and a risk horizon ("FRAX
  10-year major osteoporotic fracture risk") are no record number and no age.
Round 19 (blind18's false alarms as classes):
- a religious, noble or honorific title standing alone before a name ("Rabbin", "Comtesse", "Sir"), like "Mme";
- a travel-assistance company or insurer ("Europ Assistance", "Allianz Travel", "AXA Partners"), as insurers are;
- a wearable's or home device's brand after its device word ("montre Withings ScanWatch 2", "smartwatch Fitbit");
- any code right after a firmware word ("firmware SX585-0400"); a blood pressure ("BP 128/76") read as a
  post-office box; a biparietal diameter ("BIP 54 / PC 198") read as a pager.
Round 21 (blind20's false alarms as classes):
- an implant's or orthosis's catalogue reference ("cat. no. 71-4201-115", "REF 42-5120-007", "cupule réf.
  71-3350-052, lot ..."): the same on every box of that product, unlike its serial number (an ID); a plain "réf." is
  kept unless a device word comes before it or a lot/batch after it (a letter's "N/Réf." stays an ID);
- names of trial groups and series, response criteria, triage and pain scales, emergency services, identity-number
  schemes and radiotherapy machines ("KEYNOTE-671", "UNICANCER", "RECIST", "Manchester orange", "EVA 7/10",
  "SAMU", "NIE", "fødselsnummer", "Halcyon", "TrueBeam") and an orthosis brand before its device noun ("Futura
  splint"), never a person or a place; an acronym after a trial word and its group ("Essai UNICANCER HIGHLIGHT");
- a chemotherapy visit code ("C6D15", "C3J1"), a weekly frequency or a session count ("3 par semaine", "8
  sessions"), weeks written over 52 ("6/52 post-op"), a score out of ten ("pain 7/10") and rib or level ordinals in
  a range ("5e à 7e", "right 6th-8th"): no age, date or record number;
- a country or a language in parentheses naming a document's origin ("identity document (Spain)", "original in
  Bulgarian") and the verb "demeurant" are no place.
Round 22 (blind21's false alarms as classes):
- paragraph numbers of regulations and codes ("MED.B.010", "FCL.055", "20 CFR 404.1520", "article L. 241-3"): the
  same rule for every applicant, unlike a licence or examiner number ("UK.FCL.ATPL.318820", "FRA.AME.118") whose
  first part is a country;
- insurers (they cover millions: "Groupama", "Aviva", "Allstate"), the name of a national-number scheme ("Aadhaar",
  "CPF", "isikukood") and a country in parentheses after a number ("4158 3260 9778 (India)");
- capitals inside a lower-case word ("quantiFERON"), a route of administration ("par voie injectable"), vision charts
  ("Ishihara", "Snellen"), sample-collection kits and their brands ("BEREG-KIT", "Versapak"), laws,
  nomenclatures and scales named after a person after their head noun ("loi Badinter", "nomenclature Dintilhac",
  "Ogden tables"), never a person.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.honorifics import POSTNOMINALS
from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-Ý][\w'’-]*"
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
    r"performed[ \t]+on|valve|pacemaker|stimulateur|implant(?:[ \t]+dentaire)?|dental[ \t]+implant|"
    r"montre(?:[ \t]+connectée)?|smartwatch|watch|bracelet(?:[ \t]+connecté)?|tracker|CPAP|PPC|ventilator)"
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

_MAKERS = frozenset(
    """
abbott medtronic biotronik zimmer biomet stryker synthes depuy smith nephew arthrex exactech aesculap lima corin
straumann nobel edwards sorin livanova microport terumo cordis gore cook boston bard philips siemens ge canon
toshiba fujifilm hologic planmeca vatech carestream sirona dentsply mako globus nuvasive orthofix wright tornier
""".split()  # noqa: SIM905 - a word list reads better as text
)
_MODEL_WORD = re.compile(r"[A-Z][\w-]*[a-z][A-Z][\w-]*|[A-Z][\w-]*\d[\w-]*")  # "NexGen", "Azure", "PaX-i3D"
_DEVICE_AFTER = re.compile(
    r"^[ \t]+(?:MRI|IRM|SureScan|XT|DR|SR|CRT-?[DP]?|ICD|implant|prosthesis|prothèse|stent|valve|pacemaker|"
    r"stimulateur|knee|hip|genou|hanche|system|système)\b"
)
_TITLE_BEFORE = re.compile(r"(?i)\b(?:dr|pr|prof|mr|mrs|ms|mme|m|mlle|miss|docteur|doctor|nurse)\.?[ \t]*$")
_EPONYM_ADJECTIVE = re.compile(r"[A-Z][a-z]+(?:ian|ean|ic)")
_ANATOMY_AFTER = re.compile(
    r"^[ \t]+(?:tubes?|ducts?|canals?|canaliculi|fissures?|valves?|aqueduct|glands?|cells?|system|bod(?:y|ies)|"
    r"sheath|arter(?:y|ies)|veins?|space|membranes?|triangle|area|cortex|bones?|sinus|cysts?)\b"
)
_METHOD_AFTER = re.compile(r"(?i)^[ \t]+(?:stage|stade|score|atlas|method|méthode|staging|rating)\b")
_FINDING_AGE_BEFORE = re.compile(
    r"(?i)(?:\b(?:âge|age)[ \t]+(?:osseux|dentaire|squelettique|civil[ \t]+estimé)|\b(?:bone|skeletal|dental)[ \t]+age"
    r"|\bGreulich[ \t]*(?:&|et|and)[ \t]*Pyle)[ \t]*(?:estimé|estimated|assessed)?[ \t]*(?::|=|de|of|à|at)?[ \t]*"
    r"(?:\(?[ \t]*(?:Greulich[ \t]*(?:&|et|and)[ \t]*Pyle|G[ \t]*&[ \t]*P|TW[23])[ \t]*\)?[ \t]*:?[ \t]*)?$"
)


_VERSION_WORD_BEFORE = re.compile(
    r"(?i)\b(?:firmware|software|logiciel|version|build|release|révision|revision|v)\.?[ \t]*"
    r"(?:version[ \t]*)?:?[ \t]*$"
)
_VERSION = re.compile(r"(?:[A-Z]{1,4}-)?v?\d{1,3}(?:\.\d{1,4}){1,3}(?:[-_+]?[A-Za-z]{0,3}\d{0,4})?")
_HGVS = re.compile(
    r"\b[cgmnr]\.(?:[*-]?\d+(?:[+-]\d+)?(?:_[*-]?\d+(?:[+-]\d+)?)?)(?:[ACGTUacgtu]+>[ACGTUacgtu]+|"
    r"(?:del|dup|ins|inv|delins)[ACGTUacgtu\d]*)"
    r"|\bp\.\(?[A-Z][a-z]{2}\d+(?:[A-Z][a-z]{2}|\*|fs|del|dup|=)[\w*]*\)?"
)
_RADS_BEFORE = re.compile(r"\b(?:[A-Z]{1,5}-)?RADS[ \t]*:?[ \t]*$|\bBosniak[ \t]*$")
_UNIT_AFTER = re.compile(r"(?i)^[ \t]*(?:mm|cm|ml|mmhg|mg|g|kg|µm|um|hu|ms|s)\b")
_PET_BEFORE = re.compile(
    r"(?i)\b(?:chien(?:ne)?|chat(?:te)?|chiot|chaton|cheval|jument|poney|perroquet|lapin|hamster|furet|"
    r"dog|cat|puppy|kitten|horse|pony|parrot|rabbit|ferret|terrier|labrador|spaniel|collie|retriever|"
    r"beagle|poodle|caniche|teckel|dachshund)[ \t]+$"
)
_FORM_WORD = re.compile(
    r"(?i)id|ids|nr|no|number|numéro|registration|enregistrement|inscription|proband|probant|propositus|index"
)
_ROMAN_CLASS_AFTER = re.compile(r"^[ \t]+(?:type[ \t]+|grade[ \t]+|class[ \t]+|classe[ \t]+)?[IV]{1,4}[A-F]?\b")
_CRITERIA = re.compile(r"(?i)^[ \t]+(?:criteria|critères|modifiée?s?)\b")
_SCHEME_AFTER = re.compile(
    r"(?i)^[ \t]+(?:national[ \t]+(?:no\b|number|id\b|identification|insurance|register|registry)|"
    r"id(?:entity)?[ \t]+(?:card|number|no\b)|social[ \t]+security|health[ \t]+(?:card|number|insurance))"
)


_PROTOCOL_BEFORE = re.compile(
    r"(?i)\b(?:protocole|protocol)[ \t]*(?:n[°o]\.?|no\.?|number|numéro|ref\.?|réf\.?)?[ \t]*:?[ \t]*$"
)
_YEAR_CODE = re.compile(r"[A-Z]{1,6}-(?:19|20)\d\d-\d{1,5}")
_SPELLED = re.compile(r"[A-Z](?:[ \t]?-[ \t]?[A-Z]|[ \t][A-Z]){2,}")
_PRODUCT_BEFORE = re.compile(
    r"(?i)\b(?:produit|contraste|contrast|drug|médicament|molécule|medication|medicine|séquence|sequence|"
    r"dispositif|device|product|marque|brand|agent|traceur|tracer|implant)\b[^.\n;]{0,60}$"
)


def _spelled_product(text: str, word: str, before: str) -> bool:
    """A word spelled letter by letter after a product word, and nowhere written as a name."""
    if not _SPELLED.fullmatch(word) or not _PRODUCT_BEFORE.search(before):
        return False
    rebuilt = re.sub(r"[^A-Z]", "", word)
    return re.search(rf"(?i)\b{rebuilt}\b", text) is None


def _maker_and_model(text: str, e: Entity, word: str, after: str) -> bool:
    """A device maker followed by its model ("Zimmer NexGen", "Abbott Assurity MRI")."""
    parts = word.split()
    if len(parts) < 2 or parts[0].lower() not in _MAKERS or _TITLE_BEFORE.search(text[max(0, e.start - 12) : e.start]):
        return False
    return bool(_MODEL_WORD.fullmatch(parts[1]) or _DEVICE_AFTER.match(after))


# Round 19 (blind18's false alarms as classes).
# A religious, noble or honorific title is no name ("Rabbin Jean-Baptiste", "Comtesse de X"): like "Mme", it stays.
_HONORIFIC = re.compile(
    r"Sœur|Soeur|Frère|Père|Mère|Abbé|Abbesse|Rabbin|Rabbi|Imam|Pasteur|Chanoine|Monseigneur|Mgr|Comtesse|Comte|"
    r"Marquise?|Baronne?|Duchesse|Duc|Vicomtesse|Vicomte|Sister|Brother|Father|Mother|Reverend|Rev|Sir|Dame|Lady|"
    r"Lord|Countess|Count|Baroness|Baron|Sheikh|Cheikh|Swami|Lama"
)
# Travel-assistance companies and insurers ("Europ Assistance", "Allianz Travel", "AXA Partners") serve millions.
_ASSISTANCE_AFTER = re.compile(r"^[ \t]+(?:Assistance|Travel|Partners|Assurances?|Insurance)\b")
_FIRMWARE_BEFORE = re.compile(r"(?i)\b(?:firmware|micrologiciel|fw)[ \t]*:?[ \t]*$")

# Round 20 (blind19's false alarms as classes): pasted laboratory results and patients' own uploads.
_LAB_FORMULA = re.compile(r"(?i)CKD-EPI(?:[ \t]+20\d\d)?|MDRD|Cockcroft-Gault|mL/min(?:/1[.,]73(?:[ \t]*m[²2]?)?)?")
_RANGE = re.compile(r"\d{1,5}(?:[.,]\d{1,3})?[ \t]*[-–][ \t]*\d{1,5}(?:[.,]\d{1,3})?")
_RANGE_BEFORE = re.compile(
    r"(?i)(?:\b(?:ref|réf|range|normes?|VR|valeurs?[ \t]+(?:de[ \t]+)?r[ée]f[ée]rences?|reference|N)\.?[ \t]*:?[ \t]*"
    r"|\()$"
)
_LAB_UNIT_AFTER = re.compile(
    r"(?i)^[ \t]*\)?[ \t]*(?:µmol|umol|mmol|nmol|pmol|mg|g|µg|ug|ng|pg|UI|IU|U|mUI|mIU|mL|ml|G|T)/"
)
_CAMERA_PREFIX = re.compile(r"IMG|PXL|VID|DSC")
_HEALTH_PLATFORM = re.compile(
    r"(?i)Doctolib|MyChart|Mon[ \t]+espace[ \t]+sant[ée]|NHS[ \t]+App|Ameli|Maiia|Patient[ \t]+Portal|"
    r"Patients[ \t]+Know[ \t]+Best|My[ \t]+Health[ \t]+Record|myGov"
)
_PHONE_MODEL = re.compile(r"(?:Redmi|Galaxy|Pixel|iPhone|Xiaomi|Huawei|OnePlus|Oppo|Motorola|Samsung)")
_PHONE_MODEL_AFTER = re.compile(r"^[ \t]+(?:Note[ \t]+|Pro[ \t]+)?[A-Z]?\d{1,3}\b")


def _lab_or_upload_trap(text: str, e: Entity, word: str, before: str, after: str) -> bool:
    """A laboratory formula or unit, a reference range, a camera file prefix, a personal health platform or a phone
    model (round 20): the same in every patient's results or uploads."""
    if e.label != "DATE" and _LAB_FORMULA.fullmatch(word):
        return True
    if e.label in ("ID", "DATE") and re.fullmatch(r"(?:19|20)\d\d[-/](?:19|20)\d\d", word):
        return (
            re.search(
                r"(?i)\b(?:saison|season|ann[ée]e[ \t]+(?:scolaire|universitaire)|academic[ \t]+year)[ \t]*$", before
            )
            is not None
        )
    if e.label == "AGE" and re.fullmatch(r"\d{1,2}-year", word):
        return (
            re.match(r"(?i)^[ \t]+(?:[a-z-]+[ \t]+){0,3}(?:risk|probability|survival|mortality|follow-up)\b", after)
            is not None
        )
    if e.label in ("ID", "PHONE", "DATE") and _RANGE.fullmatch(word):
        return _RANGE_BEFORE.search(before) is not None or _LAB_UNIT_AFTER.match(after) is not None
    if (
        e.label in ("PERSON", "PATIENT")
        and len(word) >= 4
        and re.fullmatch(rf"(?:{POSTNOMINALS})(?:[ \t]+(?:{POSTNOMINALS}))*", word)
    ):
        return True  # "Dr X MBBS FRANZCR": post-nominal letters alone name no one ("MD", "KC" may be initials)
    if e.label in ("PERSON", "PATIENT") and _CAMERA_PREFIX.fullmatch(word) and re.match(r"_\d", after):
        return True
    if e.label in ("PERSON", "PATIENT", "LOCATION", "INSTITUTION") and _HEALTH_PLATFORM.fullmatch(word):
        return True
    return (
        e.label in ("PERSON", "PATIENT")
        and _PHONE_MODEL.fullmatch(word) is not None
        and (
            _PHONE_MODEL_AFTER.match(after) is not None
            or re.search(r"(?:Xiaomi|Samsung|Google|Apple)[ \t]+$", before) is not None
        )
    )


# Round 21 (blind20's false alarms as classes)
_CATALOGUE_BEFORE = re.compile(
    r"(?:(?i:\bcat(?:alog(?:ue)?)?\.?[ \t]*(?:no|n°|nr|number|numéro|#)\.?)|\bREF\b|\bRef\.?)[ \t]*:?[ \t]*$"
)
_PLAIN_REF_BEFORE = re.compile(r"(?i)\bréf(?:érence)?\.?[ \t]*:?[ \t]*$")
_PRODUCT_CODE = re.compile(r"\d{2,3}(?:-\d{2,5}){1,3}|[A-Z]{0,3}\d{2,3}(?:[.-]\d{2,5}){1,3}")
_DEVICE_WORDS = re.compile(
    r"(?i)\b(?:implant|prothèse|prosthesis|plaque|plate|vis|screw|cupule|cup|tige|stem|insert|liner|tête|head|"
    r"component|composant|tray|plateau|embase|clou|nail|broche|wire|ancre|anchor|agrafe|staple|attelle|splint|"
    r"orthèse|brace|botte|boot|manchette|plâtre|cast|résine|fibreglass|backslab|gouttière)s?\b"
)
_LOT_AFTER = re.compile(r"(?i)^[ \t]*[,;)]?[ \t]*(?:lot|batch|LOT)\b")
_NEVER_NAMES = frozenset(
    """
RECIST iRECIST mRECIST irRECIST PERCIST RANO Lugano CTCAE UNICANCER KEYNOTE CheckMate IMpower STAMPEDE PRODIGE
EORTC RTOG NRG GORTEC IFCT GERCOR FFCD LYSA ECOG SWOG JCOG NSABP GETUG ARCAGY CIMU FRENCH NEWS NEWS2
EVA EVN VAS NRS GCS ATS CTAS ESI SAMU SMUR SDIS SAMU-SMUR NIE NIF CNP EGN HETU PESEL JMBG fødselsnummer
personnummer henkilötunnus Halcyon TrueBeam Tomotherapy TomoTherapy CyberKnife Radixact Clinac MRIdian Elekta
Varian Accuray Ethos Versa
""".split()  # noqa: SIM905 - a word list reads better as text
)
_TRIAL_CODE = re.compile(r"(?:KEYNOTE|CheckMate|IMpower|STAMPEDE|PRODIGE|EORTC|RTOG|NRG|GORTEC|IFCT)[ -]?\d{1,5}")
_TRIAL_GROUP_BEFORE = re.compile(
    r"(?i)\b(?:protocole|protocol|étude|study|essai|trial|cohorte|cohort)[ \t]+[A-Z][\w-]*[A-Z][\w-]*[ \t]+$"
)
_BRACE_AFTER = re.compile(r"(?i)^[ \t]+(?:splint|brace|attelle|orthèse|boot|walker|collar|collier|sling)\b")
_TRIAGE_COLOUR_AFTER = re.compile(
    r"(?i)[ \t]+(?:triage[ \t]+)?(?:red|orange|yellow|green|blue|rouge|jaune|vert|bleu|category|catégorie|P[1-5])\b"
)
_VISIT_CODE = re.compile(r"C\d{1,2}[DJ]\d{1,2}")
_FREQUENCY = re.compile(
    r"(?i)\d{1,2}[ \t]*(?:(?:fois[ \t]+)?par[ \t]+semaine|(?:times[ \t]+)?(?:a|per)[ \t]+week|"
    r"x[ \t]*/[ \t]*(?:sem|week|wk)|sessions?|séances?)"
)
_ORDINAL = r"\d{1,2}(?:e|ème|er|st|nd|rd|th)"
_ORDINAL_RANGE = re.compile(rf"{_ORDINAL}[ \t]*(?:-|–|à|to|au)[ \t]*{_ORDINAL}")
_SCORE_BEFORE = re.compile(r"(?i)\b(?:pain|douleur|EVA|EVN|VAS|NRS|score)[ \t]*:?[ \t]*$")
_ORIGIN_PAREN_BEFORE = re.compile(
    r"(?i)\b(?:document|pièce[ \t]+d'identité(?:[ \t]+étrangère)?|passport|passeport|card|carte)[ \t]*\($|"
    r"\b(?:original[ \t]+in|originale?[ \t]+en|traduit[ \t]+du|translated[ \t]+from|traduction[ \t]+"
    r"(?:assermentée[ \t]+)?du)[ \t]+$"
)


def _series_trap(text: str, e: Entity, word: str, before: str, after: str) -> bool:
    """Round 21: catalogue references, trial/scale/scheme/machine names, visit codes, frequencies, week fractions,
    pain scores, rib ordinals and a document's country or language (see the module docstring)."""
    bare = word.strip()
    if e.label == "ID" and _PRODUCT_CODE.fullmatch(bare):
        if _CATALOGUE_BEFORE.search(before):
            return True
        if _PLAIN_REF_BEFORE.search(before) and (_DEVICE_WORDS.search(before[-45:]) or _LOT_AFTER.match(after)):
            return True
    if e.label == "ID" and (_VISIT_CODE.fullmatch(bare) or _TRIAL_CODE.fullmatch(bare)):
        return True
    if e.label != "ID" and bare.startswith("Manchester") and _TRIAGE_COLOUR_AFTER.match(text, e.start + 10):
        return True  # the Manchester triage scale ("Manchester orange"), not the city
    if e.label != "ID" and (bare in _NEVER_NAMES or _TRIAL_CODE.match(bare)):
        return not (e.label in ("PERSON", "PATIENT") and _TITLE_BEFORE.search(before))
    if e.label != "ID" and " " not in bare and bare.isupper() and len(bare) >= 4 and _TRIAL_GROUP_BEFORE.search(before):
        return True
    if (
        e.label in ("PERSON", "PATIENT", "LOCATION")
        and " " not in bare
        and bare[:1].isupper()
        and _BRACE_AFTER.match(after)
    ):
        return not _TITLE_BEFORE.search(before)
    if e.label == "AGE" and _FREQUENCY.fullmatch(bare):
        return True
    if e.label == "DATE" and re.fullmatch(r"\d{1,2}[ \t]*/[ \t]*52", bare):
        return True
    if e.label == "DATE" and re.fullmatch(r"\d{1,2}[ \t]*/[ \t]*10", bare) and _SCORE_BEFORE.search(before):
        return True
    if e.label in ("AGE", "ID", "DATE") and re.fullmatch(_ORDINAL, bare):
        return any(
            m.start() <= e.start and e.end <= m.end()
            for m in _ORDINAL_RANGE.finditer(text, max(0, e.start - 14), min(len(text), e.end + 14))
        )
    if (
        e.label != "ID"
        and " " not in bare
        and after.lstrip(" \t").startswith(")")
        and _ORIGIN_PAREN_BEFORE.search(before)
    ):
        return True
    if (
        e.label != "ID"
        and " " not in bare
        and _ORIGIN_PAREN_BEFORE.search(before)
        and bare.endswith(
            ("ian", "ish", "ese", "ais", "aise", "ois", "oise", "ain", "aine", "ien", "ienne", "an", "ic", "ique")
        )
    ):
        return True
    return e.label == "LOCATION" and bare.lower() in ("demeurant", "demeurante", "domicilié", "domiciliée")


# Round 22 (blind21's false alarms as classes)
_REGULATION_PARAGRAPH = re.compile(
    r"(?!(?:FRA|UK|GB|GBR|IE|IRL|DE|DEU|BE|BEL|ES|ESP|IT|ITA|CH|CHE|NL|NLD|LU|LUX|AT|AUT|PL|POL|PT|PRT|SE|SWE|"
    r"NO|NOR|DK|DNK|FI|FIN|US|USA|CA|CAN|AU|AUS)\.)"  # a country first: an examiner's or licence number
    r"[A-Z]{2,5}(?:\.[A-Z]{1,4}){0,2}\.\d{2,3}[a-z]?(?:\.\d{1,2})?"
)
_REGULATION_BEFORE = re.compile(
    r"(?:\b\d{1,2}[ \t]+(?:CFR|C\.F\.R\.|U\.?S\.?C\.?)[ \t]*(?:§+|[Pp]art|[Ss]ec(?:tion|\.)?)?[ \t]*"
    r"|(?i:\b(?:articles?|art\.|alinéa|§+|paragraphe?|règlement|regulation)[ \t]+)(?:[LRDA]\.?[ \t]*|n°[ \t]*)?)$"
)
_INSURERS = frozenset(
    """
groupama maaf maif macif matmut gmf generali aviva allianz axa covéa covea swisslife pacifica ag2r mgen allstate
geico usaa aetna cigna metlife hiscox aig mapfre uniqa pzu bupa
""".split()  # noqa: SIM905 - a word list reads better as text
)
_SCHEMES = frozenset(
    """
aadhaar cpf rut oib amka isikukood pesel bsn cpr nino ssn tfn itin curp dni nif nie nir personnummer henkilötunnus
fødselsnummer kennitala egn jmbg emšo emso cnp hkid nric cerfa
""".split()  # noqa: SIM905 - a word list reads better as text
)
# Vision and hearing charts named after their authors, written alone on fitness certificates ("(Ishihara)").
_CHARTS = frozenset(["ishihara", "snellen", "monoyer", "parinaud", "amsler", "farnsworth", "landolt", "rosenbaum"])
_ROUTE = re.compile(
    r"(?i)voie[ \t]+(?:injectable|orale|veineuse|intraveineuse|sous-cutanée|intramusculaire|rectale|nasale|"
    r"inhalée|cutanée|générale|locale|parentérale|entérale|systémique|percutanée|endoscopique|basse|haute)"
)
_KIT = re.compile(r"[A-Z][A-Za-z]*-KIT|Versapak|Berlinger|BEREG")
_KIT_AFTER = re.compile(r"(?i)^[ \t]+(?:kits?|bottles?|flacons?|containers?)\b")
_LAW_HEAD_BEFORE = re.compile(
    r"(?i)\b(?:loi|nomenclature|barème|bareme|amendement|réforme|circulaire|décret|grille|doctrine|jurisprudence)"
    r"[ \t]+(?:de[ \t]+|d['’][ \t]*|du[ \t]+)?$"
)
_LAW_AFTER = re.compile(r"^[ \t]+(?:tables|Act|doctrine|amendment)\b")


def _claims_trap(text: str, e: Entity, word: str, before: str, after: str) -> bool:
    """Round 22: regulation paragraphs, insurers, scheme names, a country after a number, sample kits and laws named
    after people (see the module docstring)."""
    bare = word.strip()
    if e.label in ("PERSON", "PATIENT", "LOCATION") and bare.isupper() and re.search(r"[a-zà-ÿ]{3,}\Z", before):
        return True  # capitals inside a word ("quantiFERON"): part of a brand; "McDONALD" keeps its two letters
    if e.label == "LOCATION" and _ROUTE.fullmatch(bare) and not re.search(r"\d[ \t,]*$", before):
        return True  # "par voie injectable": a route of administration, not a street
    if e.label in ("ID", "PHONE", "DATE"):
        if _REGULATION_PARAGRAPH.fullmatch(bare):
            return True
        return re.fullmatch(r"\d[\d.-]{1,11}", bare) is not None and _REGULATION_BEFORE.search(before) is not None
    if " " in bare or not bare[:1].isupper():
        return False
    titled = _TITLE_BEFORE.search(before) is not None
    lower = bare.lower()
    if lower in _INSURERS or lower in _SCHEMES or lower in _CHARTS:
        return not titled
    if _KIT.fullmatch(bare) or (e.label != "PATIENT" and _KIT_AFTER.match(after)):
        return not titled
    if re.search(r"\d[ \t]*\($", before) and after.lstrip(" \t").startswith(")"):
        from xraymatch.reports.deid.cued_places import countries

        return lower in countries()
    if e.label in ("PERSON", "PATIENT") and (_LAW_HEAD_BEFORE.search(before) or _LAW_AFTER.match(after)):
        return not titled
    return False


def is_non_identifier(text: str, e: Entity) -> bool:
    """True when the span is a coding-system code, an age band, a season or quarter with a year, a device brand, a
    study acronym, a registration adjective, a telephony word, an interpreter's language or a classification's
    author, a protocol number or a spelled product name (see the module docstring)."""
    word = text[e.start : e.end]
    before = text[max(0, e.start - 60) : e.start]
    after = text[e.end : e.end + 40]
    if _lab_or_upload_trap(text, e, word, before, after) or _series_trap(text, e, word, before, after):
        return True
    if _claims_trap(text, e, word, before, after):
        return True
    if e.label == "ID" and _CODE_SYSTEM_BEFORE.search(before):
        return True
    if e.label in ("PERSON", "PATIENT") and _HONORIFIC.fullmatch(word.strip()) and re.match(r"^[ \t]+[A-ZÀ-Ý]", after):
        return True
    if e.label != "ID" and word[:1].isupper() and " " not in word.strip() and _ASSISTANCE_AFTER.match(after):
        return True
    if e.label == "ID" and _FIRMWARE_BEFORE.search(before):
        return True  # a firmware release ("firmware SX585-0400"), the same on every device
    if e.label == "LOCATION" and re.fullmatch(r"BP[ \t]*\d{2,3}", word) and re.match(r"^[ \t]*/[ \t]*\d", after):
        return True  # a blood pressure ("BP 128/76"), not a post-office box
    if e.label == "PHONE" and re.fullmatch(r"\d{1,3}", word) and re.search(r"\bBIP[ \t]*:?[ \t]*$", before):
        return True  # a biparietal diameter ("BIP 54 / PC 198"), not a pager
    if e.label == "ID" and (
        _PROTOCOL_BEFORE.search(before) or (_YEAR_CODE.fullmatch(word) and _STUDY_BEFORE.search(before))
    ):
        return True
    if e.label in ("PERSON", "PATIENT") and _spelled_product(text, word, before):
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
    if e.label == "AGE" and _FINDING_AGE_BEFORE.search(before):
        return True
    if e.label == "ID" and any(
        m.start() <= e.start and e.end <= m.end() + 2
        for m in _HGVS.finditer(text, max(0, e.start - 4), min(len(text), e.end + 12))
    ):
        return True
    if e.label == "AGE" and _RADS_BEFORE.search(before):
        return True
    if e.label == "DATE" and re.fullmatch(r"\d{1,2}(?:-\d{1,2}){2}", word) and _UNIT_AFTER.match(after):
        return True
    if e.label in ("PERSON", "PATIENT") and " " not in word.strip() and _PET_BEFORE.search(before):
        return True
    if e.label in ("PERSON", "PATIENT") and _FORM_WORD.fullmatch(word.strip()):
        return True
    if e.label in ("PERSON", "LOCATION") and " " not in word.strip() and _ROMAN_CLASS_AFTER.match(after):
        return not _TITLE_BEFORE.search(before)  # "Dr Bosniak II" is no class
    if e.label == "LOCATION" and (_CRITERIA.match(after) or re.search(r"(?i)\bmodified[ \t]+$", before)):
        return _CRITERIA.match(after) is not None or "criteria" in after[:20].lower()
    if e.label == "ID" and _VERSION.fullmatch(word) and _VERSION_WORD_BEFORE.search(before):
        return True
    if e.label == "LOCATION" and word[:1].isupper() and len(word.split()) <= 2 and _SCHEME_AFTER.match(after):
        return True
    if e.label not in ("PERSON", "PATIENT", "LOCATION"):
        return False
    if _maker_and_model(text, e, word, after):
        return True
    if " " not in word and _EPONYM_ADJECTIVE.fullmatch(word) and _ANATOMY_AFTER.match(after):
        return True
    if e.label != "PATIENT" and " " not in word and word[:1].isupper() and _METHOD_AFTER.match(after):
        return True
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
