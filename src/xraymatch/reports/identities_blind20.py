"""Blind20 template family: the patient followed through a series of visits and handed from one team to the next -
orthopaedic and trauma follow-up (cast-clinic checks weeks after surgery, joint-registry entries with implant serial
numbers beside catalogue references and lot numbers, physiotherapy referrals to a named practice), child-protection
skeletal surveys (an "information préoccupante" / safeguarding referral number, parents and step-parents with other
surnames, social workers, school nurses, the child's school and class, police references), radiotherapy planning and
oncology follow-up (planning-CT dates, treatment-course identifiers, dose and fractions, linear accelerators,
tumour-marker tables, RECIST target lesions, trial visit codes), emergency-department triage sheets (arrival times,
bays and boxes, triage categories, NEWS2, ambulance incident numbers), and patients from Romania, Bulgaria, Sweden,
Norway, Finland and Spain living in France or the UK, identified by their national numbers with their keys: the
Romanian CNP (weights 2 7 9 1 4 6 3 5 8 2 7 9, mod 11), the Bulgarian EGN (weights 2 4 8 5 10 9 7 3 6, mod 11), the
Swedish personnummer (Luhn), the Norwegian fødselsnummer (two mod-11 keys), the Finnish HETU (mod-31 check
character) and the Spanish NIE (mod-23 letter, X/Y/Z read as 0/1/2).

Written by an independent auditor who never read the detector (reports/deid/), for a twentieth blind estimate of how
it generalises. No "Patient:" label: the patient is a child in a referral, a registry entry, a participant at a
visit, a triage line, a translated record.

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions:
- A foreign national number (CNP, EGN, personnummer, fødselsnummer, HETU, NIE) is ONE ID span, its separators and
  century sign included; the birth date written inside it is not a DATE of its own. The scheme's name ("CNP",
  "personnummer") is not an identifier.
- Names of every origin are labelled as written: a Bulgarian or Russian patronymic between first name and surname
  ("Petar Ivanov Georgiev") is part of the PATIENT span (it is the father's first name, and it narrows the patient);
  a Spanish double surname ("García Ortega") is one span; Nordic "-dóttir/-sen" names like any surname.
- Child protection: the child is PATIENT; parents, step-parents, foster carers, social workers, school nurses and
  police officers are PERSON; kinship words ("mère", "beau-père", "mum", "stepdad") stay outside the spans. The
  school, the child-welfare service (ASE, children's social care, MASH) and a police unit are INSTITUTION (each can
  point to the child, round-6 scope); the referral number (information préoccupante, MASH / safeguarding reference),
  the police procedure number and the case-conference number are ID. A school class or year group ("CM1 B", "Year 4",
  "Reception") is NOT an identifier (a level, like a ward or a bed; trap).
- Orthopaedic follow-up: a joint-registry number (NJR, registre) and an implant's serial number are ID (Safe Harbor
  device serial numbers); the catalogue reference (REF) and the lot number name a product batch, not a person:
  traps, like the cast type, weeks after surgery ("S6 post-op", "6/52"), classifications (Salter-Harris, Garden, AO)
  and numbers of physiotherapy sessions. The physiotherapist is PERSON, the physiotherapy practice INSTITUTION.
- Radiotherapy and oncology: the planning-CT date and treatment start date are DATE; the treatment-course / plan
  identifier is ID; dose and fractions, linear-accelerator names, tumour-marker values with their ranges, RECIST
  target-lesion lines and trial visit codes ("C3J1", "C3D1", "V5") are traps; a trial participant number is ID and
  the trial acronym a trap (blind17's protocol rule); a marker's sampling date is DATE.
- Emergency triage: arrival times, bays and boxes, triage categories (CIMU, Manchester, ATS), NEWS2 and pain scores
  are traps; an ambulance / SAMU incident number is ID (it points to one call about one person); the paramedic and
  the triage nurse are PERSON.
- An age in months or years of a child is AGE (the project rule); countries and languages of origin are traps.
- A day and month without a year ("since falling on 5 March") is DATE: Safe Harbor removes every date element but
  the year, and the injury date with the exam's year rebuilds the full date (blind17 leaves a day alone unlabelled).
- A hotel, shop or company that employs the patient is INSTITUTION (the round-6 employer rule); a hotel where the
  patient only stays stays LOCATION (blind18). A translator and the court before which they are sworn are PERSON and
  INSTITUTION (courts, round-6 scope); a sworn-translation formula is not an identifier.
- Ranks and police grades ("DC", "OPJ", "brigadier-chef") are titles, outside the PERSON span; a collar number or
  "matricule" is ID (the staff-number rule).
`blind20_draw(lang, rng)` returns (slots, templates) like `blind18_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots, split_towns
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _d, _pick, _slug, luhn_digit

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Consultation plâtre, contrôle radiographique à {postop} : {first} {LAST}, {age}, opéré(e) le "
            "{surgery_date} par {surgeon} ; immobilisation par {cast}.\n",
            "Registre national des prothèses - entrée {registry} : {first} {LAST} ({age}), implant n° de série "
            "{implant_serial}, réf. {implant_ref}, lot {lot}, posé le {surgery_date}.\n",
            "Ordonnance de rééducation ({sessions}) pour {first} {LAST}, {age}, adressé(e) au {physio_practice}, "
            "kinésithérapeute {physio}.\n",
            "Information préoccupante n° {ip_ref} - enfant {first} {LAST}, {age_child}, élève de {class_grade} à "
            "l'{school} ; mère : {mother}, beau-père : {stepparent} ; infirmière scolaire {school_nurse}.\n",
            "Radiothérapie - scanner de planification du {rt_date}, plan {rt_course}, {dose_fx} sur {linac} ; "
            "patient(e) suivi(e) : {first} {LAST}, {age}.\n",
            "Essai {trial} - participant(e) {trial_id}, visite {visit_code} : {first} {LAST}, {age} ; marqueurs "
            "prélevés le {marker_date} : {marker} ; cibles RECIST {recist}.\n",
            "Fiche de tri SAU - arrivée {arrival}, {bay}, tri {triage}, {news} ; {first} {LAST}, {age}, amené(e) "
            "par {paramedic}, intervention SAMU n° {incident}.\n",
            "Traduction assermentée (original en {language}) : {first} {LAST}, {age}, {id_kind} {nat_id}, "
            "demeurant {address}.\n",
        ],
        [
            "Date de naissance {dob} - dossier {ipp}\n",
            "{id_kind} {nat_id} ; née/né le {dob}\n",
            "IPP {ipp} · DDN {dob} · domicile {address}\n",
            "Pièce d'identité étrangère ({country}) : {id_kind} {nat_id}\n",
        ],
        [
            "Signalement transmis à l'{csc} (référente {social_worker}) ; procédure {police_ref}, {police_unit}.\n",
            "Traumatisme du {injury_date} rapporté par {mother}.\n",
            "Prochain contrôle le {next_visit} à {town}.\n",
            "Téléphone de la famille : {phone}\n",
        ],
    ],
    "pre": [
        [
            "Mentions sans valeur d'identification : {eponym} ; {classif} ; {cast} ; {postop} ; réf. {implant_ref} ; "
            "{dose_fx} ; {linac} ; {marker} ; {recist} ; visite {visit_code} ; {bay} ; {news} ; {sessions}.\n",
            "Contexte : {trial}, {class_grade}, arrivée à {arrival}, tri {triage}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nCompte rendu validé par {radiologist} ({institution}), joignable au {phone} ou {email}\n",
            "\n{radiologist} - {institution}\nCopie : {surgeon} ; {physio} ({physio_practice})\n",
            "\nLecture : {radiologist}, {institution} - secrétariat {phone}\n",
            "\nDossier suivi par {oncologist} ({cancer_centre}) ; {radiologist}, {institution}\n",
        ],
        [
            "Imagerie de la série consultable sur {url}\n",
            "Validé le {exam_date}\n",
            "Correspondance : {email}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "Fracture clinic cast check at {postop}: {first} {LAST}, {age}, operated on {surgery_date} by {surgeon}; "
            "immobilised in {cast}.\n",
            "National Joint Registry record {registry}: {first} {LAST} ({age}), implant serial {implant_serial}, "
            "cat. no. {implant_ref}, batch {lot}, implanted {surgery_date}.\n",
            "Physiotherapy referral ({sessions}) for {first} {LAST}, {age}, to {physio_practice}, treating "
            "physiotherapist {physio}.\n",
            "Safeguarding referral {ip_ref} - child {first} {LAST}, {age_child}, in {class_grade} at {school}; mum "
            "{mother}, stepdad {stepparent}; school nurse {school_nurse}.\n",
            "Radiotherapy planning CT on {rt_date}, course {rt_course}, {dose_fx} on {linac}; patient {first} "
            "{LAST}, {age}.\n",
            "{trial} study - participant {trial_id}, visit {visit_code}: {first} {LAST}, {age}; markers drawn "
            "{marker_date}: {marker}; RECIST targets {recist}.\n",
            "ED triage sheet - arrived {arrival}, {bay}, {triage}, {news}; {first} {LAST}, {age}, brought in by "
            "{paramedic}, ambulance incident {incident}.\n",
            "Certified translation (original in {language}): {first} {LAST}, {age}, {id_kind} {nat_id}, living at "
            "{address}.\n",
        ],
        [
            "Born {dob} - hospital number {ipp}\n",
            "{id_kind} {nat_id}; date of birth {dob}\n",
            "MRN {ipp} | DOB {dob} | home {address}\n",
            "Foreign identity document ({country}): {id_kind} {nat_id}\n",
        ],
        [
            "Referred to {csc} (social worker {social_worker}); police reference {police_ref}, {police_unit}.\n",
            "Injury on {injury_date} as described by {mother}.\n",
            "Next review {next_visit} in {town}.\n",
            "Family contact number: {phone}\n",
        ],
    ],
    "pre": [
        [
            "Not identifying: {eponym}; {classif}; {cast}; {postop}; cat. no. {implant_ref}; {dose_fx}; {linac}; "
            "{marker}; {recist}; visit {visit_code}; {bay}; {news}; {sessions}.\n",
            "Context: {trial}, {class_grade}, arrival {arrival}, {triage}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nVerified by {radiologist} ({institution}), reachable on {phone} or {email}\n",
            "\n{radiologist} - {institution}\ncc: {surgeon}; {physio} ({physio_practice})\n",
            "\nReporter: {radiologist}, {institution} - secretaries {phone}\n",
            "\nUnder the care of {oncologist} ({cancer_centre}); {radiologist}, {institution}\n",
        ],
        [
            "Images viewable at {url}\n",
            "Verified on {exam_date}\n",
            "Correspondence: {email}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# origin -> (female first names, male first names, surnames; Bulgarian ones as (male, female) forms)
ORIGINS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "ro": (("Ioana", "Andreea", "Mihaela", "Raluca"), ("Ionuț", "Bogdan", "Mihai", "Florin"),
           ("Popescu", "Ionescu", "Dumitrescu", "Stănescu", "Munteanu")),
    "bg": (("Desislava", "Tsvetelina", "Radka"), ("Petar", "Hristo", "Stoyan"),
           ("Georgiev", "Dimitrov", "Stoyanov", "Petkov")),
    "se": (("Linnea", "Astrid", "Maja"), ("Oskar", "Viktor", "Elias"), ("Lindqvist", "Bergström", "Sjöberg")),
    "no": (("Ingrid", "Solveig", "Kari"), ("Håkon", "Sindre", "Eirik"), ("Haugland", "Bråthen", "Solheim")),
    "fi": (("Aino", "Siiri", "Helmi"), ("Juhani", "Eetu", "Lauri"), ("Virtanen", "Mäkelä", "Heikkinen")),
    "es": (("Lucía", "Pilar", "Almudena"), ("Íñigo", "Sergio", "Álvaro"),
           ("García Ortega", "Fernández Ruiz", "Etxeberria", "Navarro Gil")),
}  # fmt: skip
ID_KINDS = {"ro": "CNP", "bg": "EGN", "se": "personnummer", "no": "fødselsnummer", "fi": "HETU", "es": "NIE"}
COUNTRIES_FR = {"ro": "Roumanie", "bg": "Bulgarie", "se": "Suède", "no": "Norvège", "fi": "Finlande", "es": "Espagne"}
COUNTRIES_EN = {"ro": "Romania", "bg": "Bulgaria", "se": "Sweden", "no": "Norway", "fi": "Finland", "es": "Spain"}
LANGUAGES_FR = {"ro": "roumain", "bg": "bulgare", "se": "suédois", "no": "norvégien", "fi": "finnois", "es": "espagnol"}
LANGUAGES_EN = {"ro": "Romanian", "bg": "Bulgarian", "se": "Swedish", "no": "Norwegian", "fi": "Finnish",
                "es": "Spanish"}  # fmt: skip

INSTITUTIONS_FR = ("CHU de Grenoble Alpes", "Hôpital Raymond-Poincaré", "CH de Chambéry", "Hôpital Necker-Enfants "
                   "malades")  # fmt: skip
INSTITUTIONS_EN = ("Royal National Orthopaedic Hospital", "Alder Hey Children's Hospital", "Leeds General Infirmary",
                   "Royal Marsden Hospital")  # fmt: skip
CANCER_FR = ("Centre Léon-Bérard", "Institut Curie", "Centre Oscar-Lambret", "Institut Paoli-Calmettes")
CANCER_EN = ("The Christie", "Clatterbridge Cancer Centre", "Velindre Cancer Centre", "Beatson West of Scotland")
PHYSIO_FR = ("cabinet de kinésithérapie des Allobroges", "centre de rééducation Le Hameau", "cabinet Kiné Gambetta")
PHYSIO_EN = ("Riverside Physio Clinic", "Bridge Street Physiotherapy", "Physio Plus Hammersmith")
SCHOOLS_FR = ("école élémentaire Jules-Ferry de Fontaine", "école maternelle Les Tilleuls", "collège Champollion")
SCHOOLS_EN = ("St Mary's C of E Primary School", "Oakfield Junior School", "Hillcrest Academy")
CSC_FR = ("ASE de l'Isère", "CRIP de Savoie", "Aide sociale à l'enfance du Rhône")
CSC_EN = ("Leeds Children's Social Work Service", "Liverpool MASH", "Children's Social Care, Lewisham")
POLICE_FR = ("brigade de protection des familles de Grenoble", "BPDJ de Chambéry", "commissariat de Villeurbanne")
POLICE_EN = ("Merseyside Police Child Protection Unit", "West Yorkshire Police CAIT", "Metropolitan Police CSE team")
# Traps.
CASTS_FR = ("résine cruro-pédieuse", "manchette plâtrée", "botte en résine", "attelle de Zimmer")
CASTS_EN = ("below-knee fibreglass cast", "scaphoid cast", "above-elbow backslab", "Futura splint")
POSTOP_FR = ("S6 post-opératoire", "J45", "6 semaines", "3 mois post-op")
POSTOP_EN = ("6/52 post-op", "week 6", "3 months post-op", "day 45")
SESSIONS_FR = ("15 séances", "10 séances", "20 séances, 3 par semaine")
SESSIONS_EN = ("6 sessions", "10 sessions", "8 sessions, twice weekly")
CLASS_FR = ("CM1 B", "CE2", "grande section", "6e C")
CLASS_EN = ("Year 4", "Reception", "Year 2 Owls", "Year 7")
DOSES_FR = ("60 Gy en 30 fractions", "50 Gy / 25 fr", "8 Gy en 1 fraction", "40,05 Gy en 15 fractions")
DOSES_EN = ("60 Gy in 30 fractions", "50 Gy/25#", "8 Gy single fraction", "40.05 Gy in 15 fractions")
LINACS = ("TrueBeam 2", "Halcyon", "Versa HD 3", "CyberKnife M6", "Tomotherapy HD")
MARKERS_FR = ("CA 19-9 : 412 U/mL (N < 37)", "ACE 8,4 ng/mL (N < 5)", "PSA 0,04 ng/mL", "CA 125 : 96 U/mL")
MARKERS_EN = ("CA 19-9 412 U/mL (ref < 37)", "CEA 8.4 ng/mL (ref < 5)", "PSA 0.04 ng/mL", "CA-125 96 U/mL")
RECIST_FR = ("L1 foie segment VII 23 mm, L2 surrénale 14 mm", "somme des cibles 61 mm (-18 %)")
RECIST_EN = ("T1 liver segment 7 23 mm, T2 adrenal 14 mm", "sum of targets 61 mm (-18%)")
VISITS_FR = ("C3J1", "C6J15", "V5", "S24")
VISITS_EN = ("C3D1", "C6D15", "V5", "W24")
TRIALS = ("PRODIGE 24", "KEYNOTE-671", "UNICANCER HIGHLIGHT", "STAMPEDE", "CheckMate 816")
ARRIVALS_FR = ("02h47", "14h32", "23h05", "07h58")
ARRIVALS_EN = ("02:47", "14:32", "23:05", "07:58")
BAYS_FR = ("box 4", "salle de déchocage 2", "box UHCD 11", "fauteuil 7")
BAYS_EN = ("majors bay 12", "resus 2", "cubicle 4", "minors chair 7")
TRIAGE_FR = ("CIMU 2", "niveau 3", "FRENCH 3B", "CCMU 4")
TRIAGE_EN = ("Manchester orange", "ATS 2", "MTS yellow", "category 3")
NEWS_FR = ("NEWS2 5", "NEWS2 0", "EVA 7/10", "NEWS2 3")
NEWS_EN = ("NEWS2 5", "NEWS2 0", "pain 7/10", "NEWS2 3")
EPONYMS_FR = ("fracture de Pouteau-Colles", "fracture de Monteggia", "lésion de Hill-Sachs", "ligne de Shenton")
EPONYMS_EN = ("Colles fracture", "Monteggia lesion", "Hill-Sachs defect", "Shenton's line")
CLASSIF = ("Salter-Harris II", "Garden III", "AO 23-A2", "Gustilo IIIA", "Weber B", "Neer 3-part")


# --------------------------------------------------------------------------------------------------- check keys

HETU_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
NIE_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


def _digits(value: str, n: int, name: str) -> None:
    if len(value) != n or not value.isdigit():
        raise ValueError(f"{name}: expected {n} digits, got {value!r}")


def cnp_check(twelve: str) -> str:
    """The Romanian CNP key: the 12 digits weighted 2 7 9 1 4 6 3 5 8 2 7 9, the sum mod 11, 10 written as 1."""
    _digits(twelve, 12, "cnp_check")
    rest = sum(int(c) * w for c, w in zip(twelve, (2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9), strict=True)) % 11
    return "1" if rest == 10 else str(rest)


def egn_check(nine: str) -> str:
    """The Bulgarian EGN key: the 9 digits weighted 2 4 8 5 10 9 7 3 6, the sum mod 11, 10 written as 0."""
    _digits(nine, 9, "egn_check")
    rest = sum(int(c) * w for c, w in zip(nine, (2, 4, 8, 5, 10, 9, 7, 3, 6), strict=True)) % 11
    return "0" if rest == 10 else str(rest)


def personnummer_check(nine: str) -> str:
    """The Swedish personnummer key: Luhn over YYMMDD and the three-digit birth number."""
    _digits(nine, 9, "personnummer_check")
    return luhn_digit(nine)


def fodselsnummer_keys(nine: str) -> str | None:
    """The two Norwegian fødselsnummer keys (weights 3 7 6 1 8 9 4 5 2, then 5 4 3 2 7 6 5 4 3 2 over the ten
    digits; 11 minus the sum mod 11, 11 as 0); None when a key would be 10 (that individual number is never issued)."""
    _digits(nine, 9, "fodselsnummer_keys")
    keys = ""
    for weights in ((3, 7, 6, 1, 8, 9, 4, 5, 2), (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)):
        key = 11 - sum(int(c) * w for c, w in zip(nine + keys, weights, strict=True)) % 11
        if key == 10:
            return None
        keys += "0" if key == 11 else str(key)
    return keys


def hetu_check(nine: str) -> str:
    """The Finnish HETU check character: DDMMYY and the individual number read as one integer, mod 31, indexing
    0-9 then the letters without G, I, O, Q, Z."""
    _digits(nine, 9, "hetu_check")
    return HETU_CHARS[int(nine) % 31]


def nie_letter(nie: str) -> str:
    """The Spanish NIE letter: X, Y, Z read as 0, 1, 2 before the seven digits, mod 23 into the DNI alphabet."""
    if len(nie) != 8 or nie[0] not in "XYZ" or not nie[1:].isdigit():
        raise ValueError(f"nie_letter: expected X, Y or Z and seven digits, got {nie!r}")
    return NIE_LETTERS[int(str("XYZ".index(nie[0])) + nie[1:]) % 23]


def national_number(origin: str, birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A national number of `origin` ("ro", "bg", "se", "no", "fi", "es") for someone born on `birth`, as printed."""
    yy, mm, dd = f"{birth.year % 100:02d}", f"{birth.month:02d}", f"{birth.day:02d}"
    after_2000 = birth.year >= 2000
    if origin == "ro":
        sex = ("5" if male else "6") if after_2000 else ("1" if male else "2")
        twelve = f"{sex}{yy}{mm}{dd}{int(rng.integers(1, 47)):02d}{_d(rng, 3)}"
        return twelve + cnp_check(twelve)
    if origin == "bg":
        month = f"{birth.month + (40 if after_2000 else 0):02d}"
        order = int(rng.integers(0, 500)) * 2 + (0 if male else 1)
        nine = f"{yy}{month}{dd}{order:03d}"
        return nine + egn_check(nine)
    if origin == "se":
        nine = f"{yy}{mm}{dd}{_d(rng, 2)}{_pick(rng, '13579' if male else '02468')}"
        return f"{nine[:6]}{'+' if birth.year < 1925 else '-'}{nine[6:]}{personnummer_check(nine)}"
    if origin == "no":
        while True:
            low, high = (500, 1000) if after_2000 else (0, 500)
            nine = f"{dd}{mm}{yy}{int(rng.integers(low, high)):03d}"
            keys = fodselsnummer_keys(nine)
            if keys is not None:
                return nine + keys
    if origin == "fi":
        individual = f"{int(rng.integers(2, 900)):03d}"
        return f"{dd}{mm}{yy}{'A' if after_2000 else '-'}{individual}{hetu_check(dd + mm + yy + individual)}"
    if origin == "es":
        body = f"{_pick(rng, 'XYZ')}{_d(rng, 7)}"
        return body + nie_letter(body)
    raise ValueError(f"national_number: unknown origin {origin!r}")


# --------------------------------------------------------------------------------------------------- draw

STAFF_KEYS = ("mother", "stepparent", "school_nurse", "social_worker", "surgeon", "physio", "radiologist",
              "oncologist", "paramedic")  # fmt: skip


def blind20_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    origin = _pick(rng, tuple(ORIGINS))
    females, males, surnames = ORIGINS[origin]
    male = bool(rng.random() < 0.5)
    first = _pick(rng, males if male else females)
    last = _pick(rng, surnames)
    if origin == "bg":
        if not male:
            last += "a"  # Georgiev -> Georgieva
        if rng.random() < 0.5:  # a patronymic between first name and surname
            father = _pick(rng, ("Ivanov", "Petrov", "Hristov"))
            first = f"{first} {father if male else father + 'a'}"
    LAST = last.upper() if rng.random() < 0.3 else last
    # other people's surnames: distinct, one word, never the patient's (the mother and step-parent have their own)
    others = [s for s in dict.fromkeys(fake.last_name() for _ in range(60)) if s != last and " " not in s]
    staff = {k: f"{fake.first_name()} {s}" for k, s in zip(STAFF_KEYS, others[: len(STAFF_KEYS)], strict=True)}
    r_first, r_last = staff["radiologist"].split(" ", 1)

    exam = dt.date(2018, 1, 1) + dt.timedelta(days=int(rng.integers(7 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(19 * 365, 85 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    surgery = exam - dt.timedelta(days=int(rng.integers(30, 120)))
    injury = exam - dt.timedelta(days=int(rng.integers(1, 40)))
    rt_date = exam - dt.timedelta(days=int(rng.integers(5, 60)))
    marker_date = exam - dt.timedelta(days=int(rng.integers(1, 10)))
    next_visit = exam + dt.timedelta(days=int(rng.integers(14, 120)))
    fmt = int(rng.integers(7))
    child_months = int(rng.integers(2, 150))

    def date(day: dt.date) -> str:
        return format_date(day, lang, fmt)

    if fr:
        age = f"{years} ans"
        age_child = f"{child_months} mois" if child_months < 24 else f"{child_months // 12} ans"
        phone = f"0{_pick(rng, '4679')} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        domain = _pick(rng, ("chu-grenoble.fr", "aphp.fr", "ch-chambery.fr"))
        address = f"{int(rng.integers(1, 120))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        ip_ref = f"IP-{exam.year}-{_d(rng, 5)}"
        police_ref = f"PV {_d(rng, 5)}/{exam.year}"
        registry = f"RNP-{_d(rng, 9)}"
        ipp = _d(rng, 8)
        incident = f"{exam.year % 100:02d}{_d(rng, 2)}-{_d(rng, 6)}"
    else:
        age = _pick(rng, (f"{years} years", f"{years}y", f"aged {years}"))
        age_child = f"{child_months} months" if child_months < 24 else f"{child_months // 12} years old"
        phone = _pick(rng, (f"07{_d(rng, 3)} {_d(rng, 6)}", f"0113 {_d(rng, 3)} {_d(rng, 4)}",
                            f"+44 151 {_d(rng, 3)} {_d(rng, 4)}"))  # fmt: skip
        domain = _pick(rng, ("nhs.net", "alderhey.nhs.uk", "leedsth.nhs.uk"))
        address = f"{int(rng.integers(1, 200))} {fake.street_name()}, {fake.postcode()}"
        ip_ref = f"MASH/{exam.year % 100:02d}/{_d(rng, 6)}"
        police_ref = f"CRIS {_d(rng, 7)}/{exam.year % 100:02d}"
        registry = f"NJR{_d(rng, 8)}"
        ipp = f"RR{_d(rng, 7)}"
        incident = f"CAD {_d(rng, 4)}-{_d(rng, 5)}"
    slots: Slots = {
        # the patient
        "first": (first, "PATIENT"),
        "LAST": (LAST, "PATIENT"),
        # other persons
        **{k: (v, "PERSON") for k, v in staff.items()},
        # dates and ages
        "dob": (date(birth), "DATE"),
        "exam_date": (date(exam), "DATE"),
        "surgery_date": (date(surgery), "DATE"),
        "injury_date": (date(injury), "DATE"),
        "rt_date": (date(rt_date), "DATE"),
        "marker_date": (date(marker_date), "DATE"),
        "next_visit": (date(next_visit), "DATE"),
        "age": (age, "AGE"),
        "age_child": (age_child, "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS_FR if fr else INSTITUTIONS_EN), "INSTITUTION"),
        "cancer_centre": (_pick(rng, CANCER_FR if fr else CANCER_EN), "INSTITUTION"),
        "physio_practice": (_pick(rng, PHYSIO_FR if fr else PHYSIO_EN), "INSTITUTION"),
        "school": (_pick(rng, SCHOOLS_FR if fr else SCHOOLS_EN), "INSTITUTION"),
        "csc": (_pick(rng, CSC_FR if fr else CSC_EN), "INSTITUTION"),
        "police_unit": (_pick(rng, POLICE_FR if fr else POLICE_EN), "INSTITUTION"),
        "address": (address, "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last)}@{domain}", "EMAIL"),
        "url": (f"https://imagerie.{domain}/viewer?study={_d(rng, 10)}", "URL"),
        # numbers
        "ipp": (ipp, "ID"),
        "nat_id": (national_number(origin, birth, male, rng), "ID"),
        "registry": (registry, "ID"),
        "implant_serial": (f"{_pick(rng, ('SN', 'S/N '))}{_d(rng, 8)}", "ID"),
        "ip_ref": (ip_ref, "ID"),
        "police_ref": (police_ref, "ID"),
        "rt_course": (f"RT{exam.year % 100:02d}-{_d(rng, 5)}", "ID"),
        "trial_id": (f"{_pick(rng, ('FR', 'GB', '033'))}-{_d(rng, 3)}-{_d(rng, 4)}", "ID"),
        "incident": (incident, "ID"),
        # unlabelled: traps
        "id_kind": (ID_KINDS[origin], None),
        "country": ((COUNTRIES_FR if fr else COUNTRIES_EN)[origin], None),
        "language": ((LANGUAGES_FR if fr else LANGUAGES_EN)[origin], None),
        "cast": (_pick(rng, CASTS_FR if fr else CASTS_EN), None),
        "postop": (_pick(rng, POSTOP_FR if fr else POSTOP_EN), None),
        "sessions": (_pick(rng, SESSIONS_FR if fr else SESSIONS_EN), None),
        "class_grade": (_pick(rng, CLASS_FR if fr else CLASS_EN), None),
        "implant_ref": (f"{_d(rng, 2)}-{_d(rng, 4)}-{_d(rng, 3)}", None),
        "lot": (f"{_pick(rng, ('L', 'LOT'))}{_d(rng, 6)}{_pick(rng, 'ABC')}", None),
        "dose_fx": (_pick(rng, DOSES_FR if fr else DOSES_EN), None),
        "linac": (_pick(rng, LINACS), None),
        "marker": (_pick(rng, MARKERS_FR if fr else MARKERS_EN), None),
        "recist": (_pick(rng, RECIST_FR if fr else RECIST_EN), None),
        "visit_code": (_pick(rng, VISITS_FR if fr else VISITS_EN), None),
        "trial": (_pick(rng, TRIALS), None),
        "arrival": (_pick(rng, ARRIVALS_FR if fr else ARRIVALS_EN), None),
        "bay": (_pick(rng, BAYS_FR if fr else BAYS_EN), None),
        "triage": (_pick(rng, TRIAGE_FR if fr else TRIAGE_EN), None),
        "news": (_pick(rng, NEWS_FR if fr else NEWS_EN), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
    }
    return split_towns(slots, FR_TEMPLATES if fr else EN_TEMPLATES, "csc")
