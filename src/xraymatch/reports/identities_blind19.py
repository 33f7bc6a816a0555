"""Blind19 template family: the patient named inside complete everyday reports and in what gets pasted into them -
vendor-style RIS reports of French private practices (letterheads listing the associated radiologists with their
RPPS numbers, the SELARL/SCM company, "ancienne cheffe de clinique au CHU de ...") and of NHS, US, Australian and
Canadian departments, where identifiers are sparse and sit in the indication, comparison and conclusion sentences;
critical-result call-backs ("communiqué par téléphone au Dr ... à 02:40, relecture confirmée", "read back and
confirmed"); dictation references with the typist's initials ("CV/jk"); laboratory results pasted before contrast or
a biopsy (creatinine, eGFR, INR, beta-hCG with specimen numbers, sampling times, reference ranges, the lab and its
biologist); bone-density (DXA) follow-up letters (T/Z-scores, BMD, FRAX, vertebral levels, the previous scan's date);
INS identity traits (birth and used names, the list of given names, sex, the birth place as an INSEE commune code,
2A/2B Corsican births, births abroad coded 99xxx, the INS status and OID) and NHS PDS traces; documents deposited in
Mon espace santé / the NHS App / MyChart; social and benefit paperwork with tax numbers (French numéro fiscal SPI with
its mod-511 key, Australian TFN mod 11, Canadian SIN Luhn, US ITIN) and US prescriber numbers (NPI Luhn over 80840,
DEA check digit); student-health and sports-licence forms (student numbers, INE, universities, clubs); and the
patient's own photos (phone file names "IMG_20240312_081455.jpg", who took them, where) and symptom notes.

Written by an independent auditor who never read the detector (reports/deid/), for a nineteenth blind estimate of
how it generalises. Names of many origins (Vietnamese, Portuguese, Polish, Malagasy, Armenian, Tamil, Yoruba, Maori,
Haitian, Kurdish, Breton, Filipino, Ukrainian, Somali, Quechua, Khmer, Cantonese, Welsh).

Gold conventions (earlier families, `entities.LABELS` and the "Labelling conventions" of entities.py), with these
decisions:
- Letterheads: every associated radiologist listed is PERSON (one span per name, also a surname alone "Dr
  Lemarchand : RPPS ...") and their RPPS / NPI / provider numbers ID; the practice's company (SELARL, SCM, LLP, Pty
  Ltd) is INSTITUTION like the practice name, its legal form inside the span; a hospital named in a qualification
  ("ancienne cheffe de clinique au CHU de Bordeaux", "fellowship at Toronto General Hospital") is INSTITUTION (still a
  hospital name); qualifications and post-nominals ("FRANZCR", "Consultant Radiologist", "ST5") are not labelled.
- A service or department named with its organisation ("Service social du CH de Dax", "laboratoire du CH de Dax",
  "Bone Density Service, Harbour Imaging", "McGill University Student Wellness Hub"): only the organisation's name is
  INSTITUTION; a generic service name alone stays unlabelled (blind5, blind13).
- A critical-result communication: the person called is PERSON, the date DATE, a standalone extension PHONE (the
  project rule); the time of the call and "relecture confirmée" / "read back and confirmed" are not identifiers.
- Dictation references "CV/jk", "AS/mb": the author's capitals are PERSON, the typist's lowercase initials stay
  unlabelled (blind7's rule, followed); "D:" and "T:" dates are DATE.
- Pasted laboratory results: a specimen / sample / request / episode number is ID (it points to one sample of one
  person); a laboratory named as such (a network brand with or without its site, "Laboratoire Cerballiance Bordeaux
  Bastide", "Quest Diagnostics Tampa") is INSTITUTION (a care provider holding the patient's record, unlike an
  insurer), "Laboratoire" inside the span like "Clinique"; the biologist who validates is PERSON; the sampling date
  is DATE. Sampling, reception and validation times, results, units, reference ranges, formulas (CKD-EPI, MDRD) and
  analysers are traps. A last menstrual period is DATE (blind18).
- DXA letters: T-scores, Z-scores, BMD, FRAX percentages, vertebral levels (L1-L4), least significant change, weight,
  height and the densitometer model are traps; the previous scan's date is DATE.
- INS identity traits: the INS matricule (the NIR, also of someone born abroad, "99" and the country code inside) is
  ID; the birth place written as an INSEE commune code ("29019", "2A004", "97411") is LOCATION, like the town it
  codes (a birth town is a geographic unit smaller than a state), in its own span beside the town's; a country code
  of birth abroad (99xxx, or an ISO code such as "NGA" in a PDS trace) and the country are traps (a country is not a
  Safe Harbor element, blind5/blind14); a list of given names ("Gwenaëlle Anne Marie") is one PATIENT span, birth
  and used names one span each ("épouse" outside, blind7); sex, the INS status ("identité qualifiée", "provisoire",
  "number present and verified") and the INS / NHS-number OIDs are traps.
- Personal health spaces: "Mon espace santé", "DMP", "NHS App", "MyChart", "Doctolib" are national services or
  vendors used by millions: traps; a deposited document's unique identifier is ID, the deposit date DATE, a link to
  the document one URL span (its query included, blind13); a first name in the salutation is PATIENT.
- Tax and benefit numbers (numéro fiscal SPI, TFN, SIN, ITIN) are ID; the tax year ("revenus 2023", "tax year 2023":
  a year alone), amounts (revenu fiscal de référence, household income), benefit schemes (complémentaire santé
  solidaire, Canada Pension Plan) and insurers (CPAM, TAL Life) are traps; the social worker, case manager or
  financial counsellor is PERSON; an employer is INSTITUTION (round 6).
- Prescriber numbers NPI and DEA, and GMC numbers, are ID (numeric and staff numbers, the project rule).
- Student and sports paperwork: student numbers, INE and sports-licence / registration numbers are ID; universities
  and clubs INSTITUTION (round-6 scope, blind10); federations ("FFR", "FFHandball", "RFU", "Rugby Québec"), the
  season ("saison 2024-2025") and the programme or year of study ("L2 STAPS", "U2 Kinesiology") are traps.
- The patient's photos: in a phone file name "IMG_20240312_081455.jpg" the date part "20240312" is DATE and the time
  part is not (blind7/blind13's file-name rule, with the ISO rule for times); the phone model is a trap; the relative
  who took the photo is PERSON; the town where it was taken LOCATION. The patient's own notes: the writer is PATIENT
  (the project rule), the dates they give DATE, the relatives they name PERSON.
- Traps besides: exam names and RIS procedure codes, dose reports (CTDIvol, DLP, kV), CCAM/CPT codes, eponyms
  (Murphy, Kerley, Baker), classifications (Garden, Fazekas, Lung-RADS, TI-RADS, CAD-RADS, Weber, Schernberg,
  Kellgren-Lawrence), rooms and beds, empty template placeholders ("[NOM]", "[NAME]"). The INE's check character
  follows an unpublished algorithm: INE values are drawn without one.
`blind19_draw(lang, rng)` returns (slots, templates) like `blind18_draw`. Never tune a detector on it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from xraymatch.reports.families import Slots
from xraymatch.reports.families import Templates as Family
from xraymatch.reports.identities import _faker, format_date
from xraymatch.reports.identities_blind5 import _d, _pick, _slug, luhn_digit
from xraymatch.reports.identities_blind12 import nhs_number

if TYPE_CHECKING:
    import numpy as np

# --------------------------------------------------------------------------------------------------- templates

FR_TEMPLATES: Family = {
    "header": [
        [
            "{practice}\n{selarl} - radiologues associés : Dr {partner1}, Dr {partner2}, Dr {partner3}\nDr "
            "{partner1} (RPPS {rpps}), ancien chef de clinique au {chu}\n{practice_address} - secrétariat {phone}\n\n"
            "Patient(e) : {first} {LAST}, {age}\n{exam_name} du {exam_date}\n",
            "Identité INS ({ins_status}, OID {ins_oid})\nNom de naissance : {LAST} - Prénoms : {given_names} - "
            "Sexe : {sex}\nNé(e) le {dob} - lieu de naissance {birth_insee} ({birth_town}) - matricule INS {ins}\n",
            "Identité INS ({ins_status}) : {LAST} {first}, né(e) le {dob} à l'étranger (code pays {country_code}, "
            "{country}) - NIR {ins_abroad}\n",
            "Bilan avant injection - laboratoire {lab}, prélèvement n° {specimen} du {lab_date} à {sample_time}\n"
            "{first} {LAST}, {age} : créatinine {creat}, {egfr} ({formula}), normes {ref_range} ; validé par "
            "{biologist}\n",
            "Ostéodensitométrie de suivi ({densitometer}) - {first} {LAST}, {age}\nAu Dr {referrer} : examen du "
            "{exam_date}, comparé à celui du {prev_dxa} : {vertebrae} {tscore}, {zscore}, DMO {bmd}, {frax}.\n",
            "Service social - aide financière pour {first} {LAST} ({age}) : numéro fiscal {spi}, revenu fiscal de "
            "référence {rfr} ({tax_year}) ; dossier suivi par {social_worker}.\n",
            "Santé étudiante - {university} : {first} {LAST}, {age}, {programme}, n° étudiant {student_no}, INE "
            "{ine} ; licence {federation} n° {licence_no} ({club}).\n",
            "Photos envoyées par le/la patient(e) : IMG_{photo_ymd}_{photo_hms}.jpg, prise par {photographer} à "
            "{photo_place} ({phone_model}) ; note de {first} {LAST} : « ça me fait mal depuis le {prior_date} ».\n",
        ],
        [
            "IPP {ipp} - né(e) le {dob} - n° d'examen {accession}\n",
            "Dossier {ipp} ; matricule INS {ins}\n",
            "Document {platform} n° {dms_docid}, ajouté le {dms_date}\n",
            "Examen {accession} - naissance {dob} - portable du/de la patient(e) {phone2}\n",
        ],
        [
            "Indication : douleur depuis le {prior_date}. Demandeur : Dr {referrer} ({phone}).\n",
            "Comparaison : examen du {prior_date} (établissement : {prior_site}, réf. {prior_acc}).\n",
            "Indication : bilan demandé par le Dr {referrer}, {town}.\n",
            "Renseignements cliniques : chute signalée par sa fille {photographer} le {prior_date}.\n",
        ],
    ],
    "pre": [
        [
            "Mentions sans identifiant : {exam_name} ; {ctdi} ; {dlp} ; {eponym} ; {classif} ; prélevé à "
            "{sample_time} ; {creat} ; {tscore} ; {country} ; {tax_year}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nConclusion communiquée par téléphone au Dr {informed} le {exam_date} à {call_time}, relecture "
            "confirmée. Dr {radiologist}\n",
            "\nDicté par le Dr {radiologist} ({author_init}/{typist_init}) et validé le {sign_date}\n",
            "\nDr {radiologist} - {practice} - {email}\n",
            "\nAvis du Dr {informed} ({prior_site}) ; compte rendu du Dr {radiologist}, bip {pager}\n",
        ],
        [
            "Déposé dans {platform} le {dms_date} (identifiant {dms_docid})\n",
            "Compte rendu et images : {url}\n",
            "Copie : Dr {referrer}, {referrer_address}\n",
            "",
        ],
    ],
}

EN_TEMPLATES: Family = {
    "header": [
        [
            "{practice}\n{selarl} - partners {partner1}, MD; {partner2}, DO; {partner3}, MD\n{partner1}: NPI {npi}, "
            "fellowship at {chu}\n{practice_address} - Tel {phone}\n\nRE: {first} {LAST}, {age}\n{exam_name}, "
            "{exam_date}\n",
            "PDS trace ({ins_status}, OID {ins_oid}): {LAST}, {given_names}; sex {sex}; born {dob} in {birth_town}; "
            "NHS number {nhs}\n",
            "Medical report for a disability benefit claim - SIN {sin}\nApplicant {first} {LAST}, {age}, born "
            "{dob} in {country} ({country_code})\n",
            "Pre-contrast bloods - {lab}, specimen {specimen}, collected {lab_date} at {sample_time}\n{first} {LAST}, "
            "{age}: creatinine {creat}, {egfr} ({formula}), ref. {ref_range}; authorised by {biologist}\n",
            "Bone densitometry follow-up ({densitometer}) - {first} {LAST}, {age}\nTo Dr {referrer}: scan of "
            "{exam_date} against the one of {prev_dxa}: {vertebrae} {tscore}, {zscore}, BMD {bmd}, {frax}.\n",
            "Income protection claim for {first} {LAST} ({age}): TFN {tfn}, pre-disability income {rfr} "
            "({tax_year}); case manager {social_worker}.\n",
            "Charity-care application: {first} {LAST}, {age}, ITIN {itin}, household income {rfr} ({tax_year}); "
            "financial counsellor {social_worker}.\n",
            "Student Health - {university}: {first} {LAST}, {age}, {programme}, student no. {student_no}; "
            "{federation} registration {licence_no} ({club}).\n",
            "Photos sent in by the patient: IMG_{photo_ymd}_{photo_hms}.jpg, taken by {photographer} in "
            '{photo_place} ({phone_model}); {first} {LAST} writes: "it has hurt since {prior_date}".\n',
            "Sedation order for {first} {LAST}, {age}, signed by Dr {referrer} (NPI {npi}, DEA {dea}) on {exam_date}\n",
        ],
        [
            "MRN {ipp} - DOB {dob} - accession {accession}\n",
            "Hospital no. {ipp}; NHS no. {nhs}\n",
            "{platform} document {dms_docid}, added {dms_date}\n",
            "Accession {accession} - date of birth {dob} - patient mobile {phone2}\n",
        ],
        [
            "Clinical history: pain since {prior_date}. Ordering: Dr {referrer} ({phone}).\n",
            "Comparison: study of {prior_date} at {prior_site} (ref. {prior_acc}).\n",
            "History: work-up requested by Dr {referrer}, {town}.\n",
            "Clinical details: fall reported by the patient's daughter {photographer} on {prior_date}.\n",
        ],
    ],
    "pre": [
        [
            "Not identifiers: {exam_name}; {ctdi}; {dlp}; {eponym}; {classif}; drawn at {sample_time}; {creat}; "
            "{tscore}; {country}; {tax_year}.\n",
            "",
        ],
    ],
    "footer": [
        [
            "\nImpression discussed by telephone with Dr {informed} on {exam_date} at {call_time}, read back and "
            "confirmed. {radiologist}, MD\n",
            "\nDictated by Dr {radiologist} ({author_init}/{typist_init}); verified {sign_date}\n",
            "\n{radiologist}, Consultant Radiologist - {practice} - {email}\n",
            "\nSecond opinion from Dr {informed} ({prior_site}); reported by Dr {radiologist}, bleep {pager}\n",
        ],
        [
            "Filed to {platform} on {dms_date} (document ID {dms_docid})\n",
            "Report and images: {url}\n",
            "cc: Dr {referrer}, {referrer_address}\n",
            "",
        ],
    ],
}

# --------------------------------------------------------------------------------------------------- pools

# (female first names, male first names, surnames) by tradition, so a drawn name is coherent.
ORIGINS: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...] = (
    (("Thi Lan", "Hoa", "Ngoc Anh"), ("Minh", "Duc Anh", "Quang"), ("Nguyen", "Tran", "Pham", "Vo")),
    (("Joana", "Filipa", "Inês"), ("Rui", "Tiago", "João"), ("Ferreira", "Gonçalves", "Carvalho", "Teixeira")),
    (("Agnieszka", "Małgorzata", "Zofia"), ("Tomasz", "Paweł", "Wojciech"), ("Kowalczyk", "Wójcik", "Nowak", "Mazur")),
    (("Voahangy", "Fanja", "Lalao"), ("Hery", "Rivo", "Tahina"), ("Rakotomalala", "Randriamanana", "Andrianarisoa")),
    (("Anahit", "Lusine", "Nairi"), ("Vahe", "Aram", "Levon"), ("Hovhannisyan", "Petrossian", "Karapetyan")),
    (("Kavitha", "Priya", "Meena"), ("Senthil", "Arun", "Karthik"), ("Subramaniam", "Ramasamy", "Krishnan")),
    (("Folake", "Titilayo", "Funmilayo"), ("Adebayo", "Oluwaseun", "Tunde"), ("Adeyemi", "Ogunleye", "Balogun")),
    (("Aroha", "Mereana", "Ngaio"), ("Wiremu", "Tane", "Rawiri"), ("Ngata", "Parata", "Waititi", "Tawhiri")),
    (("Marie-Lourdes", "Wilnise", "Nadège"), ("Jean-Rony", "Fritz", "Wesner"), ("Pierre-Louis", "Desrosiers", "Cadet")),
    (("Rojda", "Zilan", "Berfin"), ("Baran", "Dilan", "Serhat"), ("Demir", "Yıldız", "Aslan", "Keskin")),
    (("Gwenaëlle", "Maïwenn", "Soizic"), ("Yannick", "Erwan", "Loïc"), ("Le Gall", "Kerouédan", "Guivarc'h")),
    (("Maricel", "Jocelyn", "Rowena"), ("Rodel", "Arnel", "Jomar"), ("Dela Cruz", "Bautista", "Macaraeg")),
    (("Oksana", "Olena", "Iryna"), ("Taras", "Bohdan", "Mykola"), ("Kovalenko", "Shevchuk", "Bondarenko")),
    (("Hodan", "Fadumo", "Ifrah"), ("Abdirahman", "Yusuf", "Mahad"), ("Warsame", "Farah", "Abdi", "Jama")),
    (("Nélida", "Rosa", "Yolanda"), ("Wilber", "Yuri", "Edwin"), ("Quispe", "Mamani", "Yupanqui", "Huamán")),
    (("Sreymom", "Chanthou", "Bopha"), ("Dara", "Vuthy", "Sovann"), ("Chhim", "Keo", "Phan", "Chea")),
    (("Mei Ling", "Ka Yan", "Wing Yee"), ("Wai Man", "Siu Fung", "Chi Keung"), ("Cheung", "Leung", "Chan")),
    (("Rhiannon", "Ffion", "Carys"), ("Dafydd", "Gruffydd", "Iwan"), ("Prys", "Llewellyn", "Vaughan")),
)
MIDDLE_NAMES = ("Marie", "Thérèse", "Anh", "Joseph", "Lalao", "Aroha", "Grace", "Oluwakemi", "Sione", "Ana")
BIRTH_PLACES = (("29019", "Brest"), ("2A004", "Ajaccio"), ("2B033", "Bastia"), ("35238", "Rennes"),
                ("33063", "Bordeaux"), ("97411", "Saint-Denis"), ("97209", "Fort-de-France"), ("69123", "Lyon"),
                ("87085", "Limoges"), ("59350", "Lille"), ("44109", "Nantes"), ("67482", "Strasbourg"))  # fmt: skip
COUNTRIES_FR = (("350", "Maroc"), ("352", "Algérie"), ("351", "Tunisie"), ("139", "Portugal"), ("243", "Viêt Nam"),
                ("122", "Pologne"), ("208", "Turquie"))  # fmt: skip
COUNTRIES_EN = (("PHL", "the Philippines"), ("NGA", "Nigeria"), ("POL", "Poland"), ("JAM", "Jamaica"),
                ("IND", "India"), ("SOM", "Somalia"))  # fmt: skip
BIRTH_TOWNS_EN = ("Bradford", "Swansea", "Leicester", "Hamilton", "Wrexham", "Sunderland")
# Organisations by slot: (French pool, English pool). Practices, their companies, hospitals, labs, universities, clubs.
ORGANISATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "practice": (
        ("Cabinet de radiologie des Capucins", "Centre d'imagerie médicale du Parc", "Imagerie Rive Gauche",
         "Centre de radiologie de la Vallée de l'Erdre"),
        ("Lakeside Radiology", "Harbour Imaging", "Northgate Diagnostic Imaging", "Riverbend Medical Imaging"),
    ),
    "selarl": (
        ("SELARL Imagerie des Capucins", "SCM Radiologie du Parc", "SELAS Rive Gauche Imagerie",
         "SELARL Radiologues de l'Erdre"),
        ("Lakeside Radiology Partners LLP", "Harbour Imaging Pty Ltd", "Northgate Radiologists PC",
         "Riverbend Imaging LLC"),
    ),
    "chu": (
        ("CHU de Bordeaux", "CHU de Clermont-Ferrand", "CHU de Rennes", "CHU de Nantes"),
        ("Massachusetts General Hospital", "Royal Melbourne Hospital", "Toronto General Hospital",
         "Leeds General Infirmary"),
    ),
    "prior_site": (
        ("Clinique Pasteur de Royan", "CH de Dax", "Centre d'imagerie Saint-Exupéry", "Polyclinique du Maine",
         "CHU de Poitiers"),
        ("Mercy Hospital St. Louis", "St Vincent's Private Hospital", "Sunnybrook Health Sciences Centre",
         "Queen Elizabeth University Hospital"),
    ),
    "lab": (
        ("Cerballiance Bordeaux Bastide", "Biogroup Rennes Nord", "Eurofins Biomnis Lyon", "Synlab Anjou"),
        ("Quest Diagnostics Tampa", "LifeLabs Toronto", "Douglass Hanly Moir Pathology", "Laverty Pathology"),
    ),
    "university": (
        ("université de Rennes", "université Bordeaux Montaigne", "université d'Angers", "Nantes Université"),
        ("University of Leeds", "McGill University", "Monash University", "University of Texas at Austin"),
    ),
    "club": (
        ("Stade Rochelais", "Cesson Rennes Métropole Handball", "Angers SCO", "Rennes Étudiants Club"),
        ("Headingley Rugby Club", "Montreal Wanderers RFC", "Caulfield Bears FC", "Austin Elite Soccer"),
    ),
}  # fmt: skip
# Traps.
EXAMS_FR = ("Scanner thoraco-abdomino-pelvien injecté", "IRM du genou droit", "Échographie abdominale complète",
            "Radiographie du bassin de face")  # fmt: skip
EXAMS_EN = ("CT chest abdomen pelvis with contrast", "MRI right knee without contrast", "US abdomen complete",
            "XR pelvis AP")  # fmt: skip
STATUS_FR = ("identité qualifiée", "identité provisoire", "identité récupérée", "identité validée")
STATUS_EN = ("PDS verified", "number present and verified", "trace not yet done", "verified at front desk")
PLATFORMS_FR = ("Mon espace santé", "DMP", "Doctolib")
PLATFORMS_EN = ("NHS App", "MyChart", "Patient Portal")
DENSITOMETERS = ("Hologic Horizon A", "GE Lunar iDXA", "GE Lunar Prodigy", "Hologic Discovery W")
PHONES_MODELS = ("iPhone 12", "Samsung Galaxy A54", "Google Pixel 7", "Xiaomi Redmi Note 11")
FORMULAS = ("CKD-EPI", "CKD-EPI 2021", "MDRD", "Cockcroft-Gault")
PROGRAMMES_FR = ("L2 STAPS", "master 1 de droit", "BTS diététique", "PASS")
PROGRAMMES_EN = ("Year 2 BSc Sport Science", "MSc Nursing", "first-year Kinesiology", "BA Music, Year 3")
FEDERATIONS_FR = ("FFR", "FFHandball", "FFF", "FFBB")
FEDERATIONS_EN = ("RFU", "Rugby Canada", "AFL Victoria", "US Youth Soccer")
EPONYMS_FR = ("kyste de Baker", "signe de Murphy", "ligne de Shenton", "hernie de Spiegel")
EPONYMS_EN = ("Baker cyst", "Murphy sign", "Shenton line", "Spigelian hernia")
CLASSIFS = ("Kellgren-Lawrence 2", "Fazekas 1", "TI-RADS 3", "Bosniak II", "Lauge-Hansen SER 2", "PI-RADS 2")


# --------------------------------------------------------------------------------------------------- checks


def nir_key(body13: str) -> str:
    """The two-digit key of a NIR / INS matricule: 97 minus the 13 characters mod 97, Corsican 2A/2B read as 19/18."""
    if len(body13) != 13 or not (body13.isdigit() or (body13[5:7] in ("2A", "2B") and (body13[:5] + body13[7:])
                                                      .isdigit())):  # fmt: skip
        raise ValueError(f"nir_key: expected 13 digits (2A/2B allowed as the department), got {body13!r}")
    digits = body13[:5] + {"2A": "19", "2B": "18"}.get(body13[5:7], body13[5:7]) + body13[7:]
    return f"{97 - int(digits) % 97:02d}"


def spi_key(first10: str) -> str:
    """The three-digit key of a French numéro fiscal (SPI): the first ten digits modulo 511."""
    if len(first10) != 10 or not first10.isdigit() or first10[0] not in "0123":
        raise ValueError(f"spi_key: expected ten digits starting 0-3, got {first10!r}")
    return f"{int(first10) % 511:03d}"


def tfn_valid(number: str) -> bool:
    """An Australian tax file number (9 digits) is valid when its digits weighted 1,4,3,7,5,8,6,9,10 sum to 0 mod 11."""
    digits = number.replace(" ", "")
    if len(digits) != 9 or not digits.isdigit():
        raise ValueError(f"tfn_valid: expected nine digits, got {number!r}")
    return sum(int(c) * w for c, w in zip(digits, (1, 4, 3, 7, 5, 8, 6, 9, 10), strict=True)) % 11 == 0


def npi_check(first9: str) -> str:
    """The NPI check digit: the Luhn digit of the nine digits prefixed by 80840 (the US health-industry prefix)."""
    if len(first9) != 9 or not first9.isdigit():
        raise ValueError(f"npi_check: expected nine digits, got {first9!r}")
    return luhn_digit("80840" + first9)


def dea_check(six: str) -> str:
    """The DEA registration check digit: the last digit of (1st + 3rd + 5th) + 2 x (2nd + 4th + 6th)."""
    if len(six) != 6 or not six.isdigit():
        raise ValueError(f"dea_check: expected six digits, got {six!r}")
    d = [int(c) for c in six]
    return str((d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10)


def sin_valid(number: str) -> bool:
    """A Canadian social insurance number passes the Luhn test on its nine digits."""
    digits = number.replace(" ", "").replace("-", "")
    if len(digits) != 9 or not digits.isdigit():
        raise ValueError(f"sin_valid: expected nine digits, got {number!r}")
    return luhn_digit(digits[:8]) == digits[8]


# --------------------------------------------------------------------------------------------------- numbers


def nir_number(female: bool, birth: dt.date, place: str, order: int) -> str:
    """A NIR printed in its groups: sex, year, month, the 5-character birth code (INSEE commune or 99 + country)."""
    body = f"{2 if female else 1}{birth.year % 100:02d}{birth.month:02d}{place}{order:03d}"
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {nir_key(body)}"


def spi_number(rng: np.random.Generator) -> str:
    """A numéro fiscal as printed on a tax notice ("30 23 217 600 053")."""
    first10 = str(int(rng.integers(0, 4))) + _d(rng, 9)
    n = first10 + spi_key(first10)
    return f"{n[:2]} {n[2:4]} {n[4:7]} {n[7:10]} {n[10:]}"


def tfn_number(rng: np.random.Generator) -> str:
    """A nine-digit TFN spaced 3-3-3: eight drawn digits, the ninth making the weighted sum 0 mod 11."""
    while True:
        eight = _d(rng, 8)
        # the ninth digit weighs 10 = -1 (mod 11): it must equal the first eight's weighted sum mod 11
        ninth = sum(int(c) * w for c, w in zip(eight, (1, 4, 3, 7, 5, 8, 6, 9), strict=True)) % 11
        if ninth < 10:
            n = eight + str(ninth)
            return f"{n[:3]} {n[3:6]} {n[6:]}"


def sin_number(rng: np.random.Generator) -> str:
    """A SIN spaced 3-3-3 (first digit 1-7: not a temporary-resident 9 or the unused 0 and 8), Luhn check."""
    eight = str(int(rng.integers(1, 8))) + _d(rng, 7)
    n = eight + luhn_digit(eight)
    return f"{n[:3]} {n[3:6]} {n[6:]}"


def npi_number(rng: np.random.Generator) -> str:
    first9 = str(int(rng.integers(1, 3))) + _d(rng, 8)
    return first9 + npi_check(first9)


def dea_number(rng: np.random.Generator, surname: str) -> str:
    """A practitioner DEA number: registrant letter, the surname's initial, six digits and the check digit."""
    six = _d(rng, 6)
    initial = next((c for c in surname.upper() if "A" <= c <= "Z"), "X")
    return f"{_pick(rng, 'ABFM')}{initial}{six}{dea_check(six)}"


def itin_number(rng: np.random.Generator) -> str:
    """A US ITIN: 9XX-GG-XXXX with the group in 70-88 (no check digit in the scheme)."""
    return f"9{_d(rng, 2)}-{int(rng.integers(70, 89))}-{_d(rng, 4)}"


def rpps_number(rng: np.random.Generator) -> str:
    body = "10" + _d(rng, 8)
    return body + luhn_digit(body)


def _uuid(rng: np.random.Generator) -> str:
    h = "".join(_pick(rng, "0123456789abcdef") for _ in range(32))
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_pick(rng, '89ab')}{h[17:20]}-{h[20:]}"


# --------------------------------------------------------------------------------------------------- draw


def blind19_draw(lang: str, rng: np.random.Generator) -> tuple[Slots, Family]:
    """Draw one identity (labelled slots) and traps (label None); return them with the language's template family."""
    fr = lang == "fr"
    fake: Any = _faker("fr_FR" if fr else "en_US")
    fake.seed_instance(int(rng.integers(2**31)))

    female = bool(rng.random() < 0.6)
    women, men, lasts = ORIGINS[int(rng.integers(len(ORIGINS)))]
    first, last = _pick(rng, women if female else men), _pick(rng, lasts)
    used = {first, last}

    def person(woman: bool = False) -> tuple[str, str]:
        while True:
            fs, ms, ls = ORIGINS[int(rng.integers(len(ORIGINS)))]
            f, s = _pick(rng, fs if woman else fs + ms), _pick(rng, ls)
            if f not in used and s not in used:
                used.update((f, s))
                return f, s

    roles = ("partner1", "partner2", "partner3", "referrer", "radiologist", "informed", "biologist",
             "social_worker", "photographer")  # fmt: skip
    staff = {role: person(woman=role == "photographer") for role in roles}  # the photographer is the daughter
    r_first, r_last = staff["radiologist"]

    exam = dt.date(2018, 1, 1) + dt.timedelta(days=int(rng.integers(7 * 365)))
    birth = exam - dt.timedelta(days=int(rng.integers(18 * 365, 88 * 365)))
    years = exam.year - birth.year - ((exam.month, exam.day) < (birth.month, birth.day))
    prior = exam - dt.timedelta(days=int(rng.integers(14, 700)))
    prev_dxa = exam - dt.timedelta(days=int(rng.integers(700, 1500)))
    lab = exam - dt.timedelta(days=int(rng.integers(0, 20)))
    dms = exam + dt.timedelta(days=int(rng.integers(0, 4)))
    sign = exam + dt.timedelta(days=int(rng.integers(0, 3)))
    photo = prior + dt.timedelta(days=int(rng.integers(0, 10)))
    fmt = int(rng.integers(7))

    def date(day: dt.date) -> str:
        return format_date(day, lang, fmt)

    insee, birth_town = _pick(rng, BIRTH_PLACES)
    country_code, country = _pick(rng, COUNTRIES_FR if fr else COUNTRIES_EN)
    # the NIR birth code of someone born abroad: 99 + the INSEE country code (the one shown, in French)
    abroad = f"99{country_code if fr else _pick(rng, COUNTRIES_FR)[0]}"
    if fr:
        age = f"{years} ans"
        phone = f"0{_pick(rng, '2345')} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        phone2 = f"0{_pick(rng, '67')} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)} {_d(rng, 2)}"
        domain = _pick(rng, ("imagerie-capucins.fr", "radiologie-du-parc.fr", "rive-gauche-imagerie.fr"))
        decimal = ","
        country_text = f"99{country_code}"
        specimen = f"{exam.year % 100:02d}{_pick(rng, 'ABCDEF')}{_d(rng, 6)}"
        ipp = _d(rng, 9)
        accession = f"{_pick(rng, ('CR', 'EX', 'RIS'))}{_d(rng, 7)}"
        student_no = _d(rng, 8)
        licence = f"{_d(rng, 4)}{_pick(rng, 'ABCDEFGH')}{_d(rng, 5)}"
        address = f"{int(rng.integers(1, 120))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        ref_address = f"{int(rng.integers(1, 120))} {fake.street_name()}, {fake.postcode()} {fake.city()}"
        amount = f"{int(rng.integers(6, 30))} {_d(rng, 3)} €"
        tax_year = f"revenus {exam.year - 1}"
    else:
        age = _pick(rng, (f"{years}-year-old", f"{years} years", f"{years}y"))
        phones = (
            f"({int(rng.integers(201, 990))}) {_d(rng, 3)}-{_d(rng, 4)}",
            f"0113 {_d(rng, 3)} {_d(rng, 4)}",
            f"(03) 9{_d(rng, 3)} {_d(rng, 4)}",
            f"514-{_d(rng, 3)}-{_d(rng, 4)}",
        )
        phone = _pick(rng, phones)
        phone2 = _pick(rng, (f"07{_d(rng, 3)} {_d(rng, 6)}", f"04{_d(rng, 2)} {_d(rng, 3)} {_d(rng, 3)}",
                             f"+1 438 {_d(rng, 3)} {_d(rng, 4)}"))  # fmt: skip
        domain = _pick(rng, ("lakesideradiology.com", "harbourimaging.com.au", "nhs.net"))
        decimal = "."
        country_text = country_code
        specimen = f"{_pick(rng, ('SP', 'H', 'C'))}{exam.year % 100:02d}-{_d(rng, 6)}"
        ipp = _pick(rng, (_d(rng, 8), f"RX{_d(rng, 6)}", f"M{_d(rng, 7)}"))
        accession = f"{_pick(rng, ('ACC', 'A', 'CT'))}{_d(rng, 8)}"
        student_no = _pick(rng, (_d(rng, 9), f"s{_d(rng, 7)}"))
        licence = _pick(rng, (f"RFU-{_d(rng, 7)}", _d(rng, 8), f"{_d(rng, 3)}-{_d(rng, 5)}"))
        address = f"{fake.street_address()}, {fake.city()}, {fake.state_abbr()} {fake.postcode()}"
        ref_address = f"{fake.street_address()}, {fake.city()}, {fake.state_abbr()} {fake.postcode()}"
        amount = f"${int(rng.integers(12, 80))},{_d(rng, 3)}"
        tax_year = f"tax year {exam.year - 1}"
    tscore = f"{int(rng.integers(-4, 0))}{decimal}{int(rng.integers(10))}"
    slots: Slots = {
        # the patient
        "first": (first, "PATIENT"),
        "LAST": (last.upper() if rng.random() < 0.4 else last, "PATIENT"),
        "given_names": (f"{first} {_pick(rng, MIDDLE_NAMES)}", "PATIENT"),
        # other persons
        **{role: (f"{f} {s}", "PERSON") for role, (f, s) in staff.items()},
        "author_init": (f"{r_first[0]}{r_last[0]}".upper(), "PERSON"),
        # dates and ages
        "dob": (date(birth), "DATE"),
        "exam_date": (date(exam), "DATE"),
        "prior_date": (date(prior), "DATE"),
        "prev_dxa": (date(prev_dxa), "DATE"),
        "lab_date": (date(lab), "DATE"),
        "dms_date": (date(dms), "DATE"),
        "sign_date": (date(sign), "DATE"),
        "photo_ymd": (f"{photo.year}{photo.month:02d}{photo.day:02d}", "DATE"),
        "age": (age, "AGE"),
        # places and organisations
        **{slot: (_pick(rng, pools[0] if fr else pools[1]), "INSTITUTION") for slot, pools in ORGANISATIONS.items()},
        "practice_address": (address, "LOCATION"),
        "referrer_address": (ref_address, "LOCATION"),
        "birth_insee": (insee, "LOCATION"),
        "birth_town": (birth_town if fr else _pick(rng, BIRTH_TOWNS_EN), "LOCATION"),
        "photo_place": (fake.city(), "LOCATION"),
        "town": (fake.city(), "LOCATION"),
        # contact
        "phone": (phone, "PHONE"),
        "phone2": (phone2, "PHONE"),
        "pager": (_d(rng, 4), "PHONE"),
        "email": (f"{_slug(r_first)}.{_slug(r_last)}@{domain}", "EMAIL"),
        "url": (f"https://{'resultats' if fr else 'portal'}.{domain}/{'cr' if fr else 'r'}/{_d(rng, 8)}", "URL"),
        # numbers
        "ipp": (ipp, "ID"),
        "accession": (accession, "ID"),
        "prior_acc": (f"EXT-{_d(rng, 7)}", "ID"),
        "rpps": (rpps_number(rng), "ID"),
        "ins": (nir_number(female, birth, insee, int(rng.integers(1, 999))), "ID"),
        "ins_abroad": (nir_number(female, birth, abroad, int(rng.integers(1, 999))), "ID"),
        "specimen": (specimen, "ID"),
        "dms_docid": (_uuid(rng), "ID"),
        "spi": (spi_number(rng), "ID"),
        "tfn": (tfn_number(rng), "ID"),
        "sin": (sin_number(rng), "ID"),
        "itin": (itin_number(rng), "ID"),
        "npi": (npi_number(rng), "ID"),
        "dea": (dea_number(rng, staff["referrer"][1]), "ID"),
        "nhs": (nhs_number(rng), "ID"),
        "student_no": (student_no, "ID"),
        "ine": (f"{_d(rng, 10)}{_pick(rng, 'ABCDEFGHJK')}", "ID"),
        "licence_no": (licence, "ID"),
        # unlabelled: traps
        "typist_init": ("".join(_pick(rng, "abcdfghjklmnprstvw") for _ in range(2)), None),
        "sex": (("F" if female else "M") if fr else ("female" if female else "male"), None),
        "ins_status": (_pick(rng, STATUS_FR if fr else STATUS_EN), None),
        "ins_oid": ("1.2.250.1.213.1.4.8" if fr else "2.16.840.1.113883.2.1.4.1", None),
        "country_code": (country_text, None),
        "country": (country, None),
        "platform": (_pick(rng, PLATFORMS_FR if fr else PLATFORMS_EN), None),
        "exam_name": (_pick(rng, EXAMS_FR if fr else EXAMS_EN), None),
        "sample_time": (f"{int(rng.integers(6, 12)):02d}:{int(rng.integers(60)):02d}", None),
        "call_time": (f"{int(rng.integers(0, 24)):02d}:{int(rng.integers(60)):02d}", None),
        "photo_hms": (f"{int(rng.integers(7, 23)):02d}{int(rng.integers(60)):02d}{int(rng.integers(60)):02d}", None),
        "creat": (f"{int(rng.integers(45, 130))} µmol/L", None),
        "egfr": (f"{'DFG' if fr else 'eGFR'} {int(rng.integers(35, 120))} mL/min/1{decimal}73 m²", None),
        "formula": (_pick(rng, FORMULAS), None),
        "ref_range": (_pick(rng, ("45-84 µmol/L", "59-104 µmol/L", "49-90 µmol/L")), None),
        "densitometer": (_pick(rng, DENSITOMETERS), None),
        "vertebrae": (_pick(rng, ("L1-L4", "L2-L4", "col fémoral" if fr else "femoral neck")), None),
        "tscore": (f"T-score {tscore}", None),
        "zscore": (f"Z-score {int(rng.integers(-3, 2))}{decimal}{int(rng.integers(10))}", None),
        "bmd": (f"0{decimal}{int(rng.integers(600, 999))} g/cm²", None),
        "frax": (f"FRAX {int(rng.integers(5, 35))} %" if fr else f"FRAX {int(rng.integers(5, 35))}%", None),
        "ctdi": (f"CTDIvol {int(rng.integers(3, 20))}{decimal}{int(rng.integers(10))} mGy", None),
        "dlp": (f"{'PDL' if fr else 'DLP'} {int(rng.integers(120, 900))} mGy.cm", None),
        "phone_model": (_pick(rng, PHONES_MODELS), None),
        "rfr": (amount, None),
        "tax_year": (tax_year, None),
        "programme": (_pick(rng, PROGRAMMES_FR if fr else PROGRAMMES_EN), None),
        "federation": (_pick(rng, FEDERATIONS_FR if fr else FEDERATIONS_EN), None),
        "eponym": (_pick(rng, EPONYMS_FR if fr else EPONYMS_EN), None),
        "classif": (_pick(rng, CLASSIFS), None),
    }
    return slots, (FR_TEMPLATES if fr else EN_TEMPLATES)
