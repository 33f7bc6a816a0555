"""Dates given by another calendar (round 14, blind13's misses as classes): holidays with their year and Hijri dates.

- A fixed or movable holiday with its year ("lendemain de Noël 2023", "lundi de Pâques 2024", "Easter Monday 2024",
  "Boxing Day 2023", "New Year's Day 2019") is one DATE span: it gives day and month. Without a year it dates
  nothing ("lists are reduced over Easter") and is left alone.
- A Hijri date, day, month and year ("14 ramadan 1445", "5 Rabi' al-Awwal 1438 AH") is one DATE span, the era
  ("AH", "H", "de l'hégire") included. A Hijri month alone ("during Ramadan") is not a date.
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


def mark_calendar_dates(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with holidays dated by their year and Hijri dates added as DATE; sorted by start."""
    kept = list(entities)
    for pattern in (_HOLIDAY, _HIJRI):
        for m in pattern.finditer(text):
            kept = place(text, kept, Entity(m.start(), m.end(), "DATE"))
    return sorted(kept, key=lambda e: (e.start, e.end))
