"""Blind17 template family: the patient named by ear and by habit - voicemail and phone-call transcripts where the
name is spelled out (letter by letter "D-U-P-O-N-T", the French spelling alphabet "R comme Raoul", the NATO alphabet
"Romeo Oscar") and phone numbers are read digit by digit in words, surnames with particles ("de La Fontaine", "van
der Meer", "Ní Bhriain", "binti Salleh", "al-Haddad") or made of common words ("Rose Bonheur", "Blanche Pierre", "Hope
Marsh"), inflected and possessive uses ("chez les Pierre", "Marsh's scan", "the Marshes"), ages written after a name in
parentheses ("Mme Roux (54)") or only as a birth year, dates with Roman-numeral months ("3/III/2021"), ordinals ("the
3rd of March 2021"), two-digit years ("03-04-05") and short month-years ("mars 21", "Mar '21"), ethics-committee
(CPP/IRB) letters quoting a research participant (participant numbers with a Luhn check digit), complaint-mediation
and ombudsman letters, night-shift bullet hand-overs with bed numbers, and multi-trauma discharge summaries naming
the responders (paramedics, police officers with badge numbers and their unit, interpreters).

Written by an independent auditor who never read the detector (reports/deid/), for a seventeenth blind estimate of how
it generalises. No "Patient:" label: the patient is a caller's mother, a research participant, a complainant, a bed
in a hand-over, a victim among responders.

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions:
- A spelled-out name is ONE span of its person from the first letter to the last (letters, hyphens, "comme"/"as in"
  and the code words included: "R comme Raoul, O comme Oscar"; "Romeo Oscar Uniform X-ray"; "D-U-P-O-N-T"): the
  spelling rebuilds the name. The code words are never persons of their own. A drug or device name spelled the same
  way is a trap.
- A phone number read digit by digit in words ("zéro six, douze ...", "oh eight seven ...") is one PHONE span.
- A particle belongs to the surname span ("de La Fontaine", "van der Meer", "Ní Bhriain", "binti Salleh", "al-Haddad");
  a title before it stays outside. Names made of common words are labelled like any name, wherever they name the
  person; the same words used as words are not.
- Possessive and plural uses: the surname alone is the span; "'s", the plural "s"/"es" of "the Marshes" and "chez
  les" stay outside (like "famille" in blind16). For an English plural the span is the surname as written, the plural
  ending outside.
- A bare number in parentheses after a name ("Roux (54)") is AGE, the number only; a birth year alone ("(1961)", "né
  en 1961") is NOT a DATE (the year rule) and stays unlabelled.
- Dates with Roman-numeral months, ordinals, two-digit years and short month-years ("mars 21", "Mar '21") are DATE,
  one span each (a month-year is a DATE by the project rule).
- A day of the month alone ("on the 14th") carries no month or year: not a DATE.
- Ethics committees (CPP, IRB) are INSTITUTION (an organisation of the hospital that can point to its participants);
  a participant number is ID; a protocol number names a study, not a person: trap.
- Ombudsmen, mediators, paramedics, police officers and interpreters are PERSON; a police unit or station is
  INSTITUTION (round-6 scope); a badge or collar number is ID (the project rule for staff numbers); a complaint file
  number is ID.
- Bed and room numbers ("lit 12", "bed 4"), times, durations, shift names, scores, classifications, eponyms, software
  versions, lot numbers and measurement series are NOT identifiers (traps).
`blind17_draw(lang, rng)` returns (slots, templates) like `blind16_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import MONTHS_EN, MONTHS_FR, _faker, format_date
from xraymatch.reports.identities_blind5 import _ascii, _d, _pick, _slug, luhn_digit

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Transcription de la messagerie vocale ({time}) : « Oui bonjour, c'est {caller}, j'appelle pour ma "
            "mère, Mme {LAST}, je vous épelle : {spelled}. Rappelez-moi au {phone_words}. Maman a {age}. »\n",
            "Note d'appel du {call_date} : le secrétariat de {referrer} demande un scanner pour {first} {LAST} "
            "(née en {birth_year}) ; nom épelé au téléphone : {spelled}.\n",
            "{cpp} - séance du {month_year}\nLa participante {participant} ({age}) écrit : « Moi, {first} {LAST}, "
            "je retire mon consentement signé le {consent_date}. »\n",
            "Médiation médicale - réclamation n° {claim}\nMédiateur : {mediator}. Réclamante : Mme {first} {LAST} "
            "({age_bare}), accompagnée de son fils {caller}.\n",
            "Transmissions de nuit (équipe de {shift})\n- lit {bed} : {LAST} ({age_bare}), TDM cérébrale faite, "
            "famille prévenue chez les {LAST}\n- lit {bed2} : RAS\n",
            "Polytraumatisé - compte rendu de sortie\nVictime : {first} {LAST}, {age}. Prise en charge par "
            "{paramedic} (SMUR), audition par le brigadier {officer} (matricule {badge}, {police}) ; interprète "
            "{interpreter}.\n",
        ],
        [
            "IPP {ipp} - née le {dob}\n",
            "Participant n° {participant} ; naissance {dob}\n",
            "Dossier de réclamation {claim} ; rappel au {phone}\n",
            "Entrée le {call_date}, dossier {ipp}, joignable au {phone}\n",
        ],
        [
            "Domicile déclaré : {address}\n",
            "Réponse à adresser : {address}\n",
            "Visioconférence : {url}\n",
        ],
    ],
    "pre": [
        [
            "Mentions techniques : produit épelé {drug_spelled} ; {eponym} ; {classif} ; {software} ; lot {lot} ; "
            "durée {duration} ; mesures {measure} ; protocole {protocol}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nDicté par {radiologist} ({institution}) ; secrétariat {phone}\n",
            "\n{radiologist} · {institution} · {email}\n",
            "\nCopie au médiateur {mediator}, {institution}\n",
        ],
        [
            "Validation le {exam_date}\n",
            "Pour information : {referrer}, {town}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "Voicemail transcript ({time}): \"Hi, this is {caller}, I'm ringing about my mum, Mrs {LAST}, that's "
            "{spelled}. Call me back on {phone_words}. She's {age}.\"\n",
            "Phone note {call_date}: {referrer}'s office asks for {first} {LAST}'s CT (born {birth_year}); surname "
            "spelled over the phone: {spelled}.\n",
            '{cpp} - meeting of {month_year}\nParticipant {participant} ({age}) writes: "I, {first} {LAST}, '
            'withdraw the consent I signed on {consent_date}."\n',
            "Patient Advocacy and Liaison - complaint ref. {claim}\nCaseworker: {mediator}. Complainant: Ms {first} "
            "{LAST} ({age_bare}), with her son {caller}.\n",
            "Night handover ({shift} shift)\n* bed {bed}: {LAST} ({age_bare}), CT head done, the {LAST}s informed\n"
            "* bed {bed2}: nil new\n",
            "Major trauma discharge summary\n{first} {LAST}, {age}, brought in by {paramedic} (ambulance crew), "
            "statement taken by PC {officer} (collar no. {badge}, {police}); interpreter {interpreter}.\n",
        ],
        [
            "MRN {ipp} - DOB {dob}\n",
            "Participant no. {participant}; born {dob}\n",
            "Complaint file {claim}; call back on {phone}\n",
            "Admitted {call_date}, hospital no. {ipp}, contact {phone}\n",
        ],
        [
            "Home address on file: {address}\n",
            "Reply to: {address}\n",
            "Video clinic link: {url}\n",
        ],
    ],
    "pre": [
        [
            "Technical: contrast spelled {drug_spelled}; {eponym}; {classif}; {software}; lot {lot}; duration "
            "{duration}; measurements {measure}; protocol {protocol}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nDictated by {radiologist} ({institution}); secretaries {phone}\n",
            "\n{radiologist} · {institution} · {email}\n",
            "\ncc the caseworker {mediator}, {institution}\n",
        ],
        [
            "Verified {exam_date}\n",
            "For information: {referrer}, {town}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Patients with particles or common-word names (first, last); the other half get a faker name.
NAMES_FR = (("Rose", "Bonheur"), ("Blanche", "Pierre"), ("Léa", "Petit"), ("Claire", "de La Fontaine"),
            ("Marguerite", "du Bois"), ("Anne", "Le Gall"), ("Yasmine", "al-Haddad"), ("Julie", "Lamour"))  # fmt: skip
NAMES_EN = (("Hope", "Marsh"), ("Grace", "Baker"), ("Anke", "van der Meer"), ("Aoife", "Ní Bhriain"),
            ("Aisyah", "binti Salleh"), ("Joy", "Rivers"), ("Faith", "Young"), ("Amina", "al-Rashid"))  # fmt: skip
INSTITUTIONS_FR = ("CHU de Nantes", "Hôpital Bégin", "CH de Saint-Nazaire", "Clinique Jules Verne")
INSTITUTIONS_EN = ("Derriford Hospital", "Royal Stoke University Hospital", "St Mary's Hospital", "Leeds General")
CPP_FR = ("CPP Ouest IV", "CPP Sud-Est II", "Comité d'éthique du CHU de Nantes")
CPP_EN = ("South Central IRB", "Leeds West Research Ethics Committee", "Derriford IRB")
POLICE_FR = ("commissariat de Saint-Nazaire", "brigade de gendarmerie de Pornic", "BAC de Nantes")
POLICE_EN = ("Devon and Cornwall Police", "Plymouth Charles Cross station", "West Yorkshire Police")
FR_ALPHABET = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    "Anatole", "Berthe", "Célestin", "Désiré", "Eugène", "François", "Gaston", "Henri", "Irma", "Joseph", "Kléber",
    "Louis", "Marcel", "Nicolas", "Oscar", "Pierre", "Quintal", "Raoul", "Suzanne", "Thérèse", "Ursule", "Victor",
    "William", "Xavier", "Yvonne", "Zoé"), strict=True))  # fmt: skip
NATO = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet", "Kilo", "Lima",
    "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey",
    "X-ray", "Yankee", "Zulu"), strict=True))  # fmt: skip
DIGITS_FR = ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf")
DIGITS_EN = ("oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
# Traps.
SPELL_DRUGS = ("IOMEPROL", "IOHEXOL", "GADOBUTROL", "IOPAMIDOL")
EPONYMS_FR = ("fracture de Pouteau-Colles", "signe de Gower", "kyste de Baker", "maladie de Kienböck")
EPONYMS_EN = ("Colles fracture", "Baker's cyst", "Kienböck disease", "Hoffa fat pad")
CLASSIF = ("GCS 14", "ISS 27", "AIS 3", "Garden III", "Weber B", "AO 31-A2", "Salter-Harris II")
SOFTWARE = ("syngo.via VB60", "Carestream Vue 12.2", "OsiriX MD 13.0", "Aidoc v2.4")
MEASURES = ("12 / 15 / 19 mm", "4,2 x 3,1 cm", "8-11-14 mm", "2,5 ; 2,9 ; 3,3 cm")
MEASURES_EN = ("12 / 15 / 19 mm", "4.2 x 3.1 cm", "8-11-14 mm", "2.5; 2.9; 3.3 cm")
DURATIONS = ("6 min 40 s", "35 min", "1 h 50")
SHIFTS_FR = ("nuit", "garde", "week-end")
SHIFTS_EN = ("night", "twilight", "weekend")

# --------------------------------------------------------------------------------------------------- helpers


def luhn_check(digits: str) -> str:
    """The Luhn (mod 10) check digit of `digits`: every second digit from the right doubled, digits summed."""
    if not digits or not digits.isdigit():
        raise ValueError(f"luhn_check: expected digits, got {digits!r}")
    return luhn_digit(digits)


def spell(name: str, style: str) -> str:
    """A surname spelled out loud: "letters" (D-U-P-O-N-T), "fr" (D comme Désiré, ...) or "nato" (Delta Uniform).

    Accents are dropped and words stay apart ("DE LA" -> "D-E L-A"); apostrophes and hyphens are not spelled.
    """
    words = ["".join(ch for ch in _ascii(w).upper() if ch.isalpha()) for w in name.replace("-", " ").split()]
    words = [w for w in words if w]
    if not words:
        raise ValueError(f"spell: nothing to spell in {name!r}")
    if style == "letters":
        return " ".join("-".join(w) for w in words)
    if style == "fr":
        return ", ".join(f"{ch} comme {FR_ALPHABET[ch]}" for w in words for ch in w)
    if style == "nato":
        return " ".join(NATO[ch] for w in words for ch in w)
    raise ValueError(f"spell: unknown style {style!r}; expected letters, fr or nato")


def digits_in_words(number: str, lang: str) -> str:
    """A phone number read digit by digit, its groups kept apart by commas ("zéro six, un deux, ...")."""
    names = DIGITS_FR if lang == "fr" else DIGITS_EN
    groups = [g for g in number.split() if g]
    if not groups or not all(g.isdigit() for g in groups):
        raise ValueError(f"digits_in_words: expected digit groups, got {number!r}")
    return ", ".join(" ".join(names[int(c)] for c in g) for g in groups)


def roman_date(date: dt.date) -> str:
    """A date with its month in Roman numerals ("3/III/2021")."""
    return f"{date.day}/{ROMAN[date.month - 1]}/{date.year}"


def ordinal_date(date: dt.date, lang: str) -> str:
    """ "the 3rd of March 2021" / "le 3e jour de mars 2021" (ordinal day, month in words)."""
    d = date.day
    if lang == "fr":
        return f"{'1er' if d == 1 else f'{d}e'} jour de {MONTHS_FR[date.month - 1]} {date.year}"
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"the {d}{suffix} of {MONTHS_EN[date.month - 1]} {date.year}"


def short_month_year(date: dt.date, lang: str) -> str:
    """A month with a two-digit year: "mars 21" / "Mar '21"."""
    if lang == "fr":
        return f"{MONTHS_FR[date.month - 1]} {date.year % 100:02d}"
    return f"{MONTHS_EN[date.month - 1][:3]} '{date.year % 100:02d}"


def _some_date(date: dt.date, lang: str, rng: np.random.Generator) -> str:
    kind = int(rng.integers(4))
    if kind == 0:
        return roman_date(date)
    if kind == 1:
        return ordinal_date(date, lang)
    if kind == 2:  # two-digit everything, day first in French, month first in US English
        a, b = (date.day, date.month) if lang == "fr" else (date.month, date.day)
        return f"{a:02d}-{b:02d}-{date.year % 100:02d}"
    return format_date(date, lang, int(rng.integers(7)))


# --------------------------------------------------------------------------------------------------- draw


def blind17_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    if rng.random() < 0.5:
        first, last = _pick(rng, NAMES_FR if fr else NAMES_EN)
    else:
        first, last = fake.first_name_female(), fake.last_name()
    used = {last}

    def person() -> str:
        while True:
            s = fake.last_name()
            if s not in used and " " not in s:
                used.add(s)
                return f"{fake.first_name()} {s}"

    LAST = last.upper() if rng.random() < 0.3 else last
    staff = {k: person() for k in ("caller", "referrer", "mediator", "paramedic", "officer", "interpreter",
                                   "radiologist")}  # fmt: skip
    r_first, r_last = staff["radiologist"].split(" ", 1)

    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 95 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    consent = exam - dt.timedelta(days=int(rng.integers(30, 700)))
    call = exam - dt.timedelta(days=int(rng.integers(1, 20)))
    body = _d(rng, 7)
    if fr:
        age = f"{years} ans"
        phone = f"0{_pick(rng, '1267')} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        domain = _pick(rng, ("chu-nantes.fr", "ch-saintnazaire.fr", "hia-begin.fr"))
        address = f"{int(rng.integers(1, 120))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        ipp = _d(rng, 9)
        participant = f"{_pick(rng, ('NTE', 'SNZ'))}-{body}{luhn_check(body)}"
        claim = f"RCL-{exam.year}-{_d(rng, 4)}"
        badge = _d(rng, 7)
    else:
        age = _pick(rng, (f"{years} yo", f"{years} years old", f"{years}y"))
        phone = _pick(rng, (f"07{_d(rng, 3)} {_d(rng, 6)}", f"01752 {_d(rng, 6)}", f"0113 {_d(rng, 3)} {_d(rng, 4)}"))
        domain = _pick(rng, ("nhs.net", "uhp.nhs.uk", "leedsth.nhs.uk"))
        address = f"{int(rng.integers(1, 120))} {fake.street_name()}, {fake.city()} {fake.postcode()}"
        ipp = _pick(rng, (_d(rng, 8), f"RK9{_d(rng, 7)}"))
        participant = f"{_pick(rng, ('PLY', 'LDS'))}{body}{luhn_check(body)}"
        claim = f"PALS/{exam.year % 100:02d}/{_d(rng, 4)}"
        badge = _d(rng, 4)
    slots: Slots = {
        # the patient
        "first": (first, "PATIENT"),
        "LAST": (LAST, "PATIENT"),
        "spelled": (spell(last, _pick(rng, ("letters", "fr" if fr else "nato"))), "PATIENT"),
        # other persons
        **{k: (v, "PERSON") for k, v in staff.items()},
        # dates and ages
        "exam_date": (format_date(exam, lang, int(rng.integers(7))), "DATE"),
        "dob": (_some_date(birth, lang, rng), "DATE"),
        "consent_date": (_some_date(consent, lang, rng), "DATE"),
        "call_date": (_some_date(call, lang, rng), "DATE"),
        "month_year": (short_month_year(exam, lang), "DATE"),
        "age": (age, "AGE"),
        "age_bare": (str(years), "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS_FR if fr else INSTITUTIONS_EN), "INSTITUTION"),
        "cpp": (_pick(rng, CPP_FR if fr else CPP_EN), "INSTITUTION"),
        "police": (_pick(rng, POLICE_FR if fr else POLICE_EN), "INSTITUTION"),
        "address": (address, "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "phone_words": (digits_in_words(phone, lang), "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last)}@{domain}", "EMAIL"),
        "url": (f"https://visio.{domain}/salle/{_d(rng, 3)}-{_d(rng, 3)}-{_d(rng, 3)}", "URL"),
        # numbers
        "ipp": (ipp, "ID"),
        "participant": (participant, "ID"),
        "claim": (claim, "ID"),
        "badge": (badge, "ID"),
        # unlabelled: traps
        "birth_year": (str(birth.year), None),
        "shift": (_pick(rng, SHIFTS_FR if fr else SHIFTS_EN), None),
        "bed": (str(int(rng.integers(1, 20))), None),
        "bed2": (str(int(rng.integers(20, 40))), None),
        "time": (f"{int(rng.integers(0, 24)):02d}h{int(rng.integers(60)):02d}", None),
        "drug_spelled": ("-".join(_pick(rng, SPELL_DRUGS)), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "software": (_pick(rng, SOFTWARE), None),
        "lot": (f"L{_d(rng, 4)}/{_pick(rng, 'ABC')}", None),
        "duration": (_pick(rng, DURATIONS), None),
        "measure": (_pick(rng, MEASURES if fr else MEASURES_EN), None),
        "protocol": (f"{_pick(rng, ('RC', 'PHRC', 'REC'))}-{exam.year - 1}-{_d(rng, 3)}", None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
