"""Blind11 template family and hand-written blind11 cases: check digits with known answers, dates in words, DICOM
ages, and the labelling decisions (several patients, speaker turns, UDI serials, CSV cells) on the case file."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind11 import (
    date_in_words,
    dicom_age,
    french_year,
    gs1_check,
    gtin14,
    pesel_check,
    pesel_number,
)


def test_check_digits_known_answers() -> None:
    assert gs1_check("400638133393") == "1"  # EAN-13 4006381333931, the textbook GS1 example
    assert gs1_check("0761332712345") == "6"
    assert pesel_check("4405140135") == "9"  # PESEL 44051401359, the usual Polish example
    assert pesel_check("0227080361") == "7"


def test_generated_numbers_carry_valid_check_digits() -> None:
    rng = np.random.default_rng(3)
    for _ in range(50):
        gtin = gtin14(rng)
        assert len(gtin) == 14 and gs1_check(gtin[:13]) == gtin[13]
    pesel = pesel_number(dt.date(2002, 7, 8), True, rng)
    assert pesel[:6] == "022708" and int(pesel[9]) % 2 == 1 and pesel_check(pesel[:10]) == pesel[10]
    assert int(pesel_number(dt.date(1944, 5, 14), False, rng)[9]) % 2 == 0


def test_dates_in_words_and_dicom_ages() -> None:
    day = dt.date(2024, 3, 12)
    assert date_in_words(day, "fr", 0) == "douze mars deux mille vingt-quatre"
    assert date_in_words(day, "fr", 1) == "douze mars 2024"
    assert date_in_words(day, "en", 0) == "twelfth of March 2024"
    assert date_in_words(day, "en", 1) == "twelfth of March, twenty twenty-four"
    assert date_in_words(dt.date(2021, 1, 1), "fr", 0) == "premier janvier deux mille vingt et un"
    assert french_year(2045) == "deux mille quarante-cinq" and french_year(2001) == "deux mille un"
    with pytest.raises(ValueError, match="outside"):
        french_year(1999)
    assert (dicom_age(67), dicom_age(1, 4), dicom_age(0, 9)) == ("067Y", "016M", "009M")


def test_every_patient_of_a_document_is_patient() -> None:
    for lang in ("fr", "en"):
        found = 0
        for seed in range(60):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind11")
            spans = {report.text[e.start : e.end]: e.label for e in report.entities}
            if slots["patient2"][0] in report.text:
                found += 1
                assert spans[slots["patient2"][0]] == "PATIENT"
            for trap in ("gtin", "lot", "expiry", "insurer", "anatomy", "eponym"):
                assert not any(slots[trap][0] in s for s in spans), trap
        assert found  # the multi-patient shapes are drawn


def test_blind11_case_spans_keep_the_written_conventions() -> None:
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind11").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    ward = spans("blind11-001-fr-liste-visite")
    assert [s for s, label in ward if label == "PATIENT"] == ["DE LA FUENTE Inés", "Gérard Pochon"]
    assert ward[0] == ("2024-03-12", "DATE")  # an ISO timestamp's DATE is its calendar part (entities.py conventions)
    assert ("douze mars deux mille vingt-quatre", "DATE") in spans("blind11-005-fr-transfert")
    assert ("+213 550 12 34 56", "PHONE") in spans("blind11-009-fr-note-sociale")  # "WhatsApp" outside
    assert ("067Y", "AGE") in spans("blind11-014-fr-dicom-as")
    assert ("12 rue des Lilas, 69003 Lyon", "LOCATION") in spans("blind11-015-fr-csv")  # quotes outside
    udi = spans("blind11-012-fr-tracabilite")
    assert udi[0] == ("SN80041237", "ID") and not any("L448812" in s or "270630" in s for s, _ in udi)
    video = spans("blind11-032-en-video-consult")
    assert video.count(("Lan Nguyen Thi", "PATIENT")) == 2 and video.count(("Fiona Grant", "PERSON")) == 2
    assert ("twelfth of March 2024", "DATE") in spans("blind11-031-en-transfer")  # "the" outside
    assert ("Irwin Mitchell LLP", "INSTITUTION") in spans("blind11-033-en-medicolegal")
    assert sum(label == "PATIENT" for _, label in spans("blind11-042-en-on-call-log")) == 3
    assert all(not docs[c]["entities"] for c in docs if "-trap-" in c or "-piege-" in c)
    assert sum("-trap-" in c or "-piege-" in c for c in docs) >= 8
