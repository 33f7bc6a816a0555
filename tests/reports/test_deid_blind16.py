"""Blind16 template family and hand-written blind16 cases: check digits of the foreign numbers (Irish PPSN,
Hungarian TAJ, Chinese resident id) with known answers, generated Eircodes and numbers, and the labelling decisions
(pedigree relatives, family names, chat handles, messaging ids, pets, squad numbers, hospital days, family-given
order with romanisation variants) on the case file."""

from __future__ import annotations

import re

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind16 import EIRCODE_CHARS, china_id_check, eircode, ppsn_check, taj_check


def test_check_digits_known_answers() -> None:
    # the PPSN sample 1234567T, the GB 11643 example 11010519491231002X, the TAJ sample 037 687 210
    assert ppsn_check("1234567") == "T"
    assert ppsn_check("0000000") == "W"  # a sum of 0 mod 23 is "W"
    assert china_id_check("11010519491231002") == "X"
    assert china_id_check("44010619720315042") in "0123456789X"
    assert taj_check("03768721") == "0"
    assert taj_check("11111111") == "0"
    assert taj_check("18430927") == str((1 * 3 + 8 * 7 + 4 * 3 + 3 * 7 + 0 * 3 + 9 * 7 + 2 * 3 + 7 * 7) % 10)
    for bad, check in (("123456", ppsn_check), ("1234567a", taj_check), ("1101051949123100", china_id_check)):
        with pytest.raises(ValueError, match="expected"):
            check(bad)


def test_generated_numbers_and_eircodes_are_well_formed() -> None:
    pattern = re.compile(rf"[A-Z]\d\d [A-Z][{EIRCODE_CHARS}]{{3}}")
    rng = np.random.default_rng(0)
    assert all(pattern.fullmatch(eircode(rng)) for _ in range(50))
    seen: set[str] = set()
    for seed in range(120):
        report, slots = _plant("Body.\n", "en", np.random.default_rng(seed), "blind16")
        number, scheme = slots["foreign_id"][0], slots["foreign_scheme"][0]
        digits = number.replace(" ", "")
        if scheme == "TAJ no.":
            assert len(digits) == 9 and taj_check(digits[:8]) == digits[8]
        elif scheme == "PRC resident ID":
            assert len(digits) == 18 and china_id_check(digits[:17]) == digits[17]
        ipp = slots["ipp"][0]
        if ipp[-1].isalpha():  # a PPSN
            assert ppsn_check(ipp[:7]) == ipp[7]
        seen.add(scheme)
        spans = {report.text[e.start : e.end] for e in report.entities}
        for trap in ("pet", "squad", "rel_day", "death_year"):
            assert slots[trap][0] not in spans, trap
    assert {"TAJ no.", "PRC resident ID", "SNUH no."} <= seen


def test_blind16_case_spans_keep_the_written_conventions() -> None:
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind16").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    # the proband is the patient, relatives are PERSON with their ages; a year of death is not a DATE
    pedigree = spans("blind16-001-fr-arbre-genealogique")
    assert ("Gwenaëlle Le Floch", "PATIENT") in pedigree and ("Maryvonne", "PERSON") in pedigree
    assert ("52 ans", "AGE") in pedigree and not any(s == "2009" for s, _ in pedigree)
    # a family named by the patient's surname is PATIENT, "family" outside
    assert spans("blind16-026-en-family")[0] == ("Callaghan", "PATIENT")
    # chat: @mention PERSON without "@", hospital in brackets INSTITUTION, reactions and times unlabelled
    chat = spans("blind16-027-en-teams")
    assert ("pkeane", "PERSON") in chat and ("St James's Hospital", "INSTITUTION") in chat
    # messaging ids: built from the name PATIENT, opaque ID
    assert ("chloe_vasseur29", "PATIENT") in spans("blind16-007-fr-telegram")
    assert ("nightowl.93", "ID") in spans("blind16-039-en-signal-opaque")
    # pets, squad numbers and hospital days are never labelled
    for case in ("blind16-024-fr-piege-animal", "blind16-046-en-trap-pets-squad", "blind16-043-en-trap-days"):
        assert docs[case]["entities"] == []
    assert spans("blind16-011-fr-jours-hospitaliers") == [("08/03/2024", "DATE")]
    assert not any(s == "Oscar" for s, _ in spans("blind16-006-fr-visite-chien"))
    # family-given order and the romanisation variant: one PATIENT span each
    china = spans("blind16-035-en-second-opinion-china")
    assert ("ZHOU Jianguo", "PATIENT") in china and ("Chou Chien-kuo", "PATIENT") in china
    # rural and postal addresses are one LOCATION with their box and postcode; c/o carer is PERSON
    assert ("chemin Piton Bloc, CS 90417, 97410 Saint-Pierre", "LOCATION") in spans("blind16-010-fr-reunion-cs")
    assert spans("blind16-010-fr-reunion-cs")[0] == ("Aurélie Payet", "PERSON")
    assert ("BFPO 58", "LOCATION") in spans("blind16-032-en-bfpo")
    # the national numbers of the case file carry valid check digits
    ppsn = next(s for s, label in spans("blind16-031-en-ppsn") if label == "ID")
    assert ppsn_check(ppsn[:7]) == ppsn[7]
    taj = next(s for s, label in spans("blind16-012-fr-second-avis-hongrie") if label == "ID").replace(" ", "")
    assert taj_check(taj[:8]) == taj[8]
    cn = next(s for s, label in spans("blind16-013-fr-second-avis-chine") if label == "ID")
    assert china_id_check(cn[:17]) == cn[17]
