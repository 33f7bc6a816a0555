"""Blind8 template family and hand-written blind8 cases: check digits with known answers, labelling decisions."""

from __future__ import annotations

import datetime as dt

import numpy as np

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind5 import mod11_digit
from xraymatch.reports.identities_blind8 import (
    cf_check,
    codice_fiscale,
    dni_letter,
    iban_check,
    iban_fr,
    iban_gb,
    kvnr,
    kvnr_check,
    nhs_number,
    rib_key,
)


def test_check_digits_known_answers() -> None:
    assert iban_check("GB", "WEST12345698765432") == "82"  # GB82 WEST 1234 5698 7654 32, the ECBS example
    assert iban_check("FR", "20041010050500013M02606") == "14"  # FR14 2004 1010 0505 0001 3M02 606
    assert iban_check("FR", "30006000011234567890189") == "76"
    assert rib_key("30006", "00001", "12345678901") == "89"
    assert kvnr_check("A", "12345678") == "0"  # A123456780, the usual KVNR example
    assert dni_letter(12345678) == "Z"  # 12345678Z
    assert cf_check("RSSMRA85T10A562") == "S"  # RSSMRA85T10A562S, the usual codice fiscale example
    assert mod11_digit("943476591") == "9"  # NHS number 943 476 5919


def test_codice_fiscale_encodes_name_date_and_sex() -> None:
    rng = np.random.default_rng(0)
    assert codice_fiscale("Mario", "Rossi", dt.date(1985, 12, 10), True, rng)[:11] == "RSSMRA85T10"
    woman = codice_fiscale("Giulia", "Bianchi", dt.date(1990, 3, 5), False, rng)
    assert woman[:11] == "BNCGLI90C45" and cf_check(woman[:15]) == woman[15]  # day + 40 for women


def test_generated_numbers_carry_valid_check_digits() -> None:
    rng = np.random.default_rng(4)
    for _ in range(40):
        for iban in (iban_fr(rng).replace(" ", ""), iban_gb(rng).replace(" ", "")):
            assert iban_check(iban[:2], iban[4:]) == iban[2:4]
        fr = iban_fr(rng).replace(" ", "")
        assert rib_key(fr[4:9], fr[9:14], fr[14:25]) == fr[25:]
        number = kvnr(rng)
        assert len(number) == 10 and kvnr_check(number[0], number[1:9]) == number[9]
        nhs = nhs_number(rng).replace(" ", "")
        assert mod11_digit(nhs[:9]) == nhs[9]


def test_generated_trial_registry_numbers_and_system_urls_stay_unlabelled() -> None:
    for lang in ("fr", "en"):
        for seed in range(40):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind8")
            spans = [report.text[e.start : e.end] for e in report.entities]
            for trap in ("eudract", "nct", "fhir_system", "protocol"):
                assert not any(slots[trap][0] in s for s in spans), trap


def test_blind8_case_spans_keep_the_written_conventions() -> None:
    """FHIR/CDA values, trial codes, courts, pagers, nicknames, speech-recognition names, foreign numbers."""
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind8").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    fhir = spans("blind8-001-fr-fhir-patient")
    assert ("LEFEBVRE", "PATIENT") in fhir and ("1958-06-03", "DATE") in fhir
    assert not any("urn:oid" in s or "hl7.fr" in s for s, _ in fhir)  # the system is not an identifier
    trial = spans("blind8-009-fr-crf-essai")
    assert ("SUBJ-012-0045", "ID") in trial and not any("EudraCT" in s or "NCT" in s or s == "012" for s, _ in trial)
    assert spans("blind8-010-fr-expertise-judiciaire")[:2] == [
        ("Tribunal judiciaire de Lyon", "INSTITUTION"),
        ("23/04512", "ID"),
    ]
    assert ("4521", "PHONE") in spans("blind8-021-fr-bip-interne")
    assert ("Jojo", "PATIENT") in spans("blind8-022-fr-surnom")
    assert spans("blind8-019-fr-reco-vocale")[:2] == [("martin", "PERSON"), ("lemoine", "PERSON")]
    assert ("RSSMRA85T10A562S", "ID") in spans("blind8-017-fr-italien")
    assert ("GB82 WEST 1234 5698 7654 32", "ID") in spans("blind8-041-en-invoice")
    assert ("KX19 PLM", "ID") in spans("blind8-035-en-rtc-plate")
    assert ("34M", "AGE") in spans("blind8-034-en-atmist")
    assert all(not docs[c]["entities"] for c in docs if "-trap-" in c or "-piege-" in c)
