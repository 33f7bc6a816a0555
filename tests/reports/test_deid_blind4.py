"""Blind4 template family and hand-written blind4 cases: exact gold spans, no overlaps, traps unlabelled."""

from __future__ import annotations

import datetime as dt

import numpy as np

from xraymatch.reports.entities import LABELS as ENTITY_LABELS
from xraymatch.reports.identities_blind4 import (
    date_in_words,
    en_ordinal,
    fr_number,
    luhn_digit,
    nhs_number,
    nhs_number_valid,
)

LABELS = set(ENTITY_LABELS)


def test_words_and_check_digits_known_answers() -> None:
    assert (
        fr_number(71) == "soixante et onze"
        and fr_number(80) == "quatre-vingts"
        and fr_number(97) == ("quatre-vingt-dix-sept")
    )
    assert en_ordinal(21) == "twenty-first" and en_ordinal(12) == "twelfth"
    assert date_in_words(dt.date(2024, 3, 3), "fr") == "trois mars deux mille vingt-quatre"
    assert date_in_words(dt.date(1961, 5, 1), "fr") == "premier mai mille neuf cent soixante et un"
    assert date_in_words(dt.date(2024, 3, 3), "en") == "March third, twenty twenty-four"
    assert date_in_words(dt.date(2005, 7, 4), "en") == "July fourth, two thousand and five"
    assert nhs_number_valid("943 476 5919") and not nhs_number_valid("943 476 5918")
    rng = np.random.default_rng(0)
    assert all(nhs_number_valid(nhs_number(rng)) for _ in range(50))
    assert luhn_digit("7992739871") == "3"  # the textbook Luhn example
    assert luhn_digit("80840" + "123456789") == "3"  # NPI 1234567893 (CMS example)
