"""Blind20 template family and hand-written blind20 cases: the national-number keys with known answers (Romanian CNP,
Bulgarian EGN, Swedish personnummer, Norwegian fødselsnummer, Finnish HETU, Spanish NIE), generated numbers valid
and carrying the birth date, traps (lots, catalogue references, classes, doses, triage codes) never labelled, and the
labelling decisions (patronymics and double surnames inside the patient span, kinship words outside, schools and
police units INSTITUTION, implant serials and registry numbers ID, day-month DATE, employer hotels INSTITUTION) on
the case file. The case file is read as plain JSON: no detector code is imported."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind5 import luhn_digit
from xraymatch.reports.identities_blind20 import (
    cnp_check,
    egn_check,
    fodselsnummer_keys,
    hetu_check,
    national_number,
    nie_letter,
    personnummer_check,
)


def test_check_keys_known_answers() -> None:
    # Romanian CNP: 1800101221144 -> 1*2 + 8*7 + 0*9 + 0*1 + 1*4 + 0*6 + 1*3 + 2*5 + 2*8 + 1*2 + 1*7 + 4*9 = 136,
    # 136 % 11 = 4; a sum mod 11 of 10 is written 1 (279146358279 weighted by itself gives 10 -> "1")
    assert cnp_check("180010122114") == "4"
    assert cnp_check("279146358279") == "1"
    # Bulgarian EGN: 7523169263, the commonly quoted example (born 16/03/1875: month + 20 for the 1800s)
    assert egn_check("752316926") == "3"
    assert egn_check("000000000") == "0"
    # Swedish personnummer: 811218-9876, the Skatteverket example, and 640823-3234
    assert personnummer_check("811218987") == "6"
    assert personnummer_check("640823323") == "4"
    # Norwegian fødselsnummer 01010750160: 0*3+1*7+0*6+1*1+0*8+7*9+5*4+0*5+1*2 = 93, 11 - 93 % 11 = 6; then
    # 0*5+1*4+0*3+1*2+0*7+7*6+5*5+0*4+1*3+6*2 = 88, 88 % 11 = 0 -> 11 -> "0"; a key of 10 is never issued
    assert fodselsnummer_keys("010107501") == "60"
    assert fodselsnummer_keys("010190123") is None
    # Finnish HETU 131052-308T, the Digital and Population Data Services Agency's example: 131052308 % 31 = 25 -> T
    assert hetu_check("131052308") == "T"
    # Spanish NIE X1234567L, the Interior ministry's example: 01234567 % 23 = 19 -> L; Y reads 1, Z reads 2
    assert nie_letter("X1234567") == "L"
    assert nie_letter("Y0000000") == "Z"  # 10000000 % 23 = 14 -> Z
    for call in (lambda: cnp_check("12345"), lambda: egn_check("12345678x"), lambda: hetu_check("1310523"),
                 lambda: nie_letter("A1234567"), lambda: personnummer_check("8112189876")):  # fmt: skip
        with pytest.raises(ValueError, match="expected"):
            call()


def _valid(number: str, origin: str) -> bool:
    if origin == "ro":
        return cnp_check(number[:12]) == number[12]
    if origin == "bg":
        return egn_check(number[:9]) == number[9]
    if origin == "se":
        digits = number.replace("-", "").replace("+", "")
        return luhn_digit(digits[:9]) == digits[9]
    if origin == "no":
        return fodselsnummer_keys(number[:9]) == number[9:]
    if origin == "fi":
        return hetu_check(number[:6] + number[7:10]) == number[10]
    return nie_letter(number[:8]) == number[8]


@pytest.mark.parametrize("origin", ["ro", "bg", "se", "no", "fi", "es"])
def test_national_numbers_are_valid_and_carry_the_birth_date(origin: str) -> None:
    rng = np.random.default_rng(20)
    for birth in (dt.date(1938, 7, 4), dt.date(1979, 1, 17), dt.date(2012, 11, 5), dt.date(2019, 2, 28)):
        for male in (True, False):
            number = national_number(origin, birth, male, rng)
            assert _valid(number, origin), number
            if origin in ("ro", "bg"):
                month = birth.month + (40 if origin == "bg" and birth.year >= 2000 else 0)
                start = 1 if origin == "ro" else 0
                assert number[start : start + 6] == f"{birth.year % 100:02d}{month:02d}{birth.day:02d}"
            if origin in ("no", "fi"):
                assert number[:6] == birth.strftime("%d%m%y")
            if origin == "fi":
                assert number[6] == ("A" if birth.year >= 2000 else "-")
    with pytest.raises(ValueError, match="unknown origin"):
        national_number("xx", dt.date(2000, 1, 1), True, rng)


def test_generated_numbers_are_valid_and_traps_stay_out() -> None:
    origins = {"CNP": "ro", "EGN": "bg", "personnummer": "se", "fødselsnummer": "no", "HETU": "fi", "NIE": "es"}
    for seed in range(40):
        for lang in ("fr", "en"):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind20")
            assert _valid(slots["nat_id"][0], origins[slots["id_kind"][0]])
            spans = {report.text[e.start : e.end] for e in report.entities}
            for trap in ("id_kind", "lot", "implant_ref", "class_grade", "dose_fx", "linac", "triage", "visit_code"):
                assert slots[trap][1] is None and slots[trap][0] not in spans, trap


def test_blind20_case_spans_keep_the_written_conventions() -> None:
    path = audit_family("blind20").cases_path
    docs = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        raw = json.loads(line)
        docs[raw["id"].split("-", 2)[2]] = raw

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e["start"] : e["end"]], e["label"]) for e in doc["entities"]]

    # every national number in the cases is valid for its scheme
    numbers = {"fr-registre-prothese": ("1781107403181", "ro"), "fr-traduction-roumain": ("2850314123454", "ro"),
               "en-translation-romanian": ("6150922040711", "ro"), "en-rt-review-cnp": ("1960125401277", "ro"),
               "fr-tri-sau-egn": ("6702210532", "bg"), "fr-smur-patronyme": ("1545081241", "bg"),
               "en-bulgarian-patronymic": ("5912032460", "bg"), "fr-suedoise-courriel": ("900117-3344", "se"),
               "en-fracture-clinic-se": ("560419-2814", "se"), "en-cast-child-se": ("220305-6623", "se"),
               "fr-norvegien-ski": ("12037234573", "no"), "en-physio-referral": ("30068134796", "no"),
               "en-norwegian-child": ("24091452398", "no"), "fr-radiotherapie-hetu": ("230688-419W", "fi"),
               "fr-classe-de-neige": ("051112A874C", "fi"), "en-finnish-hetu": ("170179-2463", "fi"),
               "fr-kine-nie": ("Y4827163Y", "es"), "fr-at-nie": ("Z1102934C", "es"),
               "en-nie-worker": ("X9034518A", "es")}  # fmt: skip
    for case, (number, origin) in numbers.items():
        assert _valid(number, origin) and (number, "ID") in spans(case), case
    # patronymics and double surnames inside the patient span; kinship words and ranks outside
    assert ("Desislava Ivanova Georgieva", "PATIENT") in spans("fr-tri-sau-egn")
    assert ("Petar Ivanov Georgiev", "PATIENT") in spans("en-bulgarian-patronymic")
    assert ("Almudena García Ortega", "PATIENT") in spans("fr-kine-nie")
    survey = spans("en-safeguarding-survey")
    assert ("Chloe Barnes", "PERSON") in survey and ("Dean Walsh", "PERSON") in survey
    assert ("MASH/24/004417", "ID") in survey and ("CRIS 4418273/24", "ID") in survey
    assert ("Sarah Holt", "PERSON") in spans("en-police-request") and ("4471", "ID") in spans("en-police-request")
    assert ("Laurent Morel", "PERSON") in spans("fr-requisition")
    # schools, child-welfare services and police units INSTITUTION; classes and year groups unlabelled
    ecole = spans("fr-ip-ecole")
    assert ("école élémentaire Jules-Ferry de Fontaine", "INSTITUTION") in ecole
    assert ("brigade de protection des familles de Grenoble", "INSTITUTION") in ecole
    assert all("CE2" not in text for text, _ in ecole)
    assert all("Year 4" not in text for text, _ in spans("en-school-nurse"))
    # implant serials and registry numbers ID; catalogue references and lots unlabelled
    registre = spans("fr-registre-prothese")
    assert ("SN40927716", "ID") in registre and ("RNP-204518773", "ID") in registre
    assert all("L482913B" not in text and "71-3350-052" not in text for text, _ in registre)
    assert ("S/N 55102937", "ID") in spans("en-revision-explant")
    # radiotherapy course ID, planning date DATE, dose and linac unlabelled; triage and incident numbers
    rt = spans("fr-radiotherapie-hetu")
    assert ("RT24-11873", "ID") in rt and ("18/04/2024", "DATE") in rt
    assert all("Gy" not in text and "TrueBeam" not in text for text, _ in rt)
    triage = spans("en-ed-triage")
    assert ("CAD 2405-03118", "ID") in triage and all("23:05" not in text and "bay" not in text for text, _ in triage)
    # day-month without year DATE; an employing hotel INSTITUTION; a child's age in months AGE
    assert ("5 March", "DATE") in spans("en-school-nurse")
    assert ("Hotel Miramar Bournemouth", "INSTITUTION") in spans("en-nie-worker")
    assert ("14 mois", "AGE") in spans("fr-ip-squelette") and ("5-month-old", "AGE") in spans("en-ed-handover-infant")
    # pure traps: casts, doses, markers, triage sheets, screening classes
    for case in ("fr-piege-platre", "fr-piege-radiotherapie", "fr-piege-marqueurs", "fr-piege-tri",
                 "fr-piege-depistage", "en-trap-cast", "en-trap-radiotherapy", "en-trap-markers", "en-trap-triage",
                 "en-trap-screening"):  # fmt: skip
        assert docs[case]["entities"] == []
