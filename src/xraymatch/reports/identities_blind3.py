"""Blind3 template family: RIS/PACS export headers, footers, banners and letter lines (French and English).

Written from scratch by an independent auditor, without reading the detector, for a blind estimate: teleradiology
reports, emergency notes, private imaging centres, military hospitals, paediatric units, HL7-ish and CSV-ish
fragments. Slots hold fake identifiers (faker) with their label, or unlabelled traps (codes, doses, times, serials,
eponyms used as eponyms) with label None. `blind3_draw(lang, rng)` returns (slots, family) like `blind2_draw`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.identities import _faker, format_date, format_phone

if TYPE_CHECKING:
    import numpy as np


FR_TEMPLATES: dict[str, list[list[str]]] = {
    "header": [
        [
            "TÉLÉRADIOLOGIE - {inst}\nPatient(e) : {patient} | Né(e) le {birth} | IPP {pid}\n",
            "PID|1||{pid}^^^{inst_code}||{hl7name}||{birth_hl7}|{sex}\n",
            "Patiente : {patient}, {age}, dossier n° {pid}\n",
            "{inst} - Service des urgences pédiatriques\nEnfant : {patient} ({age})\n",
            "HIA {inst_mil}\nPatient(e) : {patient_caps}  Matricule {pid}\n",
        ],
        [
            "Examen du {exam_date} à {time} - Acc. {accession}\n",
            "Date d'examen : {exam_date} ; Modalité CR ; Dose (PDS) : {dose}\n",
            "Examen du {exam_date}, protocole {code}\n",
        ],
        [
            "Prescripteur : Dr {doctor} ({inst2})\n",
            "Médecin traitant : Docteur {doctor}, {address}\n",
            "Demandé par : {doctor} - tél. {phone}\n",
        ],
    ],
    "pre": [["Indication : contrôle.\n", "Renseignements cliniques : douleur, signe de {eponym}.\n", ""]],
    "footer": [
        [
            "Interprété par Dr {radiologist} le {sign_date}\n",
            "Validé par {radiologist}, le {sign_date} à {time}\n",
            "Compte rendu signé électroniquement par le Dr {radiologist}\n",
        ],
        [
            "Transmis à : Dr {doctor}, {email}\n",
            "Copie : {doctor} ; Résultats en ligne : {url}\n",
            "{inst} - {address} - Tél. {phone}\n",
            "Rendez-vous : {phone} ou {email}\n",
        ],
        [
            "Appareil n° série {serial}, DAP {dose}\n",
            "Réf. {code} - {sign_date}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: dict[str, list[list[str]]] = {
    "header": [
        [
            "TELERADIOLOGY REPORT - {inst}\nPatient: {patient}   DOB: {birth}   MRN: {pid}\n",
            "PID|1||{pid}^^^{inst_code}^MR||{hl7name}||{birth_hl7}|{sex}\n",
            'Name,MRN,DOB,Age\n"{patient}",{pid},{birth},{age}\n',
            "{inst} Children's Imaging\nPatient: {patient} ({age})\n",
            "{inst_mil} Medical Center\nPatient: {patient_caps}  Account #: {account}\n",
        ],
        [
            "Exam date: {exam_date} {time}  Accession: {accession}\n",
            "Encounter: {account}  Location: {inst2}, {address}\n",
            "Study performed {exam_date}; CTDIvol {dose}; protocol {code}\n",
        ],
        [
            "Ordering provider: {doctor}, MD - phone {phone}\n",
            "Attending: Dr. {doctor}\n",
            "Referring physician: {doctor} ({email})\n",
        ],
    ],
    "pre": [["CLINICAL HISTORY: pain, positive {eponym} sign.\n", "Indication: follow-up.\n", ""]],
    "footer": [
        [
            "Interpreted by: {radiologist}, MD on {sign_date}\n",
            "Electronically signed by Dr. {radiologist} {sign_date} {time}\n",
            "Dictated by {radiologist}; transcribed {sign_date}\n",
        ],
        [
            "cc: Dr. {doctor} <{email}>\n",
            "Images available at {url}\n",
            "{inst} | {address} | Tel {phone}\n",
            "Questions? Call {phone} or email {email}\n",
        ],
        [
            "Device S/N {serial}, DAP {dose}\n",
            "Ref {code} printed {sign_date}\n",
            "",
        ],
    ],
}

EPONYMS = ("Lachman", "Murphy", "McMurray", "Phalen", "Tinel", "Hawkins", "Neer", "Finkelstein")


def _date(rng: np.random.Generator, start: int, span: int) -> dt.date:
    return dt.date(start, 1, 1) + dt.timedelta(days=int(rng.integers(span)))


def _d(rng: np.random.Generator, n: int) -> str:
    return "".join(str(int(x)) for x in rng.integers(0, 10, n))


def blind3_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, dict[str, list[list[str]]]]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fake: Any = _faker("fr_FR" if lang == "fr" else "en_US")
    fake.seed_instance(int(rng.integers(2**31)))
    first, last = fake.first_name(), fake.last_name()
    birth = _date(rng, 1930, 90 * 365)
    exam = _date(rng, 2018, 7 * 365)
    age_years = max(exam.year - birth.year, 1)  # consistent with the birth date
    age = (f"{age_years} ans" if lang == "fr" else f"{age_years} yo") if rng.random() < 0.7 else f"{age_years}A"
    city = fake.city()
    inst = f"Centre d'imagerie {city}" if lang == "fr" else f"{city} Regional Hospital"
    slots: Slots = {
        "patient": (f"{first} {last}", "PATIENT"),
        "patient_caps": (f"{last.upper()} {first}", "PATIENT"),
        "hl7name": (f"{last.upper()}^{first.upper()}", "PATIENT"),
        "birth": (format_date(birth, lang, int(rng.integers(4))), "DATE"),
        "birth_hl7": (birth.strftime("%Y%m%d"), "DATE"),
        "exam_date": (format_date(exam, lang, int(rng.integers(4))), "DATE"),
        "sign_date": (format_date(exam + dt.timedelta(days=int(rng.integers(3))), lang, int(rng.integers(4))), "DATE"),
        "age": (age, "AGE"),
        "pid": (_d(rng, int(rng.integers(7, 11))), "ID"),
        "accession": (f"ACC{_d(rng, 8)}", "ID"),
        "account": (_d(rng, 9), "ID"),
        "inst": (inst, "INSTITUTION"),
        "inst2": (fake.company(), "INSTITUTION"),
        "inst_mil": (f"{fake.last_name()}" if lang == "fr" else f"{fake.last_name()} Army", "INSTITUTION"),
        "inst_code": ("CHX", None),
        "address": (fake.address().replace("\n", ", "), "LOCATION"),
        "phone": (format_phone(lang, rng, int(rng.integers(3))), "PHONE"),
        "email": (f"{first[0].lower()}.{last.lower().replace(' ', '')}@{fake.free_email_domain()}", "EMAIL"),
        "url": (f"https://pacs.{fake.domain_name()}/viewer?study={_d(rng, 6)}", "URL"),
        "doctor": (f"{fake.first_name()} {fake.last_name()}", "PERSON"),  # no faker prefix ("Dr."): titles outside
        "radiologist": (f"{fake.first_name()} {fake.last_name().upper()}", "PERSON"),
        "sex": ("F" if rng.random() < 0.5 else "M", None),
        "time": (f"{int(rng.integers(24)):02d}:{int(rng.integers(60)):02d}", None),
        "dose": (f"{rng.uniform(0.5, 30):.1f} mGy", None),
        "code": (f"ZBQK{_d(rng, 3)}", None),
        "serial": (f"SN-{_d(rng, 4)}-{_d(rng, 2)}X", None),
        "eponym": (EPONYMS[int(rng.integers(len(EPONYMS)))], None),
    }
    return slots, (FR_TEMPLATES if lang == "fr" else EN_TEMPLATES)
