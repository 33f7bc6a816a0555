"""Blind22 template family: the patient named under borrowed, provisional and shared identities - unidentified and
mass-casualty patients imaged under an alias ("Inconnu 4217", "X-Echo 14", "Trauma Zulu 12", "Unknown Male 0417")
with a disaster-plan bracelet number (SINUS in France, a major-incident triage tag in the UK), later identified by a
relative or the police (missing-person reports, disaster-victim-identification references) and merged into their
real record (old and new patient numbers, "formerly", "alias"); nuclear medicine paperwork (radioiodine and
lutetium discharge instructions, radiation-precaution cards for airport and border detectors with their card
numbers and validity dates, household contacts and their children named with ages, injected activities,
radiopharmaceutical batches, calibration times and isolation rooms); fertility imaging (hysterosalpingography and
sonohysterography requests, the partner named, IVF file numbers, anonymous gamete-donor codes and embryo straw
codes, cycle days, attempts, embryo culture days and AMH values); and patients from the former Yugoslavia, Czechia
and Slovakia, Iceland, Thailand and South Korea living in France or the UK, identified by their national numbers with
their keys: the JMBG / EMŠO (weights 7 6 5 4 3 2 7 6 5 4 3 2, 11 minus the sum mod 11), the Czech and Slovak rodné
číslo (the ten-digit number divisible by 11), the Icelandic kennitala (weights 3 2 7 6 5 4 3 2, 11 minus the sum mod
11), the Thai national identification number (weights 13 down to 2, 11 minus the sum mod 11, last digit) and the
Korean resident registration number (weights 2 to 9 then 2 to 5, same key).

Written by an independent auditor who never read the detector (reports/deid/), for a twenty-second blind estimate of
how it generalises. No "Patient:" label: the patient is an alias on a trauma CT, a bracelet number, a line of a merge
request, a woman whose partner is named beside her, a treated patient whose children must keep their distance.

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions:
- A provisional alias given to an unidentified patient ("Inconnu 4217", "X-Echo 14", "Trauma Zulu 12", "Unknown Male
  0417", "ANONYME-ROMEO-03") is ONE ID span, its words included: it is assigned by the hospital, unique to one person
  for as long as the record lives, and stays in the images after the merge (Safe Harbor: any other unique identifying
  number or code). Words that only say the patient is unknown ("patient inconnu", "unknown male", "un homme non
  identifié", "X") are not identifiers (traps). Once known, the real name is PATIENT, in the same document as the
  alias; both are labelled.
- The disaster-plan bracelet number (SINUS), a major-incident triage-tag number, a disaster-victim-identification
  (DVI) reference and a missing-person report number are ID; the triage category ("UA", "UR", "P1", "T2", "red") and
  the plan's name ("plan blanc", "ORSEC NOVI", "major incident declared") are traps. The place of the incident is
  LOCATION and its date DATE; the police unit or fire-and-rescue service that brought the patient is INSTITUTION
  (round-6 scope). The relative who identified the patient is PERSON. An estimated age ("âge estimé 35 ans",
  "estimated 30 years") is AGE, like any age with its unit; an estimated range ("20-30 ans") stays an age band (trap).
- A DICOM or RIS name field holding an alias ("ANONYME^ROMEO^03", "ZZTRAUMA, QUEBEC") is that alias's one ID span
  (the PN-component rule is for persons' names); after reconciliation the real "LAST^FIRST" is PATIENT as usual.
- A body number in a disaster mortuary ("PM-07", "PM 014") is ID (it points to one deceased person until identified,
  then to that person); a vehicle call sign ("Medic 1") is a trap, like the ambulance call signs of blind8.
- A record merge: the old and the new patient numbers are both ID; "fusion", "doublon", "merge" are not identifiers;
  an identity-vigilance incident-report number (FEI) is ID (it is a record about this patient).
- Nuclear medicine: the radiation-precaution card number is ID; the card's issue and validity dates are DATE (dates of
  the patient's treatment). Injected activities ("3,7 GBq d'iode 131"), radiopharmaceutical batches, calibration and
  injection times, isolation-room numbers and periods of restriction ("pendant 7 jours") are traps (a product batch,
  a time, a room, a duration). Household contacts (partner, children, grandchildren) are PERSON and their ages AGE:
  an age with its unit is AGE whoever it belongs to (the project rule, with no exception for relatives).
- Fertility: a letter to a couple names two people: the one examined is PATIENT, the other PERSON. The partner, a
  sperm or egg donor named in a known-donor file and the midwife are PERSON; the IVF file number, an anonymous donor
  code and an embryo straw ("paillette") code are ID (each points to one person or couple); the day of the cycle
  ("J12 du cycle", "cycle day 12"), the attempt ("FIV n° 2", "third cycle"), an embryo's culture day ("blastocyste
  J5", "day-5 blastocyst") and AMH / follicle counts are traps: an embryo's day is not the patient's age, and a cycle
  day is a position in a cycle, not a calendar date.
- A foreign national number (JMBG/EMŠO, rodné číslo, kennitala, Thai ID, Korean RRN) is ONE ID span, its slash or
  hyphens included; the birth date it encodes is not a DATE of its own; the scheme's name is a trap (blind20).
- Names keep their order as written: a Korean name given family-name first ("KIM Ji-woo") is one PATIENT span,
  romanisation hyphen included, like a Thai name given first ("Siriporn Rattanakorn"); an Icelandic patronymic
  ("Guðrún Jónsdóttir") is the surname; a Czech feminine "-ová" surname is the surname.
- Traps also: eponyms, classifications, countries of origin, scheme names.
`blind22_draw(lang, rng)` returns (slots, templates) like `blind18_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots, split_towns
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _d, _pick, _slug

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Afflux massif ({plan}) - victime enregistrée sous l'alias {alias}, bracelet SINUS {sinus}, catégorie "
            "{triage_cat}, relevée à {incident_place} le {incident_date} ; âge estimé {est_age}.\n",
            "Scanner corps entier, {unknown} admis(e) sous {alias} (bracelet {sinus}), amené(e) par les secours "
            "({brought_by}). Identifié(e) le {identified_date} par {relative} : il s'agit de {first} {LAST}, {age}.\n",
            "Demande de fusion de dossiers : {alias} (IPP provisoire {ipp_old}) et {first} {LAST}, né(e) le {dob} "
            "(IPP {ipp}) ; signalement de disparition n° {missing_ref}, référence IVC {dvi_ref}.\n",
            "Irathérapie du {therapy_date} ({activity}, lot {batch}, calibration {calib_time}, chambre {iso_room}) "
            "pour {first} {LAST}, {age} ; carte de radioprotection n° {card_no} valable jusqu'au {card_valid}.\n",
            "Consignes de sortie après traitement par {activity} : {first} {LAST}, {age}, éviter tout contact "
            "rapproché avec {child} ({child_age}) {restriction} ; conjoint : {partner}.\n",
            "Bilan d'infertilité du couple demandé par {gyneco} ({ivf_centre}) : {first} {LAST}, {age}, et "
            "{partner} ; dossier AMP {ivf_file}, {cycle_day}, {attempt}.\n",
            "Bilan avant transfert : {first} {LAST}, {age}, {amh} ; don de gamètes (code donneur {donor_code}), "
            "paillette {straw}, {embryo_day}.\n",
            "Patient(e) originaire de {country} : {first} {LAST}, {age}, {id_kind} {nat_id}, domicile {address}.\n",
        ],
        [
            "Numéro de dossier {ipp} - date de naissance {dob}\n",
            "IPP définitif {ipp} ; ancien IPP {ipp_old} (doublon)\n",
            "{id_kind} {nat_id} - naissance le {dob}\n",
        ],
        [
            "Examen réalisé le {exam_date} à {institution}.\n",
            "Service de médecine nucléaire - {nm_centre}, examen du {exam_date}.\n",
            "Adresse transmise (source : {brought_by}) : {address}, {town}\n",
        ],
    ],
    "pre": [
        [
            "Sans valeur d'identification : {unknown} ; {eponym} ; {classif} ; {scheme_note} ; tranche d'âge "
            "{age_band}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nCompte rendu validé par {radiologist}, {institution} - tél. {phone}\n",
            "\n{nm_doctor}, médecin nucléaire, {nm_centre} - {email}\n",
            "\nCopie : {gyneco}, {ivf_centre} ; {radiologist} ({institution})\n",
        ],
        [
            "Diffusé le {exam_date} via {url}\n",
            "Contact du service : {phone}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "{plan} - casualty logged as {alias}, triage tag {sinus}, category {triage_cat}, recovered at "
            "{incident_place} on {incident_date}; estimated age {est_age}.\n",
            "Trauma pan-scan, {unknown} registered as {alias} (tag {sinus}), brought in by {brought_by}. "
            "Identified on {identified_date} by {relative} as {first} {LAST}, {age}.\n",
            "Record merge request: {alias} (temporary MRN {ipp_old}) into {first} {LAST}, DOB {dob} (MRN {ipp}); "
            "missing-person report {missing_ref}, DVI reference {dvi_ref}.\n",
            "Radioiodine ablation on {therapy_date} ({activity}, batch {batch}, calibrated {calib_time}, side room "
            "{iso_room}) for {first} {LAST}, {age}; radiation card {card_no} valid until {card_valid}.\n",
            "Discharge precautions after {activity}: {first} {LAST}, {age}, to avoid close contact with {child} "
            "({child_age}) {restriction}; partner {partner}.\n",
            "Couple fertility work-up requested by {gyneco} ({ivf_centre}): {first} {LAST}, {age}, and {partner}; "
            "fertility file {ivf_file}, {cycle_day}, {attempt}.\n",
            "Pre-transfer work-up: {first} {LAST}, {age}, {amh}; donor-conceived cycle (donor code {donor_code}), "
            "straw {straw}, {embryo_day}.\n",
            "Patient from {country}: {first} {LAST}, {age}, {id_kind} {nat_id}, living at {address}.\n",
        ],
        [
            "Hospital number {ipp} - date of birth {dob}\n",
            "Permanent MRN {ipp}; superseded MRN {ipp_old} (duplicate)\n",
            "{id_kind} {nat_id} - born {dob}\n",
        ],
        [
            "Examination performed on {exam_date} at {institution}.\n",
            "Nuclear medicine department, {nm_centre}, study dated {exam_date}.\n",
            "Address supplied by {brought_by}: {address}, {town}\n",
        ],
    ],
    "pre": [
        [
            "Not identifying: {unknown}; {eponym}; {classif}; {scheme_note}; age band {age_band}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nVerified by {radiologist}, {institution} - tel. {phone}\n",
            "\n{nm_doctor}, nuclear medicine physician, {nm_centre} - {email}\n",
            "\nCc: {gyneco}, {ivf_centre}; {radiologist} ({institution})\n",
        ],
        [
            "Released on {exam_date} through {url}\n",
            "Department line: {phone}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# origin -> (female first names, male first names, surnames); Czech/Slovak surnames take "-ová" for women.
ORIGINS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "yu": (("Jelena", "Milica", "Ana", "Maja", "Snežana", "Amra"), ("Nikola", "Dragan", "Luka", "Emir", "Miloš"),
           ("Petrović", "Jovanović", "Kovač", "Hodžić", "Novak", "Horvat")),
    "cz": (("Tereza", "Jana", "Lucie", "Zuzana", "Kateřina"), ("Jakub", "Tomáš", "Ondřej", "Marek", "Lukáš"),
           ("Novák", "Dvořák", "Svoboda", "Procházka", "Kučera", "Horák")),
    "is": (("Guðrún", "Sigríður", "Katrín", "Helga", "Ásdís"), ("Jón", "Sigurður", "Gunnar", "Ólafur", "Einar"),
           ("Jóns", "Sigurðar", "Gunnars", "Ólafs", "Magnús")),
    "th": (("Malee", "Siriporn", "Kanya", "Ploy", "Nittaya"), ("Somsak", "Anan", "Prasert", "Wichai", "Niran"),
           ("Rattanakorn", "Srisuk", "Chaiyaporn", "Wongsawat", "Boonmee")),
    "kr": (("Ji-woo", "Seo-yeon", "Min-ji", "Hye-jin", "Eun-ji"), ("Min-jun", "Seung-ho", "Ji-hoon", "Dong-hyun"),
           ("KIM", "LEE", "PARK", "CHOI", "JUNG", "KANG")),
}  # fmt: skip
ID_KINDS = {"yu": "JMBG", "cz": "rodné číslo", "is": "kennitala", "th": "n° d'identité thaï", "kr": "RRN"}
ID_KINDS_EN = {"yu": "JMBG", "cz": "birth number", "is": "kennitala", "th": "Thai ID", "kr": "RRN"}
COUNTRIES_FR = {"yu": "Serbie", "cz": "République tchèque", "is": "Islande", "th": "Thaïlande", "kr": "Corée du Sud"}
COUNTRIES_EN = {"yu": "Bosnia", "cz": "Slovakia", "is": "Iceland", "th": "Thailand", "kr": "South Korea"}
SCHEME_NOTES_FR = ("clé EMŠO modulo 11", "rodné číslo divisible par 11", "kennitala à clé", "format CURP")
SCHEME_NOTES_EN = ("JMBG mod-11 key", "birth number divisible by 11", "kennitala check digit", "RRN format")

INSTITUTIONS_FR = ("CHU de Strasbourg - Hautepierre", "Hôpital Européen Georges-Pompidou", "CHU de Nantes",
                   "Hôpital de Hautepierre", "CH Annecy Genevois")  # fmt: skip
INSTITUTIONS_EN = ("Royal London Hospital", "Queen Elizabeth Hospital Birmingham", "Salford Royal Hospital",
                   "St Mary's Hospital, Paddington")  # fmt: skip
NM_FR = ("Institut de cancérologie de l'Ouest", "Centre Paul Strauss", "Centre Oscar Lambret", "Institut Curie")
NM_EN = ("The Christie", "Royal Marsden Hospital", "Clatterbridge Cancer Centre", "Beatson West of Scotland")
IVF_FR = ("Centre d'AMP de la Clinique Mathilde", "CECOS Cochin", "laboratoire de FIV Eylau", "AMP Jean-Verdier")
IVF_EN = ("Lister Fertility Clinic", "CARE Fertility Manchester", "Hewitt Fertility Centre", "Bourn Hall Clinic")
BROUGHT_FR = ("BSPP", "SDIS 74", "brigade de gendarmerie de Cluses", "commissariat du 13e arrondissement")
BROUGHT_EN = ("London Ambulance Service", "West Midlands Police", "Greater Manchester Fire and Rescue",
              "HEMS London")  # fmt: skip
PLACES_FR = ("échangeur de la Porte Maillot", "A41 sortie Cluses", "gare de Lyon-Part-Dieu", "place Kléber")
PLACES_EN = ("Aldgate East station", "M6 junction 11 southbound", "Victoria Coach Station", "Deansgate")
# Traps.
PLANS_FR = ("plan blanc", "ORSEC NOVI", "plan AMAVI", "déclenchement plan blanc")
PLANS_EN = ("Major incident declared", "Mass casualty plan activated", "Code Black", "Major incident standby")
TRIAGE_CAT = ("UA", "UR", "P1", "P2", "T1", "T3", "rouge", "red", "jaune")
UNKNOWN_FR = ("homme non identifié", "patient inconnu", "femme d'identité inconnue", "blessé anonyme")
UNKNOWN_EN = ("unknown male", "unidentified female", "patient of unknown identity", "unnamed casualty")
ACTIVITIES_FR = ("3,7 GBq d'iode 131", "1,1 GBq d'iode 131", "7,4 GBq de lutétium 177", "5,5 GBq de 177Lu-PSMA")
ACTIVITIES_EN = ("3.7 GBq I-131", "1.1 GBq radioiodine", "7.4 GBq Lu-177 DOTATATE", "5.5 GBq 177Lu-PSMA")
RESTRICT_FR = ("pendant 7 jours", "pendant 21 jours", "durant 3 semaines", "pendant 10 jours")
RESTRICT_EN = ("for 7 days", "for 21 days", "for three weeks", "for 10 nights")
CYCLE_FR = ("J12 du cycle", "J8 du cycle", "J10 du cycle", "phase folliculaire J9")
CYCLE_EN = ("cycle day 12", "cycle day 8", "day 10 of the cycle", "CD9")
ATTEMPT_FR = ("FIV n° 2", "3e tentative d'ICSI", "première IIU", "TEC n° 4")
ATTEMPT_EN = ("IVF cycle 2", "third ICSI attempt", "first IUI", "FET number 4")
EMBRYO_FR = ("blastocyste J5", "embryon J3", "blastocyste J6 4AA", "embryon congelé J5")
EMBRYO_EN = ("day-5 blastocyst", "day 3 embryo", "day-6 blastocyst 4AA", "frozen day-5 blastocyst")
AMH_FR = ("AMH 1,8 ng/mL", "CFA 14", "AMH 0,6 ng/mL, CFA 7", "FSH 9,2 UI/L")
AMH_EN = ("AMH 12.4 pmol/L", "AFC 14", "AMH 4.1 pmol/L, AFC 7", "FSH 9.2 IU/L")
AGE_BANDS_FR = ("20-30 ans", "40-50 ans", "la trentaine")
AGE_BANDS_EN = ("20-30 years", "40-50", "in his thirties")
EPONYMS_FR = ("signe de Westermark", "fracture de Chance", "syndrome d'Asherman", "maladie de Basedow")
EPONYMS_EN = ("Westermark sign", "Chance fracture", "Asherman syndrome", "Graves disease")
CLASSIF = ("AAST grade III", "ISS 25", "Krenning 3", "Deauville 4", "Tl-201", "RAI-refractory", "PSMA-RADS 4")


# --------------------------------------------------------------------------------------------------- keys


def _eleven_minus(text: str, weights: tuple[int, ...], name: str) -> int:
    """11 minus the weighted digit sum mod 11 (1 to 11), after checking `text` is len(weights) digits."""
    if len(text) != len(weights) or not text.isdigit():
        raise ValueError(f"{name}: expected {len(weights)} digits, got {text!r}")
    return 11 - sum(int(c) * w for c, w in zip(text, weights, strict=True)) % 11


def jmbg_check(twelve: str) -> str | None:
    """The JMBG / EMŠO key: weights 7 6 5 4 3 2 7 6 5 4 3 2, 11 minus the sum mod 11; 11 gives 0; 10 is no valid
    number (None: that serial is never issued)."""
    rest = _eleven_minus(twelve, (7, 6, 5, 4, 3, 2) * 2, "jmbg_check")
    return None if rest == 10 else str(rest % 11)


def rodne_cislo_check(nine: str) -> str | None:
    """The key of a Czech/Slovak rodné číslo issued since 1954: the nine digits mod 11 (the whole ten-digit number is
    then divisible by 11); a remainder of 10 is no valid modern number (None)."""
    if len(nine) != 9 or not nine.isdigit():
        raise ValueError(f"rodne_cislo_check: expected 9 digits, got {nine!r}")
    rest = int(nine) % 11
    return None if rest == 10 else str(rest)


def kennitala_check(eight: str) -> str | None:
    """The Icelandic kennitala's ninth digit: weights 3 2 7 6 5 4 3 2, 11 minus the sum mod 11; 11 gives 0; 10 is
    never issued (None)."""
    rest = _eleven_minus(eight, (3, 2, 7, 6, 5, 4, 3, 2), "kennitala_check")
    return None if rest == 10 else str(rest % 11)


def thai_id_check(twelve: str) -> str:
    """The Thai national identification number's 13th digit: weights 13 down to 2, (11 - sum mod 11) mod 10."""
    return str(_eleven_minus(twelve, tuple(range(13, 1, -1)), "thai_id_check") % 10)


def rrn_check(twelve: str) -> str:
    """The Korean resident registration number's key (numbers issued before October 2020): weights 2 3 4 5 6 7 8 9
    2 3 4 5, (11 - sum mod 11) mod 10."""
    return str(_eleven_minus(twelve, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5), "rrn_check") % 10)


def national_number(origin: str, birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A national number of `origin` for that birth date and sex, as printed, with a valid key."""
    dd, mm, yy = f"{birth.day:02d}", f"{birth.month:02d}", f"{birth.year % 100:02d}"
    while True:
        if origin == "yu":  # DDMMYYY RR BBB K, region 71 (Belgrade) / 50 (Slovenia) / 17 (Sarajevo)
            serial = int(rng.integers(0, 500)) + (0 if male else 500)
            twelve = f"{dd}{mm}{birth.year % 1000:03d}{_pick(rng, ('71', '50', '17'))}{serial:03d}"
            key = jmbg_check(twelve)
        elif origin == "cz":  # YYMMDD/SSSK, women's month + 50
            nine = f"{yy}{birth.month + (0 if male else 50):02d}{dd}{_d(rng, 3)}"
            key = rodne_cislo_check(nine)
            if key is not None:
                return f"{nine[:6]}/{nine[6:]}{key}"
            continue
        elif origin == "is":  # DDMMYY-RRKC, C the century (9 for 1900s, 0 for 2000s)
            eight = f"{dd}{mm}{yy}{int(rng.integers(20, 99))}"
            key = kennitala_check(eight)
            if key is not None:
                return f"{eight[:6]}-{eight[6:]}{key}{'9' if birth.year < 2000 else '0'}"
            continue
        elif origin == "th":  # 1-2345-67890-12-3
            twelve = f"{_pick(rng, '1358')}{_d(rng, 11)}"
            t = twelve + thai_id_check(twelve)
            return f"{t[0]}-{t[1:5]}-{t[5:10]}-{t[10:12]}-{t[12]}"
        elif origin == "kr":  # YYMMDD-SRRRRNK, S the sex and century digit
            sex = (1 if male else 2) + (2 if birth.year >= 2000 else 0)
            twelve = f"{yy}{mm}{dd}{sex}{_d(rng, 5)}"
            return f"{twelve[:6]}-{twelve[6:]}{rrn_check(twelve)}"
        else:
            raise ValueError(f"national_number: unknown origin {origin!r}")
        if key is not None:
            return twelve + key


# --------------------------------------------------------------------------------------------------- draw

STAFF_KEYS = ("relative", "partner", "child", "gyneco", "nm_doctor", "radiologist")
NATO = ("Alpha", "Bravo", "Charlie", "Delta", "Echo", "Golf", "Juliet", "Kilo", "Romeo", "Tango", "Zulu")


def _alias(fr: bool, rng: np.random.Generator) -> str:
    n = int(rng.integers(1, 9999))
    word = _pick(rng, NATO)
    if fr:
        return _pick(rng, (f"Inconnu {n:04d}", f"X-{word} {n % 100:02d}", f"ANONYME-{word.upper()}-{n % 100:02d}",
                           f"SINUS {word} {n % 1000:03d}"))  # fmt: skip
    return _pick(rng, (f"Trauma {word} {n % 100}", f"Unknown Male {n:04d}", f"ZZTRAUMA {word.upper()} {n % 1000:03d}",
                       f"Major Incident {word} {n % 100:02d}"))  # fmt: skip


def blind22_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    origin = _pick(rng, tuple(ORIGINS))
    females, males, surnames = ORIGINS[origin]
    male = bool(rng.random() < 0.5)
    first = _pick(rng, males if male else females)
    last = _pick(rng, surnames)
    if origin == "cz" and not male:
        last = {"Svoboda": "Svobodová", "Kučera": "Kučerová", "Procházka": "Procházková"}.get(last, last + "ová")
    elif origin == "is":
        last += "son" if male else "dóttir"
    if origin == "kr" and rng.random() < 0.5:
        first, last = last, first  # family name first, as written at home
    LAST = last.upper() if rng.random() < 0.3 else last
    others = [s for s in dict.fromkeys(fake.last_name() for _ in range(60)) if s not in (first, last) and " " not in s]
    staff = {k: f"{fake.first_name()} {s}" for k, s in zip(STAFF_KEYS, others[: len(STAFF_KEYS)], strict=True)}
    r_first, r_last = staff["nm_doctor"].split(" ", 1)

    exam = dt.date(2018, 1, 1) + dt.timedelta(days=int(rng.integers(7 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(19 * 365, 80 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    incident = exam - dt.timedelta(days=int(rng.integers(0, 3)))
    identified = incident + dt.timedelta(days=int(rng.integers(1, 6)))
    therapy = exam - dt.timedelta(days=int(rng.integers(2, 8)))
    card_valid = therapy + dt.timedelta(days=int(rng.integers(30, 120)))
    est = max(18, years + int(rng.integers(-8, 9)))
    child_years = int(rng.integers(1, 16))
    fmt = int(rng.integers(7))

    def date(day: dt.date) -> str:
        return format_date(day, lang, fmt)

    if fr:
        age = f"{years} ans"
        est_age = f"{est} ans"
        child_age = f"{child_years} an{'s' if child_years > 1 else ''}"
        phone = f"0{_pick(rng, '1234')} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        domain = _pick(rng, ("chru-strasbourg.fr", "chu-nantes.fr", "aphp.fr"))
        address = f"{int(rng.integers(1, 150))} {fake.street_name()}, {fake.postcode()}"
        sinus = f"{_pick(rng, ('75', '69', '74', '67'))}-{_d(rng, 7)}"
        ipp, ipp_old = _d(rng, 9), f"PROV{_d(rng, 6)}"
        missing_ref = f"RDI {exam.year}/{_d(rng, 5)}"
        dvi_ref = f"UGIVC-{exam.year % 100:02d}-{_d(rng, 4)}"
        card_no = f"RP-{_d(rng, 6)}"
        ivf_file = f"AMP{_d(rng, 7)}"
    else:
        age = _pick(rng, (f"{years} years", f"{years}-year-old", f"{years} yrs"))
        est_age = f"{est} years"
        child_age = f"{child_years} year{'s' if child_years > 1 else ''} old"
        phone = _pick(rng, (f"020 {_d(rng, 4)} {_d(rng, 4)}", f"0121 {_d(rng, 3)} {_d(rng, 4)}",
                            f"+44 161 {_d(rng, 3)} {_d(rng, 4)}"))  # fmt: skip
        domain = _pick(rng, ("nhs.net", "bartshealth.nhs.uk", "christie.nhs.uk"))
        address = f"{int(rng.integers(1, 200))} {fake.street_name()}, {fake.postcode()}"
        sinus = f"MI{_d(rng, 6)}"
        ipp, ipp_old = f"RL{_d(rng, 7)}", f"TMP{_d(rng, 6)}"
        missing_ref = f"MISPER {_d(rng, 2)}/{_d(rng, 6)}"
        dvi_ref = f"DVI-UK-{exam.year % 100:02d}-{_d(rng, 4)}"
        card_no = f"RPC{_d(rng, 7)}"
        ivf_file = f"HFEA-{_d(rng, 6)}"
    slots: Slots = {
        # the patient
        "first": (first, "PATIENT"),
        "LAST": (LAST, "PATIENT"),
        # other persons
        **{k: (v, "PERSON") for k, v in staff.items()},
        # dates and ages
        "dob": (date(birth), "DATE"),
        "exam_date": (date(exam), "DATE"),
        "incident_date": (date(incident), "DATE"),
        "identified_date": (date(identified), "DATE"),
        "therapy_date": (date(therapy), "DATE"),
        "card_valid": (date(card_valid), "DATE"),
        "age": (age, "AGE"),
        "est_age": (est_age, "AGE"),
        "child_age": (child_age, "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS_FR if fr else INSTITUTIONS_EN), "INSTITUTION"),
        "nm_centre": (_pick(rng, NM_FR if fr else NM_EN), "INSTITUTION"),
        "ivf_centre": (_pick(rng, IVF_FR if fr else IVF_EN), "INSTITUTION"),
        "brought_by": (_pick(rng, BROUGHT_FR if fr else BROUGHT_EN), "INSTITUTION"),
        "incident_place": (_pick(rng, PLACES_FR if fr else PLACES_EN), "LOCATION"),
        "address": (address, "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last)}@{domain}", "EMAIL"),
        "url": (f"https://resultats.{domain}/partage/{_d(rng, 9)}", "URL"),
        # numbers
        "ipp": (ipp, "ID"),
        "ipp_old": (ipp_old, "ID"),
        "alias": (_alias(fr, rng), "ID"),
        "sinus": (sinus, "ID"),
        "missing_ref": (missing_ref, "ID"),
        "dvi_ref": (dvi_ref, "ID"),
        "card_no": (card_no, "ID"),
        "ivf_file": (ivf_file, "ID"),
        "donor_code": (f"{_pick(rng, ('D', 'DON', 'SD'))}{_d(rng, 5)}", "ID"),
        "straw": (f"{_pick(rng, ('P', 'ST'))}-{_d(rng, 4)}-{_pick(rng, 'ABCD')}", "ID"),
        "nat_id": (national_number(origin, birth, male, rng), "ID"),
        # unlabelled: traps
        "id_kind": ((ID_KINDS if fr else ID_KINDS_EN)[origin], None),
        "country": ((COUNTRIES_FR if fr else COUNTRIES_EN)[origin], None),
        "scheme_note": (_pick(rng, SCHEME_NOTES_FR if fr else SCHEME_NOTES_EN), None),
        "plan": (_pick(rng, PLANS_FR if fr else PLANS_EN), None),
        "triage_cat": (_pick(rng, TRIAGE_CAT), None),
        "unknown": (_pick(rng, UNKNOWN_FR if fr else UNKNOWN_EN), None),
        "activity": (_pick(rng, ACTIVITIES_FR if fr else ACTIVITIES_EN), None),
        "batch": (f"{_pick(rng, ('LOT ', 'B'))}{_d(rng, 6)}", None),
        "calib_time": (f"{int(rng.integers(6, 18)):02d}{'h' if fr else ':'}{_pick(rng, ('00', '30'))}", None),
        "iso_room": (f"{_pick(rng, ('M', 'RI', 'B'))}{int(rng.integers(1, 9))}", None),
        "restriction": (_pick(rng, RESTRICT_FR if fr else RESTRICT_EN), None),
        "cycle_day": (_pick(rng, CYCLE_FR if fr else CYCLE_EN), None),
        "attempt": (_pick(rng, ATTEMPT_FR if fr else ATTEMPT_EN), None),
        "embryo_day": (_pick(rng, EMBRYO_FR if fr else EMBRYO_EN), None),
        "amh": (_pick(rng, AMH_FR if fr else AMH_EN), None),
        "age_band": (_pick(rng, AGE_BANDS_FR if fr else AGE_BANDS_EN), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
    }
    return split_towns(slots, FR_TEMPLATES if fr else EN_TEMPLATES, "institution")
