"""Blind21 template family and hand-written blind21 cases: the check digits with known answers (Brazilian CPF,
Chilean RUT, Croatian OIB, Estonian isikukood, and the Luhn and Verhoeff digits of Greek AMKA and Indian Aadhaar
numbers), generated national numbers valid, traps never labelled, and the labelling decisions (claim rates and laws
named after people unlabelled beside the patient's IPP, national agencies unlabelled beside local offices that are
INSTITUTION, aircraft registrations, sample codes and licence numbers ID, bars' cities LOCATION, "Me" and "Esq."
outside names, athletes' initials PATIENT) on the case file. The case file is read as plain JSON lines."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind5 import luhn_digit, verhoeff_digit
from xraymatch.reports.identities_blind21 import COUNTRIES, cpf_check, isikukood_check, oib_check, rut_check

TRAPS = (
    "id_kind", "card_kind", "country", "insurer", "doping_body", "aviation_body", "disability_rate", "ipp_rate",
    "bareme", "article", "med_class", "part_med", "flight_hours", "wada_class", "substance", "kit", "acuity",
    "audiogram", "gir", "eponym", "classif",
)  # fmt: skip


# The hand-written cases' national numbers: (case, number as printed, scheme).
NUMBERS = (
    ("fr-bresil-cpf", "483.920.175-79", "cpf"),
    ("en-brazil-cpf", "052.718.364-44", "cpf"),
    ("fr-chili-rut", "17.482.391-K", "rut"),
    ("en-chile-rut", "9.204.553-6", "rut"),
    ("fr-croatie-oib", "47281059368", "oib"),
    ("en-croatia-oib-insurer", "83016277451", "oib"),
    ("fr-grece-amka", "14038520715", "amka"),
    ("en-greece-amka-estonia", "29079133582", "amka"),
    ("fr-inde-aadhaar", "7392 0418 6524", "aadhaar"),
    ("en-india-aadhaar", "4158 3260 9778", "aadhaar"),
    ("fr-estonie-isikukood", "48506122732", "isikukood"),
    ("en-greece-amka-estonia", "39111080219", "isikukood"),
)


def valid(kind: str, number: str) -> bool:
    """Whether `number`, as printed, carries the right check digit(s) of scheme `kind` (a COUNTRIES key)."""
    digits = re.sub(r"[^0-9K]", "", number)
    if kind == "cpf":
        return len(digits) == 11 and cpf_check(digits[:9]) == digits[9:]
    if kind == "rut":
        return rut_check(digits[:-1]) == digits[-1]
    if kind == "oib":
        return len(digits) == 11 and oib_check(digits[:10]) == digits[10]
    if kind == "amka":
        return len(digits) == 11 and luhn_digit(digits[:10]) == digits[10]
    if kind == "aadhaar":
        return len(digits) == 12 and digits[0] not in "01" and verhoeff_digit(digits[:11]) == digits[11]
    return len(digits) == 11 and isikukood_check(digits[:10]) == digits[10]


def test_check_digits_known_answers() -> None:
    assert cpf_check("111444777") == "35"  # 111.444.777-35: 162 % 11 = 8 -> 3; then 204 % 11 = 6 -> 5
    assert cpf_check("529982247") == "25"  # 529.982.247-25, the other usual published example
    assert cpf_check("000000001") == "91"  # 1*2 = 2, 11 - 2 = 9; then 1*3 + 9*2 = 21, 21 % 11 = 10 -> 1
    assert rut_check("12345678") == "5"  # 12.345.678-5: 8*2+7*3+6*4+5*5+4*6+3*7+2*2+1*3 = 138, 138 % 11 = 6 -> 5
    assert rut_check("17482391") == "K"  # 144 % 11 = 1, 11 - 1 = 10 -> "K"
    assert rut_check("1000013") == "0"  # 3*2 + 1*3 + 1*2 = 11, 11 % 11 = 0, 11 - 0 = 11 -> "0"
    assert oib_check("6943515153") == "0"  # 69435151530, the usual published OIB example
    assert oib_check("0000000000") == "1"  # ISO 7064 MOD 11,10 on zeros: the product ends at 10, (11 - 10) % 10 = 1
    assert isikukood_check("3760503029") == "9"  # 37605030299, the standard's example: 108 % 11 = 9
    assert isikukood_check("4940313607") == "8"  # first pass 131 % 11 = 10; second weights 151 % 11 = 8
    assert luhn_digit("7992739871") == "3"  # 79927398713, the Luhn example (AMKA's key)
    assert verhoeff_digit("236") == "3"  # 2363, the Verhoeff example (Aadhaar's key)
    for call in (lambda: cpf_check("12345678"), lambda: rut_check("12a"), lambda: oib_check("123456789"),
                 lambda: isikukood_check("37605030x9")):  # fmt: skip
        with pytest.raises(ValueError, match="expected"):
            call()


def test_generated_numbers_carry_valid_check_digits_and_traps_stay_out() -> None:
    kinds: set[str] = set()
    for seed in range(60):
        for lang in ("fr", "en"):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind21")
            kind = next(k for k, v in COUNTRIES.items() if v[0] == slots["id_kind"][0])
            kinds.add(kind)
            assert valid(kind, slots["foreign_id"][0]), (kind, slots["foreign_id"][0])
            assert slots["foreign_phone"][0].startswith(COUNTRIES[kind][3] + " ")
            spans = {report.text[e.start : e.end] for e in report.entities}
            for trap in TRAPS:
                assert slots[trap][1] is None, trap
                assert slots[trap][0] not in spans, trap
    assert kinds == set(COUNTRIES)


def _docs() -> dict[str, dict]:
    path = audit_family("blind21").cases_path
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {d["id"].split("-", 2)[2]: d for d in raw}


def test_blind21_case_spans_keep_the_written_conventions() -> None:
    docs = _docs()

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e["start"] : e["end"]], e["label"]) for e in doc["entities"]]

    def unlabelled(case: str, *words: str) -> bool:
        doc = docs[case]
        assert all(w in doc["text"] for w in words)
        return all(w not in text for text, _ in spans(case) for w in words)

    # claim rates and laws named after people unlabelled; the patient's IPP stays ID; the bar's city LOCATION
    expertise = spans("fr-expertise-ipp")
    assert ("2300418877", "ID") in expertise and ("Lyon", "LOCATION") in expertise
    assert ("AARPI Vidal Okonkwo", "INSTITUTION") in expertise and ("Claire Vidal", "PERSON") in expertise
    assert unlabelled("fr-expertise-ipp", "12 %", "Dintilhac", "Badinter", "MACIF")
    assert unlabelled("en-ime-whiplash", "Judicial College", "Aviva", "FRCS")
    # national agencies unlabelled, local offices that examine or decide INSTITUTION
    for case, agency in (("fr-antidopage-aut", "AFLD"), ("fr-bea-avion-leger", "BEA"),
                         ("en-ssdi-consultative", "Social Security Administration"), ("en-tue-application", "USADA"),
                         ("en-ame-referral-caa", "CAA Medical Department"), ("en-ukad-doping-control", "UKAD"),
                         ("en-evidence-upload", "Independent Assessment Service")):  # fmt: skip
        assert unlabelled(case, agency), case
    assert ("MDPH du Rhône", "INSTITUTION") in spans("fr-mdph-certificat")
    assert ("CDAPH de la Haute-Garonne", "INSTITUTION") in spans("fr-cdaph-notification")
    assert ("Ohio Disability Determination Services", "INSTITUTION") in spans("en-ssdi-consultative")
    caa = spans("en-ame-referral-caa")  # the town after the centre's name its own LOCATION (entities.py)
    assert ("CAA Aeromedical Centre", "INSTITUTION") in caa and ("Gatwick", "LOCATION") in caa
    # aircraft registrations, licences and examiner numbers ID; medical classes and regulations unlabelled
    assert ("F-GKZB", "ID") in spans("fr-bea-avion-leger") and ("G-CKMT", "ID") in spans("en-aaib-microlight")
    assert ("N4721K", "ID") in spans("en-faa-medxpress") and ("7H4K2PQX", "ID") in spans("en-faa-medxpress")
    pilot = spans("fr-aptitude-pn")
    assert (
        ("FRA.FCL.ATPL.204817", "ID") in pilot
        and ("FRA.AME.118", "ID") in pilot
        and ("Air France", "INSTITUTION") in pilot
    )
    assert unlabelled("fr-aptitude-pn", "classe 1", "MED.B.010", "heures de vol", "10/10")
    # doping control: sample codes and TUEs ID, initials PATIENT, officers and chaperones PERSON, classes unlabelled
    control = spans("fr-controle-pv")
    assert ("4172630", "ID") in control and ("L.K.", "PATIENT") in control and ("Yanis Ferhat", "PERSON") in control
    ukad = spans("en-ukad-doping-control")
    assert ("T.F.", "PATIENT") in ukad and ("Abdi Warsame", "PERSON") in ukad and ("TUE-2025-0412", "ID") in ukad
    assert unlabelled("fr-antidopage-aut", "S9", "triamcinolone")
    # "Me" and "Esq." outside the lawyer's name; law firms INSTITUTION
    assert ("Alicia Fenwick", "PERSON") in spans("en-ssdi-consultative")
    assert ("Olivier Brunet", "PERSON") in spans("fr-avocat-copie")
    assert ("Hartley & Osei Solicitors", "INSTITUTION") in spans("en-solicitor-request")
    # national numbers of every new scheme labelled ID, with valid keys
    for case, number, kind in NUMBERS:
        assert (number, "ID") in spans(case) and valid(kind, number), case
        assert unlabelled(case, COUNTRIES[kind][0])
    nir = "".join(next(t for t, label in spans("fr-invalidite-nir") if label == "ID").split())
    assert 97 - int(nir[:13]) % 97 == int(nir[13:])
    # pure traps: rates, scales, regulations, prohibited lists, eponyms
    for case in ("fr-piege-bareme", "fr-piege-aptitude-aeronautique", "fr-piege-liste-interdictions",
                 "fr-piege-grille-mdph", "fr-piege-eponymes", "en-trap-pip-descriptors", "en-trap-impairment",
                 "en-trap-aviation-rules", "en-trap-prohibited-list", "en-trap-eponyms-classes"):  # fmt: skip
        assert docs[case]["entities"] == [], case
