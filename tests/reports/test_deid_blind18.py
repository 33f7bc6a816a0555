"""Blind18 template family and hand-written blind18 cases: the check digits with known answers (IMO ship numbers,
HKID check characters), generated IMO/HKID/AME numbers, and the labelling decisions (honorific and religious titles
outside the name, religious names PATIENT, flights/seats/hotel rooms and weeks of amenorrhoea unlabelled, hotels
LOCATION, ships and consulates INSTITUTION, LMP/EDD DATE, bleeps PHONE, device serials ID) on the case file."""

from __future__ import annotations

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind5 import luhn_digit
from xraymatch.reports.identities_blind18 import hkid_check, imo_check


def test_check_digits_known_answers() -> None:
    assert imo_check("907472") == "9"  # IMO 9074729, the IMO's own worked example
    assert imo_check("931457") == "1"  # 9*7 + 3*6 + 1*5 + 4*4 + 5*3 + 7*2 = 131
    assert hkid_check("A", "123456") == "3"  # A123456(3), the published HKID example
    assert hkid_check("G", "000000") == "A"  # 36*9 + 16*8 = 452, 452 % 11 = 1, 11 - 1 = 10 -> "A"
    assert hkid_check("AB", "000000") == "9"  # two letters, no padding: 10*9 + 11*8 = 178, 178 % 11 = 2 -> 9
    assert hkid_check("A", "000007") == "0"  # 36*9 + 10*8 + 7*2 = 418, 418 % 11 = 0, 11 - 0 = 11 -> "0"
    for call in (lambda: imo_check("12345"), lambda: imo_check("12345x"), lambda: hkid_check("a", "123456"),
                 lambda: hkid_check("A", "12345")):  # fmt: skip
        with pytest.raises(ValueError, match="expected"):
            call()


def test_generated_numbers_carry_valid_check_digits_and_traps_stay_out() -> None:
    for seed in range(40):
        for lang in ("fr", "en"):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind18")
            imo = slots["imo"][0]
            assert len(imo) == 7 and imo_check(imo[:6]) == imo[6]
            hkid = slots["hkid"][0]
            assert hkid_check(hkid[0], hkid[1:7]) == hkid[8]
            ame = slots["ame"][0]
            assert luhn_digit(ame[:-1]) == ame[-1]
            spans = {report.text[e.start : e.end] for e in report.entities}
            for trap in ("honorific", "flight", "seat", "wa", "assistor", "watch_model"):
                assert slots[trap][0] not in spans, trap


def test_blind18_case_spans_keep_the_written_conventions() -> None:
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind18").cases_path)}
    by_suffix = {key.split("-", 2)[2]: key for key in docs}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[by_suffix[case]]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    # religious and noble titles outside; the religious name and the civil name are both PATIENT
    soeur = spans("fr-soeur")
    assert soeur[:2] == [("Marie-Agnès", "PATIENT"), ("Jeanne Morvan", "PATIENT")]
    assert ("de Villeneuve-Esclapon", "PATIENT") in spans("fr-comtesse")
    assert ("Nigel Ashcombe", "PATIENT") in spans("en-sir-dame") and ("Ashcombe", "PERSON") in spans("en-sir-dame")
    # repatriation: hotel LOCATION, consulate INSTITUTION, case number ID; flights, seats, rooms unlabelled
    repat = spans("fr-rapatriement")
    assert ("hôtel Ibis Palma Centro", "LOCATION") in repat and ("MA24-318207", "ID") in repat
    assert all(text not in ("AF 1149", "3C", "412") for text, _ in repat)
    assert ("consulat général d'Algérie à Marseille", "INSTITUTION") in spans("fr-consulat")
    # ships INSTITUTION, IMO and call sign ID, port LOCATION; IMO numbers valid
    ship = spans("fr-ccmm-navire")
    assert (
        ("Marianne Delmas", "INSTITUTION") in ship and ("FMXQ7", "ID") in ship and ("Fos-sur-Mer", "LOCATION") in ship
    )
    for case in ("fr-ccmm-navire", "en-seafarer", "en-ship-imo-only"):
        imo = next(t for t, label in spans(case) if label == "ID" and len(t) == 7 and t.isdigit())
        assert imo_check(imo[:6]) == imo[6]
    # pregnancy: LMP and EDD DATE, weeks of amenorrhoea not AGE; bleeps PHONE
    ordonnance = spans("fr-ordonnance-adeli")
    assert ("12/03/2024", "DATE") in ordonnance and ("17/12/2024", "DATE") in ordonnance
    assert all("SA" not in text for text, _ in ordonnance)
    assert ("4471", "PHONE") in spans("en-pregnancy-dating")
    # device serials ID, cloud accounts EMAIL, model and firmware unlabelled
    cpap = spans("en-cpap")
    assert ("23172845091", "ID") in cpap and ("dk.oyelaran@gmail.com", "EMAIL") in cpap
    assert all("SX585" not in text for text, _ in cpap)
    # pure traps: flights, eponyms, weeks of amenorrhoea, firmware, spelled drugs, titles as words, rooms
    for case in ("fr-piege-vol-siege", "en-trap-eponyms", "fr-piege-sa", "en-trap-firmware", "fr-piege-epele",
                 "fr-piege-titres", "en-trap-rooms"):  # fmt: skip
        assert docs[by_suffix[case]]["entities"] == []
