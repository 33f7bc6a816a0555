"""Typed surrogates: consistent fake names, per-patient date shift (HMAC of a salt and the patient key), same-shape
fake identifiers and phone numbers, placeholder e-mails and URLs, fake places and institutions.

Everything is deterministic given (salt, document key, original string), so a re-run gives the same output and
the same name gets the same surrogate everywhere in a document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from xraymatch.reports.deid.checksums import nir_key, nir_valid
from xraymatch.reports.deid.lexicons import name_lexicons
from xraymatch.reports.deid.patterns import MONTHS_EN, MONTHS_FR
from xraymatch.reports.identities import MONTHS_EN as EN_NAMES
from xraymatch.reports.identities import MONTHS_FR as FR_NAMES
from xraymatch.reports.identities import MONTHS_FR_ABBR as FR_ABBR


def hmac_int(salt: str, *parts: str) -> int:
    """A stable 64-bit integer from HMAC-SHA256(salt, parts)."""
    digest = hmac.new(salt.encode(), "\x1f".join(parts).encode(), hashlib.sha256).digest()
    return int.from_bytes(digest[:8], "big")


def date_shift_days(salt: str, patient_key: str, low: int, high: int) -> int:
    """The patient's date offset in [low, high] days, never 0: one per patient, so intervals survive."""
    span = high - low + 1
    shift = low + hmac_int(salt, "date-shift", patient_key) % span
    return shift if shift != 0 else high


@lru_cache(maxsize=4)
def _faker(locale: str) -> Any:
    from faker import Faker

    return Faker(locale)


# ------------------------------------------------------------------------------------------------------- dates


def _month_number(word: str) -> int | None:
    w = word.lower().rstrip(".")
    w = w.replace("é", "e").replace("û", "u")
    for i, name in enumerate(FR_NAMES):
        plain = name.replace("é", "e").replace("û", "u")
        if (plain.startswith(w) and len(w) >= 3) or plain == w:
            return i + 1
    for i, name in enumerate(EN_NAMES):
        if name.lower().startswith(w) and len(w) >= 3:
            return i + 1
    return None


def _add_days(date: dt.date, days: int) -> dt.date:
    return date + dt.timedelta(days=days)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_MONTH_WORD = re.compile(rf"(?:{MONTHS_FR}|{MONTHS_EN})", re.IGNORECASE)


def shift_date(value: str, days: int, lang: str) -> str | None:
    """`value` (a date in one of the detected spellings) moved by `days`, written the same way; None if unparsed."""
    v = value.strip()
    # numeric d/m/y (m/d/y in English when the first number can only be a month-day pair that way)
    m = re.fullmatch(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{2}|\d{4})", v)
    if m:
        a, sep, b, y = int(m.group(1)), m.group(2), int(m.group(3)), m.group(4)
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) <= 30 else 1900 + int(y))
        month_first = (lang == "en" and a <= 12) or b > 12
        month, day = (a, b) if month_first else (b, a)
        date = _safe_date(year, month, day)
        if date is None:
            return None
        new = _add_days(date, days)
        first, second = (new.month, new.day) if month_first else (new.day, new.month)
        width1, width2 = len(m.group(1)), len(m.group(3))
        ys = f"{new.year}" if len(y) == 4 else f"{new.year % 100:02d}"
        return f"{first:0{width1}d}{sep}{second:0{width2}d}{sep}{ys}"
    m = re.fullmatch(r"(\d{4})([/.\-])(\d{1,2})\2(\d{1,2})", v)
    if m:
        date = _safe_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if date is None:
            return None
        new = _add_days(date, days)
        sep = m.group(2)
        return f"{new.year}{sep}{new.month:0{len(m.group(3))}d}{sep}{new.day:0{len(m.group(4))}d}"
    m = re.fullmatch(r"(\d{1,2})/(\d{4})", v)
    if m:
        date = _safe_date(int(m.group(2)), int(m.group(1)), 15)
        if date is None:
            return None
        new = _add_days(date, days)
        return f"{new.month:0{len(m.group(1))}d}/{new.year}"
    month_match = _MONTH_WORD.search(v)
    if month_match:
        month_number = _month_number(month_match.group(0))
        day_m = re.search(r"(?<!\d)(1er|\d{1,2})(st|nd|rd|th)?(?!\d)", v)
        year_m = re.search(r"(?<!\d)(\d{4})(?!\d)", v)
        if month_number is None:
            return None
        year = int(year_m.group(1)) if year_m else 2000
        day = 1 if day_m is None or day_m.group(1) == "1er" else int(day_m.group(1))
        date = _safe_date(year, month_number, day if day_m else 15)
        if date is None:
            return None
        new = _add_days(date, days)
        word = month_match.group(0)
        new_word = _month_word_like(word, new.month)
        out = v[: month_match.start()] + new_word + v[month_match.end() :]
        if year_m:
            out = re.sub(r"(?<!\d)\d{4}(?!\d)", str(new.year), out, count=1)
        if day_m:
            new_day = "1er" if new.day == 1 and day_m.group(1) == "1er" else str(new.day)
            if day_m.group(1) == "1er" and new.day != 1:
                new_day = str(new.day)
            elif day_m.group(1) != "1er" and len(day_m.group(1)) == 2:
                new_day = f"{new.day:02d}"
            suffix = _ordinal(new.day) if day_m.group(2) else ""
            # the day is found again in `out` (the month word may have changed length)
            out = re.sub(r"(?<!\d)(1er|\d{1,2})(st|nd|rd|th)?(?!\d)", new_day + suffix, out, count=1)
        return out
    m = re.fullmatch(r"(1er|\d{1,2})(st|nd|rd|th)?", v)
    if m:  # a bare day ("le 3"): moved within a 28-day cycle, the month being unknown
        bare_day = 1 if m.group(1) == "1er" else int(m.group(1))
        shifted = (bare_day - 1 + days) % 28 + 1
        return f"{shifted}{_ordinal(shifted) if m.group(2) else ''}"
    return None


def _ordinal(day: int) -> str:
    if 10 <= day % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _month_word_like(word: str, month: int) -> str:
    """The name of `month` spelled like `word` (language, abbreviation, case)."""
    lower = word.lower()
    is_fr = any(lower.rstrip(".") == n or n.startswith(lower.rstrip(".")) for n in FR_NAMES) and not any(
        n.lower() == lower for n in EN_NAMES
    )
    if lower.rstrip(".") in ("mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jan", "feb"):
        is_fr = False
    if is_fr:
        name = FR_ABBR[month - 1] if word.endswith(".") else FR_NAMES[month - 1]
    else:
        full = EN_NAMES[month - 1]
        name = full if len(lower.rstrip(".")) > 3 and lower.rstrip(".") in (n.lower() for n in EN_NAMES) else full[:3]
        if word.endswith("."):
            name = full[:3] + "."
    if word.isupper():
        return name.upper()
    if word[0].isupper():
        return name[0].upper() + name[1:]
    return name.lower() if is_fr else name


# ------------------------------------------------------------------------------------------------------ others


def same_shape(value: str, seed: int) -> str:
    """Digits replaced by digits and letters by letters (case kept), separators kept: a fake ID of the same shape."""
    import random

    rnd = random.Random(seed)
    out = []
    for ch in value:
        if ch.isdigit():
            out.append(str(rnd.randrange(10)))
        elif ch.isalpha() and ch.isascii():
            letter = chr(ord("A") + rnd.randrange(26))
            out.append(letter if ch.isupper() else letter.lower())
        else:
            out.append(ch)
    return "".join(out)


def fake_nir(value: str, seed: int) -> str:
    """A NIR of the same spacing with a valid key."""
    shaped = same_shape(value, seed)
    digits = [ch for ch in shaped if ch.isdigit()]
    digits[0] = "1" if value.strip()[0] == "1" else "2"
    body = "".join(digits[:13])
    key = f"{nir_key(body):02d}"
    digits = list(body + key)
    out, i = [], 0
    for ch in value:
        if ch.isalnum():
            out.append(digits[i])
            i += 1
        else:
            out.append(ch)
    return "".join(out)


def fake_phone(value: str, seed: int) -> str:
    """Same-shape phone: country prefix and first digit kept, the rest randomised."""
    prefix = re.match(r"\s*(?:\+\d{1,2}|00\d{2})?\s*(?:\(0\))?\s*\(?\d", value)
    keep = prefix.end() if prefix else 0
    return value[:keep] + same_shape(value[keep:], seed)


@dataclass
class SurrogateMaker:
    """Builds surrogates for one document; the same original gets the same surrogate (case-insensitive)."""

    salt: str
    doc_key: str
    lang: str
    shift_days: int
    keep_ages_below: int = 90
    _cache: dict[tuple[str, str], str] = field(default_factory=dict)
    _tokens: dict[str, str] = field(default_factory=dict)

    def _seed(self, *parts: str) -> int:
        return hmac_int(self.salt, self.doc_key, *parts)

    def _fake(self, *parts: str) -> Any:
        fake = _faker("fr_FR" if self.lang == "fr" else "en_US")
        fake.seed_instance(self._seed(*parts) % (2**31))
        return fake

    def __call__(self, original: str, label: str) -> str:
        key = (label if label not in ("PATIENT", "PERSON") else "NAME", original.lower())
        if key not in self._cache:
            self._cache[key] = self._make(original, label)
        return self._cache[key]

    def _make(self, original: str, label: str) -> str:
        if label in ("PATIENT", "PERSON"):
            return self._name(original)
        if label == "DATE":
            shifted = shift_date(original, self.shift_days, self.lang)
            return shifted if shifted is not None else "[DATE]"
        if label == "AGE":
            m = re.search(r"\d{1,3}", original)
            if m and int(m.group(0)) >= self.keep_ages_below:
                return original[: m.start()] + str(self.keep_ages_below) + original[m.end() :]
            return original  # ages below the cap are kept: dates move together, so they stay consistent
        if label == "ID":
            seed = self._seed("id", original)
            return fake_nir(original, seed) if nir_valid(original) else same_shape(original, seed)
        if label == "PHONE":
            return fake_phone(original, self._seed("phone", original))
        if label == "EMAIL":
            return f"contact{self._seed('email', original) % 10000:04d}@example.org"
        if label == "URL":
            return f"https://www.example.org/{self._seed('url', original) % 10000:04d}"
        if label == "LOCATION":
            fake = self._fake("location", original)
            if re.search(r"\d", original) and len(original) > 12:
                if self.lang == "fr":
                    return f"{fake.street_address()}, {fake.postcode()} {fake.city()}"
                return f"{fake.street_address()}, {fake.city()}, {fake.state_abbr()} {fake.postcode()}"
            if re.fullmatch(r"\d{5}\s+.+", original):
                return f"{fake.postcode()} {fake.city()}"
            return str(fake.city())
        if label == "INSTITUTION":
            fake = self._fake("institution", original)
            if self.lang == "fr":
                return f"Centre hospitalier de {fake.city()}"
            return f"{fake.city()} General Hospital"
        raise ValueError(f"no surrogate for label {label!r}")

    def _name(self, original: str) -> str:
        """Token by token: a first name becomes a fake first name, anything else a fake surname; case style and
        initials ("J.") are kept, and each token maps to the same surrogate token everywhere in the document."""
        first_names, _ = name_lexicons()

        def replace(m: re.Match[str]) -> str:
            token = m.group(0)
            lower = token.lower()
            if lower not in self._tokens:
                fake = self._fake("name", lower)
                if len(token.rstrip(".")) == 1:
                    new = fake.first_name()[0]
                elif lower in first_names:
                    new = fake.first_name()
                else:
                    new = fake.last_name()
                self._tokens[lower] = new
            new = self._tokens[lower]
            if token.isupper() and len(token) > 1:
                return new.upper()
            if token.islower():
                return new.lower()
            return new

        return re.sub(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", replace, original)
