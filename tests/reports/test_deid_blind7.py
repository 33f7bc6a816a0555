"""Blind7 template family and hand-written blind7 cases: check digits with known answers, labelling decisions."""

from __future__ import annotations

import numpy as np

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind5 import luhn_digit
from xraymatch.reports.identities_blind7 import (
    INS_OID,
    ca_postal,
    ins_number,
    medicare_au,
    medicare_au_check,
    nhi_check,
    nhi_number,
    nir_key,
    ppsn,
    ppsn_letter,
    rpps_number,
)


def test_check_digits_known_answers() -> None:
    assert nhi_check("ZZZ001") == "6" and nhi_check("ZAC536") == "1"  # published NHI examples ZZZ0016, ZAC5361
    assert ppsn_letter("1234567") == "T" and ppsn_letter("1234567", "A") == "F"  # 1234567T, 1234567FA
    assert medicare_au_check("29501234") == "8"  # 1*2+3*9+7*5+9*0+1*1+3*2+7*3+9*4 = 128
    assert nir_key("2580675123456") == 97 - 2580675123456 % 97 == 4


def test_generated_numbers_carry_valid_check_digits() -> None:
    import datetime as dt

    rng = np.random.default_rng(3)
    for _ in range(40):
        nhi = nhi_number(rng)
        assert len(nhi) == 7 and not set(nhi[:3]) & {"I", "O"} and nhi_check(nhi[:6]) == nhi[6]
        p = ppsn(rng)
        assert ppsn_letter(p[:7], p[8:]) == p[7]
        card = medicare_au(rng).replace(" ", "")
        assert len(card) == 10 and card[0] in "23456" and medicare_au_check(card[:8]) == card[8]
        ins = ins_number(False, dt.date(1958, 6, 3), rng).replace(" ", "")
        assert ins[:5] == "25806" and int(ins[13:]) == nir_key(ins[:13])
        rpps = rpps_number(rng)
        assert rpps.startswith("10") and luhn_digit(rpps[:10]) == rpps[10]
        code = ca_postal(rng, "K")
        assert code[0] == "K" and code[3] == " " and len(code) == 7


def test_generated_oid_and_gestational_age_stay_unlabelled() -> None:
    for seed in range(40):
        report, _ = _plant("Body.\n", "fr", np.random.default_rng(seed), "blind7")
        spans = [report.text[e.start : e.end] for e in report.entities]
        assert not any(INS_OID in s or " SA" in s for s in spans)


def test_blind7_case_spans_keep_the_written_conventions() -> None:
    """Married/birth names, DICOM file names and paths, initials, eponym surnames, gestational ages, OIDs."""
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind7").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    assert spans("blind7-005-fr-veuve")[:2] == [("LE GOFF", "PATIENT"), ("KERBRAT Anne-Marie", "PATIENT")]
    assert spans("blind7-013-fr-fichier-dicom") == [
        ("2024/03/12", "DATE"), ("1234567", "ID"), ("20240312", "DATE"), ("DUPONT_J", "PATIENT"),
    ]  # fmt: skip
    assert ("JDU", "PERSON") in spans("blind7-018-fr-manip-dictee")
    assert ("Jacques Dura-\nnd", "PERSON") in spans("blind7-018-fr-manip-dictee")
    assert spans("blind7-019-fr-age-enfant-sa") == [("Lucas Martin", "PATIENT"), ("4a6m", "AGE")]  # "31 SA" is not AGE
    paget = docs["blind7-021-fr-dr-paget-vs-maladie"]
    (person,) = [e for e in paget["entities"] if e.label == "PERSON"]
    assert paget["text"][person.start - 3 : person.end] == "Dr Paget"  # the eponym earlier is not labelled
    assert ("UDAF de la Gironde", "INSTITUTION") in spans("blind7-016-fr-curatelle-udaf")
    oid = docs["blind7-011-fr-ins-oid"]
    at = oid["text"].find(INS_OID)
    assert at > 0 and all(e.end <= at or e.start >= at + len(INS_OID) for e in oid["entities"])
    assert ("QC H2Y 1Z5" in spans("blind7-036-en-ca-postal")[2][0]) and spans("blind7-036-en-ca-postal")[2][
        1
    ] == "LOCATION"
    # traps stay unlabelled; the day of life next to a gestational age is AGE (entities.py "Labelling conventions")
    day_of_life = ("J5 de vie", "AGE"), ("day 3 of life", "AGE")
    assert all(set(spans(c)) <= set(day_of_life) for c in docs if "-trap-" in c or "-piege-" in c)
