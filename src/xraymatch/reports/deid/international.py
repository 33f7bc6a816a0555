"""International shapes: phone numbers by country code, phones after a phone cue, extensions and pagers, and foreign
national identifiers recognised by their check digits.

- Phones written "+CC ..." or "00CC ...": the country code is read by prefix (E.164 codes are prefix-free) and the
  number is kept when its national digit count is plausible for that country ("+961 1 350 000": Lebanon, 7 digits;
  "+216 71 234 567": Tunisia, 8); a trailing extension ("ext. 5120", "poste 12") belongs to the number.
- After a phone cue ("Tél.", "Phone", "Fax", "Mobile"), a digit run of 6-15 digits is a phone whatever its national
  format ("Tél. 01/264321", "Phone 01-726676"); without a cue, a trunk-0 area code and a slash ("01/615 300").
- A standalone extension, pager or bleep number after its cue ("poste 4321", "ext. 221", "bip 123", "pager 3327") is a
  PHONE (i2b2/HIPAA count pagers as telephone numbers); rooms, beds and doses are not cues.
- National identifiers with public check digits: Swiss AVS 756.xxxx.xxxx.xx (EAN-13), Belgian NISS (mod 97), Scottish
  CHI (date + mod 11; a compact one starting with 0 is left to the phone reading), US Medicare MBI (its letter/digit
  grammar), Luxembourg matricule (YYYYMMDD + 3, then Luhn and Verhoeff check digits; round 16). They are IDs
  without any context word.
- Indian address lines closed by a six-digit PIN written 3+3 are one LOCATION.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xraymatch.reports.deid.checksums import chi_valid, ean13_valid, luxembourg_valid, niss_valid
from xraymatch.reports.deid.patterns import Candidate

# National significant number lengths (min, max) by country code: Europe, the Maghreb and Middle East, francophone
# Africa, French overseas territories, North America, Oceania and a few large countries.
COUNTRY_LENGTHS: dict[str, tuple[int, int]] = {
    "1": (10, 10), "7": (10, 10), "20": (9, 10), "27": (9, 9), "30": (10, 10), "31": (9, 9), "32": (8, 9),
    "33": (9, 9), "34": (9, 9), "36": (8, 9), "39": (6, 11), "40": (9, 9), "41": (9, 9), "43": (7, 13),
    "44": (9, 10), "45": (8, 8), "46": (7, 9), "47": (8, 8), "48": (9, 9), "49": (7, 11), "52": (10, 10),
    "55": (10, 11), "61": (9, 9), "64": (8, 10), "65": (8, 8), "81": (9, 10), "86": (10, 11), "90": (10, 10),
    "91": (10, 10), "212": (9, 9), "213": (8, 9), "216": (8, 8), "221": (9, 9), "225": (10, 10), "226": (8, 8),
    "229": (8, 10), "237": (9, 9), "241": (7, 8), "242": (9, 9), "243": (9, 9), "261": (9, 9), "262": (9, 9),
    "269": (7, 7), "351": (9, 9), "352": (6, 11), "353": (7, 9), "356": (8, 8), "357": (8, 8), "358": (6, 10),
    "359": (8, 9), "370": (8, 8), "377": (8, 9), "376": (6, 6), "380": (9, 9), "385": (8, 9), "386": (8, 8),
    "420": (9, 9), "421": (9, 9), "423": (7, 7), "508": (6, 6), "590": (9, 9), "594": (9, 9), "596": (9, 9),
    "687": (6, 6), "689": (6, 8), "681": (6, 6), "961": (7, 8), "962": (8, 9), "963": (8, 9), "965": (8, 8),
    "966": (9, 9), "971": (8, 9), "972": (8, 9), "974": (8, 8), "234": (8, 10), "233": (9, 9), "254": (9, 9),
    "92": (9, 10), "880": (8, 10),
}  # fmt: skip

_PLUS_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00)\d{1,3}(?:[ \u00a0]?\(0\))?(?:[ \u00a0.\-/]?\(?\d{1,5}\)?){1,6}(?![\d:]|[.,]\d)"
)
_EXTENSION_TAIL = re.compile(r"(?i)[ \u00a0]*,?[ \u00a0]*(?:ext\.?|extn\.?|extension|x|poste|p\.)[ \u00a0]*\d{1,6}\b")
_DIGIT_GROUP = re.compile(r"\d+")


def _country_length_ok(digits: str, trunk_zero: bool) -> bool:
    """True when `digits` (country code + national number) starts with a known code and the rest has a plausible
    length for it (a "(0)" trunk digit written in brackets is not counted)."""
    for size in (1, 2, 3):
        code = digits[:size]
        if code in COUNTRY_LENGTHS:
            low, high = COUNTRY_LENGTHS[code]
            national = len(digits) - size - (1 if trunk_zero else 0)
            return low <= national <= high
    return False


def find_plus_phones(text: str) -> Iterator[Candidate]:
    """Numbers written "+CC" / "00CC" whose length fits the country code (the longest plausible prefix of the digit
    groups), with a trailing extension."""
    for m in _PLUS_PHONE.finditer(text):
        value = m.group(0)
        groups = list(_DIGIT_GROUP.finditer(value))
        trunk = "(0)" in value
        for k in range(len(groups), 0, -1):
            end = groups[k - 1].end()
            head = value[:end]
            digits = "".join(ch for ch in head if ch.isdigit())
            if value.startswith("00"):
                digits = digits[2:]
            if _country_length_ok(digits, trunk and "(0)" in head):
                stop = m.start() + end
                tail = _EXTENSION_TAIL.match(text, stop)
                # "00" is also how record numbers start: a lower priority than the "+" form.
                priority = 69 if value.startswith("+") else 64
                yield Candidate(m.start(), tail.end() if tail else stop, "PHONE", priority)
                break


# A national number with a trunk 0, an area code and a slash ("01/615 300", "04/123456": Lebanon, Belgium, Germany):
# 8 or 9 digits, a shape dates and record numbers do not take.
_SLASH_NATIONAL = re.compile(r"(?<![\w+/.,\-])0\d{1,2}/\d{3}[ \u00a0]?\d{3}(?![\d:]|[.,/\-]\d)")


def find_slash_phones(text: str) -> Iterator[Candidate]:
    """Trunk-0 national numbers written area/number with a slash."""
    for m in _SLASH_NATIONAL.finditer(text):
        yield Candidate(m.start(), m.end(), "PHONE", 65)


# A phone cue: the digits after it are a phone number, in whatever national format.
_PHONE_CUE = re.compile(
    r"(?i)(?<![\w])(?:t[ée]l[ée]phone|t[ée]l|tel|phone|ph|fax|t[ée]l[ée]copie|mobile|mob|cell|portable|gsm|natel|"
    r"handy|telefon|telefono)\.?[ \t]*(?:\([^)\n]{1,12}\)[ \t]*)?(?:n°|no\.?|#)?[ \t]*[:.]?[ \t]*"
)
_CUED_NUMBER = re.compile(r"\+?\(?\d[\d \u00a0.\-/()]{4,22}\d")


def find_cued_phones(text: str) -> Iterator[Candidate]:
    """A 6-15 digit run right after a phone cue ("Tél. 01/264321", "Phone 01-726676"), extension included."""
    for m in _PHONE_CUE.finditer(text):
        number = _CUED_NUMBER.match(text, m.end())
        if number is None:
            continue
        value = number.group(0)
        # Cut at a double space or a closing bracket that opened before the number: a column gap, not the number.
        value = re.split(r"[ \u00a0]{2,}", value)[0]
        if value.count(")") > value.count("("):
            value = value[: value.index(")")]
        digits = sum(ch.isdigit() for ch in value)
        if 6 <= digits <= 15:
            stop = number.start() + len(value.rstrip(" .-/("))
            tail = _EXTENSION_TAIL.match(text, stop)
            yield Candidate(number.start(), tail.end() if tail else stop, "PHONE", 72)


# An extension, pager or bleep number after its cue ("poste 4321", "ext. 221", "bip 123", "pager 3327", "DECT 5512");
# "x" counts only glued to a phone (see _EXTENSION_TAIL), and measurement units after the digits rule a number out.
_EXTENSION = re.compile(
    r"(?i)(?<![\w.])(?:poste|ext\.?|extn\.?|extension|bip|bipeur|biper|bleep|pager|beeper|DECT|Durchwahl)"
    r"[ \t]*(?:n°|no\.?|#|:)?[ \t]*(\d{2,6})(?![\d,.]\d|[ \t]?(?:mm|cm|mg|ml|kg|%|°|º|kV|mAs|h\b|min\b|deg)|\w)"
)


def find_extensions(text: str) -> Iterator[Candidate]:
    """Standalone extension, pager and bleep numbers: PHONE (the cue word is not part of the span)."""
    for m in _EXTENSION.finditer(text):
        yield Candidate(m.start(1), m.end(1), "PHONE", 67)


# Swiss AVS/AHV (756.1234.5678.97), Belgian NISS (85.07.30-033.61, 85073003361), Scottish CHI (1507851234),
# US Medicare MBI (1EG4-TE5-MK73): IDs whatever the context, when their check digits or grammar hold.
_AVS = re.compile(r"(?<![\w.+])756[.\u00a0 ]?\d{4}[.\u00a0 ]?\d{4}[.\u00a0 ]?\d{2}(?![\w]|[.]\d)")
_NISS = re.compile(r"(?<![\w.\-+])\d{2}([. ]?)\d{2}\1\d{2}[-. ]?\d{3}[-. ]?\d{2}(?![\w]|[.\-]\d)")
_CHI = re.compile(r"(?<![\w.\-+])\d{6}[ ]?\d{4}(?![\w]|[.\-]\d)")
_MBI_LETTER = "AC-HJKMNP-RT-Y"
_MBI = re.compile(
    rf"(?<![\w-])[1-9][{_MBI_LETTER}][{_MBI_LETTER}0-9]\d-?[{_MBI_LETTER}][{_MBI_LETTER}0-9]\d-?"
    rf"[{_MBI_LETTER}]{{2}}\d{{2}}(?![\w-])"
)

# Luxembourg matricule: YYYY MMDD XXX CC (blanks or dots optional), kept only when both check digits hold (round 16).
_MATRICULE = re.compile(r"(?<![\w.])(?:19|20)\d\d[ \t.]?\d{4}[ \t.]?\d{3}[ \t.]?\d{2}(?![\w]|\.\d)")


def find_national_ids(text: str) -> Iterator[Candidate]:
    """Foreign national identifiers with valid check digits (or the MBI grammar): ID."""
    for m in _AVS.finditer(text):
        if ean13_valid(m.group(0)):
            yield Candidate(m.start(), m.end(), "ID", 85)
    for m in _NISS.finditer(text):
        if niss_valid(m.group(0)):
            yield Candidate(m.start(), m.end(), "ID", 79)
    for m in _CHI.finditer(text):
        if chi_valid(m.group(0)) and not re.match(r"0\d{9}$", m.group(0)):  # "0612345678" reads as a phone
            yield Candidate(m.start(), m.end(), "ID", 79)
    for m in _MATRICULE.finditer(text):
        if luxembourg_valid(m.group(0)):
            yield Candidate(m.start(), m.end(), "ID", 85)
    for m in _MBI.finditer(text):
        if sum(ch.isalpha() for ch in m.group(0)) >= 4:
            yield Candidate(m.start(), m.end(), "ID", 79)


# An Indian address line ends with its six-digit PIN written 3+3 ("35, Jarvis Circle, New Joyceland 290 114"): house
# number, street, town and PIN are one LOCATION.
_PIN_ADDRESS = re.compile(
    r"(?<![\w,])\d{1,4}[A-Z]?,[ \t]+(?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’.-]*,[ \t]+"
    r"(?:[A-Z][\w'’.-]*[ \t]+){1,3}[1-9]\d{2}[ \t]?\d{3}(?![\w])"
)


def find_pin_addresses(text: str) -> Iterator[Candidate]:
    """Indian address lines closed by a PIN code."""
    for m in _PIN_ADDRESS.finditer(text):
        yield Candidate(m.start(), m.end(), "LOCATION", 81)


def find_international(text: str) -> list[Candidate]:
    """Every international phone, extension and national-identifier candidate in `text`."""
    out: list[Candidate] = []
    for finder in (
        find_plus_phones,
        find_cued_phones,
        find_slash_phones,
        find_extensions,
        find_national_ids,
        find_pin_addresses,
    ):
        out.extend(finder(text))
    return out
