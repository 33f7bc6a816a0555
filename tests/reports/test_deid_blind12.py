"""Blind12 template family and hand-written blind12 cases: check digits with known answers, obfuscated e-mails, GPS,
dictation and DICOM PN forms, and the labelling decisions (eponymous institutions, signatures, codes, periods) on the
case file."""

from __future__ import annotations

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind12 import (
    adeli_number,
    asr_form,
    dicom_pn,
    finess_number,
    gps_pair,
    luhn_digit,
    nhs_check,
    nhs_number,
    obfuscated_email,
)


def test_check_digits_known_answers() -> None:
    assert luhn_digit("7992739871") == "3"  # 79927398713, the textbook Luhn example
    assert luhn_digit("0") == "0"
    assert nhs_check("943476591") == 9  # 943 476 5919, the NHS's own example number
    assert nhs_check("401023213") == 7  # 401 023 2137
    assert nhs_check("000000006") is None  # check would be 10: no valid number
    with pytest.raises(ValueError, match="9 digits"):
        nhs_check("12345")


def test_generated_numbers_carry_valid_check_digits() -> None:
    rng = np.random.default_rng(4)
    for _ in range(50):
        finess, adeli = finess_number(rng), adeli_number(rng)
        assert len(finess) == len(adeli) == 9
        assert luhn_digit(finess[:8]) == finess[8] and luhn_digit(adeli[:8]) == adeli[8]
        nhs = nhs_number(rng).replace(" ", "")
        assert len(nhs) == 10 and nhs_check(nhs[:9]) == int(nhs[9])


def test_name_email_and_place_forms() -> None:
    assert asr_form("Prudence", "Lapierre") == "prudence la pierre"
    assert asr_form("Grace", "Field") == "grace field"
    assert dicom_pn("Dupont", "Marie") == "DUPONT^MARIE"
    assert obfuscated_email("olive.page", "orange", "fr", "fr", 0) == "olive.page [at] orange [dot] fr"
    assert obfuscated_email("olive.page", "nhs", "net", "en", 2) == "olive dot page at nhs dot net"
    assert gps_pair(45.75972, 4.85611, 0) == "45.75972, 4.85611"
    assert gps_pair(53.5, -1.25, 1) == "53°30'00.0\"N 1°15'00.0\"W"


def test_generated_documents_label_the_new_shapes() -> None:
    for lang in ("fr", "en"):
        seen: set[str] = set()
        for seed in range(80):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind12")
            spans = {report.text[e.start : e.end]: e.label for e in report.entities}
            for name in ("pn", "asr_name", "nickname"):
                if slots[name][0] in report.text:
                    assert spans[slots[name][0]] == "PATIENT"
                    seen.add(name)
            tail = slots["pn_tail"][0]
            if slots["pn"][0] + tail in report.text:
                assert not any(tail in s for s in spans)  # the prefix component stays outside
            for trap in ("quarter", "season", "age_band", "ccam", "icd", "loinc", "teeth"):
                assert not any(slots[trap][0] in s for s in spans), trap
        assert seen == {"pn", "asr_name", "nickname"}


def test_blind12_case_spans_keep_the_written_conventions() -> None:
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind12").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    # eponymous institutions, buildings and streets: one INSTITUTION/LOCATION span, no PERSON inside
    assert ("Centre Léon Bérard", "INSTITUTION") in spans("blind12-001-fr-questionnaire-irm")
    charcot = spans("blind12-016-fr-pavillon-charcot")
    assert charcot[0] == ("Pavillon Charcot", "INSTITUTION") and ("Gaston Fèvre", "PATIENT") in charcot
    assert sum(s == "Pavillon Charcot" for s, _ in charcot) == 1  # "Pied de Charcot" is a trap
    home = spans("blind12-017-fr-rue-docteur-roux")
    assert home[:2] == [("14 rue du Docteur Roux, 69003 Lyon", "LOCATION"), ("45.75972, 4.85611", "LOCATION")]
    assert ("93 ans", "AGE") in home  # over 89: still AGE
    # signatures: the patient signs as PATIENT, witness and interpreter are PERSON
    mri = spans("blind12-029-en-mri-safety")
    assert mri[:4] == [
        ("Hope Winter", "PATIENT"),
        ("62", "AGE"),
        ("Tom Okafor", "PERSON"),
        ("Agnieszka Nowak", "PERSON"),
    ]
    assert ("DUPONT^MARIE", "PATIENT") in spans("blind12-003-fr-ocr-coin")  # "^^MME^" outside
    assert ("Loulou", "PATIENT") in spans("blind12-004-fr-pediatrie-creche")
    assert ("prudence la pierre", "PATIENT") in spans("blind12-013-fr-dictee-asr")
    # biobank codes are ID; billing codes are not labelled; FINESS/NHS are ID
    assert [s for s, label in spans("blind12-011-fr-biobanque") if label == "ID"] == ["03-0427", "BIO24-004711-A2"]
    billing = spans("blind12-037-en-billing")
    assert billing[0] == ("943 476 5919", "ID") and not any("73630" in s or "M92.5" in s for s, _ in billing)
    assert ("olive dot page at nhs dot net", "EMAIL") in spans("blind12-039-en-obfuscated-email")
    assert ("results.leedsth.nhs.uk/q7x2m9", "URL") in spans("blind12-040-en-url-no-scheme")
    assert ("bip 312", "PHONE") in spans("blind12-018-fr-poste-bip")
    periods = spans("blind12-019-fr-code-switch")
    assert not any("2019" in s or "2017" in s for s, _ in periods) and ("22/01/2024", "DATE") in periods
    assert all(not docs[c]["entities"] for c in docs if "-trap-" in c or "-piege-" in c)
    assert sum("-trap-" in c or "-piege-" in c for c in docs) >= 8
