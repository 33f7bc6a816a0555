"""Blind15 template family: the patient named by paperwork around the exam rather than by a field - first-person
access requests under GDPR art. 15 / UK subject access ("I, ..., request copies of my images"), quoted e-mail reply
chains (the "Le lun. 3 mars 2025 à 14:02, X <x@...> a écrit :" attribution line, '>' quote levels, signatures with
mobile numbers), name changes (birth name beside the married or usage name, a previous first name beside the current
one), legal protection (curatelle/tutelle with a court-appointed mandataire, lasting power of attorney), care-home
transfer sheets (résident(e), chambre), night teleradiology read in another time zone (UTC timestamp, local date on
D+1), research exports meant to be pseudonymised with one leaked column (record id, sex, age, date offset), unedited
speech recognition splitting names ("docteur Mar tin"), infant ages in days, weeks and months, date ranges, month-
years and week numbers, and francophone identifiers from outside France with their phone formats: Swiss AVS
(EAN-13 check digit, +41), Belgian NISS (mod 97, +32), Luxembourg matricule (Luhn + Verhoeff, +352), Québec RAMQ
(+1 514) and Senegalese CNI (+221).

Written by an independent auditor who never read the detector (reports/deid/), for a fifteenth blind estimate of how
it generalises. No "Patient:" label: the patient is "je soussignée", the subject of a quoted question, a "résident",
a "personne protégée", a CSV row.

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions:
- Every name the patient has or had is PATIENT: birth name and married/usage name ("GUILLOU née LE BRIS" = two spans,
  "née"/"épouse"/"formerly"/"ép." outside), and a previous first name (deadname) beside the current one.
- The writer of a first-person request is the patient (PATIENT); a mandataire judiciaire, a tutor, an attorney under
  a power of attorney, care-home nurses and e-mail correspondents are PERSON. Guardianship associations (UDAF,
  ATMP), law firms, care homes (EHPAD) and teleradiology companies are INSTITUTION (round-6 scope: they point to
  one person). The kind of measure ("curatelle renforcée", "LPA health and welfare") is not labelled.
- A name split or mangled by speech recognition ("Mar tin", "Le Fèvre" for Lefèvre) is ONE span of its person, the
  inner blank included.
- E-mail attribution line: the date is DATE with the weekday outside ("lun." / "Mon,"), the time outside; display
  name PERSON (or PATIENT), address EMAIL, angle brackets outside. The patient's own e-mail is EMAIL like any other.
- Teleradiology in two zones: both calendar dates are DATE (the UTC one of "2024-03-12T23:40Z" is its calendar part,
  ISO convention); times, "UTC+11" and "J+1"/"D+1" are not labelled.
- Date ranges: a range inside one month ("du 3 au 5 mars 2024", "3-5 March 2024") is ONE DATE span from its first
  day to its year (splitting it would leave a bare day); a range over two months is two DATE spans. A month-year is
  DATE; a week number with its year ("S12-2024", "wk 12/2024") is DATE; "fin 2023" / "late 2023" (a year alone with a
  vague word) is NOT.
- Research exports: the record id (REDCap-like "03-0117") is ID (it links back through the key); the date offset
  ("+183 j"), sex and the age band are not labelled, the age in years is AGE; the leaked column is labelled as what it
  holds (a birth name is PATIENT).
- Infant ages in days ("9 jours de vie", "9 days old"), weeks ("7 semaines", "7 weeks old") and months ("5 mois",
  "5 months old") are AGE, "old" inside the span (the day-of-life convention).
- Foreign national numbers (AVS, NISS, matricule, RAMQ, CNI) are ID whatever their country, one span with their dots,
  dashes or blanks; the name of the scheme ("N° AVS") is outside. International phone numbers are PHONE, "+" included.
- NOT identifiers (traps): DICOM SOP Class and Transfer Syntax UIDs (standard constants naming a kind of object, the
  same in every hospital; an instance UID would be ID but is not planted here), software and firmware versions,
  RADS scores and classifications, eponyms, drugs, contrast lots, times, time zones, durations, room numbers,
  measurement series, date offsets, sex, relation words, the scheme names, weekday abbreviations.
`blind15_draw(lang, rng)` returns (slots, templates) like `blind14_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import MONTHS_EN, MONTHS_FR, _faker, format_date
from xraymatch.reports.identities_blind5 import _ascii, _d, _pick, _slug, ean13_digit, luhn_digit, verhoeff_digit

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Objet : droit d'accès (article 15 du RGPD) à mes images\nJe soussignée {first} {LAST}, née le {dob}, "
            "domiciliée {home_address}, vous prie de m'adresser mes clichés du {exam_date} à {pt_email}.\n",
            "Le {weekday} {reply_date} à {time}, {referrer} <{ref_email}> a écrit :\n> Tu peux relire le thorax de "
            "{usage_last} (née {birth_last}), {age} ?\n>> transmis par {nurse}, {ehpad}\n",
            "Personne protégée : {first} {LAST} - {protection} ; mandataire judiciaire : {mandataire}, {udaf}\n",
            "Fiche de liaison {ehpad} vers les urgences\nRésident(e) chambre {room} : Mme {usage_last} {first}, née "
            "{birth_last}, {age}\nIDE : {nurse}\n",
            "Télé-interprétation de nuit par {telerad_company} - demande horodatée {utc_date}T{time}Z, lue à "
            "{time_local} (UTC+11) soit J+1 le {local_date} par {telerad}, pour {LAST} {first}\n",
            "extrait_etude.csv (export « pseudonymisé »)\nrecord_id;sexe;age;decalage;nom_naissance\n{record_id};"
            "{sex};{age};{offset};{birth_last}\n",
            "[reconnaissance vocale, non relue] vu ce jour par le docteur {asr_doctor} madame {asr_patient} {age} "
            "adressée pour douleur\n",
            "Nourrisson de {infant_age}, {first} {LAST}, accompagné(e) de sa {relation} {relative}\n",
            "Prénom d'usage {first}, prénom à l'état civil antérieur {deadname}, nom {LAST}\n",
        ],
        [
            "{id_kind} {foreign_id} - joignable au {phone}\n",
            "Séjour du {date_range} ; contrôle en {month_year}, créneau {week_year}, bilan global fin {year_only}\n",
            "N° de dossier local {ipp}\n",
            "",
        ],
        [
            "Établissement demandeur : {institution} ({inst_address})\n",
            "Retour des images : {url}\n",
            "Ville de résidence : {town}\n",
        ],
    ],
    "pre": [
        [
            "Données techniques : {software} ; SOP Class {sop_class} ; syntaxe {transfer_syntax} ; {eponym} ; "
            "{classif} ; {drug}, lot {lot} ; mesures {measure} ; acquisition {duration}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\n-- \n{radiologist}\n{institution}\nPortable : {mobile}\n",
            "\nValidé par {radiologist} le {exam_date} (réponse : {email}).\n",
            "\nSuivi du dossier : {url}\n",
        ],
        [
            "Copie au médecin traitant {referrer}, {town}\n",
            "Lien sécurisé : {url}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "Re: subject access request\nI, {first} {LAST}, date of birth {dob}, of {home_address}, ask for copies of "
            "my X-ray images of {exam_date}; please reply to {pt_email}.\n",
            "On {weekday} {reply_date} at {time}, {referrer} <{ref_email}> wrote:\n> Could you look at the chest film "
            "of {usage_last} (née {birth_last}), {age}?\n>> passed on by {nurse}, {ehpad}\n",
            "Donee under a lasting power of attorney ({protection}): {mandataire} of {udaf}, acting for {first} "
            "{LAST}\n",
            "Care home transfer form - {ehpad} to ED\nResident in room {room}: {usage_last}, formerly {birth_last}, "
            "{first}, {age}\nNurse in charge: {nurse}\n",
            "Overnight teleradiology by {telerad_company}: request stamped {utc_date}T{time}Z, reported at "
            "{time_local} (UTC+11), D+1 i.e. {local_date}, by {telerad}, re {LAST} {first}\n",
            'study_export.tsv ("de-identified")\nrecord_id\tsex\tage\toffset\tmaiden_name\n{record_id}\t{sex}\t'
            "{age}\t{offset}\t{birth_last}\n",
            "[voice recognition, unedited] seen today by doctor {asr_doctor} missus {asr_patient} {age} sent in "
            "with pain\n",
            "Infant {infant_age}, {first} {LAST}, brought in by her {relation} {relative}\n",
            "Goes by {first} (previously registered as {deadname}) {LAST}\n",
        ],
        [
            "{id_kind} {foreign_id}, phone {phone}\n",
            "Admitted {date_range}; follow-up {month_year}, slot {week_year}, full review late {year_only}\n",
            "Unit number {ipp}\n",
            "",
        ],
        [
            "Requesting site: {institution} ({inst_address})\n",
            "Images returned via {url}\n",
            "Town of residence: {town}\n",
        ],
    ],
    "pre": [
        [
            "Technical: {software}; SOP Class {sop_class}; transfer syntax {transfer_syntax}; {eponym}; {classif}; "
            "{drug}, lot {lot}; measurements {measure}; scan time {duration}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\n-- \n{radiologist}\n{institution}\nMobile: {mobile}\n",
            "\nSigned off by {radiologist} on {exam_date} (replies: {email}).\n",
            "\nCase tracking: {url}\n",
        ],
        [
            "Copy to GP {referrer}, {town}\n",
            "Secure link: {url}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Per country: (scheme name (trap), institutions, the country's phone format maker key).
COUNTRIES_FR = ("CH", "BE", "LU", "QC", "SN")
COUNTRIES_EN = ("CH", "LU", "QC")
SCHEMES = {"CH": "N° AVS", "BE": "NISS", "LU": "Matricule", "QC": "RAMQ", "SN": "CNI"}
SCHEMES_EN = {"CH": "AHV/AVS no.", "LU": "Luxembourg national no.", "QC": "RAMQ card"}
INSTITUTIONS = {
    "CH": ("Hôpital du Valais", "Clinique de Genolier"),
    "BE": ("CHU Brugmann", "Clinique Saint-Pierre Ottignies"),
    "LU": ("Centre Hospitalier de Luxembourg", "Hôpitaux Robert Schuman"),
    "QC": ("CHUM", "Hôpital de Verdun"),
    "SN": ("Hôpital Principal de Dakar", "Hôpital Fann"),
}
EHPADS_FR = ("EHPAD Les Tilleuls", "Résidence Ker Maria", "EHPAD du Val Fleuri")
EHPADS_EN = ("Oakwood Lodge Care Home", "Beech House Nursing Home", "St Brigid's Residence")
UDAF_FR = ("UDAF du Morbihan", "ATMP du Finistère", "Association Tutélaire de l'Isère")
UDAF_EN = ("Hartley Brook Solicitors LLP", "Penn & Rowe Law")
TELERAD_FR = ("Téléradiologie Pacifique SAS", "Nuit Imagerie Calédonie")
TELERAD_EN = ("Southern Cross Telerad Pty Ltd", "Antipodes Night Reads")
# Traps.
PROTECTION_FR = ("curatelle renforcée", "tutelle", "habilitation familiale")
PROTECTION_EN = ("health and welfare", "property and financial affairs")
SOFTWARE = ("syngo.via VB60A", "Carestream Vue PACS 12.2.5", "firmware 4.2.1-b17", "AI-Rad Companion VA31")
SOP_CLASSES = ("1.2.840.10008.5.1.4.1.1.1.1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.1")
TRANSFER_SYNTAXES = ("1.2.840.10008.1.2.1", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.70")
EPONYMS_FR = ("ligne de Kerley B", "fracture de Jefferson", "signe de la silhouette de Felson", "maladie de Forestier")
EPONYMS_EN = ("Kerley B lines", "Jefferson fracture", "Felson silhouette sign", "Forestier disease")
CLASSIF = ("Lung-RADS 2", "CAD-RADS 1", "TI-RADS 3", "Fleischner 2017", "AO 31-A2", "Kellgren-Lawrence 3")
DRUGS_FR = ("iohexol 350", "amoxicilline 1 g", "midazolam 1 mg")
DRUGS_EN = ("iohexol 350", "amoxicillin 500 mg", "midazolam 1 mg")
MEASURES = ("12 x 9 x 7 mm", "4,2 / 3,8 / 3,1 cm", "8 - 11 - 14 mm")
RELATIONS_FR = ("mère", "grand-mère", "tante")
RELATIONS_EN = ("mother", "grandmother", "aunt")
WEEKDAYS_FR = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
WEEKDAYS_EN = ("Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,")

# --------------------------------------------------------------------------------------------------- check digits


def ean13_check(digits12: str) -> str:
    """The EAN-13 check digit of 12 digits (weights 1, 3 from the left): the last digit of a Swiss AVS number."""
    if len(digits12) != 12 or not digits12.isdigit():
        raise ValueError(f"ean13_check: expected 12 digits, got {digits12!r}")
    return ean13_digit(digits12)


def avs_number(digits9: str) -> str:
    """A Swiss AVS/AHV number "756.XXXX.XXXX.XC" from its 9 free digits."""
    body = "756" + digits9
    full = body + ean13_check(body)
    return f"{full[:3]}.{full[3:7]}.{full[7:11]}.{full[11:]}"


def niss_check(birth: dt.date, serial: int) -> str:
    """The two check digits of a Belgian NISS: 97 - (YYMMDDSSS mod 97), with a "2" prefixed for births from 2000."""
    base = int(f"{'2' if birth.year >= 2000 else ''}{birth:%y%m%d}{serial:03d}")
    return f"{97 - base % 97:02d}"


def niss_number(birth: dt.date, serial: int) -> str:
    """A Belgian NISS "YY.MM.DD-SSS.CC"."""
    return f"{birth:%y.%m.%d}-{serial:03d}.{niss_check(birth, serial)}"


def luhn_check(digits: str) -> str:
    """The Luhn check digit of `digits` (doubling every second digit from the right, the check digit's place)."""
    return luhn_digit(digits)


def verhoeff_check(digits: str) -> str:
    """The Verhoeff check digit of `digits` (dihedral group D5)."""
    return verhoeff_digit(digits)


def luxembourg_matricule(birth: dt.date, serial: int) -> str:
    """A Luxembourg national number: YYYYMMDD, 3 serial digits, a Luhn digit and a Verhoeff digit (both over the
    first 11 digits), written in groups "YYYY MMDD SSS LV"."""
    base = f"{birth:%Y%m%d}{serial:03d}"
    return f"{base[:4]} {base[4:8]} {base[8:]} {luhn_check(base)}{verhoeff_check(base)}"


def ramq_number(last: str, first: str, birth: dt.date, female: bool, serial: int) -> str:
    """A Québec health-insurance (RAMQ) number "LLLF YYMM DDNN": 3 letters of the surname (X-padded), the first
    name's initial, birth year, month (+50 for women) and day, two administrative digits."""
    letters = "".join(ch for ch in _ascii(last).upper() if ch.isalpha())
    head = (letters + "XXX")[:3] + (_ascii(first).upper()[:1] or "X")
    month = birth.month + (50 if female else 0)
    return f"{head} {birth:%y}{month:02d} {birth.day:02d}{serial:02d}"


def asr_split(name: str) -> str:
    """A name as speech recognition splits it: a blank in its middle ("Martin" -> "Mar tin"); short or compound
    names are returned whole."""
    if len(name) < 6 or " " in name or "-" in name:
        return name
    cut = len(name) // 2
    return f"{name[:cut]} {name[cut:].lower()}"


def _phone(country: str, rng: np.random.Generator) -> str:
    """An international phone number in the country's usual grouping."""
    if country == "CH":
        return f"+41 {_pick(rng, ('21', '22', '27', '79'))} {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 2)}"
    if country == "BE":
        return f"+32 {_pick(rng, ('2', '4', '10'))} {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 2)}"
    if country == "LU":
        return f"+352 {_pick(rng, ('26', '621', '691'))} {_d(rng, 3)} {_d(rng, 3)}"
    if country == "QC":
        return f"+1 {_pick(rng, ('514', '438', '418'))} {_d(rng, 3)}-{_d(rng, 4)}"
    return f"+221 {_pick(rng, ('77', '78', '33'))} {_d(rng, 3)} {_d(rng, 2)} {_d(rng, 2)}"


def _national_id(country: str, rng: np.random.Generator, last: str, first: str, birth: dt.date, female: bool) -> str:
    serial = int(rng.integers(1, 998))
    if country == "CH":
        return avs_number(_d(rng, 9))
    if country == "BE":
        return niss_number(birth, serial)
    if country == "LU":
        return luxembourg_matricule(birth, serial)
    if country == "QC":
        return ramq_number(last, first, birth, female, serial % 100)
    return f"{_pick(rng, '12')} {serial:03d} {birth.year} {_d(rng, 5)}"  # Senegalese CNI (no public check digit)


# --------------------------------------------------------------------------------------------------- draw


def blind15_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    country = str(_pick(rng, COUNTRIES_FR if fr else COUNTRIES_EN))
    fake: Any = _faker({"CH": "fr_CH", "QC": "fr_CA"}.get(country, "fr_FR") if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    female = True  # the patient of every template is a woman ("née", "soussignée", "her")
    first, last = fake.first_name_female(), fake.last_name()
    used = {last}

    def surname() -> str:
        while True:
            s = fake.last_name()
            if s not in used and " " not in s:
                used.add(s)
                return s

    birth_last, usage_last = surname(), last
    LAST = last.upper() if rng.random() < 0.5 else last
    staff = {k: f"{fake.first_name()} {surname()}" for k in ("referrer", "nurse", "mandataire", "telerad",
                                                              "radiologist", "relative")}  # fmt: skip
    asr_doctor = asr_split(staff["radiologist"].split(" ", 1)[1])

    exam = dt.date(2017, 1, 1) + dt.timedelta(days=int(rng.integers(8 * 365)))
    infant = bool(rng.random() < 0.3)
    birth = exam - dt.timedelta(days=int(rng.integers(20, 330) if infant else rng.integers(18 * 365, 95 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    reply = exam + dt.timedelta(days=int(rng.integers(0, 4)))
    local = exam + dt.timedelta(days=1)
    stay_start = exam - dt.timedelta(days=int(rng.integers(2, 20)))
    span = int(rng.integers(1, 5))
    follow = exam + dt.timedelta(days=int(rng.integers(40, 200)))
    week = int(rng.integers(1, 53))
    days_old = (exam - birth).days if infant else int(rng.integers(5, 330))  # the infant of the infant template
    if fr:
        infant_age = _pick(rng, (f"{days_old // 7} semaines", f"{max(days_old // 30, 1)} mois"))
        if days_old < 28:
            infant_age = f"{days_old} jours de vie"
        age = f"{years} ans"
        month_year = f"{MONTHS_FR[follow.month - 1]} {follow.year}"
        week_year = f"S{week:02d}-{follow.year}"
        weekday = WEEKDAYS_FR[reply.weekday()]
        reply_date = f"{reply.day} {MONTHS_FR[reply.month - 1]} {reply.year}"
        time_local = f"{int(rng.integers(0, 12))}h{int(rng.integers(60)):02d}"
        domain = _pick(rng, ("hopitalvs.ch", "chu-brugmann.be", "chl.lu", "chumontreal.qc.ca", "hpd.sn"))
        home = f"{int(rng.integers(1, 90))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        inst_address = f"{fake.street_name()}, {fake.city()}"
        offset = f"+{int(rng.integers(30, 400))} j"
    else:
        infant_age = _pick(rng, (f"{days_old // 7} weeks old", f"{max(days_old // 30, 1)} months old"))
        if days_old < 28:
            infant_age = f"{days_old} days old"
        age = _pick(rng, (f"{years} yo", f"{years} years", f"{years}-year-old"))
        month_year = f"{MONTHS_EN[follow.month - 1]} {follow.year}"
        week_year = f"wk {week}/{follow.year}"
        weekday = WEEKDAYS_EN[reply.weekday()]
        reply_date = f"{reply.day} {MONTHS_EN[reply.month - 1][:3]} {reply.year}"
        time_local = f"{int(rng.integers(0, 12)):02d}:{int(rng.integers(60)):02d}"
        domain = _pick(rng, ("hug.ch", "chl.lu", "muhc.mcgill.ca"))
        home = f"{int(rng.integers(1, 90))} {fake.street_name()}, {fake.city()} {fake.postcode()}"
        inst_address = f"{fake.street_name()}, {fake.city()}"
        offset = f"+{int(rng.integers(30, 400))} d"
    end = stay_start + dt.timedelta(days=span)
    if end.month == stay_start.month:
        month = (MONTHS_FR if fr else MONTHS_EN)[end.month - 1]
        date_range = (
            f"{stay_start.day} au {end.day} {month} {end.year}"
            if fr
            else f"{stay_start.day}-{end.day} {month} {end.year}"
        )
    else:
        date_range = format_date(stay_start, lang, 1)  # over two months: the range's start, its end left out
    if infant:
        age = infant_age

    r_first, r_last = staff["radiologist"].split(" ", 1)
    slots: Slots = {
        # the patient, named by the paperwork around the exam
        "first": (first, "PATIENT"),
        "LAST": (LAST, "PATIENT"),
        "usage_last": (usage_last.upper(), "PATIENT"),
        "birth_last": (birth_last.upper(), "PATIENT"),
        "deadname": (fake.first_name_male(), "PATIENT"),
        "asr_patient": (asr_split(last), "PATIENT"),
        # other persons
        **{k: (v, "PERSON") for k, v in staff.items()},
        "asr_doctor": (asr_doctor, "PERSON"),
        # dates and ages
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "dob": (format_date(birth, lang, int(rng.integers(7))), "DATE"),
        "reply_date": (reply_date, "DATE"),
        "utc_date": (f"{exam:%Y-%m-%d}", "DATE"),
        "local_date": (format_date(local, lang, int(rng.integers(7))), "DATE"),
        "date_range": (date_range, "DATE"),
        "month_year": (month_year, "DATE"),
        "week_year": (week_year, "DATE"),
        "age": (age, "AGE"),
        "infant_age": (infant_age, "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS[country]), "INSTITUTION"),
        "ehpad": (_pick(rng, EHPADS_FR if fr else EHPADS_EN), "INSTITUTION"),
        "udaf": (_pick(rng, UDAF_FR if fr else UDAF_EN), "INSTITUTION"),
        "telerad_company": (_pick(rng, TELERAD_FR if fr else TELERAD_EN), "INSTITUTION"),
        "home_address": (home, "LOCATION"),
        "inst_address": (inst_address, "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (_phone(country, rng), "PHONE"),
        "mobile": (_phone(country, rng), "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last)}@{domain}", "EMAIL"),
        "ref_email": (
            f"{_slug(staff['referrer'].split(' ')[0])}.{_slug(staff['referrer'].split(' ', 1)[1])}@{domain}",
            "EMAIL",
        ),
        "pt_email": (
            f"{_slug(first)}.{_slug(last)}{_d(rng, 2)}@{_pick(rng, ('gmail.com', 'bluewin.ch', 'live.be'))}",
            "EMAIL",
        ),
        "url": (f"https://images.{domain}/partage/{_d(rng, 7)}", "URL"),
        # numbers
        "ipp": (_d(rng, 9), "ID"),
        "foreign_id": (_national_id(country, rng, last, first, birth, female), "ID"),
        "record_id": (f"{_d(rng, 2)}-{_d(rng, 4)}", "ID"),
        # unlabelled: field words and traps
        "id_kind": (SCHEMES[country] if fr else SCHEMES_EN[country], None),
        "weekday": (weekday, None),
        "sex": ("F", None),
        "offset": (offset, None),
        "year_only": (str(exam.year + 1), None),
        "protection": (_pick(rng, PROTECTION_FR if fr else PROTECTION_EN), None),
        "relation": (_pick(rng, RELATIONS_FR if fr else RELATIONS_EN), None),
        "software": (_pick(rng, SOFTWARE), None),
        "sop_class": (_pick(rng, SOP_CLASSES), None),
        "transfer_syntax": (_pick(rng, TRANSFER_SYNTAXES), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "drug": (_pick(rng, DRUGS_FR if fr else DRUGS_EN), None),
        "lot": (f"{_pick(rng, 'HLR')}{_d(rng, 2)}{_pick(rng, 'ABC')}{_d(rng, 3)}", None),
        "measure": (_pick(rng, MEASURES), None),
        "time": (f"{int(rng.integers(12, 24)):02d}:{int(rng.integers(60)):02d}", None),
        "time_local": (time_local, None),
        "duration": (_pick(rng, ("6 min 40 s", "38 s", "1 h 05")), None),
        "room": (str(int(rng.integers(1, 140))), None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
