"""Contacts written so that machines miss them: GPS coordinates and e-mail addresses spelled to defeat harvesters.

- GPS coordinates, decimal pairs ("45.75972, 4.85611") or degrees-minutes-seconds ('50°34'09.8"N 0°41'31.8"W'), are
  one LOCATION: they point to a home;
- e-mail addresses written to defeat harvesters ("olive dot page at nhs dot net", "x.y [at] orange [dot] fr",
  "x(at)y(dot)com", "x arobase y point fr") are one EMAIL.
"""

from __future__ import annotations

import re

from xraymatch.reports.entities import Entity

_GPS_DECIMAL = re.compile(
    r"(?<![\w.])(?P<lat>-?\d{1,2}\.\d{4,8})°?[ \t]*(?:[NS][ \t]*)?[,;/][ \t]*"
    r"(?P<lon>-?\d{1,3}\.\d{4,8})°?(?:[ \t]*[EWO])?(?![\w.])"
)
_GPS_CUE = re.compile(
    r"(?i)\b(?:GPS|coordonnées|coordinates|coords?|lat(?:itude)?(?:[ \t]*/[ \t]*long?(?:itude)?)?|position|"
    r"localisation|location|found[ \t]+at|picked[ \t]+up[ \t]+at|retrouvée?[ \t]+(?:à|au)|geo)\b[^\n]{0,12}$"
)
_UNIT_AFTER = re.compile(r"[ \t]*(?:g|mg|ml|mL|mm|cm|m|kg|HU|UH|%|/|µ)(?![\w])")
_GPS_DMS = re.compile(
    r"\d{1,2}°[ \t]?\d{1,2}['’′][ \t]?\d{1,2}(?:[.,]\d+)?(?:\"|”|″|'')[ \t]?[NS][,;]?[ \t]*"
    r"\d{1,3}°[ \t]?\d{1,2}['’′][ \t]?\d{1,2}(?:[.,]\d+)?(?:\"|”|″|'')[ \t]?[EWO]"
)

_TLD = r"(?:com|net|org|fr|uk|nhs|de|be|ch|eu|io|gov|edu|info|es|it|nl|pt|ca|us|co)"
_DOT = r"(?:[ \t]*(?:\[dot\]|\(dot\)|\{dot\}|\[point\]|\(point\))[ \t]*|[ \t]+(?:dot|point)[ \t]+|\.)"
_AT = r"(?:[ \t]*(?:\[at\]|\(at\)|\{at\}|\[arobase\]|\(arobase\)|\[@\]|\(@\))[ \t]*|[ \t]+(?:at|arobase)[ \t]+)"
_OBFUSCATED_EMAIL = re.compile(
    rf"(?<![\w.@-])(?i:[a-z0-9][\w+-]*(?:{_DOT}[a-z0-9][\w+-]*)*{_AT}[a-z0-9][\w-]*(?:{_DOT}[a-z0-9][\w-]*)*"
    rf"{_DOT}{_TLD})(?![\w-])"
)


def coordinates(text: str) -> list[Entity]:
    """Decimal pairs in range after a location cue, or with five decimals each and no unit after them (a pair of
    measurements carries its unit); degrees-minutes-seconds pairs always."""
    found = []
    for m in _GPS_DECIMAL.finditer(text):
        if abs(float(m.group("lat"))) > 90 or abs(float(m.group("lon"))) > 180:
            continue
        cued = _GPS_CUE.search(text, max(0, m.start() - 40), m.start()) is not None
        precise = min(len(m.group("lat").split(".")[1]), len(m.group("lon").split(".")[1])) >= 5
        if cued or (precise and not _UNIT_AFTER.match(text, m.end())):
            found.append(Entity(m.start(), m.end(), "LOCATION"))
    found += [Entity(m.start(), m.end(), "LOCATION") for m in _GPS_DMS.finditer(text)]
    return found


def spelled_emails(text: str) -> list[Entity]:
    """EMAIL spans of addresses whose "@" and dots are spelled out or bracketed (a plain address is found earlier)."""
    return [
        Entity(m.start(), m.end(), "EMAIL")
        for m in _OBFUSCATED_EMAIL.finditer(text)
        if "@" not in m.group()
        and not text.startswith("/", m.end())
        and (
            re.search(r"[\[({](?i:at|arobase|@)[\])}]", m.group())
            or re.search(r"(?i)[ \t](?:dot|point)[ \t]", m.group())  # spelled " at " needs a spelled " dot "
        )
    ]
