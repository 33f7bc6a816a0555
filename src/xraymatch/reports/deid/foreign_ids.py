"""National numbers of other countries found by their scheme's name and kept only when their check digit holds
(round 17, blind16's misses as classes): a phone-shaped or date-shaped number after the scheme's name is an ID.

- Hungarian TAJ (9 digits, spaced 3-3-3 or not): the ninth digit is the sum of the first eight weighted 3, 7, 3, 7,
  ... modulo 10;
- Chinese resident identity number (18 characters, the last a digit or X): ISO 7064 MOD 11-2 over the first 17;
- Irish PPSN (7 digits, a check letter, an optional second letter): the weighted sum (8 down to 2, the second letter
  weighted 9) modulo 23, 0 -> "W", 1..22 -> "A".."V".
The scheme's name stays outside the span ("n° TAJ", "PRC resident ID", "PPSN"); a number failing its check is left
to the other layers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.patterns import Candidate

_CUE_GAP = r"[ \t]*(?:n°|no\.?|number|num[ée]ro|nr\.?|szám)?[ \t]*[:#]?[ \t]*"
_TAJ = re.compile(
    rf"(?i)\bTAJ(?:[ \t]+(?:szám|number|n°))?{_CUE_GAP}(?P<value>\d{{3}}[ \t-]?\d{{3}}[ \t-]?\d{{3}})(?![\d])"
)
_PRC = re.compile(
    r"(?i)\b(?:resident[ \t]+ID|resident[ \t]+identity(?:[ \t]+card)?|carte[ \t]+de[ \t]+résident(?:[ \t]+chinois)?|"
    rf"identité[ \t]+(?:chinoise|RPC)|shenfenzheng|身份证(?:号码?)?){_CUE_GAP}(?P<value>\d{{17}}[\dXx])(?![\w])"
)
_PPSN = re.compile(rf"(?i)\bPPSN?(?:[ \t]+(?:number|no\.?))?{_CUE_GAP}(?P<value>\d{{7}}[ \t]?[A-W][A-IW]?)(?![\w])")


def taj_valid(number: str) -> bool:
    """True when the nine-digit Hungarian TAJ `number` (blanks allowed) has a correct check digit."""
    digits = re.sub(r"\D", "", number)
    if len(digits) != 9:
        return False
    total = sum(int(d) * (3 if i % 2 == 0 else 7) for i, d in enumerate(digits[:8]))
    return total % 10 == int(digits[8])


def prc_id_valid(number: str) -> bool:
    """True when the 18-character Chinese resident identity `number` has a correct ISO 7064 MOD 11-2 check."""
    if not re.fullmatch(r"\d{17}[\dXx]", number):
        return False
    total = sum(int(c) * (2 ** (17 - i) % 11) for i, c in enumerate(number[:17]))
    return "10X98765432"[total % 11] == number[17].upper()


def ppsn_valid(number: str) -> bool:
    """True when the Irish PPSN `number` (7 digits, check letter, optional letter) has a correct check letter."""
    m = re.fullmatch(r"(\d{7})[ \t]?([A-W])([A-IW]?)", number.upper())
    if not m:
        return False
    digits, check, extra = m.groups()
    total = sum(int(d) * (8 - i) for i, d in enumerate(digits))
    if extra and extra != "W":
        total += (ord(extra) - ord("A") + 1) * 9
    return "WABCDEFGHIJKLMNOPQRSTUV"[total % 23] == check


def find_foreign_ids(text: str) -> Iterator[Candidate]:
    """ID candidates for TAJ, Chinese resident and PPSN numbers after their scheme's name, check digit holding."""
    for pattern, valid in ((_TAJ, taj_valid), (_PRC, prc_id_valid), (_PPSN, ppsn_valid)):
        for m in pattern.finditer(text):
            if valid(m.group("value")):
                yield Candidate(m.start("value"), m.end("value"), "ID", 82)
