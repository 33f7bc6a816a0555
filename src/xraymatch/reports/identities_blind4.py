"""Blind4 template family: dictated-speech transcripts, OCR'd scanned letters, ALL-CAPS banners and letters to a GP.

Written by an independent auditor who never read the detector (reports/deid/), for a blind estimate of how it
generalises. It adds what earlier families lack: dates and ages in words, spelled-out surnames, OCR hyphenation and
digit/letter confusions inside names and dates, names with particles and from many origins (Breton, Corsican,
Maghrebi, Portuguese, Vietnamese, West-African, Irish/Scottish), relatives in identity-vigilance notes (PERSON, even
when they share the patient's surname), French overseas departments, UK (NHS) and US variants, and professional or
establishment numbers (RPPS, ADELI, FINESS, GMC, NPI, NHS number with its mod-11 check). Unlabelled traps (label None)
sit beside them: eponyms used as eponyms, relative dates (durations are not dates), doses, device models and serials,
CCAM/ICD-10/LOINC/CPT codes, vertebral levels and drugs. `blind4_draw(lang, rng)` returns (slots, family) like
`blind3_draw`; slot values are labelled exactly (the identifier text only, without titles such as "Dr" or "Mme").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import MONTHS_EN, MONTHS_FR, _faker, format_date, format_nir, format_phone

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "{INST}\nSERVICE D'IMAGERIE MÉDICALE - {ADDRESS}\nTÉL. {phone}   FINESS {finess}\n",
            "{inst_ocr}\n{address_ocr}\nTé1. : {phone}\n",
            "{inst}\n{address}\n\nÀ l'attention du Docteur {gp}\n{gp_practice}\n{gp_address}\n\nCher confrère,\n",
            "[Transcription vocale] Docteur {radiologist} virgule radiologue virgule {inst} point à la ligne\n",
        ],
        [
            "PATIENT : {PATIENT}   NÉ(E) LE : {dob}   ÂGE : {age_short}\n",
            "Je vous remercie de m'avoir adressé {title}{patient}, {age_intro} {age}, "
            "que j'ai vu(e) le {exam_words}.\n",
            "{kind_cap} {patient_dict} je répète {spelled} virgule né(e) le {dob_words} point\n",
            "Nom : {patient_ocr}\nDate de naiss. : {dob_ocr}\n",
            "{kind_cap} {patient}, {age_intro} {age} - INS {ins}\n",
        ],
        [
            "INS/NIR : {ins}  -  N° de séjour : {stay}  -  N° d'examen : {accession}\n",
            "IPP {ipp} / NDA {stay} / DMP consulté le {exam_date}\n",
            "Réf. dossier : {accession} (RPPS du prescripteur : {rpps})\n",
            "Manipulateur : {technician} (ADELI {adeli})\n",
        ],
        [
            "Examen réalisé le {exam_date} ({rel_day}) par {technician}.\n",
            "Demandeur : Dr {gp} (RPPS {rpps}) - {gp_phone}\n",
            "Vigilance identité : ne pas confondre avec {kin} {relative} (IPP {ipp2}), examiné(e) le {prior_date}.\n",
            "Comparé à l'examen de {kin} {relative} ({prior_partial} ; homonymie).\n",
        ],
    ],
    "pre": [
        [
            "Indication : chute {rel_ago} ; suspicion de {eponym}.\n",
            "Antécédents : {eponym} ; traitement par {drug}. Dernier contrôle en {prior_partial}.\n",
            "Technique : {device}, {kv} ; PDS {dose} ; acte CCAM {ccam}.\n",
            "Renseignements : contrôle {rel_day} ; niveaux {levels} ; {eponym}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nJe vous prie de croire, cher confrère, en mes sentiments les meilleurs.\n"
            "Bien confraternellement,\nDr {radiologist}\n",
            "\nfin de dictée Docteur {radiologist} le {sign_words} point final\n",
            "\nVALIDÉ PAR DR {RADIOLOGIST} LE {sign_date}\n",
            "\nDr {radiologist_ocr} - RPPS {rpps}\n",
        ],
        [
            "Secrétariat : {email_obf} - {phone2}\n",
            "Résultats en ligne : {url}\n",
            "Copie : Dr {gp}, {gp_address} ; {email_obf}\n",
            "CCAM {ccam} - CIM-10 {icd}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "{INST}\nDEPARTMENT OF DIAGNOSTIC IMAGING\n{ADDRESS}\nTEL {phone}\n",
            "{inst_ocr}\n{address_ocr}\nTe1: {phone}\n",
            "{inst}\n{address}\n\nDr {gp}\n{gp_practice}\n{gp_address}\n\nDear Dr {gp_last},\n",
            "[Voice transcription] this is Doctor {radiologist} comma radiology comma dictating for {inst} full stop\n",
        ],
        [
            "PATIENT: {PATIENT}  DOB: {dob}  AGE: {age_short}\n",
            "Thank you for referring {title}{patient}, {age_intro} {age}, whom I saw on {exam_words}.\n",
            "{kind_cap} {patient_dict} I spell {spelled} comma date of birth {dob_words} full stop\n",
            "Name: {patient_ocr}\nD0B: {dob_ocr}\n",
            "{kind_cap} {patient}, {age_intro} {age} - {nat_id_name} {nat_id}\n",
        ],
        [
            "{nat_id_name}: {nat_id}  Hospital No: {ipp}  Acc: {accession}\n",
            "MRN {ipp} / Visit # {stay} / {nat_id_name} {nat_id}\n",
            "Accession {accession} (ordering {prof_id_name} {prof_id})\n",
            "Radiographer: {technician}\n",
        ],
        [
            "Performed {exam_date} ({rel_day}) by {technician}.\n",
            "Referrer: Dr {gp} ({prof_id_name} {prof_id}), tel {gp_phone}\n",
            "Identity alert: not to be confused with {kin} {relative} (MRN {ipp2}), imaged {prior_date}.\n",
            "Compared with the study of {kin} {relative} from {prior_partial} (same surname).\n",
        ],
    ],
    "pre": [
        [
            "History: fall {rel_ago}; ?{eponym}.\n",
            "PMH: {eponym}; on {drug}. Last imaged {prior_partial}.\n",
            "Technique: {device}, {kv}; DAP {dose}; LOINC {loinc}.\n",
            "Clinical details: review {rel_day}; levels {levels}; {eponym}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nYours sincerely,\n\nDr {radiologist}\nConsultant Radiologist\n",
            "\nend of dictation Doctor {radiologist} {sign_words} full stop\n",
            "\nREPORTED BY DR {RADIOLOGIST} ON {sign_date}\n",
            "\nDr {radiologist_ocr}, {prof_id_name} {prof_id}\n",
        ],
        [
            "Enquiries: {email_obf} or {phone2}\n",
            "Images online: {url}\n",
            "cc: Dr {gp}, {gp_address}\n",
            "ICD-10 {icd}; CPT {cpt}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- name pools

# (female first names, male first names, surnames) per origin; French reports draw from the first list, English ones
# from the second.
Pool = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
FR_NAMES: tuple[Pool, ...] = (
    (
        ("Gwenaëlle", "Soizic", "Nolwenn"),
        ("Yann", "Maël", "Erwan"),
        ("Le Goff", "Kerbrat", "Guivarc'h", "Le Bihan", "Quéméner"),
    ),
    (
        ("Marie-Ange", "Letizia", "Pascale"),
        ("Jean-Toussaint", "Paul-Antoine", "Ange-Mathieu"),
        ("Santucci", "Leca", "Casabianca", "Pietri"),
    ),
    (
        ("Aïcha", "Nadia", "Samira"),
        ("Karim", "Mehdi", "Youssef"),
        ("Ben Salah", "El Amrani", "Bouziane", "Aït Ouarab", "Benali"),
    ),
    (
        ("Conceição", "Fátima", "Maria do Céu"),
        ("João", "Manuel", "Joaquim"),
        ("Da Silva Ferreira", "Gonçalves", "Pereira dos Santos"),
    ),
    (("Thi Hoa", "Thi Lan", "Ngoc Anh"), ("Van Minh", "Thanh", "Quoc Bao"), ("Nguyen", "Tran", "Pham", "Hoang")),
    (
        ("Fatoumata", "Aminata", "Awa"),
        ("Moussa", "Issa", "Mamadou"),
        ("Traoré", "N'Diaye", "Ouédraogo", "Diallo", "Koné"),
    ),
    (
        ("Marie-Thérèse", "Anne-Laure", "Hélène"),
        ("Jean-Baptiste", "Pierre-Yves", "Jean-Pierre"),
        ("de La Rochefoucauld", "du Plessis", "Le Roux", "Van der Meersch", "d'Almeida", "Delacroix-Ruiz"),
    ),
)
EN_NAMES: tuple[Pool, ...] = (
    (
        ("Siobhan", "Niamh", "Aoife"),
        ("Ciaran", "Declan", "Callum"),
        ("O'Sullivan", "McAllister", "O'Connor", "MacLeod"),
    ),
    (("Ama", "Ngozi", "Abena"), ("Kwame", "Chinedu", "Oluwaseun"), ("Mensah", "Okafor", "Adeyemi", "Boateng")),
    (("Anneke", "Priya"), ("Pieter", "Rahul"), ("Van der Berg", "De Vries", "Patel", "Chaudhry")),
    (("Linh", "Maria"), ("Minh", "José"), ("Nguyen", "Tran", "Hernandez", "García-López")),
    (("Mary-Kate", "Grace"), ("John-Paul", "Harold"), ("St. John", "Fitzgerald", "Ward", "Bailey")),
)
EPONYMS_FR = (
    "fracture de Pouteau-Colles",
    "lésion Salter-Harris II",
    "gonarthrose Kellgren-Lawrence 3",
    "signe de Lachman positif",
    "maladie de Paget",
    "encoche de Hill-Sachs",
    "fracture de Monteggia",
    "fracture de Galeazzi",
    "fracture de Jefferson",
    "fracture de Chance de L1",
    "fracture de Bennett",
    "fracture de Rolando",
    "fracture de Smith",
    "fracture de Barton",
    "fracture de Maisonneuve",
    "fracture de Tillaux",
    "fracture de Segond",
    "fracture malléolaire Weber B",
)
EPONYMS_EN = (
    "Colles fracture",
    "Salter-Harris II injury",
    "Kellgren-Lawrence grade 3 OA",
    "positive Lachman test",
    "Paget's disease",
    "Hill-Sachs lesion",
    "Monteggia fracture-dislocation",
    "Galeazzi fracture",
    "Jefferson fracture",
    "Chance fracture",
    "Bennett fracture",
    "Rolando fracture",
    "Smith fracture",
    "Barton fracture",
    "Maisonneuve fracture",
    "Tillaux fracture",
    "Segond fracture",
    "Weber B fracture",
)
# (relation words before the relative's name, whether the relative is male)
KIN_FR = (("sa sœur Mme", False), ("son frère M.", True), ("sa mère Mme", False), ("son fils", True))
KIN_EN = (
    ("the patient's sister, Mrs", False),
    ("the patient's brother, Mr", True),
    ("the mother, Mrs", False),
    ("the twin brother,", True),
)
DEVICES = (
    "Fujifilm FDR D-EVO II n° SN 23K0417",
    "Carestream DRX-Evolution Plus S/N 4417-B",
    "Siemens Ysio Max #108452",
)
DRUGS_FR = ("Kardégic 75 mg", "apixaban 5 mg x 2/j", "Lévothyrox 100 µg", "alendronate 70 mg/semaine")
DRUGS_EN = ("apixaban 5 mg bd", "warfarin", "alendronic acid 70 mg weekly", "levothyroxine 100 mcg")
LEVELS = ("T12", "L1-L2", "C1 to C7", "L4-L5 et L5-S1", "T11-T12")
CCAM = ("ZBQK002", "MZQK002", "NZQK001", "LHQK002", "MGQK003")
ICD = ("S52.50", "M17.1", "S82.6", "M80.08", "S42.20")

# --------------------------------------------------------------------------------------------------- numbers in words

_FR_UNITS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
)  # fmt: skip
_FR_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}
_EN_UNITS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)  # fmt: skip
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_EN_ORD = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 9: "ninth", 12: "twelfth"}


def fr_number(n: int) -> str:
    """French words for 0..99 (traditional hyphenation: 'vingt et un', 'soixante-dix-sept', 'quatre-vingts')."""
    if n < 20:
        return _FR_UNITS[n]
    if n < 70:
        tens, unit = divmod(n, 10)
        word = _FR_TENS[tens]
        return word if unit == 0 else f"{word} et un" if unit == 1 else f"{word}-{_FR_UNITS[unit]}"
    if n < 80:
        return "soixante et onze" if n == 71 else f"soixante-{_FR_UNITS[n - 60]}"
    if n == 80:
        return "quatre-vingts"
    return f"quatre-vingt-{_FR_UNITS[n - 80]}"


def en_number(n: int) -> str:
    """English words for 0..99."""
    if n < 20:
        return _EN_UNITS[n]
    tens, unit = divmod(n, 10)
    return _EN_TENS[tens] if unit == 0 else f"{_EN_TENS[tens]}-{_EN_UNITS[unit]}"


def en_ordinal(n: int) -> str:
    """English ordinal words for 1..31 ('third', 'twenty-first')."""
    if n in _EN_ORD:
        return _EN_ORD[n]
    if n < 20:
        return _EN_UNITS[n] + "th"
    tens, unit = divmod(n, 10)
    if unit == 0:
        return _EN_TENS[tens][:-1] + "ieth"
    return f"{_EN_TENS[tens]}-{en_ordinal(unit)}"


def date_in_words(date: dt.date, lang: str) -> str:
    """A dictated date: 'trois mars deux mille vingt-quatre' / 'March third, twenty twenty-four'."""
    century, yy = divmod(date.year, 100)
    if lang == "fr":
        day = "premier" if date.day == 1 else fr_number(date.day)
        year = f"deux mille {fr_number(yy)}" if century == 20 else f"mille neuf cent {fr_number(yy)}"
        return f"{day} {MONTHS_FR[date.month - 1]} {year}".removesuffix(" zéro")
    if century == 20 and yy < 10:
        year = f"two thousand and {en_number(yy)}" if yy else "two thousand"
    else:
        head = en_number(century)
        year = f"{head} hundred" if yy == 0 else f"{head} oh {en_number(yy)}" if yy < 10 else f"{head} {en_number(yy)}"
    return f"{MONTHS_EN[date.month - 1]} {en_ordinal(date.day)}, {year}"


# --------------------------------------------------------------------------------------------------- check digits


def luhn_digit(body: str) -> str:
    """The Luhn check digit completing `body` (RPPS, FINESS and NPI use it)."""
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def nhs_number(rng: np.random.Generator) -> str:
    """A 10-digit NHS number with a valid mod-11 check digit, spaced 3-3-4."""
    while True:
        body = _d(rng, 9)
        check = 11 - sum(int(c) * w for c, w in zip(body, range(10, 1, -1), strict=True)) % 11
        if check != 10:
            digits = body + str(0 if check == 11 else check)
            return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def nhs_number_valid(text: str) -> bool:
    """Whether `text` (spaces allowed) is a 10-digit NHS number whose mod-11 check digit holds."""
    digits = text.replace(" ", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(c) * w for c, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    return check != 10 and (0 if check == 11 else check) == int(digits[9])


def _slug(name: str) -> str:
    """'Guivarc'h' -> 'guivarch', 'Da Silva Ferreira' -> 'dasilvaferreira': how names appear in e-mail addresses."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum() or ch == "-")


def _street(fake: Any) -> str:
    """A faker street address on one line (en_GB ones may hold a line break)."""
    return str(fake.street_address()).replace("\n", ", ")


def _d(rng: np.random.Generator, n: int) -> str:
    return "".join(str(int(x)) for x in rng.integers(0, 10, n))


def _pick(rng: np.random.Generator, options: tuple[Any, ...] | list[Any]) -> Any:
    return options[int(rng.integers(len(options)))]


# --------------------------------------------------------------------------------------------------- OCR noise

_OCR_SWAP = {"o": "0", "O": "0", "l": "1", "I": "1", "e": "c", "S": "5", "B": "8", "m": "rn"}


def ocr(text: str, rng: np.random.Generator) -> str:
    """Scanned-letter noise inside a value: a hyphenated line break in its longest word, or a glyph confusion."""
    words = text.split(" ")
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if rng.random() < 0.5 and len(word) >= 6 and word[2:-2].isalpha():
        cut = int(rng.integers(3, len(word) - 2))
        words[longest] = f"{word[:cut]}-\n{word[cut:]}"
        return " ".join(words)
    spots = [i for i, ch in enumerate(text) if ch in _OCR_SWAP and 0 < i < len(text) - 1]
    if not spots:
        return text
    i = _pick(rng, spots)
    return text[:i] + _OCR_SWAP[text[i]] + text[i + 1 :]


def ocr_date(text: str, rng: np.random.Generator) -> str:
    """A numeric date as a scanner reads it: one zero read as the letter O, or a stray space after the day."""
    zeros = [i for i, ch in enumerate(text) if ch == "0"]
    if zeros and rng.random() < 0.7:
        i = _pick(rng, zeros)
        return text[:i] + "O" + text[i + 1 :]
    return text[:1] + " " + text[1:]


# --------------------------------------------------------------------------------------------------- draw


def _name(rng: np.random.Generator, lang: str, fake: Any, male: bool) -> tuple[str, str]:
    """(first, last) of the given sex: mostly from the diverse pools, sometimes plain faker."""
    if rng.random() < 0.25:
        return (fake.first_name_male() if male else fake.first_name_female()), fake.last_name()
    female_firsts, male_firsts, lasts = _pick(rng, FR_NAMES if lang == "fr" else EN_NAMES)
    return _pick(rng, male_firsts if male else female_firsts), _pick(rng, lasts)


def _initials(first: str) -> str:
    """'Jean-Pierre' -> 'J.-P.', 'Ama' -> 'A.'."""
    return "-".join(part[0] + "." for part in first.split("-"))


def _ages(lang: str, days: int, rng: np.random.Generator) -> tuple[str, str, str, str]:
    """(age phrase, short age, intro words, kind) for an age of `days` days, in the report's language."""
    fr = lang == "fr"
    years = days // 365
    if days < 60:
        n = max(days // 7, 1)
        return (
            (f"{n} semaines" if fr else f"{n} weeks"),
            f"{n} sem" if fr else f"{n}w",
            ("nourrisson de" if fr else "aged"),
            ("nourrisson" if fr else "infant"),
        )
    if years < 2:
        n = days // 30
        return (
            (f"{n} mois" if fr else f"{n} months"),
            f"{n} m" if fr else f"{n}m",
            ("âgé(e) de" if fr else "aged"),
            ("enfant" if fr else "infant"),
        )
    if fr:
        phrase = _pick(rng, (f"{years} ans", f"{fr_number(years)} ans" if years < 100 else f"{years} ans"))
        return phrase, _pick(rng, (f"{years}a", f"{years} a")), "âgé(e) de", "patient(e)" if years >= 15 else "enfant"
    phrase = _pick(rng, (f"{years}-year-old", f"{years} years old", f"{years}"))
    intro = "aged" if phrase == f"{years}" else "a"
    return phrase, f"{years}Y", intro, "patient" if years >= 15 else "child"


def blind4_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    uk = (not fr) and rng.random() < 0.5
    overseas = fr and rng.random() < 0.25
    fake: Any = _faker("fr_FR" if fr else "en_GB" if uk else "en_US")
    fake.seed_instance(int(rng.integers(2**31)))

    male = bool(rng.random() < 0.5)
    first, last = _name(rng, lang, fake, male)
    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    days_old = int(_pick(rng, (rng.integers(7, 59), rng.integers(60, 700), rng.integers(2 * 365, 98 * 365))))
    birth = exam - dt.timedelta(days=days_old)
    age, age_short, age_intro, kind = _ages(lang, days_old, rng)
    prior = exam - dt.timedelta(days=int(rng.integers(40, 1500)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 3)))
    kin, kin_male = _pick(rng, KIN_FR if fr else KIN_EN)
    rel_first, rel_last = _name(rng, lang, fake, kin_male)
    rel_last = last if rng.random() < 0.7 else rel_last  # relatives often share the patient's surname
    rad_first, rad_last = _name(rng, lang, fake, bool(rng.random() < 0.5))
    radiologist = _pick(rng, (f"{rad_first} {rad_last}", f"{_initials(rad_first)} {rad_last}", rad_last))
    gp_first, gp_last = _name(rng, lang, fake, bool(rng.random() < 0.5))
    tech_first, tech_last = _name(rng, lang, fake, bool(rng.random() < 0.5))
    city = fake.city()

    if fr:
        if overseas:
            dom_code, dom_city, dom_phone = _pick(
                rng, (("971", "Pointe-à-Pitre", "590"), ("972", "Fort-de-France", "596"), ("974", "Saint-Denis", "262"))
            )
            city = dom_city
            postcode = f"{dom_code}{_d(rng, 2)}"
            street = _pick(
                rng,
                (
                    f"BP {_d(rng, 4)}",
                    f"lieu-dit {fake.last_name()}",
                    f"{int(rng.integers(1, 90))} bis chemin de la Ravine",
                ),
            )
            address = f"{street}, {postcode} {city}" + (" CEDEX" if street.startswith("BP") else "")
            phone = f"+{dom_phone} {dom_phone} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
            phone2 = f"0{dom_phone} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        else:
            postcode = fake.postcode()
            suffix = _pick(rng, ("", " bis", " ter"))
            street = f"{int(rng.integers(1, 200))}{suffix} {fake.street_name()}"
            address = _pick(
                rng,
                (
                    f"{street}, {postcode} {city}",
                    f"{street}, BP {_d(rng, 3)}, {postcode} {city} CEDEX",
                    f"lieu-dit {fake.last_name()}, {postcode} {city}",
                ),
            )
            phone, phone2 = format_phone("fr", rng, int(rng.integers(6))), format_phone("fr", rng, int(rng.integers(6)))
        inst = _pick(
            rng,
            (
                f"CHU de {city}",
                f"CHR de {city}",
                f"CH {fake.last_name()}",
                f"GHU {city}-Nord",
                f"Clinique Saint-{fake.first_name()}",
                f"EHPAD Les {_pick(rng, ('Glycines', 'Tilleuls', 'Magnolias'))}",
                f"SSR {_pick(rng, ('Le Belvédère', 'Les Capucins', 'Ker Anna'))}",
                f"Groupe Imagerie {city} Sud",
                f"Cabinet de radiologie des {_pick(rng, ('Halles', 'Remparts', 'Lices'))}",
            ),
        )
        gp_practice = f"Maison de santé {_pick(rng, ('des Lilas', 'du Port', 'Pasteur'))}"
        gp_address = f"{int(rng.integers(1, 120))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        email_local = f"{_slug(rad_first)}.{_slug(rad_last)}"
        domain = f"{_pick(rng, ('chu', 'ch', 'imagerie'))}-{_slug(city.replace(' ', '-'))}.fr"
        email = _pick(
            rng,
            (
                f"{email_local} [at] {domain}",
                f"secretariat(at){domain}",
                f"{_slug(rad_first)[0]}.{_slug(rad_last)} arobase {domain.replace('.fr', ' point fr')}",
            ),
        )
        url = _pick(rng, (f"www.{domain}/resultats?id={_d(rng, 7)}", f"resultats.{domain}/p/{_d(rng, 5)}"))
        title = ("M. " if male else "Mme ") if kind.startswith("patient") else ""
    else:
        if uk:
            flat = _pick(rng, (f"Flat {int(rng.integers(1, 9))}, ", ""))
            address = f"{flat}{_street(fake)}, {city} {fake.postcode()}"
            phone = f"+44 {int(rng.integers(113, 200))} {_d(rng, 3)} {_d(rng, 4)}"
            phone2 = f"0{int(rng.integers(113, 200))} {_d(rng, 3)} {_d(rng, 4)}"
            inst = _pick(
                rng,
                (f"{city} Hospitals NHS Foundation Trust", f"Royal {city} Infirmary", f"{city} and District NHS Trust"),
            )
            gp_practice = f"The {_pick(rng, ('Limes', 'Elms', 'Beeches'))} Surgery"
            gp_address = f"{_street(fake)}, {fake.city()} {fake.postcode()}"
            nat_id_name, nat_id = "NHS No", nhs_number(rng)
            prof_id_name, prof_id = "GMC", f"{int(rng.integers(2, 8))}{_d(rng, 6)}"
        else:
            address = f"{_street(fake)}, {city}, {fake.state_abbr()} {fake.zipcode()}"
            phone, phone2 = format_phone("en", rng, int(rng.integers(5))), format_phone("en", rng, int(rng.integers(5)))
            inst = _pick(
                rng, (f"{city} Medical Center", f"{fake.last_name()} Memorial Hospital", f"{city} Imaging Associates")
            )
            gp_practice = f"{fake.last_name()} Family Medicine"
            gp_address = f"{_street(fake)}, {fake.city()}, {fake.state_abbr()} {fake.zipcode()}"
            area = int(rng.integers(1, 666))
            nat_id_name, nat_id = "SSN", f"{area:03d}-{int(rng.integers(1, 100)):02d}-{int(rng.integers(1, 10000)):04d}"
            npi_body = f"1{_d(rng, 8)}"
            prof_id_name, prof_id = "NPI", npi_body + luhn_digit("80840" + npi_body)
        title = ("Mr " if male else "Mrs ") if kind == "patient" else "baby " if kind == "infant" else ""
        domain = f"{_slug(city.replace(' ', ''))}-imaging.{'nhs.uk' if uk else 'org'}"
        email = _pick(
            rng,
            (
                f"{_slug(rad_first)[0]}.{_slug(rad_last)} [at] {domain}",
                f"radiology.reports (at) {domain.replace('.', ' [dot] ', 1)}",
            ),
        )
        url = _pick(rng, (f"portal.{domain}/share?acc={_d(rng, 8)}", f"www.{domain}/images/{_d(rng, 6)}"))

    dfmt = [int(x) for x in rng.integers(0, 7, size=4)]
    dob_num = format_date(birth, lang, 0)
    month_names = MONTHS_FR if fr else MONTHS_EN
    prior_partial = _pick(rng, (f"{month_names[prior.month - 1]} {prior.year}", f"{prior.month:02d}/{prior.year}"))
    rpps_body = f"10{_d(rng, 8)}"
    finess_body = f"{int(rng.integers(1, 96)):02d}{_d(rng, 6)}"
    rel_n = int(rng.integers(2, 12))
    slots: Slots = {
        "patient": (f"{first} {last}", "PATIENT"),
        "PATIENT": (f"{last.upper()} {first.upper()}" if fr else f"{last.upper()}, {first.upper()}", "PATIENT"),
        "patient_dict": (f"{last} {first}" if fr else f"{first} {last}", "PATIENT"),
        "spelled": (" ".join(ch for ch in last.upper() if ch.isalpha()), "PATIENT"),
        "patient_ocr": (ocr(f"{last.upper()} {first}" if fr else f"{last.upper()}, {first}", rng), "PATIENT"),
        "relative": (f"{rel_first} {rel_last}", "PERSON"),
        "radiologist": (radiologist, "PERSON"),
        "RADIOLOGIST": (radiologist.upper(), "PERSON"),
        "radiologist_ocr": (ocr(radiologist, rng), "PERSON"),
        "gp": (f"{gp_first} {gp_last}", "PERSON"),
        "gp_last": (gp_last, "PERSON"),
        "technician": (_pick(rng, (f"{tech_first} {tech_last}", f"{_initials(tech_first)} {tech_last}")), "PERSON"),
        "dob": (format_date(birth, lang, dfmt[0]), "DATE"),
        "dob_ocr": (ocr_date(dob_num, rng), "DATE"),
        "dob_words": (date_in_words(birth, lang), "DATE"),
        "exam_date": (format_date(exam, lang, dfmt[1]), "DATE"),
        "exam_words": (date_in_words(exam, lang), "DATE"),
        "prior_date": (format_date(prior, lang, dfmt[2]), "DATE"),
        "prior_partial": (prior_partial, "DATE"),
        "sign_date": (format_date(sign, lang, dfmt[3]).upper(), "DATE"),
        "sign_words": (date_in_words(sign, lang), "DATE"),
        "age": (age, "AGE"),
        "age_short": (age_short, "AGE"),
        "inst": (inst, "INSTITUTION"),
        "INST": (inst.upper(), "INSTITUTION"),
        "inst_ocr": (ocr(inst, rng), "INSTITUTION"),
        "gp_practice": (gp_practice, "INSTITUTION"),
        "address": (address, "LOCATION"),
        "ADDRESS": (address.upper(), "LOCATION"),
        "address_ocr": (ocr(address, rng), "LOCATION"),
        "gp_address": (gp_address, "LOCATION"),
        "phone": (phone, "PHONE"),
        "phone2": (phone2, "PHONE"),
        "gp_phone": (format_phone(lang, rng, int(rng.integers(5))) if not uk else phone2, "PHONE"),
        "email_obf": (email, "EMAIL"),
        "url": (url, "URL"),
        "ins": (format_nir(male, birth, rng, spaced=True), "ID"),
        "ipp": (_d(rng, int(rng.integers(7, 11))), "ID"),
        "ipp2": (_d(rng, int(rng.integers(7, 11))), "ID"),
        "stay": (_pick(rng, (f"{exam.year}-{_d(rng, 7)}", f"S{exam.year % 100}{_d(rng, 6)}", _d(rng, 9))), "ID"),
        "accession": (
            _pick(
                rng, (f"RX.{exam.year % 100}.{_d(rng, 6)}", f"{exam.year % 100}-XR-{_d(rng, 6)}", f"ACC{_d(rng, 9)}")
            ),
            "ID",
        ),
        "rpps": (rpps_body + luhn_digit(rpps_body), "ID"),
        "adeli": (f"{_d(rng, 2)} {int(rng.integers(1, 10))} {_d(rng, 5)} {int(rng.integers(10))}", "ID"),
        "finess": (finess_body + luhn_digit(finess_body), "ID"),
        # unlabelled: titles, kinds, relations, traps
        "title": (title, None),
        "age_intro": (age_intro, None),
        "kind_cap": (kind.capitalize(), None),
        "kin": (kin, None),
        "rel_day": (
            _pick(
                rng,
                (f"J+{rel_n}", f"à J{rel_n} post-opératoire", "hier soir")
                if fr
                else (f"day {rel_n} post-op", "yesterday", f"{rel_n} weeks after surgery"),
            ),
            None,
        ),
        "rel_ago": (
            _pick(
                rng,
                (f"il y a {rel_n} jours", f"il y a {fr_number(rel_n)} semaines", "la semaine dernière")
                if fr
                else (f"{rel_n} days ago", "last week", f"{en_number(rel_n)} weeks ago"),
            ),
            None,
        ),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "drug": (_pick(rng, DRUGS_FR if fr else DRUGS_EN), None),
        "device": (_pick(rng, DEVICES), None),
        "kv": (
            f"{int(rng.integers(50, 125))} kV {rng.uniform(0.8, 12):.1f} mAs".replace(".", "," if fr else "."),
            None,
        ),
        "dose": (
            f"{rng.uniform(0.05, 3):.2f} Gy.cm²".replace(".", ",", 1) if fr else f"{rng.uniform(20, 400):.0f} mGy.cm",
            None,
        ),
        "levels": (_pick(rng, LEVELS), None),
        "ccam": (_pick(rng, CCAM), None),
        "icd": (_pick(rng, ICD), None),
        "loinc": (_pick(rng, ("36643-5", "37637-6", "24641-3")), None),
        "cpt": (_pick(rng, ("73110", "71046", "73610")), None),
    }
    if not fr:
        slots["nat_id_name"] = (nat_id_name, None)
        slots["nat_id"] = (nat_id, "ID")
        slots["prof_id_name"] = (prof_id_name, None)
        slots["prof_id"] = (prof_id, "ID")
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
