"""Passport machine-readable zones (ICAO 9303 TD3, two lines of 44 characters) read field by field.

An MRZ is machine text with a fixed layout, so it is parsed rather than guessed: every span the earlier passes put
on its two lines is replaced by
- the name field ("IVANOVA<<MARIA", "DE<LA<CRUZ<<ANA<MARIA") as PATIENT, the "<" fillers after it outside: the
  holder of the passport is the person examined;
- the document number (its "<" fillers outside) as ID;
- the birth and expiry dates (YYMMDD, validated as calendar dates) as DATE: both are dates of the person's own
  document (Safe Harbor keeps only years);
- nothing on the document type, issuing country, nationality, sex or check digits: they identify no one.
A line pair that does not follow the layout (a bad date, a missing field) is left to the other passes.
"""

from __future__ import annotations

import re

from xraymatch.reports.entities import Entity

_LINE1 = re.compile(
    r"^P[A-Z<](?P<country>[A-Z<]{3})(?P<name>[A-Z]+(?:<[A-Z]+)*<<[A-Z]+(?:<[A-Z]+)*)<*[ \t]*\r?\n", re.MULTILINE
)
_LINE2 = re.compile(
    r"(?P<number>[A-Z0-9<]{9})\d[A-Z<]{3}(?P<birth>\d{6})\d[MFX<](?P<expiry>\d{6})\d[A-Z0-9<]{14}\d\d(?![\w<])"
)


def _is_date(yymmdd: str) -> bool:
    """Whether YYMMDD is a calendar date (any century: the MRZ keeps two digits)."""
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    days = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
    return 1 <= month <= 12 and 1 <= day <= days[month - 1]


def mrz_spans(text: str) -> list[tuple[int, int, list[Entity]]]:
    """(zone start, zone end, its entities) for every TD3 passport MRZ in `text`."""
    zones = []
    for first in _LINE1.finditer(text):
        second = _LINE2.match(text, first.end())
        if second is None or not (_is_date(second.group("birth")) and _is_date(second.group("expiry"))):
            continue
        number_start, number_end = second.span("number")
        number = text[number_start:number_end].rstrip("<")
        found = [Entity(first.start("name"), first.end("name"), "PATIENT")]
        if number and "<" not in number:
            found.append(Entity(number_start, number_start + len(number), "ID"))
        found += [Entity(*second.span("birth"), "DATE"), Entity(*second.span("expiry"), "DATE")]
        zones.append((first.start(), second.end(), found))
    return zones


def mark_mrz(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with every passport MRZ read field by field (see the module docstring); sorted by start."""
    zones = mrz_spans(text) if "<<" in text else []
    if not zones:
        return entities
    kept = [e for e in entities if not any(e.start < end and start < e.end for start, end, _ in zones)]
    for _, _, found in zones:
        kept.extend(found)
    return sorted(kept, key=lambda e: (e.start, e.end))
