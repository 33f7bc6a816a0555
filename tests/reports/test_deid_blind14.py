"""Blind14 template family and hand-written blind14 cases: MRZ check digits, mojibake, number words and wraps with
known answers, the shapes of generated MRZs/rosters/damaged names, and the labelling decisions (damaged names,
half-done anonymisation, native scripts, MRZ fields, bone ages, national agencies) on the case file."""

from __future__ import annotations

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind14 import (
    mojibake,
    mrz_check,
    mrz_name,
    ocr_digits,
    phone_words_en,
    phone_words_fr,
    wrap,
)


def test_mrz_check_digits_known_answers() -> None:
    # ICAO 9303 specimen passport: L898902C3<6, birth 740812<2, expiry 120415<9, personal number ZE184226B<<<<<1
    assert mrz_check("L898902C3") == "6"
    assert mrz_check("740812") == "2"
    assert mrz_check("120415") == "9"
    assert mrz_check("ZE184226B<<<<<") == "1"
    # the specimen's composite check digit over document number, birth, expiry and personal number fields
    assert mrz_check("L898902C36" + "7408122" + "1204159" + "ZE184226B<<<<<1") == "0"
    with pytest.raises(ValueError, match="MRZ character"):
        mrz_check("ab-1")
    assert mrz_name("Al-Haddad", "Youssef") == "AL<HADDAD<<YOUSSEF"
    assert mrz_name("Brontë-Hughes", "Zoë") == "BRONTE<HUGHES<<ZOE"


def test_damage_and_number_words_known_answers() -> None:
    assert mojibake("Hélène") == "HÃ©lÃ¨ne"
    assert mojibake("GUÉRIN") == "GUÃ‰RIN"
    assert mojibake("Martin") == "Martin"
    assert phone_words_fr(["06", "12", "34", "56", "78"]) == (
        "zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit"
    )
    assert phone_words_en("07700 900 123") == "oh seven seven oh oh, nine oh oh, one two three"
    assert wrap("THEODOROPOULOS") == "THEODOR-\nOPOULOS"
    assert wrap("SATO") == "SATO"
    ocr = ocr_digits("01 23 45 67 89", np.random.default_rng(0))
    assert len(ocr) == 14 and set(ocr) <= set("0123456789 OIS")


def test_generated_documents_label_the_new_shapes() -> None:
    for lang in ("fr", "en"):
        seen: set[str] = set()
        for seed in range(120):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind14")
            spans = {report.text[e.start : e.end]: e.label for e in report.entities}
            for name in ("mrz_name", "moji", "native", "wrap_name"):
                if f"{slots[name][0]}" in report.text and slots[name][0] in spans:
                    assert spans[slots[name][0]] == "PATIENT"
                    seen.add(name)
            if "MRZ" in report.text:  # the MRZ's second line is 44 characters, its check digits computed
                line = report.text.split("\n")[report.text.split("\n").index("MRZ :" if lang == "fr" else "MRZ:") + 2]
                assert len(line) == 44 and mrz_check(line[:9]) == line[9] and mrz_check(line[13:19]) == line[19]
                seen.add("mrz")
            for trap in ("bone_age", "agency", "redacted_dob", "classif", "implant", "equipment"):
                assert not any(slots[trap][0] in s for s in spans), trap
        assert seen == {"mrz_name", "moji", "native", "wrap_name", "mrz"}


def test_blind14_case_spans_keep_the_written_conventions() -> None:
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind14").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    # damaged names are still the patient; a wrapped name is one span with its line break
    assert ("HÃ©lÃ¨ne GUÃ‰RIN", "PATIENT") in spans("blind14-001-fr-scanner-post-mortem")
    assert ("THEODO-\nROPOULOS Nikos", "PATIENT") in spans("blind14-011-fr-fax-coupure")
    assert ("O2 97 4S I2 88", "PHONE") in spans("blind14-011-fr-fax-coupure")
    # half-done anonymisation: what is left is labelled, placeholders and a lone birth year are not
    assert spans("blind14-009-fr-anonymisation-partielle") == [("D.", "PATIENT"), ("Maryvonne", "PATIENT")]
    assert spans("blind14-010-fr-date-masquee-jour-mois")[0] == ("14/06", "DATE")
    # MRZ: name field without fillers, document number ID, YYMMDD dates DATE, check digits outside
    mrz = spans("blind14-004-fr-mrz-immigration")
    assert ("KOVALENKO<<OLENA", "PATIENT") in mrz and ("FK3321984", "ID") in mrz and ("830611", "DATE") in mrz
    # native script and transliteration are two patient spans
    assert spans("blind14-005-fr-ecriture-native")[1:3] == [
        ("Коваленко Олена", "PATIENT"),
        ("KOVALENKO Olena", "PATIENT"),
    ]
    # a roster's other workers are PERSON; bone ages and national agencies are not labelled
    assert ("Goulven Abiven", "PERSON") in spans("blind14-008-fr-roster-silice")
    assert not any("osseux" in s or "Greulich" in s or "Demirjian" in s for c in docs for s, _ in spans(c))
    assert not any(
        s in ("OFII", "Agence de la biomédecine", "NHS Blood and Transplant") for c in docs for s, _ in spans(c)
    )
    traps = [c for c in docs if "-trap-" in c or "-piege-" in c]
    assert len(traps) >= 8 and all(not docs[c]["entities"] for c in traps)
