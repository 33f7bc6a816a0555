"""Blind8 template family: FHIR and CDA fragments, ambulance transfers, tumour boards, screening letters, trial CRFs,
insurance and court paperwork, appointment reminders, fax covers, invoices and cross-border patients.

Written by an independent auditor who never read the detector (reports/deid/), for an eighth blind estimate of how
it generalises. New shapes: FHIR JSON `Patient` resources (`family`/`given`/`birthDate`/`identifier`) and CDA
`recordTarget` XML; SMUR/SAMU and ambulance (ATMIST) transfer sheets with crew names, call-signs and the licence
plate of the crashed car; inter-hospital transfer requests; tumour-board (RCP/MDT) minutes with participant lists;
organised breast-screening letters (screening number, NHS number); clinical-trial CRF headers (site, subject code,
investigator, protocol acronym, EudraCT and NCT numbers); prior-authorisation and insurance forms; court-ordered
expert reports (court, "RG n°", lawyer / solicitor, claim number); appointment letters and SMS reminders with
booking references; fax cover sheets ("V/Réf", "N/Réf"); invoices with IBAN; passport, residence-permit and
driving-licence numbers; CAF/MDPH dossier numbers; German, Italian and Spanish snippets of a cross-border patient
(Krankenversichertennummer, codice fiscale, DNI); speech-recognition spellings of staff ("doc martin"); neighbours
and deceased relatives; staff pagers ("bip 4521"); patient nicknames.

Gold conventions (those of blind7 and `entities.LABELS`), with these decisions:
- A span is the identifier text only: no titles, field names, JSON keys, XML tags or quotes. In FHIR/CDA the values
  of `family`, `given` (PATIENT), `birthDate`/`birthTime` (DATE) and the identifier `value`/`extension` (ID) are
  labelled; the identifier `system` URL or OID and the resource type are NOT (they name a numbering scheme, not a
  person) and are planted as traps.
- A patient's nickname ("dit « Jojo »", "known as Bill") is PATIENT.
- Crew members, tumour-board participants, investigators, lawyers, solicitors, court experts, neighbours and deceased
  relatives are PERSON; a staff name mangled by speech recognition ("doc martin") is PERSON.
- A staff pager number ("bip 4521", "bleep 4521") is PHONE: it rings one person (as i2b2 counts pagers).
- Licence plates, IBANs, passport, residence-permit and driving-licence numbers, CAF/MDPH/pension dossier numbers,
  invoice numbers, booking references, fax references (V/Réf, N/Réf), court case numbers (RG n°, claim no.),
  screening numbers, insurer member numbers, trial subject codes ("SUBJ-012-0045"), foreign insurance and tax
  numbers (KVNR, codice fiscale, DNI) are ID.
- A court ("Tribunal judiciaire de Lyon", "County Court at Leeds") is one INSTITUTION span, city included.
- The employer or company in a lawsuit, a GP surgery, a nursing home (EHPAD) and a solicitors' firm are
  INSTITUTION; insurer names (MGEN, Aetna, TK) are not (they cover millions of people).
- An age is the number with its unit or sex letter ("71 ans", "34M", "19 years"); lead-in words ("aged", "âgé de")
  are outside the span. A month-year of birth ("DOB 1955-07") and a day-month without year ("21 March") are DATE.
- A patient's initials on a CRF ("Initiales M-D") are PATIENT. Adjacent parts of one name are one span in the
  cases ("BERTRAND Alain"); parts split by JSON/XML structure are separate spans, and so are street, postcode and
  city in separate CDA elements. A DICOM UID in FHIR is ID without its "urn:oid:" prefix.
- NOT identifiers (traps): the trial protocol acronym, EudraCT and NCT registry numbers and the site number (they
  name a study or a centre's slot in it, shared by every subject); ambulance call-signs ("VSAV 2", "UMH 1") and
  triage scores (CCMU, P1, GCS); amounts ("184,50 €"); insurer names; CCAM codes; BI-RADS/ACR categories; eponyms
  used as such, classifications, drug names and doses, times, durations, relative dates, rooms, beds, wards and
  page counts.
`blind8_draw(lang, rng)` returns (slots, family) like `blind7_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _ascii, _d, _pick, _slug, mod11_digit

if TYPE_CHECKING:
    import numpy as np


# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            '{"resourceType": "Patient", "identifier": [{"system": "{fhir_system}", "value": "{ipp}"}], "name": '
            '[{"family": "{LAST}", "given": ["{first}"]}], "birthDate": "{dob_iso}"}\n',
            '<recordTarget><patientRole><id root="{cda_root}" extension="{ipp}"/><patient><name><given>{first}'
            '</given><family>{LAST}</family></name><birthTime value="{dob_compact}"/></patient></patientRole>'
            "</recordTarget>\n",
            "FICHE DE TRANSFERT SMUR - {callsign} - équipage : Dr {crew_doc}, IDE {crew_nurse}, ambulancier "
            "{crew_amb}\nVictime : {first} {LAST}, {age}, {triage}\n",
            "TÉLÉCOPIE - {inst} - à l'attention du Dr {referrer}\nV/Réf : {their_ref} - N/Réf : {our_ref} - "
            "{pages} pages (y compris celle-ci)\n",
            "Dépistage organisé du cancer du sein - {screen_centre}\nMme {first} {LAST}, n° de dépistage {screen_no}\n",
            "{court} - RG n° {rg}\nExpertise médicale judiciaire de M./Mme {LAST} {first}, conseil : Me {lawyer}\n",
        ],
        [
            "Étude {protocol} (EudraCT {eudract}, {nct}) - centre {site} - sujet {subject} - investigateur : Pr "
            "{investigator}\n",
            "Demande de transfert inter-hospitalier vers {inst2} - patient(e) {first} {LAST} dit(e) « {nickname} », "
            "né(e) le {dob}\n",
            "Grenzgänger : {de_title} {first} {LAST}, geb. am {dob_de}, Versichertennr. {kvnr}\n",
            "Paziente : {first} {LAST}, nato/a il {dob}, codice fiscale {cf}\n",
            "Paciente : {first} {LAST}, DNI {dni}, domicilio {p_address}\n",
            "Identité déclarée : {LAST} {first} ({age}) - passeport {passport}\n",
        ],
        [
            "Facture n° {invoice} - montant {amount} - règlement par virement IBAN {iban}\n",
            "Titre de séjour n° {residence} - permis de conduire n° {licence}\n",
            "Dossier CAF {caf} / MDPH {mdph}\n",
            "Accident de la voie publique du {accident_date}, véhicule immatriculé {plate}\n",
            "Accord préalable - {insurer}, adhérent n° {member_no}, acte {ccam}\n",
            "",
        ],
        [
            "RCP ostéo-articulaire du {rcp_date} - présents : Dr {rcp_a} (radiologie), Pr {rcp_b} (chirurgie), Dr "
            "{rcp_c} (oncologie)\n",
            "Retrouvée au sol par sa voisine Mme {neighbour} ; veuve de M. {deceased}.\n",
            "Interne joignable au bip {pager} ({referrer}).\n",
            "Adresse de prise en charge : {p_address} - contact {phone}\n",
        ],
    ],
    "pre": [
        [
            "Contexte : {eponym}, {classif} ; {birads}. Revoir {rel_date}.\n",
            "Traitement : {drug}. Délai de transport {duration}, arrivée à {time}, {ward}, box {room}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nDicté par doc {rad_lower} (reconnaissance vocale, non relu).\n",
            "\nLe médecin expert, Dr {radiologist}, le {sign_date}.\n",
            "\nPour l'équipe de coordination : Dr {radiologist} - {email}\n",
            "\nSMS : Bonjour {first}, RDV radio le {appt_date} à {time} au {inst}. Réf. {booking}. Pour annuler : "
            "{phone}\n",
        ],
        [
            "Résultats : {url}\n",
            "Secrétariat de {inst}, {address}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            '{"resourceType": "Patient", "identifier": [{"system": "{fhir_system}", "value": "{ipp}"}], "name": '
            '[{"use": "official", "family": "{LAST}", "given": ["{first}"]}], "birthDate": "{dob_iso}"}\n',
            '<patient><name use="L"><given>{first}</given><family>{LAST}</family></name><birthTime value='
            '"{dob_compact}"/></patient><id root="{cda_root}" extension="{ipp}"/>\n',
            "AMBULANCE HANDOVER (ATMIST) - {callsign} - crew: {crew_doc}, {crew_nurse}, {crew_amb}\nPatient: {first} "
            "{LAST}, {age}, {triage}\n",
            "FAX COVER SHEET - {inst} - attn Dr {referrer}\nYour ref: {their_ref} / Our ref: {our_ref} - {pages} pages "
            "incl. cover\n",
            "Breast Screening Programme - {screen_centre}\nMs {first} {LAST}, NHS number {screen_no}\n",
            "{court} - claim no. {rg}\nMedico-legal report on {first} {LAST}; instructing solicitor {lawyer}\n",
        ],
        [
            "Study {protocol} (EudraCT {eudract}, {nct}) - site {site} - subject {subject} - PI: Prof {investigator}\n",
            "Inter-hospital transfer request to {inst2} - {first} {LAST} (known as {nickname}), DOB {dob}\n",
            "Cross-border patient: {de_title} {first} {LAST}, geb. {dob_de}, KVNR {kvnr}\n",
            "Italian resident {first} {LAST}, born {dob}, codice fiscale {cf}\n",
            "Spanish visitor {first} {LAST}, DNI {dni}, staying at {p_address}\n",
            "Identity checked: {LAST}, {first} ({age}) - passport no. {passport}\n",
        ],
        [
            "Invoice {invoice} - amount due {amount} - pay to IBAN {iban}\n",
            "Biometric residence permit {residence}; driving licence {licence}\n",
            "Pension ref {caf}; disability claim {mdph}\n",
            "Road traffic collision on {accident_date}, vehicle reg. {plate}\n",
            "Prior authorisation - {insurer}, member no. {member_no}, CPT {ccam}\n",
            "",
        ],
        [
            "MDT meeting {rcp_date} - attendees: Dr {rcp_a} (radiology), Mr {rcp_b} (orthopaedics), Dr {rcp_c} "
            "(oncology)\n",
            "Found on the floor by neighbour {neighbour}; widow of {deceased}.\n",
            "F1 on bleep {pager} ({referrer}).\n",
            "Pick-up address: {p_address}; contact {phone}\n",
        ],
    ],
    "pre": [
        [
            "Background: {eponym}, {classif}; {birads}. Review {rel_date}.\n",
            "Medication: {drug}. Transport time {duration}, arrived {time}, {ward}, bay {room}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nDictated by doc {rad_lower} (voice recognition, unchecked).\n",
            "\nExpert witness: Dr {radiologist}, signed {sign_date}.\n",
            "\nScreening office: Dr {radiologist} - {email}\n",
            "\nTEXT: Hi {first}, your X-ray is on {appt_date} at {time} at {inst}. Ref {booking}. To cancel call "
            "{phone}\n",
        ],
        [
            "Results portal: {url}\n",
            "Booking office, {inst}, {address}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

PROTOCOLS = ("OSTEO-PRO", "FRAX-VERT", "HIPSTAR", "DENOS-2", "BONEMET-RT")
CALLSIGNS_FR = ("UMH 1", "VSAV 2", "SMUR P2", "UMH 3")
CALLSIGNS_EN = ("Alpha 2", "RRV 14", "HEMS 61", "Delta 7")
TRIAGE_FR = ("CCMU 3", "P1", "GCS 15", "CCMU 2, GCS 14")
TRIAGE_EN = ("P1", "GCS 15", "NEWS2 5", "ATS category 2")
BIRADS = ("ACR 2", "BI-RADS 4A", "ACR 3", "BI-RADS 1")
EPONYMS_FR = ("fracture de Monteggia", "maladie de Scheuermann", "signe de Hill-Sachs", "kyste de Baker")
EPONYMS_EN = ("Monteggia fracture", "Scheuermann disease", "Hill-Sachs lesion", "Baker cyst")
CLASSIF = ("Garden IV", "Tscherne C2", "AIS 3", "Mirels 9", "Denis B")
DRUGS_FR = ("paracétamol 1 g", "morphine 3 mg IV", "enoxaparine 4000 UI", "acide zolédronique 5 mg")
DRUGS_EN = ("paracetamol 1 g", "morphine 3 mg IV", "enoxaparin 40 mg", "zoledronic acid 5 mg")
INSURERS_FR = ("MGEN", "Harmonie Mutuelle", "Malakoff Humanis", "AG2R La Mondiale")
INSURERS_EN = ("Aetna", "Bupa", "Cigna", "UnitedHealthcare")
CCAM = ("NZQK002", "ZBQK002", "MZQK002", "LHQK001")
CPT = ("71046", "73560", "72100", "73030")
WARDS_FR = ("SAUV", "déchocage", "UHCD", "traumatologie")
WARDS_EN = ("resus", "majors", "CDU", "trauma unit")
FHIR_SYSTEMS_FR = ("urn:oid:1.2.250.1.213.1.4.8", "https://hl7.fr/ig/fhir/core/NamingSystem/ipp")
FHIR_SYSTEMS_EN = ("http://hl7.org/fhir/sid/us-mbi", "https://fhir.nhs.uk/Id/nhs-number")
CDA_ROOTS = ("1.2.250.1.71.4.2.1", "2.16.840.1.113883.2.1.4.1", "1.2.250.1.213.1.4.10")
DE_CITIES = ("Saarbrücken", "Kehl", "Freiburg im Breisgau", "Aachen")
COURTS_FR = ("Tribunal judiciaire de {c}", "Cour d'appel de {c}", "Tribunal de police de {c}")
COURTS_EN = ("County Court at {c}", "{c} Crown Court", "High Court, {c} District Registry")

# --------------------------------------------------------------------------------------------------- check digits

_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def iban_check(country: str, bban: str) -> str:
    """The two IBAN check digits (ISO 13616): 98 minus (BBAN + country + "00", letters as 10..35) modulo 97."""
    numeric = "".join(str(_ALNUM.index(c)) for c in (bban + country + "00").upper())
    return f"{98 - int(numeric) % 97:02d}"


def rib_key(bank: str, branch: str, account: str) -> str:
    """The French RIB key of a numeric account: 97 - (89 bank + 15 branch + 3 account) mod 97."""
    return f"{97 - (89 * int(bank) + 15 * int(branch) + 3 * int(account)) % 97:02d}"


def iban_fr(rng: np.random.Generator) -> str:
    """A French IBAN (bank, branch, 11-digit account, RIB key), printed in groups of four."""
    bank, branch, account = _d(rng, 5), _d(rng, 5), _d(rng, 11)
    bban = bank + branch + account + rib_key(bank, branch, account)
    full = "FR" + iban_check("FR", bban) + bban
    return " ".join(full[i : i + 4] for i in range(0, len(full), 4))


def iban_gb(rng: np.random.Generator) -> str:
    """A UK IBAN (4-letter bank code, 6-digit sort code, 8-digit account), printed in groups of four."""
    bban = "".join(_pick(rng, "ABCDEFGHJKLMNPRSTUWXYZ") for _ in range(4)) + _d(rng, 14)
    full = "GB" + iban_check("GB", bban) + bban
    return " ".join(full[i : i + 4] for i in range(0, len(full), 4))


def kvnr_check(letter: str, digits8: str) -> str:
    """The German health-insurance number (KVNR) check digit: the letter as two digits (A=01), then the 8 digits,
    weighted 1,2,1,2... with products' digit sums, modulo 10."""
    values = f"{ord(letter.upper()) - 64:02d}" + digits8
    total = 0
    for i, ch in enumerate(values):
        p = int(ch) * (1 if i % 2 == 0 else 2)
        total += p // 10 + p % 10
    return str(total % 10)


def kvnr(rng: np.random.Generator) -> str:
    """A German KVNR: one letter, 8 digits, a check digit."""
    letter, digits = _pick(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), _d(rng, 8)
    return letter + digits + kvnr_check(letter, digits)


def dni_letter(number: int) -> str:
    """The Spanish DNI control letter: the number modulo 23 indexes a fixed alphabet."""
    return "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23]


_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10,
    22, 25, 24, 23,
), strict=True))  # fmt: skip
_CF_MONTHS = "ABCDEHLMPRST"


def cf_check(first15: str) -> str:
    """The Italian codice fiscale control letter: odd positions through a fixed table, even ones as their value
    (digits 0-9, letters A=0..Z=25), sum modulo 26 as a letter."""
    total = 0
    for i, ch in enumerate(first15.upper()):
        if i % 2 == 0:
            total += _CF_ODD[ch]
        else:
            total += int(ch) if ch.isdigit() else ord(ch) - 65
    return chr(65 + total % 26)


def _cf_letters(name: str, first: bool) -> str:
    """The three codice fiscale letters of a surname (consonants, then vowels, then X) or first name (1st, 3rd and
    4th consonants when it has more than three)."""
    letters = [c for c in _ascii(name).upper() if c.isalpha()]
    consonants = [c for c in letters if c not in "AEIOU"]
    vowels = [c for c in letters if c in "AEIOU"]
    if first and len(consonants) > 3:
        consonants = [consonants[0], consonants[2], consonants[3]]
    return "".join(consonants + vowels + ["X", "X", "X"])[:3]


def codice_fiscale(first: str, last: str, birth: dt.date, male: bool, rng: np.random.Generator) -> str:
    """An Italian codice fiscale: surname, first name, year, month letter, day (+40 for women), a municipality code
    and the control letter."""
    day = birth.day + (0 if male else 40)
    town = _pick(rng, "ABCDEFGHILM") + _d(rng, 3)
    body = f"{_cf_letters(last, False)}{_cf_letters(first, True)}{birth.year % 100:02d}"
    body += f"{_CF_MONTHS[birth.month - 1]}{day:02d}{town}"
    return body + cf_check(body)


def nhs_number(rng: np.random.Generator) -> str:
    """A UK NHS number (9 digits + mod-11 check digit), printed 3-3-4."""
    while True:
        body = _d(rng, 9)
        check = mod11_digit(body)
        if check is not None:
            full = body + check
            return f"{full[:3]} {full[3:6]} {full[6:]}"


# --------------------------------------------------------------------------------------------------- draw


def _alnum(rng: np.random.Generator, n: int) -> str:
    return "".join(_pick(rng, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(n))


def blind8_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    male = bool(rng.random() < 0.5)
    first = fake.first_name_male() if male else fake.first_name_female()
    last = fake.last_name()
    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 90 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    accident = exam - dt.timedelta(days=int(rng.integers(0, 4)))
    rcp = exam + dt.timedelta(days=int(rng.integers(3, 20)))
    appt = exam + dt.timedelta(days=int(rng.integers(20, 120)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 3)))

    def person() -> str:
        return f"{fake.first_name()} {fake.last_name()}"

    rad_first, rad_last = fake.first_name(), fake.last_name()
    city = fake.city()
    court_city = fake.city()
    site = f"{int(rng.integers(1, 40)):03d}"
    year2 = f"{exam.year % 100:02d}"
    dni_number = int(rng.integers(10**7, 10**8))

    if fr:
        inst = _pick(rng, (f"CH de {city}", f"Clinique du {fake.last_name()}", f"Centre d'imagerie {fake.last_name()}"))
        inst2 = _pick(rng, (f"CHU de {fake.city()}", f"Hôpital {fake.last_name()}"))
        screen_centre = _pick(rng, ("CRCDC Nouvelle-Aquitaine", "CRCDC Occitanie", "CRCDC Grand Est"))
        address = f"{fake.street_address()}, {fake.postcode()} {city}"
        p_address = f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
        phone = f"0{_pick(rng, ('6', '7'))} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        age = _pick(rng, (f"{years} ans", f"{years} ans révolus", f"{years} a"))
        email = f"coordination.{_slug(rad_last)}@{_slug(city)}-depistage.fr"
        url = f"https://resultats.{_slug(city)}-imagerie.fr/dossier/{_alnum(rng, 10)}"
        time = f"{int(rng.integers(7, 20))}h{int(rng.integers(60)):02d}"
        rel_date = _pick(rng, ("dans 2 ans", "à 6 semaines", "à J10"))
        duration = _pick(rng, ("35 min", "1 h 10", "20 minutes"))
        letters = "ABCDEFGHJKLMNPQRSTVWXYZ"
        plate = f"{_pick(rng, letters)}{_pick(rng, letters)}-{_d(rng, 3)}-{_pick(rng, letters)}{_pick(rng, letters)}"
        passport = f"{_d(rng, 2)}{_pick(rng, 'ABCDEFGHJK')}{_pick(rng, 'ABCDEFGHJK')}{_d(rng, 5)}"
        licence = f"{year2}{_pick(rng, 'ABCDEFGH')}{_pick(rng, 'ABCDEFGH')}{_d(rng, 5)}"
        residence = _d(rng, 10)
        caf, mdph = _d(rng, 7), f"{_d(rng, 2)}-{year2}-{_d(rng, 6)}"
        rg = f"{year2}/{_d(rng, 5)}"
        screen_no = f"{_d(rng, 2)}-{_d(rng, 8)}"
        amount = _pick(rng, ("184,50 €", "46,00 €", "1 250,00 euros", "25,56 €"))
        invoice = f"FAC-{exam.year}-{_d(rng, 6)}"
        iban = iban_fr(rng)
        their_ref, our_ref = f"{_alnum(rng, 2)}/{_d(rng, 5)}", f"RAD-{_d(rng, 4)}"
        booking = f"RDV-{_alnum(rng, 6)}"
        member_no = _d(rng, 10)
        pager = _d(rng, 4)
        dob_fmt = format_date(birth, lang, int(rng.integers(7)))
    else:
        inst = _pick(
            rng, (f"{city} Royal Infirmary", f"{city} Community Hospital", f"{fake.last_name()} Imaging Centre")
        )
        inst2 = _pick(rng, (f"{fake.city()} Major Trauma Centre", f"St {fake.first_name()}'s Hospital"))
        screen_centre = _pick(rng, ("South West London BSS", "Avon Breast Screening", "Leeds Wakefield BSS"))
        address = f"{fake.street_address()}, {city} {fake.postcode()}".replace("\n", ", ")
        p_address = f"{fake.street_address()}, {fake.city()} {fake.postcode()}".replace("\n", ", ")
        phone = f"07{_d(rng, 3)} {_d(rng, 6)}"
        age = _pick(rng, (f"{years}M" if male else f"{years}F", f"{years} yo", f"{years} years"))
        email = f"{_slug(rad_first)[0]}{_slug(rad_last)}@{_slug(city)}-screening.nhs.uk"
        url = f"https://results.{_slug(city)}imaging.co.uk/s/{_alnum(rng, 10)}"
        time = f"{int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}"
        rel_date = _pick(rng, ("in 3 years", "at 6 weeks", "on day 10"))
        duration = _pick(rng, ("35 min", "1 h 10 min", "20 minutes"))
        plate = f"{_pick(rng, 'ABCDEFGHKLMNPRSVWY')}{_pick(rng, 'ABCDEFGHJKLMNPRSTVWXY')}{_d(rng, 2)} {_alnum(rng, 3)}"
        passport = _d(rng, 9)
        licence = f"{(_ascii(last).upper().replace(' ', '') + '99999')[:5]}{_d(rng, 6)}{_alnum(rng, 5)}"
        residence = f"Z{_alnum(rng, 8)}"
        caf, mdph = f"{_alnum(rng, 2)}{_d(rng, 6)}{_pick(rng, 'ABCD')}", f"PIP-{_d(rng, 8)}"
        rg = f"{_alnum(rng, 2)}{_d(rng, 2)}{_alnum(rng, 2)}{_d(rng, 3)}"
        screen_no = nhs_number(rng)
        amount = _pick(rng, ("£184.50", "$1,250.00", "£46.00", "USD 325.00"))
        invoice = f"INV-{_d(rng, 7)}"
        iban = iban_gb(rng)
        their_ref, our_ref = f"{_alnum(rng, 3)}/{_d(rng, 4)}", f"XR/{_d(rng, 5)}"
        booking = _alnum(rng, 8)
        member_no = f"{_alnum(rng, 3)}{_d(rng, 9)}"
        pager = _d(rng, 4)
        dob_fmt = format_date(birth, lang, int(rng.integers(7)))

    if (
        rng.random() < 0.15
    ):  # an eponym surname for the radiologist, while the same eponym may appear as such in the body
        rad_last = _pick(rng, ("Monteggia", "Baker", "Hill"))
    subject = _pick(
        rng,
        (
            f"SUBJ-{site}-{_d(rng, 4)}",
            f"{site}-{_d(rng, 3)}",
            f"{_ascii(first)[0]}{_ascii(last)[0]}-{site}{_d(rng, 2)}",
        ),
    )
    nickname = _pick(rng, ("Jojo", "Titi", "Mimi", "Loulou", "Nanou")) if fr else _pick(rng, ("Bill", "Peggy", "Sandy"))

    slots: Slots = {
        # patient
        "first": (first, "PATIENT"),
        "LAST": (last.upper() if rng.random() < 0.6 else last, "PATIENT"),
        "nickname": (nickname, "PATIENT"),
        # other persons
        "radiologist": (f"{rad_first} {rad_last}", "PERSON"),
        "rad_lower": (_pick(rng, (rad_last.lower(), f"{rad_first.lower()} {rad_last.lower()}")), "PERSON"),
        "referrer": (person(), "PERSON"),
        "crew_doc": (person(), "PERSON"),
        "crew_nurse": (person(), "PERSON"),
        "crew_amb": (fake.last_name().upper(), "PERSON"),
        "rcp_a": (person(), "PERSON"),
        "rcp_b": (fake.last_name(), "PERSON"),
        "rcp_c": (person(), "PERSON"),
        "investigator": (person(), "PERSON"),
        "lawyer": (person(), "PERSON"),
        "neighbour": (person(), "PERSON"),
        "deceased": (person(), "PERSON"),
        # dates and ages
        "dob": (dob_fmt, "DATE"),
        "dob_iso": (birth.isoformat(), "DATE"),
        "dob_compact": (birth.strftime("%Y%m%d"), "DATE"),
        "dob_de": (f"{birth.day:02d}.{birth.month:02d}.{birth.year}", "DATE"),
        "accident_date": (format_date(accident, lang, int(rng.integers(7))), "DATE"),
        "rcp_date": (format_date(rcp, lang, int(rng.integers(7))), "DATE"),
        "appt_date": (format_date(appt, lang, int(rng.integers(7))), "DATE"),
        "sign_date": (format_date(sign, lang, int(rng.integers(7))), "DATE"),
        "age": (age, "AGE"),
        # places and organisations
        "inst": (inst, "INSTITUTION"),
        "inst2": (inst2, "INSTITUTION"),
        "screen_centre": (screen_centre, "INSTITUTION"),
        "court": (_pick(rng, COURTS_FR if fr else COURTS_EN).format(c=court_city), "INSTITUTION"),
        "address": (address, "LOCATION"),
        "p_address": (p_address, "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "pager": (pager, "PHONE"),
        "email": (email, "EMAIL"),
        "url": (url, "URL"),
        # numbers
        "ipp": (_d(rng, int(rng.integers(8, 11))), "ID"),
        "subject": (subject, "ID"),
        "screen_no": (screen_no, "ID"),
        "their_ref": (their_ref, "ID"),
        "our_ref": (our_ref, "ID"),
        "rg": (rg, "ID"),
        "kvnr": (kvnr(rng), "ID"),
        "cf": (codice_fiscale(first, last, birth, male, rng), "ID"),
        "dni": (f"{dni_number}{dni_letter(dni_number)}", "ID"),
        "passport": (passport, "ID"),
        "invoice": (invoice, "ID"),
        "iban": (iban, "ID"),
        "residence": (residence, "ID"),
        "licence": (licence, "ID"),
        "caf": (caf, "ID"),
        "mdph": (mdph, "ID"),
        "plate": (plate, "ID"),
        "member_no": (member_no, "ID"),
        "booking": (booking, "ID"),
        # unlabelled: field words, traps
        "de_title": ("Herr" if male else "Frau", None),
        "fhir_system": (_pick(rng, FHIR_SYSTEMS_FR if fr else FHIR_SYSTEMS_EN), None),
        "cda_root": (_pick(rng, CDA_ROOTS), None),
        "protocol": (_pick(rng, PROTOCOLS), None),
        "eudract": (f"20{int(rng.integers(10, 24))}-{_d(rng, 6)}-{_d(rng, 2)}", None),
        "nct": (f"NCT0{_d(rng, 7)}", None),
        "site": (site, None),
        "callsign": (_pick(rng, CALLSIGNS_FR if fr else CALLSIGNS_EN), None),
        "triage": (_pick(rng, TRIAGE_FR if fr else TRIAGE_EN), None),
        "pages": (str(int(rng.integers(2, 9))), None),
        "amount": (amount, None),
        "insurer": (_pick(rng, INSURERS_FR if fr else INSURERS_EN), None),
        "ccam": (_pick(rng, CCAM if fr else CPT), None),
        "birads": (_pick(rng, BIRADS), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
        "drug": (_pick(rng, DRUGS_FR if fr else DRUGS_EN), None),
        "time": (time, None),
        "duration": (duration, None),
        "rel_date": (rel_date, None),
        "ward": (_pick(rng, WARDS_FR if fr else WARDS_EN), None),
        "room": (str(int(rng.integers(1, 13))), None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
