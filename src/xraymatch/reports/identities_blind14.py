"""Blind14 template family: the patient named once, sideways, or through damage - post-mortem CT requisitions and
mortuary body numbers, organ-donor work-ups (the donor known by a donor number and a relative), forensic age
estimation requests (alleged age, declared birth date), immigration medicals with passport machine-readable zones
(MRZ), international adoption work-ups, occupational screening rosters (the patient one line among co-workers),
text damaged in transit (UTF-8 read as cp1252: "HÃ©lÃ¨ne"; names broken by a hyphenated line wrap; OCR'd faxes
with O/I/S for 0/1/5 in phone numbers), anonymisation half done by someone else ("[NOM]", "***", "Mme D.", a first
name or a birth year left), "Pt M." shorthand, names in Cyrillic, Greek, Arabic, Chinese, Japanese and Ukrainian
script beside their transliteration, numbers written with dots or in words, and dates in mixed orders (US M/D/YY
beside FR D/M/YY, YYYY/DD/MM).

Written by an independent auditor who never read the detector (reports/deid/), for a fourteenth blind estimate of how
it generalises. No "Patient:" field: the patient is "l'intéressé", "the deceased", a donor, a roster line, an MRZ.

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions:
- Damaged names still identify: a mojibake name ("HÃ©lÃ¨ne MARTIN") is PATIENT over the damaged text; a name broken
  by a line wrap ("THEODO-\\nROPOULOU") is ONE span, hyphen and line break included; an OCR'd phone number with
  letters for digits ("O2 97 4S I2 88") is PHONE.
- Half-done anonymisation: placeholders ("[NOM]", "[ADRESSE]", "***", "XXXX") are never labelled; what was left is
  labelled as usual: a first name left beside "[NOM]" is PATIENT, a surname initial ("Mme D.", "Pt M.") is PATIENT
  (initials rule, the title outside), a masked birth date showing only its year ("**/**/1957") is not a DATE (a year
  alone), one showing day and month ("14/06/****") is DATE over the visible "14/06" only.
- A name in its own script and its transliteration are two PATIENT spans ("Иванова Мария", "IVANOVA Maria"); the
  brackets or dash between them are outside.
- Passport MRZ: the name field ("IVANOVA<<MARIA") is one PATIENT span, the "<" fillers after it and the issuing
  country outside; the document number is ID, the YYMMDD birth and expiry dates are DATE (expiry kept: it is a date
  of the person's own document, and protecting the patient comes first); check digits, sex and nationality are not
  labelled (a check digit identifies nothing apart from what it checks).
- A post-mortem: the deceased is PATIENT; the date of death is DATE, "décédé à 81 ans" AGE; mortuary body numbers,
  police report (procès-verbal) numbers, donor numbers (CRISTAL, NHSBT ODT) and visa/GWF references are ID. Courts
  and police units are INSTITUTION (round 6 scope); magistrates, officers, donor coordinators, panel physicians and the
  donor's relatives are PERSON. National agencies covering everyone (Agence de la biomédecine, OFII, UK Visas and
  Immigration, NHS Blood and Transplant) are NOT INSTITUTION: like insurers they point to no one.
- Forensic age estimation: the alleged or declared age ("âge allégué 16 ans") is AGE and the declared birth date
  DATE; a bone age or skeletal stage ("âge osseux 17 ans", "Greulich & Pyle 18 years", "Demirjian stage H") is a
  finding, NOT an AGE (trap).
- Occupational roster: the report's subject (the "►" line) is PATIENT, co-workers on the roster are PERSON.
- Numbers: an ID written with dots ("12.345.678") is one ID span; a phone number in words is one PHONE span; dates
  in any order (M/D/YY, D/M/YY, YYYY/DD/MM, YYMMDD) are DATE.
- Quasi-identifiers: a room/box number, a procedure and a time are not labelled even when they single out the patient
  of the day; the date beside them is (DATE).
- NOT identifiers (traps): eponyms, anatomical eponyms, classifications and stages, bone ages, devices and implants
  with brands, drug names, contrast lots, doses, equipment models, times, durations, rooms, placeholders, relation
  words, countries and nationalities, MRZ check digits.
`blind14_draw(lang, rng)` returns (slots, templates) like `blind13_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _ascii, _d, _pick, _slug
from xraymatch.reports.identities_blind13 import number_en, number_fr

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "SCANNER POST-MORTEM sur réquisition du {court} (PV n° {pv})\nCorps n° {body_no} admis le {death_date} ; "
            "identité transmise : {moji}\nMagistrat : {magistrate} ; OPJ {officer}, {police}\n",
            "Bilan d'imagerie du donneur - {agency}\nDonneur CRISTAL {donor_no}, décédé à {age}, mort encéphalique "
            "constatée le {death_date} à {time}\nCoordination : {coord} ; famille reçue ({relation}) : {relative}\n",
            "Estimation de l'âge sur réquisition du {court}\nL'intéressé se dit {first} {LAST}, âge allégué "
            "{age_claim}, né le {dob_declared} selon ses déclarations ; {bone_age}.\n",
            "Visite médicale d'immigration ({immig_agency}) - dossier {visa_no}\nMRZ :\n"
            "P<{country}{mrz_name}{mrz_fill}\n"
            "{passport}{pcheck}{country}{mrz_dob}{dcheck}{sex}{mrz_exp}{echeck}<<<<<<<<<<<<<<0{ccheck}\n"
            "Médecin agréé : {panel_doctor}\n",
            "Adoption internationale - {adoption_agency}\nEnfant confié : {native} (saisie : {translit}), {age_claim}, "
            "arrivé à {town}\n",
            "Dépistage silice - liste du {exam_date}, {employer}\n  {coworker1} : reporté\n► {LAST} {first}, {age} : "
            "cliché fait\n  {coworker2} : absent\n",
            "Document reçu partiellement anonymisé : {title} {initial}, née le {redacted_dob}, prénom laissé : "
            "{first_left} [NOM], [ADRESSE]\n",
            "Fax illisible par endroits - concerne :\n{wrap_name}\ndemande de {referrer} ({fax_ocr})\n",
            "Pt {initial} salle {room} du {exam_date_short}, {procedure} ; cf. {native} / {translit}\n",
        ],
        [
            "Dates saisies : examen {us_date} (format US) soit {fr_date} ; naissance {ymd_date}\n",
            "Réf. dossier {id_dots}\n",
            "Rappeler la famille au {phone_words}\n",
            "Masqué à la source : *** ; date {partial_date}/****\n",
            "",
        ],
        [
            "{institution}, {inst_address}\n",
            "Joignable au {phone}\n",
            "Domicile : {home_address}\n",
            "Dossier {ipp}\n",
        ],
    ],
    "pre": [
        [
            "Notes : {eponym} ; {anatomy} ; {classif} ; {implant} ; {drug} ; {contrast} lot {lot} ; {dose} ; "
            "{equipment} ; durée {duration}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nConclusions adressées à {radiologist} ({email}).\n",
            "\nRelu par {radiologist}, {institution}, le {exam_date}.\n",
            "\nDossier complet : {url}\n",
        ],
        [
            "Copie : {referrer}, {town}\n",
            "Pièces : {url}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "POST-MORTEM CT at the request of {court} (police ref. {pv})\nMortuary no. {body_no}, received "
            "{death_date}; name as transmitted: {moji}\n"
            "Coroner's officer: {officer}, {police}; authorised by {magistrate}\n",
            "Donor imaging work-up - {agency}\nODT donor {donor_no}, died aged {age}, brainstem death confirmed "
            "{death_date} at {time}\nSNOD: {coord}; family seen ({relation}): {relative}\n",
            "Age assessment requested by {court}\nThe young person gives the name {first} {LAST}, claimed age "
            "{age_claim}, stated birth date {dob_declared}; {bone_age}.\n",
            "Immigration medical ({immig_agency}) - GWF ref. {visa_no}\nMRZ:\nP<{country}{mrz_name}{mrz_fill}\n"
            "{passport}{pcheck}{country}{mrz_dob}{dcheck}{sex}{mrz_exp}{echeck}<<<<<<<<<<<<<<0{ccheck}\n"
            "Panel physician: {panel_doctor}\n",
            "Intercountry adoption - {adoption_agency}\nChild placed: {native} (entered as {translit}), {age_claim}, "
            "arrived in {town}\n",
            "Silica surveillance roster {exam_date}, {employer}\n  {coworker1}: deferred\n► {LAST} {first}, {age}: "
            "film taken\n  {coworker2}: did not attend\n",
            "Received part-redacted: {title} {initial}, DOB {redacted_dob}, first name left: {first_left} [NAME], "
            "[ADDRESS]\n",
            "Fax partly unreadable - re:\n{wrap_name}\nreferred by {referrer} ({fax_ocr})\n",
            "Pt {initial} bay {room} on {exam_date_short}, {procedure}; see {native} / {translit}\n",
        ],
        [
            "Dates keyed: exam {us_date} (US) i.e. {fr_date} (EU); born {ymd_date}\n",
            "File ref. {id_dots}\n",
            "Call the family back on {phone_words}\n",
            "Masked at source: ***; date {partial_date}/****\n",
            "",
        ],
        [
            "{institution}, {inst_address}\n",
            "Reachable on {phone}\n",
            "Home: {home_address}\n",
            "Hospital no. {ipp}\n",
        ],
    ],
    "pre": [
        [
            "Notes: {eponym}; {anatomy}; {classif}; {implant}; {drug}; {contrast} batch {lot}; {dose}; {equipment}; "
            "time taken {duration}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nFindings sent to {radiologist} ({email}).\n",
            "\nSecond read by {radiologist}, {institution}, {exam_date}.\n",
            "\nFull record: {url}\n",
        ],
        [
            "cc {referrer}, {town}\n",
            "Attachments: {url}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Patients written in another script: (native form, transliterated first name, transliterated surname).
NATIVE_NAMES: tuple[tuple[str, str, str], ...] = (
    ("Иванова Мария", "Maria", "Ivanova"),
    ("Коваленко Олена", "Olena", "Kovalenko"),
    ("Παπαδοπούλου Ελένη", "Eleni", "Papadopoulou"),
    ("Θεοδωρόπουλος Νίκος", "Nikos", "Theodoropoulos"),
    ("يوسف الحداد", "Youssef", "Al-Haddad"),
    ("王秀英", "Xiuying", "Wang"),
    ("佐藤 健", "Ken", "Sato"),
)
# Local patients (Latin script with accents, so that cp1252 mojibake shows).
LOCAL_FR = (("Hélène", "Martin"), ("Jérôme", "Lefèvre"), ("Françoise", "Bérard"), ("Noël", "Guérin"))
LOCAL_EN = (("Zoë", "Brontë-Hughes"), ("René", "Okonkwo"), ("Chloé", "Sørensen"), ("Siân", "Pryce"))
INSTITUTIONS_FR = ("CHU de Rennes", "Hôpital Bretonneau", "Centre hospitalier de Cornouaille", "CHU de Poitiers")
INSTITUTIONS_EN = ("Royal Preston Hospital", "Derriford Hospital", "Queen Elizabeth University Hospital")
COURTS_FR = ("tribunal judiciaire de Vannes", "parquet de Quimper", "juge des enfants de Lorient")
COURTS_EN = ("HM Coroner for Lancashire", "Kent County Council Children's Services", "Plymouth Magistrates' Court")
POLICE_FR = ("brigade de recherches de Pontivy", "commissariat de Lorient")
POLICE_EN = ("Lancashire Constabulary", "Devon and Cornwall Police")
ADOPTION_FR = ("Aide sociale à l'enfance du Finistère", "Œuvre d'adoption Les Enfants du Monde")
ADOPTION_EN = ("Norfolk Adoption Service", "Adopt North East")
EMPLOYERS_FR = ("Carrières de Kerlouan", "Marbrerie Le Floc'h")
EMPLOYERS_EN = ("Penrhyn Slate Quarry", "Tarmac Buxton Lime")
# Traps.
AGENCIES = {"fr": ("Agence de la biomédecine", "OFII"), "en": ("NHS Blood and Transplant", "UK Visas and Immigration")}
EPONYMS_FR = ("fracture de Monteggia", "signe de Murphy", "maladie de Scheuermann", "lésion de Hill-Sachs")
EPONYMS_EN = ("Monteggia fracture", "Murphy's sign", "Scheuermann disease", "Hill-Sachs lesion")
ANATOMY_FR = ("canal de Wirsung", "trompe d'Eustache", "triangle de Calot")
ANATOMY_EN = ("duct of Wirsung", "Eustachian tube", "Calot's triangle")
CLASSIF = ("Risser 4", "Salter-Harris II", "Tanner 3", "Garden III", "Weber B")
BONE_AGE_FR = ("âge osseux 17 ans (Greulich et Pyle)", "stade H de Demirjian", "Schmeling stade 3")
BONE_AGE_EN = ("Greulich & Pyle bone age 18 years", "Demirjian stage H", "Schmeling stage 3")
IMPLANTS = ("Zimmer NexGen", "Abbott Assurity MRI", "Stryker Gamma3")
DRUGS_FR = ("paracétamol 1 g", "énoxaparine 4000 UI")
DRUGS_EN = ("paracetamol 1 g", "enoxaparin 40 mg")
CONTRASTS = ("Optiray 350", "Ultravist 370", "Dotarem")
DOSES = ("PDL 845 mGy.cm", "CTDIvol 12,3 mGy", "DLP 1 020 mGy.cm")
EQUIPMENT = ("Siemens Somatom Force", "Canon Aquilion ONE", "GE Revolution CT")
PROCEDURES_FR = ("biopsie hépatique", "drainage pleural", "infiltration L4-L5")
PROCEDURES_EN = ("liver biopsy", "chest drain", "L4-L5 injection")
RELATIONS_FR = ("sœur", "époux", "fille")
RELATIONS_EN = ("sister", "husband", "daughter")
COUNTRIES = ("UKR", "GRC", "SYR", "CHN", "JPN", "RUS")
NATIVE_COUNTRIES = ("RUS", "UKR", "GRC", "GRC", "SYR", "CHN", "JPN")  # issuing state of each NATIVE_NAMES entry

# --------------------------------------------------------------------------------------------------- helpers


def mojibake(text: str) -> str:
    """`text` as it arrives when its UTF-8 bytes are read as Windows-1252 ("é" -> "Ã©"); undecodable bytes become
    U+FFFD."""
    return text.encode("utf-8").decode("cp1252", errors="replace")


def mrz_check(field: str) -> str:
    """The ICAO 9303 check digit of an MRZ field (weights 7, 3, 1; A-Z = 10..35; "<" = 0)."""
    total = 0
    for i, ch in enumerate(field):
        if ch.isdigit():
            value = int(ch)
        elif "A" <= ch <= "Z":
            value = ord(ch) - 55
        elif ch == "<":
            value = 0
        else:
            raise ValueError(f"mrz_check: {ch!r} is not an MRZ character (0-9, A-Z, <)")
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def mrz_name(last: str, first: str) -> str:
    """The MRZ name field: surname, "<<", given names joined by "<" (letters only, upper case, no accents)."""

    def part(text: str) -> str:
        words = ["".join(ch for ch in w if ch.isalpha()) for w in re.split(r"[\s\-']+", _ascii(text))]
        return "<".join(w.upper() for w in words if w)

    return f"{part(last)}<<{part(first)}"


def ocr_digits(number: str, rng: np.random.Generator) -> str:
    """A fax-OCR'd number: some 0/1/5 read as O/I/S (never all, so digits remain)."""
    swaps = {"0": "O", "1": "I", "5": "S"}
    out = [swaps[c] if c in swaps and rng.random() < 0.6 else c for c in number]
    return "".join(out)


def phone_words_fr(pairs: list[str]) -> str:
    """A French phone number read in pairs ("zéro six, douze, ..."): the leading zero and digit apart."""
    head, rest = pairs[0], pairs[1:]
    return ", ".join([f"zéro {number_fr(int(head[1]))}", *(number_fr(int(p)) for p in rest)])


def phone_words_en(digits: str) -> str:
    """A UK number read digit by digit ("oh seven seven ..."), groups separated by commas."""
    words = {d: ("oh" if d == "0" else number_en(int(d))) for d in "0123456789"}
    return ", ".join(" ".join(words[c] for c in group) for group in digits.split())


def wrap(name: str) -> str:
    """A name broken by a hyphenated line wrap in its middle (names under 6 letters stay whole)."""
    if len(name) < 6 or " " in name:
        return name
    cut = len(name) // 2
    return f"{name[:cut]}-\n{name[cut:]}"


# --------------------------------------------------------------------------------------------------- draw


def blind14_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    country = _pick(rng, COUNTRIES)
    if rng.random() < 0.5:
        index = int(rng.integers(len(NATIVE_NAMES)))
        native, first, last = NATIVE_NAMES[index]
        country = NATIVE_COUNTRIES[index]
    else:
        first, last = _pick(rng, LOCAL_FR if fr else LOCAL_EN)
        native = mojibake(f"{first} {last.upper()}")
    LAST = last.upper() if rng.random() < 0.6 else last
    male = bool(rng.random() < 0.5)

    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(1 * 365, 90 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    expiry = exam + dt.timedelta(days=int(rng.integers(200, 3000)))
    death = exam - dt.timedelta(days=int(rng.integers(0, 3)))

    used = {last}

    def person() -> str:
        while True:
            f, surname = fake.first_name(), fake.last_name()
            if surname not in used:
                used.add(surname)
                return f"{f} {surname}"

    staff = {k: person() for k in ("magistrate", "officer", "coord", "relative", "panel_doctor", "referrer",
                                   "radiologist", "coworker1", "coworker2")}  # fmt: skip

    passport = (_pick(rng, "ABCEFGHKLM") + _d(rng, 7) + "<")[:9]
    mrz_dob, mrz_exp = f"{birth:%y%m%d}", f"{expiry:%y%m%d}"
    sex = "M" if male else "F"
    line2 = f"{passport}{mrz_check(passport)}{country}{mrz_dob}{mrz_check(mrz_dob)}{sex}{mrz_exp}{mrz_check(mrz_exp)}"
    composite = mrz_check(line2[0:10] + line2[13:20] + line2[21:] + "<" * 14 + "0")
    id_dots = f"{_d(rng, 2)}.{_d(rng, 3)}.{_d(rng, 3)}"
    if fr:
        pairs = ["0" + _pick(rng, "2679")] + [_d(rng, 2) for _ in range(4)]
        phone = " ".join(pairs)
        words = phone_words_fr(pairs)
        fax = ocr_digits(" ".join(["0" + _pick(rng, "1259")] + [_d(rng, 2) for _ in range(4)]), rng)
        age = f"{years} ans"
        claim = f"{int(rng.integers(14, 18))} ans"
        title = _pick(rng, ("Mme", "M.", "Mlle"))
        home = f"{int(rng.integers(1, 120))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        inst_address = f"{int(rng.integers(1, 60))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        domain = _pick(rng, ("chu-rennes.fr", "ch-cornouaille.fr", "chu-poitiers.fr"))
        time = f"{int(rng.integers(0, 24))}h{int(rng.integers(60)):02d}"
        duration = _pick(rng, ("18 min", "1 h 10", "45 secondes"))
    else:
        digits = f"07{_d(rng, 3)} {_d(rng, 3)} {_d(rng, 3)}"
        phone = digits
        words = phone_words_en(digits)
        fax = ocr_digits(f"01{_d(rng, 3)} {_d(rng, 6)}", rng)
        age = _pick(rng, (f"{years} years", f"{years} yrs", f"{years}y"))
        claim = f"{int(rng.integers(14, 18))} years"
        title = _pick(rng, ("Mrs", "Mr", "Ms"))
        home = f"{int(rng.integers(1, 120))} {fake.street_name()}, {fake.city()} {fake.postcode()}"
        inst_address = f"{fake.street_name()}, {fake.city()} {fake.postcode()}"
        domain = _pick(rng, ("lthtr.nhs.uk", "nhs.net", "plymouthhospitals.nhs.uk"))
        time = f"{int(rng.integers(0, 24)):02d}:{int(rng.integers(60)):02d}"
        duration = _pick(rng, ("18 min", "1 h 10 min", "45 seconds"))

    r_first, r_last = staff["radiologist"].split(" ", 1)
    slots: Slots = {
        # the patient, named sideways or through damage
        "first": (first, "PATIENT"),
        "LAST": (LAST, "PATIENT"),
        "first_left": (first, "PATIENT"),
        "initial": (f"{last[0].upper()}.", "PATIENT"),
        "moji": (mojibake(f"{first} {last.upper()}"), "PATIENT"),
        "native": (native, "PATIENT"),
        "translit": (f"{last.upper()} {first}", "PATIENT"),
        "mrz_name": (mrz_name(last, first), "PATIENT"),
        "wrap_name": (wrap(last.upper()), "PATIENT"),
        # other persons
        **{k: (v, "PERSON") for k, v in staff.items()},
        # dates and ages
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "exam_date_short": (f"{exam.day}/{exam.month}" if fr else f"{exam.month}/{exam.day}", "DATE"),
        "death_date": (format_date(death, lang, int(rng.integers(7))), "DATE"),
        "dob_declared": (format_date(birth, lang, int(rng.integers(7))), "DATE"),
        "us_date": (f"{exam.month}/{exam.day}/{exam.year % 100:02d}", "DATE"),
        "fr_date": (f"{exam.day}/{exam.month}/{exam.year % 100:02d}", "DATE"),
        "ymd_date": (f"{birth.year}/{birth.day:02d}/{birth.month:02d}", "DATE"),
        "mrz_dob": (mrz_dob, "DATE"),
        "mrz_exp": (mrz_exp, "DATE"),
        "partial_date": (f"{birth.day:02d}/{birth.month:02d}", "DATE"),
        "age": (age, "AGE"),
        "age_claim": (claim, "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS_FR if fr else INSTITUTIONS_EN), "INSTITUTION"),
        "court": (_pick(rng, COURTS_FR if fr else COURTS_EN), "INSTITUTION"),
        "police": (_pick(rng, POLICE_FR if fr else POLICE_EN), "INSTITUTION"),
        "adoption_agency": (_pick(rng, ADOPTION_FR if fr else ADOPTION_EN), "INSTITUTION"),
        "employer": (_pick(rng, EMPLOYERS_FR if fr else EMPLOYERS_EN), "INSTITUTION"),
        "home_address": (home, "LOCATION"),
        "inst_address": (inst_address, "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "phone_words": (words, "PHONE"),
        "fax_ocr": (fax, "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last).replace('-', '')}@{domain}", "EMAIL"),
        "url": (f"https://dossier.{domain}/partage/{_d(rng, 6)}", "URL"),
        # numbers
        "ipp": (_d(rng, 8), "ID"),
        "id_dots": (id_dots, "ID"),
        "pv": (f"{exam.year}/{_d(rng, 6)}", "ID"),
        "body_no": (f"{exam.year % 100:02d}-{_d(rng, 4)}", "ID"),
        "donor_no": (_d(rng, 6), "ID"),
        "visa_no": (f"GWF0{_d(rng, 8)}" if not fr else f"{_d(rng, 3)}{_pick(rng, 'ABCD')}{_d(rng, 6)}", "ID"),
        "passport": (passport.rstrip("<"), "ID"),
        # unlabelled: field words and traps
        "pcheck": (("<" if passport.endswith("<") else "") + mrz_check(passport), None),
        "dcheck": (mrz_check(mrz_dob), None),
        "echeck": (mrz_check(mrz_exp), None),
        "mrz_fill": ("<" * max(44 - 5 - len(mrz_name(last, first)), 1), None),
        "ccheck": (composite, None),
        "sex": (sex, None),
        "country": (country, None),
        "title": (title, None),
        "relation": (_pick(rng, RELATIONS_FR if fr else RELATIONS_EN), None),
        "agency": (AGENCIES[lang][0], None),
        "immig_agency": (AGENCIES[lang][1], None),
        "redacted_dob": (f"**/**/{birth.year}", None),
        "bone_age": (_pick(rng, BONE_AGE_FR if fr else BONE_AGE_EN), None),
        "procedure": (_pick(rng, PROCEDURES_FR if fr else PROCEDURES_EN), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "anatomy": (_pick(rng, ANATOMY_FR if fr else ANATOMY_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "implant": (_pick(rng, IMPLANTS), None),
        "drug": (_pick(rng, DRUGS_FR if fr else DRUGS_EN), None),
        "contrast": (_pick(rng, CONTRASTS), None),
        "lot": (f"{_pick(rng, 'KTW')}{_d(rng, 5)}", None),
        "dose": (_pick(rng, DOSES), None),
        "equipment": (_pick(rng, EQUIPMENT), None),
        "time": (time, None),
        "duration": (duration, None),
        "room": (str(int(rng.integers(1, 9))), None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
