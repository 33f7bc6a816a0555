"""Blind11 template family: documents that name several patients or name the patient without any "Patient:" field -
ward-round lists and SBAR hand-overs, report addenda and corrections, inter-hospital transfer requests,
video-consultation transcripts with speaker turns, medico-legal expert reports, home-care (HAD) nursing notes,
social-work notes, SMS reminders with short links, supplementary-insurance (mutuelle) forms, implant traceability
with GS1 UDI strings, and complaint letters written by relatives.

Written by an independent auditor who never read the detector (reports/deid/), for an eleventh blind estimate of how
it generalises. New identifier shapes: surnames with particles and compound surnames ("de la Fuente", "van der Berg",
"Ben Ali", "Abu Bakr", "Gonçalves da Silva"), Vietnamese, Arabic, Polish and Portuguese names with diacritics
("Nguyen Thi Lan", "Małgorzata Wiśniewska"), ISO 8601 timestamps with a time zone, dates written in words ("douze
mars deux mille vingt-quatre", "the twelfth of March 2024"), DICOM AS ages ("067Y"), DICOM DA dates ("20240312"),
phone numbers given as WhatsApp/Signal contacts, postal addresses inside one CSV cell, Polish PESEL numbers (check
digit), court docket numbers, mutuelle member numbers.

Gold conventions (those of blind10 and `entities.LABELS`), with these decisions:
- A span is the identifier text only: no titles ("Mme", "Dr", "Me" for a lawyer), no field words, no quotes of a
  CSV cell, no "WhatsApp"/"Signal" word, no "the" before a date in words.
- Multi-patient documents (ward-round lists, hand-overs, a room-mate mentioned): EVERY patient named is PATIENT, not
  only the subject of the report - each is a patient whose record it is in the hospital's eyes, and each must go.
- A speaker turn ("Lan Nguyen Thi : Oui ...", "[patient] Ms Abu Bakr:") names the speaker: PATIENT for the patient,
  PERSON for the clinician. The victim in a medico-legal report is the patient: PATIENT. Court-appointed experts,
  lawyers, nurses, social workers, pharmacists, surgeons, the relative who writes a complaint: PERSON.
- A name with a particle or compound surname is one span with its particles ("de la Fuente", "Ben Ali", "Nguyen
  Thi"). In the case file a first and last name written together are one span; the generator plants them as two
  adjacent spans of the same label ({first} and {LAST} slots), which overlap scoring treats alike.
- An ISO 8601 timestamp's DATE is its calendar part ("2024-03-12" of "2024-03-12T08:41:00+01:00"; the time and
  zone are not identifiers: project convention of entities.py, after blind5, blind6 and blind8); DICOM DA
  ("20240312") is DATE. Dates in words are DATE over the whole expression ("douze mars deux mille vingt-quatre",
  "twelfth of March 2024"). Times alone, durations and relative dates stay traps.
- DICOM AS ages ("067Y", "004M") are AGE, the whole token.
- A PHONE given as a WhatsApp/Signal contact is PHONE (the number only).
- A postal address in a CSV cell is LOCATION, the whole cell content ("12 rue des Lilas, 69003 Lyon").
- Courts ("tribunal judiciaire de Lyon", "County Court at Leeds"), home-care services (HAD), pharmacies and
  hospitals are INSTITUTION (round 6 scope). Mutuelles and insurers are NOT (they cannot point to one person; blind5,
  blind8 and blind10 left them unlabelled); the member (adhérent) number is ID. Court docket numbers ("RG n°
  24/01234") are ID.
- Implant traceability: the serial number of one implant (GS1 AI (21), "n° de série") is ID - it points to the one
  patient who carries it. The GTIN (AI (01)) and REF name the model, the lot (AI (10)) is shared by thousands, the
  expiry (AI (17)) is the device's, not a person's: all traps.
- A date range written as one expression ("2 au 3 juin 2024", "2-3 June 2024") is one DATE span. A bare number that
  is an age ("I'm 58", "Doris Featherstone, 91,") is AGE. A DICOM PN value ("ABU BAKR^OMAR") is one PATIENT span.
  Law firms instructing an expert and physiotherapy practices are INSTITUTION.
- NOT identifiers (traps): the X-ray unit's DeviceSerialNumber (0018,1000) (it names a machine, not a person),
  eponyms and anatomical eponyms used as such (ampoule de Vater, hernie de Morgagni),
  classifications and scores (NYHA, Glasgow, Braden, Garden), SBAR letters, bed and room numbers, implant brands, drug
  names and doses, equipment models, exposure settings, times, durations, relative dates, the mutuelle's name.
`blind11_draw(lang, rng)` returns (slots, templates) like `blind10_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import MONTHS_EN, MONTHS_FR, _faker, format_date
from xraymatch.reports.identities_blind5 import _d, _pick, _slug

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Visite du {iso_date}{iso_clock}"
            " - liste des patients du secteur B\n- lit {bed} : {LAST} {first}, {age}, {eponym}\n"
            "- lit {bed2} : {patient2}, {age2}, sortie envisagée\n",
            "Relève SBAR ({iso_date}{iso_clock}"
            ") de {nurse} à {oncall}\nS : {first} {LAST}, {age}, dyspnée ; B : {classif} ; "
            "A : stable ; R : scanner à {time}\n",
            "ADDENDUM du {addendum_date} rédigé par le Dr {author} : le présent texte remplace le compte rendu du "
            "{exam_date} établi au nom de {first} {LAST}.\n",
            "Demande de transfert vers {dest_inst} pour {first} {LAST} ({age}), accord téléphonique du Dr "
            "{transfer_doc} le {words_date}.\n",
            "Transcription de téléconsultation vidéo\nDr {consultant} : Bonjour, pouvez-vous vous présenter ?\n"
            "{first} {LAST} : Oui, j'ai {age} et j'ai mal au genou depuis {duration}.\n",
            "Rapport d'expertise judiciaire ordonnée par le {court} (RG n° {docket}) au bénéfice de la victime "
            "{first} {LAST} ; expert désigné : {expert} ; conseil : Me {lawyer}.\n",
            "Feuille de soins HAD - {had} - passage de {nurse} le {words_date} chez {first} {LAST}.\n",
            "Note sociale de {social_worker} : {first} {LAST} vit seul(e) ; son fils {relative} est joignable par "
            "WhatsApp au {whatsapp}.\n",
            "SMS envoyé le {iso_date}{iso_clock}"
            " au {phone} : « Bonjour {first}, votre radio est prévue le {exam_date} à {time}. "
            "Confirmez ici : {url} »\n",
            "Formulaire de prise en charge mutuelle {insurer} - adhérent n° {adherent} - bénéficiaire : {LAST} "
            "{first}, né(e) le {birth_date}.\n",
            "Madame la Directrice,\nJe soussigné(e) {relative}, enfant de {first} {LAST}, souhaite déposer une "
            "réclamation au sujet de la radiographie du {words_date} à {inst}.\n",
        ],
        [
            "Traçabilité : {implant}, UDI (01){gtin}(17){expiry}(10){lot}(21){serial}, posé par le Dr {surgeon}.\n",
            "En-tête DICOM : PatientAge={dicom_age} ; StudyDate={dicom_date} ; Operator={nurse2}\n",
            'Ligne d\'export : "{LAST}";"{first}";"{csv_address}";"{dicom_date}"\n',
            "Dispensation : {pharmacy}, {drug}, délivré par {pharmacist}.\n",
            "Voisin(e) de chambre également radiographié(e) : {patient2}, {age2}.\n",
            "Numéro PESEL (patient(e) polonais(e)) : {pesel}\n",
            "",
        ],
        [
            "Coordonnées : {home_address} ; Signal {whatsapp}\n",
            "Écrire à {email} ou appeler le {phone}\n",
            "Images téléchargeables : {url}\n",
            "Adressé(e) à {inst}, {inst_address}\n",
        ],
    ],
    "pre": [
        [
            "Chez {title} {LAST} : {anatomy} sans particularité ; {dose} ; appareil {equipment} ; {duration}, salle "
            "{room}, contrôle {rel_date}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nFait à {town}, le {words_date}.\n{expert}, expert près la cour d'appel\n",
            "\nAddendum validé électroniquement le {iso_date}{iso_clock} par {author}.\n",
            "\nCopie au Dr {gp}, {inst_address}.\n",
            "\nRéclamation signée par {relative}, {home_address}.\n",
        ],
        [
            "Réponse sécurisée : {email}\n",
            "Lien de suivi {url}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "Ward round {iso_date}{iso_clock} - bay 3 list\n* bed {bed}: {LAST}, {first} ({age}) - {eponym}\n"
            "* bed {bed2}: {patient2} ({age2}) - for discharge\n",
            "SBAR handover {iso_date}{iso_clock}"
            ", {nurse} to {oncall}\nS: {first} {LAST}, {age}, short of breath. B: {classif}. "
            "A: stable. R: CT at {time}\n",
            "ADDENDUM {addendum_date} by Dr {author}: this supersedes the report of {exam_date} issued for {first} "
            "{LAST}.\n",
            "Transfer request to {dest_inst} for {first} {LAST} ({age}); accepted by phone by Dr {transfer_doc} on "
            "the {words_date}.\n",
            "Video consultation transcript\n[clinician] Dr {consultant}: Hello, can you confirm who I am speaking to?\n"
            "[patient] {first} {LAST}: Yes, I'm {age}, and the knee has hurt for {duration}.\n",
            "Medico-legal report instructed by {court} (claim no. {docket}): claimant {first} {LAST}; expert witness "
            "{expert}; solicitor {lawyer}.\n",
            "Home-care visit note - {had} - {nurse} visited {first} {LAST} at home on the {words_date}.\n",
            "Social work note by {social_worker}: {first} {LAST} lives alone; son {relative} reachable on WhatsApp "
            "{whatsapp}.\n",
            "Text reminder sent {iso_date}{iso_clock}"
            " to {phone}: 'Hi {first}, your X-ray is on {exam_date} at {time}. Reply or "
            "tap {url}'\n",
            "Supplementary cover form - {insurer} - member no. {adherent} - insured person: {LAST}, {first}, DOB "
            "{birth_date}.\n",
            "To the Patient Advice and Liaison Service,\nI, {relative}, write on behalf of my parent {first} {LAST} "
            "about the X-ray on the {words_date} at {inst}.\n",
        ],
        [
            "Implant log: {implant}, UDI (01){gtin}(17){expiry}(10){lot}(21){serial}, implanted by {surgeon}, "
            "consultant surgeon.\n",
            "DICOM tags: (0010,1010) AS {dicom_age} | (0008,0020) DA {dicom_date} | operator {nurse2}\n",
            'CSV row: {LAST},{first},"{csv_address}",{dicom_date}\n',
            "Dispensed by {pharmacy}: {drug}, pharmacist {pharmacist}.\n",
            "Bed neighbour also imaged today: {patient2}, {age2}.\n",
            "Polish national number (PESEL): {pesel}\n",
            "",
        ],
        [
            "Contact: {home_address}; Signal {whatsapp}\n",
            "Email {email} or phone {phone}\n",
            "Download images: {url}\n",
            "Referred to {inst}, {inst_address}\n",
        ],
    ],
    "pre": [
        [
            "In {title} {LAST}: {anatomy} unremarkable; {dose}; unit {equipment}; {duration}, room {room}, review "
            "{rel_date}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nSigned at {town} on the {words_date}.\n{expert}, expert witness\n",
            "\nAddendum e-signed {iso_date}{iso_clock} by {author}.\n",
            "\ncc Dr {gp}, {inst_address}.\n",
            "\nComplaint signed by {relative}, {home_address}.\n",
        ],
        [
            "Secure reply: {email}\n",
            "Tracking link {url}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Names of many traditions, particles and compound surnames kept whole: (first name, surname, male).
WORLD_NAMES = (
    ("Inés", "de la Fuente", False),
    ("Pieter", "van der Berg", True),
    ("Yassine", "Ben Ali", True),
    ("Omar", "Abu Bakr", True),
    ("Lan", "Nguyen Thi", False),
    ("Małgorzata", "Wiśniewska", False),
    ("Łukasz", "Dąbrowski", True),
    ("João", "Gonçalves da Silva", True),
    ("Fatima Zahra", "El Idrissi", False),
    ("Hương", "Trần", False),
    ("Conceição", "dos Santos", False),
    ("Aoife", "Ní Bhriain", False),
)
EPONYMS_FR = ("maladie de Paget", "fracture de Pouteau-Colles", "syndrome de Tietze", "maladie de Forestier")
EPONYMS_EN = ("Paget's disease", "Colles fracture", "Tietze syndrome", "Forestier disease")
ANATOMY_FR = ("ampoule de Vater", "hernie de Morgagni", "polygone de Willis", "canal de Wirsung")
ANATOMY_EN = ("ampulla of Vater", "foramen of Morgagni", "circle of Willis", "duct of Wirsung")
CLASSIF = ("NYHA III", "Glasgow 14", "Braden 12", "Garden IV", "CHA2DS2-VASc 4")
IMPLANTS_FR = ("prothèse de hanche Corail DePuy", "clou Gamma3 Stryker", "stimulateur Medtronic Azure")
IMPLANTS_EN = ("DePuy Corail hip stem", "Stryker Gamma3 nail", "Medtronic Azure pacemaker")
DRUGS_FR = ("Eliquis 5 mg x 2/j", "Lovenox 4000 UI/j", "Oxynorm 5 mg si besoin")
DRUGS_EN = ("apixaban 5 mg bd", "enoxaparin 40 mg od", "oxycodone 5 mg prn")
DOSES = ("PDS 2,4 Gy.cm²", "IDSV 8,1 mGy", "PDL 412 mGy.cm")
DOSES_EN = ("DAP 2.4 Gy.cm2", "CTDIvol 8.1 mGy", "DLP 412 mGy.cm")
EQUIPMENT = ("GE Revolution EVO", "Canon Aquilion Prime SP", "Siemens Somatom go.Up", "Agfa DX-D 600")
INSURERS_FR = ("Harmonie Mutuelle", "MGEN", "Malakoff Humanis", "AG2R La Mondiale")
INSURERS_EN = ("Bupa", "AXA Health", "Vitality", "Aviva")

# Dates in words.
FR_NUMBERS = (
    "", "premier", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt", "vingt et un",
    "vingt-deux", "vingt-trois", "vingt-quatre", "vingt-cinq", "vingt-six", "vingt-sept", "vingt-huit",
    "vingt-neuf", "trente", "trente et un",
)  # fmt: skip
EN_ORDINALS = (
    "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
    "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    "twentieth", "twenty-first", "twenty-second", "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth",
    "twenty-seventh", "twenty-eighth", "twenty-ninth", "thirtieth", "thirty-first",
)  # fmt: skip
EN_YEARS = {
    2016: "two thousand and sixteen", 2017: "two thousand and seventeen", 2018: "two thousand and eighteen",
    2019: "two thousand and nineteen", 2020: "twenty twenty", 2021: "twenty twenty-one", 2022: "twenty twenty-two",
    2023: "twenty twenty-three", 2024: "twenty twenty-four", 2025: "twenty twenty-five",
}  # fmt: skip


def french_year(year: int) -> str:
    """A year 2001-2099 in French words ("deux mille vingt-quatre")."""
    rest = year - 2000
    if not 1 <= rest <= 99:
        raise ValueError(f"french_year: {year} is outside 2001-2099")
    if rest <= 31 and rest != 1:
        return f"deux mille {FR_NUMBERS[rest]}"
    tens = ("", "dix", "vingt", "trente", "quarante", "cinquante", "soixante", "septante", "quatre-vingt", "nonante")
    units = ("", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
    if rest == 1:
        return "deux mille un"
    t, u = divmod(rest, 10)
    word = tens[t] if u == 0 else (f"{tens[t]} et un" if u == 1 else f"{tens[t]}-{units[u]}")
    return f"deux mille {word}"


def date_in_words(date: dt.date, lang: str, style: int) -> str:
    """A date written in words (style picks the spelling); the span the gold labels DATE, "the"/"le" left out."""
    if lang == "fr":
        day = FR_NUMBERS[date.day]
        month = MONTHS_FR[date.month - 1]
        options = (f"{day} {month} {french_year(date.year)}", f"{day} {month} {date.year}")
    else:
        day = EN_ORDINALS[date.day]
        month = MONTHS_EN[date.month - 1]
        options = (f"{day} of {month} {date.year}", f"{day} of {month}, {EN_YEARS.get(date.year, str(date.year))}")
    return options[style % len(options)]


def iso_timestamp(moment: dt.datetime, rng: np.random.Generator) -> tuple[str, str]:
    """An ISO 8601 timestamp with a zone ("Z", "+01:00"/"+02:00" or the compact "+0100") as (calendar part, rest):
    only the calendar part is DATE (project convention, entities.py); the time and zone are not identifiers."""
    zone = _pick(rng, ("Z", "+01:00", "+02:00", "+0100", "-05:00"))
    sep = _pick(rng, ("T", "T", " "))
    return moment.strftime("%Y-%m-%d"), moment.strftime(f"{sep}%H:%M:%S") + zone


def dicom_age(years: int, months: int = 0) -> str:
    """A DICOM AS value: three digits and a unit, months ("M") below two years."""
    if years < 2:
        return f"{years * 12 + months:03d}M"
    return f"{years:03d}Y"


# --------------------------------------------------------------------------------------------------- check digits


def gs1_check(body: str) -> str:
    """The GS1 (GTIN/EAN) check digit: weights 3,1 from the right, 10 minus the sum mod 10."""
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def pesel_check(ten: str) -> str:
    """The Polish PESEL check digit: weights 1,3,7,9 repeated, 10 minus the sum mod 10."""
    total = sum(int(c) * w for c, w in zip(ten, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3), strict=True))
    return str((10 - total % 10) % 10)


def pesel_number(birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A PESEL: YYMMDD (month + 20 for the 2000s), a 4-digit serial whose last digit is odd for men, its check."""
    month = birth.month + (20 if birth.year >= 2000 else 0)
    sex = int(_pick(rng, (1, 3, 5, 7, 9) if male else (0, 2, 4, 6, 8)))
    ten = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{_d(rng, 3)}{sex}"
    return ten + pesel_check(ten)


def gtin14(rng: np.random.Generator) -> str:
    """A GTIN-14 (model number of an implant: a trap) with its GS1 check digit."""
    body = "0" + _d(rng, 12)
    return body + gs1_check(body)


# --------------------------------------------------------------------------------------------------- draw


def _alnum(rng: np.random.Generator, n: int) -> str:
    return "".join(_pick(rng, tuple("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")) for _ in range(n))


def blind11_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    male = bool(rng.random() < 0.5)
    if rng.random() < 0.5:
        first, last, male = _pick(rng, WORLD_NAMES)
    else:
        first = fake.first_name_male() if male else fake.first_name_female()
        last = fake.last_name()
    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 92 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    years2 = int(rng.integers(1, 95))
    moment = dt.datetime(exam.year, exam.month, exam.day, int(rng.integers(0, 24)), int(rng.integers(60)))
    moment += dt.timedelta(seconds=int(rng.integers(60)))
    addendum = exam + dt.timedelta(days=int(rng.integers(1, 15)))
    later = exam + dt.timedelta(days=int(rng.integers(0, 30)))
    expiry = exam + dt.timedelta(days=int(rng.integers(200, 1500)))

    used = {last}

    def person() -> str:
        """A person not yet named in this document (never the patient's surname, never two people alike)."""
        while True:
            if rng.random() < 0.2:
                f, surname, _ = _pick(rng, WORLD_NAMES)
            else:
                f, surname = fake.first_name(), fake.last_name()
            if surname not in used:
                used.add(surname)
                return f"{f} {surname}"

    city = fake.city()
    street = fake.street_address().replace("\n", ", ")
    if fr:
        pairs = " ".join(_d(rng, 2) for _ in range(4))
        phone = _pick(rng, (f"0{_pick(rng, ('6', '7'))} {pairs}", f"+33 {_pick(rng, ('6', '7'))} {pairs}"))
        more = " ".join(_d(rng, 2) for _ in range(4))
        whatsapp = _pick(
            rng, (f"06 {more}", f"+33 7 {more}", f"+213 5{_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}")
        )
        age = _pick(rng, (f"{years} ans", f"{years} ans et demi", f"{years}a"))
        age2 = _pick(rng, (f"{years2} ans", f"{years2}a"))
        home_address = f"{street}, {fake.postcode()} {city}"
        csv_address = f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
        inst = _pick(rng, (f"CH de {city}", f"Clinique {fake.last_name()}", f"Hôpital privé de {city}"))
        dest_inst = _pick(rng, (f"CHU de {fake.city()}", f"Institut {fake.last_name()}"))
        inst_address = f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
        court = f"tribunal judiciaire de {fake.city()}"
        had = _pick(rng, (f"HAD {fake.city()} Santé", f"Santé Service {fake.city()}"))
        pharmacy = _pick(rng, (f"Pharmacie {fake.last_name()}", f"Pharmacie du centre de {city}"))
        docket = f"{exam.year % 100:02d}/{_d(rng, 5)}"
        adherent = _pick(rng, (f"{_d(rng, 10)}", f"AD-{_d(rng, 8)}"))
        email = _pick(rng, (f"{_slug(first)}.{_slug(last)}@orange.fr", f"{_slug(last)}{_d(rng, 2)}@free.fr"))
        url = _pick(rng, (f"https://rdv.im/{_alnum(rng, 6)}", f"https://cr.{_slug(city)}-radio.fr/{_alnum(rng, 8)}"))
        title = "M." if male else "Mme"
        time = f"{int(rng.integers(7, 20))}h{int(rng.integers(60)):02d}"
        duration = _pick(rng, ("trois semaines", "15 jours", "deux mois"))
        rel_date = _pick(rng, ("à J+7", "dans un mois", "demain"))
    else:
        phone = _pick(rng, (f"07{_d(rng, 3)} {_d(rng, 6)}", f"+44 7{_d(rng, 3)} {_d(rng, 6)}"))
        whatsapp = _pick(
            rng, (f"07{_d(rng, 3)} {_d(rng, 3)} {_d(rng, 3)}", f"+48 {_d(rng, 3)} {_d(rng, 3)} {_d(rng, 3)}")
        )
        age = _pick(rng, (f"{years} yrs", f"{years} years", f"{years}yo"))
        age2 = _pick(rng, (f"{years2} yrs", f"{years2}yo"))
        home_address = f"{street}, {city} {fake.postcode()}"
        csv_address = f"{fake.street_address()}, {fake.city()} {fake.postcode()}".replace("\n", ", ")
        inst = _pick(rng, (f"{city} General Hospital", f"{fake.last_name()} Community Hospital"))
        dest_inst = _pick(rng, (f"{fake.city()} Major Trauma Centre", f"St {fake.first_name()}'s Hospital"))
        inst_address = f"{fake.street_address()}, {fake.city()} {fake.postcode()}".replace("\n", ", ")
        court = f"the County Court at {fake.city()}"
        had = _pick(rng, (f"{fake.city()} Hospital at Home", f"{fake.city()} Community Nursing Team"))
        pharmacy = _pick(rng, (f"{fake.last_name()} Pharmacy", f"{city} Chemists"))
        docket = f"{_d(rng, 2)}{_pick(rng, ('QB', 'YJ', 'MA'))}{_d(rng, 5)}"
        adherent = _pick(rng, (f"{_d(rng, 9)}", f"MBR{_d(rng, 7)}"))
        email = _pick(rng, (f"{_slug(first)}.{_slug(last)}@outlook.com", f"{_slug(last)}{_d(rng, 2)}@yahoo.co.uk"))
        url = _pick(rng, (f"https://nhs.to/{_alnum(rng, 6)}", f"https://bit.ly/{_alnum(rng, 7)}"))
        title = "Mr" if male else _pick(rng, ("Ms", "Mrs"))
        time = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        duration = _pick(rng, ("three weeks", "a fortnight", "two months"))
        rel_date = _pick(rng, ("in a week", "next month", "tomorrow"))
    if rng.random() < 0.3:
        last = last.upper()

    slots: Slots = {
        # patients (every patient named in a multi-patient document is PATIENT)
        "first": (first, "PATIENT"),
        "LAST": (last, "PATIENT"),
        "patient2": (person(), "PATIENT"),
        # other persons
        "nurse": (person(), "PERSON"),
        "nurse2": (person(), "PERSON"),
        "oncall": (person(), "PERSON"),
        "author": (person(), "PERSON"),
        "transfer_doc": (person(), "PERSON"),
        "consultant": (person(), "PERSON"),
        "expert": (person(), "PERSON"),
        "lawyer": (person(), "PERSON"),
        "social_worker": (person(), "PERSON"),
        "relative": (person(), "PERSON"),
        "surgeon": (person(), "PERSON"),
        "pharmacist": (person(), "PERSON"),
        "gp": (person(), "PERSON"),
        # dates and ages
        "iso_date": ((iso := iso_timestamp(moment, rng))[0], "DATE"),  # same draw order as before the split
        "iso_clock": (iso[1], None),
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "addendum_date": (format_date(addendum, lang, int(rng.integers(7))), "DATE"),
        "birth_date": (format_date(birth, lang, int(rng.integers(7))), "DATE"),
        "words_date": (date_in_words(later, lang, int(rng.integers(2))), "DATE"),
        "dicom_date": (exam.strftime("%Y%m%d"), "DATE"),
        "age": (age, "AGE"),
        "age2": (age2, "AGE"),
        "dicom_age": (dicom_age(years), "AGE"),
        # places and organisations
        "inst": (inst, "INSTITUTION"),
        "dest_inst": (dest_inst, "INSTITUTION"),
        "court": (court, "INSTITUTION"),
        "had": (had, "INSTITUTION"),
        "pharmacy": (pharmacy, "INSTITUTION"),
        "home_address": (home_address, "LOCATION"),
        "csv_address": (csv_address, "LOCATION"),
        "inst_address": (inst_address, "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "whatsapp": (whatsapp, "PHONE"),
        "email": (email, "EMAIL"),
        "url": (url, "URL"),
        # numbers
        "docket": (docket, "ID"),
        "adherent": (adherent, "ID"),
        "serial": (f"{_pick(rng, ('SN', 'S', ''))}{_d(rng, 8)}", "ID"),
        "pesel": (pesel_number(birth, male, rng), "ID"),
        # unlabelled: field words and traps
        "title": (title, None),
        "bed": (str(int(rng.integers(1, 30))), None),
        "bed2": (str(int(rng.integers(1, 30))), None),
        "room": (str(int(rng.integers(1, 12))), None),
        "time": (time, None),
        "duration": (duration, None),
        "rel_date": (rel_date, None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "anatomy": (_pick(rng, ANATOMY_FR if fr else ANATOMY_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "implant": (_pick(rng, IMPLANTS_FR if fr else IMPLANTS_EN), None),
        "gtin": (gtin14(rng), None),
        "expiry": (expiry.strftime("%y%m%d"), None),
        "lot": (f"L{_d(rng, 6)}", None),
        "drug": (_pick(rng, DRUGS_FR if fr else DRUGS_EN), None),
        "dose": (_pick(rng, DOSES if fr else DOSES_EN), None),
        "equipment": (_pick(rng, EQUIPMENT), None),
        "insurer": (_pick(rng, INSURERS_FR if fr else INSURERS_EN), None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
