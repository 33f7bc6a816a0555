"""Blind15 template family and hand-written blind15 cases: check digits of the francophone national numbers (AVS,
NISS, Luxembourg matricule) and RAMQ/ASR helpers with known answers, the shapes of generated numbers, and the
labelling decisions (name changes, split ASR names, one-month ranges, two-zone dates, UIDs) on the case file."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind15 import (
    asr_split,
    avs_number,
    ean13_check,
    luhn_check,
    luxembourg_matricule,
    niss_check,
    niss_number,
    ramq_number,
    verhoeff_check,
)


def test_check_digits_known_answers() -> None:
    # the AVS example of the Swiss compensation office, and EAN-13 on a retail barcode (400638133393 -> 1)
    assert ean13_check("756921707698") == "5"
    assert avs_number("921707698") == "756.9217.0769.85"
    assert ean13_check("400638133393") == "1"
    with pytest.raises(ValueError, match="12 digits"):
        ean13_check("7569217")
    # Belgian NISS example 93.05.18-223.61; births from 2000 get a "2" prefixed before mod 97
    assert niss_number(dt.date(1993, 5, 18), 223) == "93.05.18-223.61"
    assert niss_check(dt.date(2001, 1, 1), 1) == f"{97 - 2010101001 % 97:02d}"
    # Luhn and Verhoeff reference examples
    assert luhn_check("7992739871") == "3"
    assert verhoeff_check("236") == "3"
    assert verhoeff_check("12345") == "1"
    assert luxembourg_matricule(dt.date(1985, 7, 30), 123) == "1985 0730 123 41"


def test_ramq_and_asr_known_answers() -> None:
    assert ramq_number("Tremblay", "Geneviève", dt.date(1985, 5, 15), True, 12) == "TREG 8555 1512"
    assert ramq_number("Ng", "Li", dt.date(2001, 2, 3), False, 7) == "NGXL 0102 0307"
    assert asr_split("Martin") == "Mar tin"
    assert asr_split("Roy") == "Roy"
    assert asr_split("Le Goff") == "Le Goff"


def test_generated_numbers_carry_valid_check_digits() -> None:
    seen: set[str] = set()
    for seed in range(150):
        report, slots = _plant("Body.\n", "fr", np.random.default_rng(seed), "blind15")
        number, kind = slots["foreign_id"][0], slots["id_kind"][0]
        digits = re.sub(r"\D", "", number)
        if kind == "N° AVS":
            assert digits.startswith("756") and ean13_check(digits[:12]) == digits[12]
        elif kind == "NISS":
            assert int(digits[9:]) in (97 - int(digits[:9]) % 97, 97 - int("2" + digits[:9]) % 97)  # 1900s or 2000s
        elif kind == "Matricule":
            assert luhn_check(digits[:11]) == digits[11] and verhoeff_check(digits[:11]) == digits[12]
        seen.add(kind)
        spans = {report.text[e.start : e.end]: e.label for e in report.entities}
        for trap in ("sop_class", "transfer_syntax", "software", "offset"):
            assert not any(slots[trap][0] in s for s in spans), trap
    assert {"N° AVS", "NISS", "Matricule", "RAMQ", "CNI"} <= seen


def test_blind15_case_spans_keep_the_written_conventions() -> None:
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind15").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    # birth and married names are both the patient; "née" stays outside
    chain = spans("blind15-003-fr-chaine-citee")
    assert ("GUILLOU", "PATIENT") in chain and ("LE BRIS", "PATIENT") in chain
    # a previous first name identifies the patient too
    assert ("Lucas", "PATIENT") in spans("blind15-005-fr-prenom-anterieur")
    # a name split by speech recognition is one span of its person
    assert spans("blind15-010-fr-dictee-asr") == [("le fèvre", "PATIENT"), ("mar tin", "PERSON")]
    # a one-month range is one DATE; a two-month range two; a year with "fin" is not a DATE
    assert spans("blind15-013-fr-plage-dates")[:3] == [("3 au 5 mars 2024", "DATE"), ("28 mars", "DATE"),
                                                        ("2 avril 2024", "DATE")]  # fmt: skip
    assert spans("blind15-014-fr-semaine") == [("S12-2025", "DATE")]
    # teleradiology: the UTC calendar part and the local D+1 date, times and zone outside
    assert [s for s, label in spans("blind15-008-fr-telerad-nuit") if label == "DATE"] == ["2024-03-12", "13/03/2024"]
    # the reply attribution line: weekday and time outside the DATE
    assert spans("blind15-002-fr-reponse-mail")[0] == ("3 mars 2025", "DATE")
    # DICOM class and transfer-syntax UIDs, versions, scores: pure traps
    for case in ("blind15-024-fr-piege-uid", "blind15-046-en-trap-uids", "blind15-047-en-trap-scores"):
        assert docs[case]["entities"] == []
    # the national numbers of the case file carry valid check digits
    assert ("756.9217.0769.85", "ID") in spans("blind15-015-fr-avs-suisse")
    assert ("93.05.18-223.61", "ID") in spans("blind15-016-fr-niss-belge")
    lux = next(s for s, label in spans("blind15-017-fr-matricule-lux") if label == "ID").replace(" ", "")
    assert luhn_check(lux[:11]) == lux[11] and verhoeff_check(lux[:11]) == lux[12]
