"""Blind5 template family and hand-written blind5 cases: exact gold spans, no overlaps, traps unlabelled."""

from __future__ import annotations

import datetime as dt

import numpy as np

from xraymatch.reports.entities import LABELS as ENTITY_LABELS
from xraymatch.reports.identities_blind5 import (
    avs,
    chi_number,
    ean13_digit,
    luhn_digit,
    lux_matricule,
    mod11_digit,
    niss,
    niss_key,
    ohip,
    verhoeff_digit,
)

LABELS = set(ENTITY_LABELS)


def test_check_digits_known_answers() -> None:
    assert luhn_digit("7992739871") == "3"  # the textbook Luhn example
    assert verhoeff_digit("236") == "3"  # the textbook Verhoeff example
    assert ean13_digit("756921707698") == "5"  # AVS 756.9217.0769.85 (the official example)
    assert luhn_digit("18931201057") + verhoeff_digit("18931201057") == "32"  # matricule 1893120105732
    assert mod11_digit("943476591") == "9"  # NHS 943 476 5919 (CHI uses the same mod 11)
    assert niss_key("850730033", False) == 28  # Belgian example 85.07.30-033.28


def test_generated_numbers_carry_valid_check_digits() -> None:
    rng = np.random.default_rng(1)
    birth = dt.date(2003, 2, 14)
    for _ in range(30):
        number = niss(birth, False, rng)
        digits = number.replace(".", "").replace("-", "")
        assert int(digits[6:9]) % 2 == 0  # women get an even counter
        assert niss_key(digits[:9], True) == int(digits[9:]) and digits[:6] == "030214"
        a = avs(rng).replace(".", "")
        assert a.startswith("756") and ean13_digit(a[:12]) == a[12]
        m = lux_matricule(birth, rng)
        assert m.startswith("20030214") and m[11] == luhn_digit(m[:11]) and m[12] == verhoeff_digit(m[:11])
        chi = chi_number(birth, True, rng)
        assert chi[:6] == "140203" and int(chi[8]) % 2 == 1 and mod11_digit(chi[:9]) == chi[9]
        o = ohip(rng).replace("-", "")
        assert luhn_digit(o[:9]) == o[9] and o[10:].isalpha()
