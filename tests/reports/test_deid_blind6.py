"""Blind6 template family and hand-written blind6 cases: exact gold spans, no overlaps, traps unlabelled."""

from __future__ import annotations

import numpy as np

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.entities import LABELS as ENTITY_LABELS
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities_blind5 import luhn_digit, mod11_digit
from xraymatch.reports.identities_blind6 import (
    french_number,
    nhs_number,
    rpps,
    siret,
    spoken_phone,
)

LABELS = set(ENTITY_LABELS)


def test_spoken_numbers_known_answers() -> None:
    words = [french_number(n) for n in (17, 21, 70, 71, 77, 80, 81, 91, 99)]
    assert words == [
        "dix-sept", "vingt-et-un", "soixante-dix", "soixante-et-onze", "soixante-dix-sept", "quatre-vingts",
        "quatre-vingt-un", "quatre-vingt-onze", "quatre-vingt-dix-neuf",
    ]  # fmt: skip
    assert spoken_phone("fr", "0612347180") == "zéro six, douze, trente-quatre, soixante-et-onze, quatre-vingts"
    assert spoken_phone("en", "0779") == "oh seven seven nine"


def test_generated_numbers_carry_valid_check_digits() -> None:
    rng = np.random.default_rng(1)
    for _ in range(30):
        siren, full = siret(rng)
        digits = full.replace(" ", "")
        assert len(digits) == 14 and digits.startswith(siren.replace(" ", ""))
        assert luhn_digit(digits[:8]) == digits[8] and luhn_digit(digits[:13]) == digits[13]
        number = rpps(rng)
        assert len(number) == 11 and number.startswith("10") and luhn_digit(number[:10]) == number[10]
        nhs = nhs_number(rng).replace(" ", "")
        assert len(nhs) == 10 and mod11_digit(nhs[:9]) == nhs[9]


def test_blind6_case_spans_keep_the_written_conventions() -> None:
    """A few labelling decisions, checked on the text itself: handles without '@', initials, spoken phones, RCS."""
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind6").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    assert ("c.gauthier", "PERSON") in spans("blind6-010-fr-chat-teleexpertise")
    assert ("J.-P. L.", "PERSON") in spans("blind6-014-fr-initiales")
    assert ("D.", "PATIENT") in spans("blind6-014-fr-initiales")
    assert ("Annecy", "LOCATION") in spans("blind6-001-fr-cabinet-siret")
    phone = "oh seven seven nine three, four one two, eight eight six"
    assert (phone, "PHONE") in spans("blind6-031-en-voicemail")
    joint = docs["blind6-045-fr-handball-licence"]  # "IPP" is a finger joint here, not a patient number
    ipp = joint["text"].find("IPP")
    assert ipp > 0 and all(e.end <= ipp or e.start >= ipp + 3 for e in joint["entities"])
