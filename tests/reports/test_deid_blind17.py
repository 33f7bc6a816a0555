"""Blind17 template family and hand-written blind17 cases: the helpers with known answers (Luhn check digit, spelled
names, digits in words, Roman-numeral and ordinal dates), generated participant numbers, and the labelling decisions
(spelled names one PATIENT span, particles inside the surname, possessives and plurals outside, bare ages in
parentheses, birth years and beds unlabelled, responders PERSON with badge numbers ID) on the case file."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind17 import (
    digits_in_words,
    luhn_check,
    ordinal_date,
    roman_date,
    short_month_year,
    spell,
)


def test_helpers_known_answers() -> None:
    assert luhn_check("7992739871") == "3"  # the textbook Luhn example
    assert luhn_check("0") == "0"
    assert spell("Dupont", "letters") == "D-U-P-O-N-T"
    assert spell("de La Fontaine", "letters") == "D-E L-A F-O-N-T-A-I-N-E"
    assert spell("Roux", "fr") == "R comme Raoul, O comme Oscar, U comme Ursule, X comme Xavier"
    assert spell("Ní Bhriain", "nato").startswith("November India Bravo")
    assert digits_in_words("06 12", "fr") == "zéro six, un deux"
    assert digits_in_words("0113 049", "en") == "oh one one three, oh four nine"
    day = dt.date(2021, 3, 3)
    assert roman_date(day) == "3/III/2021"
    assert ordinal_date(day, "en") == "the 3rd of March 2021"
    assert ordinal_date(dt.date(2021, 3, 12), "en") == "the 12th of March 2021"
    assert ordinal_date(dt.date(2021, 3, 1), "fr") == "1er jour de mars 2021"
    assert short_month_year(day, "fr") == "mars 21" and short_month_year(day, "en") == "Mar '21"
    for call in (lambda: luhn_check("12a"), lambda: spell("--", "letters"), lambda: digits_in_words("06 x", "fr")):
        with pytest.raises(ValueError, match=r"expected|nothing"):
            call()


def test_generated_participant_numbers_and_traps() -> None:
    for seed in range(60):
        for lang in ("fr", "en"):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind17")
            digits = "".join(c for c in slots["participant"][0] if c.isdigit())
            assert luhn_check(digits[:-1]) == digits[-1]
            spans = {report.text[e.start : e.end] for e in report.entities}
            assert slots["drug_spelled"][0] not in spans and slots["birth_year"][0] not in spans


def test_blind17_case_spans_keep_the_written_conventions() -> None:
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind17").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    # a spelled name is one PATIENT span, code words included; the caller is PERSON; digits in words are PHONE
    assert ("R comme Raoul, O comme Oscar, U comme Ursule, X comme Xavier", "PATIENT") in spans(
        "blind17-002-fr-alphabet-comme"
    )
    assert ("Quebec Uniform India Golf Lima Echo Yankee", "PATIENT") in spans("blind17-003-en-nato")
    voicemail = spans("blind17-001-fr-messagerie-epelee")
    assert voicemail[0] == ("Sandrine Moreau", "PERSON") and voicemail[-1][1] == "PHONE"
    # particles inside the surname span; possessive/plural endings outside
    assert ("Aoife Ní Bhriain", "PATIENT") in spans("blind17-006-en-particles")
    assert ("Aisyah binti Salleh", "PATIENT") in spans("blind17-007-en-binti-al")
    assert spans("blind17-010-en-possessive-plural")[:3] == [("Marsh", "PATIENT"), ("Okafor", "PERSON"),
                                                             ("Marsh", "PATIENT")]  # fmt: skip
    # bare age in parentheses AGE; birth year and beds unlabelled
    assert spans("blind17-011-fr-age-parentheses")[:2] == [("Roux", "PATIENT"), ("54", "AGE")]
    assert spans("blind17-012-en-birth-year") == [("J. Roux", "PATIENT"), ("Emma Walsh", "PERSON")]
    # responders PERSON, badge numbers ID, police unit INSTITUTION
    trauma = spans("blind17-018-en-major-trauma")
    assert ("Mark Jennings", "PERSON") in trauma and ("4417", "ID") in trauma
    assert ("Devon and Cornwall Police", "INSTITUTION") in trauma
    # Roman-numeral, two-digit and short month-year dates are DATE
    assert ("3/III/1961", "DATE") in spans("blind17-002-fr-alphabet-comme")
    assert ("03-04-05", "DATE") in spans("blind17-022-fr-annee-deux-chiffres")
    assert ("Mar '21", "DATE") in spans("blind17-014-en-irb")
    # participant numbers of the ethics letters carry a valid Luhn digit
    for case in ("blind17-013-fr-cpp-participant", "blind17-014-en-irb", "blind17-027-fr-cpp-lettre"):
        number = "".join(c for c in next(s for s, label in spans(case) if label == "ID") if c.isdigit())
        assert luhn_check(number[:-1]) == number[-1]
    # spelled drugs, common words, beds and years alone are never labelled
    for case in ("blind17-039-fr-piege-epele-produit", "blind17-045-fr-piege-mots-communs",
                 "blind17-046-en-trap-common-words", "blind17-047-fr-piege-annee-seule"):  # fmt: skip
        assert docs[case]["entities"] == []
