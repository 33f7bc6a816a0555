"""Blind18 template family: the patient named by title and by journey - medical repatriation and travel-assistance
files (assistance case numbers, flights and seats, hotels and their rooms, consulates), maritime tele-medicine
(ship names, IMO numbers with their check digit, radio call signs, seafarer's book numbers, ports), asylum-seeker
and migrant health (OFPRA numbers, AME cards, reception centres, telephone interpreters with their interpreter
numbers, domiciliation addresses), homeless patients (115/SIAO referrals, shelters, outreach teams), patients named
by a religious, noble or honorific title ("Sœur Marie-Agnès", "Comtesse", "Sir", "Dame", "Rabbi"), imaging
prescriptions with prescriber numbers (ADELI with its Luhn key, AM numbers), pregnancy dating (last menstrual
period, expected delivery date, weeks of amenorrhoea), wearables and home devices (smartwatch and CPAP serials,
cloud-account e-mails), comparison paragraphs naming prior exams at other centres with their dates and accession
numbers, pager ("bip") numbers, and English records from Hong Kong (HKID with its check character, +852) and Kenya
(SHA/NHIF member numbers, +254).

Written by an independent auditor who never read the detector (reports/deid/), for an eighteenth blind estimate of
how it generalises. No "Patient:" label: the patient is a traveller, a seafarer, an asylum seeker, a person sleeping
rough, a nun known by her religious name, a pregnant woman on a prescription, the owner of a smartwatch.

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions:
- Religious, noble and honorific titles ("Sœur", "Père", "Frère", "Mère", "Abbé", "Comtesse", "Sister", "Father",
  "Sir", "Dame", "Lady", "Rabbi", "Imam") are titles: outside the span, like "Mme". The religious name ("Marie-Agnès")
  names the patient: PATIENT, as a nickname does; a noble particle belongs to the surname (blind17).
- Assistance companies and tour operators are NOT INSTITUTION (they serve millions, like insurers): traps; their
  case / file numbers are ID. A consulate is INSTITUTION (it can point to its national).
- A hotel named as where the patient stays is LOCATION (it stands for the address); a hotel room number, a cabin
  number, a flight number and a seat are NOT identifiers (traps: they name a room or a flight, not a person).
- A ship or an offshore platform is INSTITUTION (the workplace of a crew of a few dozen, round-6 scope), and so is
  the operator employing the crew; its IMO number and radio call sign are ID (they point to that ship, hence that
  crew); a seafarer's book number is ID; a port is LOCATION.
- OFPRA, AME, 115/SIAO referral and telephone-interpreter numbers are ID; reception centres (CADA, HUDA), shelters
  and outreach teams (Samu social, maraude), domiciliation charities, interpreting agencies, child-welfare services
  (ASE) and religious communities (a convent, an abbey, a mosque) are INSTITUTION: each can point to one person; a
  domiciliation address and the place where someone sleeps rough are LOCATION; the interpreter and the outreach
  worker are PERSON. "Sans domicile fixe" / "no fixed abode" is not an identifier.
- A prescriber is PERSON, their ADELI / AM / registration numbers ID.
- Last menstrual period and expected delivery date are DATE (dates of the patient); weeks of amenorrhoea or of
  gestation are NOT AGE (the project rule) and stay unlabelled.
- A wearable's or home device's serial number is ID (Safe Harbor: device serial numbers); its model and firmware are
  traps; the cloud account e-mail is EMAIL. Post-nominals ("FRCS", "DBE") stay outside a name, like titles.
- A bip / pager number is PHONE (the project rule). Prior exams at other centres: the centre INSTITUTION, its date
  DATE, its accession number ID.
- HKID numbers and Kenyan SHA/NHIF member numbers are ID, "+852" / "+254" numbers PHONE.
- Traps: eponyms, classifications, firmware versions, lot numbers, durations, measurement series, a drug spelled
  letter by letter, flights, seats, hotel rooms and cabins, weeks of amenorrhoea, assistance companies.
`blind18_draw(lang, rng)` returns (slots, templates) like `blind17_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots, split_towns
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _d, _pick, _slug, luhn_digit
from xraymatch.reports.identities_blind12 import adeli_number

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Rapatriement sanitaire - {assistor}, dossier d'assistance {assist_case}\nVoyageuse : {first} {LAST}, "
            "{age}, vol {flight} siège {seat}, hébergée à l'{hotel} (chambre {hotel_room}) ; {consulate} informé.\n",
            "Consultation télémédicale maritime - navire {ship} (IMO {imo}, indicatif {callsign}), escale à {port}\n"
            "Marin concerné : {first} {LAST}, {age}, livret professionnel maritime n° {seafarer}.\n",
            "PASS - demandeuse d'asile {first} {LAST} ({age}), n° OFPRA {ofpra}, carte AME {ame}, hébergée au "
            "{centre}, domiciliation {domicile} ; interprétariat téléphonique : {interpreter} (interprète n° "
            "{interp_id}).\n",
            "Orientation 115 (SIAO n° {siao}) : {first} {LAST}, {age}, sans domicile fixe, mis(e) à l'abri "
            "au {centre}, signalé(e) par {outreach} ({outreach_worker}).\n",
            "Pour {honorific} {rel_name} (à l'état civil {first} {LAST}), {age}, accompagnée par {companion} de la "
            "même communauté.\n",
            "Ordonnance d'imagerie de {prescriber} (ADELI {adeli}, n° AM {am}) pour {first} {LAST}, {age}, "
            "enceinte de {wa} : DDR {lmp}, terme prévu le {edd}.\n",
            "Données de la montre connectée {watch_model} (n° de série {watch_serial}) transmises par {first} {LAST}, "
            "{age}, depuis le compte {cloud_email}.\n",
        ],
        [
            "Dossier hospitalier {ipp}, né(e) le {dob}\n",
            "Identifiant local {ipp} / naissance le {dob}\n",
            "Radiologue joignable au bip {pager} ; date de naissance {dob}\n",
        ],
        [
            "Comparaison avec l'examen du {prior_date} réalisé à {prior_site} (accession {prior_acc}).\n",
            "Images antérieures téléchargées depuis {url} (examen du {prior_date}).\n",
            "Adresse postale communiquée : {domicile}, {town}\n",
        ],
    ],
    "pre": [
        [
            "Éléments non identifiants : produit {drug_spelled} ; {eponym} ; {classif} ; micrologiciel {firmware} ; "
            "lot {lot} ; acquisition {duration} ; mesures {measure} ; cabine {cabin} ; terme {wa_trap}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nInterprétation : {radiologist}, {institution} - bip {pager}\n",
            "\n{radiologist} ({institution}) - secrétariat {phone} - {email}\n",
            "\nRésultat adressé à {prescriber} et au {consulate} ; {radiologist}, {institution}\n",
        ],
        [
            "Signé électroniquement le {exam_date}\n",
            "Portail de transmission : {url}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "Medical repatriation - {assistor} case {assist_case}\nTraveller {first} {LAST}, {age}, flight {flight} "
            "seat {seat}, staying at the {hotel} (room {hotel_room}); {consulate} notified.\n",
            "Radio medical advice - MV {ship} (IMO {imo}, call sign {callsign}), alongside at {port}\nCrew member "
            "{first} {LAST}, {age}, seafarer's discharge book {seafarer}.\n",
            "Refugee health screen: {first} {LAST} ({age}), HKID {hkid}, housed at {centre}, correspondence address "
            "{domicile}; telephone interpreter {interpreter} (ID {interp_id}).\n",
            "Street outreach referral {siao}: {first} {LAST}, {age}, no fixed abode, bedded at {centre}, found by "
            "{outreach} ({outreach_worker}).\n",
            "For {honorific} {rel_name} ({first} {LAST} by birth registration), {age}, escorted by {companion} of "
            "her community.\n",
            "Imaging request from {prescriber} (reg. {adeli}, SHA member {am}) for {first} {LAST}, {age}, {wa} "
            "pregnant: LMP {lmp}, EDD {edd}.\n",
            "Smartwatch {watch_model} (serial {watch_serial}) data shared by {first} {LAST}, {age}, from the account "
            "{cloud_email}.\n",
        ],
        [
            "Hospital record {ipp}, born {dob}\n",
            "Local ID {ipp} / birth date {dob}\n",
            "Reporting radiologist on bleep {pager}; date of birth {dob}\n",
        ],
        [
            "Compared with the study of {prior_date} performed at {prior_site} (accession {prior_acc}).\n",
            "Prior images pulled from {url} (study of {prior_date}).\n",
            "Postal address given: {domicile}, {town}\n",
        ],
    ],
    "pre": [
        [
            "Not identifiers: agent {drug_spelled}; {eponym}; {classif}; firmware {firmware}; lot {lot}; scan time "
            "{duration}; measurements {measure}; cabin {cabin}; gestation {wa_trap}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nReported by {radiologist}, {institution} - bleep {pager}\n",
            "\n{radiologist} ({institution}) - office {phone} - {email}\n",
            "\nCopies to {prescriber} and the {consulate}; {radiologist}, {institution}\n",
        ],
        [
            "E-signed {exam_date}\n",
            "Images and report released via {url}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

HONORIFICS_FR = ("Sœur", "Mère", "Père", "Frère", "Abbé", "Comtesse", "Rabbin", "Imam")
HONORIFICS_EN = ("Sister", "Mother", "Father", "Brother", "Dame", "Lady", "Sir", "Rabbi")
REL_NAMES_FR = ("Marie-Agnès", "Marie-Bénédicte", "Jean-Baptiste", "Thérèse de l'Enfant-Jésus", "Anne-Claire")
REL_NAMES_EN = ("Mary Agnes", "Bernadette", "Columba", "Mary Joseph", "Benedicta")
INSTITUTIONS_FR = ("CHU de Marseille - Hôpital Nord", "Hôpital d'instruction des armées Sainte-Anne",
                   "CH de Cayenne", "Hôpital Saint-Louis")  # fmt: skip
INSTITUTIONS_EN = ("Queen Mary Hospital", "Prince of Wales Hospital, Sha Tin", "Kenyatta National Hospital",
                   "Aga Khan University Hospital, Nairobi")  # fmt: skip
PRIOR_FR = ("Centre d'imagerie du Vieux-Port", "Clinique Bouchard", "CH d'Ajaccio", "Hôpital de Bastia")
PRIOR_EN = ("Coast General Hospital, Mombasa", "Tuen Mun Hospital", "Nairobi West Hospital", "Kwong Wah Hospital")
CONSULATES_FR = ("consulat général d'Algérie à Marseille", "consulat du Sénégal", "consulat de France à Nairobi")
CONSULATES_EN = ("British Consulate-General Hong Kong", "Kenyan High Commission in London", "Irish Consulate")
CENTRES_FR = ("CADA de Bourg-la-Reine", "HUDA Marseille-Saint-Charles", "centre d'hébergement La Madrague-Ville",
              "foyer Adoma Les Aygalades")  # fmt: skip
CENTRES_EN = ("Kwai Chung reception centre", "Salvation Army Hostel, Mombasa Road", "Christian Action Centre",
              "Mathare shelter")  # fmt: skip
OUTREACH_FR = ("Samu social de Marseille", "maraude de la Croix-Rouge", "équipe mobile psychiatrie-précarité")
OUTREACH_EN = ("St Barnabas' House outreach", "Nairobi street health team", "Hong Kong Outreach Team")
SHIPS = ("Northern Spirit", "Marianne Delmas", "Cap Ortegal", "Pacific Horizon", "Ocean Kestrel")
PORTS_FR = ("Fos-sur-Mer", "Port-Réunion", "Le Havre", "Dégrad-des-Cannes")
PORTS_EN = ("Mombasa", "Kwai Chung", "Lamu", "Tsing Yi")
HOTELS_FR = ("hôtel Ibis Marseille Centre Bourse", "hôtel Les Mouettes à Calvi", "hôtel Pierre & Mer, Ajaccio")
HOTELS_EN = ("Harbour Plaza North Point", "Sarova Whitesands Hotel, Mombasa", "Mira Hong Kong")
# Traps.
ASSISTORS = ("Mondial Assistance", "Europ Assistance", "AXA Partners", "TUI voyages", "Allianz Travel")
WATCHES = ("Apple Watch Series 8", "Withings ScanWatch 2", "Fitbit Sense", "ResMed AirSense 11")
SPELL_DRUGS = ("IOPROMIDE", "GADOTERATE", "IOBITRIDOL")
EPONYMS_FR = ("signe de Hampton", "ligne de Kerley", "hernie de Bochdalek", "maladie de Paget")
EPONYMS_EN = ("Hampton hump", "Kerley B lines", "Bochdalek hernia", "Paget disease")
CLASSIF = ("Fleischner 2017", "Lung-RADS 3", "O-RADS 2", "TNM T2N0", "Bosniak IIF", "Schatzker II")
FIRMWARES = ("fw 10.4.1", "v2.31.0", "build 7.1-rc3", "SW 1.18")
MEASURES_FR = ("11 / 13 / 17 mm", "3,4 x 2,2 cm", "6-8-9 mm")
MEASURES_EN = ("11 / 13 / 17 mm", "3.4 x 2.2 cm", "6-8-9 mm")
DURATIONS = ("4 min 12 s", "22 min", "1 h 05")


# --------------------------------------------------------------------------------------------------- helpers


def imo_check(six: str) -> str:
    """The IMO ship-number check digit: the six digits weighted 7, 6, 5, 4, 3, 2, the sum's last digit."""
    if len(six) != 6 or not six.isdigit():
        raise ValueError(f"imo_check: expected six digits, got {six!r}")
    return str(sum(int(c) * w for c, w in zip(six, range(7, 1, -1), strict=True)) % 10)


def hkid_check(prefix: str, six: str) -> str:
    """The Hong Kong identity-card check character: prefix letters (one is padded with a space worth 36, A=10 ... Z=35)
    and six digits weighted 9 down to 2; 11 minus the sum mod 11, with 10 as "A" and 11 as "0"."""
    if not (1 <= len(prefix) <= 2 and prefix.isalpha() and prefix.isupper()) or len(six) != 6 or not six.isdigit():
        raise ValueError(f"hkid_check: expected 1-2 capital letters and six digits, got {prefix!r}, {six!r}")
    values = ([36] if len(prefix) == 1 else []) + [ord(c) - 55 for c in prefix] + [int(c) for c in six]
    rest = 11 - sum(v * w for v, w in zip(values, range(9, 1, -1), strict=True)) % 11
    return {10: "A", 11: "0"}.get(rest, str(rest))


def imo_number(rng: np.random.Generator) -> str:
    """A seven-digit IMO number (first digit 9, as ships since the 1990s) with its check digit."""
    six = "9" + _d(rng, 5)
    return six + imo_check(six)


def hkid_number(rng: np.random.Generator) -> str:
    """An HKID as printed: letter, six digits, check character in parentheses ("A123456(3)")."""
    prefix = _pick(rng, "ACDGKPRYZ")
    six = _d(rng, 6)
    return f"{prefix}{six}({hkid_check(prefix, six)})"


def _alnum(rng: np.random.Generator, n: int) -> str:
    return "".join(_pick(rng, "ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(n))


# --------------------------------------------------------------------------------------------------- draw


def blind18_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    first, last = fake.first_name_female(), fake.last_name()
    used = {last}

    def person() -> str:
        while True:
            s = fake.last_name()
            if s not in used and " " not in s:
                used.add(s)
                return f"{fake.first_name()} {s}"

    LAST = last.upper() if rng.random() < 0.3 else last
    staff = {k: person() for k in ("interpreter", "outreach_worker", "prescriber", "radiologist", "companion")}
    r_first, r_last = staff["radiologist"].split(" ", 1)

    exam = dt.date(2017, 1, 1) + dt.timedelta(days=int(rng.integers(8 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 45 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    prior = exam - dt.timedelta(days=int(rng.integers(60, 900)))
    weeks = int(rng.integers(8, 38))
    lmp = exam - dt.timedelta(weeks=weeks - 2, days=int(rng.integers(7)))
    edd = lmp + dt.timedelta(days=280)
    fmt = int(rng.integers(7))

    def date(day: dt.date) -> str:
        return format_date(day, lang, fmt)

    if fr:
        age = f"{years} ans"
        phone = f"0{_pick(rng, '1249')} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        domain = _pick(rng, ("ap-hm.fr", "ch-cayenne.fr", "hia-sainteanne.fr"))
        domicile = f"{int(rng.integers(1, 90))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        wa = f"{weeks} SA"
        am_body = f"{int(rng.integers(1, 96)):02d}1{_d(rng, 5)}"
        am_number = am_body + luhn_digit(am_body)
        patient_id = _d(rng, 9)
    else:
        age = _pick(rng, (f"{years} years", f"{years}-year-old", f"aged {years}"))
        phone = _pick(rng, (f"+852 {_pick(rng, '5679')}{_d(rng, 3)} {_d(rng, 4)}", f"+254 7{_d(rng, 2)} {_d(rng, 3)} "
                            f"{_d(rng, 3)}", f"+254 20 {_d(rng, 7)}"))  # fmt: skip
        domain = _pick(rng, ("ha.org.hk", "knh.or.ke", "aku.edu"))
        domicile = f"Flat {int(rng.integers(1, 30))}{_pick(rng, 'ABCDEF')}, {fake.street_name()}"
        wa = f"{weeks} weeks"
        am_number = f"SHA-{_d(rng, 8)}"
        patient_id = hkid_number(rng) if rng.random() < 0.5 else f"KNH/{_d(rng, 6)}/{exam.year % 100:02d}"
    ame_body = _d(rng, 9)
    slots: Slots = {
        # the patient
        "first": (first, "PATIENT"),
        "LAST": (LAST, "PATIENT"),
        "rel_name": (_pick(rng, REL_NAMES_FR if fr else REL_NAMES_EN), "PATIENT"),
        "cloud_email": (f"{_slug(first)}.{_slug(last)}{_d(rng, 2)}@{_pick(rng, ('icloud.com', 'gmail.com'))}", "EMAIL"),
        # other persons
        **{k: (v, "PERSON") for k, v in staff.items()},
        # dates and ages
        "dob": (date(birth), "DATE"),
        "exam_date": (date(exam), "DATE"),
        "prior_date": (date(prior), "DATE"),
        "lmp": (date(lmp), "DATE"),
        "edd": (date(edd), "DATE"),
        "age": (age, "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS_FR if fr else INSTITUTIONS_EN), "INSTITUTION"),
        "prior_site": (_pick(rng, PRIOR_FR if fr else PRIOR_EN), "INSTITUTION"),
        "consulate": (_pick(rng, CONSULATES_FR if fr else CONSULATES_EN), "INSTITUTION"),
        "centre": (_pick(rng, CENTRES_FR if fr else CENTRES_EN), "INSTITUTION"),
        "outreach": (_pick(rng, OUTREACH_FR if fr else OUTREACH_EN), "INSTITUTION"),
        "ship": (_pick(rng, SHIPS), "INSTITUTION"),
        "port": (_pick(rng, PORTS_FR if fr else PORTS_EN), "LOCATION"),
        "hotel": (_pick(rng, HOTELS_FR if fr else HOTELS_EN), "LOCATION"),
        "domicile": (domicile, "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "pager": (_d(rng, 4), "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last)}@{domain}", "EMAIL"),
        "url": (f"https://pacs-partage.{domain}/etude/{_d(rng, 8)}", "URL"),
        # numbers
        "ipp": (patient_id, "ID"),
        "assist_case": (f"{_pick(rng, ('MA', 'EA', 'AP'))}{exam.year % 100:02d}-{_d(rng, 6)}", "ID"),
        "imo": (imo_number(rng), "ID"),
        "callsign": (f"{_pick(rng, ('FM', 'VR', '5Z', 'C6'))}{_alnum(rng, 3)}", "ID"),
        "seafarer": (f"{_pick(rng, ('MAR', 'HK', 'KE'))}{_d(rng, 7)}", "ID"),
        "ofpra": (f"{exam.year % 100:02d}{_d(rng, 2)}-{_d(rng, 6)}", "ID"),
        "ame": (ame_body + luhn_digit(ame_body), "ID"),
        "hkid": (hkid_number(rng), "ID"),
        "interp_id": (_d(rng, 5), "ID"),
        "siao": (f"{_pick(rng, ('SIAO13', 'SIAO75', 'SO'))}-{_d(rng, 6)}", "ID"),
        "adeli": (adeli_number(rng) if fr else f"{_pick(rng, ('M', 'KMPDC/'))}{_d(rng, 5)}", "ID"),
        "am": (am_number, "ID"),
        "watch_serial": (_alnum(rng, 10), "ID"),
        "prior_acc": (f"{_pick(rng, ('ACC', 'RIS', 'AN'))}{_d(rng, 8)}", "ID"),
        # unlabelled: traps
        "honorific": (_pick(rng, HONORIFICS_FR if fr else HONORIFICS_EN), None),
        "assistor": (_pick(rng, ASSISTORS), None),
        "flight": (f"{_pick(rng, ('AF', 'KQ', 'CX', 'TO'))} {int(rng.integers(100, 9999))}", None),
        "seat": (f"{int(rng.integers(1, 45))}{_pick(rng, 'ABCDEF')}", None),
        "hotel_room": (str(int(rng.integers(101, 880))), None),
        "cabin": (f"{_pick(rng, 'ABC')}-{int(rng.integers(10, 99))}", None),
        "wa": (wa, None),
        "wa_trap": (wa, None),
        "watch_model": (_pick(rng, WATCHES), None),
        "drug_spelled": ("-".join(_pick(rng, SPELL_DRUGS)), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "firmware": (_pick(rng, FIRMWARES), None),
        "lot": (f"{_pick(rng, ('LOT', 'L'))}{_d(rng, 5)}{_pick(rng, 'XYZ')}", None),
        "duration": (_pick(rng, DURATIONS), None),
        "measure": (_pick(rng, MEASURES_FR if fr else MEASURES_EN), None),
    }
    return split_towns(slots, FR_TEMPLATES if fr else EN_TEMPLATES, "institution", "prior_site", "centre")
