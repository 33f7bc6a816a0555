"""Fake identities planted around generated report bodies, so de-identification is exercised (and scored) every run.

`plant_identifiers(body, lang, rng, style)` wraps a clinical body in a header and footer filled with faker
identities (fr_FR for French, en_US for English) and returns the text with the true identifier spans. Template
families: "train" (what the detector may be tuned on), "heldout" (other phrasings, kept for evaluation) and the audit
families of `families.AUDIT_FAMILIES` (identities_<name>.py, each written apart from the detector; see families.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from xraymatch.reports.deid.checksums import luhn_complete, nir_key
from xraymatch.reports.entities import Entity
from xraymatch.reports.families import FAMILY_NAMES, draw_family

if TYPE_CHECKING:
    import numpy as np

STYLES = ("train", "heldout", *FAMILY_NAMES)
LANGS = ("fr", "en")

MONTHS_FR = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
MONTHS_FR_ABBR = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# Surnames that are also eponyms: planted now and then as a staff name, so "Dr Paget" must be caught as a person.
EPONYM_SURNAMES = ("Paget", "Smith", "Barton", "Bennett", "Jones", "Baker", "Colles", "Segond", "Lisfranc", "Bankart")


@dataclass(frozen=True)
class PlantedReport:
    """A report with planted identifiers and their gold spans (offsets into `text`)."""

    text: str
    entities: list[Entity] = field(default_factory=list)


@lru_cache(maxsize=4)
def _faker(locale: str) -> Any:
    from faker import Faker

    return Faker(locale)


# --------------------------------------------------------------------------------------------------- formatting


def format_date(date: dt.date, lang: str, fmt: int) -> str:
    """One of several date spellings (index `fmt`, modulo the number of formats) in the report's language."""
    d, m, y = date.day, date.month, date.year
    if lang == "fr":
        day = "1er" if d == 1 else str(d)
        options = (
            f"{d:02d}/{m:02d}/{y}",
            f"{day} {MONTHS_FR[m - 1]} {y}",
            f"{y}-{m:02d}-{d:02d}",
            f"{d:02d}.{m:02d}.{y}",
            f"{d:02d}/{m:02d}/{y % 100:02d}",
            f"{d} {MONTHS_FR_ABBR[m - 1]} {y}",
            f"{d:02d}-{m:02d}-{y}",
        )
    else:
        options = (
            f"{m:02d}/{d:02d}/{y}",
            f"{MONTHS_EN[m - 1]} {d}, {y}",
            f"{y}-{m:02d}-{d:02d}",
            f"{d} {MONTHS_EN[m - 1][:3]} {y}",
            f"{m}/{d}/{y % 100:02d}",
            f"{d} {MONTHS_EN[m - 1]} {y}",
            f"{MONTHS_EN[m - 1][:3]}. {d}, {y}",
        )
    return options[fmt % len(options)]


def format_nir(male: bool, birth: dt.date, rng: np.random.Generator, spaced: bool) -> str:
    """A NIR (French social-security number) with a valid mod-97 key."""
    dept = f"{int(rng.integers(1, 96)):02d}"
    body = f"{1 if male else 2}{birth.year % 100:02d}{birth.month:02d}{dept}{int(rng.integers(1, 990)):03d}"
    body += f"{int(rng.integers(1, 999)):03d}"
    key = f"{nir_key(body):02d}"
    if spaced:
        return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key}"
    return body + key


def _digits(rng: np.random.Generator, n: int) -> str:
    return "".join(str(int(x)) for x in rng.integers(0, 10, size=n))


def format_phone(lang: str, rng: np.random.Generator, fmt: int) -> str:
    """A phone number in one of several national spellings."""
    if lang == "fr":
        groups = [f"0{int(rng.integers(1, 10))}"] + [_digits(rng, 2) for _ in range(4)]
        options: tuple[str, ...] = (
            " ".join(groups),
            ".".join(groups),
            "".join(groups),
            "+33 " + groups[0][1] + " " + " ".join(groups[1:]),
            "+33 (0)" + groups[0][1] + " " + " ".join(groups[1:]),
            "-".join(groups),
        )
    else:
        a, b, c = str(int(rng.integers(201, 990))), _digits(rng, 3), _digits(rng, 4)
        options = (f"({a}) {b}-{c}", f"{a}-{b}-{c}", f"{a}.{b}.{c}", f"+1-{a}-{b}-{c}", f"{a}-{b}-{c} ext. 2{c[:2]}")
    return options[fmt % len(options)]


# --------------------------------------------------------------------------------------------------- identity


def _identity(lang: str, rng: np.random.Generator) -> dict[str, tuple[str, str | None]]:
    """Slot values (text, label) for one report: a patient, staff, dates, places, numbers."""
    fake = _faker("fr_FR" if lang == "fr" else "en_US")
    fake.seed_instance(int(rng.integers(0, 2**31 - 1)))
    male = bool(rng.random() < 0.5)
    first = fake.first_name_male() if male else fake.first_name_female()
    last = fake.last_name()
    exam = dt.date(2015, 1, 1) + dt.timedelta(days=int(rng.integers(0, 3650)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 95 * 365)))
    age = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    prior = exam - dt.timedelta(days=int(rng.integers(20, 900)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 3)))

    def staff() -> str:
        if rng.random() < 0.06:
            return f"{fake.first_name()} {EPONYM_SURNAMES[int(rng.integers(len(EPONYM_SURNAMES)))]}"
        style = int(rng.integers(4))
        f, surname = fake.first_name(), fake.last_name()
        return (f"{f} {surname}", f"{f} {surname.upper()}", f"{f[0]}. {surname}", surname)[style]

    name_style = int(rng.integers(4))
    patient = (f"{first} {last}", f"{last.upper()} {first}", f"{first} {last.upper()}", f"{last}, {first}")[name_style]
    fr = lang == "fr"
    city = fake.city()
    postcode = fake.postcode()
    street = fake.street_address()
    if fr:
        title = ("M.", "Monsieur") if male else ("Mme", "Madame")
        institution = (
            f"Centre Hospitalier de {city}",
            f"CHU de {city}",
            f"Clinique {fake.last_name()}",
            f"Hôpital {fake.last_name()}",
            f"Cabinet de radiologie {fake.last_name()}",
            f"Polyclinique de {city}",
            f"Groupe hospitalier {fake.last_name()}-{fake.last_name()}",
            f"Centre d'imagerie médicale {fake.last_name()}",
        )[int(rng.integers(8))]
        address = f"{street}, {postcode} {city}"
        age_text = f"{age} ans"
    else:
        title = ("Mr.", "Mr") if male else ("Mrs.", "Ms.")
        institution = (
            f"{city} General Hospital",
            f"St. {fake.first_name()} Medical Center",
            f"{fake.last_name()} Imaging Center",
            f"University Hospital of {city}",
            f"{fake.last_name()} Memorial Hospital",
            f"{city} Radiology Associates",
        )[int(rng.integers(6))]
        address = f"{street}, {city}, {fake.state_abbr()} {postcode}"
        age_text = (f"{age} yo", f"{age}-year-old", f"{age} years old", f"{age} y/o")[int(rng.integers(4))]
    domain = fake.domain_name()
    ipp = _digits(rng, int(rng.integers(8, 11)))
    accession = (
        f"{'RX' if fr else 'CR'}{exam.year % 100:02d}{_digits(rng, 6)}",
        f"A{exam.year}-{_digits(rng, 7)}",
        luhn_complete(_digits(rng, 9)),
        f"{exam.year}{_digits(rng, 6)}",
    )[int(rng.integers(4))]
    dfmt = [int(x) for x in rng.integers(0, 7, size=4)]
    return {
        "title": (title[int(rng.integers(2))], None),
        "patient": (patient, "PATIENT"),
        "patient_last": (last.upper() if rng.random() < 0.5 else last, "PATIENT"),
        "first": (first, "PATIENT"),
        "last": (last, "PATIENT"),
        "LAST": (last.upper(), "PATIENT"),
        "dob": (format_date(birth, lang, dfmt[0]), "DATE"),
        "exam_date": (format_date(exam, lang, dfmt[1]), "DATE"),
        "prior_date": (format_date(prior, lang, dfmt[2]), "DATE"),
        "sign_date": (format_date(sign, lang, dfmt[3]), "DATE"),
        "prior_month": (
            f"{MONTHS_FR[prior.month - 1] if fr else MONTHS_EN[prior.month - 1]} {prior.year}",
            "DATE",
        ),
        "age": (age_text, "AGE"),
        "age_n": (str(age), "AGE"),
        "radiologist": (staff(), "PERSON"),
        "referrer": (staff(), "PERSON"),
        "technician": (f"{fake.first_name()} {fake.last_name()}", "PERSON"),
        "institution": (institution, "INSTITUTION"),
        "address": (address, "LOCATION"),
        "city": (city, "LOCATION"),
        "phone": (format_phone(lang, rng, int(rng.integers(6))), "PHONE"),
        "phone2": (format_phone(lang, rng, int(rng.integers(6))), "PHONE"),
        "nir": (format_nir(male, birth, rng, spaced=bool(rng.random() < 0.5)), "ID"),
        "ssn": (f"{_digits(rng, 3)}-{_digits(rng, 2)}-{_digits(rng, 4)}", "ID"),
        "ipp": (ipp, "ID"),
        "accession": (accession, "ID"),
        "email": (f"{fake.user_name()}@{domain}", "EMAIL"),
        "url": (
            (f"https://www.{domain}/resultats" if fr else f"https://portal.{domain}/results", f"www.{domain}")[
                int(rng.integers(2))
            ],
            "URL",
        ),
    }


# --------------------------------------------------------------------------------------------------- templates

# Each family: (headers, pre-body lines, footers). A template is a string with {slot}s; one line is drawn per group.
TEMPLATES: dict[tuple[str, str], dict[str, list[list[str]]]] = {
    ("fr", "train"): {
        "header": [
            [
                "{institution}\nService d'imagerie médicale\n{address}\nTél : {phone}\n",
                "{institution} - Radiologie\nSecrétariat : {phone} - Fax : {phone2}\n",
                "{institution}\n{address}\n",
            ],
            [
                "Patient : {title} {patient}\nNé(e) le : {dob} ({age})\n",
                "Nom : {patient}\nDate de naissance : {dob}\nÂge : {age}\n",
                "{title} {patient}, née le {dob}\n",
            ],
            [
                "IPP : {ipp}   N° d'examen : {accession}\n",
                "NIR : {nir}\nIPP : {ipp}\n",
                "N° de dossier : {ipp} - Accession : {accession}\n",
            ],
            [
                "Examen du {exam_date}, demandé par le Dr {referrer}.\n",
                "Date de l'examen : {exam_date}\nMédecin prescripteur : Dr {referrer}\n",
                "Adressé(e) par le Docteur {referrer} pour bilan.\n",
            ],
        ],
        "pre": [
            [
                "Indication : patient(e) de {age}, chute le {prior_date}.\n",
                "Comparaison : examen du {prior_date}.\n",
                "Antécédents : fracture en {prior_month}.\n",
                "",
            ],
        ],
        "footer": [
            [
                "\nCompte rendu validé par le Dr {radiologist} le {sign_date}.\n",
                "\nDr {radiologist}\nRadiologue\n",
                "\nSigné : Pr {radiologist}, le {sign_date}\n",
            ],
            [
                "Contact : {email}\n",
                "Résultats et images : {url}\n",
                "Secrétariat : {phone2} - {email}\n",
                "",
            ],
        ],
    },
    ("fr", "heldout"): {
        "header": [
            [
                "{institution} | {address} | Standard {phone}\n",
                "{institution}\nPôle imagerie - accueil {phone}\n",
            ],
            [
                "Identité : {LAST} {first} - âge : {age}\n",
                "{title} {first} {LAST} (né(e) le {dob})\n",
                "Pour {title} {patient}, {age}\n",
            ],
            [
                "N° patient {ipp} / Sécurité sociale {nir}\n",
                "Dossier n° {ipp} ; examen n° {accession}\n",
            ],
            [
                "Demande du Docteur {referrer} ({phone2}), examen réalisé le {exam_date} par {technician}.\n",
                "Examen réalisé le {exam_date} à la demande du Pr {referrer}.\n",
            ],
        ],
        "pre": [
            [
                "Contexte : {title} {LAST} a été vu(e) en consultation le {prior_date}.\n",
                "Motif : douleur depuis le {prior_date}.\n",
                "",
            ],
        ],
        "footer": [
            [
                "\nFait à {city}, le {sign_date}. Docteur {radiologist}.\n",
                "\nInterprétation : Dr {radiologist} ; relecture le {sign_date}.\n",
            ],
            [
                "Pour toute question : {email} ou {url}\n",
                "Vos images en ligne : {url}\n",
                "",
            ],
        ],
    },
    ("en", "train"): {
        "header": [
            [
                "{institution}\nDepartment of Radiology\n{address}\nPhone: {phone}\n",
                "{institution} - Imaging\nTel {phone} Fax {phone2}\n",
            ],
            [
                "Patient: {title} {patient}\nDOB: {dob} ({age})\n",
                "Name: {patient}   Age: {age_n}\n",
            ],
            [
                "MRN: {ipp}   Accession: {accession}\n",
                "MRN {ipp} / Acc# {accession}\n",
            ],
            [
                "Exam date: {exam_date}. Referring physician: Dr. {referrer}\n",
                "Ordered by Dr {referrer} on {exam_date}.\n",
            ],
        ],
        "pre": [
            [
                "History: {age} with fall on {prior_date}.\n",
                "Comparison: {prior_date}.\n",
                "",
            ],
        ],
        "footer": [
            [
                "\nElectronically signed by {radiologist}, MD on {sign_date}.\n",
                "\nDictated by: Dr. {radiologist}\n",
            ],
            [
                "Questions: {email}\n",
                "Portal: {url}\n",
                "",
            ],
        ],
    },
    ("en", "heldout"): {
        "header": [
            [
                "{institution}, {address} (tel. {phone})\n",
                "{institution} | Radiology reading room {phone}\n",
            ],
            [
                "Patient name: {LAST}, {first}; age {age}\n",
                "{title} {first} {LAST}, born {dob}\n",
            ],
            [
                "Hospital number {ipp}, SSN {ssn}\n",
                "Record #{ipp} - study {accession}\n",
            ],
            [
                "Requested by Doctor {referrer} ({phone2}); performed {exam_date} by {technician}.\n",
                "Study performed on {exam_date} at the request of Dr {referrer}.\n",
            ],
        ],
        "pre": [
            [
                "Clinical note: {title} {LAST} was seen in clinic on {prior_date}.\n",
                "Reason: pain since {prior_date}.\n",
                "",
            ],
        ],
        "footer": [
            [
                "\nReported in {city} on {sign_date} by {radiologist}, M.D.\n",
                "\nAttending: {radiologist}; verified {sign_date}.\n",
            ],
            [
                "Contact {email} or visit {url}\n",
                "Images available at {url}\n",
                "",
            ],
        ],
    },
}

_SLOT = re.compile(r"\{(\w+)\}")


def _render(template: str, slots: dict[str, tuple[str, str | None]], offset: int) -> tuple[str, list[Entity]]:
    """Fill a template's {slot}s, returning the text and the labelled spans shifted by `offset`."""
    out: list[str] = []
    entities: list[Entity] = []
    pos = offset
    last = 0
    for match in _SLOT.finditer(template):
        literal = template[last : match.start()]
        out.append(literal)
        pos += len(literal)
        value, label = slots[match.group(1)]
        if label is not None and value:
            entities.append(Entity(pos, pos + len(value), label))
        out.append(value)
        pos += len(value)
        last = match.end()
    out.append(template[last:])
    return "".join(out), entities


def plant_identifiers(body: str, lang: str, rng: np.random.Generator, style: str = "train") -> PlantedReport:
    """Wrap `body` in a header/footer with fake identifiers; return the text and the true identifier spans.

    `lang` is "fr" or "en" (faker fr_FR / en_US); `style` is one of `STYLES`: "train", "heldout" or an audit
    family's name (disjoint template families). The body itself is copied unchanged (it should hold no
    identifiers).
    """
    return _plant(body, lang, rng, style)[0]


def _plant(
    body: str, lang: str, rng: np.random.Generator, style: str
) -> tuple[PlantedReport, dict[str, tuple[str, str | None]]]:
    """`plant_identifiers`, also returning the slot values it drew (so tests can check every span's text)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")
    if style in FAMILY_NAMES:
        slots, family = draw_family(style, lang, rng)
    else:
        slots = _identity(lang, rng)
        family = TEMPLATES[(lang, style)]
    pieces: list[str] = []
    entities: list[Entity] = []
    offset = 0

    def add(template: str) -> None:
        nonlocal offset
        text, ents = _render(template, slots, offset)
        pieces.append(text)
        entities.extend(ents)
        offset += len(text)

    for group in family["header"] + family["pre"]:
        add(group[int(rng.integers(len(group)))])
    if pieces and not pieces[-1].endswith("\n"):
        add("\n")
    pieces.append(body.rstrip("\n") + "\n")  # copied verbatim: braces in a body are not slots
    offset += len(pieces[-1])
    for group in family["footer"]:
        add(group[int(rng.integers(len(group)))])
    return PlantedReport("".join(pieces), entities), slots
