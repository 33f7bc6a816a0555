"""Blind21 template family: the patient named by entitlements, fitness and claims - disability and invalidity files
(MDPH/CDAPH dossiers and "carte mobilité inclusion" numbers, UK PIP/ESA assessments with DWP references and National
Insurance numbers, US SSDI consultative examinations), medical-expert assessments for personal-injury claims (loss
adjusters, insurers' claim numbers, the victim's lawyer and law firm, court references, "taux d'IPP" beside the
patient's IPP), lawyers' and solicitors' requests for copies of imaging, aviation medicals (class 1/2, Part-MED
paragraphs, pilot licence and examiner numbers, airlines, aircraft registration marks after a light-aircraft
accident), commercial divers' and fitness-to-work certificates, anti-doping paperwork (doping-control forms with
sample code numbers, doping control officers and chaperones, therapeutic-use exemptions with imaging evidence,
prohibited-list classes), and visiting patients identified by national numbers with check digits never used before
in these families: Brazilian CPF (two mod-11 digits), Chilean RUT (mod 11 with "K"), Croatian OIB (ISO 7064 MOD
11,10), Greek AMKA (birth date and Luhn), Indian Aadhaar (Verhoeff) and Estonian isikukood (two-pass mod 11), with
+55/+56/+385/+30/+91/+372 phones; names of Brazilian, Chilean, Croatian, Greek, Indian, Estonian, West African,
Maghrebi, Vietnamese, Polish, Irish and Welsh origins.

Written by an independent auditor who never read the detector (reports/deid/), for a twenty-first blind estimate of
how it generalises. No "Patient:" label: the patient is a claimant, a victim, a pilot, a diver, an athlete, a
client of a law firm.

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions where the conventions are silent:
- Rates and scores of a claim are NOT identifiers: "taux d'incapacité 50 à 79 %", "taux d'IPP de 12 %" (incapacité
  permanente partielle: the same three letters as the patient's IPP, which stays ID), "DFP 8 %", PIP points and
  descriptors, whole-person impairment, VA-style combined ratings, GIR levels: traps.
- Laws, scales and nomenclatures named after people ("loi Badinter", "nomenclature Dintilhac", "Ogden tables") are
  NOT PERSON (like eponyms); article and regulation numbers ("article 700 du CPC", "MED.B.010", "14 CFR 67.113",
  "20 CFR 404.1520") are traps.
- National agencies, ministries and regulators serving a whole country (DWP, Social Security Administration, DGAC,
  CAA, FAA, EASA, AFLD, UKAD, WADA, BEA, AAIB) are NOT INSTITUTION (they point to no one, like insurers and
  professional regulators); a local office that examines or decides (a departmental MDPH, a named assessment centre,
  an aeromedical centre, a state Disability Determination Services office) is INSTITUTION, like the child-welfare
  services of blind18. Sports federations stay traps (blind19); clubs, airlines, diving contractors and other
  employers are INSTITUTION (round-6 scope); law firms are INSTITUTION (blind8).
- A bar ("avocat au barreau de Lyon", "of the New York Bar") is the lawyer's professional body, not the patient's:
  not INSTITUTION; its city is LOCATION, as every city is.
- Benefit and claim paperwork numbers are ID: MDPH dossier and CMI card numbers, DWP references, National Insurance
  numbers, SSNs, insurers' claim numbers, court references (RG, claim no.), pilot licence numbers, aviation medical
  examiner (AME) numbers, MedXPress confirmation numbers, diver certificate numbers, doping-control sample code
  numbers (they link a sample to one athlete through the doping-control form), TUE references, and national numbers
  of any country. The scheme's name ("CPF", "RUT", "Aadhaar") and the country are traps.
- An aircraft's registration mark ("F-GMXB", "G-BZKT", "N4721K") is ID: like a licence plate (Safe Harbor vehicle
  identifiers) it points to an owner, here a private pilot; an airline flight number stays a trap (blind18).
- The medical class ("classe 1", "Class 2", "LAPL"), flight hours, visual acuity, audiogram values, prohibited-list
  classes and substances, sample-kit brands are traps.
- Lawyers, loss adjusters, assessors, aviation medical examiners, doping control officers, chaperones and MDPH
  referents are PERSON; "Me" (Maître), "Esq." and post-nominals stay outside their spans, like titles.
- The accident, sample-collection, decision and certificate-expiry dates are DATE (dates of the patient's record).
- Athlete initials written on a form stand for the patient: PATIENT (the project rule on initials).
`blind21_draw(lang, rng)` returns (slots, templates) like `blind18_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots, split_towns
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _d, _pick, _slug, luhn_digit, verhoeff_digit

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "Certificat médical joint au dossier MDPH n° {file_no} ({assess_centre})\nDemandeur : {first} {LAST}, "
            "{age}, carte mobilité inclusion n° {card_no} ; {disability_rate} estimé ; référente {referent}.\n",
            "Expertise médicale amiable - sinistre {claim_no} ({insurer}), accident du {accident_date}\nVictime : "
            "{first} {LAST}, {age} ; conseil : Me {lawyer} ({law_firm}) ; {ipp_rate} proposé, {bareme}.\n",
            "Visite d'aptitude aéronautique {med_class} ({part_med}) - {aero_centre}\nPilote : {first} {LAST}, {age}, "
            "licence {licence_no}, {employer}, {flight_hours} ; examinateur {ame} (agrément {ame_no}).\n",
            "Formulaire de contrôle antidopage ({doping_body}) - échantillon n° {sample_code} recueilli le "
            "{sample_date}\nSportive : {first} {LAST}, {age}, {club} ; agent de contrôle {dco}, escorte {chaperone} ; "
            "AUT n° {tue_ref} ({wada_class}).\n",
            "Demande de copie des clichés - {law_firm}, tél. {lawyer_phone}\nNous intervenons pour {first} {LAST} "
            "({age}) dans l'instance RG {court_ref} ; accident du {accident_date}, véhicule assuré par {insurer}.\n",
            "Patient(e) de passage : {first} {LAST}, {age}, {id_kind} {foreign_id} ({country}), joignable au "
            "{foreign_phone}.\n",
            "Accident d'avion léger, appareil immatriculé {aircraft} ; pilote {first} {LAST}, {age}, licence "
            "{licence_no} ; enquête {aviation_body}.\n",
            "Aptitude au travail en milieu hyperbare - {employer}\nScaphandrier : {first} {LAST}, {age}, certificat "
            "d'aptitude n° {licence_no} ; médecin du travail {ame}.\n",
        ],
        [
            "IPP {ipp} - né(e) le {dob} - {address}\n",
            "N° de dossier patient {ipp} ; date de naissance {dob} ; domicile : {address}\n",
            "Identité contrôlée ({id_kind} {foreign_id}), naissance le {dob}, dossier {ipp}\n",
            "Initiales portées sur le procès-verbal : {initials} ; IPP {ipp} ; née le {dob}\n",
        ],
        [
            "Radiographies du {exam_date}, comparées à celles du {prior_date} ({prior_site}).\n",
            "Passage en CDAPH prévu le {decision_date} ; examen réalisé le {exam_date}.\n",
            "Certificat valable jusqu'au {expiry_date} ; imagerie du {exam_date}.\n",
            "Pièces à déposer sur {url} avant le {decision_date} ; domicile à {town}.\n",
        ],
    ],
    "pre": [
        [
            "Mentions sans valeur identifiante : {acuity} ; {audiogram} ; {article} ; {eponym} ; {classif} ; "
            "{substance} ; kit {kit} ; {gir} ; {med_class}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\n{radiologist}, radiologue, {institution} - {phone}\n",
            "\nCopie adressée à Me {lawyer} ({lawyer_email}) à la demande du patient ; {radiologist}, {institution}\n",
            "\nRelecture {radiologist} ({institution}), télécopie {fax}\n",
        ],
        [
            "Compte rendu validé le {exam_date}\n",
            "Dépôt sécurisé : {url}\n",
            "Secrétariat : {email}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "Supporting evidence for a disability claim - reference {file_no}, {card_kind} {card_no}\nClaimant: "
            "{first} {LAST}, {age}; seen at {assess_centre} by {referent}; {disability_rate}.\n",
            "Independent medical examination - claim {claim_no} ({insurer}), index accident {accident_date}\n"
            "Examinee {first} {LAST}, {age}, instructed by {lawyer} of {law_firm}; {ipp_rate} under the {bareme}.\n",
            "{med_class} aviation medical ({part_med}) at {aero_centre}\nPilot {first} {LAST}, {age}, licence "
            "{licence_no}, flying for {employer}, {flight_hours}; AME {ame} ({ame_no}).\n",
            "Doping control ({doping_body}) - sample code {sample_code}, collected {sample_date}\nAthlete {first} "
            "{LAST}, {age}, {club}; DCO {dco}, chaperone {chaperone}; TUE {tue_ref} for {wada_class}.\n",
            "Request for imaging records - {law_firm} (tel. {lawyer_phone})\nOur client {first} {LAST} ({age}), "
            "claim {claim_no} against {insurer}, court ref. {court_ref}; accident on {accident_date}.\n",
            "Visiting patient {first} {LAST}, {age}, {id_kind} {foreign_id} ({country}), mobile {foreign_phone}.\n",
            "Light-aircraft accident: aircraft registration {aircraft}; pilot {first} {LAST}, {age}, licence "
            "{licence_no}; {aviation_body} notified.\n",
            "Commercial diver medical - {employer}\nDiver {first} {LAST}, {age}, certificate no. {licence_no}; "
            "examined by {ame}.\n",
        ],
        [
            "Hospital number {ipp}; date of birth {dob}; home address {address}\n",
            "MRN {ipp} | DOB {dob} | {address}\n",
            "Identity checked ({id_kind} {foreign_id}), born {dob}, MRN {ipp}\n",
            "Athlete initials on the form: {initials}; MRN {ipp}; DOB {dob}\n",
        ],
        [
            "Radiographs of {exam_date} compared with {prior_date} ({prior_site}).\n",
            "Decision expected by {decision_date}; imaging performed {exam_date}.\n",
            "Medical certificate valid until {expiry_date}; imaging {exam_date}.\n",
            "Upload further evidence at {url} before {decision_date}; lives in {town}.\n",
        ],
    ],
    "pre": [
        [
            "Not identifying: {acuity}; {audiogram}; {article}; {eponym}; {classif}; {substance}; kit {kit}; "
            "{gir}; {med_class}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\n{radiologist}, Consultant Radiologist, {institution} - {phone}\n",
            "\nCopy released to {lawyer} ({lawyer_email}) with the patient's signed authorisation; {radiologist}, "
            "{institution}\n",
            "\nSecond read {radiologist} ({institution}), fax {fax}\n",
        ],
        [
            "Report verified {exam_date}\n",
            "Secure transfer: {url}\n",
            "Enquiries: {email}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# Patients of many origins: (first names, surnames), drawn beside faker's own.
ORIGINS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "br": (("Thiago", "Larissa", "João Pedro", "Fernanda"), ("Nascimento", "Carvalho", "Albuquerque", "Gonçalves")),
    "cl": (("Ignacio", "Valentina", "Matías", "Javiera"), ("Sepúlveda", "Contreras", "Fuentealba", "Quispe")),
    "hr": (("Luka", "Ivana", "Marko", "Petra"), ("Kovačević", "Horvat", "Babić", "Jurić")),
    "gr": (("Georgios", "Eleni", "Konstantinos", "Dimitra"), ("Papadopoulou", "Karagiannis", "Oikonomou", "Vlachos")),
    "in": (("Arjun", "Priya", "Venkatesh", "Lakshmi"), ("Raghunathan", "Iyer", "Chatterjee", "Deshpande")),
    "ee": (("Kristjan", "Liis", "Tõnis", "Triin"), ("Tamm", "Saar", "Sepp", "Mägi")),
    "wa": (("Kwabena", "Adjoa", "Mamadou", "Fatoumata"), ("Mensah", "Boateng", "Diallo", "Coulibaly")),
    "mg": (("Yacine", "Nour", "Karim", "Imane"), ("Benchekroun", "Haddad", "Belkacem", "Cherif")),
    "vn": (("Minh", "Thảo", "Quang", "Lan"), ("Nguyễn", "Trần", "Phạm", "Võ")),
    "pl": (("Bartosz", "Agnieszka", "Wojciech", "Zofia"), ("Wiśniewski", "Zielińska", "Kaczmarek", "Lewandowska")),
    "ie": (("Cathal", "Siobhán", "Oisín", "Aoife"), ("Ó Súilleabháin", "Mac Giolla", "Brennan", "Ní Bhriain")),
    "cy": (("Rhys", "Carys", "Dafydd", "Angharad"), ("ap Gwilym", "Llewellyn", "Prydderch", "Vaughan")),
}
COUNTRIES = {  # scheme -> (scheme name, French country, English country, dialling code)
    "cpf": ("CPF", "Brésil", "Brazil", "+55"),
    "rut": ("RUT", "Chili", "Chile", "+56"),
    "oib": ("OIB", "Croatie", "Croatia", "+385"),
    "amka": ("AMKA", "Grèce", "Greece", "+30"),
    "aadhaar": ("Aadhaar", "Inde", "India", "+91"),
    "isikukood": ("isikukood", "Estonie", "Estonia", "+372"),
}
INSTITUTIONS_FR = ("Hôpital Édouard-Herriot", "CHU de Toulouse - Hôpital Pierre-Paul Riquet",
                   "Clinique du Parc, Lyon", "Centre hospitalier de Bourg-en-Bresse")  # fmt: skip
INSTITUTIONS_EN = ("Leeds General Infirmary", "St James's University Hospital", "Royal Glamorgan Hospital",
                   "Cedars-Sinai Medical Center")  # fmt: skip
ASSESS_FR = ("MDPH du Rhône", "Maison départementale des personnes handicapées de la Haute-Garonne",
             "MDPH de l'Ain", "MDA de la Savoie")  # fmt: skip
ASSESS_EN = ("Leeds Assessment Centre", "Cardiff Health Assessment Centre", "Ohio Disability Determination Services",
             "Wembley Centre for Health and Disability Assessments")  # fmt: skip
AERO_FR = ("CEMPN de Clamart", "Centre d'expertise médicale du personnel navigant de Toulouse",
           "centre aéromédical de Lyon-Bron")  # fmt: skip
AERO_EN = ("CAA Aeromedical Centre, Gatwick", "Heathrow Aeromedical Centre", "Brookside Aviation Medicine Clinic")
LAW_FIRMS_FR = ("SELARL Brunet-Haddad Avocats", "Cabinet Lefort & Associés", "AARPI Vidal Okonkwo")
LAW_FIRMS_EN = ("Irwin Mitchell LLP", "Hartley & Osei Solicitors", "Delgado Fisher Injury Law")
CLUBS_FR = ("ASVEL Basket", "Stade toulousain", "Lyon Duchère AS", "Entente Athlétique de Bourg")
CLUBS_EN = ("Leeds Rhinos", "Cardiff Met Athletics Club", "Glamorgan County Cricket Club", "Harrogate Harriers")
EMPLOYERS_FR = ("Air France", "Volotea", "Hélicoptères de France", "Comex SA", "Subsea 7 France")
EMPLOYERS_EN = ("Jet2.com", "Loganair", "Bristow Helicopters", "Subsea 7 UK", "Acteon Diving Services")
PRIOR_FR = ("Centre d'imagerie Bellecour", "Clinique Pasteur Toulouse", "CH de Villefranche-sur-Saône")
PRIOR_EN = ("Spire Leeds Hospital", "Princess of Wales Hospital, Bridgend", "Harrogate District Hospital")
# Traps.
INSURERS_FR = ("MACIF", "Groupama", "AXA France", "MAIF")
INSURERS_EN = ("Aviva", "Direct Line", "Zurich Insurance", "Allstate")
DOPING_BODIES_FR = ("AFLD", "Agence française de lutte contre le dopage", "AMA")
DOPING_BODIES_EN = ("UKAD", "USADA", "WADA")
AVIATION_BODIES_FR = ("BEA", "DGAC", "Bureau d'enquêtes et d'analyses")
AVIATION_BODIES_EN = ("AAIB", "NTSB", "CAA")
DISABILITY_FR = ("taux d'incapacité 50 à 79 %", "taux d'incapacité ≥ 80 %", "taux d'incapacité inférieur à 50 %")
DISABILITY_EN = ("70% combined rating", "enhanced daily-living rate, 12 points", "limited capability for work")
IPP_RATES_FR = ("taux d'IPP de 12 %", "DFP 8 %", "IPP 15 %", "AIPP 5 %")
IPP_RATES_EN = ("whole person impairment 9%", "WPI 12%", "permanent impairment 15%")
BAREMES_FR = ("nomenclature Dintilhac", "barème indicatif du Concours médical", "loi Badinter")
BAREMES_EN = ("Ogden tables", "AMA Guides, 6th edition", "Judicial College Guidelines")
ARTICLES_FR = ("article 700 du CPC", "article R. 241-31 du CASF", "MED.B.010", "Part-MED")
ARTICLES_EN = ("20 CFR 404.1520", "14 CFR 67.113", "Section 6 of the Equality Act", "MED.B.010")
MED_CLASSES_FR = ("classe 1", "classe 2", "LAPL")
MED_CLASSES_EN = ("Class 1", "Class 2", "LAPL", "FAA third-class")
PART_MED = ("Part-MED", "MED.B.095", "MED.A.045", "MED.B.065")
FLIGHT_HOURS_FR = ("2 140 heures de vol", "380 h de vol", "11 900 heures de vol")
FLIGHT_HOURS_EN = ("2,140 hours total time", "380 flight hours", "11,900 hours")
WADA_CLASSES_FR = ("S9 glucocorticoïdes", "S3 bêta-2 agonistes", "S1.1 agents anabolisants", "M2.2")
WADA_CLASSES_EN = ("S9 glucocorticoids", "S3 beta-2 agonists", "S1.1 anabolic agents", "M2.2")
SUBSTANCES = ("triamcinolone", "méthylprednisolone", "salbutamol", "bétaméthasone")
SUBSTANCES_EN = ("triamcinolone", "methylprednisolone", "salbutamol", "betamethasone")
KITS = ("BEREG-KIT", "Versapak", "BEREG-KIT Geneva II")
ACUITY_FR = ("acuité 10/10 ODG", "acuité 8/10 OD", "vision des couleurs normale (Ishihara)")
ACUITY_EN = ("acuity 6/6 both eyes", "20/20 corrected", "Ishihara plates normal")
AUDIO_FR = ("perte de 25 dB à 4 kHz", "audiogramme 30 dB à 6 kHz")
AUDIO_EN = ("25 dB loss at 4 kHz", "audiogram 30 dB at 6 kHz")
GIR_FR = ("GIR 4", "GIR 2", "grille AGGIR")
GIR_EN = ("descriptor 4e", "mobility activity 12b", "descriptor 9c")
EPONYMS_FR = ("fracture de Pouteau-Colles", "lésion de Bankart", "maladie de Kienböck", "signe de Hill-Sachs")
EPONYMS_EN = ("Colles fracture", "Bankart lesion", "Kienböck disease", "Hill-Sachs defect")
CLASSIF = ("AO 23-A2", "Neer 2", "Weber B", "Frankel D", "ASIA C", "Ficat II")


# --------------------------------------------------------------------------------------------------- check digits


def cpf_check(nine: str) -> str:
    """The two check digits of a Brazilian CPF: mod 11 with weights 10..2, then 11..2 over the ten digits; a
    remainder below 2 gives 0, otherwise 11 minus it."""
    if len(nine) != 9 or not nine.isdigit():
        raise ValueError(f"cpf_check: expected nine digits, got {nine!r}")
    out = nine
    for _ in range(2):
        rest = sum(int(c) * w for c, w in zip(out, range(len(out) + 1, 1, -1), strict=True)) % 11
        out += "0" if rest < 2 else str(11 - rest)
    return out[9:]


def rut_check(body: str) -> str:
    """The Chilean RUT/RUN check character: digits from the right weighted 2, 3, 4, 5, 6, 7, 2, 3, ...; 11 minus the
    sum mod 11, with 11 as "0" and 10 as "K"."""
    if not body.isdigit() or not 1 <= len(body) <= 9:
        raise ValueError(f"rut_check: expected one to nine digits, got {body!r}")
    total = sum(int(c) * (2 + i % 6) for i, c in enumerate(reversed(body)))
    rest = 11 - total % 11
    return {11: "0", 10: "K"}.get(rest, str(rest))


def oib_check(ten: str) -> str:
    """The Croatian OIB check digit: ISO 7064 MOD 11,10 over ten digits."""
    if len(ten) != 10 or not ten.isdigit():
        raise ValueError(f"oib_check: expected ten digits, got {ten!r}")
    a = 10
    for c in ten:
        a = (a + int(c)) % 10 or 10
        a = a * 2 % 11
    return str((11 - a) % 10)


def isikukood_check(ten: str) -> str:
    """The Estonian personal code's check digit: weights 1..9, 1 mod 11; if that is 10, weights 3..9, 1, 2, 3 mod 11;
    if 10 again, 0."""
    if len(ten) != 10 or not ten.isdigit():
        raise ValueError(f"isikukood_check: expected ten digits, got {ten!r}")
    for weights in ((1, 2, 3, 4, 5, 6, 7, 8, 9, 1), (3, 4, 5, 6, 7, 8, 9, 1, 2, 3)):
        rest = sum(int(c) * w for c, w in zip(ten, weights, strict=True)) % 11
        if rest < 10:
            return str(rest)
    return "0"


# --------------------------------------------------------------------------------------------------- numbers


def cpf_number(rng: np.random.Generator) -> str:
    """A CPF as printed: 123.456.789-09."""
    nine = _d(rng, 9)
    return f"{nine[:3]}.{nine[3:6]}.{nine[6:]}-{cpf_check(nine)}"


def rut_number(rng: np.random.Generator) -> str:
    """A RUT as printed: 12.345.678-5 (seven or eight digits, "K" possible)."""
    body = str(int(rng.integers(5_000_000, 26_000_000)))
    return f"{int(body):,}".replace(",", ".") + "-" + rut_check(body)


def oib_number(rng: np.random.Generator) -> str:
    """An eleven-digit OIB."""
    ten = str(int(rng.integers(1, 10))) + _d(rng, 9)
    return ten + oib_check(ten)


def amka_number(birth: dt.date, rng: np.random.Generator) -> str:
    """A Greek AMKA: DDMMYY of birth, four serial digits, a Luhn digit."""
    ten = f"{birth.day:02d}{birth.month:02d}{birth.year % 100:02d}{_d(rng, 4)}"
    return ten + luhn_digit(ten)


def aadhaar_number(rng: np.random.Generator) -> str:
    """An Aadhaar number as printed (4 4 4 digits): first digit 2-9, last a Verhoeff check digit."""
    eleven = str(int(rng.integers(2, 10))) + _d(rng, 10)
    full = eleven + verhoeff_digit(eleven)
    return f"{full[:4]} {full[4:8]} {full[8:]}"


def isikukood_number(birth: dt.date, female: bool, rng: np.random.Generator) -> str:
    """An Estonian personal code: century/sex digit, YYMMDD, a three-digit serial, the check digit."""
    century = 3 if birth.year < 2000 else 5
    ten = f"{century + (1 if female else 0)}{birth.year % 100:02d}{birth.month:02d}{birth.day:02d}{_d(rng, 3)}"
    return ten + isikukood_check(ten)


def foreign_number(scheme: str, birth: dt.date, female: bool, rng: np.random.Generator) -> str:
    """A national number of `scheme` (a key of COUNTRIES) with its check digits."""
    if scheme == "cpf":
        return cpf_number(rng)
    if scheme == "rut":
        return rut_number(rng)
    if scheme == "oib":
        return oib_number(rng)
    if scheme == "amka":
        return amka_number(birth, rng)
    if scheme == "aadhaar":
        return aadhaar_number(rng)
    return isikukood_number(birth, female, rng)


def foreign_phone(scheme: str, rng: np.random.Generator) -> str:
    """A mobile number of the scheme's country, international form."""
    code = COUNTRIES[scheme][3]
    return {
        "cpf": f"{code} 11 9{_d(rng, 4)}-{_d(rng, 4)}",
        "rut": f"{code} 9 {_d(rng, 4)} {_d(rng, 4)}",
        "oib": f"{code} 9{_pick(rng, '1859')} {_d(rng, 3)} {_d(rng, 4)}",
        "amka": f"{code} 69{_pick(rng, '3479')} {_d(rng, 3)} {_d(rng, 4)}",
        "aadhaar": f"{code} {_pick(rng, '6789')}{_d(rng, 4)} {_d(rng, 5)}",
        "isikukood": f"{code} 5{_d(rng, 3)} {_d(rng, 4)}",
    }[scheme]


def nino(rng: np.random.Generator) -> str:
    """A UK National Insurance number as printed ("QQ 12 34 56 C" shape, valid prefix letters, no check digit)."""
    first = _pick(rng, "ABCEGHJKLMNOPRSTWXYZ")
    second = _pick(rng, "ABCEGHJKLMNPRSTWXYZ")
    return f"{first}{second} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_pick(rng, 'ABCD')}"


def aircraft_mark(lang: str, rng: np.random.Generator) -> str:
    """A civil aircraft registration mark: F-xxxx in France, G-xxxx in the UK, N-number in the US."""
    letters = "ABCDEFGHIJKLMNOPRSTUVWXYZ"
    if lang == "fr":
        return "F-" + _pick(rng, "GHJP") + "".join(_pick(rng, letters) for _ in range(3))
    if rng.random() < 0.5:
        return "G-" + "".join(_pick(rng, letters) for _ in range(4))
    return f"N{int(rng.integers(100, 9999))}{_pick(rng, ('', 'K', 'LP', 'X'))}"


# --------------------------------------------------------------------------------------------------- draw


def blind21_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_GB")
    fake.seed_instance(int(rng.integers(2**31)))

    female = bool(rng.random() < 0.5)
    if rng.random() < 0.5:
        firsts, lasts = ORIGINS[_pick(rng, tuple(ORIGINS))]
        first, last = _pick(rng, firsts), _pick(rng, lasts)
    else:
        first = fake.first_name_female() if female else fake.first_name_male()
        last = fake.last_name()
    used = {last}

    def person() -> str:
        while True:
            s = fake.last_name()
            if s not in used and " " not in s:
                used.add(s)
                return f"{fake.first_name()} {s}"

    LAST = last.upper() if rng.random() < 0.3 else last
    staff = {k: person() for k in ("referent", "lawyer", "ame", "dco", "chaperone", "radiologist")}
    r_first, r_last = staff["radiologist"].split(" ", 1)
    l_first, l_last = staff["lawyer"].split(" ", 1)

    exam = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(9 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 64 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    fmt = int(rng.integers(7))

    def date(day: dt.date) -> str:
        return format_date(day, lang, fmt)

    def days(lo: int, hi: int) -> dt.timedelta:
        return dt.timedelta(days=int(rng.integers(lo, hi)))

    scheme = _pick(rng, tuple(COUNTRIES))
    id_kind, country_fr, country_en, _ = COUNTRIES[scheme]
    year2 = f"{exam.year % 100:02d}"
    if fr:
        age = f"{years} ans"
        phone = f"04 {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        fax = f"04.{_d(rng, 2)}.{_d(rng, 2)}.{_d(rng, 2)}.{_d(rng, 2)}"
        lawyer_phone = f"+33 4 {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        domain = _pick(rng, ("chu-lyon.fr", "chu-toulouse.fr", "ch-bourg01.fr"))
        law_domain = _pick(rng, ("avocats-lyon.fr", "cabinet-lefort.fr", "vidal-okonkwo.avocat.fr"))
        address = f"{int(rng.integers(1, 140))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        file_no = f"{_pick(rng, ('069', '031', '001', '073'))}-{exam.year}-{_d(rng, 6)}"
        card_no = f"{year2}{_d(rng, 2)}-{_d(rng, 6)}"
        card_kind = "CMI"
        claim_no = f"{year2}-{_d(rng, 7)}"
        court_ref = f"{year2}/{_d(rng, 5)}"
        licence_no = f"FRA.FCL.{_pick(rng, ('PL', 'PPL', 'CPL', 'ATPL'))}.{_d(rng, 6)}"
        ame_no = f"FRA.AME.{_d(rng, 3)}"
        tue_ref = f"AUT-{exam.year}-{_d(rng, 4)}"
        ipp = _d(rng, 10)
    else:
        age = _pick(rng, (f"{years} years", f"{years}-year-old", f"aged {years}", f"{years}y"))
        uk = bool(rng.random() < 0.6)
        if uk:
            phone = f"0113 {_d(rng, 3)} {_d(rng, 4)}"
            fax = f"029 {_d(rng, 4)} {_d(rng, 4)}"
            lawyer_phone = f"+44 20 {_d(rng, 4)} {_d(rng, 4)}"
            card_no, card_kind = nino(rng), "National Insurance number"
            file_no = f"{_pick(rng, ('PIP', 'ESA', 'DLA'))}/{_d(rng, 7)}"
            court_ref = f"{_pick(rng, ('HQ', 'QB', 'KB'))}{year2}X{_d(rng, 5)}"
            licence_no = f"UK.FCL.{_pick(rng, ('PPL', 'CPL', 'ATPL'))}.{_d(rng, 6)}"
            ame_no = f"UK.AME.{_d(rng, 4)}"
        else:
            a = str(int(rng.integers(201, 990)))
            phone = f"({a}) {_d(rng, 3)}-{_d(rng, 4)}"
            fax = f"{a}-{_d(rng, 3)}-{_d(rng, 4)}"
            lawyer_phone = f"+1 {a} {_d(rng, 3)} {_d(rng, 4)}"
            card_no, card_kind = f"{int(rng.integers(100, 900))}-{_d(rng, 2)}-{_d(rng, 4)}", "SSN"
            file_no = f"DDS-{_d(rng, 8)}"
            court_ref = f"{int(rng.integers(1, 4))}:{year2}-cv-{_d(rng, 5)}"
            licence_no = _d(rng, 7)
            ame_no = f"AME {_d(rng, 5)}"
        domain = _pick(rng, ("leedsth.nhs.uk", "wales.nhs.uk", "cshs.org"))
        law_domain = _pick(rng, ("irwinmitchell.com", "hartleyosei.co.uk", "delgadofisher.law"))
        address = f"{int(rng.integers(1, 200))} {fake.street_name()}, {fake.city()} {fake.postcode()}"
        claim_no = f"{_pick(rng, ('CLM', 'PI', 'IP'))}-{_d(rng, 8)}"
        tue_ref = f"TUE-{exam.year}-{_d(rng, 4)}"
        ipp = f"{_pick(rng, ('RR8', 'M', 'L'))}{_d(rng, 7)}"
    initials = f"{first[0]}.{LAST[0]}." if rng.random() < 0.5 else f"{first[0]}{LAST[0]}"
    slots: Slots = {
        # the patient
        "first": (first, "PATIENT"),
        "LAST": (LAST, "PATIENT"),
        "initials": (initials, "PATIENT"),
        # other persons
        **{k: (v, "PERSON") for k, v in staff.items()},
        # dates and ages
        "dob": (date(birth), "DATE"),
        "exam_date": (date(exam), "DATE"),
        "prior_date": (date(exam - days(40, 700)), "DATE"),
        "accident_date": (date(exam - days(30, 900)), "DATE"),
        "sample_date": (date(exam - days(1, 60)), "DATE"),
        "decision_date": (date(exam + days(20, 120)), "DATE"),
        "expiry_date": (date(exam + days(180, 730)), "DATE"),
        "age": (age, "AGE"),
        # places and organisations
        "institution": (_pick(rng, INSTITUTIONS_FR if fr else INSTITUTIONS_EN), "INSTITUTION"),
        "assess_centre": (_pick(rng, ASSESS_FR if fr else ASSESS_EN), "INSTITUTION"),
        "aero_centre": (_pick(rng, AERO_FR if fr else AERO_EN), "INSTITUTION"),
        "law_firm": (_pick(rng, LAW_FIRMS_FR if fr else LAW_FIRMS_EN), "INSTITUTION"),
        "club": (_pick(rng, CLUBS_FR if fr else CLUBS_EN), "INSTITUTION"),
        "employer": (_pick(rng, EMPLOYERS_FR if fr else EMPLOYERS_EN), "INSTITUTION"),
        "prior_site": (_pick(rng, PRIOR_FR if fr else PRIOR_EN), "INSTITUTION"),
        "address": (address, "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "fax": (fax, "PHONE"),
        "lawyer_phone": (lawyer_phone, "PHONE"),
        "foreign_phone": (foreign_phone(scheme, rng), "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last)}@{domain}", "EMAIL"),
        "lawyer_email": (f"{_slug(l_first)[:1]}.{_slug(l_last)}@{law_domain}", "EMAIL"),
        "url": (f"https://{_pick(rng, ('depot', 'transfert', 'evidence'))}.{domain}/d/{_d(rng, 6)}", "URL"),
        # numbers
        "ipp": (ipp, "ID"),
        "file_no": (file_no, "ID"),
        "card_no": (card_no, "ID"),
        "claim_no": (claim_no, "ID"),
        "court_ref": (court_ref, "ID"),
        "licence_no": (licence_no, "ID"),
        "ame_no": (ame_no, "ID"),
        "sample_code": (_d(rng, 7), "ID"),
        "tue_ref": (tue_ref, "ID"),
        "aircraft": (aircraft_mark(lang, rng), "ID"),
        "foreign_id": (foreign_number(scheme, birth, female, rng), "ID"),
        # unlabelled: traps
        "id_kind": (id_kind, None),
        "card_kind": (card_kind, None),
        "country": (country_fr if fr else country_en, None),
        "insurer": (_pick(rng, INSURERS_FR if fr else INSURERS_EN), None),
        "doping_body": (_pick(rng, DOPING_BODIES_FR if fr else DOPING_BODIES_EN), None),
        "aviation_body": (_pick(rng, AVIATION_BODIES_FR if fr else AVIATION_BODIES_EN), None),
        "disability_rate": (_pick(rng, DISABILITY_FR if fr else DISABILITY_EN), None),
        "ipp_rate": (_pick(rng, IPP_RATES_FR if fr else IPP_RATES_EN), None),
        "bareme": (_pick(rng, BAREMES_FR if fr else BAREMES_EN), None),
        "article": (_pick(rng, ARTICLES_FR if fr else ARTICLES_EN), None),
        "med_class": (_pick(rng, MED_CLASSES_FR if fr else MED_CLASSES_EN), None),
        "part_med": (_pick(rng, PART_MED), None),
        "flight_hours": (_pick(rng, FLIGHT_HOURS_FR if fr else FLIGHT_HOURS_EN), None),
        "wada_class": (_pick(rng, WADA_CLASSES_FR if fr else WADA_CLASSES_EN), None),
        "substance": (_pick(rng, SUBSTANCES if fr else SUBSTANCES_EN), None),
        "kit": (_pick(rng, KITS), None),
        "acuity": (_pick(rng, ACUITY_FR if fr else ACUITY_EN), None),
        "audiogram": (_pick(rng, AUDIO_FR if fr else AUDIO_EN), None),
        "gir": (_pick(rng, GIR_FR if fr else GIR_EN), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIF), None),
    }
    return split_towns(slots, FR_TEMPLATES if fr else EN_TEMPLATES, "institution", "aero_centre", "prior_site")
