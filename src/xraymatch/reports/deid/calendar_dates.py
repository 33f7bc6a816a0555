"""Dates given by another calendar (round 14, blind13's misses as classes): holidays with their year and Hijri dates.

- A fixed or movable holiday with its year ("lendemain de Noël 2023", "lundi de Pâques 2024", "Easter Monday 2024",
  "Boxing Day 2023", "New Year's Day 2019") is one DATE span: it gives day and month. Without a year it dates
  nothing ("lists are reduced over Easter") and is left alone.
- A Hijri date, day, month and year ("14 ramadan 1445", "5 Rabi' al-Awwal 1438 AH") is one DATE span, the era
  ("AH", "H", "de l'hégire") included. A Hijri month alone ("during Ramadan") is not a date.
- A numeric date in any field order whose year comes first ("1932/14/06", "2019-31-12", "1988.07.23") is one DATE
  span when its other two fields make a calendar day in either order (YYYY/DD/MM beside YYYY/MM/DD): a record or
  report number ("PV n° 2016/548284", "n° 2021/12/05") is not a date and stays as it is.
Round 18 (blind17's misses as classes):
- a date whose month is a Roman numeral ("3/III/1961", "18.XI.2022", "9-IV-24") is one DATE span when the day fits
  the month: it was taken for a code. A classification's grade ("Garden III", "stade IV") has no day before it.
- a month abbreviation with an apostrophed two-digit year ("Mar '21", "Sep ’22") is one DATE span (a month-year is a
  DATE by the project rule); the month was taken for a name. A French month name with a two-digit year ("séance de
  mars 21", "le 12 mars 21") is one too: French puts the day before the month, so the number after it is a year (an
  English "May 21" is a day and is left to the date rules); never before a unit or a word ("mars 21 h", "en mai 21
  patients").
Spans of other labels inside (the holiday's "Noël" taken for a name) give way.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_YEAR = r"(?:19|20)\d\d"
_APOS = r"['’]"
_HOLIDAY_FR = (
    rf"(?:(?:lendemain|veille|soir|matin|jour|nuit|réveillon)[ \t]+(?:de[ \t]+(?:la[ \t]+)?|du[ \t]+)?)?"
    rf"(?:Noël|jour[ \t]+de[ \t]+l{_APOS}An|Nouvel[ \t]+An|(?:lundi|dimanche)[ \t]+de[ \t]+(?:Pâques|Pentecôte)|"
    rf"Pâques|Pentecôte|(?:jeudi[ \t]+de[ \t]+l{_APOS})?Ascension|Toussaint|Assomption|Saint-Sylvestre|"
    rf"Saint-Jean|Chandeleur|Mardi[ \t]+gras|Vendredi[ \t]+saint|fête[ \t]+(?:nationale|du[ \t]+Travail|"
    rf"de[ \t]+la[ \t]+musique)|Armistice|Aïd[ \t]+(?:el|al)[- ](?:Fitr|Kébir|Kebir|Adha))"
)
_HOLIDAY_EN = (
    rf"(?:(?:the[ \t]+)?(?:day|eve|night|morning)[ \t]+(?:after|before|of)[ \t]+)?"
    rf"(?:Christmas(?:[ \t]+(?:Day|Eve))?|Boxing[ \t]+Day|New[ \t]+Year{_APOS}s(?:[ \t]+(?:Day|Eve))?|"
    rf"Easter(?:[ \t]+(?:Monday|Sunday|Saturday))?|Good[ \t]+Friday|Whit[ \t]+Monday|Thanksgiving(?:[ \t]+Day)?|"
    rf"Independence[ \t]+Day|Hallowe{_APOS}?en|St\.?[ \t]+Patrick{_APOS}s[ \t]+Day|Hogmanay|Bonfire[ \t]+Night|"
    rf"Guy[ \t]+Fawkes[ \t]+Night|Remembrance[ \t]+(?:Day|Sunday)|Memorial[ \t]+Day|Labou?r[ \t]+Day|"
    rf"Veterans[ \t]+Day|May[ \t]+Day|Burns[ \t]+Night|Valentine{_APOS}s[ \t]+Day|Eid[ \t]+al-(?:Fitr|Adha)|"
    rf"Heritage[ \t]+Day|Freedom[ \t]+Day|Youth[ \t]+Day|Mashujaa[ \t]+Day|Madaraka[ \t]+Day|Jamhuri[ \t]+Day|"
    rf"Hari[ \t]+Raya(?:[ \t]+(?:Puasa|Haji))?|Deepavali|Diwali|Chinese[ \t]+New[ \t]+Year|St\.?[ \t]+Andrew{_APOS}s"
    rf"[ \t]+Day|St\.?[ \t]+David{_APOS}s[ \t]+Day)"
)
_HOLIDAY = re.compile(rf"(?<![\w-])(?i:{_HOLIDAY_FR}|{_HOLIDAY_EN})[ \t]*,?[ \t]+{_YEAR}(?!\d)")
_HIJRI_MONTH = (
    rf"(?:Muharram|Mouharram|Moharram|Safar|Rabi{_APOS}?[ \t-]?(?:al|el|ul)?[ \t-]?(?:Awwal|Aw{_APOS}?al|Thani|Akhir|"
    rf"Awal|Thaani)|Rabia?[ \t-](?:al|el)[ \t-](?:Awal|Thani|Akhir)|Jumad[ae][ \t-]?(?:al|el|ul)?[ \t-]?(?:Awwal|Ula|"
    rf"Oula|Thani|Akhira|Akhir|Thania)|Joumada[ \t-]?(?:al|el)?[ \t-]?(?:Oula|Thania|Akhira)|Rajab|Rejeb|"
    rf"Sha{_APOS}?ban|Chaabane|Chaâbane|Ramadan|Ramadhan|Ramazan|Shawwal|Chawwal|Chaoual|Dhu[ \t-]?al[ \t-]?"
    rf"(?:Qi{_APOS}?dah|Qa{_APOS}?dah|Hijjah)|Dhou[ \t-]?al[ \t-]?(?:Qi{_APOS}?da|Hijja))"
)
_HIJRI = re.compile(
    rf"(?<![\w])(?:[12]?\d|30)(?:er)?[ \t]+(?i:{_HIJRI_MONTH})[ \t]+1[34]\d\d"
    rf"(?:[ \t]*(?:AH|A\.H\.|H|de[ \t]+l{_APOS}hégire|de[ \t]+l{_APOS}Hégire)(?![\w]))?"
)


_YEAR_FIRST = re.compile(rf"(?<![\w/.\-]){_YEAR}([/.\-])(?P<a>\d\d?)\1(?P<b>\d\d?)(?![\w/\-]|\.\d)")
_NUMBER_KEY = re.compile(r"(?i:\b(?:n[°o]|no\.?|num(?:éro|ber)?|ref\.?|réf\.?|pv|dossier|file)|#)[ \t]*:?[ \t]*$")
_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_ROMAN_DATE = re.compile(
    r"(?<![\w/.\-])(?P<day>[0-3]?\d)(?P<sep>[/.\-])(?P<month>X{0,1}I{1,3}|I?V|VI{1,3}|I?X)(?P=sep)"
    r"(?:19|20)?\d\d(?![\w/\-]|\.\d)"
)
_VERSION_BEFORE = re.compile(r"(?i)\b(?:v|version|release|firmware|build|logiciel)[ \t.:]*$")
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|janv|févr|fév|avr|juil|sept|oct|nov|déc)"
_APOS_YEAR = re.compile(rf"(?<![\w-])(?i:{_MONTH_ABBR})\.?[ \t]+['’]\d\d(?![\w'’])")
_FR_MONTH_YY = re.compile(
    r"(?<![\w-])(?:(?:[0-3]?\d|1er)[ \t]+)?(?i:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|"
    r"octobre|novembre|décembre|decembre|janv\.|févr\.|fevr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\.|dec\.)"
    r"[ \t]+\d\d(?![\w'’]|[.,:/]\d|[ \t]*(?:h\b|heures?\b|min\b|%|[a-zà-ÿ]))"
)
_MONTH_DAYS = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _day_month(a: int, b: int) -> bool:
    """Whether (a, b) is a calendar (day, month) or (month, day)."""
    return any(1 <= m <= 12 and 1 <= d <= _MONTH_DAYS[m - 1] for d, m in ((a, b), (b, a)))


def _year_first_dates(text: str) -> list[Entity]:
    """Year-first numeric dates in either day/month order, not after a record-number key."""
    found = []
    for m in _YEAR_FIRST.finditer(text):
        if _day_month(int(m.group("a")), int(m.group("b"))) and not _NUMBER_KEY.search(
            text[max(0, m.start() - 16) : m.start()]
        ):
            found.append(Entity(m.start(), m.end(), "DATE"))
    return found


def _roman_dates(text: str) -> list[Entity]:
    """Dates with a Roman-numeral month whose day fits the month."""
    found = []
    for m in _ROMAN_DATE.finditer(text):
        month = _ROMAN_MONTHS.index(m.group("month")) + 1 if m.group("month") in _ROMAN_MONTHS else 0
        fits = month and 1 <= int(m.group("day")) <= _MONTH_DAYS[month - 1]
        if fits and not _VERSION_BEFORE.search(text[max(0, m.start() - 16) : m.start()]):
            found.append(Entity(m.start(), m.end(), "DATE"))
    return found


def mark_calendar_dates(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with holidays dated by their year, Hijri dates, Roman-numeral-month dates, apostrophed month-years
    and year-first dates in either day/month order added as DATE; sorted by start."""
    kept = list(entities)
    for pattern in (_HOLIDAY, _HIJRI):
        for m in pattern.finditer(text):
            kept = place(text, kept, Entity(m.start(), m.end(), "DATE"))
    month_years = [Entity(m.start(), m.end(), "DATE") for p in (_APOS_YEAR, _FR_MONTH_YY) for m in p.finditer(text)]
    for new in _roman_dates(text) + month_years:
        kept = place(text, kept, new)
    for new in _year_first_dates(text):
        if not any(e.label == "DATE" and e.start <= new.start and new.end <= e.end for e in kept):
            kept = place(text, kept, new)
    return sorted(kept, key=lambda e: (e.start, e.end))
