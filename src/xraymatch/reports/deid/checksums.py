"""Checksums that make numeric identifiers recognisable: the French NIR key (mod 97) and Luhn."""

from __future__ import annotations


def nir_digits(nir: str) -> str:
    """The 13-digit body of a NIR as digits, Corsica's 2A/2B replaced by 19/18 as the key computation requires."""
    body = "".join(ch for ch in nir if ch.isalnum())[:13].upper()
    if len(body) == 13 and body[5:7] in ("2A", "2B"):
        body = body[:5] + ("19" if body[5:7] == "2A" else "18") + body[7:]
    return body


def nir_key(body13: str) -> int:
    """Control key of a 13-character NIR body: 97 - (body mod 97)."""
    digits = nir_digits(body13)
    if len(digits) != 13 or not digits.isdigit():
        raise ValueError("a NIR body has 13 digits (2A/2B allowed for Corsica)")
    return 97 - int(digits) % 97


def nir_valid(nir: str) -> bool:
    """True when a 15-character NIR (spaces ignored) has a correct key and a plausible sex/month."""
    compact = "".join(ch for ch in nir if ch.isalnum()).upper()
    if len(compact) != 15 or not compact[13:].isdigit() or compact[0] not in "12378":
        return False
    try:
        return nir_key(compact[:13]) == int(compact[13:])
    except ValueError:
        return False


def luhn_valid(number: str) -> bool:
    """Luhn check over the digits of `number` (separators ignored); needs at least 8 digits."""
    digits = [int(ch) for ch in number if ch.isdigit()]
    if len(digits) < 8:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def luhn_complete(body: str) -> str:
    """Append the Luhn check digit to a digit string."""
    for check in "0123456789":
        if luhn_valid(body + check):
            return body + check
    raise ValueError("cannot complete a Luhn number")  # unreachable for digit strings of length >= 7


def ean13_valid(number: str) -> bool:
    """GS1/EAN-13 check digit (weights 1, 3 from the left) over 13 digits: the Swiss AVS number 756.xxxx.xxxx.xx."""
    digits = [int(ch) for ch in number if ch.isdigit()]
    if len(digits) != 13:
        return False
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == digits[12]


def niss_valid(number: str) -> bool:
    """Belgian national register number (NISS/INSZ, 11 digits YYMMDD-SSS-CC): CC = 97 - (first nine mod 97), with a
    leading "2" prepended for people born from 2000; the birth month (+20/+40 in bis numbers) and day must be
    plausible."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) != 11:
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if day > 31 or not (month <= 12 or 20 <= month <= 32 or 40 <= month <= 52):  # bis numbers add 20 or 40
        return False
    body, check = int(digits[:9]), int(digits[9:])
    return check in (97 - body % 97, 97 - (2_000_000_000 + body) % 97)


def chi_valid(number: str) -> bool:
    """Scottish CHI number (10 digits DDMMYY + 4): a valid birth date and a mod-11 check digit (weights 10..2)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) != 10 or not (1 <= int(digits[:2]) <= 31 and 1 <= int(digits[2:4]) <= 12):
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    return (0 if check == 11 else check) == int(digits[9])


_VERHOEFF_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_VERHOEFF_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_VERHOEFF_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def verhoeff_check(body: str) -> int:
    """The Verhoeff check digit of a digit string (dihedral group D5: catches every single error and transposition)."""
    c = 0
    for i, ch in enumerate(reversed(body)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[(i + 1) % 8][int(ch)]]
    return _VERHOEFF_INV[c]


def luxembourg_valid(number: str) -> bool:
    """Luxembourg national identification number (matricule, 13 digits YYYYMMDD + 3 + 2 checks): a plausible birth
    date, then a Luhn check digit and a Verhoeff check digit, both over the first eleven digits."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) != 13 or not (1 <= int(digits[4:6]) <= 12 and 1 <= int(digits[6:8]) <= 31):
        return False
    body = digits[:11]
    return luhn_complete(body)[-1] == digits[11] and verhoeff_check(body) == int(digits[12])
