"""Blind9 template family: structured-reporting apps, DICOM SR dumps, worklists, peer review, incident and dose
records, teaching files, leaky "already de-identified" texts, patient-portal messages, translations and names from
many traditions.

Written by an independent auditor who never read the detector (reports/deid/), for a ninth blind estimate of how it
generalises. New shapes: Markdown and JSON exports of a structured-reporting app (reader, patient, accession);
DICOM Structured Report text dumps (`PNAME`, `DATE`, `UIDREF` content items); modality-worklist (MWL) entries;
radiology peer-review / discrepancy forms naming both radiologists; incident declarations (CREX/RMM, Datix) naming
staff, with their dosimeter badge numbers; radiation dose records; teaching-file credits ("Case courtesy of Dr X,
Radiopaedia.org, rID: 12345"); texts "already de-identified" with XXXX placeholders that still leak one name;
patient-portal messages written by the patient (first person, signature, family members); certified translations
with the translator's name; Swiss trilingual and Belgian bilingual banners; lieu-dit / BP / CS addresses, rural
routes and PO boxes; Scandinavian, Polish, Turkish, Chinese, Korean and Japanese names in native (surname first)
and Western order, with their national numbers (personnummer, PESEL, T.C. kimlik no, resident identity card);
hyphenated double first names broken at a line end; names with apostrophes (N'Diaye, D'Angelo, O'Brien); twins;
mother-and-baby records; neonatal ages in hours and days; dates with weekday abbreviations in other languages.

Gold conventions (those of blind8 and `entities.LABELS`), with these decisions:
- A span is the identifier text only: no titles, field names, Markdown marks (`**`), JSON keys, quotes or SR
  concept names. A name broken at a line end ("Jean-\\nBaptiste") is one span, the line break inside it.
- Names in native order ("ZHANG Wei", "Kim Min-jun", "Yilmaz Ayse") are one PATIENT span like Western-order ones;
  "N'Diaye", "D'Angelo", "O'Brien" are single surnames, apostrophe included.
- A baby registered as "Bébé {nom}" / "Baby boy {surname}" carries its own surname: PATIENT ("Bébé" / "Baby boy"
  outside the span). The mother ("de Mme Durand", "mother: Jane Smith") is PERSON, like any relative; a twin
  sibling ("jumeau 2", "Twin B") named in the record is PERSON; twins' shared birth date is DATE.
- Neonatal ages ("36 heures de vie", "3 jours", "36 hours old", "day 3 of life") are AGE, number with unit;
  a gestational term ("38 SA", "38+2 weeks") is NOT an age (blind7's decision) and is a trap.
- Staff in peer-review forms, incident declarations, dose records (the operator), translators, teaching-file
  contributors ("Case courtesy of Dr X") are PERSON. A staff dosimeter badge number, an incident / event number, a
  peer-review case number, a Radiopaedia rID, a DICOM SR UID and a worklist accession are ID.
- "Radiopaedia.org" and other teaching-file sites are NOT institutions of the patient (trap); a full case URL
  ("radiopaedia.org/cases/12345") is a URL since it points to that patient's images.
- Placeholders ("XXXX", "[NOM]", "***") are NOT identifiers (traps); the name that leaked past them is.
- A weekday written with a date ("mar. 12/03/2024", "Di., 12.03.2024", "tis 2024-03-12") is inside the DATE span.
- Lieu-dit, BP / CS numbers, rural routes and PO boxes are LOCATION, in one span with the postcode and town when
  written together on one line.
- The reporting app, PACS / dose-software names and versions, DICOM SR concept codes (121008, DCM), RADPEER /
  discrepancy scores, dose values (mGy, mGy.cm, Gy.cm², DLP, CTDIvol), exposure indices, times, durations,
  relative dates, rooms, beds, wards, eponyms used as such and classifications are NOT identifiers (traps).
`blind9_draw(lang, rng)` returns (slots, family) like `blind8_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _d, _pick, _slug

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "## Compte rendu structuré ({app})\n- **Patient** : {LAST} {first}\n- **Lecteur** : Dr {reader}\n- "
            "**N° d'accession** : {accession}\n",
            '{"app": "{app}", "lecteur": "{reader}", "patient": {"nom": "{LAST}", "prenom": "{first}", "ddn": '
            '"{dob_iso}"}, "accession": "{accession}"}\n',
            'SR dump >>> (121008, DCM, "Person Observer Name") PNAME = "{reader}" | (121029, DCM, "Subject Name") '
            'PNAME = "{LAST} {first}" | (111060, DCM, "Study Date") DATE = "{exam_compact}" | UIDREF = "{sr_uid}"\n',
            "Liste de travail (MWL) - AE {aet} - étape prévue le {weekday_date} à {time} - {LAST} {first}, IPP "
            "{ipp}, accession {accession}\n",
            "Patient / Patient / Paziente : {first} {LAST} - né le / geboren am / nato il : {dob}\n",
            "Patiënt(e) / Patient(e) : {LAST} {first} - dossiernummer / n° de dossier : {ipp}\n",
        ],
        [
            "Relecture par les pairs n° {review_no} - lecteur initial : Dr {reader} ; relecteur : Dr {reviewer} - "
            "score {radpeer}\n",
            "Déclaration d'événement indésirable (CREX) n° {event_no} du {event_date} - déclarant(e) : {manip}, "
            "manipulateur(trice), dosimètre n° {badge}\n",
            "Cas clinique courtoisie du Dr {contributor}, {teaching_site}, rID : {rid}\n",
            "Texte pseudonymisé : Patient {placeholder}, né le {placeholder} ; signé par erreur « {first} {LAST} »\n",
            "Traduction certifiée conforme par {translator}, traductrice assermentée près la cour d'appel\n",
            "Message du portail patient : « Bonjour docteur, je suis {first} {LAST}, ma fille {child} vous "
            "appellera au {phone}. » - {email}\n",
        ],
        [
            "{baby_title} {LAST}, {neonate_age}, né(e) à {gest} - mère : Mme {mother}\n",
            "{LAST} {first} et {twin}, jumeaux nés le {dob} ({age})\n",
            "Patient(e) : {foreign_name} - n° national {national_id} - {age}\n",
            "Patient(e) : {first_hyphen_fr} {LAST}, {age}\n",
            "Patient : {first} {apostrophe_name}, {age}, domicile {rural_address}\n",
            "",
        ],
        [
            "Registre de dose : {dose} - opérateur {manip} - dosimètre {badge} - {dose_software}\n",
            "Adresse : {rural_address} - tél. {phone}\n",
            "Prescrit par le Dr {referrer}, {inst}, {inst_address}\n",
            "Messagerie de l'application patient : {url}\n",
        ],
    ],
    "pre": [
        [
            "Contexte : {eponym}, {classif}. Contrôle {rel_date}. Durée d'examen {duration}, salle {room}, lit {bed}, "
            "{ward}.\n",
            "Dose : {dose}. Logiciel {app}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\n-- validé dans {app} par Dr {reader} le {sign_date}\n",
            "\nCordialement, {first} {LAST} (message envoyé depuis l'application)\n",
            "\nTraductrice : {translator} - {translator_email}\n",
            "\nRelu le {weekday_date} par Dr {reviewer}.\n",
        ],
        [
            "Lien de partage : {url}\n",
            "{inst} - {inst_address} - standard {phone}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "## Structured report ({app})\n- **Patient:** {first} {LAST}\n- **Reader:** Dr {reader}\n- "
            "**Accession:** {accession}\n",
            '{"app": "{app}", "reader": "{reader}", "patient": {"name": "{first} {LAST}", "dob": "{dob_iso}"}, '
            '"accession": "{accession}"}\n',
            'SR content >> PNAME (121008,DCM,"Person Observer Name") = "{reader}"; PNAME (121029,DCM,"Subject '
            'Name") = "{LAST} {first}"; DATE (111060,DCM,"Study Date") = "{exam_compact}"; UIDREF = "{sr_uid}"\n',
            "Modality worklist entry - AE title {aet} - scheduled {weekday_date} {time} - {first} {LAST}, MRN {ipp}, "
            "accession {accession}\n",
            "Patient / Patientin / Paziente: {first} {LAST} - DOB / geb. / nato il: {dob}\n",
            "Patient name (as registered, surname first): {foreign_name} - national no. {national_id} - {age}\n",
        ],
        [
            "Peer review case {review_no} - original reader Dr {reader}; reviewer Dr {reviewer} - {radpeer}\n",
            "Incident report (Datix) {event_no} dated {event_date} - reported by radiographer {manip}, dosimeter "
            "badge {badge}\n",
            "Case courtesy of Dr {contributor}, {teaching_site}, rID: {rid}\n",
            "De-identified text: patient {placeholder}, DOB {placeholder}; signed in error by {first} {LAST}\n",
            "Certified translation by {translator}, sworn translator\n",
            "Patient portal message: 'Hi doctor, it's {first} {LAST} here, my son {child} will ring you on {phone}.' "
            "- {email}\n",
        ],
        [
            "{baby_title} {LAST}, {neonate_age}, born at {gest} - mother: {mother}\n",
            "{first} {LAST} and {twin} (twins), born {dob}, {age}\n",
            "Patient: {first_hyphen_en} {LAST}, {age}\n",
            "Patient: {first} {apostrophe_name}, {age}, of {rural_address}\n",
            "",
        ],
        [
            "Dose record: {dose} - operator {manip} - badge {badge} - {dose_software}\n",
            "Postal address: {rural_address}; phone {phone}\n",
            "Referred by Dr {referrer}, {inst}, {inst_address}\n",
            "Patient app inbox: {url}\n",
        ],
    ],
    "pre": [
        [
            "Background: {eponym}, {classif}. Follow-up {rel_date}. Exam duration {duration}, room {room}, bed {bed}, "
            "{ward}.\n",
            "Dose: {dose}. Software {app}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\n-- finalised in {app} by Dr {reader} on {sign_date}\n",
            "\nKind regards, {first} {LAST} (sent from the app)\n",
            "\nTranslator: {translator} - {translator_email}\n",
            "\nReviewed {weekday_date} by Dr {reviewer}.\n",
        ],
        [
            "Share link: {url}\n",
            "{inst} - {inst_address} - switchboard {phone}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

APPS = ("Smart Reporting 4.2", "RadReport Studio", "Rad-Comp v2.1", "Powerscribe One", "Sectra IDS7 24.1")
DOSE_SOFTWARE = ("DoseWatch 3.2", "Radimetrics 2.9", "Teamplay Dose", "DOSE 2.4")
DOSES_FR = ("PDS 1,24 Gy.cm², 12 mGy", "DLP 345 mGy.cm, CTDIvol 8,2 mGy", "IE 320, PDS 0,08 Gy.cm²", "Ka,r 3,4 mGy")
DOSES_EN = ("DAP 1.24 Gy.cm2, 12 mGy", "DLP 345 mGy.cm, CTDIvol 8.2 mGy", "EI 320, DAP 0.08 Gy.cm2", "Ka,r 3.4 mGy")
RADPEER = ("RADPEER 2a", "RADPEER 1", "score 3b", "discrepancy grade 2")
TEACHING_SITES = ("Radiopaedia.org", "Radiopaedia", "eRadiology teaching file", "MyPACS.net")
PLACEHOLDERS = ("XXXX", "[NOM]", "***", "XXXXXX", "<ANON>")
AETS = ("DR_SALLE2", "CT_URG1", "MWL_RX3", "FUJI_DR02")
EPONYMS_FR = ("fracture de Smith", "maladie d'Osgood-Schlatter", "lésion de Stener", "signe de Terry-Thomas")
EPONYMS_EN = ("Smith fracture", "Osgood-Schlatter disease", "Stener lesion", "Terry-Thomas sign")
CLASSIF = ("Salter-Harris II", "Graf IIa", "Lauge-Hansen SER 4", "Kellgren-Lawrence 3", "Frykman VII")
WARDS_FR = ("néonatologie", "maternité", "réanimation néonatale", "pédiatrie")
WARDS_EN = ("NICU", "postnatal ward", "SCBU", "paediatrics")
GEST_FR = ("38 SA", "34 SA + 2 j", "41 SA", "29 SA")
GEST_EN = ("38 weeks", "34+2 weeks", "41 weeks' gestation", "29 weeks")
# Surname-first names of several traditions (surname, given) and their national-number kind.
FOREIGN = (
    ("ZHANG", "Wei", "cn"),
    ("LIU", "Yang", "cn"),
    ("Kim", "Min-jun", "kr"),
    ("Park", "Ji-woo", "kr"),
    ("SATO", "Haruto", "jp"),
    ("Tanaka", "Yui", "jp"),
    ("Yılmaz", "Ayşe", "tr"),
    ("Öztürk", "Mehmet", "tr"),
    ("Kowalczyk", "Agnieszka", "pl"),
    ("Wiśniewski", "Paweł", "pl"),
    ("Lindqvist", "Åsa", "se"),
    ("Håkansson", "Björn", "se"),
)
APOSTROPHE_NAMES = ("N'Diaye", "D'Angelo", "O'Brien", "N'Guessan", "D'Almeida", "O'Sullivan", "Dell'Acqua")
HYPHEN_FIRST_FR = ("Jean-Baptiste", "Marie-Thérèse", "Pierre-Emmanuel", "Anne-Sophie", "Jean-Christophe")
HYPHEN_FIRST_EN = ("Mary-Kate", "Jean-Luc", "Anne-Marie", "Billy-Joe", "Lily-Rose")
WEEKDAYS = {  # abbreviations by language, Monday first
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "de": ("Mo.,", "Di.,", "Mi.,", "Do.,", "Fr.,", "Sa.,", "So.,"),
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
    "sv": ("mån", "tis", "ons", "tors", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}

# --------------------------------------------------------------------------------------------------- check digits


def personnummer_check(nine: str) -> str:
    """The Swedish personnummer check digit: Luhn over YYMMDD + 3-digit serial (weights 2,1,2,...)."""
    total = 0
    for i, ch in enumerate(nine):
        p = int(ch) * (2 if i % 2 == 0 else 1)
        total += p // 10 + p % 10
    return str((10 - total % 10) % 10)


def pesel_check(ten: str) -> str:
    """The Polish PESEL check digit: weights 1,3,7,9,1,3,7,9,1,3; 10 minus the sum's last digit, modulo 10."""
    total = sum(int(c) * w for c, w in zip(ten, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3), strict=True))
    return str((10 - total % 10) % 10)


def tckn_checks(nine: str) -> str:
    """The two Turkish T.C. kimlik no check digits: (7 x odd-place sum - even-place sum) mod 10, then the sum of the
    first ten digits mod 10."""
    d = [int(c) for c in nine]
    tenth = (7 * sum(d[0::2]) - sum(d[1::2])) % 10
    return f"{tenth}{(sum(d) + tenth) % 10}"


def china_id_check(seventeen: str) -> str:
    """The Chinese resident identity card check character (ISO 7064 MOD 11-2): weights 2^(17-i) mod 11."""
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(seventeen))
    return "10X98765432"[total % 11]


def national_number(kind: str, birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A national number of the patient's country, with its check digit(s) where it has one."""
    yymmdd = birth.strftime("%y%m%d")
    if kind == "se":
        serial = _d(rng, 2) + str(int(rng.integers(5)) * 2 + (1 if male else 0))
        return f"{yymmdd}-{serial}{personnummer_check(yymmdd + serial)}"
    if kind == "pl":
        month = birth.month + (20 if birth.year >= 2000 else 0)
        body = f"{birth.year % 100:02d}{month:02d}{birth.day:02d}{_d(rng, 3)}{int(rng.integers(5)) * 2 + int(male)}"
        return body + pesel_check(body)
    if kind == "tr":
        nine = str(int(rng.integers(1, 10))) + _d(rng, 8)
        return nine + tckn_checks(nine)
    if kind == "cn":
        body = f"110105{birth.strftime('%Y%m%d')}{_d(rng, 2)}{int(rng.integers(5)) * 2 + int(male)}"
        return body + china_id_check(body)
    if kind == "kr":  # resident registration number: birth date, then 7 digits (no check digit printed since 2020)
        return f"{yymmdd}-{1 + int(not male) + (2 if birth.year >= 2000 else 0)}{_d(rng, 6)}"
    return f"{_d(rng, 4)}-{_d(rng, 4)}-{_d(rng, 4)}"  # Japanese My Number style, 12 digits


# --------------------------------------------------------------------------------------------------- draw


def _alnum(rng: np.random.Generator, n: int) -> str:
    return "".join(_pick(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(n))


def weekday_date(date: dt.date, lang: str, rng: np.random.Generator) -> str:
    """A date with a weekday abbreviation, in the report's language or a neighbouring one."""
    code = _pick(rng, ("fr", "de", "nl", "es") if lang == "fr" else ("en", "de", "sv", "es"))
    day = WEEKDAYS[code][date.weekday()]
    if code in ("de",):
        return f"{day} {date.day:02d}.{date.month:02d}.{date.year}"
    if code == "sv":
        return f"{day} {date.isoformat()}"
    if code == "nl":
        return f"{day} {date.day:02d}-{date.month:02d}-{date.year}"
    if code == "en":
        return f"{day} {format_date(date, 'en', 3)}"
    return f"{day} {date.day:02d}/{date.month:02d}/{date.year}"


def blind9_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    male = bool(rng.random() < 0.5)
    first = fake.first_name_male() if male else fake.first_name_female()
    last = fake.last_name()
    surname, given, kind = _pick(rng, FOREIGN)
    if rng.random() < 0.4:  # a patient from one of the FOREIGN traditions, named as registered
        first, last = given, surname
    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 90 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    event = exam - dt.timedelta(days=int(rng.integers(0, 10)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 3)))

    def person() -> str:
        return f"{fake.first_name()} {fake.last_name()}"

    foreign_name = f"{last} {first}" if rng.random() < 0.6 else f"{first} {last}"  # native or Western order
    city = fake.city()
    hyphen = _pick(rng, HYPHEN_FIRST_FR if fr else HYPHEN_FIRST_EN)
    if rng.random() < 0.5:  # broken at the line end, as a narrow PDF column or a form field wraps it
        hyphen = hyphen.replace("-", "-\n", 1)
    hours = int(rng.integers(2, 72))
    days = int(rng.integers(1, 28))

    if fr:
        inst = _pick(rng, (f"Maternité de {city}", f"CH de {city}", f"Pôle femme-enfant {fake.last_name()}"))
        inst_address = _pick(
            rng,
            (
                f"CS {_d(rng, 5)}, {fake.postcode()} {city}",
                f"BP {_d(rng, 3)}, {fake.postcode()} {city}",
                f"{fake.street_address()}, {fake.postcode()} {city}",
            ),
        )
        rural_address = _pick(
            rng,
            (
                f"lieu-dit {_pick(rng, ('la Croix Blanche', 'les Essarts', 'le Moulin Neuf', 'la Bergerie'))}, "
                f"{fake.postcode()} {fake.city()}",
                f"hameau de {fake.last_name()}, {fake.postcode()} {fake.city()}",
                f"{fake.street_address()}, {fake.postcode()} {fake.city()}",
            ),
        )
        pairs = f"{_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        phone = _pick(rng, (f"0{_pick(rng, '67')} {pairs}", f"+33 {_pick(rng, '12345')} {pairs}"))
        age = _pick(rng, (f"{years} ans", f"{years} ans et demi", f"âge {years} a"))
        neonate_age = _pick(rng, (f"{hours} heures de vie", f"{days} jours", f"{hours} h de vie", f"{days} j de vie"))
        baby_title = _pick(rng, ("Bébé", "Bb", "Nouveau-né"))
        email = _pick(rng, (f"{_slug(first)}.{_slug(last)}@orange.fr", f"{_slug(last)}{_d(rng, 2)}@free.fr"))
        url = f"https://portail-patient.{_slug(city)}-sante.fr/messages/{_alnum(rng, 12)}"
        time = f"{int(rng.integers(7, 20))}h{int(rng.integers(60)):02d}"
        rel_date = _pick(rng, ("dans 3 mois", "à J15", "la semaine prochaine"))
        duration = _pick(rng, ("12 min", "4 minutes", "1 h 05"))
    else:
        inst = _pick(
            rng, (f"{city} Maternity Unit", f"{city} General Hospital", f"{fake.last_name()} Children's Clinic")
        )
        inst_address = _pick(
            rng,
            (
                f"PO Box {_d(rng, 4)}, {city} {fake.postcode()}",
                f"Private Bag {_d(rng, 3)}, {city}",
                f"{fake.street_address()}, {city} {fake.postcode()}".replace("\n", ", "),
            ),
        )
        rural_address = _pick(
            rng,
            (
                f"RR {int(rng.integers(1, 9))}, Site {int(rng.integers(1, 40))}, Box {int(rng.integers(1, 99))}, "
                f"{fake.city()}",
                f"{fake.last_name()} Farm, {fake.city()} {fake.postcode()}",
                f"PO Box {_d(rng, 3)}, {fake.city()} {fake.postcode()}",
            ),
        )
        phone = _pick(rng, (f"07{_d(rng, 3)} {_d(rng, 6)}", f"+44 {_d(rng, 4)} {_d(rng, 6)}"))
        age = _pick(rng, (f"{years} years old", f"{years}yo", f"{years} yrs"))
        neonate_age = _pick(rng, (f"{hours} hours old", f"{days} days old", f"{hours}h old", f"day {days} of life"))
        baby_title = _pick(rng, ("Baby boy", "Baby girl", "Infant"))
        email = _pick(rng, (f"{_slug(first)}.{_slug(last)}@gmail.com", f"{_slug(last)}{_d(rng, 2)}@outlook.com"))
        url = f"https://myhealth.{_slug(city)}-nhs.uk/inbox/{_alnum(rng, 12)}"
        time = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        rel_date = _pick(rng, ("in 3 months", "next week", "at 6 weeks"))
        duration = _pick(rng, ("12 min", "4 minutes", "1 h 5 min"))

    translator = f"{fake.first_name_female()} {fake.last_name()}"
    reader_last = fake.last_name()
    if rng.random() < 0.15:  # an eponym surname for the reader, while the same eponym may appear as such in the body
        reader_last = _pick(rng, ("Smith", "Stener", "Terry"))
    year = exam.year

    slots: Slots = {
        # patient
        "first": (first, "PATIENT"),
        "LAST": (last.upper() if rng.random() < 0.6 else last, "PATIENT"),
        "foreign_name": (foreign_name, "PATIENT"),
        "first_hyphen_fr": (hyphen, "PATIENT"),
        "first_hyphen_en": (hyphen, "PATIENT"),
        "apostrophe_name": (_pick(rng, APOSTROPHE_NAMES), "PATIENT"),
        # other persons
        "reader": (f"{fake.first_name()} {reader_last}", "PERSON"),
        "reviewer": (person(), "PERSON"),
        "referrer": (person(), "PERSON"),
        "manip": (person(), "PERSON"),
        "contributor": (person(), "PERSON"),
        "translator": (translator, "PERSON"),
        "child": (fake.first_name_female() if fr else fake.first_name_male(), "PERSON"),
        "mother": (f"{fake.first_name_female()} {fake.last_name()}", "PERSON"),
        "twin": (fake.first_name(), "PERSON"),
        # dates and ages
        "dob": (format_date(birth, lang, int(rng.integers(7))), "DATE"),
        "dob_iso": (birth.isoformat(), "DATE"),
        "exam_compact": (exam.strftime("%Y%m%d"), "DATE"),
        "event_date": (format_date(event, lang, int(rng.integers(7))), "DATE"),
        "sign_date": (format_date(sign, lang, int(rng.integers(7))), "DATE"),
        "weekday_date": (weekday_date(exam, lang, rng), "DATE"),
        "age": (age, "AGE"),
        "neonate_age": (neonate_age, "AGE"),
        # places and organisations
        "inst": (inst, "INSTITUTION"),
        "inst_address": (inst_address, "LOCATION"),
        "rural_address": (rural_address, "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "email": (email, "EMAIL"),
        "translator_email": (
            f"{_slug(translator.split()[-1])}.traduction@{'wanadoo.fr' if fr else 'btinternet.com'}",
            "EMAIL",
        ),
        "url": (url, "URL"),
        # numbers
        "ipp": (_d(rng, int(rng.integers(8, 11))), "ID"),
        "accession": (f"{_pick(rng, ('ACC', 'RX', 'A'))}{year}{_d(rng, 6)}", "ID"),
        "sr_uid": (f"1.2.826.0.1.3680043.10.{_d(rng, 3)}.{_d(rng, 8)}.{_d(rng, 6)}", "ID"),
        "review_no": (f"PR-{year}-{_d(rng, 4)}", "ID"),
        "event_no": (f"{_pick(rng, ('EI', 'DTX', 'ESR'))}-{year % 100:02d}-{_d(rng, 5)}", "ID"),
        "badge": (f"{_pick(rng, ('D', 'LDR', 'TLD'))}{_d(rng, 6)}", "ID"),
        "rid": (_d(rng, int(rng.integers(5, 7))), "ID"),
        "national_id": (national_number(kind, birth, male, rng), "ID"),
        # unlabelled: field words, traps
        "baby_title": (baby_title, None),
        "gest": (_pick(rng, GEST_FR if fr else GEST_EN), None),
        "app": (_pick(rng, APPS), None),
        "dose_software": (_pick(rng, DOSE_SOFTWARE), None),
        "dose": (_pick(rng, DOSES_FR if fr else DOSES_EN), None),
        "radpeer": (_pick(rng, RADPEER), None),
        "teaching_site": (_pick(rng, TEACHING_SITES), None),
        "placeholder": (_pick(rng, PLACEHOLDERS), None),
        "aet": (_pick(rng, AETS), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "time": (time, None),
        "duration": (duration, None),
        "rel_date": (rel_date, None),
        "ward": (_pick(rng, WARDS_FR if fr else WARDS_EN), None),
        "room": (str(int(rng.integers(1, 13))), None),
        "bed": (f"{int(rng.integers(1, 30))}{_pick(rng, 'AB')}", None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
