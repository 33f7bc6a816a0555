"""Blind10 template family and hand-written blind10 cases: check digits with known answers, labelling decisions."""

from __future__ import annotations

import datetime as dt

import numpy as np

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind10 import (
    bsn_number,
    bsn_valid,
    luhn_check,
    nif_check,
    nif_number,
    rpps_number,
    week_date,
)


def test_check_digits_known_answers() -> None:
    assert luhn_check("7992739871") == "3"  # 79927398713, the textbook Luhn example
    assert bsn_valid("111222333") and bsn_valid("123456782")  # the usual Dutch test BSNs
    assert not bsn_valid("123456789") and not bsn_valid("12345678")
    assert nif_check("12345678") == "9"  # NIF 123456789, the usual Portuguese test number
    assert nif_check("23201396") == "9"


def test_generated_numbers_carry_valid_check_digits() -> None:
    rng = np.random.default_rng(4)
    for _ in range(50):
        assert bsn_valid(bsn_number(rng))
        nif = nif_number(rng)
        assert nif[0] in "123" and nif_check(nif[:8]) == nif[8]
        rpps = rpps_number(rng)
        assert len(rpps) == 11 and rpps.startswith("10") and luhn_check(rpps[:10]) == rpps[10]


def test_week_numbers_are_iso_weeks_with_their_year() -> None:
    rng = np.random.default_rng(0)
    monday = dt.date(2024, 3, 18)  # ISO week 12 of 2024
    spellings = {week_date(monday, lang, rng) for lang in ("fr", "en") for _ in range(40)}
    assert spellings == {"S12 2024", "semaine 12 de 2024", "S12/2024", "week 12 of 2024", "wk 12/2024", "W12 2024"}
    assert week_date(dt.date(2021, 1, 2), "en", np.random.default_rng(1)).endswith("2020")  # ISO year, not calendar


def test_patient_is_named_in_prose_and_common_words_stay_words() -> None:
    for lang in ("fr", "en"):
        for seed in range(40):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind10")
            spans = {report.text[e.start : e.end]: e.label for e in report.entities}
            assert spans.get(slots["LAST"][0]) == "PATIENT"
            for trap in ("common_word_fr", "common_word_en", "anatomy", "eponym", "lot", "implant"):
                assert not any(slots[trap][0] in s for s in spans), trap


def test_blind10_case_spans_keep_the_written_conventions() -> None:
    """Letters to the patient, common-word and eponym surnames, week numbers, "courant", ages, lots."""
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind10").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    assert spans("blind10-002-fr-lettre-patiente")[0] == ("Rouvière", "PATIENT")  # "Chère Madame" outside
    assert spans("blind10-003-fr-blanc-substance-blanche")[:2] == [("BLANC", "PATIENT"), ("80a", "AGE")]
    assert spans("blind10-004-fr-petit-triangle") == [("Petit", "PATIENT"), ("CHU de Poitiers", "INSTITUTION")]
    assert spans("blind10-014-fr-dr-paget")[0] == ("Paget", "PERSON")  # "maladie de Paget" stays
    assert ("3 courant", "DATE") in spans("blind10-015-fr-mme-colles")
    assert ("S12 2024", "DATE") in spans("blind10-016-fr-semaine")
    assert ("mi-décembre 2023", "DATE") in spans("blind10-016-fr-semaine")
    assert ("J.-L.D.", "PERSON") in spans("blind10-013-fr-note-technique")
    assert ("6/12", "AGE") in spans("blind10-034-en-fracture-clinic")
    assert ("12th inst.", "DATE") in spans("blind10-042-en-dr-barton")
    assert ("Transports Laborde SAS", "INSTITUTION") in spans("blind10-008-fr-at-mp")
    assert spans("blind10-031-en-young-adult") == [("Young", "PATIENT"), ("Priya Shah", "PERSON")]
    assert all(not docs[c]["entities"] for c in docs if "-trap-" in c or "-piege-" in c)
    assert sum("-trap-" in c or "-piege-" in c for c in docs) >= 8
