"""Blind13 template family: identifiers left by machines and procedure paperwork - PACS access and audit trails with
IPv4/IPv6 addresses and logins, file paths and document names that carry names ("C:\\Users\\jdupont\\...\\IRM_Le_Goff_
Annaig_20240312.pdf"), viewer URLs with the patient's number in the query string, calendar invitations (iCalendar
VEVENT with ATTENDEE;CN=...:mailto:...), decoded QR/barcode payloads, interventional-radiology room sheets (operator,
scrub nurse, anaesthetist, radiographer), contrast-reaction declarations, passive-dosimetry records of staff, PACS
discrepancy (QA) reviews, serial numbers of implanted and loaned devices, driving and professional licences,
employee and billing-account numbers, dates given by a holiday ("lendemain de Noël 2023", "Easter Monday 2024") or the
Hijri calendar, ages in words beside decade words, and patients named by Breton, Corsican, Alsatian, Basque,
Antillean, Réunionese, Maghrebi and West African traditions (fr) or Scottish/Welsh/Irish Gaelic, South African,
Kenyan and Singaporean ones (en), particles included ("Ní Bhriain", "Mac a' Phearsain", "binte Rahman").

Written by an independent auditor who never read the detector (reports/deid/), for a thirteenth blind estimate of how
it generalises. The patient is never introduced by a "Patient:" field: a log line, a file name, a calendar summary, a
QR payload, a portal login or a room sheet names them.

Gold conventions (those of earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with
these decisions:
- A span is the identifier text only: no title, no field word ("CN=", "mailto:", "PID=", "NOM="), no path separator.
- IP addresses (IPv4, IPv6) are URL: a network address locating one machine, listed by HIPAA beside URLs; every IP is
  labelled, a hospital workstation's included (a de-identifier cannot tell whose machine it is). A URL whose host is
  an IP, or whose query string holds the patient's number, is ONE URL span (the number inside is not a separate ID).
  A port written apart ("port 11112") and a DICOM AE title are traps.
- Logins and usernames made of a person's name ("jdupont", "annaig.legoff61") carry that person's label (PATIENT for
  the patient's portal login, PERSON for staff): blind6's rule for chat handles. A directory display name
  "DUPONT Jean (RADIO/RI)" is PERSON over the name only (the org-unit code is not labelled); a generic service
  account ("remote.reporter") names no one and is not labelled. A purely numeric staff number
  (employee number, badge) is ID.
- File paths and document names: each name-bearing part is its own span ("jdupont" PERSON, "Le_Goff_Annaig" PATIENT,
  "20240312" DATE), separators and the rest of the path unlabelled (blind7's rule for DICOM file names).
- iCalendar: "DTSTART:20240312T083000": the calendar part "20240312" is DATE, the time is not (the ISO 8601
  convention); ATTENDEE's CN value is PERSON and the mailto address (without "mailto:") EMAIL.
- QR/barcode payloads: each field value is labelled by what it is (PID ID, name PATIENT, birth date DATE); the sex
  and the care-unit code (UF) are traps.
- Serial numbers of a device implanted in or loaned to the patient (pacemaker, insulin pump, Holter, loaned crutches
  do not have one) are ID: they point to one person (blind11's implant serial). The X-ray unit's serial number is a
  trap (it names a machine; blind11).
- Driving-licence numbers (French 9-character, UK DVLA 16-character, which encodes the surname and birth date),
  professional licences (RPPS with Luhn key, GMC, HPCSA), national ID numbers (South African with Luhn, Singapore
  NRIC with check letter, Kenyan, Scottish CHI with mod-11 check), employee numbers, dosimetry badge numbers and
  billing-account numbers are ID.
- Employers are INSTITUTION (round 6 scope). The department name alone ("radiologie interventionnelle") is not.
- A day named by a holiday with its year ("lendemain de Noël 2023", "lundi de Pâques 2024", "Easter Monday 2024",
  "Boxing Day 2023") is one DATE span: it gives day and month. A Hijri date ("14 ramadan 1445", "14 Ramadan 1445 AH")
  is one DATE span, "AH" included. A holiday or Hijri month without a year that dates nothing about a person
  ("lists are reduced over Easter", "during Ramadan") is not labelled.
- Ages written in words ("soixante et onze ans", "seventy-one years old") are AGE. Decade words ("septuagénaire",
  "in her seventies", "nonagénaire") are traps: they are age bands, no finer than HIPAA's own "90 or older"
  aggregate (blind12's age-band decision).
- Staff of a procedure (operator, scrub nurse, anaesthetist, radiographer, radiation-protection officer, QA
  reviewer), the dosimetry badge holder and calendar attendees are PERSON.
- NOT identifiers (traps): eponyms used as such, anatomical eponyms (ampoule de Vater, foramen of Morgagni),
  classifications and scores, devices and implants with brands, drug names, contrast products with their lot numbers
  (a lot is shared by thousands of vials), drug product codes (CIP 13-digit codes, NDC: phone-like but shared by every
  box), doses (Hp(10), DAP), equipment models and machine serials, AE titles, ports, times, durations, room numbers,
  dosimetry periods.
`blind13_draw(lang, rng)` returns (slots, templates) like `blind12_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind4 import luhn_digit
from xraymatch.reports.identities_blind5 import _ascii, _d, _pick, _slug

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Journal d'accès PACS - {institution}\n{log_date}T{log_time}Z {ip4} {staff_login} OUVERTURE dossier {ipp} "
            "« {LAST} {first} »\n{log_date}T{log_time}Z {ip6} {staff_login} EXPORT vers {url_q}\n",
            "Pièce jointe : C:\\Users\\{staff_login}\\Documents\\CR\\IRM_{file_name}_{file_date}.pdf (machine {ip4})\n"
            "Déposée par {radiographer} pour {institution}\n",
            "BEGIN:VEVENT\nDTSTART:{ics_date}T{ics_time}\nSUMMARY:Embolisation - {LAST} {first} ({age})\n"
            "ATTENDEE;CN={operator}:mailto:{op_email}\nLOCATION:{institution}, salle {room}\nEND:VEVENT\n",
            "Étiquette (QR décodé) : PID={ipp}|NOM={qr_name}|DDN={qr_dob}|SEXE={sex}|UF={uf}\n",
            "FEUILLE DE SALLE - radiologie interventionnelle, salle {room}\nSur table à {time} : {first} {LAST}, "
            "{age_words}, porteur d'un {implant} (n° de série {implant_sn})\nOpérateur {operator} ; IBODE {scrub} ; "
            "anesthésiste {anaesth} ; MERM {radiographer}\n",
            "DÉCLARATION D'EFFET INDÉSIRABLE (produit de contraste)\n{first} {LAST}, {age}, {decade}, urticaire "
            "après {contrast} lot {lot}, le {holiday_date} ({holiday_exact}).\n",
            "Aptitude à la conduite après crise : {first} {LAST}, né(e) à {birthplace}, permis n° {licence}, "
            "chauffeur chez {employer} (matricule {employee_no}).\n",
            "Compte patient {pat_login} créé le {exam_date} depuis {ip4} ; courriel de secours {pat_email}\n",
            "Rendez-vous déplacé après le {hijri} à la demande de {first} {LAST} ({age_words}).\n",
            "Relevé de dosimétrie passive, {period} : {worker}, dosimètre n° {badge}, {dose_hp}. PCR : {rso}.\n"
            "Procédure tracée : angioplastie de {first} {LAST}, {age}.\n",
        ],
        [
            "Station de lecture {ip4} (AET {aet}, port {port}), session {staff_login}\n",
            "Visualiseur : {url_q}\n",
            "Holter tensionnel prêté, n° {loan_sn}, à rendre le {exam_date}\n",
            "Compte de facturation n° {account}\n",
            "Arceau {equipment} (n° série machine {xray_sn}) ; {dose}\n",
            "",
        ],
        [
            "Secrétariat RI : {phone} / {op_email}\n",
            "Standard du plateau technique : {phone}\n",
            "Domicile déclaré : {home_address}\n",
            "Dossier n° {ipp} - examen {accession}\n",
        ],
    ],
    "pre": [
        [
            "Remarques : {eponym} ; {anatomy} ; {classif} ; {drug} (CIP {cip}) ; scopie {duration} ; {dose}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nRevue de discordance PACS : relu par {qa_reviewer} le {exam_date} ({classif}), lecteur initial "
            "{reader}.\n",
            "\nCompte rendu de {operator}, RPPS {rpps}, {institution}.\n",
            "\nCourrier posté à {town} le {exam_date}.\n",
            "\nTraçabilité : {implant} n° {implant_sn} ; porteur {first} {LAST}.\n",
        ],
        [
            "Flux DICOMweb : {url_ip}\n",
            "Images : {url_q}\n",
            "Joindre l'IDE au {extension}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "PACS access trail - {institution}\n{log_date}T{log_time}Z {ip4} {staff_login} OPEN record {ipp} "
            '"{LAST} {first}"\n{log_date}T{log_time}Z {ip6} {staff_login} EXPORT to {url_q}\n',
            "Attachment: C:\\Users\\{staff_login}\\Documents\\Reports\\MRI_{file_name}_{file_date}.pdf (host {ip4})\n"
            "Uploaded by {radiographer} for {institution}\n",
            "BEGIN:VEVENT\nDTSTART:{ics_date}T{ics_time}\nSUMMARY:Embolisation - {LAST} {first} ({age})\n"
            "ATTENDEE;CN={operator}:mailto:{op_email}\nLOCATION:{institution}, suite {room}\nEND:VEVENT\n",
            "Wristband (QR decoded): PID={ipp}|NAME={qr_name}|DOB={qr_dob}|SEX={sex}|WARD={uf}\n",
            "ANGIO SUITE RECORD - interventional radiology, suite {room}\nOn table at {time}: {first} {LAST}, "
            "{age_words}, carries a {implant} (serial {implant_sn})\nOperator {operator}; scrub {scrub}; "
            "anaesthetist {anaesth}; radiographer {radiographer}\n",
            "CONTRAST REACTION REPORT\n{first} {LAST}, {age}, {decade}, urticaria after {contrast} batch {lot} on "
            "{holiday_date} ({holiday_exact}).\n",
            "Fitness to drive after seizure: {first} {LAST}, born in {birthplace}, licence {licence}, ID {natid}, "
            "driver for {employer} (staff no. {employee_no}).\n",
            "Portal account {pat_login} created {exam_date} from {ip4}; recovery e-mail {pat_email}\n",
            "Appointment moved to after {hijri} at the request of {first} {LAST} ({age_words}).\n",
            "Personal dosimetry, {period}: {worker}, TLD badge {badge}, {dose_hp}. RPS: {rso}.\n"
            "Logged procedure: angioplasty for {first} {LAST}, {age}.\n",
        ],
        [
            "Reading station {ip4} (AET {aet}, port {port}), session {staff_login}\n",
            "Viewer link: {url_q}\n",
            "Loaned ambulatory BP monitor S/N {loan_sn}, due back {exam_date}\n",
            "Billing account no. {account}\n",
            "C-arm {equipment} (unit serial {xray_sn}); {dose}\n",
            "",
        ],
        [
            "IR coordinator: {phone} / {op_email}\n",
            "Angio suite desk: {phone}\n",
            "Address on file: {home_address}\n",
            "Record {ipp} - accession {accession}\n",
        ],
    ],
    "pre": [
        [
            "Remarks: {eponym}; {anatomy}; {classif}; {drug} (NDC {cip}); screening {duration}; {dose}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nPACS discrepancy review: re-read by {qa_reviewer} on {exam_date} ({classif}), first reader {reader}.\n",
            "\nReported by {operator}, {reg_body} {rpps}, {institution}.\n",
            "\nLetter posted in {town} on {exam_date}.\n",
            "\nImplant log: {implant} no. {implant_sn}; carrier {first} {LAST}.\n",
        ],
        [
            "DICOMweb endpoint: {url_ip}\n",
            "Images: {url_q}\n",
            "Page the IR nurse: {extension}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Patients by naming tradition: (first names, surnames), paired within a tradition.
TRADITIONS_FR: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "breton": (("Annaïg", "Yann", "Gwenaëlle", "Erwan", "Maïwenn", "Tanguy"),
               ("Le Goff", "Kerbrat", "Le Bihan", "Guivarc'h", "Quéré", "Le Gall")),
    "corse": (("Ghjuvanni", "Anghjula", "Petru", "Ghjulia", "Santu"),
              ("Santoni", "Casanova", "Filippi", "Luciani", "Ceccaldi")),
    "alsacien": (("Materne", "Odile", "Joseph", "Marie-Odile", "Aloyse"),
                 ("Schaeffer", "Ehrhart", "Wurtz", "Hugel", "Muckensturm")),
    "basque": (("Iñaki", "Maialen", "Peio", "Amaia", "Xabi"),
               ("Etcheverry", "Irigoyen", "Harriague", "Etxeberria", "Oyharçabal")),
    "antillais": (("Ludovic", "Marie-Line", "Fabrice", "Josette", "Rosan"),
                  ("Jean-Baptiste", "Sainte-Rose", "Théophile", "Louis-Sidney", "Zozor")),
    "réunionnais": (("Jean-Hugues", "Marie-Annick", "Teddy", "Sully", "Ginette"),
                    ("Payet", "Hoarau", "Grondin", "Técher", "Fontaine")),
    "maghrébin": (("Yasmina", "Mohamed", "Fatima-Zahra", "Karim", "Nadia"),
                  ("Haddad", "Benali", "El Amrani", "Bouzid", "Ait Ouarab")),
    "ouest-africain": (("Awa", "Mamadou", "Aminata", "Ousmane", "Fatoumata"),
                       ("Diop", "Keïta", "Traoré", "Coulibaly", "N'Diaye")),
}  # fmt: skip
TRADITIONS_EN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "scottish": (("Eilidh", "Ruairidh", "Mòrag", "Calum", "Iseabail"),
                 ("MacLeod", "MacDonald", "NicLeòid", "Mac a' Phearsain", "Morrison")),
    "welsh": (("Rhiannon", "Dafydd", "Angharad", "Gethin", "Bethan"),
              ("Llewelyn", "ap Rhys", "Pritchard", "Griffiths", "Prys")),
    "irish": (("Aoife", "Seán", "Siobhán", "Pádraig", "Niamh"),
              ("Ní Bhriain", "Ó Súilleabháin", "Nic Giolla Phádraig", "Mac Cárthaigh", "Ó Dónaill")),
    "south_african": (("Thandiwe", "Pieter", "Sipho", "Anneke", "Lerato"),
                      ("Nkosi", "van der Merwe", "Dlamini", "du Plessis", "Mokoena")),
    "kenyan": (("Wanjiru", "Otieno", "Achieng", "Kiprotich", "Njeri"),
               ("Kamau", "Odhiambo", "Wambui", "Kiptoo", "Mwangi")),
    "singaporean": (("Wei Ming", "Hui Ling", "Nur Aisyah", "Rajendran", "Siew Lan"),
                    ("Tan", "Lim", "binte Rahman", "s/o Krishnan", "Ong")),
}  # fmt: skip
INSTITUTIONS_FR = (
    "CHU de Brest", "Centre hospitalier de la Côte Basque", "CHU de La Réunion", "CHU de Martinique",
    "Hôpitaux universitaires de Strasbourg", "Centre hospitalier de Bastia", "CHU de Pointe-à-Pitre",
)  # fmt: skip
INSTITUTIONS_EN = (
    "Raigmore Hospital", "Ysbyty Gwynedd", "University Hospital Galway", "Groote Schuur Hospital",
    "Kenyatta National Hospital", "Singapore General Hospital", "Ninewells Hospital",
)  # fmt: skip
EMPLOYERS_FR = ("Brittany Ferries", "Air Austral", "Corsica Linea", "Transports Keolis Pays Basque", "la SNCF")
EMPLOYERS_EN = ("Caledonian MacBrayne", "Safaricom", "SMRT Buses", "Golden Arrow Bus Services", "Arriva Cymru")
# Traps.
EPONYMS_FR = ("signe de Lachman", "maladie de Paget", "fracture de Pouteau-Colles", "syndrome de Leriche")
EPONYMS_EN = ("Lachman test", "Paget's disease", "Colles fracture", "Leriche syndrome")
ANATOMY_FR = ("ampoule de Vater", "hiatus de Morgagni", "polygone de Willis", "cercle de Zinn")
ANATOMY_EN = ("ampulla of Vater", "foramen of Morgagni", "circle of Willis", "annulus of Zinn")
CLASSIF = ("Fontaine IIb", "TASC II C", "RADPEER 2b", "Rutherford 3", "Clavien-Dindo II")
IMPLANTS_FR = ("stimulateur Medtronic Azure XT", "défibrillateur Boston Scientific Resonate", "pompe Tandem t:slim X2")
IMPLANTS_EN = ("Medtronic Azure XT pacemaker", "Boston Scientific Resonate ICD", "Tandem t:slim X2 insulin pump")
CONTRASTS = ("Omnipaque 350", "Visipaque 320", "Iomeron 400", "Xenetix 300")
DRUGS_FR = ("héparine 5000 UI", "clopidogrel 75 mg", "métformine suspendue 48 h")
DRUGS_EN = ("heparin 5000 units", "clopidogrel 75 mg", "metformin withheld 48 h")
DOSES_FR = ("PDS 48,2 Gy.cm²", "Ka,r 1 240 mGy", "PDL 612 mGy.cm")
DOSES_EN = ("DAP 48.2 Gy.cm2", "Ka,r 1240 mGy", "DLP 612 mGy.cm")
EQUIPMENT = ("Philips Azurion 7", "Siemens Artis zee", "GE Innova IGS 530", "Canon Alphenix Sky+")
AETS = ("PACS_ARCH01", "RI_SALLE2", "ANGIO_SCU", "DCM4CHEE")
DECADES_FR = ("trentenaire", "quadragénaire", "quinquagénaire", "sexagénaire", "septuagénaire", "octogénaire")
DECADES_EN = ("thirties", "forties", "fifties", "sixties", "seventies", "eighties")

# --------------------------------------------------------------------------------------------------- helpers

_UNITS_FR = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
    "onze", "douze", "treize", "quatorze", "quinze", "seize",
)  # fmt: skip
_TENS_FR = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante", 8: "quatre-vingt"}
_UNITS_EN = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_TENS_EN = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")


def number_fr(n: int) -> str:
    """A number 0..119 in French words (traditional spelling: "soixante et onze", "quatre-vingts")."""
    if not 0 <= n < 120:
        raise ValueError(f"number_fr: expected 0..119, got {n}")
    if n <= 16:
        return _UNITS_FR[n]
    if n < 20:
        return f"dix-{_UNITS_FR[n - 10]}"
    if n >= 100:
        return "cent" if n == 100 else f"cent {number_fr(n - 100)}"
    tens, unit = divmod(n, 10)
    if tens in (7, 9):  # soixante-dix.., quatre-vingt-dix..
        rest = n - (60 if tens == 7 else 80)
        head = _TENS_FR[6 if tens == 7 else 8]
        return f"{head} et onze" if n == 71 else f"{head}-{number_fr(rest)}"
    head = _TENS_FR[tens]
    if unit == 0:
        return "quatre-vingts" if tens == 8 else head
    if unit == 1 and tens != 8:
        return f"{head} et un"
    return f"{head}-{_UNITS_FR[unit]}"


def number_en(n: int) -> str:
    """A number 0..119 in English words ("seventy-one", "one hundred and two")."""
    if not 0 <= n < 120:
        raise ValueError(f"number_en: expected 0..119, got {n}")
    if n < 20:
        return _UNITS_EN[n]
    if n >= 100:
        return "one hundred" if n == 100 else f"one hundred and {number_en(n - 100)}"
    tens, unit = divmod(n, 10)
    return _TENS_EN[tens] if unit == 0 else f"{_TENS_EN[tens]}-{_UNITS_EN[unit]}"


def easter(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holiday(lang: str, year: int, which: int) -> tuple[str, dt.date]:
    """A day named by a holiday with its year (one DATE span) and the calendar date it stands for."""
    options = (
        ("lendemain de Noël", "Boxing Day", dt.date(year, 12, 26)),
        ("lundi de Pâques", "Easter Monday", easter(year) + dt.timedelta(days=1)),
        ("veille de Noël", "Christmas Eve", dt.date(year, 12, 24)),
        ("jour de l'An", "New Year's Day", dt.date(year, 1, 1)),
        ("vendredi saint", "Good Friday", easter(year) - dt.timedelta(days=2)),
    )
    fr_name, en_name, date = options[which % len(options)]
    return f"{fr_name if lang == 'fr' else en_name} {year}", date


def rpps_number(rng: np.random.Generator) -> str:
    """An RPPS practitioner number: "10" and 8 digits, Luhn key (11 digits)."""
    body = "10" + _d(rng, 8)
    return body + luhn_digit(body)


def sa_id_number(birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A South African ID number: YYMMDD, gender serial (5000+ male), citizenship 0, race digit 8, Luhn key."""
    serial = int(rng.integers(5000, 10000)) if male else int(rng.integers(0, 5000))
    body = f"{birth:%y%m%d}{serial:04d}08"
    return body + luhn_digit(body)


def nric_letter(prefix: str, digits: str) -> str:
    """The check letter of a Singapore NRIC/FIN (weights 2,7,6,5,4,3,2; +4 for T/G)."""
    if prefix not in "STFG" or len(prefix) != 1 or len(digits) != 7 or not digits.isdigit():
        raise ValueError(f"nric_letter: expected S/T/F/G and 7 digits, got {prefix!r}, {len(digits)} characters")
    total = sum(int(c) * w for c, w in zip(digits, (2, 7, 6, 5, 4, 3, 2), strict=True))
    total += 4 if prefix in "TG" else 0
    table = "JZIHGFEDCBA" if prefix in "ST" else "XWUTRQPNMLK"
    return table[total % 11]


def chi_number(birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A Scottish CHI number: DDMMYY, two digits, a sex digit (odd male), mod-11 check (weights 10..2)."""
    while True:
        sex = int(rng.integers(0, 5)) * 2 + (1 if male else 0)
        nine = f"{birth:%d%m%y}{_d(rng, 2)}{sex}"
        check = 11 - sum(int(c) * w for c, w in zip(nine, range(10, 1, -1), strict=True)) % 11
        if check != 10:
            return nine + str(check % 11)


def dvla_licence(last: str, first: str, birth: dt.date, female: bool, tail: str) -> str:
    """A UK (DVLA) driving-licence number: 5 surname letters (9-padded), decade, month (+50 female), day, year digit,
    two initials (9-padded), then `tail` (the computer digit and two check letters, arbitrary here)."""
    letters = "".join(ch for ch in _slug(last).upper() if ch.isalpha())
    surname = (letters[:5] + "99999")[:5]
    initials = ("".join(w[0] for w in _slug(first).upper().split("-") if w) + "9")[:2]
    month = birth.month + (50 if female else 0)
    return f"{surname}{birth.year % 100 // 10}{month:02d}{birth.day:02d}{birth.year % 10}{initials}{tail}"


def ipv4(rng: np.random.Generator, private: bool) -> str:
    """An IPv4 address: a hospital LAN one (10.x.x.x) or a public one."""
    head = 10 if private else int(rng.integers(81, 223))
    return f"{head}.{int(rng.integers(0, 256))}.{int(rng.integers(0, 256))}.{int(rng.integers(1, 255))}"


def ipv6(rng: np.random.Generator) -> str:
    """An IPv6 address in full (uncompressed) hexadecimal groups without leading zeros."""
    groups = ["2a01", *(f"{int(x):x}" for x in rng.integers(0, 65536, size=7))]
    return ":".join(groups)


def login(first: str, last: str, style: int) -> str:
    """A login made of a person's name ("jdupont", "dupont.j", "annaig.legoff")."""
    f, s = _slug(first).replace("-", ""), _slug(last).replace("-", "").replace("'", "")
    return (f"{f[0]}{s}", f"{s}.{f[0]}", f"{f}.{s}")[style % 3]


# --------------------------------------------------------------------------------------------------- draw


def blind13_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    traditions = TRADITIONS_FR if fr else TRADITIONS_EN
    tradition = _pick(rng, sorted(traditions))
    firsts, lasts = traditions[tradition]
    first, last = _pick(rng, firsts), _pick(rng, lasts)
    male = bool(rng.random() < 0.5)
    display_last = last.upper() if rng.random() < 0.4 else last

    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(25 * 365, 98 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    decade_index = min(max(years // 10 - 3, 0), 5)

    used = {last}

    def person() -> tuple[str, str, str]:
        """A staff member not yet named in this document: (display name, first, surname)."""
        while True:
            f, surname = fake.first_name(), fake.last_name()
            if surname not in used:
                used.add(surname)
                return f"{f} {surname}", f, surname

    operator, scrub, anaesth = person()[0], person()[0], person()[0]
    radiographer, rad_first, rad_last = person()
    worker, rso, qa_reviewer, reader = person()[0], person()[0], person()[0], person()[0]
    staff_login = login(rad_first, rad_last, int(rng.integers(3)))
    op_first, op_last = operator.split(" ", 1)

    year = exam.year - int(rng.integers(0, 3))
    holiday_text, holiday_day = holiday(lang, year, int(rng.integers(5)))
    hijri_months = ("mouharram", "safar", "rabia al awal", "ramadan", "chawwal", "dhou al hijja")
    hijri_months_en = ("Muharram", "Safar", "Rabi' al-Awwal", "Ramadan", "Shawwal", "Dhu al-Hijjah")
    hijri_day, hijri_year = int(rng.integers(1, 30)), int(rng.integers(1437, 1447))
    ipp = _d(rng, int(rng.integers(7, 11)))
    accession = f"{exam.year % 100:02d}{_d(rng, 7)}"
    slug_city = _slug(fake.city())
    ip_host = ipv4(rng, private=True)
    if fr:
        domain = _pick(rng, ("chu-brest.fr", "ch-cotebasque.fr", "chu-reunion.fr", "chru-strasbourg.fr"))
        age = f"{years} ans"
        age_words = f"{number_fr(years)} ans"
        decade = DECADES_FR[decade_index] if years < 90 else "nonagénaire"
        hijri = f"{hijri_day} {_pick(rng, hijri_months)} {hijri_year}"
        phone = f"0{_pick(rng, ('2', '5', '9'))} " + " ".join(_d(rng, 2) for _ in range(4))
        extension = _pick(rng, (f"poste {_d(rng, 4)}", f"bip {_d(rng, 3)}"))
        home_address = f"{int(rng.integers(1, 200))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        licence = f"{_d(rng, 2)}{_pick(rng, 'ABCDEFGH')}{_pick(rng, 'ABCDEFGH')}{_d(rng, 5)}"
        employee_no = f"{_d(rng, 6)}"
        badge = f"{_d(rng, 4)}-{_d(rng, 4)}-{_d(rng, 2)}"
        account = f"{_d(rng, 11)}"
        period = _pick(rng, ("période trimestrielle", "période mensuelle", "trimestre en cours"))
        dose_hp = _pick(rng, ("Hp(10) 0,12 mSv", "Hp(0,07) 1,4 mSv", "Hp(10) inférieur au seuil"))
        cip = f"3400 9{_d(rng, 3)} {_d(rng, 3)} {_d(rng, 1)} {_d(rng, 1)}"
        uf = _pick(rng, ("4102", "2210", "7731"))
        time = f"{int(rng.integers(7, 20))}h{int(rng.integers(60)):02d}"
        duration = _pick(rng, ("12 min 40 s", "3 min", "27 minutes"))
        sex = "F" if not male else "M"
        natid = ""
        reg_body = ""
    else:
        domain = _pick(rng, ("nhs.scot", "wales.nhs.uk", "hse.ie", "sgh.com.sg", "knh.or.ke", "westerncape.gov.za"))
        age = _pick(rng, (f"{years} years", f"{years}y", f"aged {years}"))
        age_words = f"{number_en(years)} years old"
        decade = f"in {'her' if not male else 'his'} {DECADES_EN[decade_index] if years < 90 else 'nineties'}"
        hijri = f"{hijri_day} {_pick(rng, hijri_months_en)} {hijri_year} AH"
        phone = _pick(
            rng,
            (
                f"01463 {_d(rng, 6)}",
                f"+27 21 {_d(rng, 3)} {_d(rng, 4)}",
                f"+65 6{_d(rng, 3)} {_d(rng, 4)}",
                f"+254 20 {_d(rng, 7)}",
                f"091 {_d(rng, 6)}",
            ),
        )
        extension = _pick(rng, (f"bleep {_d(rng, 4)}", f"ext. {_d(rng, 4)}"))
        home_address = f"{int(rng.integers(1, 200))} {fake.street_name()}, {fake.city()} {fake.postcode()}"
        tail = f"{_d(rng, 1)}{_pick(rng, 'ABCDEFGHJK')}{_pick(rng, 'LMNPQRSTUW')}"
        licence = dvla_licence(last, first, birth, not male, tail)
        if tradition == "south_african":
            natid = sa_id_number(birth, male, rng)
        elif tradition == "singaporean":
            prefix, seven = _pick(rng, ("S", "T")), _d(rng, 7)
            natid = f"{prefix}{seven}{nric_letter(prefix, seven)}"
        elif tradition == "scottish":
            natid = chi_number(birth, male, rng)
        else:
            natid = f"{int(rng.integers(20_000_000, 39_999_999))}"
        employee_no = f"{_pick(rng, ('E', 'SN', 'P'))}{_d(rng, 6)}"
        badge = f"{_d(rng, 4)}-{_d(rng, 4)}"
        account = f"{_d(rng, 8)}"
        period = _pick(rng, ("this wear period", "the monthly wear period", "the current quarter's wear period"))
        dose_hp = _pick(rng, ("Hp(10) 0.12 mSv", "Hp(0.07) 1.4 mSv", "Hp(10) below reporting level"))
        cip = f"{_d(rng, 4)}-{_d(rng, 4)}-{_d(rng, 2)}"
        uf = _pick(rng, ("W12", "CCU", "AMU2"))
        time = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        duration = _pick(rng, ("12 min 40 s", "3 minutes", "27 min"))
        sex = "F" if not male else "M"
        reg_body = _pick(rng, ("GMC", "HPCSA", "SMC", "KMPDC"))

    file_name = "_".join(_ascii(f"{last} {first}").replace("'", " ").replace("/", " ").split())
    pat_login = f"{login(first, last, 2)}{_d(rng, 2)}"
    url_q = _pick(
        rng,
        (
            f"https://pacs.{domain}/viewer?patientId={ipp}&study={accession}",
            f"https://{slug_city}-imaging.{domain}/zfp?lights=on&PatientID={ipp}",
        ),
    )
    url_ip = f"http://{ipv4(rng, private=True)}:8080/dcm4chee-arc/aets/{_pick(rng, AETS)}/rs/studies?PatientID={ipp}"

    slots: Slots = {
        # the patient, named by logs, files, calendars, labels and sheets
        "first": (first, "PATIENT"),
        "LAST": (display_last, "PATIENT"),
        "file_name": (file_name, "PATIENT"),
        "qr_name": (f"{last.upper()} {first.upper()}", "PATIENT"),
        "pat_login": (pat_login, "PATIENT"),
        # other persons
        "operator": (operator, "PERSON"),
        "scrub": (scrub, "PERSON"),
        "anaesth": (anaesth, "PERSON"),
        "radiographer": (radiographer, "PERSON"),
        "staff_login": (staff_login, "PERSON"),
        "worker": (worker, "PERSON"),
        "rso": (rso, "PERSON"),
        "qa_reviewer": (qa_reviewer, "PERSON"),
        "reader": (reader, "PERSON"),
        # dates and ages
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "log_date": (exam.isoformat(), "DATE"),
        "ics_date": (f"{exam:%Y%m%d}", "DATE"),
        "file_date": (f"{exam:%Y%m%d}", "DATE"),
        "qr_dob": (f"{birth:%Y%m%d}", "DATE"),
        "holiday_date": (holiday_text, "DATE"),
        "holiday_exact": (format_date(holiday_day, lang, int(rng.integers(7))), "DATE"),
        "hijri": (hijri, "DATE"),
        "age": (age, "AGE"),
        "age_words": (age_words, "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS_FR if fr else INSTITUTIONS_EN), "INSTITUTION"),
        "employer": (_pick(rng, EMPLOYERS_FR if fr else EMPLOYERS_EN), "INSTITUTION"),
        "home_address": (home_address, "LOCATION"),
        "birthplace": (fake.city(), "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact and network
        "phone": (phone, "PHONE"),
        "extension": (extension, "PHONE"),
        "op_email": (f"{login(op_first, op_last, 2)}@{domain}", "EMAIL"),
        "pat_email": (
            f"{_slug(first).replace('-', '')}{_d(rng, 2)}@{_pick(rng, ('gmail.com', 'orange.fr', 'yahoo.com'))}",
            "EMAIL",
        ),
        "url_q": (url_q, "URL"),
        "url_ip": (url_ip, "URL"),
        "ip4": (_pick(rng, (ip_host, ipv4(rng, private=False))), "URL"),
        "ip6": (ipv6(rng), "URL"),
        # numbers
        "ipp": (ipp, "ID"),
        "accession": (accession, "ID"),
        "implant_sn": (f"{_pick(rng, ('PJN', 'RNB', 'TSX'))}{_d(rng, 6)}{_pick(rng, 'HSX')}", "ID"),
        "loan_sn": (f"{_pick(rng, ('HT4-', 'ABPM-'))}{_d(rng, 7)}", "ID"),
        "licence": (licence, "ID"),
        "natid": (natid, "ID"),
        "employee_no": (employee_no, "ID"),
        "badge": (badge, "ID"),
        "account": (account, "ID"),
        "rpps": (rpps_number(rng) if fr else _d(rng, 7), "ID"),
        # unlabelled: field words and traps
        "reg_body": (reg_body, None),
        "sex": (sex, None),
        "uf": (uf, None),
        "decade": (decade, None),
        "period": (period, None),
        "dose_hp": (dose_hp, None),
        "cip": (cip, None),
        "aet": (_pick(rng, AETS), None),
        "port": (_pick(rng, ("104", "11112", "4242")), None),
        "xray_sn": (f"SN {_d(rng, 5)}", None),
        "log_time": (f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}:{int(rng.integers(60)):02d}", None),
        "ics_time": (f"{int(rng.integers(7, 18)):02d}{_pick(rng, ('00', '15', '30', '45'))}00", None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "anatomy": (_pick(rng, ANATOMY_FR if fr else ANATOMY_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "implant": (_pick(rng, IMPLANTS_FR if fr else IMPLANTS_EN), None),
        "contrast": (_pick(rng, CONTRASTS), None),
        "lot": (f"{_d(rng, 2)}{_pick(rng, 'KLMX')}{_d(rng, 4)}", None),
        "drug": (_pick(rng, DRUGS_FR if fr else DRUGS_EN), None),
        "dose": (_pick(rng, DOSES_FR if fr else DOSES_EN), None),
        "equipment": (_pick(rng, EQUIPMENT), None),
        "time": (time, None),
        "duration": (duration, None),
        "room": (str(int(rng.integers(1, 6))), None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
