"""Blind7 template family: PDF-to-text conversions, married and birth names, overseas France, DICOM files and UIDs,
protection measures, social context, dictation codes, and English records from the US, Australia, New Zealand,
Ireland, Canada, India and Nigeria.

Written by an independent auditor who never read the detector (reports/deid/), for a seventh blind estimate of how
it generalises. New shapes: PDF text with running page headers/footers that repeat the patient's name and birth date
on every page ("Page 2/3 - NOM Prénom - né(e) le ..."), two columns merged line by line, words hyphenated across a
line break ("Lefeb-\\nvre"), markdown/pipe tables; married and birth names ("épouse", "née", "veuve", "nom d'usage /
nom de naissance"); surnames that are common words or first names (Blanc, Petit, Roy, Rose, Lucas Martin), particles
and compound names (de la, Le, Ben, El, Abd el-, Ould, Van, O', Mc, Nguyen Van) and names in native order; overseas
France (97x postcodes, +262/+590/+596/+594 phones, 069x mobiles); INS (the NIR with its key; its OID is not an
identifier), Carte Vitale numbers; DICOM file names and export paths that embed names, dates and IDs, study/series
instance UIDs, DICOM tags; guardianship (tutelle/curatelle) with a named mandataire and the UDAF; social context
(partner, home help); technologist and dictation initials ("Manip : JD", "Dict. JDU/tr"); child ages "4a6m". English:
US headers (MRN, SSN, ZIP+4, Medicare MBI), Australian Medicare numbers with IRN, New Zealand NHI (check character),
Irish PPSN (check letter), Canadian postal codes with province, Indian and Nigerian names and phones, "c/o"
addresses, next-of-kin blocks, e-mail signatures with display names.

Gold conventions (those of blind6 and `entities.LABELS`): a span is the identifier text only, without titles or
field names. Every part of the patient's own name is PATIENT, whatever it is called (nom d'usage, nom de naissance,
married name, "née X", "veuve X", name at birth, "known as"); "épouse"/"née"/"veuve" themselves are not labelled. A
name hyphenated across a line break is one span including the "-\\n". A running header repeated on every page is
labelled every time it occurs. A DICOM file name is split: its date part is DATE, its `NAME_I` part (surname and
initial joined by "_") is one PATIENT span, an accession-like number is ID; in an export path the date folders
"2024/03/12" are one DATE span and the numeric study folder is ID. Study and series instance UIDs are ID (they are
unique to one examination and link back to it); a root OID naming a registry or standard (INS OID
1.2.250.1.213.1.4.8, the DICOM UID root 1.2.840.10008...) is not. DICOM tags "(0010,0010)" are not identifiers.
A DICOM person name "DUPONT^JEAN" is one PATIENT span. Technologist and dictation initials ("JD", "JDU/tr": only the
author's "JDU", not the typist's "tr") are PERSON. Mandataires, partners, home helps, next of kin and "c/o" hosts are
PERSON; the UDAF and other guardianship associations are INSTITUTION (they point at one person). INS, Carte Vitale,
NIR, SSN, MBI, Medicare, NHI, PPSN, MRN, UIDs and accession numbers are ID (the one-digit Medicare IRN
printed apart, "(IRN 2)", is not labelled on its own). A Canadian postal code with its city and
province is one LOCATION span. Gestational ages ("31 SA", "31+2 weeks' gestation") are NOT AGE: they describe a
pregnancy, not how old a person is, and are planted as traps; a child's age "4a6m" / "2 ans et 3 mois" is AGE.
Unlabelled traps: eponyms used as such (maladie de Paget while a "Dr Paget" elsewhere is PERSON), classifications and
scales, OIDs, software versions, DICOM tags, page numbers, lot numbers, drug names, times, durations, relative dates,
rooms, beds and wards. `blind7_draw(lang, rng)` returns (slots, family) like `blind6_draw`. Never tune a detector on
it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _ascii, _d, _pick, _slug, luhn_digit, mbi

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "--- Page {page} --- {LAST} {first} --- né(e) le {dob} --- IPP {ipp} ---\n{inst}\n",
            "{inst}                              Dr {radiologist}\n{address}                 Radiologue - RPPS "
            "{rpps}\n",
            "| Nom d'usage | Nom de naissance | Prénom | Date de naissance |\n|---|---|---|---|\n"
            "| {USAGE} | {BIRTH_NAME} | {first} | {dob} |\n",
            "Fichier source : /pacs/export/{dcm_dir_date}/{dcm_study}/IMG_{dcm_date}_{dcm_name}.dcm\n",
            "{inst} - {address}\nStandard {phone_dom} - secrétariat {mobile_dom}\n",
        ],
        [
            "{title} {first} {BIRTH_NAME} {spouse} {USAGE}, {age}\n",
            "Nom d'usage {USAGE}, {first}, {nee} {BIRTH_NAME} - {age}\n",
            "Enfant {first} {LAST}, {age_child}, né(e) à {gest}\n",
            "(0010,0010) {dicom_pn} (0010,1010) {age_dicom}\n",
            "Nom : {LAST} - Prénom(s) : {first}, {age} - domicile {p_address}\n",
        ],
        [
            "INS : {ins} (OID {ins_oid})\n",
            "Carte Vitale n° {vitale}\n",
            "Study Instance UID : {study_uid}\nSeries Instance UID : {series_uid}\n",
            "N° d'examen {accession} - chambre {room}, lit {bed}\n",
            "",
        ],
        [
            "Mesure de protection : {measure}, mandataire {mandataire} ({udaf})\n",
            "Vit avec son compagnon M. {partner} à {city} ; aide à domicile Mme {helper} ({phone_dom}).\n",
            "Prescripteur : Dr {referrer} - courriel {email}\n",
            "Examen du {exam_date} à {time}, {ward}.\n",
        ],
    ],
    "pre": [
        [
            "Contexte : {eponym} ; {classif}. Contrôle {rel_date}.\n",
            "Produit : {drug}, lot {lot}, durée d'injection {duration}.\n",
            "Console {software}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nDr {rad_hyph}\nManip : {manip} - Dict. {dict_code}/tr\n",
            "\n--- Page {page_last} --- {LAST} {first} --- né(e) le {dob} --- {inst}\n",
            "\n{rad_full} <{email}>\n{inst}\n",
            "\nValidé le {sign_date} par Dr {radiologist}. Manip : {manip}\n",
        ],
        [
            "Images consultables : {url}\n",
            "Export : /pacs/export/{dcm_dir_date}/{dcm_study}/\n",
            "Copie : Dr {referrer}, {mobile_dom}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "Page {page} | {LAST}, {first} | MRN {mrn} | DOB {dob}\n{inst}  ·  Diagnostic Imaging\n",
            "{inst}                              {radiologist}, MBBS\n{address}                 Consultant "
            "Radiologist\n",
            "| Field | Value |\n|---|---|\n| Patient | {patient} |\n| {nat_id_name} | {nat_id} |\n| Facility | "
            "{inst} |\n",
            "Source file: /pacs/export/{dcm_dir_date}/{dcm_study}/IMG_{dcm_date}_{dcm_name}.dcm\n",
            "{inst}, {address}\nMain line {phone_dom} | Radiology {mobile_dom}\n",
        ],
        [
            "Patient: {patient} (name at birth {BIRTH_NAME}), {age}\n",
            "Infant {first} {LAST}, {age_child}, born at {gest}\n",
            "(0010,0010) {dicom_pn} (0010,1010) {age_dicom}\n",
            "Patient: {patient}, {age}, c/o {host}, {p_address}\n",
            "Name: {LAST}, {first} - {age} - residing at {p_address}\n",
        ],
        [
            "{nat_id_name} {nat_id} - Medicare MBI {mbi}\n",
            "SSN {ssn} - MRN {mrn}\n",
            "Study Instance UID: {study_uid}\nSeries Instance UID: {series_uid}\n",
            "Accession {accession} - room {room}, bed {bed}\n",
            "",
        ],
        [
            "NEXT OF KIN: {kin} ({kin_rel}), tel. {mobile_dom}\n",
            "Lives with partner {partner} in {city}; carer {helper} visits daily.\n",
            "Referrer: Dr {referrer}, {email}\n",
            "Examined {exam_date} at {time}, {ward}.\n",
        ],
    ],
    "pre": [
        [
            "History: {eponym}; {classif}. Follow-up {rel_date}.\n",
            "Contrast: {drug}, lot {lot}, injected over {duration}.\n",
            "Workstation {software}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nDr {rad_hyph}\nRadiographer: {manip} - dictated {dict_code}/tr\n",
            "\nPage {page_last} | {LAST}, {first} | DOB {dob} | {inst}\n",
            "\n{rad_full} <{email}>\n{inst}\n",
            "\nVerified {sign_date} by Dr {radiologist}. Radiographer {manip}\n",
        ],
        [
            "Image viewer link: {url}\n",
            "Export: /pacs/export/{dcm_dir_date}/{dcm_study}/\n",
            "cc: Dr {referrer}, {mobile_dom}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Surnames that are common words or first names, particles and compound names, native orders.
WORD_SURNAMES_FR = ("Blanc", "Petit", "Roy", "Boulanger", "Marchand", "Rose", "Martin", "Lucas", "Vincent", "Meunier")
PARTICLE_SURNAMES_FR = (
    "de la Fontaine", "Le Goff", "Le Bihan", "Ben Youssef", "El Amrani", "Abd el-Kader", "Ould Ahmed",
    "Van den Broeck", "Nguyen Van", "da Silva Pereira", "dos Santos", "Kerbrat", "Esposito", "Haddad",
)  # fmt: skip
WORD_SURNAMES_EN = ("Baker", "Rose", "Young", "Little", "Cook", "Walker", "Smith Baker", "King", "Hope", "May")
PARTICLE_SURNAMES_EN = (
    "O'Brien", "McAllister", "Okonkwo", "Adeyemi", "Chukwuemeka", "Venkataraman", "Nair", "Singh", "Patel",
    "van der Merwe", "Te Whata", "Ní Bhriain",
)  # fmt: skip
FIRST_EN_WORLD = ("Priya", "Arjun", "Chinedu", "Ngozi", "Oluwaseun", "Aroha", "Siobhán", "Tane", "Lakshmi", "Emeka")

EPONYMS_FR = ("maladie de Paget", "fracture de Barton", "lésion de Bankart", "fracture de Segond", "signe de Smith")
EPONYMS_EN = ("Paget disease of bone", "Barton fracture", "Bankart lesion", "Segond fracture", "Smith fracture")
CLASSIF_FR = ("Garden III", "Neer 3 parties", "Weber B", "AO 31-A2", "Kellgren-Lawrence 3", "Schatzker II")
CLASSIF_EN = ("Garden III", "Neer 3-part", "Weber B", "AO 31-A2", "Kellgren-Lawrence grade 3", "Schatzker II")
DRUGS = ("Omnipaque 300", "Iomeron 350", "Visipaque 270", "Xenetix 300")
SOFTWARE = ("syngo.via VB60A", "Carestream Vue PACS 12.2.1", "Agfa MUSICA 3.2", "Fujifilm Synapse 7.3.000")
MEASURES = ("curatelle renforcée", "tutelle", "sauvegarde de justice", "habilitation familiale")
WARDS_FR = ("service de gériatrie", "UHCD", "réanimation chirurgicale", "pédiatrie, secteur B")
WARDS_EN = ("Ward 7B", "ED resus", "orthopaedic ward", "paediatric HDU")
KIN_REL = ("daughter", "son", "wife", "husband", "niece", "brother")
OVERSEAS = (  # (city, postcode, landline prefix, mobile prefix, CHU)
    ("Fort-de-France", "97200", "+596 596", "0696", "CHU de Martinique"),
    ("Pointe-à-Pitre", "97110", "+590 590", "0690", "CHU de Guadeloupe"),
    ("Saint-Denis", "97400", "+262 262", "0692", "CHU de La Réunion"),
    ("Saint-Pierre", "97410", "+262 262", "0693", "CHU de La Réunion - site sud"),
    ("Cayenne", "97300", "+594 594", "0694", "Centre hospitalier de Cayenne"),
    ("Mamoudzou", "97600", "+262 269", "0639", "Centre hospitalier de Mayotte"),
)
UDAF_DEPTS = ("de la Gironde", "du Nord", "de La Réunion", "du Rhône", "de Martinique", "des Bouches-du-Rhône")
INS_OID = "1.2.250.1.213.1.4.8"
CA_PROVINCES = (("Ottawa", "ON", "K"), ("Montréal", "QC", "H"), ("Vancouver", "BC", "V"), ("Halifax", "NS", "B"))
NHI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # I and O are not used; A=1 ... Z=24
PPSN_LETTERS = "WABCDEFGHIJKLMNOPQRSTUV"  # remainder 0 -> W, 1 -> A, ... 22 -> V

# --------------------------------------------------------------------------------------------------- check digits


def nir_key(body13: str) -> int:
    """The NIR/INS key: 97 minus the 13-digit body modulo 97 (Corsica's 2A/2B are not drawn here)."""
    return 97 - int(body13) % 97


def rpps_number(rng: np.random.Generator) -> str:
    """An 11-digit RPPS number ("10" + 8 digits + Luhn digit)."""
    body = "10" + _d(rng, 8)
    return body + luhn_digit(body)


def ins_number(male: bool, birth: dt.date, rng: np.random.Generator) -> str:
    """An INS (the NIR of the person, 13 digits + 2-digit key), printed in groups as on the Carte Vitale."""
    body = f"{1 if male else 2}{birth.year % 100:02d}{birth.month:02d}{int(rng.integers(1, 96)):02d}"
    body += f"{int(rng.integers(1, 990)):03d}{int(rng.integers(1, 999)):03d}"
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {nir_key(body):02d}"


def nhi_check(first6: str) -> str | None:
    """The New Zealand NHI (old format AAANNNN) check digit for 3 letters + 3 digits, or None where none is valid."""
    values = [NHI_LETTERS.index(c) + 1 for c in first6[:3]] + [int(c) for c in first6[3:]]
    remainder = sum(v * w for v, w in zip(values, range(7, 1, -1), strict=True)) % 11
    if remainder == 0:
        return None
    check = 11 - remainder
    return "0" if check == 10 else str(check)


def nhi_number(rng: np.random.Generator) -> str:
    """A New Zealand NHI number (3 letters without I/O, 4 digits, the last a mod-11 check)."""
    while True:
        body = "".join(_pick(rng, NHI_LETTERS) for _ in range(3)) + _d(rng, 3)
        check = nhi_check(body)
        if check is not None:
            return body + check


def ppsn_letter(digits7: str, second: str = "") -> str:
    """The Irish PPSN check letter: digits weighted 8..2 (+ the second letter's value x 9), modulo 23."""
    total = sum(int(c) * w for c, w in zip(digits7, range(8, 1, -1), strict=True))
    if second and second != "W":
        total += (ord(second) - 64) * 9
    return PPSN_LETTERS[total % 23]


def ppsn(rng: np.random.Generator) -> str:
    """An Irish PPSN: 7 digits, the check letter, and for newer numbers a second letter (A)."""
    digits = _d(rng, 7)
    second = "A" if rng.random() < 0.5 else ""
    return digits + ppsn_letter(digits, second) + second


def medicare_au_check(first8: str) -> str:
    """The Australian Medicare card check digit: first 8 digits weighted 1,3,7,9,1,3,7,9, modulo 10."""
    return str(sum(int(c) * w for c, w in zip(first8, (1, 3, 7, 9, 1, 3, 7, 9), strict=True)) % 10)


def medicare_au(rng: np.random.Generator) -> str:
    """An Australian Medicare card number "NNNN NNNNN N" (first digit 2-6, check digit 9th, issue number 10th)."""
    body = str(int(rng.integers(2, 7))) + _d(rng, 7)
    full = body + medicare_au_check(body) + str(int(rng.integers(1, 10)))
    return f"{full[:4]} {full[4:9]} {full[9]}"


def ca_postal(rng: np.random.Generator, first_letter: str) -> str:
    """A Canadian postal code "A1A 1A1" (no D, F, I, O, Q, U)."""
    letters = "ABCEGHJKLMNPRSTVXY"
    return f"{first_letter}{_d(rng, 1)}{_pick(rng, letters)} {_d(rng, 1)}{_pick(rng, letters)}{_d(rng, 1)}"


def dicom_uid(rng: np.random.Generator) -> str:
    """A study/series instance UID under an organisation root (as PACS exports print them)."""
    root = _pick(rng, ("1.2.826.0.1.3680043.8.498", "1.3.6.1.4.1.14519.5.2.1", "1.2.250.1.59.453.859"))
    return f"{root}.{int(rng.integers(1, 10))}{_d(rng, 11)}.{int(rng.integers(1, 10))}{_d(rng, 5)}"


# --------------------------------------------------------------------------------------------------- draw


def _surname(fake: Any, rng: np.random.Generator, fr: bool) -> str:
    """A surname: half from faker, the rest common words/first names or particle/compound/native-order names."""
    roll = rng.random()
    if roll < 0.5:
        return str(fake.last_name())
    if roll < 0.75:
        return _pick(rng, WORD_SURNAMES_FR if fr else WORD_SURNAMES_EN)
    return _pick(rng, PARTICLE_SURNAMES_FR if fr else PARTICLE_SURNAMES_EN)


def _hyphenated(first: str, last: str, rng: np.random.Generator) -> str:
    """A name broken across a PDF line with a hyphen ("Jean Lefeb-\\nvre"); short surnames stay whole."""
    core = last.replace(" ", "")
    if len(core) < 5 or core != last:
        return f"{first}\n{last}" if rng.random() < 0.3 else f"{first} {last}"
    cut = int(rng.integers(2, len(last) - 2))
    return f"{first} {last[:cut]}-\n{last[cut:]}"


def blind7_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    male = bool(rng.random() < 0.5)
    first = fake.first_name_male() if male else fake.first_name_female()
    if not fr and rng.random() < 0.35:
        first = _pick(rng, FIRST_EN_WORLD)
    last = _surname(fake, rng, fr)
    birth_name = _surname(fake, rng, fr)
    usage = _surname(fake, rng, fr)
    exam = dt.date(2017, 1, 1) + dt.timedelta(days=int(rng.integers(8 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 92 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    child_months = int(rng.integers(2, 12 * 12))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 3)))

    def person() -> str:
        return f"{fake.first_name()} {_surname(fake, rng, fr)}"

    rad_first, rad_last = fake.first_name(), fake.last_name()
    if rng.random() < 0.1:
        rad_last = _pick(rng, ("Paget", "Barton", "Bankart", "Segond", "Smith"))  # eponym surnames as staff
    manip_first, manip_last = fake.first_name(), fake.last_name()
    dict_code = (_ascii(rad_first)[:1] + _ascii(rad_last)[:2]).upper()
    city = fake.city()
    pages = int(rng.integers(2, 4))

    if fr:
        overseas = rng.random() < 0.5
        if overseas:
            o_city, o_post, o_land, o_mobile, o_chu = _pick(rng, OVERSEAS)
            city, inst = o_city, o_chu
            address = f"{fake.street_address()}, {o_post} {o_city}"
            phone_dom = f"{o_land} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
            mobile_dom = f"{o_mobile} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        else:
            inst = _pick(rng, (f"CHU de {city}", f"Clinique {fake.last_name()}", f"Imagerie {fake.last_name()}"))
            address = f"{fake.street_address()}, {fake.postcode()} {city}"
            phone_dom = f"0{int(rng.integers(1, 6))} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
            mobile_dom = f"0{_pick(rng, ('6', '7'))} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        p_address = f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
        age = _pick(rng, (f"{years} ans", f"{years} a", f"âge {years} ans"))
        months = child_months % 12
        age_child = _pick(
            rng,
            (f"{child_months // 12}a{months}m", f"{child_months // 12} ans et {months} mois", f"{child_months} mois"),
        )
        gest = f"{int(rng.integers(24, 37))}{_pick(rng, ('', '+2', '+5'))} SA"
        email = f"{_slug(rad_first)}.{_slug(rad_last)}@ch-{_slug(city)}.fr"
        url = f"https://imagerie.{_slug(city)}.fr/resultats/{_d(rng, 8)}"
        nat_name, nat_id = "INS", ""
        time = f"{int(rng.integers(7, 20))}h{int(rng.integers(60)):02d}"
        rel_date = _pick(rng, ("à 6 semaines", "dans 3 mois", "à J15"))
        duration = _pick(rng, ("20 secondes", "2 min", "30 s"))
        page = f"{1}/{pages}"
        page_last = f"{pages}/{pages}"
    else:
        country = _pick(rng, ("us", "au", "nz", "ie", "ca", "in", "ng"))
        inst = _pick(rng, (f"{city} General Hospital", f"St {fake.first_name()}'s Hospital", f"{city} Imaging"))
        phone_dom, mobile_dom = (
            f"(0{_d(rng, 1)}) {_d(rng, 4)} {_d(rng, 4)}",
            f"04{_d(rng, 2)} {_d(rng, 3)} {_d(rng, 3)}",
        )
        street = fake.street_address().replace("\n", ", ")
        if country == "us":
            address = f"{street}, {city}, {_pick(rng, ('OH', 'TX', 'MN'))} {_d(rng, 5)}-{_d(rng, 4)}"
            phone_dom, mobile_dom = (
                f"({_d(rng, 3)}) {_d(rng, 3)}-{_d(rng, 4)}",
                f"{_d(rng, 3)}-{_d(rng, 3)}-{_d(rng, 4)}",
            )
            nat_name, nat_id = "Medicare MBI", mbi(rng)
        elif country == "au":
            address = f"{street}, {city} {_pick(rng, ('NSW', 'VIC', 'QLD'))} {_d(rng, 4)}"
            nat_name, nat_id = "Medicare", medicare_au(rng)
        elif country == "nz":
            address = f"{street}, {city} {_d(rng, 4)}"
            phone_dom, mobile_dom = f"+64 9 {_d(rng, 3)} {_d(rng, 4)}", f"021 {_d(rng, 3)} {_d(rng, 4)}"
            nat_name, nat_id = "NHI", nhi_number(rng)
        elif country == "ie":
            address = f"{street}, {city}, Co. {_pick(rng, ('Cork', 'Galway', 'Kerry'))}"
            phone_dom, mobile_dom = f"+353 1 {_d(rng, 3)} {_d(rng, 4)}", f"087 {_d(rng, 3)} {_d(rng, 4)}"
            nat_name, nat_id = "PPSN", ppsn(rng)
        elif country == "ca":
            ca_city, province, letter = _pick(rng, CA_PROVINCES)
            city = ca_city
            address = f"{street}, {ca_city}, {province} {ca_postal(rng, letter)}"
            phone_dom, mobile_dom = (
                f"({_d(rng, 3)}) {_d(rng, 3)}-{_d(rng, 4)}",
                f"+1 {_d(rng, 3)} {_d(rng, 3)} {_d(rng, 4)}",
            )
            nat_name, nat_id = "Health card", f"{_d(rng, 4)}-{_d(rng, 3)}-{_d(rng, 3)}"
        elif country == "in":
            address = f"{_d(rng, 2)}, {fake.street_name()}, {city} {_d(rng, 3)} {_d(rng, 3)}"
            phone_dom, mobile_dom = f"+91 22 {_d(rng, 4)} {_d(rng, 4)}", f"+91 9{_d(rng, 4)} {_d(rng, 5)}"
            nat_name, nat_id = "ABHA", f"{_d(rng, 2)}-{_d(rng, 4)}-{_d(rng, 4)}-{_d(rng, 4)}"
        else:
            address = f"{_d(rng, 2)} {fake.street_name()}, {city}, {_pick(rng, ('Lagos', 'Abuja', 'Enugu'))}"
            phone_dom, mobile_dom = f"+234 1 {_d(rng, 3)} {_d(rng, 4)}", f"+234 803 {_d(rng, 3)} {_d(rng, 4)}"
            nat_name, nat_id = "NIN", _d(rng, 11)
        p_address = f"{fake.street_address()}, {fake.city()} {fake.postcode()}".replace("\n", ", ")
        age = _pick(rng, (f"{years} yrs", f"{years}-yr-old", f"{years}y"))
        months = child_months % 12
        age_child = _pick(rng, (f"{child_months // 12}y{months}m", f"{child_months // 12} years {months} months"))
        gest = f"{int(rng.integers(24, 37))}{_pick(rng, ('', '+2', '+5'))} weeks' gestation"
        email = f"{_slug(rad_first)[0]}.{_slug(rad_last)}@{_slug(city)}health.org"
        url = f"https://images.{_slug(city)}health.org/viewer?study={_d(rng, 9)}"
        time = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        rel_date = _pick(rng, ("in 6 weeks", "in 3 months", "at day 15"))
        duration = _pick(rng, ("20 seconds", "2 min", "30 s"))
        page = f"1 of {pages}"
        page_last = f"{pages} of {pages}"

    dcm_last = _ascii(last).upper().replace(" ", "").replace("'", "")
    slots: Slots = {
        # patient
        "patient": (f"{first} {last}", "PATIENT"),
        "first": (first, "PATIENT"),
        "LAST": (last.upper(), "PATIENT"),
        "USAGE": (usage.upper(), "PATIENT"),
        "BIRTH_NAME": (birth_name.upper(), "PATIENT"),
        "dicom_pn": (f"{dcm_last}^{_ascii(first).upper()}", "PATIENT"),
        "dcm_name": (f"{dcm_last}_{_ascii(first)[0].upper()}", "PATIENT"),
        # other persons
        "radiologist": (_pick(rng, (f"{rad_first} {rad_last}", rad_last)), "PERSON"),
        "rad_full": (f"{rad_first} {rad_last}", "PERSON"),
        "rad_hyph": (_hyphenated(rad_first, rad_last, rng), "PERSON"),
        "referrer": (person(), "PERSON"),
        "mandataire": (person(), "PERSON"),
        "partner": (person(), "PERSON"),
        "helper": (person(), "PERSON"),
        "kin": (person(), "PERSON"),
        "host": (person(), "PERSON"),
        "manip": (
            _pick(rng, ((_ascii(manip_first)[0] + _ascii(manip_last)[0]).upper(), f"{manip_first} {manip_last}")),
            "PERSON",
        ),
        "dict_code": (dict_code, "PERSON"),
        # dates and ages
        "dob": (format_date(birth, lang, int(rng.integers(7))), "DATE"),
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "sign_date": (format_date(sign, lang, int(rng.integers(7))), "DATE"),
        "dcm_date": (f"{exam.year}{exam.month:02d}{exam.day:02d}", "DATE"),
        "dcm_dir_date": (f"{exam.year}/{exam.month:02d}/{exam.day:02d}", "DATE"),
        "age": (age, "AGE"),
        "age_child": (age_child, "AGE"),
        "age_dicom": (f"{years:03d}Y", "AGE"),
        # places and organisations
        "inst": (inst, "INSTITUTION"),
        "udaf": (
            _pick(rng, (f"UDAF {_pick(rng, UDAF_DEPTS)}", f"ATI {_pick(rng, UDAF_DEPTS)}")) if fr else "",
            "INSTITUTION",
        ),
        "address": (address, "LOCATION"),
        "p_address": (p_address, "LOCATION"),
        "city": (city, "LOCATION"),
        # contact
        "phone_dom": (phone_dom, "PHONE"),
        "mobile_dom": (mobile_dom, "PHONE"),
        "email": (email, "EMAIL"),
        "url": (url, "URL"),
        # numbers
        "ipp": (_d(rng, int(rng.integers(7, 11))), "ID"),
        "mrn": (f"{_pick(rng, ('', 'M', 'H'))}{_d(rng, 8)}", "ID"),
        "rpps": (rpps_number(rng), "ID"),
        "ins": (ins_number(male, birth, rng), "ID"),
        "vitale": (ins_number(male, birth, rng), "ID"),
        "ssn": (f"{_d(rng, 3)}-{_d(rng, 2)}-{_d(rng, 4)}", "ID"),
        "mbi": (mbi(rng), "ID"),
        "nat_id": (nat_id, "ID"),
        "study_uid": (dicom_uid(rng), "ID"),
        "series_uid": (dicom_uid(rng), "ID"),
        "accession": (f"{exam.year % 100:02d}{_d(rng, 7)}", "ID"),
        "dcm_study": (_d(rng, int(rng.integers(6, 9))), "ID"),
        # unlabelled: field words, traps
        "title": (("M." if male else "Mme") if fr else ("Mr" if male else "Ms"), None),
        "spouse": ("époux" if male else "épouse", None),
        "nee": ("né" if male else "née", None),
        "nat_id_name": (nat_name, None),
        "measure": (_pick(rng, MEASURES), None),
        "kin_rel": (_pick(rng, KIN_REL), None),
        "page": (page, None),
        "page_last": (page_last, None),
        "ins_oid": (INS_OID, None),
        "gest": (gest, None),
        "time": (time, None),
        "ward": (_pick(rng, WARDS_FR if fr else WARDS_EN), None),
        "room": (f"{int(rng.integers(1, 6))}{int(rng.integers(0, 40)):02d}", None),
        "bed": (_pick(rng, ("A", "B", "1", "2")), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF_FR if fr else CLASSIF_EN), None),
        "drug": (_pick(rng, DRUGS), None),
        "lot": (f"{int(rng.integers(20, 26))}{_pick(rng, tuple('ABCKMX'))}{_d(rng, 3)}", None),
        "software": (_pick(rng, SOFTWARE), None),
        "duration": (duration, None),
        "rel_date": (rel_date, None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
