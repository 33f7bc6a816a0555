"""The "audit" identity family: a blind third set of report headers and footers for de-identification audits.

Written independently of the de-identifier (its author never saw these layouts), so scores on it estimate how the
detector does on hospital paperwork it was not tuned on: letterheads with CEDEX addresses, patient banners
("Né(e) le", "Sexe/Âge", "NIP", "N° de séjour", "MRN", "DOB", DICOM/HL7 `LAST^FIRST` names), HTML fragments,
referral, signature, secretary and "Copie à"/"cc:" blocks, French/US/UK phone spellings, staff e-mails, intranet
URLs, compound, particle and common-word names, and staff named like an eponym that the same text uses clinically.
Numbers that are not identifiers (UF codes, CCAM/CPT codes, dose, times) are planted unlabelled on purpose.

`audit_identity(lang, rng)` draws the slot values; `AUDIT_TEMPLATES` holds the layouts in the same shape as
`identities.TEMPLATES` (header / pre / footer groups, one template drawn per group). Do not tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from xraymatch.reports.families import Slots, split_towns
from xraymatch.reports.identities import MONTHS_EN, MONTHS_FR, _digits, _faker, format_nir

if TYPE_CHECKING:
    import numpy as np


WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_FR_UPPER3 = ("JAN", "FEV", "MAR", "AVR", "MAI", "JUN", "JUL", "AOU", "SEP", "OCT", "NOV", "DEC")

# Surnames and first names that are also ordinary words (or month names): a name must be caught from its context.
COMMON_WORD_SURNAMES = {
    "fr": ("Martin", "Petit", "Blanc", "Rose", "Lebrun", "Leroy", "Fontaine", "Marchand", "Boulanger", "Legrand",
           "Lenoir", "Meunier", "Berger", "Roux", "Bonnet", "Mercier", "Chevalier", "Brun", "Lapierre", "Masson"),
    "en": ("Rose", "White", "Young", "King", "Brown", "Green", "Wood", "Hill", "Black", "Price", "Long", "Bishop",
           "Marsh", "Baker", "Hope", "Small", "Church", "Gray"),
}  # fmt: skip
COMMON_WORD_FIRST = {
    ("fr", False): ("Rose", "Claire", "Marine", "Capucine", "Violette", "Olive", "Prune", "Aurore", "Blanche"),
    ("fr", True): ("Pierre", "Martin", "Constant", "Aimé", "Clément", "Félix", "Désiré", "Léger", "Prosper"),
    ("en", False): ("Rose", "Hope", "Grace", "Joy", "April", "June", "Faith", "Summer", "Ivy", "May"),
    ("en", True): ("Will", "Mark", "Bill", "Frank", "Drew", "Chase", "Hunter", "Guy", "Rich"),
}
# Compound and particle surnames as they appear in French / English hospital records.
PARTICLE_SURNAMES = {
    "fr": ("Le Goff", "Le Gall", "Le Bihan", "Le Roux", "Le Guen", "Le Floch", "Le Meur", "de La Fontaine",
           "de Villiers", "d'Almeida", "Da Silva", "Dos Santos", "N'Diaye", "Ben Ahmed", "El Amrani", "Van Damme",
           "de Saint-Just", "du Pont", "Saint-Martin", "de Sousa", "Ait Ali", "Di Stefano"),
    "en": ("O'Brien", "O'Connor", "McDonald", "MacLeod", "Van der Berg", "De la Cruz", "St. John", "D'Souza",
           "Al-Hassan", "Fitzgerald", "De Souza", "Le Blanc", "Van Buren", "O'Neill", "Mac an tSaoir"),
}  # fmt: skip
COMPOUND_FIRST_FR = {False: ("Marie", "Anne"), True: ("Jean", "Pierre")}

# Eponyms that a clinical line uses while a member of staff carries the same surname: (French, English) phrases.
AUDIT_EPONYMS: dict[str, tuple[str, str]] = {
    "Colles": ("fracture de Pouteau-Colles", "Colles fracture"),
    "Lisfranc": ("lésion de Lisfranc", "Lisfranc injury"),
    "Chopart": ("luxation de Chopart", "Chopart dislocation"),
    "Bankart": ("lésion de Bankart", "Bankart lesion"),
    "Paget": ("maladie de Paget", "Paget disease"),
    "Segond": ("fracture de Segond", "Segond fracture"),
    "Hoffa": ("fracture de Hoffa", "Hoffa fracture"),
    "Maisonneuve": ("fracture de Maisonneuve", "Maisonneuve fracture"),
    "Monteggia": ("fracture de Monteggia", "Monteggia fracture"),
    "Galeazzi": ("fracture de Galeazzi", "Galeazzi fracture"),
    "Jones": ("fracture de Jones", "Jones fracture"),
    "Smith": ("fracture de Smith", "Smith fracture"),
    "Barton": ("fracture de Barton", "Barton fracture"),
    "Bennett": ("fracture de Bennett", "Bennett fracture"),
    "Baker": ("kyste de Baker", "Baker cyst"),
    "Harris": ("décollement Salter-Harris de type II", "Salter-Harris type II fracture"),
    "Lawrence": ("gonarthrose stade 3 de Kellgren-Lawrence", "Kellgren-Lawrence grade 3 osteoarthritis"),
    "Lachman": ("rupture du LCA (Lachman positif)", "ACL tear (positive Lachman test)"),
    "Garden": ("fracture du col fémoral Garden III", "Garden III femoral neck fracture"),
    "Sachs": ("encoche de Hill-Sachs", "Hill-Sachs lesion"),
}

SERVICES_FR = (
    "Service de Radiologie Ostéo-Articulaire", "Pôle Imagerie Médicale", "Département d'Imagerie Médicale",
    "Unité d'imagerie des urgences", "Service d'Imagerie Musculo-Squelettique", "Service de Radiologie et Imagerie",
)  # fmt: skip
SERVICES_EN = (
    "Department of Diagnostic Imaging", "Musculoskeletal Imaging Section", "Division of Radiology",
    "Emergency Radiology", "Imaging Services", "Department of Radiology and Nuclear Medicine",
)  # fmt: skip
CCAM_CODES = ("MZQK002", "NZQK001", "LHQK001", "MAQK003", "NDQK001")  # real CCAM radiography codes (not identifiers)
CPT_CODES = ("73562", "73110", "73630", "73030", "72100")


# --------------------------------------------------------------------------------------------------- formatting


def format_date_audit(date: dt.date, lang: str, fmt: int) -> str:
    """Date spellings seen in hospital systems but absent from the train/heldout families (index `fmt` modulo)."""
    d, m, y = date.day, date.month, date.year
    if lang == "fr":
        day = "1er" if d == 1 else str(d)
        options = (
            f"{d}/{m}/{y}",
            f"{WEEKDAYS_FR[date.weekday()]} {day} {MONTHS_FR[m - 1]} {y}",
            f"{y}{m:02d}{d:02d}",
            f"{d:02d} {m:02d} {y}",
            f"{d:02d}-{MONTHS_FR_UPPER3[m - 1]}-{y}",
            f"{d}.{m}.{y % 100:02d}",
            f"{day} {MONTHS_FR[m - 1].upper()} {y}",
            f"{d:02d}/{m:02d}/{y}",
        )
    else:
        suffix = "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        options = (
            f"{d:02d}-{MONTHS_EN[m - 1][:3]}-{y}",
            f"{y}/{m:02d}/{d:02d}",
            f"{WEEKDAYS_EN[date.weekday()]}, {MONTHS_EN[m - 1]} {d}{suffix}, {y}",
            f"{d}{suffix} {MONTHS_EN[m - 1]} {y}",
            f"{y}{m:02d}{d:02d}",
            f"{d:02d}.{m:02d}.{y}",
            f"{d:02d} {MONTHS_EN[m - 1][:3].upper()} {y}",
            f"{m}-{d}-{y}",
        )
    return options[fmt % len(options)]


def format_phone_audit(lang: str, rng: np.random.Generator, mobile: bool, uk: bool = False) -> str:
    """A phone number in a spelling absent from the train/heldout families (French, US or UK)."""
    if lang == "fr":
        lead = str(int(rng.integers(6, 8))) if mobile else str(int(rng.integers(1, 6)))
        g = [_digits(rng, 2) for _ in range(4)]
        options: tuple[str, ...] = (
            "0" + lead + "\u00a0" + "\u00a0".join(g),  # no-break spaces, as word processors write them
            f"0033 {lead} {' '.join(g)}",
            f"+33{lead}{''.join(g)}",
            f"+33 (0) {lead} {' '.join(g)}",
            f"0{lead}.{'.'.join(g)}",
            f"+33 (0){lead}.{'.'.join(g)}",
            f"0{lead} {' '.join(g)}",
            f"+33 {lead} {' '.join(g)}",
        )
    elif uk:
        if mobile:
            a, b = "7" + _digits(rng, 3), _digits(rng, 6)
            options = (f"0{a} {b}", f"+44 {a} {b}", f"+44 (0){a} {b}")
        else:
            area = ("20", "161", "121", "113", "131")[int(rng.integers(5))]
            rest = _digits(rng, 10 - len(area))
            split = 4 if area == "20" else 3
            local = f"{rest[:split]} {rest[split:]}"
            options = (f"0{area} {local}", f"+44 (0){area} {local}", f"+44 {area} {local}")
    else:
        a, b, c = str(int(rng.integers(201, 990))), _digits(rng, 3), _digits(rng, 4)
        options = (
            f"+1 {a} {b} {c}",
            f"{a} {b} {c}",
            f"1 ({a}) {b}-{c}",
            f"({a}) {b} {c}",
            f"{a}/{b}-{c}",
            f"+1 ({a}) {b}-{c}",
            f"{a}-{b}-{c} x{_digits(rng, 4)}",
        )
    return options[int(rng.integers(len(options)))]


def luhn_append(digits: str) -> str:
    """`digits` followed by its Luhn check digit (RPPS numbers, NPIs)."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return digits + str((10 - total % 10) % 10)


def nhs_number(rng: np.random.Generator) -> str:
    """A 10-digit NHS number with a valid modulus-11 check digit, spaced 3-3-4."""
    while True:
        body = _digits(rng, 9)
        check = 11 - sum(int(c) * (10 - i) for i, c in enumerate(body)) % 11
        if check == 11:
            check = 0
        if check != 10:
            n = body + str(check)
            return f"{n[:3]} {n[3:6]} {n[6:]}"


def _ascii(text: str) -> str:
    """Lower-case ASCII slug of a name, as used in staff e-mail addresses and host names."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


# --------------------------------------------------------------------------------------------------- identity


def _pick(rng: np.random.Generator, options: tuple[str, ...] | list[str]) -> str:
    return options[int(rng.integers(len(options)))]


def audit_identity(lang: str, rng: np.random.Generator) -> Slots:
    """Slot values (text, label or None for unlabelled text) for one audit report."""
    fake = _faker("fr_FR" if lang == "fr" else "en_US")
    fake.seed_instance(int(rng.integers(0, 2**31 - 1)))
    uk = lang == "en" and bool(rng.random() < 0.4)
    place = _faker("en_GB") if uk else fake
    if uk:
        place.seed_instance(int(rng.integers(0, 2**31 - 1)))
    fr = lang == "fr"
    male = bool(rng.random() < 0.5)

    def surname() -> str:
        r = rng.random()
        if r < 0.2:
            return _pick(rng, COMMON_WORD_SURNAMES[lang])
        if r < 0.38:
            return _pick(rng, PARTICLE_SURNAMES[lang])
        if r < 0.52:
            return f"{fake.last_name()}-{fake.last_name()}"
        return str(fake.last_name())

    def first_name(is_male: bool) -> str:
        r = rng.random()
        if r < 0.2:
            return _pick(rng, COMMON_WORD_FIRST[(lang, is_male)])
        if fr and r < 0.35:
            other = fake.first_name_male() if is_male else fake.first_name_female()
            return f"{_pick(rng, COMPOUND_FIRST_FR[is_male])}-{other}"
        return str(fake.first_name_male() if is_male else fake.first_name_female())

    def staff(last: str | None = None, first: str | None = None) -> str:
        f, s = first or first_name(bool(rng.random() < 0.5)), last or surname()
        options = (f"{f} {s}", f"{f} {s.upper()}", f"{f[0]}. {s}", s, f"{s.upper()} {f}", f"{f} {s}")
        return _pick(rng, options)

    first, last = first_name(male), surname()
    birth_last = last if male or rng.random() < 0.4 else surname()
    exam = dt.date(2014, 1, 1) + dt.timedelta(days=int(rng.integers(0, 4000)))
    age_days = int(rng.integers(200, 99 * 365)) if rng.random() < 0.15 else int(rng.integers(18 * 365, 98 * 365))
    birth = exam - dt.timedelta(days=age_days)
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    months = (exam.year - birth.year) * 12 + exam.month - birth.month - (exam.day < birth.day)
    if years < 2:
        age = _pick(rng, (f"{months} mois",) if fr else (f"{months} months", f"{months} mo", f"{months}M"))
    elif fr:
        age = _pick(rng, (f"{years} ans", f"{years} a", f"{years} ans {months % 12} mois", f"{years}a"))
    else:
        age = _pick(rng, (f"{years}Y", f"{years:03d}Y", f"{years} y.o.", f"{years}-yr-old", f"{years} yrs"))
    prior = exam - dt.timedelta(days=int(rng.integers(15, 1500)))
    request = exam - dt.timedelta(days=int(rng.integers(0, 20)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 4)))
    fmts = [int(x) for x in rng.integers(0, 8, size=5)]

    city, city2 = str(place.city()), str(place.city())
    street, postcode = str(place.street_address()).replace("\n", ", "), str(place.postcode())
    if fr:
        cedex = _pick(
            rng, ("", " CEDEX", f" Cedex {int(rng.integers(1, 20))}", f" CEDEX {int(rng.integers(1, 20)):02d}")
        )
        town = f"{postcode} {city.upper() if cedex.isupper() else city}{cedex}"
        address = _pick(
            rng,
            (
                f"{street}, {town}",
                f"{street} - CS {_digits(rng, 5)} - {town}",
                f"BP {_digits(rng, 4)} - {street} - {town}",
                f"{street} – {postcode} {city}",
            ),
        )
        saint = f"Saint-{fake.first_name_male()}" if rng.random() < 0.5 else f"Sainte-{fake.first_name_female()}"
        institution = _pick(
            rng,
            (
                f"CHU de {city}",
                f"Centre Hospitalier Universitaire de {city}",
                f"CHRU de {city}",
                f"Centre Hospitalier Intercommunal {city}-{city2}",
                f"Clinique {saint}",
                f"Hôpital privé {city} {_pick(rng, ('Nord', 'Sud', 'Est', 'Ouest'))}",
                f"Institut de radiologie {fake.last_name()}",
                f"Centre d'imagerie médicale {fake.last_name()}-{fake.last_name()}",
                f"Polyclinique {saint}",
            ),
        )
        site = _pick(
            rng, (f"Hôpital {fake.first_name()} {fake.last_name()}", f"Site {fake.last_name()}", f"Hôpital {saint}")
        )
        other_inst = _pick(
            rng, (f"Clinique {fake.last_name()}", f"CH de {city2}", f"Cabinet d'imagerie {fake.last_name()}")
        )
        domain = _pick(rng, (f"chu-{_ascii(city)}.fr", f"ch-{_ascii(city)}.fr", f"clinique-{_ascii(city)}.com"))
    else:
        state = "" if uk else str(fake.state_abbr())
        town = (
            f"{city} {postcode}"
            if uk
            else f"{city}, {state} {fake.zipcode_plus4() if rng.random() < 0.5 else postcode}"
        )
        address = _pick(
            rng,
            (
                f"{street}, {town}",
                f"{street}, {city}, {postcode}"
                if uk or any(w in street for w in ("Suite", "Apt."))
                else f"{street}, Suite {int(rng.integers(100, 900))}, {town}",
            ),
        )
        saint = f"St. {fake.first_name()}'s"
        if uk:
            institution = _pick(
                rng,
                (
                    f"{city} Royal Infirmary",
                    f"{city} Teaching Hospitals NHS Foundation Trust",
                    f"Royal {city} Hospital",
                    f"{place.last_name()} Community Hospital",
                    f"{saint} Hospital, {city}",
                ),
            )
            domain = _pick(rng, (f"{_ascii(city)}.nhs.uk", "nhs.net"))
        else:
            institution = _pick(
                rng,
                (
                    f"{city} Regional Medical Center",
                    f"{fake.last_name()} Health",
                    f"{saint} Hospital",
                    f"{city} Children's Hospital",
                    f"{fake.last_name()} Orthopedic & Spine Institute",
                ),
            )
            domain = _pick(rng, (f"{_ascii(city)}health.org", f"{_ascii(fake.last_name())}med.org", fake.domain_name()))
        site = _pick(rng, (f"{fake.last_name()} Pavilion", f"{city2} Campus", f"{fake.last_name()} Wing"))
        other_inst = _pick(
            rng, (f"{city2} Urgent Care", f"{fake.last_name()} Family Practice", f"{city2} General Hospital")
        )

    radiologist_last = surname()
    epo = _pick(rng, tuple(AUDIT_EPONYMS))
    rad_first = first_name(bool(rng.random() < 0.5))
    sec_first = first_name(False)
    sec_last = surname()
    initials = "".join(_pick(rng, tuple("ABCDEFGHJKLMNPRSTV")) for _ in range(2))
    yy, yyyy = f"{exam.year % 100:02d}", str(exam.year)
    acc = _pick(rng, (f"{yy}RX{_digits(rng, 6)}", f"A{_digits(rng, 8)}", f"ACC{yy}-{_digits(rng, 7)}",
                      f"{yyyy}{exam.month:02d}{exam.day:02d}{_digits(rng, 4)}", f"RAD-{_digits(rng, 6)}"))  # fmt: skip
    ipp = _pick(
        rng, (f"{_digits(rng, 4)} {_digits(rng, 3)} {_digits(rng, 3)}", "800" + _digits(rng, 7), _digits(rng, 9))
    )
    host = _ascii(city)
    email_user = f"{_ascii(rad_first)}.{_ascii(radiologist_last)}".replace("-", "")
    url_id = _digits(rng, 8)
    slots: Slots = {
        # patient
        "first": (first, "PATIENT"),
        "last": (last, "PATIENT"),
        "LAST": (last.upper(), "PATIENT"),
        "FIRST": (first.upper(), "PATIENT"),
        "birth_LAST": (birth_last.upper(), "PATIENT"),
        "dicom_name": (f"{last.upper()}^{first.upper()}", "PATIENT"),
        "title": (
            _pick(
                rng,
                (("M.", "Monsieur") if male else ("Mme", "Madame"))
                if fr
                else (("Mr", "Mr.") if male else ("Mrs", "Ms")),
            ),
            None,
        ),
        "sex": ("M" if male else "F", None),
        "sex_word": (("patient" if male else "patiente") if fr else ("male" if male else "female"), None),
        "age": (age, "AGE"),
        "age_n": (str(years), "AGE"),
        "dob": (format_date_audit(birth, lang, fmts[0]), "DATE"),
        "p_address": (
            f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
            if fr
            else f"{place.street_address()}, {place.city()}".replace("\n", ", "),
            "LOCATION",
        ),
        # dates and times
        "exam_date": (format_date_audit(exam, lang, fmts[1]), "DATE"),
        "prior_date": (format_date_audit(prior, lang, fmts[2]), "DATE"),
        "req_date": (format_date_audit(request, lang, fmts[3]), "DATE"),
        "sign_date": (format_date_audit(sign, lang, fmts[4]), "DATE"),
        "time": (f"{int(rng.integers(7, 20)):02d}{'h' if fr else ':'}{int(rng.integers(0, 60)):02d}", None),
        # places and institutions
        "inst": (institution, "INSTITUTION"),
        "INST": (institution.upper(), "INSTITUTION"),
        "site": (site, "INSTITUTION"),
        "other_inst": (other_inst, "INSTITUTION"),
        "service": (_pick(rng, SERVICES_FR if fr else SERVICES_EN), None),
        "address": (address, "LOCATION"),
        "street": (street, "LOCATION"),
        "town": (town, "LOCATION"),
        "city": (city, "LOCATION"),
        # staff
        "radiologist": (staff(radiologist_last, rad_first), "PERSON"),
        "RAD_INV": (f"{radiologist_last.upper()} {rad_first}", "PERSON"),
        "resident": (staff(), "PERSON"),
        "chief": (staff(), "PERSON"),
        "referrer": (staff(), "PERSON"),
        "technician": (staff(), "PERSON"),
        "cc1": (staff(), "PERSON"),
        "cc2": (staff(), "PERSON"),
        "epo_doc": (staff(epo), "PERSON"),
        "epo_phrase": (AUDIT_EPONYMS[epo][0 if fr else 1], None),
        "sec": (f"{sec_first} {sec_last}" if rng.random() < 0.6 else sec_last, "PERSON"),
        "sec_title": ("Mme" if fr else "Ms", None),
        "sec_first": (sec_first, "PERSON"),
        # numbers
        "phone": (format_phone_audit(lang, rng, mobile=False, uk=uk), "PHONE"),
        "phone2": (format_phone_audit(lang, rng, mobile=False, uk=uk), "PHONE"),
        "fax": (format_phone_audit(lang, rng, mobile=False, uk=uk), "PHONE"),
        "phone_mob": (format_phone_audit(lang, rng, mobile=True, uk=uk), "PHONE"),
        "ipp": (ipp, "ID"),
        "sejour": (
            _pick(
                rng,
                (
                    f"{yy}{_digits(rng, 8)}",
                    f"S{yy}-{_digits(rng, 7)}",
                    f"{_digits(rng, 3)} {_digits(rng, 3)} {_digits(rng, 4)}",
                ),
            ),
            "ID",
        ),
        "dossier": (_pick(rng, (f"{yyyy}/{_digits(rng, 6)}", f"D{yy}-{_digits(rng, 6)}")), "ID"),
        "ref": (
            _pick(
                rng,
                (
                    f"RAD/{yy}/{_digits(rng, 5)}",
                    f"CR{yyyy}{_digits(rng, 6)}",
                    f"{initials}/{initials[::-1]}-{yy}-{_digits(rng, 4)}",
                ),
            ),
            "ID",
        ),
        "acc": (acc, "ID"),
        "ins": (format_nir(male, birth, rng, spaced=bool(rng.random() < 0.7)), "ID"),
        "rpps": (luhn_append("10" + _digits(rng, 8)), "ID"),
        "npi": (luhn_append("80840" + "1" + _digits(rng, 8))[5:], "ID"),
        "gmc": (str(int(rng.integers(2_000_000, 7_999_999))), "ID"),
        "mrn": (
            _pick(
                rng, (_digits(rng, 8), f"E{_digits(rng, 7)}", f"{_digits(rng, 2)} {_digits(rng, 3)} {_digits(rng, 3)}")
            ),
            "ID",
        ),
        "fin": (f"V{_digits(rng, 9)}", "ID"),
        "order": (f"ORD{_digits(rng, 7)}", "ID"),
        "job": (_digits(rng, 6), "ID"),
        "natid_label": ("NHS No" if uk else "SSN", None),
        "natid": (nhs_number(rng) if uk else f"{_digits(rng, 3)}-{_digits(rng, 2)}-{_digits(rng, 4)}", "ID"),
        # unlabelled numbers that are not identifiers
        "uf": (_digits(rng, 4), None),
        "pds": (f"{int(rng.integers(1, 60))},{int(rng.integers(0, 10))}" if fr else f"{rng.uniform(1, 60):.1f}", None),
        "ccam": (_pick(rng, CCAM_CODES), None),
        "cpt": (_pick(rng, CPT_CODES), None),
        # e-mail and web
        "email_rad": (f"{email_user}@{domain}", "EMAIL"),
        "email_sec": (
            _pick(
                rng,
                (
                    f"secretariat.radiologie@{domain}",
                    f"imagerie.{host}@{domain}",
                    f"Secretariat.Imagerie@{domain.upper()}",
                ),
            )
            if fr
            else _pick(rng, (f"radiology.results@{domain}", f"{_ascii(sec_last)}{sec_first[0].lower()}@{domain}")),
            "EMAIL",
        ),
        "email_ref": (
            f"{_ascii(first_name(True))[0]}{_ascii(surname()).replace('-', '')}@{fake.free_email_domain()}",
            "EMAIL",
        ),
        "url": (
            _pick(
                rng,
                (
                    f"https://resultats.{domain}/cr/{url_id}",
                    f"https://mychart.{domain}/MyChart/",
                    f"https://pacs.{domain}/zfp?Acc={url_id}",
                ),
            ),
            "URL",
        ),
        "url_intranet": (
            _pick(
                rng,
                (
                    f"http://pacs-web.{host}.local/viewer?study={url_id}",
                    f"http://10.{int(rng.integers(0, 255))}.{int(rng.integers(0, 255))}."
                    f"{int(rng.integers(1, 255))}:8080/portal/study/{url_id}",
                    f"intranet.{domain}/imagerie/planning",
                ),
            ),
            "URL",
        ),
    }
    return slots


# --------------------------------------------------------------------------------------------------- templates

AUDIT_TEMPLATES: dict[tuple[str, str], dict[str, list[list[str]]]] = {
    ("fr", "audit"): {
        "header": [
            [
                "{INST}\n{site}\n{service}\n{street}\n{town}\nSecrétariat : {phone}  —  Fax : {fax}\n",
                "{inst} · {service}\nChef de service : Pr {chief}\n{address}\nTél. {phone} · {email_sec}\n",
                '<div class="entete"><b>{inst}</b><br/>{service}<br/>{address}<br/>Standard : {phone}</div>\n',
                "{service} — {site} ({inst})\nRendez-vous : {phone} / {phone_mob}\n",
            ],
            [
                "COMPTE RENDU D'EXAMEN\n",
                "Compte rendu de radiographie standard\n",
                "Compte-rendu d'imagerie — {exam_date}\n",
                "Examen : RADIOGRAPHIE DU GENOU GAUCHE (F + P) du {exam_date} à {time}\n",
            ],
            [
                "Nom : {LAST}   Prénom : {first}   Né(e) le : {dob}   Sexe/Âge : {sex}/{age}\n",
                "Patient(e) : {LAST} {first} ({sex}, {age}) — NIP {ipp}\n",
                "Nom d'usage : {LAST} — Nom de naissance : {birth_LAST} — Prénom(s) : {first}\n"
                "Date de naissance : {dob} ({age})\n",
                '<table class="bandeau"><tr><td>{LAST} {first}</td>'
                "<td>Né(e) le {dob}</td><td>{age}</td></tr></table>\n",
                "{title} {first} {last}, {age}, né(e) le {dob}\n",
                "Concerne : {title} {LAST} {first} — {p_address}\n",
            ],
            [
                "NIP : {ipp}    N° de séjour : {sejour}\n",
                "Dossier : {dossier} — INS : {ins}\n",
                "N° d'examen : {acc} | UF {uf} - Radiologie\n",
                "Réf. : {ref}    N° de venue : {sejour}\n",
            ],
            [
                "Médecin demandeur : Dr {referrer} — {other_inst}\n",
                "Demandé par : {referrer} (urgences), le {req_date}\n",
                "Prescripteur : Docteur {referrer}, {p_address}, tél. {phone_mob}\n",
                "Adressé(e) par son médecin traitant, le Dr {referrer}, "
                "pour bilan de chute survenue le {prior_date}.\n",
                "Correspondant : {referrer} — {email_ref}\n",
            ],
        ],
        "pre": [
            [
                "Renseignements cliniques : suspicion de {epo_phrase} ; "
                "{sex_word} vu(e) par le Dr {epo_doc} aux urgences.\n",
                "Indication : {sex_word} de {age}, traumatisme le {prior_date}.\n",
                "Comparaison : clichés du {prior_date} (établissement : {other_inst}).\n",
                "Technique : incidences de face et de profil. PDS : {pds} cGy.cm². Acte CCAM : {ccam}.\n",
                "Manipulateur (MERM) : {technician}\n",
                "",
            ],
        ],
        "footer": [
            [
                "\nDr {radiologist}\nRadiologue — RPPS {rpps}\nAncien interne des Hôpitaux de {city}\n",
                "\nCompte rendu dicté par le Dr {resident} (interne), "
                "validé par le Pr {radiologist} le {sign_date} à {time}.\n",
                "\nSigné électroniquement par {radiologist} — {sign_date}\n",
                "\nLe radiologue,\nDocteur {RAD_INV}\n",
                "\nFait à {city}, le {sign_date}.\n{radiologist}\n",
            ],
            [
                "Copie à : Dr {cc1} ; Dr {cc2}, {other_inst}\n",
                "Copie : médecin traitant (Dr {cc1}), dossier patient.\n",
                "cc : {cc1}, {cc2}\n",
                "",
            ],
            [
                "Frappé par {sec_first} le {sign_date} — N/Réf. : {ref}\n",
                "Secrétariat : {sec_title} {sec} — {phone2} — {email_sec}\n",
                "",
            ],
            [
                "Images et compte rendu : {url} (code d'accès remis au patient)\n",
                "Pour toute correspondance : {email_rad}\n",
                "Intranet : {url_intranet}\n",
                "",
            ],
        ],
    },
    ("en", "audit"): {
        "header": [
            [
                "{INST}\n{service}\n{address}\nTel: {phone} | Fax: {fax}\n",
                "{inst} — {site}\n{service} · Reading room {phone}\n",
                '<div class="letterhead"><strong>{inst}</strong><br>{street}<br>{town}</div>\n',
                "{service}, {inst}, {address}\n",
            ],
            [
                "RADIOLOGY REPORT\n",
                "DIAGNOSTIC IMAGING REPORT — FINAL\n",
                "Exam: XR KNEE 3 VIEWS LEFT   Date of service: {exam_date} {time}\n",
                "Study: Radiograph, wrist, 2 views — performed {exam_date}\n",
            ],
            [
                "PATIENT: {LAST}, {FIRST}   DOB: {dob}   AGE/SEX: {age}/{sex}\n",
                "Name: {first} {last}    DOB: {dob} ({age})    Sex: {sex}\n",
                "Patient Name: {dicom_name}   Birth Date: {dob}\n",
                "<table><tr><th>Patient</th><td>{LAST}, {first}</td><th>DOB</th><td>{dob}</td></tr></table>\n",
                "Pt: {last}, {first} | {age} {sex} | DOB {dob}\n",
                "RE: {title} {first} {last}, {p_address}\n",
            ],
            [
                "MRN: {mrn}   Accession #: {acc}\n",
                "MRN {mrn} · Visit # {fin} · Acc {acc}\n",
                "{natid_label}: {natid}   Hospital No: {mrn}\n",
                "Order #: {order}   Accession: {acc}\n",
            ],
            [
                "Referring physician: {referrer}, MD (NPI {npi})\n",
                "Ordering provider: Dr. {referrer} — {other_inst}\n",
                "Requested by: {referrer} (ED) on {req_date}\n",
                "GP: Dr {referrer}, {other_inst}, {p_address}\n",
                "Referred by {referrer}; call back {phone_mob}\n",
            ],
        ],
        "pre": [
            [
                "CLINICAL HISTORY: {age} {sex_word}, fall on {prior_date}. Question {epo_phrase}; "
                "seen by Dr. {epo_doc} in fracture clinic.\n",
                "INDICATION: pain after injury on {prior_date}.\n",
                "COMPARISON: {prior_date} ({other_inst}).\n",
                "TECHNIQUE: 3 views. CPT {cpt}. DAP {pds} cGy·cm².\n",
                "Technologist: {technician}\n",
                "",
            ],
        ],
        "footer": [
            [
                "\nElectronically signed by: {radiologist}, MD on {sign_date} at {time}\n",
                "\nDictated by: {resident}, MD (resident)\nReviewed and approved by: {radiologist}, MD (attending)\n",
                "\nReported by Dr {radiologist}, Consultant Radiologist (GMC {gmc}) — {sign_date}\n",
                "\n{radiologist}\nAttending Radiologist\n{inst}\n",
                "\nI have personally reviewed the images and agree with the findings. /s/ {radiologist}\n",
            ],
            [
                "cc: Dr. {cc1}; {cc2}, PA-C; {other_inst}\n",
                "Copy to: {cc1} (GP), {address}\n",
                "",
            ],
            [
                "Transcribed by: {sec_title} {sec} on {sign_date}   Job #: {job}\n",
                "Critical result communicated to {cc1} by phone at {time} on {sign_date}.\n",
                "Report questions: {email_rad} or {phone2}\n",
                "",
            ],
            [
                "View images: {url}\n",
                "Intranet PACS: {url_intranet}\n",
                "",
            ],
        ],
    },
}


def audit_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, dict[str, list[list[str]]]]:
    """One document's slot values and layouts (the draw contract of `families.draw_family`)."""
    return split_towns(audit_identity(lang, rng), AUDIT_TEMPLATES[(lang, "audit")], "inst", "INST")
