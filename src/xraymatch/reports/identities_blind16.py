"""Blind16 template family: the patient named among other people and things - the proband of a genetic pedigree
among named relatives with their ages and years of death (a twin, "famille MARTIN" / "the MARTIN family"), a
Teams-like channel between clinicians (display names with their department, @mentions, reactions, "(modifié)"),
scanned paper forms read by OCR (blank underscores, "[x] F [ ] M" boxes, values on the line below their label),
a team doctor's notes (squad numbers, clubs, training camps), home visits where the patient's pet is named beside
them, messaging ids the patient gives (Telegram @handle, Signal username), rural and remote addresses (lieu-dit,
hameau, BP/CS boxes, 971/972/974 postcodes, c/o addresses, BFPO, Irish townlands and Eircodes), hospital-day
dates ("J3 post-op", "POD 5", "D-2"), and second-opinion requests from Hungary, China and Korea with the names in
family-given order beside a romanisation variant ("WANG Xiaoming" / "Wang Hsiao-ming"), with their national
numbers: Hungarian TAJ (check digit, weights 3/7), Chinese resident id (ISO 7064 MOD 11-2) and Irish PPSN (mod 23
check letter).

Written by an independent auditor who never read the detector (reports/deid/), for a sixteenth blind estimate of
how it generalises. No "Patient:" label: the patient is a "cas index", a mention in a chat, a value under "NOM",
a squad player, a pet's owner, a name in foreign order.

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions:
- The proband of a pedigree is PATIENT; every relative (parents, twin, cousins) is PERSON, by name or first name
  alone; relatives' ages ("décédé à 54 ans", "61 years old", the number of "aged 59" as in blind11/blind12) are AGE
  like the patient's (Safe Harbor lists the relatives' identifiers too); a year of death alone is not a DATE (the
  year rule); pedigree positions ("II-3", "III-2") are not labelled. A family named by the patient's surname
  ("famille MARTIN", "the Martin family") is that surname, PATIENT, the word "famille"/"family" outside.
- Chat: display names are PERSON (PATIENT if the patient wrote), the department in brackets after a display name is
  INSTITUTION only when it names a hospital; an @mention built from a name is that person's label, "@" outside
  (blind6's rule); times, "(modifié)", "(edited)", reactions and emoji are not labelled.
- A messaging id the patient gives: a Telegram/Signal username built from their name is PATIENT (the login rule); an
  opaque username that contains no name ("marmotte.42") is ID (a unique code pointing to one person); a messaging
  number is PHONE.
- OCR forms: only filled values are labelled; empty underscores, ticked boxes ("[x] F") and field words are not.
- Sports medicine: the club is INSTITUTION (round-6 scope), the training-camp town LOCATION; a squad number
  ("n° 9", "no. 14") is NOT labelled (like a room or bed number, it points to the player only through the club,
  which is already masked); a sports licence number is ID.
- A pet's name ("son chien Caramel", "her cat Oscar") is NOT labelled: Safe Harbor and CNIL name persons, not
  animals; it is a trap when it is also a human first name.
- Addresses: a rural or postal address is one LOCATION span with its lieu-dit/hameau, BP/CS box, postcode and town
  ("lieu-dit Kerbastard, 56310 Bubry"); an Eircode is LOCATION inside its address; "BFPO 57" is LOCATION (a forces
  postal address); in "c/o NAME, address" the carer is PERSON and "c/o" outside.
- Hospital-day dates ("J3 post-op", "POD 5", "D-2", "3 jours après l'admission") are NOT DATE: they carry no
  calendar day (the admission date beside them is DATE and is labelled where written).
- Names in family-given order ("NAGY Katalin", "WANG Xiaoming") and their romanisation variants ("Nagy Katalin" /
  "Katalin Nagy" without accents, "Wang Hsiao-ming", "Gim Min-jun") are each ONE PATIENT span (the whole name as
  written); a foreign hospital is INSTITUTION even when named after a person ("Semmelweis").
- National numbers of other countries (TAJ, Chinese resident id, PPSN) are ID, one span with their blanks; the name
  of the scheme is outside. Foreign phone numbers are PHONE, "+" included.
- NOT identifiers (traps): gene and variant names (BRCA1 c.68_69delAG, HLA-B27), software and firmware versions,
  eponyms, scores and classifications, drugs and lot numbers, times and durations, room and box numbers,
  measurement series, squad numbers, pet names, pedigree positions, hospital-day counts, years of death.
`blind16_draw(lang, rng)` returns (slots, templates) like `blind15_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _ascii, _d, _pick, _slug
from xraymatch.reports.identities_blind9 import china_id_check as china_id_digit

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Consultation d'oncogénétique - arbre familial\nCas index (III-2) : {first} {LAST}, {age}\nII-1 père "
            "{relative}, décédé en {death_year} à {relative_age} ; III-3 sœur jumelle {twin}\nVariant familial "
            "{variant} (famille {LAST})\n",
            "Canal #imagerie-urgences (Teams)\n[{time}] {chat_doc} ({dept}) : @{chat_handle} tu peux regarder le "
            "bassin de {first} {LAST} ({age}) ? box {box}\n[{time2}] {chat_reader} a réagi 👍\n[{time2}] "
            "{chat_reader} : vu, rien d'aigu (modifié)\n",
            "FICHE DE RENSEIGNEMENTS (document scanné, OCR)\nNOM :                PRÉNOM :\n{LAST}              "
            "{first}\nNom de naissance : ____________   Sexe : [x] F  [ ] M\nDate de naissance :\n{dob}\n",
            "Notes du médecin d'équipe - {club}\nJoueur n° {squad} : {first} {LAST}, {age}, blessé au stage de "
            "préparation de {camp}\n",
            "Visite à domicile : {first} {LAST} ({age}) vit seul(e) avec son chien {pet} ; bascule en se levant "
            "du fauteuil.\n",
            "Demande de second avis de {foreign_institution} : {fg_name} (translittération {fg_variant}), {age}\n"
            "Médecin demandeur : {foreign_doctor}, {foreign_phone}\n",
        ],
        [
            "IPP {ipp} - tél. {phone} - Telegram @{pt_handle}\n",
            "Licence fédérale {licence} ; portable {phone}\n",
            "Entrée le {admit_date} ({rel_day}), contrôle prévu le {exam_date} ; dossier {ipp}\n",
            "Signal : {opaque_handle} ; fixe {phone}\n",
            "{foreign_scheme} {foreign_id}\n",
        ],
        [
            "Service demandeur : {institution}, {inst_address}\n",
            "Correspondance : c/o {carer}, {rural_address}\n",
            "Domicile : {rural_address}\n",
            "Clichés déposés sur {url}\n",
        ],
    ],
    "pre": [
        [
            "Éléments techniques : {variant} ; {hla} ; {software} ; {eponym} ; {classif} ; {drug} (lot {lot}) ; "
            "durée {duration} ; série {measure} ; salle {room}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nLu et signé : {radiologist} ({email}), {institution}\n",
            "\n{radiologist} - {institution} - {url}\n",
            "\nRéponse par messagerie sécurisée : {email} ; secrétariat {phone}\n",
        ],
        [
            "Pièce versée au dossier {ipp} le {exam_date}\n",
            "Double à {referrer}, {town}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "Cancer genetics clinic - pedigree\nProband (III-2): {first} {LAST}, {age}\nII-1 father {relative}, died "
            "in {death_year}, {relative_age}; III-3 twin sister {twin}\nFamilial variant {variant} (the {LAST} "
            "family)\n",
            "#ed-imaging channel (Teams)\n[{time}] {chat_doc} ({dept}): @{chat_handle} can you look at {first} "
            "{LAST}'s pelvis ({age})? cubicle {box}\n[{time2}] {chat_reader} reacted 👍\n[{time2}] {chat_reader}: "
            "seen, nothing acute (edited)\n",
            "REGISTRATION FORM (scanned, OCR)\nSURNAME:              FORENAME:\n{LAST}              {first}\n"
            "Maiden name: ____________   Sex: [x] F  [ ] M\nDate of birth:\n{dob}\n",
            "Team doctor's notes - {club}\nSquad no. {squad}: {first} {LAST}, {age}, injured at the training camp in "
            "{camp}\n",
            "Home visit: {first} {LAST} ({age}) lives alone with her dog {pet}; unsteady getting out of the chair.\n",
            "Second-opinion request from {foreign_institution}: {fg_name} (romanised {fg_variant}), {age}\n"
            "Referring doctor: {foreign_doctor}, {foreign_phone}\n",
        ],
        [
            "MRN {ipp} - tel. {phone} - Telegram @{pt_handle}\n",
            "Player registration {licence}; mobile {phone}\n",
            "Admitted {admit_date} ({rel_day}), check film due {exam_date}; record {ipp}\n",
            "Signal: {opaque_handle}; landline {phone}\n",
            "{foreign_scheme} {foreign_id}\n",
        ],
        [
            "Requesting unit: {institution}, {inst_address}\n",
            "Correspondence: c/o {carer}, {rural_address}\n",
            "Home: {rural_address}\n",
            "Images uploaded to {url}\n",
        ],
    ],
    "pre": [
        [
            "Technical notes: {variant}; {hla}; {software}; {eponym}; {classif}; {drug} (lot {lot}); duration "
            "{duration}; series {measure}; room {room}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nRead and signed: {radiologist} ({email}), {institution}\n",
            "\n{radiologist} | {institution} | {url}\n",
            "\nReplies by secure messaging: {email}; office {phone}\n",
        ],
        [
            "Filed to record {ipp} on {exam_date}\n",
            "cc (GP): {referrer}, {town}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

INSTITUTIONS_FR = ("CHU de Pointe-à-Pitre", "CHU de La Réunion", "Centre Eugène Marquis", "CH de Pontivy")
INSTITUTIONS_EN = ("Cork University Hospital", "Mayo University Hospital", "Beaumont Hospital", "Ninewells Hospital")
DEPTS_FR = ("CHU de Rennes", "Hôpital Sud", "CH de Lannion")
DEPTS_EN = ("St James's Hospital", "Tallaght University Hospital", "Galway Clinic")
CLUBS_FR = ("Stade Rennais FC", "Union Bordeaux Bègles", "Vannes Rugby", "JS Saint-Pierroise")
CLUBS_EN = ("Ballyboden St Enda's GAA", "Munster Rugby", "Shamrock Rovers FC", "Cork City FC")
LIEUX_FR = ("Kerbastard", "Coat-Guégan", "Penhoët", "la Ville-Hervé")
DOM_FR = (("97100", "Basse-Terre"), ("97200", "Fort-de-France"), ("97400", "Saint-Denis"), ("97410", "Saint-Pierre"))
TOWNLANDS_EN = ("Ballyvourney", "Knockananna", "Derrylahan", "Coolcullen")
COUNTIES_EN = ("Co. Cork", "Co. Wicklow", "Co. Leitrim", "Co. Kilkenny")
EIRCODE_KEYS = ("P12", "A67", "N41", "R95", "D02", "H91")
EIRCODE_CHARS = "0123456789ACDEFHKNPRTVWXY"
# Second opinions: (country, institution, phone prefix) and names in family-given order with a variant.
FOREIGN = {
    "HU": ("Semmelweis Egyetem Klinikai Központ", "+36 1"),
    "CN": ("Peking Union Medical College Hospital", "+86 10"),
    "KR": ("Seoul National University Hospital", "+82 2"),
}
CN_NAMES = (("WANG", "Wang", "Xiaoming", "Hsiao-ming"), ("ZHANG", "Chang", "Zhiqiang", "Chih-chiang"),
            ("ZHOU", "Chou", "Jianguo", "Chien-kuo"), ("CHEN", "Ch'en", "Xiuying", "Hsiu-ying"))  # fmt: skip
KR_NAMES = (("KIM", "Gim", "Min-jun", "Minjun"), ("LEE", "Yi", "Seo-yeon", "Seoyeon"),
            ("PARK", "Bak", "Ji-woo", "Jiwoo"), ("CHOI", "Choe", "Ha-eun", "Haeun"))  # fmt: skip
SCHEMES = {"fr": {"CN": "carte d'identité chinoise n°", "KR": "dossier SNUH n°", "HU": "n° TAJ"},
           "en": {"CN": "PRC resident ID", "KR": "SNUH no.", "HU": "TAJ no."}}  # fmt: skip
HU_DOCTORS = ("Dr. Szabó Gergely", "Dr. Horváth Ildikó")
CN_DOCTORS = ("Dr. LIU Wei", "Dr. SUN Li")
KR_DOCTORS = ("Dr. JUNG Soo-ah", "Dr. YOON Dae-ho")
# Traps.
PETS = ("Caramel", "Oscar", "Filou", "Bella", "Max", "Praline")
VARIANTS = ("BRCA1 c.68_69delAG", "BRCA2 c.5946delT", "MLH1 c.350C>T", "PALB2 c.3113G>A")
HLA = ("HLA-B27 positif", "HLA-DR4", "HLA-B*57:01")
SOFTWARE = ("Philips IntelliSpace 11.1", "Horos 3.3.6", "firmware DR-7.4.0", "Sectra IDS7 24.1")
EPONYMS_FR = ("fracture de Maisonneuve", "syndrome de Tietze", "maladie d'Osgood-Schlatter", "encoche de Hill-Sachs")
EPONYMS_EN = ("Maisonneuve fracture", "Tietze syndrome", "Osgood-Schlatter disease", "Segond fracture")
CLASSIF = ("Bosniak IIF", "Neer 3", "Schatzker II", "BI-RADS 4a", "Frankel D", "ASIA C")
DRUGS = ("iomeprol 400", "kétoprofène 100 mg", "tramadol 50 mg", "gadotérate 0,5 mmol/ml")
DRUGS_EN = ("iomeprol 400", "ketoprofen 100 mg", "tramadol 50 mg", "gadoterate 0.5 mmol/ml")
MEASURES = ("18 / 22 / 25 mm", "3,1 x 2,4 cm", "7-9-12 mm", "0,8 ; 1,1 ; 1,4 cm")
DURATIONS = ("4 min 12 s", "45 min", "2 h 10")
REL_DAYS_FR = ("J3 post-op", "J-2 de la chirurgie", "3 jours après l'admission", "J+10")
REL_DAYS_EN = ("POD 5", "D-2 before surgery", "day 3 of admission", "3 days post-op")

# --------------------------------------------------------------------------------------------------- check digits


def ppsn_check(digits7: str) -> str:
    """The check letter of an Irish PPSN: weights 8..2 over the 7 digits, sum mod 23, 0 -> "W", n -> n-th letter."""
    if len(digits7) != 7 or not digits7.isdigit():
        raise ValueError(f"ppsn_check: expected 7 digits, got {digits7!r}")
    total = sum(int(c) * (8 - i) for i, c in enumerate(digits7)) % 23
    return "W" if total == 0 else chr(ord("A") + total - 1)


def taj_check(digits8: str) -> str:
    """The check digit of a Hungarian TAJ (social-insurance) number: odd places x3, even places x7, sum mod 10."""
    if len(digits8) != 8 or not digits8.isdigit():
        raise ValueError(f"taj_check: expected 8 digits, got {digits8!r}")
    return str(sum(int(c) * (3 if i % 2 == 0 else 7) for i, c in enumerate(digits8)) % 10)


def china_id_check(digits17: str) -> str:
    """The check character of an 18-character Chinese resident id (ISO 7064 MOD 11-2, "X" for 10)."""
    if len(digits17) != 17 or not digits17.isdigit():
        raise ValueError(f"china_id_check: expected 17 digits, got {digits17!r}")
    return china_id_digit(digits17)


def eircode(rng: np.random.Generator) -> str:
    """An Irish Eircode: a routing key and a four-character unique identifier from its restricted alphabet."""
    unique = "".join(EIRCODE_CHARS[int(i)] for i in rng.integers(0, len(EIRCODE_CHARS), 4))
    if unique[0].isdigit():
        unique = "K" + unique[1:]  # unique identifiers start with a letter
    return f"{_pick(rng, EIRCODE_KEYS)} {unique}"


def _foreign(country: str, rng: np.random.Generator, birth: dt.date, fake_hu: Any) -> tuple[str, str, str, str]:
    """(name in family-given order, a romanisation variant, country code, national number) of a foreign patient."""
    if country == "HU":
        family, given = fake_hu.last_name(), fake_hu.first_name_female()
        variant = _pick(rng, (f"{_ascii(family)} {_ascii(given)}", f"{_ascii(given)} {_ascii(family)}"))
        body = _d(rng, 8)
        return f"{family.upper()} {given}", variant, "HU", f"{body[:3]} {body[3:6]} {body[6:]}{taj_check(body)}"
    if country == "CN":
        fam, fam_wg, given, given_wg = _pick(rng, CN_NAMES)
        body = f"{_pick(rng, ('110105', '310104', '440106'))}{birth:%Y%m%d}{_d(rng, 3)}"
        return f"{fam} {given}", f"{fam_wg} {given_wg}", "CN", body + china_id_check(body)
    fam, fam_var, given, given_var = _pick(rng, KR_NAMES)
    return f"{fam} {given}", f"{fam_var} {given_var}", "KR", _d(rng, 8)


def _rural_address(lang: str, rng: np.random.Generator, fake: Any) -> str:
    """A rural, overseas or postal-box address written as one LOCATION."""
    if lang == "fr":
        kind = int(rng.integers(4))
        if kind == 0:
            return f"lieu-dit {_pick(rng, LIEUX_FR)}, {fake.postcode()} {fake.city()}"
        if kind == 1:
            return f"hameau de {_pick(rng, LIEUX_FR)}, {fake.postcode()} {fake.city()}"
        postcode, town = _pick(rng, DOM_FR)
        box = f"BP {int(rng.integers(10, 999))}" if kind == 2 else f"CS {_d(rng, 5)}"
        return f"{int(rng.integers(1, 60))} rue {fake.last_name()}, {box}, {postcode} {town}"
    kind = int(rng.integers(3))
    if kind == 0:
        return f"{_pick(rng, TOWNLANDS_EN)}, {_pick(rng, COUNTIES_EN)}, {eircode(rng)}"
    if kind == 1:
        return f"{int(rng.integers(1, 90))} {fake.street_name()}, {fake.city()}, {eircode(rng)}"
    return f"BFPO {int(rng.integers(1, 60))}"


# --------------------------------------------------------------------------------------------------- draw


def blind16_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_IE")
    fake.seed_instance(int(rng.integers(2**31)))
    fake_hu: Any = _faker("hu_HU")
    fake_hu.seed_instance(int(rng.integers(2**31)))

    first, last = fake.first_name_female(), fake.last_name()
    used = {last}

    def surname() -> str:
        while True:
            s = fake.last_name()
            if s not in used and " " not in s:
                used.add(s)
                return s

    LAST = last.upper() if rng.random() < 0.5 else last
    staff = {k: f"{fake.first_name()} {surname()}" for k in ("referrer", "chat_doc", "chat_reader", "carer",
                                                              "radiologist")}  # fmt: skip
    staff["relative"] = f"{fake.first_name_male()} {LAST}"  # the proband's father
    reader_first, reader_last = staff["chat_reader"].split(" ", 1)
    r_first, r_last = staff["radiologist"].split(" ", 1)

    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(16 * 365, 92 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    admit = exam - dt.timedelta(days=int(rng.integers(2, 15)))
    rel_years = int(rng.integers(40, 90))
    country = str(_pick(rng, tuple(FOREIGN)))
    fg_name, fg_variant, scheme, foreign_id = _foreign(country, rng, birth, fake_hu)
    scheme = SCHEMES[lang][scheme]
    foreign_institution, foreign_prefix = FOREIGN[country]
    foreign_doctor = _pick(rng, {"HU": HU_DOCTORS, "CN": CN_DOCTORS, "KR": KR_DOCTORS}[country]).split(" ", 1)[1]
    if fr:
        age, relative_age = f"{years} ans", f"{rel_years} ans"
        phone = _pick(rng, (f"06 {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}",
                            f"+590 690 {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}",
                            f"+262 692 {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"))  # fmt: skip
        domain = _pick(rng, ("chu-guadeloupe.fr", "chu-reunion.fr", "ch-centre-bretagne.fr"))
        inst_address = f"{int(rng.integers(1, 200))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        licence = f"{_d(rng, 10)}"
        ipp = _d(rng, 9)
    else:
        age = _pick(rng, (f"{years} yo", f"{years} years old", f"{years}y"))
        relative_age = f"{rel_years} years old"
        phone = _pick(rng, (f"+353 87 {_d(rng, 3)} {_d(rng, 4)}", f"087 {_d(rng, 3)} {_d(rng, 4)}",
                            f"(021) 4{_d(rng, 2)} {_d(rng, 4)}"))  # fmt: skip
        domain = _pick(rng, ("hse.ie", "beaumont.ie", "nhs.scot"))
        inst_address = f"{fake.street_name()}, {fake.city()}, {eircode(rng)}"
        licence = f"IRFU-{_d(rng, 6)}"
        digits = _d(rng, 7)
        ipp = _pick(rng, (_d(rng, 8), f"{digits}{ppsn_check(digits)}"))
    handle_sep = _pick(rng, ("_", ".", ""))
    slots: Slots = {
        # the patient, named among others
        "first": (first, "PATIENT"),
        "LAST": (LAST, "PATIENT"),
        "pt_handle": (f"{_slug(first)}{handle_sep}{_slug(last)}{_d(rng, 2)}", "PATIENT"),
        "fg_name": (fg_name, "PATIENT"),
        "fg_variant": (fg_variant, "PATIENT"),
        # other persons
        **{k: (v, "PERSON") for k, v in staff.items()},
        "twin": (fake.first_name_female(), "PERSON"),
        "chat_handle": (f"{_slug(reader_first)[0]}{_slug(reader_last)}", "PERSON"),
        "foreign_doctor": (foreign_doctor, "PERSON"),
        # dates and ages
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "dob": (format_date(birth, lang, int(rng.integers(7))), "DATE"),
        "admit_date": (format_date(admit, lang, int(rng.integers(7))), "DATE"),
        "age": (age, "AGE"),
        "relative_age": (relative_age, "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS_FR if fr else INSTITUTIONS_EN), "INSTITUTION"),
        "dept": (_pick(rng, DEPTS_FR if fr else DEPTS_EN), "INSTITUTION"),
        "club": (_pick(rng, CLUBS_FR if fr else CLUBS_EN), "INSTITUTION"),
        "foreign_institution": (foreign_institution, "INSTITUTION"),
        "rural_address": (_rural_address(lang, rng, fake), "LOCATION"),
        "inst_address": (inst_address, "LOCATION"),
        "camp": (fake.city(), "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "foreign_phone": (f"{foreign_prefix} {_d(rng, 4)} {_d(rng, 4)}", "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last)}@{domain}", "EMAIL"),
        "url": (f"https://partage.{domain}/dossiers/{_d(rng, 6)}?k={_d(rng, 4)}", "URL"),
        # numbers
        "ipp": (ipp, "ID"),
        "licence": (licence, "ID"),
        "foreign_id": (foreign_id, "ID"),
        "opaque_handle": (f"{_pick(rng, ('marmotte', 'kitesurf', 'lapin_bleu', 'nightowl'))}.{_d(rng, 2)}", "ID"),
        # unlabelled: field words and traps
        "foreign_scheme": (scheme, None),
        "death_year": (str(exam.year - int(rng.integers(2, 30))), None),
        "squad": (str(int(rng.integers(1, 40))), None),
        "pet": (_pick(rng, PETS), None),
        "rel_day": (_pick(rng, REL_DAYS_FR if fr else REL_DAYS_EN), None),
        "variant": (_pick(rng, VARIANTS), None),
        "hla": (_pick(rng, HLA), None),
        "software": (_pick(rng, SOFTWARE), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "drug": (_pick(rng, DRUGS if fr else DRUGS_EN), None),
        "lot": (f"{_pick(rng, 'KTV')}{_d(rng, 3)}-{_d(rng, 2)}", None),
        "measure": (_pick(rng, MEASURES), None),
        "duration": (_pick(rng, DURATIONS), None),
        "time": (f"{int(rng.integers(7, 12)):02d}:{int(rng.integers(60)):02d}", None),
        "time2": (f"{int(rng.integers(12, 20)):02d}:{int(rng.integers(60)):02d}", None),
        "box": (str(int(rng.integers(1, 30))), None),
        "room": (f"{_pick(rng, 'ABC')}{int(rng.integers(1, 9))}", None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
