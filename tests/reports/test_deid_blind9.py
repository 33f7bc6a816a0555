"""Blind9 template family and hand-written blind9 cases: check digits with known answers, labelling decisions."""

from __future__ import annotations

import datetime as dt

import numpy as np

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind9 import (
    china_id_check,
    national_number,
    personnummer_check,
    pesel_check,
    tckn_checks,
    weekday_date,
)


def test_check_digits_known_answers() -> None:
    assert personnummer_check("811218987") == "6"  # 811218-9876, the Swedish Tax Agency's example
    assert pesel_check("4405140135") == "9"  # PESEL 44051401359, the usual example
    assert tckn_checks("100000001") == "46"  # T.C. kimlik no 10000000146, the usual valid test number
    assert china_id_check("11010519491231002") == "X"  # 11010519491231002X, the GB 11643 example


def test_generated_national_numbers_carry_valid_check_digits() -> None:
    rng = np.random.default_rng(3)
    birth = dt.date(1961, 7, 4)
    for _ in range(30):
        se = national_number("se", birth, True, rng).replace("-", "")
        assert se[:6] == "610704" and personnummer_check(se[:9]) == se[9] and int(se[8]) % 2 == 1
        pl = national_number("pl", birth, False, rng)
        assert pl[:6] == "610704" and pesel_check(pl[:10]) == pl[10] and int(pl[9]) % 2 == 0
        tr = national_number("tr", birth, True, rng)
        assert tr[0] != "0" and tckn_checks(tr[:9]) == tr[9:]
        cn = national_number("cn", birth, True, rng)
        assert cn[6:14] == "19610704" and china_id_check(cn[:17]) == cn[17]
    assert national_number("pl", dt.date(2003, 2, 1), True, rng)[2:4] == "22"  # PESEL months +20 after 2000


def test_weekday_abbreviation_matches_the_date() -> None:
    rng = np.random.default_rng(0)
    tuesday = dt.date(2024, 3, 12)
    spellings = {weekday_date(tuesday, lang, rng) for lang in ("fr", "en") for _ in range(40)}
    assert spellings <= {
        "mar. 12/03/2024", "Di., 12.03.2024", "di 12-03-2024", "mar 12/03/2024", "Tue 12 Mar 2024",
        "tis 2024-03-12",
    }  # fmt: skip
    assert len(spellings) == 6


def test_generated_traps_stay_unlabelled() -> None:
    for lang in ("fr", "en"):
        for seed in range(40):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind9")
            spans = [report.text[e.start : e.end] for e in report.entities]
            for trap in ("placeholder", "teaching_site", "dose", "app", "gest"):
                assert not any(slots[trap][0] in s for s in spans), trap


def test_blind9_case_spans_keep_the_written_conventions() -> None:
    """Native-order names, broken hyphenated names, babies and mothers, teaching files, leaks past placeholders."""
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind9").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    assert spans("blind9-016-fr-chinois-ordre-natif")[:2] == [("ZHANG Wei", "PATIENT"), ("11010519491231002X", "ID")]
    assert spans("blind9-020-fr-prenom-coupe")[0] == ("Marie-\nThérèse FOURNIER", "PATIENT")
    assert spans("blind9-023-fr-bebe-de")[:3] == [
        ("GUERIN", "PATIENT"),
        ("36 heures de vie", "AGE"),
        ("Aurélie Guerin", "PERSON"),
    ]
    assert spans("blind9-024-fr-nouveau-ne-jours") == [("3 jours de vie", "AGE")]  # "34 SA + 2 j" is not an age
    courtesy = spans("blind9-038-en-case-courtesy")
    assert ("26341", "ID") in courtesy and not any("Radiopaedia" in s for s, _ in courtesy)
    assert ("radiopaedia.org/cases/74012", "URL") in spans("blind9-028-fr-url-radiopaedia")
    assert spans("blind9-009-fr-fuite-pseudonymisation") == [("Bernard MERCIER", "PATIENT")]
    assert ("TLD550921", "ID") in spans("blind9-037-en-datix")
    assert ("Di., 14.11.2023", "DATE") in spans("blind9-025-fr-jours-semaine")
    assert ("Connor O'Brien", "PATIENT") in spans("blind9-035-en-worklist")
    assert ("Noah Brooks", "PERSON") in spans("blind9-048-en-twins")
    assert all(not docs[c]["entities"] for c in docs if "-trap-" in c or "-piege-" in c)
