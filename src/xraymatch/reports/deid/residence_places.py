"""Where someone lives, found by the structure of an address rather than by its words (round 16, blind15's misses
as classes).

Invented and foreign town names ("Milesland", "Nüsslin am Albis", "East Oliver") read as names to the name layers,
which type them PERSON. The structure around them says they are places; added as LOCATION (replacing the
overlapping spans of other labels, `span_overlay.place`):
- the value of a residence key ("Town of residence: X", "Ville de résidence : X", "City of residence: X"), to the
  end of its line or to a ";" / "|" separator;
- a bracketed street and town ("(Watkins Canyon, Akhtarmouth)", "(rue Legendre, Sainte Georges)"): the first item is
  street-shaped (a French street-type word first, or capitalised words ending with an English street suffix), the
  second begins with a capital or a postcode; the whole bracket content is one span;
- a home address after a residence verb ("domiciliée 89 allé Demers, R3C 2S6 Deschênes, vous prie", "of 14 Rowan
  Close, Norwich NR4 7TJ, requests"): a house number, a street-shaped item, then up to two items that begin with a
  capital or a digit; the sentence going on in lower case ends it.
A name with a street suffix but no bracket, number or key around it ("Jack Hill, radiographer") stays a name.
Round 22 (blind21's misses as classes): the town after a residence word and "à"/"in" ("domicile à Bourdon.", "lives
in Prescot;", "réside à Saint-Rémy-de-Provence,"), when it ends the clause: a town named like a surname is still a
town there. Function words and lower-case words after "à" ("domicile à l'EHPAD", "à Mme X") are no town.
"""

from __future__ import annotations

import re
from functools import lru_cache

from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_FR_STREET = (
    r"(?i:rue|avenue|av\.|boulevard|bd|chemin|impasse|allée|allé|place|route|quai|cours|passage|square|sentier|"
    r"ruelle|voie|montée|chaussée|rang|lotissement|résidence|faubourg|via|viale|strasse|straße|weg|chaussee)"
)
_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_TITLE = r"(?:Dr|Mr|Mrs|Ms|Miss|Mx|Prof|Pr|Mme|Mlle|M|Sr|Sir|Dame|Rev)\.?[ \t]"
_UK_STREETS = frozenset(
    (
        "Close",
        "Road",
        "Street",
        "Lane",
        "Gardens",
        "Crescent",
        "Terrace",
        "Grove",
        "Mews",
        "Way",
        "Drive",
        "Court",
        "Place",
        "Avenue",
        "Rise",
        "Walk",
        "Row",
        "Hill",
        "Square",
        "Parade",
        "Green",
        "Wharf",
        "Yard",
    )
)
_RESIDENCE_KEY = re.compile(
    r"(?m)\b(?i:(?:town|city|village|place|county|lieu|ville|commune|localité|municipality)[ \t]+(?:of|de|d['’])"
    r"[ \t]*(?:residence|résidence|domicile))[ \t]*:[ \t]*(?P<place>[A-ZÀ-ÖØ-Þ][^\n;|]*[^\n;|\s,.])"
)


@lru_cache(maxsize=1)
def _street_item() -> str:
    """A street: a French street-type word and what follows it, or capitalised words ending with a street suffix."""
    from faker.providers.address.en_GB import Provider as GB  # heavy import, once
    from faker.providers.address.en_US import Provider as US

    suffixes = sorted(set(GB.street_suffixes) | set(US.street_suffixes) | _UK_STREETS, key=len, reverse=True)
    english = (
        rf"(?!{_TITLE}){_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]+(?:{'|'.join(map(re.escape, suffixes))}|Rd|St|Ave|Ln|Dr)\b\.?"
    )
    return rf"(?:{_FR_STREET}[ \t]+[^,()\n]{{2,40}}?|{english})"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The bracketed street-and-town pattern and the cued home-address pattern."""
    street = _street_item()
    town = r"(?:[A-ZÀ-ÖØ-Þ]|\d)[^,()\n;.]{1,40}"
    bracket = re.compile(rf"\((?P<addr>{street},[ \t]+{town})\)")
    home = re.compile(
        r"\b(?i:domiciliée?|domicilié\(e\)|demeurant|résidant|habitant|residing[ \t]+at|living[ \t]+at|lives[ \t]+at|"
        r"resident[ \t]+at|of)[ \t]+(?:(?:à|au|at)[ \t]+)?"
        rf"(?P<addr>\d{{1,4}}(?:[ \t]?(?:bis|ter|[a-z]))?,?[ \t]+{street}"
        r"(?:,[ \t]+(?:[A-ZÀ-ÖØ-Þ]|\d)[^,()\n;.]{1,40}){1,2})"
        r"(?=[ \t]*(?:[,.;)\n]|$))"
    )
    return bracket, home


_TOWN_PART = r"[A-ZÀ-ÖØ-Þ][\w'’]*"
_TOWN_LINK = r"(?:sur|sous|en|lès|lez|le|la|les|de|du|des|aux|on|upon|in|under|by)"
_HOME_TOWN = re.compile(
    r"\b(?i:domicile|domiciliée?|domicilié\(e\)|demeurant|demeurante|résidant|résidante|réside|habite|habitant|"
    r"habitante|vit|lives|living|resides|residing|resident)[ \t]+(?:(?:à|in)[ \t]+)"
    r"(?!(?:Mme|Mr|Mrs|Ms|Dr|Pr|Me|M|Mlle|Miss|The)\b)"
    rf"(?P<town>(?:(?:Le|La|Les)[ \t]+)?{_TOWN_PART}(?:(?:-|[ \t]+)(?:{_TOWN_LINK}(?:-|[ \t]+))?{_TOWN_PART}){{0,3}})"
    r"(?=[ \t]*(?:[,.;)\n]|$))"
)


def mark_residence_places(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with residence-key values, bracketed street-and-town pairs and cued home addresses as LOCATION;
    sorted by start."""
    kept = list(entities)
    if re.search(r"(?i)r[ée]sidence|domicile", text):
        for m in _RESIDENCE_KEY.finditer(text):
            kept = place(text, kept, Entity(m.start("place"), m.end("place"), "LOCATION"))
    for m in _HOME_TOWN.finditer(text):
        kept = place(text, kept, Entity(m.start("town"), m.end("town"), "LOCATION"))
    if "(" in text or re.search(r"\d", text):
        bracket, home = _patterns()
        for pattern in (bracket, home):
            for m in pattern.finditer(text):
                addr = m.group("addr").rstrip(" \t,")
                kept = place(text, kept, Entity(m.start("addr"), m.start("addr") + len(addr), "LOCATION"))
    return sorted(kept, key=lambda e: (e.start, e.end))
