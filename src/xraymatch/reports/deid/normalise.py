"""A repaired view of a scanned or dictated text for the detectors, with a map back to the input's offsets.

OCR'd letters break the shape detectors in a few regular ways; the view undoes them so that every detector sees
clean words, and `View.to_input` maps the spans found in the view back onto the input text:

- hyphenated line breaks inside a word ("Mar-\\ntin", "Medi-\\ncal Center") are joined (the "-\\n" is dropped);
- a digit read inside a word becomes the letter it stands for ("HERN4NDEZ", "Dec1an", "D0B", "C1inique", "5aint",
  "Pau1"), never in codes (a digit followed by more digits, a unit, an ordinal suffix);
- letters read inside a numeric date become digits ("1O/O4/1961", "11/O2/1958", "24/09/2O07");
- letters read inside a telephone number become digits ("O2 97 4S I2 88", "0I793 3I8763", "01S27 7986O2"): a
  run of 10 to 13 digit-like characters in groups, starting with 0 or +, with at least 6 true digits (round 15);
- UTF-8 read as cp1252 ("HÃ©lÃ¨ne", "GUÃ‰RIN", "SÃ˜RENSEN") is decoded back ("Hélène", "GUÉRIN", "SØRENSEN"):
  each two- or three-character sequence that is exactly the cp1252 reading of one UTF-8 letter (round 15);
- a few head words and labels with one glyph confusion ("Cliniquc", "Mcdical", "Ccnter", "Irnaging", "Strect", "dc")
  are restored, so that the institution and address rules see them.

A clean text yields no edit and the view is the text itself (no copy, no map).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Digits an OCR engine reads for letters, by the case of the surrounding letters.
_DIGIT_LOWER = {"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "8": "b"}
_DIGIT_UPPER = {"0": "O", "1": "I", "3": "E", "4": "A", "5": "S", "8": "B"}
# Letters read inside numbers.
_LETTER_DIGIT = {"O": "0", "o": "0", "I": "1", "l": "1"}

_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
_TOKEN = re.compile(r"[^\W_]+")
_HAS_DIGIT_AND_LETTER = re.compile(r"(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])")
# A token whose tail after a leading digit is a unit or an ordinal suffix is a quantity ("5mm", "1ère", "4ans").
_UNIT_TAILS = frozenset(
    """
er re ère ere e ème eme è st nd rd th ans an a mois m mm cm km kg g mg ml l h min mn s sec ms j jours d days y yrs
sem semaines w wk wks mo kv mas gy mgy cgy x bis ter d3 d2
""".split()  # noqa: SIM905 - a word list reads better as text
)
_PHONE_LETTER_DIGIT = {**_LETTER_DIGIT, "S": "5"}
_PHONE_SHAPE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .]?(?:\([0O]\)[ .]?)?|[0O])[\dOoIlS]{1,4}(?:[ .\-][\dOoIlS]{2,6}){1,5}(?![\w/])"
)
# cp1252 characters that a UTF-8 continuation byte (0x80-0xBF) is read as.
_CP1252_CONT = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e"
    "\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\u00c2-\u00df][{_CP1252_CONT}]|[\u00e0-\u00ef][{_CP1252_CONT}]{{2}}")
_DATE_SHAPE = re.compile(r"(?<![\w/.\-])[\dOoIl]{1,2}([/.\-])[\dOoIl]{1,2}\1(?:[\dOoIl]{4}|[\dOoIl]{2})(?![\w/\-])")

# Head words, address words and labels that OCR damages; each single-glyph confusion maps back to the word.
_KEYWORDS = (
    "clinique", "polyclinique", "medical", "médical", "médicale", "center", "centre", "imagerie", "imaging",
    "hospital", "hospitals", "hôpital", "hopital", "infirmary", "memorial", "radiologie", "radiology", "groupe",
    "saint", "sainte", "street", "avenue", "boulevard", "chemin", "route", "road", "lane", "surgery", "practice",
    "medicine", "trust", "foundation", "associates", "patient", "patiente", "name", "nom", "prénom", "docteur",
    "doctor", "date", "naissance", "birth", "résidence", "cedex", "district", "royal", "institut", "institute",
    "dob", "tel", "tél", "rue", "allée", "impasse", "place", "quai", "drive", "court", "crescent", "terrace",
    "square", "parkway", "summit", "stream", "wells", "heights", "view",
)  # fmt: skip
_CONFUSIONS = (("e", "c"), ("o", "0"), ("l", "1"), ("i", "1"), ("i", "l"), ("l", "i"), ("m", "rn"), ("s", "5"))


@lru_cache(maxsize=1)
def _keyword_variants() -> dict[str, str]:
    """OCR variant -> word, for every keyword with one confusion, in lower, Capitalised and UPPER case."""
    variants: dict[str, str] = {}
    for word in _KEYWORDS:
        for form in (word.capitalize(), word.upper(), word):  # a digit first reads as a capital
            for good, bad in _CONFUSIONS:
                for case_good, case_bad in ((good, bad), (good.upper(), bad.upper())):
                    start = form.find(case_good)
                    while start >= 0:
                        variant = form[:start] + case_bad + form[start + len(case_good) :]
                        if variant.lower() not in _KEYWORD_SET and variant != form:
                            variants.setdefault(variant, form)
                        start = form.find(case_good, start + 1)
    variants.update({"dc": "de", "dcs": "des", "1a": "la", "1e": "le"})
    return variants


_KEYWORD_SET = frozenset(_KEYWORDS)
_SHORT_BEFORE_NAME = re.compile(r"[ \t]+[A-ZÀ-Þ]")  # "dc Saint-Denis", "1a Ravine": a particle before a name


@dataclass(frozen=True)
class View:
    """The text the detectors read; `origin[i]` is the input offset of view character i (None: the input itself)."""

    text: str
    origin: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None  # input end offset of view character i (the whole edit for its last one)

    def to_input(self, start: int, end: int) -> tuple[int, int]:
        """The input span of view span [start, end): a span ending on a repaired character ends after all the input
        characters it replaced ("JosÃ©" -> "José" maps back over both mojibake characters)."""
        if self.origin is None:
            return start, end
        if self.ends is None:
            return self.origin[start], self.origin[end - 1] + 1
        return self.origin[start], self.ends[end - 1]


def _letter_for(token: str, i: int) -> str | None:
    """The letter that digit token[i] stands for, from the case of its neighbours."""
    around = token[max(0, i - 1) : i] + token[i + 1 : i + 2]
    letters = [ch for ch in around if ch.isalpha()]
    if not letters:
        return None
    table = _DIGIT_UPPER if all(ch.isupper() for ch in letters) else _DIGIT_LOWER
    return table.get(token[i])


def _repair_token(token: str) -> str | None:
    """The token with OCR digits read back as letters, or None when it is a code, a quantity or clean."""
    digits = [i for i, ch in enumerate(token) if ch.isdigit()]
    letters = sum(ch.isalpha() for ch in token)
    if len(digits) != 1 or letters < 2:
        return None
    i = digits[0]
    if 0 < i < len(token) - 1:  # inside: "Dec1an", "HERN4NDEZ", "M0ussa"; not postcodes ("L8N", "SW1A")
        if len(token) <= 4 and token.isupper() and token.isascii():
            return None
        letter = _letter_for(token, i)
    elif i == 0:  # leading, a capital: "5aint", "1maging", "8ERG"; not "5mm", "1ère", "3D"
        tail = token[1:]
        if len(tail) < 3 or tail.lower() in _UNIT_TAILS or not (tail.islower() or tail.isupper()):
            return None
        letter = _DIGIT_UPPER.get(token[0])
    else:  # trailing: "Pau1", "PIETR1", "LUCA5"; not "T12", "L5", "ZBQK002"
        head = token[:-1]
        if len(head) < 3 or token[-1] not in "015" or not (head.isupper() or head[1:].islower()):
            return None
        letter = _letter_for(token, i)
    return token[:i] + letter + token[i + 1 :] if letter else None


def _demojibake(chars: str) -> str | None:
    """The letter whose UTF-8 bytes read as cp1252 give `chars` ("Ã©" -> "é"), or None when they are not that."""
    try:
        letter = chars.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    return letter if len(letter) == 1 and letter.isalpha() else None


def _edits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) repairs, not overlapping."""
    edits = [(m.start(), m.end(), "") for m in _HYPHEN_BREAK.finditer(text)] if "-" in text else []
    variants = _keyword_variants()
    for m in _DATE_SHAPE.finditer(text):
        value = m.group(0)
        if any(ch in _LETTER_DIGIT for ch in value) and sum(ch.isdigit() for ch in value) >= 4:
            edits.append((m.start(), m.end(), "".join(_LETTER_DIGIT.get(ch, ch) for ch in value)))
    for m in _MOJIBAKE.finditer(text):
        letter = _demojibake(m.group(0))
        if letter is not None:
            edits.append((m.start(), m.end(), letter))
    for m in _PHONE_SHAPE.finditer(text):
        value = m.group(0)
        digits = sum(ch.isdigit() for ch in value)
        like = sum(ch.isdigit() or ch in _PHONE_LETTER_DIGIT for ch in value)
        if digits < like and digits >= 6 and 10 <= like <= 13:
            edits.append((m.start(), m.end(), "".join(_PHONE_LETTER_DIGIT.get(ch, ch) for ch in value)))
    for m in _TOKEN.finditer(text):
        token = m.group(0)
        repaired = variants.get(token)
        if repaired is not None and len(token) <= 3 and not _SHORT_BEFORE_NAME.match(text, m.end()):
            repaired = None
        if repaired is None and _HAS_DIGIT_AND_LETTER.match(token):
            repaired = _repair_token(token)
        if repaired is not None:
            edits.append((m.start(), m.end(), repaired))
    edits.sort()
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


def normalise(text: str) -> View:
    """The repaired view of `text` (the text itself when nothing needs repair)."""
    edits = _edits(text)
    if not edits:
        return View(text)
    pieces: list[str] = []
    origin: list[int] = []
    ends: list[int] = []
    last = 0
    for start, end, replacement in edits:
        pieces.append(text[last:start])
        origin.extend(range(last, start))
        ends.extend(range(last + 1, start + 1))
        pieces.append(replacement)
        origin.extend(min(start + k, end - 1) for k in range(len(replacement)))
        ends.extend(end if k == len(replacement) - 1 else min(start + k, end - 1) + 1 for k in range(len(replacement)))
        last = end
    pieces.append(text[last:])
    origin.extend(range(last, len(text)))
    ends.extend(range(last + 1, len(text) + 1))
    return View("".join(pieces), tuple(origin), tuple(ends))
