"""Blind5 template family: RIS key/value dumps, forwarded e-mail threads, discharge letters and second-opinion requests.

Written by an independent auditor who never read the detector (reports/deid/), for a fifth blind estimate of how it
generalises. New shapes: DICOM SR / RIS exports with odd keys ("PatName^", "Ref.Phys", "Perf.Phys", "Inst.Name",
"StationName") and `LAST^First` person names, forwarded e-mail threads (From/To/Cc/Date headers, signatures with
extensions and bleeps), discharge letters quoting the X-ray report, second-opinion requests from Morocco, Algeria,
Tunisia, Lebanon, Belgium, Switzerland, Luxembourg and Québec (French) or Ontario, Scotland, Lebanon, the USA and
Switzerland (English), with their phone spellings, postcodes and identifiers (valid check digits: Belgian NISS mod 97,
Swiss AVS EAN-13, Luxembourg matricule Luhn + Verhoeff, Scottish CHI mod 11, Ontario OHIP Luhn), double readings,
addenda, dates with weekday names, ISO timestamps with a time zone, ages in German units ("67 J.") and DICOM ages
("067Y"), insurer member numbers, badges, portal URLs with tokens, and patients named like places or common words
(Rose Paris, April May, Rich Bath) or staff named like eponyms (Dr Paget).

Gold conventions (those of `entities.LABELS`, as in earlier families): a span is the identifier text only, without
titles ("Dr", "Mme") or field names; in a DICOM person name only `LAST^First` is labelled (a trailing "^^Dr" prefix
component is not); an ISO timestamp's DATE is its calendar part (times of day and time zones are not identifiers); a
weekday written with a date belongs to the DATE span; a phone extension attached to a number ("01 23 45 67 89 poste
4321") is part of that PHONE span, and a standalone extension or bleep/pager number ("poste 4321", "bip 123") is a
PHONE (i2b2/HIPAA count pagers as telephone numbers); staff badge and insurer member numbers are ID; room and bed
numbers are not identifiers (entities.LOCATION is street address, postcode, city); country names and insurer names
are not labelled. Unlabelled traps: eponyms used as eponyms, fracture classifications, doses and exposure settings,
device models, station names and software versions, vertebral levels, lab values, contrast lot numbers, durations and
relative dates. `blind5_draw(lang, rng)` returns (slots, family) like `blind4_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import MONTHS_EN, MONTHS_FR, _faker, format_date, format_phone

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np


# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "[EXPORT RIS - clé/valeur]\nPatName^ : {DICOM_PATIENT}\nPatID : {ipp}\nPatBirthDate : {dob_dicom}\n"
            "PatAge : {age_dicom}\nRef.Phys : {REF_DICOM}^^Dr\nInst.Name : {inst}\nStationName : {station}\n",
            "-------- Message transféré --------\nDe : {rad_full} <{rad_email}>\nEnvoyé : {sent_date} {time}\n"
            "À : {ref_full}\nCc : {cc_full}\nObjet : TR: avis radio {title}{LAST}\n\nBonjour {ref_first},\n"
            "ci-dessous le CR de ton/ta patient(e), à discuter au staff.\n",
            "{inst}\nService de {ward}\n{address}\n\nLETTRE DE SORTIE\n",
            "DEMANDE D'AVIS SPÉCIALISÉ\nÉmetteur : {f_inst}, {f_address} ({country})\nTél. {f_phone}\n",
        ],
        [
            "Concerne : {title}{patient}, {age}, domicilié(e) : {p_address}\n",
            "Nous avons hospitalisé {title}{patient} ({age}) du {admit_date} au {discharge_date}, chambre {room}.\n",
            "Patient(e) : {title}{patient}, né(e) le {dob} - {f_id_name} {f_id}\n",
            "Identité : {LAST} {first} - {age} - {f_city} ({country})\n",
        ],
        [
            "Mutuelle {insurer} - n° adhérent {insurer_id}\n",
            "N° de demande {order} / IPP {ipp}\n",
            "{f_id_name} : {f_id} ; n° de dossier local {ipp}\n",
            "Manipulateur : {technician}, badge {badge}\n",
        ],
        [
            "Lecture 1 : Dr {radiologist} ; Lecture 2 : Dr {radiologist2} ({weekday_date})\n",
            "Horodatage PACS : {iso_date}T{iso_time} ; Perf.Phys : {radiologist2}\n",
            "Examen du {weekday_short} réalisé par {technician} (bip {bleep}).\n",
            "Extrait du compte rendu radiologique du {exam_date} (Dr {radiologist}) :\n",
        ],
    ],
    "pre": [
        [
            "Renseignements cliniques : suspicion de {eponym} ; classification {classif}.\n",
            "Technique : {device}, logiciel {software} ; {kv} ; {levels}.\n",
            "Bilan : {lab} ; injection de {contrast} (lot {lot}).\n",
            "Histoire : douleurs depuis {duration}, contrôle {rel_date}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\n--\nDr {radiologist}\nRadiologue - {inst}\nPoste {ext} · bip {bleep}\n",
            "\nAddendum du {addendum_date} par Dr {radiologist2} : relecture sans changement ({eponym}).\n",
            "\nValidé électroniquement le {iso_date}T{iso_time}{tz} par {rad_full}.\n",
            "\nBien à vous,\n{rad_full}\n{inst} - {phone_ext}\n",
        ],
        [
            "Vos résultats : {portal_url}\n",
            "Réponse à adresser à {ref_email}\n",
            "Copie : Dr {cc_full}, {f_inst}\n",
            "Chambre {room}, lit {bed} - sortie prévue {rel_date}.\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "RIS EXPORT (key=value)\nPatName^={DICOM_PATIENT}\nPatID={ipp}\nPatBirthDate={dob_dicom}\n"
            "PatAge={age_dicom}\nRef.Phys={REF_DICOM}^^Dr\nInst.Name={inst}\nStationName={station}\n",
            "---------- Forwarded message ---------\nFrom: {rad_full} <{rad_email}>\nSent: {sent_date} {time}\n"
            "To: {ref_full}\nCc: {cc_full}\nSubject: FW: XR opinion {title}{LAST}\n\nHi {ref_first},\n"
            "report below, for the MDT.\n",
            "{inst}\nDepartment of {ward}\n{address}\n\nDISCHARGE SUMMARY\n",
            "SECOND OPINION REQUEST\nFrom: {f_inst}, {f_address} ({country})\nPhone {f_phone}\n",
        ],
        [
            "Re: {title}{patient}, {age}, of {p_address}\n",
            "{title}{patient} ({age}) was admitted on {admit_date} and discharged on {discharge_date}, room {room}.\n",
            "Patient: {title}{patient}, DOB {dob}, {f_id_name} {f_id}\n",
            "Identity: {LAST}, {first} - {age} - {f_city} ({country})\n",
        ],
        [
            "Insurer: {insurer}, member ID {insurer_id}\n",
            "Order no. {order} / MRN {ipp}\n",
            "{f_id_name}: {f_id}; local MRN {ipp}\n",
            "Radiographer: {technician}, badge {badge}\n",
        ],
        [
            "First read: Dr {radiologist}; second read: Dr {radiologist2} ({weekday_date})\n",
            "PACS timestamp: {iso_date}T{iso_time}; Perf.Phys: {radiologist2}\n",
            "Study of {weekday_short} acquired by {technician} (bleep {bleep}).\n",
            "Quoted from the radiology report of {exam_date} (Dr {radiologist}):\n",
        ],
    ],
    "pre": [
        [
            "Clinical details: ?{eponym}; {classif}.\n",
            "Technique: {device}, software {software}; {kv}; {levels}.\n",
            "Labs: {lab}; contrast {contrast} (lot {lot}).\n",
            "History: pain for {duration}, review {rel_date}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\n--\nDr {radiologist}\nConsultant Radiologist, {inst}\next. {ext} | bleep {bleep}\n",
            "\nAddendum {addendum_date} by Dr {radiologist2}: second read concurs ({eponym}).\n",
            "\nElectronically verified {iso_date}T{iso_time}{tz} by {rad_full}.\n",
            "\nKind regards,\n{rad_full}\n{inst} | {phone_ext}\n",
        ],
        [
            "Patient portal: {portal_url}\n",
            "Reply to {ref_email}\n",
            "cc: Dr {cc_full}, {f_inst}\n",
            "Room {room}, bed {bed}; discharge {rel_date}.\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Patients named like places or common words: (first, last, male).
WORD_NAMES_FR = (
    ("Rose", "Paris", False),
    ("Pierre", "Lyon", True),
    ("Blanche", "Printemps", False),
    ("Constance", "Boulanger", False),
    ("Clément", "Fontaine", True),
    ("Violette", "Dimanche", False),
    ("Désiré", "Marchand", True),
    ("Ange", "Noël", True),
    ("Capucine", "Champagne", False),
    ("Aimé", "Lebeau", True),
)
WORD_NAMES_EN = (
    ("April", "May", False),
    ("Rich", "Bath", True),
    ("Jack", "London", True),
    ("Georgia", "Kent", False),
    ("Chester", "Hull", True),
    ("Faith", "Winter", False),
    ("Frank", "Bishop", True),
    ("Summer", "Brown", False),
    ("Will", "Sunday", True),
    ("Grace", "Lincoln", False),
)
# Staff surnames that are also eponyms (they must be caught as PERSON while the same eponyms stay elsewhere).
EPONYM_STAFF = ("Paget", "Colles", "Bankart", "Perthes", "Tietze", "Sudeck", "Madelung", "Scheuermann")
EPONYMS_FR = (
    "fracture de Pouteau-Colles",
    "maladie de Paget",
    "encoche de Hill-Sachs",
    "lésion de Bankart",
    "maladie d'Osgood-Schlatter",
    "ostéochondrite de Legg-Calvé-Perthes",
    "maladie de Scheuermann",
    "maladie de Kienböck",
    "déformation de Madelung",
    "syndrome de Sudeck",
    "syndrome de Tietze",
)
EPONYMS_EN = (
    "Colles fracture",
    "Paget disease",
    "Hill-Sachs lesion",
    "Bankart lesion",
    "Osgood-Schlatter disease",
    "Legg-Calve-Perthes disease",
    "Scheuermann kyphosis",
    "Kienböck disease",
    "Madelung deformity",
    "Sudeck atrophy",
    "Tietze syndrome",
)
CLASSIFICATIONS = ("AO 31-A2", "Garden III", "Neer 3", "Gustilo II", "Weber C", "Schatzker IV", "Mason II", "AO 23-C1")
DEVICES = ("Carestream DRX-1", "Fujifilm FDR Go PLUS", "Agfa DX-D 600", "Philips DigitalDiagnost C90")
SOFTWARE = ("v4.2.1", "VA20B", "NX 23.1.0", "build 7.3.1002")
STATIONS = ("DRX1-SALLE3", "CR_URG_02", "RX-ORTHO-1", "MOBILE_DR4")
LEVELS = ("T12-L1", "L3", "C5-C6", "L5-S1", "T4 à T8")
CONTRASTS = ("Iomeron 350", "Omnipaque 300", "Visipaque 320", "Xenetix 350")
LABS_FR = ("CRP 12 mg/L, Hb 13,2 g/dL", "créatinine 78 µmol/L, DFG 84 mL/min", "calcémie 2,41 mmol/L, PAL 312 UI/L")
LABS_EN = ("CRP 12 mg/L, Hb 132 g/L", "creatinine 78 umol/L, eGFR 84", "calcium 2.41 mmol/L, ALP 312 U/L")
WARDS_FR = ("rhumatologie", "chirurgie orthopédique", "gériatrie", "médecine interne")
WARDS_EN = ("Rheumatology", "Orthopaedic Surgery", "Care of the Elderly", "Internal Medicine")
INSURERS_FR = ("MGEN", "Harmonie Mutuelle", "MAAF Santé", "Malakoff Humanis")
INSURERS_EN = {"uk": ("Bupa", "AXA Health", "Vitality"), "us": ("Aetna", "Blue Cross Blue Shield", "Cigna")}
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# --------------------------------------------------------------------------------------------------- check digits


def luhn_digit(body: str) -> str:
    """The Luhn (mod 10) digit completing `body` (OHIP, Luxembourg matricule)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)  # fmt: skip
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)  # fmt: skip
_VERHOEFF_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def verhoeff_digit(body: str) -> str:
    """The Verhoeff check digit completing `body` (the Luxembourg matricule's 13th digit)."""
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[(i + 1) % 8][int(ch)]]
    return str(_VERHOEFF_INV[c])


def ean13_digit(body: str) -> str:
    """The EAN-13 check digit completing 12 digits (the Swiss AVS number 756.xxxx.xxxx.xC)."""
    total = sum(int(ch) * (3 if i % 2 else 1) for i, ch in enumerate(body))
    return str((10 - total % 10) % 10)


def mod11_digit(body: str) -> str | None:
    """The NHS/CHI mod-11 digit completing 9 digits, or None where the body has no valid digit (remainder 10)."""
    check = 11 - sum(int(c) * w for c, w in zip(body, range(10, 1, -1), strict=True)) % 11
    return None if check == 10 else str(0 if check == 11 else check)


def niss_key(base: str, born_after_2000: bool) -> int:
    """The Belgian NISS mod-97 key of the 9-digit YYMMDDNNN base ('2' prepended for births from 2000 on)."""
    return 97 - int(("2" if born_after_2000 else "") + base) % 97


def niss(birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A Belgian national register number YY.MM.DD-NNN.CC (odd counter for men, mod-97 key; '2' prefix after 2000)."""
    counter = int(rng.integers(1, 499)) * 2 - (1 if male else 0)
    base = f"{birth.year % 100:02d}{birth.month:02d}{birth.day:02d}{counter:03d}"
    key = niss_key(base, birth.year >= 2000)
    return f"{base[:2]}.{base[2:4]}.{base[4:6]}-{base[6:]}.{key:02d}"


def avs(rng: np.random.Generator) -> str:
    """A Swiss AVS/AHV number 756.XXXX.XXXX.XC with its EAN-13 check digit."""
    body = "756" + _d(rng, 9)
    full = body + ean13_digit(body)
    return f"{full[:3]}.{full[3:7]}.{full[7:11]}.{full[11:]}"


def lux_matricule(birth: dt.date, rng: np.random.Generator) -> str:
    """A Luxembourg national identification number: YYYYMMDD XXX, a Luhn digit, then a Verhoeff digit."""
    body = f"{birth.year}{birth.month:02d}{birth.day:02d}{_d(rng, 3)}"
    return body + luhn_digit(body) + verhoeff_digit(body)


def chi_number(birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A Scottish CHI number: DDMMYY, two digits, a sex digit (odd = male), a mod-11 check digit."""
    while True:
        sex = int(rng.integers(0, 5)) * 2 + (1 if male else 0)
        body = f"{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}{_d(rng, 2)}{sex}"
        check = mod11_digit(body)
        if check is not None:
            return body + check


def ohip(rng: np.random.Generator) -> str:
    """An Ontario health number NNNN-NNN-NNC-VC (Luhn check on the first nine digits, two-letter version code)."""
    body = str(int(rng.integers(1, 10))) + _d(rng, 8)
    full = body + luhn_digit(body)
    version = "".join(chr(65 + int(x)) for x in rng.integers(0, 26, 2))
    return f"{full[:4]}-{full[4:7]}-{full[7:]}-{version}"


def ramq(first: str, last: str, birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """A Québec health-insurance number LLLF YYMM DDNN (month + 50 for women)."""
    letters = (_ascii(last).upper().replace(" ", "").replace("'", "") + "XXX")[:3] + _ascii(first).upper()[0]
    month = birth.month + (0 if male else 50)
    return f"{letters} {birth.year % 100:02d}{month:02d} {birth.day:02d}{_d(rng, 2)}"


def mbi(rng: np.random.Generator) -> str:
    """A US Medicare Beneficiary Identifier (11 characters, no S/L/O/I/B/Z), printed 4-3-4."""
    letters = "ACDEFGHJKMNPQRTUVWXY"
    alnum = letters + "0123456789"

    def pick(pool: str) -> str:
        return pool[int(rng.integers(len(pool)))]

    chars = [str(int(rng.integers(1, 10))), pick(letters), pick(alnum), str(int(rng.integers(10)))]
    chars += [pick(letters), pick(alnum), str(int(rng.integers(10)))]
    chars += [pick(letters), pick(letters), str(int(rng.integers(10))), str(int(rng.integers(10)))]
    s = "".join(chars)
    return f"{s[:4]}-{s[4:7]}-{s[7:]}"


# --------------------------------------------------------------------------------------------------- helpers


def _d(rng: np.random.Generator, n: int) -> str:
    return "".join(str(int(x)) for x in rng.integers(0, 10, n))


def _pick(rng: np.random.Generator, options: Sequence[Any]) -> Any:
    return options[int(rng.integers(len(options)))]


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _slug(text: str) -> str:
    return "".join(ch for ch in _ascii(text).lower() if ch.isalnum() or ch == "-")


def _pairs(rng: np.random.Generator, n: int) -> str:
    return " ".join(_d(rng, 2) for _ in range(n))


def _foreign(lang: str, rng: np.random.Generator, birth: dt.date, male: bool, first: str, last: str) -> dict[str, str]:
    """A second-opinion sender abroad: institution, street, postcode + city, country, phone and national ID."""
    if lang == "fr":
        country = _pick(rng, ("Maroc", "Algérie", "Tunisie", "Liban", "Belgique", "Suisse", "Luxembourg", "Canada"))
    else:
        country = _pick(rng, ("Canada", "Scotland", "Lebanon", "USA", "Switzerland"))
    n = int(rng.integers(1, 120))
    if country == "Maroc":
        city, postcode = _pick(rng, (("Casablanca", "20250"), ("Rabat", "10100"), ("Marrakech", "40000")))
        inst = _pick(rng, (f"CHU Ibn Rochd de {city}", f"Clinique Al Amal {city}", "Hôpital Cheikh Khalifa"))
        street = f"{n}, boulevard Zerktouni"
        phone = _pick(rng, (f"+212 5 22 {_pairs(rng, 3)}", f"05 22 {_pairs(rng, 3)}"))
        id_name = "CIN"
        fid = "".join(chr(65 + int(x)) for x in rng.integers(0, 26, int(rng.integers(1, 3)))) + _d(rng, 6)
    elif country == "Algérie":
        city, postcode = _pick(rng, (("Alger", "16000"), ("Oran", "31000"), ("Constantine", "25000")))
        inst = _pick(rng, ("CHU Mustapha Pacha", f"EHU d'{city}" if city == "Oran" else f"CHU de {city}"))
        street = f"{n}, rue Didouche Mourad"
        phone = _pick(rng, (f"+213 21 {_pairs(rng, 3)}", f"021 {_pairs(rng, 3)}"))
        id_name, fid = "NIN", _d(rng, 18)
    elif country == "Tunisie":
        city, postcode = _pick(rng, (("Tunis", "1002"), ("Sfax", "3000"), ("Sousse", "4000")))
        inst = _pick(rng, ("Hôpital Charles Nicolle", "CHU Sahloul", f"Clinique Les Oliviers {city}"))
        street = f"{n}, avenue Habib Bourguiba"
        phone = f"+216 71 {_d(rng, 3)} {_d(rng, 3)}"
        id_name, fid = "CIN", _d(rng, 8)
    elif country == "Liban":
        city, postcode = "Beyrouth", ""
        inst = _pick(rng, ("Hôtel-Dieu de France", "Centre médical Clemenceau", "Hôpital Saint-Georges"))
        street = _pick(rng, ("rue Hamra", "rue Monnot, Achrafieh", "rue de Damas"))
        phone = _pick(rng, (f"+961 1 {_d(rng, 3)} {_d(rng, 3)}", f"01/{_d(rng, 3)}{_d(rng, 3)}"))
        id_name, fid = "N° de registre", _d(rng, 7)
    elif country == "Belgique":
        city, postcode = _pick(rng, (("Liège", "4000"), ("Namur", "5000"), ("Charleroi", "6000")))
        inst = _pick(rng, ("Clinique CHC MontLégia", f"CHU de {city}", f"Grand Hôpital de {city}"))
        street = f"rue de la Station {n}"
        phone = _pick(
            rng, (f"+32 4 {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 2)}", f"04/{_d(rng, 3)}.{_d(rng, 2)}.{_d(rng, 2)}")
        )
        id_name, fid = "NISS", niss(birth, male, rng)
    elif country in ("Suisse", "Switzerland"):
        city, postcode = _pick(rng, (("Genève", "1205"), ("Lausanne", "1011"), ("Fribourg", "1700")))
        inst = _pick(rng, (f"Hôpital cantonal de {city}", f"Clinique de la Source {city}", "HFR Fribourg"))
        street = f"rue du Rhône {n}"
        phone = _pick(
            rng, (f"+41 22 {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 2)}", f"022 {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 2)}")
        )
        id_name, fid = "AVS", avs(rng)
    elif country == "Luxembourg":
        city, postcode = _pick(
            rng, (("Luxembourg", "L-1210"), ("Esch-sur-Alzette", "L-4240"), ("Ettelbruck", "L-9080"))
        )
        inst = _pick(rng, ("Centre Hospitalier de Luxembourg", "Hôpitaux Robert Schuman", "CHEM Esch"))
        street = f"{n}, rue Nicolas Ernest Barblé"
        phone = f"+352 {_pairs(rng, 4)}"
        id_name, fid = "Matricule", lux_matricule(birth, rng)
    elif country == "Canada" and lang == "fr":
        city = "Montréal"
        postcode = f"H{int(rng.integers(1, 10))}{chr(65 + int(rng.integers(26)))} {int(rng.integers(10))}"
        postcode += f"{chr(65 + int(rng.integers(26)))}{int(rng.integers(10))}"
        inst = _pick(rng, ("Hôpital Maisonneuve-Rosemont", "CHUM", "Hôpital du Sacré-Cœur-de-Montréal"))
        street = f"{n * 10} boulevard de l'Assomption"
        phone = _pick(rng, (f"514 {_d(rng, 3)}-{_d(rng, 4)}", f"+1 514-{_d(rng, 3)}-{_d(rng, 4)}"))
        id_name, fid = "RAMQ", ramq(first, last, birth, male, rng)
    elif country == "Canada":
        city = "Toronto"
        postcode = f"M{int(rng.integers(1, 10))}{chr(65 + int(rng.integers(26)))} {int(rng.integers(10))}"
        postcode += f"{chr(65 + int(rng.integers(26)))}{int(rng.integers(10))}"
        inst = _pick(rng, ("Mount Sinai Hospital", "St. Michael's Hospital", "Humber River Health"))
        street = f"{n * 10} University Avenue"
        phone = _pick(rng, (f"(416) {_d(rng, 3)}-{_d(rng, 4)}", f"416-{_d(rng, 3)}-{_d(rng, 4)} ext. {_d(rng, 4)}"))
        id_name, fid = "OHIP", ohip(rng)
    elif country == "Scotland":
        city, postcode = _pick(rng, (("Edinburgh", "EH16 4SA"), ("Glasgow", "G51 4TF"), ("Aberdeen", "AB25 2ZN")))
        inst = _pick(rng, (f"Royal Infirmary of {city}", "Queen Elizabeth University Hospital", "Ninewells Hospital"))
        street = f"{n} Little France Crescent"
        phone = _pick(rng, (f"0131 {_d(rng, 3)} {_d(rng, 4)}", f"+44 131 {_d(rng, 3)} {_d(rng, 4)}"))
        id_name, fid = "CHI", chi_number(birth, male, rng)
    elif country == "Lebanon":
        city, postcode = "Beirut", ""
        inst = _pick(rng, ("American University of Beirut Medical Center", "Clemenceau Medical Center"))
        street = _pick(rng, ("Cairo Street, Hamra", "Clemenceau Street"))
        phone = _pick(rng, (f"+961 1 {_d(rng, 3)} {_d(rng, 3)}", f"01-{_d(rng, 6)}"))
        id_name, fid = "MRN", _d(rng, 8)
    else:  # USA
        city, postcode, area, road = _pick(
            rng,
            (
                ("Boston, MA", "02114", "617", "Cambridge Street"),
                ("Rochester, MN", "55905", "507", "Second Street SW"),
                ("Cleveland, OH", "44195", "216", "Euclid Avenue"),
            ),
        )
        inst = _pick(rng, (f"{city.split(',')[0]} Veterans Affairs Medical Center", "Lakeside Orthopedic Clinic"))
        street = f"{n * 10} {road}"
        phone = _pick(rng, (f"({area}) {_d(rng, 3)}-{_d(rng, 4)}", f"{area}.{_d(rng, 3)}.{_d(rng, 4)}"))
        id_name, fid = "MBI", mbi(rng)
    postcode_first = lang == "fr" or country == "Switzerland"
    town = (f"{postcode} {city}" if postcode_first else f"{city} {postcode}") if postcode else city
    return {
        "country": country,
        "inst": inst,
        "address": f"{street}, {town}",
        "city": city.split(",")[0],
        "phone": phone,
        "id_name": id_name,
        "id": fid,
    }


def _weekday_dates(date: dt.date, lang: str, uk: bool) -> tuple[str, str, str]:
    """(full weekday date, weekday date without year, e-mail 'Sent:' date) of one calendar date."""
    if lang == "fr":
        wd, month = WEEKDAYS_FR[date.weekday()], MONTHS_FR[date.month - 1]
        day = "1er" if date.day == 1 else str(date.day)
        return f"{wd} {day} {month} {date.year}", f"{wd} {day} {month}", f"{wd} {date.day} {month} {date.year}"
    wd, month = WEEKDAYS_EN[date.weekday()], MONTHS_EN[date.month - 1]
    if uk:
        return (
            f"{wd} {date.day} {month} {date.year}",
            f"{wd[:3]} {date.day} {month[:3]}",
            (f"{wd}, {date.day} {month} {date.year}"),
        )
    return (
        f"{wd}, {month} {date.day}, {date.year}",
        f"{wd}, {month} {date.day}",
        f"{wd}, {month} {date.day}, {date.year}",
    )


# --------------------------------------------------------------------------------------------------- draw


def blind5_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    uk = (not fr) and rng.random() < 0.5
    fake: Any = _faker("fr_FR" if fr else "en_GB" if uk else "en_US")
    fake.seed_instance(int(rng.integers(2**31)))

    if rng.random() < 0.5:
        first, last, male = _pick(rng, WORD_NAMES_FR if fr else WORD_NAMES_EN)
    else:
        male = bool(rng.random() < 0.5)
        first = fake.first_name_male() if male else fake.first_name_female()
        last = fake.last_name()
    exam = dt.date(2017, 1, 1) + dt.timedelta(days=int(rng.integers(8 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(16 * 365, 96 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    admit = exam - dt.timedelta(days=int(rng.integers(0, 4)))
    discharge = exam + dt.timedelta(days=int(rng.integers(1, 15)))
    addendum = exam + dt.timedelta(days=int(rng.integers(1, 6)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 2)))

    def staff() -> tuple[str, str]:
        f = fake.first_name()
        return f, (_pick(rng, EPONYM_STAFF) if rng.random() < 0.15 else fake.last_name())

    rad_first, rad_last = staff()
    rad2_first, rad2_last = staff()
    ref_first, ref_last = staff()
    cc_first, cc_last = staff()
    tech_first, tech_last = staff()
    foreign = _foreign(lang, rng, birth, male, first, last)
    city = fake.city()

    if fr:
        title = "M. " if male else "Mme "
        age = _pick(rng, (f"{years} ans", f"{years}ans", f"{years} a."))
        if foreign["country"] in ("Suisse", "Luxembourg"):
            age = _pick(rng, (f"{years} J.", f"{years} Jahre"))
        inst = _pick(rng, (f"CH de {city}", f"Clinique {fake.last_name()}", f"Hôpital privé de {city}"))
        address = f"{fake.street_address()}, {fake.postcode()} {city}"
        p_address = f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
        phone = format_phone("fr", rng, int(rng.integers(6)))
        domain = f"{_pick(rng, ('ch', 'clinique', 'hp'))}-{_slug(city.replace(' ', '-'))}.fr"
        rad_email = f"{_slug(rad_first)}.{_slug(rad_last)}@{domain}"
        ref_email = f"dr.{_slug(ref_last)}@{_pick(rng, ('medecin.mssante.fr', 'orange.fr', 'wanadoo.fr'))}"
        portal = f"https://monespace.{domain}/cr?token={_hex(rng, 16)}&lang=fr"
        insurer = _pick(rng, INSURERS_FR)
        time = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        addendum_text = f"{addendum.day:02d}/{addendum.month:02d}"
        phone_ext = f"{phone} poste {_d(rng, 4)}"
    else:
        title = ("Mr " if male else "Ms ") if uk else ("Mr. " if male else "Mrs. ")
        age = _pick(rng, (f"{years}-yr-old", f"{years} yrs", f"{years}yo", f"{years} y"))
        if foreign["country"] == "Switzerland":
            age = f"{years} J."
        inst = _pick(
            rng,
            (f"{city} General Infirmary", f"{fake.last_name()} Community Hospital", f"{city} Orthopaedic Centre")
            if uk
            else (f"{city} Regional Medical Center", f"{fake.last_name()} Bone & Joint Clinic"),
        )
        address = f"{fake.street_address()}, {city} {fake.postcode()}".replace("\n", ", ")
        if not uk:
            address = f"{fake.street_address()}, {city}, {fake.state_abbr()} {fake.zipcode()}"
        p_address = f"{fake.street_address()}, {fake.city()}".replace("\n", ", ")
        phone = (
            f"0{int(rng.integers(113, 200))} {_d(rng, 3)} {_d(rng, 4)}"
            if uk
            else format_phone("en", rng, int(rng.integers(4)))
        )
        suffix = _pick(rng, ("-hospital", "health", "-imaging"))
        domain = f"{_slug(city.replace(' ', ''))}{suffix}.{'nhs.uk' if uk else 'org'}"
        rad_email = f"{_slug(rad_first)[0]}{_slug(rad_last)}@{domain}"
        ref_email = f"{_slug(ref_first)}.{_slug(ref_last)}@{_pick(rng, ('nhs.net', 'gmail.com', 'outlook.com'))}"
        portal = f"https://mychart.{domain}/results?accessToken={_hex(rng, 20)}"
        insurer = _pick(rng, INSURERS_EN["uk" if uk else "us"])
        hour = int(rng.integers(1, 13))
        time = f"{hour}:{int(rng.integers(60)):02d} {_pick(rng, ('AM', 'PM'))}"
        addendum_text = f"{addendum.day} {MONTHS_EN[addendum.month - 1][:3]}"
        phone_ext = f"{phone} ext. {_d(rng, 4)}" if uk else f"{phone} x{_d(rng, 4)}"

    weekday_date, weekday_short, sent_date = _weekday_dates(exam, lang, uk)
    if fr:
        sent_date = _weekday_dates(sign, lang, uk)[2]
    dfmt = [int(x) for x in rng.integers(0, 7, size=4)]
    tz_hours = int(rng.integers(-5, 3))
    rel_n = int(rng.integers(2, 15))
    slots: Slots = {
        # patient
        "patient": (f"{first} {last}", "PATIENT"),
        "first": (first, "PATIENT"),
        "LAST": (last.upper(), "PATIENT"),
        "DICOM_PATIENT": (f"{_ascii(last).upper()}^{first}", "PATIENT"),
        # staff
        "radiologist": (_pick(rng, (f"{rad_first} {rad_last}", rad_last, f"{rad_first[0]}. {rad_last}")), "PERSON"),
        "rad_full": (f"{rad_first} {rad_last}", "PERSON"),
        "radiologist2": (f"{rad2_first} {rad2_last}", "PERSON"),
        "ref_full": (f"{ref_first} {ref_last}", "PERSON"),
        "ref_first": (ref_first, "PERSON"),
        "REF_DICOM": (f"{_ascii(ref_last).upper()}^{ref_first}", "PERSON"),
        "cc_full": (f"{cc_first} {cc_last}", "PERSON"),
        "technician": (_pick(rng, (f"{tech_first} {tech_last}", f"{tech_first} {tech_last[0]}.")), "PERSON"),
        # dates and ages
        "dob": (format_date(birth, lang, dfmt[0]), "DATE"),
        "dob_dicom": (f"{birth.year}{birth.month:02d}{birth.day:02d}", "DATE"),
        "exam_date": (format_date(exam, lang, dfmt[1]), "DATE"),
        "admit_date": (format_date(admit, lang, dfmt[2]), "DATE"),
        "discharge_date": (format_date(discharge, lang, dfmt[3]), "DATE"),
        "weekday_date": (weekday_date, "DATE"),
        "weekday_short": (weekday_short, "DATE"),
        "sent_date": (sent_date, "DATE"),
        "iso_date": (sign.isoformat(), "DATE"),
        "addendum_date": (addendum_text, "DATE"),
        "age": (age, "AGE"),
        "age_dicom": (f"{years:03d}Y", "AGE"),
        # places and institutions
        "inst": (inst, "INSTITUTION"),
        "f_inst": (foreign["inst"], "INSTITUTION"),
        "address": (address, "LOCATION"),
        "p_address": (p_address, "LOCATION"),
        "f_address": (foreign["address"], "LOCATION"),
        "f_city": (foreign["city"], "LOCATION"),
        # contact
        "f_phone": (foreign["phone"], "PHONE"),
        "phone_ext": (phone_ext, "PHONE"),
        "ext": (_d(rng, 4), "PHONE"),
        "bleep": (_d(rng, int(rng.integers(3, 5))), "PHONE"),
        "rad_email": (rad_email, "EMAIL"),
        "ref_email": (ref_email, "EMAIL"),
        "portal_url": (portal, "URL"),
        # numbers
        "ipp": (_d(rng, int(rng.integers(7, 11))), "ID"),
        "order": (_pick(rng, (f"DR{exam.year % 100}-{_d(rng, 6)}", f"{exam.year}{_d(rng, 7)}")), "ID"),
        "f_id": (foreign["id"], "ID"),
        "insurer_id": (_d(rng, 9) if fr else _pick(rng, (f"W{_d(rng, 9)}", f"{_d(rng, 3)}-{_d(rng, 6)}")), "ID"),
        "badge": (_pick(rng, (f"B-{_d(rng, 5)}", f"{_d(rng, 6)}")), "ID"),
        # unlabelled: titles, field words, traps
        "title": (title, None),
        "f_id_name": (foreign["id_name"], None),
        "country": (foreign["country"], None),
        "insurer": (insurer, None),
        "ward": (_pick(rng, WARDS_FR if fr else WARDS_EN), None),
        "room": (f"{int(rng.integers(1, 6))}{_d(rng, 2)}", None),
        "bed": (_pick(rng, ("A", "B", "porte", "fenêtre") if fr else ("A", "B", "2", "window")), None),
        "time": (time, None),
        "iso_time": (f"{int(rng.integers(0, 24)):02d}:{int(rng.integers(60)):02d}:{int(rng.integers(60)):02d}", None),
        "tz": ("Z" if tz_hours == 0 else f"{'+' if tz_hours > 0 else '-'}{abs(tz_hours):02d}:00", None),
        "station": (_pick(rng, STATIONS), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIFICATIONS), None),
        "device": (_pick(rng, DEVICES), None),
        "software": (_pick(rng, SOFTWARE), None),
        "kv": (
            f"{int(rng.integers(50, 125))} kV {rng.uniform(0.8, 12):.1f} mAs".replace(".", "," if fr else "."),
            None,
        ),
        "levels": (_pick(rng, LEVELS), None),
        "lab": (_pick(rng, LABS_FR if fr else LABS_EN), None),
        "contrast": (_pick(rng, CONTRASTS), None),
        "lot": (_pick(rng, (_d(rng, 7), f"{_d(rng, 2)}K{_d(rng, 4)}", f"L{_d(rng, 6)}")), None),
        "duration": (
            _pick(rng, (f"{rel_n} jours", f"{rel_n} semaines", "48 h") if fr else (f"{rel_n} days", f"{rel_n} weeks")),
            None,
        ),
        "rel_date": (
            _pick(rng, (f"à J+{rel_n}", "dans 6 semaines", "demain") if fr else (f"in {rel_n} days", "tomorrow")),
            None,
        ),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)


def _hex(rng: np.random.Generator, n: int) -> str:
    return "".join("0123456789abcdef"[int(x)] for x in rng.integers(0, 16, n))
