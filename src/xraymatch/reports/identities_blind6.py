"""Blind6 template family: private-practice letterheads, paediatric, medico-legal, occupational, sports, prison and
military headers, telemedicine chat logs and voicemail transcripts.

Written by an independent auditor who never read the detector (reports/deid/), for a sixth blind estimate of how it
generalises. New shapes: French private practices with SIRET (Luhn-valid), RCS + SIREN and RPPS numbers, paediatric
headers naming the parents ("fils de", "mère :"), judicial requisitions (requisition and procès-verbal numbers,
gendarmerie brigade, officer and matricule), occupational-medicine headers (employer company and address, job
title, work-accident number), sports-medicine (club, federation licence number), prison health (écrou number) and
military units; English workers' compensation claims, police requests (collar numbers, crime references), NHS
discharge summaries (consultant, GP practice and practice code, NHS number with its mod-11 digit) and sports physio
letters; telemedicine chat logs with timestamps and @handles, portal access codes, voicemail transcripts with phone
numbers spoken as words, reports typed without accents ("ne le 3/4/56"), lowercased names ("dr dupont"), names in
brackets or quotes, and initials only ("Mme C. R.").

Gold conventions (those of blind5 and `entities.LABELS`): a span is the identifier text only, without titles, ranks
("adjudant-chef", "PC"), field names or the "@" of a handle; a chat handle made of a person's name is that person
(PERSON); initials standing for the patient are PATIENT (the span is the initials with their dots); parents and
other relatives are PERSON; a chat or voicemail timestamp's DATE is its calendar part (times are not identifiers);
a phone number spoken as words is one PHONE span; SIRET, SIREN, RPPS, requisition, procès-verbal, écrou, licence,
work-accident, claim, collar, crime-reference and practice codes are ID; employers, sports clubs, gendarmerie
brigades, police forces, prisons, military units and GP practices are INSTITUTION (small organisations that point
at a person); the RCS registry city is a LOCATION; job titles, ranks, federations, insurers, wards, rooms, share
capital, activity codes (APE), ITT durations and times of day are not identifiers. Unlabelled traps: eponyms used as
eponyms (Lisfranc and Chopart joints, Jones fracture, Boston and Milwaukee braces), scores named like places or
people (Glasgow, Ottawa ankle rules, score de Constant), drug brand names (Xarelto, Eliquis), device models,
durations and relative dates. `blind6_draw(lang, rng)` returns (slots, family) like `blind5_draw`. Never tune a
detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date, format_phone
from xraymatch.reports.identities_blind5 import _ascii, _d, _pick, _slug, luhn_digit, mod11_digit

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "{practice}\nSELARL au capital de {capital} - SIRET {siret} - RCS {rcs_city} B {siren} - APE {ape}\n"
            "Dr {radiologist}, RPPS {rpps}\n",
            "RÉQUISITION JUDICIAIRE\nRéquisition OPJ n° {req_no} - {brigade}\nOfficier requérant : {rank} {officer} "
            "(matricule {officer_id})\n",
            "SERVICE DE PRÉVENTION ET DE SANTÉ AU TRAVAIL\nEmployeur : {employer}, {employer_address}\n"
            "Poste occupé : {job}\n",
            "MÉDECINE DU SPORT - {club}\nLicence {federation} n° {licence}\n",
            "{prison} - unité sanitaire en milieu pénitentiaire\nN° d'écrou : {ecrou}\n",
            "[Téléexpertise - fil de discussion]\n[{chat_date} {time}] @{handle}: bjr, je vous poste la radio "
            "de {patient_lower}\n",
        ],
        [
            "Enfant : [{LAST} {first}] ({age_child}), {son_of} {parent_full} ; mère : {mother_full}\n",
            "Patient(e) : « {patient} », {age}, domicile : {p_address}\n",
            "Initiales : {title}{initials} - {age}\n",
            "pt {patient_lower} ne le {dob_slash} ({age_plain})\n",
            "Militaire : {rank_mil} {LAST} {first}, {unit}, matricule {mil_id}\n",
        ],
        [
            "Code d'accès au dossier : {access_code} - IPP {ipp}\n",
            "Déclaration d'accident du travail n° {at_no} du {accident_date}\n",
            "PV n° {pv} ; dossier {ipp}\n",
            "",
        ],
        [
            "cliche demande par dr {ref_lower} le {exam_date_plain}\n",
            "Parents joignables : {parent_full} au {phone}, {mother_full} au {phone2}\n",
            "Médecin du travail : Dr {occ_doc}, convocation du {exam_date}\n",
            "[{chat_date} {time2}] @{handle2}: reçu, je regarde\n",
        ],
    ],
    "pre": [
        [
            "Indication : douleur {anat} depuis {duration} ; {scale}.\n",
            "Traitement en cours : {drug} ; {brace}.\n",
            "Contexte : {eponym} ? Revoir {rel_date}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nMessage vocal du {vm_date} à {time} : « oui bonjour c'est {vm_caller}, vous pouvez me rappeler au "
            "{phone_words}, merci »\n",
            "\n[{chat_date} {time2}] @{handle2}: ok vu, CR signé. {rad_full}\n",
            "\nLe médecin requis, Dr {radiologist}, certifie avoir examiné {title}{LAST} le {exam_date} ; ITT {itt}.\n",
            "\nDr {radiologist} - {practice}, {practice_address} - {email}\n",
        ],
        [
            "Images : {portal_url} (code {access_code})\n",
            "Copie : {brigade} - {email}\n",
            "Transmis au service RH de {employer} (sans données médicales).\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "WORKERS' COMPENSATION - MEDICAL REPORT\nClaim No. {claim_no}\nEmployer: {employer}, {employer_address}\n"
            "Occupation: {job}\n",
            "REQUEST FOR MEDICAL EVIDENCE\n{police_force} - crime ref. {crime_ref}\nOfficer: {rank} {officer} "
            "(collar no. {officer_id})\n",
            "NHS DISCHARGE SUMMARY\n{inst}, Ward {ward}\nConsultant: {consultant}\n",
            "SPORTS PHYSIOTHERAPY - {club}\nPlayer registration no. {licence}\n",
            "[Telehealth chat export]\n[{chat_date} {time}] @{handle}: hi, uploading the x-ray for {patient_lower}\n",
        ],
        [
            "Child: [{LAST}, {first}] ({age_child}), {son_of} {parent_full}; mother: {mother_full}\n",
            "Patient: \u201c{patient}\u201d, {age}, home address {p_address}\n",
            "Initials only: {title}{initials}, {age}\n",
            "pt {patient_lower} dob {dob_slash} ({age_plain})\n",
            "Service member: {rank_mil} {LAST} {first}, {unit}, service no. {mil_id}\n",
        ],
        [
            "NHS no. {nhs} - portal access code {access_code}\n",
            "GP: Dr {gp}, {gp_practice} (practice code {practice_code})\n",
            "Incident date {accident_date}; hospital no. {ipp}\n",
            "",
        ],
        [
            "xr requested by dr {ref_lower} on {exam_date_plain}\n",
            "Parents contactable: {parent_full} on {phone}, {mother_full} on {phone2}\n",
            "Case manager: {occ_doc}, appointment {exam_date}\n",
            "[{chat_date} {time2}] @{handle2}: got it, reviewing\n",
        ],
    ],
    "pre": [
        [
            "Indication: {anat} pain for {duration}; {scale}.\n",
            "Current medication: {drug}; {brace}.\n",
            "Background: ?{eponym}; review {rel_date}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nVoicemail {vm_date} {time}: \u201chi it's {vm_caller}, could you call me back on {phone_words}, "
            "thanks\u201d\n",
            "\n[{chat_date} {time2}] @{handle2}: ok seen, report signed. {rad_full}\n",
            "\nI, Dr {radiologist}, examined {title}{LAST} on {exam_date}; statement made for the police.\n",
            "\nDr {radiologist}, {inst} - {email}\n",
        ],
        [
            "Images: {portal_url} (code {access_code})\n",
            "cc: {police_force} - {email}\n",
            "Copy to the employer's HR at {employer} (no clinical details).\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

EPONYMS_FR = (
    "maladie de Sever",
    "fracture de Jones",
    "fracture de Monteggia",
    "lésion de Stener",
    "maladie de Freiberg",
    "fracture de Tillaux",
    "fracture de Galeazzi",
)
EPONYMS_EN = (
    "Sever disease",
    "Jones fracture",
    "Monteggia fracture",
    "Stener lesion",
    "Freiberg infraction",
    "Tillaux fracture",
    "Galeazzi fracture",
)
ANAT_FR = ("de l'interligne de Lisfranc", "de l'articulation de Chopart", "du tubercule de Gerdy", "de Chassaignac")
ANAT_EN = ("Lisfranc joint", "Chopart joint", "Gerdy tubercle", "anatomical snuffbox")
SCALES_FR = ("Glasgow 15", "score de Constant 62", "Beighton 6/9", "EVA 7/10", "Lequesne 11")
SCALES_EN = ("GCS 15", "Ottawa ankle rules positive", "Beighton 6/9", "VAS 7/10", "Oxford knee score 31")
DRUGS = ("Xarelto 20 mg", "Eliquis 5 mg", "Kardégic 75 mg", "Forteo", "Prolia 60 mg")
BRACES_FR = ("corset de Boston", "corset de Milwaukee", "attelle de Zimmer", "botte Aircast")
BRACES_EN = ("Boston brace", "Milwaukee brace", "Zimmer splint", "Aircast boot")
JOBS_FR = ("cariste", "aide-soignante", "couvreur", "agent de quai", "maçon", "caissière")
JOBS_EN = ("forklift operator", "care assistant", "roofer", "warehouse operative", "bricklayer", "cashier")
FEDERATIONS = ("FFR", "FFF", "FFHandball", "FFBB", "FFVolley")
RANKS_FR = ("adjudant-chef", "maréchal des logis-chef", "capitaine", "brigadier-chef")
RANKS_EN = ("DC", "PC", "DS", "Sgt")
RANKS_MIL_FR = ("caporal-chef", "sergent", "soldat de 1re classe", "lieutenant")
RANKS_MIL_EN = ("LCpl", "Cpl", "Pte", "Lt")
UNITS_FR = (
    "1er régiment de chasseurs parachutistes",
    "2e régiment étranger d'infanterie",
    "13e bataillon de chasseurs alpins",
    "BA 701 Salon-de-Provence",
)
UNITS_EN = ("1st Battalion The Rifles", "16 Air Assault Brigade", "RAF Brize Norton", "3 Commando Brigade")
PRISONS = ("Centre pénitentiaire de Fresnes", "Maison d'arrêt de Villepinte", "Centre de détention de Muret")
FORCES_EN = ("West Yorkshire Police", "Greater Manchester Police", "Thames Valley Police", "Avon and Somerset Police")
APE = ("8622B", "8621Z", "8690B")
ITT = ("8 jours", "3 jours", "21 jours", "0 jour")
FR_NUMBERS = (
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
    "treize", "quatorze", "quinze", "seize",
)  # fmt: skip
FR_TENS = ("", "", "vingt", "trente", "quarante", "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt")
EN_DIGITS = ("oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

# --------------------------------------------------------------------------------------------------- numbers


def siret(rng: np.random.Generator) -> tuple[str, str]:
    """(SIREN "NNN NNN NNN", SIRET "NNN NNN NNN NNNNN"): a Luhn-valid SIREN and a Luhn-valid 14-digit SIRET."""
    siren = _d(rng, 8)
    siren += luhn_digit(siren)
    nic = _d(rng, 4)
    nic += luhn_digit(siren + nic)
    return f"{siren[:3]} {siren[3:6]} {siren[6:]}", f"{siren[:3]} {siren[3:6]} {siren[6:]} {nic}"


def rpps(rng: np.random.Generator) -> str:
    """An 11-digit RPPS number ("10" + 8 digits + Luhn digit)."""
    body = "10" + _d(rng, 8)
    return body + luhn_digit(body)


def nhs_number(rng: np.random.Generator) -> str:
    """A 10-digit NHS number "NNN NNN NNNN" with a valid mod-11 check digit."""
    while True:
        body = _d(rng, 9)
        check = mod11_digit(body)
        if check is not None:
            full = body + check
            return f"{full[:3]} {full[3:6]} {full[6:]}"


def french_number(n: int) -> str:
    """0..99 in French words, as a voicemail transcript spells phone-number pairs ("soixante-dix-huit")."""
    if n < 17:
        return FR_NUMBERS[n]
    if n < 20:
        return f"dix-{FR_NUMBERS[n - 10]}"
    tens, unit = divmod(n, 10)
    base = FR_TENS[tens]
    if tens in (7, 9):
        rest = n - (60 if tens == 7 else 80)
        joiner = "-et-" if rest == 11 and tens == 7 else "-"
        return base + joiner + french_number(rest)
    if unit == 0:
        return base + ("s" if tens == 8 else "")
    return base + ("-et-" if unit == 1 and tens != 8 else "-") + FR_NUMBERS[unit]


def spoken_phone(lang: str, digits: str) -> str:
    """A phone number as a voicemail transcript writes it: French pairs in words, English digit by digit."""
    if lang == "fr":
        first = f"zéro {FR_NUMBERS[int(digits[1])]}"
        pairs = [french_number(int(digits[i : i + 2])) for i in range(2, 10, 2)]
        return ", ".join([first, *pairs])
    return " ".join(EN_DIGITS[int(c)] for c in digits)


# --------------------------------------------------------------------------------------------------- draw


def blind6_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    male = bool(rng.random() < 0.5)
    first = fake.first_name_male() if male else fake.first_name_female()
    last = fake.last_name()
    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(16 * 365, 80 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    child_months = int(rng.integers(3, 15 * 12))
    accident = exam - dt.timedelta(days=int(rng.integers(0, 30)))
    chat = exam + dt.timedelta(days=int(rng.integers(0, 2)))
    vm = exam + dt.timedelta(days=int(rng.integers(1, 5)))

    def person() -> str:
        return f"{fake.first_name()} {fake.last_name()}"

    rad_first, rad_last = fake.first_name(), fake.last_name()
    ref_last = fake.last_name()
    parent_last = last if rng.random() < 0.6 else fake.last_name()
    parent_full = f"{fake.first_name_male()} {parent_last}"
    mother_full = f"{fake.first_name_female()} {fake.last_name()}"
    handle_pool = (f"{_slug(rad_first)}.{_slug(rad_last)}", f"{_slug(rad_first)[0]}{_slug(rad_last)}")
    handle2 = f"{_slug(fake.first_name())}_{_slug(fake.last_name())}"
    city = fake.city()
    siren, siret_text = siret(rng)
    phone_digits = "0" + str(int(rng.integers(1, 8))) + _d(rng, 8)
    if not fr:
        phone_digits = "07" + _d(rng, 9)
    initial = "-".join(f"{part[0]}." for part in first.split("-"))
    initials = f"{initial} {last[0]}."

    if fr:
        title = "M. " if male else "Mme "
        age = _pick(rng, (f"{years} ans", f"{years}ans", f"âgé(e) de {years} ans"))
        age_plain = f"{years} ans"
        child_age = f"{child_months} mois" if child_months < 24 else f"{child_months // 12} ans"
        practice = _pick(rng, (f"Cabinet de radiologie {fake.last_name()}", f"Imagerie médicale du {fake.last_name()}"))
        inst = f"CH de {city}"
        practice_address = f"{fake.street_address()}, {fake.postcode()} {city}"
        p_address = f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
        employer = fake.company()
        employer = employer if " " in employer else f"{employer} SAS"
        employer_address = f"{fake.street_address()}, {fake.city()}"
        club = _pick(rng, (f"AS {fake.city()} Rugby", f"US {fake.city()} Handball", f"Stade {fake.city()} FC"))
        brigade = f"Brigade de gendarmerie de {fake.city()}"
        email = f"{_slug(rad_first)[0]}.{_slug(rad_last)}@{_pick(rng, ('imagerie', 'radiologie'))}-{_slug(city)}.fr"
        portal = f"https://resultats.{_slug(city)}-imagerie.fr/patient?c={_d(rng, 6)}"
        son_of = "fils de" if male else "fille de"
        dob_slash = f"{birth.day}/{birth.month}/{birth.year % 100:02d}"
        exam_plain = f"{exam.day}/{exam.month}/{exam.year}"
        time = f"{int(rng.integers(7, 20))}h{int(rng.integers(60)):02d}"
        time2 = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        phone = format_phone("fr", rng, int(rng.integers(6)))
        phone2 = format_phone("fr", rng, int(rng.integers(6)))
    else:
        title = "Mr " if male else "Ms "
        age = _pick(rng, (f"{years}yo", f"aged {years}", f"{years} years"))
        age_plain = f"{years}y"
        child_age = f"{child_months} months" if child_months < 24 else f"{child_months // 12} years"
        practice = f"{fake.last_name()} Imaging"
        inst = _pick(rng, (f"{city} General Hospital", f"Royal {city} Infirmary"))
        practice_address = f"{fake.street_address()}, {city} {fake.postcode()}".replace("\n", ", ")
        p_address = f"{fake.street_address()}, {fake.city()} {fake.postcode()}".replace("\n", ", ")
        employer = f"{fake.last_name()} {_pick(rng, ('Logistics Ltd', 'Construction Ltd', 'Foods plc'))}"
        employer_address = f"{fake.street_address()}, {fake.city()}".replace("\n", ", ")
        club = _pick(rng, (f"{fake.city()} Rugby Club", f"{fake.city()} Town FC", f"{fake.city()} Hockey Club"))
        brigade = f"{fake.city()} Police Station"
        email = f"{_slug(rad_first)}.{_slug(rad_last)}@nhs.net"
        portal = f"https://patientview.{_slug(city)}.nhs.uk/img?code={_d(rng, 6)}"
        son_of = "son of" if male else "daughter of"
        dob_slash = f"{birth.day}/{birth.month}/{birth.year % 100:02d}"
        exam_plain = f"{exam.day}/{exam.month}/{exam.year % 100:02d}"
        time = f"{int(rng.integers(1, 13))}.{int(rng.integers(60)):02d}{_pick(rng, ('am', 'pm'))}"
        time2 = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        phone = f"07{_d(rng, 3)} {_d(rng, 6)}"
        phone2 = f"0{int(rng.integers(113, 200))} {_d(rng, 3)} {_d(rng, 4)}"

    code = "-".join("".join(_pick(rng, tuple("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")) for _ in range(3)) for _ in range(3))
    slots: Slots = {
        # patient
        "patient": (f"{first} {last}", "PATIENT"),
        "patient_lower": (f"{_ascii(first).lower()} {_ascii(last).lower()}", "PATIENT"),
        "first": (first, "PATIENT"),
        "LAST": (last.upper(), "PATIENT"),
        "initials": (initials, "PATIENT"),
        # other persons
        "radiologist": (_pick(rng, (f"{rad_first} {rad_last}", rad_last)), "PERSON"),
        "rad_full": (f"{rad_first} {rad_last}", "PERSON"),
        "ref_lower": (_ascii(ref_last).lower(), "PERSON"),
        "parent_full": (parent_full, "PERSON"),
        "mother_full": (mother_full, "PERSON"),
        "officer": (person(), "PERSON"),
        "occ_doc": (person(), "PERSON"),
        "consultant": (person(), "PERSON"),
        "gp": (person(), "PERSON"),
        "vm_caller": (person(), "PERSON"),
        "handle": (_pick(rng, handle_pool), "PERSON"),
        "handle2": (handle2, "PERSON"),
        # dates and ages
        "dob_slash": (dob_slash, "DATE"),
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "exam_date_plain": (exam_plain, "DATE"),
        "accident_date": (format_date(accident, lang, int(rng.integers(7))), "DATE"),
        "chat_date": (f"{chat.day:02d}/{chat.month:02d}/{chat.year}", "DATE"),
        "vm_date": (format_date(vm, lang, int(rng.integers(7))), "DATE"),
        "age": (age, "AGE"),
        "age_plain": (age_plain, "AGE"),
        "age_child": (child_age, "AGE"),
        # places and organisations
        "practice": (practice, "INSTITUTION"),
        "inst": (inst, "INSTITUTION"),
        "employer": (employer, "INSTITUTION"),
        "club": (club, "INSTITUTION"),
        "brigade": (brigade, "INSTITUTION"),
        "prison": (_pick(rng, PRISONS), "INSTITUTION"),
        "unit": (_pick(rng, UNITS_FR if fr else UNITS_EN), "INSTITUTION"),
        "police_force": (_pick(rng, FORCES_EN), "INSTITUTION"),
        "gp_practice": (
            f"{fake.last_name()} {_pick(rng, ('Medical Practice', 'Surgery', 'Health Centre'))}",
            "INSTITUTION",
        ),
        "practice_address": (practice_address, "LOCATION"),
        "p_address": (p_address, "LOCATION"),
        "employer_address": (employer_address, "LOCATION"),
        "rcs_city": (city, "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "phone2": (phone2, "PHONE"),
        "phone_words": (spoken_phone(lang, phone_digits), "PHONE"),
        "email": (email, "EMAIL"),
        "portal_url": (portal, "URL"),
        # numbers
        "siret": (siret_text, "ID"),
        "siren": (siren, "ID"),
        "rpps": (rpps(rng), "ID"),
        "req_no": (f"{exam.year}/{_d(rng, 5)}", "ID"),
        "officer_id": (_d(rng, 6) if fr else _d(rng, 4), "ID"),
        "pv": (f"{_d(rng, 5)}/{_d(rng, 5)}/{exam.year}", "ID"),
        "ecrou": (_d(rng, 6), "ID"),
        "licence": (_d(rng, 7) if fr else f"{_pick(rng, ('RFU', 'FA'))}{_d(rng, 6)}", "ID"),
        "at_no": (_d(rng, 12), "ID"),
        "claim_no": (f"WC-{exam.year}-{_d(rng, 6)}", "ID"),
        "crime_ref": (f"{_d(rng, 2)}/{_d(rng, 6)}/{exam.year % 100:02d}", "ID"),
        "nhs": (nhs_number(rng), "ID"),
        "practice_code": (f"{_pick(rng, tuple('ABCDFGHJKLMNPY'))}{_d(rng, 5)}", "ID"),
        "ipp": (_d(rng, int(rng.integers(7, 11))), "ID"),
        "mil_id": (_d(rng, 10) if fr else f"{_d(rng, 8)}", "ID"),
        "access_code": (code, "ID"),
        # unlabelled: titles, ranks, field words, traps
        "title": (title, None),
        "son_of": (son_of, None),
        "rank": (_pick(rng, RANKS_FR if fr else RANKS_EN), None),
        "rank_mil": (_pick(rng, RANKS_MIL_FR if fr else RANKS_MIL_EN), None),
        "job": (_pick(rng, JOBS_FR if fr else JOBS_EN), None),
        "federation": (_pick(rng, FEDERATIONS), None),
        "capital": (_pick(rng, ("10 000 €", "45 000 €", "150 000 €")), None),
        "ape": (_pick(rng, APE), None),
        "ward": (f"{int(rng.integers(1, 40))}{_pick(rng, ('', 'A', 'B'))}", None),
        "itt": (_pick(rng, ITT), None),
        "time": (time, None),
        "time2": (time2, None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "anat": (_pick(rng, ANAT_FR if fr else ANAT_EN), None),
        "scale": (_pick(rng, SCALES_FR if fr else SCALES_EN), None),
        "drug": (_pick(rng, DRUGS), None),
        "brace": (_pick(rng, BRACES_FR if fr else BRACES_EN), None),
        "duration": (
            _pick(rng, ("3 semaines", "10 jours", "48 h") if fr else ("3 weeks", "10 days", "48 hours")),
            None,
        ),
        "rel_date": (_pick(rng, ("à J+10", "dans 6 semaines") if fr else ("in 10 days", "in 6 weeks")), None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
