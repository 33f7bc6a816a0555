"""Blind12 template family: paperwork where the patient is named by a signature, a form or a machine rather than a
"Patient:" field - MRI-safety questionnaires ("Je soussigné(e) ..."), consent forms signed by the patient, a witness,
an interpreter and a legal representative, text OCR'd from the burned-in corners of an image with DICOM PN values
carrying empty and prefix components ("DUPONT^MARIE^^MME^"), paediatric requests (nickname, parent, crèche or nursery,
foster family), dental and maxillofacial radiology (orthopantomograms, FDI tooth numbers), requests from midwives,
physiotherapists and podiatrists, research biobank records (subject and sample codes), billing/coding exports (CCAM,
NGAP, ICD-10, LOINC, RadLex, CPT codes beside FINESS/ADELI/NHS numbers), uncorrected speech-recognition dictations
that lowercase and split names, and letters that switch between French and English.

Written by an independent auditor who never read the detector (reports/deid/), for a twelfth blind estimate of how it
generalises. New identifier shapes: institutions, hospital buildings and streets named after people ("Centre Léon
Bérard", "Pavillon Babinski", "rue du Docteur Roux", "St Mary's Hospital", "Lister Wing"), patients whose names are
ordinary words or virtues (Prudence Lapierre, Olive Page, Hope Winter), nicknames, obfuscated e-mail addresses
("prenom.nom [at] orange [dot] fr", "olive dot page at nhs dot net"), URLs without a scheme
("www.imagerie-vienne.fr/cr/..."), GPS coordinates of a home, FINESS and ADELI numbers (Luhn key) and NHS numbers
(mod-11 check).

Gold conventions (those of earlier families and `entities.LABELS`), with these decisions:
- A span is the identifier text only: no title ("Mme", "Dr", "docteur"), no field word, no signature word.
- Institutions, buildings and streets named after a person: the person's name is PART of the INSTITUTION or LOCATION
  span and never a separate PERSON ("Centre Léon Bérard" is one INSTITUTION; "14 rue du Docteur Roux, 69003 Lyon" is
  one LOCATION). A named hospital building or wing ("Pavillon Babinski", "Lister Wing") is INSTITUTION: it names a
  part of one hospital, like a department name. Generic service names ("rhumatologie") stay unlabelled (blind5).
- Patients whose names are ordinary words are PATIENT wherever the word names the patient, in any case; the same word
  used as a word is not labelled. A nickname of the patient ("Loulou", "Bee") is PATIENT.
- DICOM PN: the span is family^given(^middle) ("DUPONT^MARIE"); the empty component and the prefix/suffix ("^^MME^")
  are outside, like titles (blind5). OCR'd burned-in text is labelled like typed text, OCR confusions included.
- Consent and safety forms: the patient who signs is PATIENT; witness, interpreter, legal representative (parent,
  guardian), foster parent: PERSON. The interpreter's language is a trap.
- Crèches, nurseries, schools, biobanks and dental practices are INSTITUTION (round 6 scope: an organisation that can
  point to one person).
- Research: a subject code ("03-0427") and a biobank sample code ("BIO24-004711-A2") are ID: each is a key that
  points to one person (HIPAA "any other unique identifying number or code"). The protocol acronym, visit code and
  study phase are traps.
- Billing: CCAM, NGAP, ICD-10, CPT, LOINC and RadLex codes name acts and diagnoses shared by millions: traps. FINESS
  (establishment, Luhn key), ADELI (practitioner, Luhn key), NHS numbers (mod-11 check) and accession numbers are
  ID. Amounts are traps.
- Obfuscated e-mail addresses are EMAIL over the whole expression ("olive.page [at] orange [dot] fr"). A URL without
  a scheme ("www.x.fr/cr/ab12", "results.x.nhs.uk/q7") is URL.
- Phone extensions and pagers follow blind5: PHONE, standalone ("poste 4521", "bleep 312") or attached to a number
  (then inside its span).
- Quarters, seasons and years alone ("T1 2024", "Q3 2023", "été 2019", "summer 2019", "depuis 2017") are NOT DATE:
  HIPAA keeps years, and blind2 left a year alone unlabelled; a month-year stays DATE ("mars 2024").
- Every exact age is AGE, over 89 included ("93 ans"); a child's age in years and months is one AGE span ("4 ans et 3
  mois"). Age bands ("tranche 60-69 ans", "aged 90 or over": HIPAA's own safe-harbour aggregate) and gestational ages
  ("32 SA", "32 weeks' gestation") are traps.
- GPS coordinates of a place where the patient lives or was found are LOCATION, the pair as one span.
- Uncorrected speech recognition: a lowercased or split name is one span of its label as written ("prudence la
  pierre" is PATIENT, "docteur" outside).
- NOT identifiers (traps): eponyms used as such (pied de Charcot beside Pavillon Charcot, fracture de Le Fort II,
  maladie d'Osgood-Schlatter), anatomical eponyms (canal de Sténon, ampoule de Vater), classifications (Salter-Harris,
  Kellgren-Lawrence, Risser), FDI tooth numbers, implants and devices with brands, drugs, equipment models, doses,
  contrast lot numbers, times, durations, room and box numbers.
`blind12_draw(lang, rng)` returns (slots, templates) like `blind11_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots, split_towns
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import MONTHS_EN, MONTHS_FR, _faker, format_date
from xraymatch.reports.identities_blind4 import luhn_digit
from xraymatch.reports.identities_blind5 import _d, _pick, _slug

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "QUESTIONNAIRE DE SÉCURITÉ IRM (avant l'examen du {exam_date})\nJe soussigné(e) {first} {LAST}, {age}, "
            "déclare porter : {implant}.\nTémoin : {witness} - interprète ({language}) : {interpreter}\n",
            "Consentement éclairé à l'arthrographie, lu et approuvé.\nSignature de l'intéressé(e) : {first} {LAST}\n"
            "Représentant légal : {parent} ; témoin : {witness} ; date de signature : {exam_date}\n",
            "[texte incrusté, coin supérieur gauche] {pn}{pn_tail} {dicom_date} {age}\n"
            "[texte incrusté, coin supérieur droit] {eponym_inst} ACC {accession}\n",
            "Radiopédiatrie : {child_first} {LAST} (« {nickname} » à la maison), {child_age}, accueilli(e) à "
            "{creche}, amené(e) par {parent} ; famille d'accueil : {foster}.\n",
            "Orthopantomogramme prescrit par {dentist}, chirurgien-dentiste ({dental}, ADELI {adeli}), pour {first} "
            "{LAST}, {age} ; dents {teeth} ; {eponym}.\n",
            "Bon de radiologie rédigé le {exam_date} par {allied}, {allied_job} : pied douloureux chez {first} "
            "{LAST}, {age}.\n",
            "{biobank} - sujet {subject} - prélèvement {sample} - visite {visit} du protocole {protocol} ({quarter})\n"
            "Investigatrice principale : {investigator}\n",
            "EXPORT FACTURATION;FINESS {finess};CCAM {ccam};NGAP {ngap};CIM-10 {icd};LOINC {loinc};RadLex {radlex};"
            "bénéficiaire {LAST} {first};né(e) le {birth_date};{amount}\n",
            "[dictée vocale non relue] examen de {asr_title} {asr_name} {age} adressé par le docteur {asr_doc} "
            "pour douleur\n",
            "Second read requested by Dr {radiologist} at {eponym_inst}: {first} {LAST}, {age}, vu(e) pour la "
            "première fois en {season}, suivi(e) depuis {year_alone}.\n",
        ],
        [
            "Domicile : {home_address} (coordonnées GPS {gps})\n",
            "Lieu de l'examen : {pavilion}, {eponym_inst}, box {box}, à {time}\n",
            "Joindre le manipulateur : {extension} ou le secrétariat au {phone}\n",
            "Mois de l'examen : {month_year} ; {age_band}\n",
            "",
        ],
        [
            "Adresse électronique (non cliquable) : {email_obf}\n",
            "Compte rendu consultable sur {url}\n",
            "Secrétariat : {phone}\n",
            "Réponse par courriel à {email_obf} ou sur {url}\n",
        ],
    ],
    "pre": [
        [
            "Notes : {anatomy} visible ; {classif} ; {drug} ; {dose} ; produit de contraste lot {lot} ; appareil "
            "{equipment} ; salle {room} ; durée {duration} ; {gest}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nValidation électronique par {radiologist} ({eponym_inst}), le {exam_date}.\n",
            "\nSigné : {radiologist} ; copie adressée à {allied} et à {dentist}.\n",
            "\nÉdité à {town}, {month_year}. Bip du radiologue : {extension}\n",
            "\nEnvoi postal : {home_address}\n",
        ],
        [
            "Questions : {email_obf}\n",
            "-- {url} --\n",
            "Identifiant de biobanque {sample}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "MRI SAFETY SCREENING FORM (before scan on {exam_date})\nI, {first} {LAST}, aged {age}, declare the "
            "following implant: {implant}.\nWitnessed by {witness}; interpreter ({language}): {interpreter}\n",
            "Consent for arthrogram - read and agreed.\nSigned (patient): {first} {LAST}\nParent/guardian: {parent}; "
            "witness: {witness}; signed on {exam_date}\n",
            "[burned-in text, top left] {pn}{pn_tail} {dicom_date} {age}\n[burned-in text, top right] {eponym_inst} "
            "ACC {accession}\n",
            'Paediatric imaging: {child_first} {LAST} ("{nickname}" at home), {child_age}, attends {creche}, '
            "brought in by {parent}; foster carer: {foster}.\n",
            "OPG requested by {dentist}, dental surgeon ({dental}, GDC-registered), for {first} {LAST}, {age}; teeth "
            "{teeth}; {eponym}.\n",
            "X-ray request written on {exam_date} by {allied}, {allied_job}: painful foot in {first} {LAST}, {age}.\n",
            "{biobank} - subject {subject} - sample {sample} - visit {visit} of the {protocol} study ({quarter})\n"
            "Principal investigator: {investigator}\n",
            "BILLING EXPORT|NHS No {nhs}|CPT {cpt}|ICD-10 {icd}|LOINC {loinc}|RadLex {radlex}|member {LAST} "
            "{first}|DOB {birth_date}|{amount}\n",
            "[voice recognition, unedited] seen {asr_title} {asr_name} {age} referred by doctor {asr_doc} with pain\n",
            "Deuxième avis demandé par le Dr {radiologist}, {eponym_inst}: {first} {LAST}, {age}, first seen in "
            "{season}, followed since {year_alone}.\n",
        ],
        [
            "Home: {home_address} (GPS {gps})\n",
            "Scanned at {pavilion}, {eponym_inst}, bay {box}, at {time}\n",
            "Radiographer on {extension}; booking office {phone}\n",
            "Month of scan: {month_year}; {age_band}\n",
            "",
        ],
        [
            "E-mail (spam-protected): {email_obf}\n",
            "Report viewable at {url}\n",
            "Booking office: {phone}\n",
            "Reply to {email_obf} or via {url}\n",
        ],
    ],
    "pre": [
        [
            "Notes: {anatomy} seen; {classif}; {drug}; {dose}; contrast lot {lot}; unit {equipment}; room {room}; "
            "took {duration}; {gest}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nElectronically verified by {radiologist} ({eponym_inst}) on {exam_date}.\n",
            "\nSigned: {radiologist}; copies to {allied} and {dentist}.\n",
            "\nPrinted in {town}, {month_year}. Radiologist bleep: {extension}\n",
            "\nPosted to: {home_address}\n",
        ],
        [
            "Queries: {email_obf}\n",
            "-- {url} --\n",
            "Biobank reference {sample}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Patients named by ordinary words, virtues, months or flowers (first names, surnames).
WORD_FIRST_FR = ("Prudence", "Constance", "Olive", "Avril", "Blanche", "Rose", "Désiré", "Aimé", "Modeste", "Clément")
WORD_LAST_FR = ("Blanc", "Petit", "Page", "Mars", "Lenoir", "Fontaine", "Lapierre", "Bonheur", "Printemps", "Dupont")
WORD_FIRST_EN = ("May", "Hope", "Grace", "Olive", "Summer", "Faith", "Patience", "Ernest", "Sterling", "Will")
WORD_LAST_EN = ("Winter", "Bell", "Page", "Marsh", "Hill", "Field", "Moody", "Sharp", "Best", "Little")
NICKNAMES_FR = ("Loulou", "Titou", "Nono", "Bibi", "Pupuce", "Mimi")
NICKNAMES_EN = ("Bee", "Bubba", "Squirt", "Pip", "Sunny", "Buddy")
# Institutions, buildings and streets named after people: the person's name is inside the INSTITUTION/LOCATION span.
EPONYM_INST_FR = (
    "Centre Léon Bérard", "Hôpital Necker-Enfants malades", "Hôpital Édouard Herriot", "Institut Gustave Roussy",
    "Hôpital Raymond Poincaré", "Centre Oscar Lambret", "Hôpital Pierre Wertheimer", "Clinique Jules Verne",
)  # fmt: skip
EPONYM_INST_EN = (
    "St Mary's Hospital", "Johns Hopkins Hospital", "Addenbrooke's Hospital", "Guy's Hospital",
    "Alder Hey Children's Hospital", "Royal Victoria Infirmary", "St Thomas' Hospital", "Florence Nightingale Hospital",
)  # fmt: skip
PAVILIONS_FR = ("Pavillon Charcot", "Pavillon Babinski", "Bâtiment Pinel", "Unité Esquirol", "Aile Laennec")
PAVILIONS_EN = ("Lister Wing", "Nightingale Block", "Jenner Unit", "Osler Pavilion", "Fleming Building")
STREETS_FR = (
    "rue du Docteur Roux", "avenue Claude Bernard", "boulevard Pasteur", "place Jean Jaurès", "rue Marie Curie",
    "quai Louis Pasteur", "allée Simone Veil",
)  # fmt: skip
STREETS_EN = ("Nightingale Way", "Lister Road", "Fleming Avenue", "Jenner Close", "Seacole Street", "Darwin Drive")
CRECHES_FR = ("la crèche Les Petits Loups de {city}", "l'école maternelle Jules Ferry de {city}", "la MAM de {city}")
CRECHES_EN = ("{city} Little Acorns Nursery", "St Joseph's Primary School, {city}", "{city} Sure Start Centre")
BIOBANKS_FR = ("Biobanque {inst}", "CRB {city}")
BIOBANKS_EN = ("{city} Tissue Bank", "Biobank {inst}")
DENTAL_FR = ("cabinet dentaire du Dr {name}", "centre dentaire {city} Santé")
DENTAL_EN = ("{name} Dental Practice", "{city} Smile Clinic")
ALLIED_FR = ("sage-femme", "masseur-kinésithérapeute", "pédicure-podologue")
ALLIED_EN = ("midwife", "physiotherapist", "podiatrist")
LANGUAGES_FR = ("arabe", "tamoul", "roumain", "dari")
LANGUAGES_EN = ("Polish", "Urdu", "Romanian", "Tigrinya")
# Traps.
EPONYMS_FR = ("pied de Charcot", "fracture de Le Fort II", "maladie d'Osgood-Schlatter", "kyste de Baker")
EPONYMS_EN = ("Charcot foot", "Le Fort II fracture", "Osgood-Schlatter disease", "Baker's cyst")
ANATOMY_FR = ("canal de Sténon", "ampoule de Vater", "trou de Morgagni", "canal de Wharton")
ANATOMY_EN = ("Stensen's duct", "ampulla of Vater", "foramen of Morgagni", "Wharton's duct")
CLASSIF = ("Salter-Harris II", "Kellgren-Lawrence 3", "Risser 2", "Tanner 3")
IMPLANTS_FR = ("implant dentaire Straumann BLT", "pacemaker Medtronic Micra", "valve Edwards Sapien 3")
IMPLANTS_EN = ("Straumann BLT dental implant", "Medtronic Micra pacemaker", "Edwards Sapien 3 valve")
DRUGS_FR = ("amoxicilline 1 g x 3/j", "Doliprane 1 g si besoin", "ibuprofène 400 mg")
DRUGS_EN = ("amoxicillin 500 mg tds", "paracetamol 1 g qds", "ibuprofen 400 mg")
DOSES_FR = ("PDS 0,8 Gy.cm²", "IDSV 3,2 mGy", "PDL 95 mGy.cm")
DOSES_EN = ("DAP 0.8 Gy.cm2", "CTDIvol 3.2 mGy", "DLP 95 mGy.cm")
EQUIPMENT = ("Planmeca ProMax 3D", "Carestream CS 8100", "Vatech PaX-i3D", "Siemens Magnetom Sola")
CCAM = ("HBQK002", "MZQK002", "NFQK001", "ZBQK002", "LHQK001")
NGAP = ("AMK 8", "K 15", "AMS 7,5", "SF 4")
CPT = ("70355", "73630", "71046", "73110")
ICD10 = ("S52.5", "M17.1", "K08.1", "S62.0", "M92.5")
LOINC = ("36643-5", "24627-2", "37641-8", "30746-2")
RADLEX = ("RID10312", "RPID16", "RID39058", "RID1301")
PROTOCOLS = ("OSTEOVERT", "DENTIMAGE", "PEDIAFRAC", "ARTHROBANK")


def nhs_check(nine: str) -> int | None:
    """The NHS number check digit (weights 10..2, 11 minus the sum mod 11; 11 is 0); None when it would be 10."""
    if len(nine) != 9 or not nine.isdigit():
        raise ValueError(f"nhs_check: expected 9 digits, got {len(nine)} characters")
    check = 11 - sum(int(c) * w for c, w in zip(nine, range(10, 1, -1), strict=True)) % 11
    return None if check == 10 else check % 11


def nhs_number(rng: np.random.Generator) -> str:
    """A valid NHS number spaced 3-3-4 (payloads whose check would be 10 are drawn again)."""
    while True:
        nine = str(int(rng.integers(4, 10))) + _d(rng, 8)
        check = nhs_check(nine)
        if check is not None:
            ten = nine + str(check)
            return f"{ten[:3]} {ten[3:6]} {ten[6:]}"


def finess_number(rng: np.random.Generator) -> str:
    """A FINESS establishment number: department (2), 6 digits, Luhn key."""
    body = f"{int(rng.integers(1, 96)):02d}{_d(rng, 6)}"
    return body + luhn_digit(body)


def adeli_number(rng: np.random.Generator) -> str:
    """An ADELI practitioner number: department (2), profession code (1), serial (5), Luhn key."""
    body = f"{int(rng.integers(1, 96)):02d}{_pick(rng, ('1', '2', '4', '6'))}{_d(rng, 5)}"
    return body + luhn_digit(body)


def obfuscated_email(user: str, domain: str, tld: str, lang: str, style: int) -> str:
    """An e-mail address written to dodge harvesters ("olive.page [at] orange [dot] fr"): the whole is EMAIL."""
    if lang == "fr":
        options = (
            f"{user} [at] {domain} [dot] {tld}",
            f"{user}(at){domain}(point){tld}",
            f"{user.replace('.', ' point ')} arobase {domain} point {tld}",
        )
    else:
        options = (
            f"{user} [at] {domain} [dot] {tld}",
            f"{user}(at){domain}(dot){tld}",
            f"{user.replace('.', ' dot ')} at {domain} dot {tld}",
        )
    return options[style % len(options)]


def gps_pair(lat: float, lon: float, style: int) -> str:
    """GPS coordinates, decimal or degrees-minutes-seconds: one LOCATION span."""
    if style % 2 == 0:
        return f"{lat:.5f}, {lon:.5f}"

    def dms(value: float, pos: str, neg: str) -> str:
        v = abs(value)
        deg, minutes = int(v), (v - int(v)) * 60
        return f"{deg}°{int(minutes):02d}'{(minutes - int(minutes)) * 60:04.1f}\"{pos if value >= 0 else neg}"

    return f"{dms(lat, 'N', 'S')} {dms(lon, 'E', 'W')}"


def asr_form(first: str, last: str) -> str:
    """A name as uncorrected speech recognition writes it: lowercased, a particle-like prefix split off."""
    low = last.lower()
    for prefix in ("la", "le", "du", "de"):
        if low.startswith(prefix) and len(low) > len(prefix) + 2:
            low = f"{prefix} {low[len(prefix) :]}"
            break
    return f"{first.lower()} {low}"


def dicom_pn(last: str, first: str) -> str:
    """The labelled part of a DICOM PN value: FAMILY^GIVEN in upper case (prefix components are left outside)."""
    return f"{last.upper()}^{first.upper()}"


# --------------------------------------------------------------------------------------------------- draw


def _alnum(rng: np.random.Generator, n: int) -> str:
    return "".join(_pick(rng, tuple("abcdefghjkmnpqrstuvwxyz23456789")) for _ in range(n))


def blind12_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    male = bool(rng.random() < 0.5)
    if rng.random() < 0.5:
        first = _pick(rng, WORD_FIRST_FR if fr else WORD_FIRST_EN)
        last = _pick(rng, WORD_LAST_FR if fr else WORD_LAST_EN)
    else:
        first = fake.first_name_male() if male else fake.first_name_female()
        last = fake.last_name()
    child_first = fake.first_name()
    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 99 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    band = f"{years // 10 * 10}-{years // 10 * 10 + 9}"  # a decade age band (a trap, like HIPAA's 90-or-over)
    child_years, child_months = int(rng.integers(1, 11)), int(rng.integers(1, 12))

    used = {last}

    def person() -> str:
        """A person not yet named in this document (never the patient's surname)."""
        while True:
            f, surname = fake.first_name(), fake.last_name()
            if surname not in used:
                used.add(surname)
                return f"{f} {surname}"

    city = fake.city()
    postcode = fake.postcode()
    number = int(rng.integers(1, 180))
    lat = float(rng.uniform(43.3, 50.9) if fr else rng.uniform(50.4, 55.8))
    lon = float(rng.uniform(-1.5, 7.5) if fr else rng.uniform(-4.5, 1.6))
    user = _pick(
        rng, (f"{_slug(first)}.{_slug(last)}", f"{_slug(first)[0]}.{_slug(last)}", f"{_slug(last)}{_d(rng, 2)}")
    )
    month = MONTHS_FR[exam.month - 1] if fr else MONTHS_EN[exam.month - 1]
    if fr:
        pairs = " ".join(_d(rng, 2) for _ in range(4))
        phone = _pick(
            rng, (f"0{_pick(rng, ('1', '4', '5'))} {pairs}", f"0{_pick(rng, ('1', '4'))} {pairs} poste 2{_d(rng, 3)}")
        )
        extension = _pick(rng, (f"poste {_d(rng, 4)}", f"bip {_d(rng, 3)}", f"DECT {_d(rng, 4)}"))
        age = _pick(rng, (f"{years} ans", f"{years} ans révolus"))
        child_age = _pick(rng, (f"{child_years} ans et {child_months} mois", f"{child_years} ans {child_months} mois"))
        home_address = f"{number} {_pick(rng, STREETS_FR)}, {postcode} {city}"
        email = obfuscated_email(
            user, _pick(rng, ("orange", "free", "laposte", "wanadoo")), "fr", lang, int(rng.integers(3))
        )
        url = _pick(
            rng,
            (
                f"www.imagerie-{_slug(city)}.fr/cr/{_alnum(rng, 8)}",
                f"resultats.radiologie-{_slug(city)}.fr/{_alnum(rng, 6)}",
            ),
        )
        creche = _pick(rng, CRECHES_FR).format(city=city)
        biobank = _pick(rng, BIOBANKS_FR).format(city=city, inst=_pick(rng, EPONYM_INST_FR))
        dental = _pick(rng, DENTAL_FR).format(city=city, name=fake.last_name())
        pn_tail = _pick(rng, ("^^MME^", "^^M^", "^^^", "^^DR^"))
        age_band = f"tranche d'âge {band} ans" if years < 90 else "tranche d'âge 90 ans et plus"
        gest = _pick(rng, ("32 SA", "terme 38 SA + 4 j", "28 SA"))
        quarter = f"T{int(rng.integers(1, 5))} {exam.year}"
        season = f"{_pick(rng, ('été', 'hiver', 'automne', 'printemps'))} {exam.year - int(rng.integers(1, 6))}"
        time = f"{int(rng.integers(7, 20))}h{int(rng.integers(60)):02d}"
        duration = _pick(rng, ("12 minutes", "une demi-heure", "45 s"))
        amount = f"{int(rng.integers(20, 90))},{_d(rng, 2)} €"
        teeth = _pick(rng, ("36 et 46", "18, 28, 38 et 48", "11 et 21"))
    else:
        phone = _pick(
            rng,
            (
                f"0{_pick(rng, ('113', '161', '20'))}{_d(rng, 1)} {_d(rng, 3)} {_d(rng, 4)}",
                f"01{_d(rng, 3)} {_d(rng, 6)} ext. {_d(rng, 4)}",
            ),
        )
        extension = _pick(rng, (f"ext. {_d(rng, 4)}", f"bleep {_d(rng, 3)}", f"pager {_d(rng, 4)}"))
        age = _pick(rng, (f"{years} years", f"{years}"))
        child_age = _pick(rng, (f"{child_years} years {child_months} months", f"{child_years}y {child_months}m"))
        home_address = f"{number} {_pick(rng, STREETS_EN)}, {city} {postcode}"
        email = obfuscated_email(
            user,
            _pick(rng, ("gmail", "outlook", "btinternet", "nhs")),
            _pick(rng, ("com", "net")),
            lang,
            int(rng.integers(3)),
        )
        url = _pick(
            rng,
            (
                f"www.{_slug(city)}radiology.co.uk/portal/{_alnum(rng, 8)}",
                f"results.{_slug(city)}.nhs.uk/{_alnum(rng, 6)}",
            ),
        )
        creche = _pick(rng, CRECHES_EN).format(city=city)
        biobank = _pick(rng, BIOBANKS_EN).format(city=city, inst=_pick(rng, EPONYM_INST_EN))
        dental = _pick(rng, DENTAL_EN).format(city=city, name=fake.last_name())
        pn_tail = _pick(rng, ("^^MRS^", "^^MR^", "^^^", "^^MISS^"))
        age_band = f"age band {band}" if years < 90 else "age band 90 or over"
        gest = _pick(rng, ("32 weeks' gestation", "38+4 weeks' gestation", "28/40"))
        quarter = f"Q{int(rng.integers(1, 5))} {exam.year}"
        season = f"{_pick(rng, ('summer', 'winter', 'autumn', 'spring'))} {exam.year - int(rng.integers(1, 6))}"
        time = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        duration = _pick(rng, ("12 minutes", "half an hour", "45 s"))
        amount = f"£{int(rng.integers(20, 400))}.{_d(rng, 2)}"
        teeth = _pick(rng, ("36 and 46", "18, 28, 38 and 48", "UR8 and LL8"))
    if rng.random() < 0.25:
        last = last.upper()

    slots: Slots = {
        # the patient, named by signatures, forms, machines and dictation
        "first": (first, "PATIENT"),
        "LAST": (last, "PATIENT"),
        "child_first": (child_first, "PATIENT"),
        "nickname": (_pick(rng, NICKNAMES_FR if fr else NICKNAMES_EN), "PATIENT"),
        "pn": (dicom_pn(last, first), "PATIENT"),
        "asr_name": (asr_form(first, last), "PATIENT"),
        # other persons
        "witness": (person(), "PERSON"),
        "interpreter": (person(), "PERSON"),
        "parent": (person(), "PERSON"),
        "foster": (person(), "PERSON"),
        "dentist": (person(), "PERSON"),
        "allied": (person(), "PERSON"),
        "investigator": (person(), "PERSON"),
        "radiologist": (person(), "PERSON"),
        "asr_doc": (person().lower(), "PERSON"),
        # dates and ages
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "birth_date": (format_date(birth, lang, int(rng.integers(7))), "DATE"),
        "dicom_date": (exam.strftime("%d-%b-%Y").upper() if rng.random() < 0.5 else exam.strftime("%Y%m%d"), "DATE"),
        "month_year": (f"{month} {exam.year}", "DATE"),
        "age": (age, "AGE"),
        "child_age": (child_age, "AGE"),
        # places and organisations
        "eponym_inst": (_pick(rng, EPONYM_INST_FR if fr else EPONYM_INST_EN), "INSTITUTION"),
        "pavilion": (_pick(rng, PAVILIONS_FR if fr else PAVILIONS_EN), "INSTITUTION"),
        "creche": (creche, "INSTITUTION"),
        "biobank": (biobank, "INSTITUTION"),
        "dental": (dental, "INSTITUTION"),
        "home_address": (home_address, "LOCATION"),
        "gps": (gps_pair(lat, lon, int(rng.integers(2))), "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "extension": (extension, "PHONE"),
        "email_obf": (email, "EMAIL"),
        "url": (url, "URL"),
        # numbers
        "accession": (f"{exam.year % 100:02d}{_d(rng, 7)}", "ID"),
        "subject": (f"{int(rng.integers(1, 40)):02d}-{_d(rng, 4)}", "ID"),
        "sample": (f"BIO{exam.year % 100:02d}-{_d(rng, 6)}-{_pick(rng, 'ABCD')}{int(rng.integers(1, 9))}", "ID"),
        "finess": (finess_number(rng), "ID"),
        "adeli": (adeli_number(rng), "ID"),
        "nhs": (nhs_number(rng), "ID"),
        # unlabelled: field words and traps
        "pn_tail": (pn_tail, None),
        "asr_title": (("monsieur" if male else "madame") if fr else ("mr" if male else "mrs"), None),
        "allied_job": (_pick(rng, ALLIED_FR if fr else ALLIED_EN), None),
        "language": (_pick(rng, LANGUAGES_FR if fr else LANGUAGES_EN), None),
        "year_alone": (str(exam.year - int(rng.integers(2, 9))), None),
        "quarter": (quarter, None),
        "season": (season, None),
        "age_band": (age_band, None),
        "gest": (gest, None),
        "teeth": (teeth, None),
        "visit": (f"V{int(rng.integers(1, 7))}", None),
        "protocol": (_pick(rng, PROTOCOLS), None),
        "ccam": (_pick(rng, CCAM), None),
        "ngap": (_pick(rng, NGAP), None),
        "cpt": (_pick(rng, CPT), None),
        "icd": (_pick(rng, ICD10), None),
        "loinc": (_pick(rng, LOINC), None),
        "radlex": (_pick(rng, RADLEX), None),
        "amount": (amount, None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "anatomy": (_pick(rng, ANATOMY_FR if fr else ANATOMY_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "implant": (_pick(rng, IMPLANTS_FR if fr else IMPLANTS_EN), None),
        "drug": (_pick(rng, DRUGS_FR if fr else DRUGS_EN), None),
        "dose": (_pick(rng, DOSES_FR if fr else DOSES_EN), None),
        "equipment": (_pick(rng, EQUIPMENT), None),
        "lot": (f"{_d(rng, 2)}{_pick(rng, 'ABCKX')}{_d(rng, 3)}", None),
        "time": (time, None),
        "duration": (duration, None),
        "room": (str(int(rng.integers(1, 12))), None),
        "box": (str(int(rng.integers(1, 9))), None),
    }
    return split_towns(slots, FR_TEMPLATES if fr else EN_TEMPLATES, "creche")
