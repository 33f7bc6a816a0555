"""Places of a patient's journey and shelter, told by the kind of place they are (round 19, blind18's misses and
false alarms as classes).

Travellers, seafarers, asylum seekers and people sleeping rough are named with the ship they crew, the hotel they
stay in, the port they reach, the shelter, reception centre or outreach team that took them in, the consulate that
follows them and the religious house they live in. These names read as people's names to the name layers ("MV
Marianne Delmas", "Mira Hong Kong", "Kwai Chung") or are cut into a name and a town ("consulat général d'Algérie |
à Marseille", "Samu | social de Marseille"). Each form is a head word of a real-world category and a proper name:
- ships (INSTITUTION: a crew of a few dozen, round-6 scope): a vessel prefix ("MV", "MT", "M/V", "HMS"...) or a
  vessel word ("navire", "cargo", "chalutier", "tanker") before one to four capitalised words, or the capitalised
  words right before "(IMO";
- hotels (LOCATION: they stand for an address): "hôtel X ..." (never "hôtel de police/de ville", "Hôtel-Dieu"),
  "X Hotel", "Hotel X", and the capitalised words after "staying at (the)" unless they hold an institution word;
- ports (LOCATION): a town after a berthing or landing cue ("alongside at", "berthed in", "escale à", "débarqué à",
  "diversion to", "port of call"); where someone sleeps rough ("dort porte de la Chapelle", "sleeps under the X
  Bridge");
- shelters and reception centres, outreach teams, religious houses (INSTITUTION: each can point to one person):
  "X Hostel/Shelter/reception centre/Outreach Team/Mosque/convent/Abbey", interpreting agencies ("X
  Interprétariat", "X Interpreting Services"), "CADA/HUDA/CHRS/foyer/centre
  d'hébergement X", "Samu social de X", "maraude de la X", "abbaye/couvent/mosquée de X";
- diplomatic missions (INSTITUTION): "Kenyan High Commission in London", "British Consulate-General Hong Kong",
  "consulat général d'Algérie à Marseille", "ambassade du Sénégal": the mission's city is part of its name.
Each span is placed with `span_overlay.place` (spans of other labels keep what sticks out), and a lower-case word of
such a name typed as a person elsewhere is dropped ("Street outreach" after "Hong Kong Outreach Team" was read as a
name). Lower-case common uses
("le foyer d'accueil", "the ship's cook", "la communauté religieuse", "hôtel de police") stay text.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.cued_places import TITLES
from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.span_overlay import PROSE_STRIP, place
from xraymatch.reports.deid.spelling_alphabets import NATO_RUN
from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_NAME = rf"{_CAP}(?:[ \t]+(?:&[ \t]+)?{_CAP}){{0,3}}"
_TOWN = rf"{_CAP}(?:(?:[ \t]+|-)(?:(?:sur|sous|en|le|la|les|de|du|des|lès)[ \t-]+)?{_CAP}){{0,2}}"
_OF = r"(?:de[ \t]+la[ \t]+|de[ \t]+l['’]|de[ \t]+|du[ \t]+|des[ \t]+|d['’])"

_SHIP = re.compile(
    rf"(?:(?<![\w/-])(?:MV|M/V|M/S|M/T|RMS|HMS|HMAS|USNS)"
    r"|\b(?i:navire|cargo|pétrolier|chalutier|porte-conteneurs|paquebot|vraquier|remorqueur|thonier|caboteur|"
    r"vessel|tanker|trawler|bulk[ \t]+carrier|container[ \t]+ship))"
    rf"[ \t]+(?:the[ \t]+)?(?P<name>{_NAME})"
)
_SHIP_BEFORE_IMO = re.compile(rf"(?P<name>{_NAME})[ \t]*[(,][ \t]*(?:IMO|OMI)\b")
_HOTEL_FR = re.compile(
    r"\b[Hh]ôtel[ \t]+(?!(?i:de[ \t]+(?:police|ville|région|département|la[ \t]+préfecture)|des[ \t]+(?:impôts|"
    r"ventes|postes)|du[ \t]+département)\b)"
    rf"(?:{_CAP}|&)(?:[ \t]+(?:{_CAP}|&|à|de|du|des|la|le|les|sur)){{0,6}}"
)
_HOTEL_EN = re.compile(rf"(?:\b{_NAME}[ \t]+Hotel\b|\bHotel[ \t]+(?!Dieu\b){_NAME})")
# The hotel's town after a comma, before the end of the phrase: one place with the hotel ("X Hotel, Mombasa").
_HOTEL_TOWN = re.compile(rf",[ \t]+{_TOWN}(?=[ \t]*(?:[;.)(\n,]|$))")
_VESSEL_PREFIX = re.compile(r"(?:MV|M/V|M/S|M/T|RMS|HMS|HMAS|USNS)[ \t]+")
_STAYING = re.compile(
    rf"\b(?i:staying|stays|stayed|lodged|lodging)[ \t]+(?i:at|in)[ \t]+(?:the[ \t]+)?(?P<name>{_NAME})"
)
_PORT = re.compile(
    r"\b(?:(?i:alongside|berthed|docked|moored|anchored|landed|disembarked)[ \t]+(?i:at|in)"
    r"|(?i:diversion|diverted|bound|en[ \t]+route)[ \t]+(?i:to|for)|(?i:port[ \t]+of[ \t]+call)[ \t]*:?"
    r"|(?i:escale|débarqu[ée]e?s?|débarquement|accost[ée]e?s?|dérouté(?:e|s)?)[ \t]+(?i:à|au[ \t]+port[ \t]+de|vers)"
    r")"
    rf"[ \t]+(?P<town>{_TOWN})"
)
_SHELTER_AFTER = re.compile(
    rf"(?P<name>{_NAME})[ \t]+(?:Hostel|hostel|Shelter|shelter|Night[ \t]+Shelter|[Rr]eception[ \t]+[Cc]ent(?:re|er)|"
    r"Action[ \t]+Cent(?:re|er)|Day[ \t]+Cent(?:re|er)|Drop-in[ \t]+Cent(?:re|er)|Refugee[ \t]+Cent(?:re|er)|"
    r"(?:[Oo]utreach|[Ss]treet[ \t]+[Tt]eam)(?:[ \t]+[Tt]eam)?|Mosque|Synagogue|Gurdwara|[Cc]onvent|Abbey|Priory|"
    r"Monastery|Interprétariat|Interpreting(?:[ \t]+Services?)?|Translation[ \t]+Services?)\b"
)
_SHELTER_FR = re.compile(
    r"(?<![\w-])(?:CADA|HUDA|CHRS|CPH|PRAHDA|CAES|SPADA|[Ff]oyer(?:[ \t]+de[ \t]+jeunes[ \t]+travailleurs)?|"
    r"[Cc]entre[ \t]+d['’](?:hébergement|accueil)(?:[ \t]+d['’]urgence)?|[Aa]ccueil[ \t]+de[ \t]+jour|"
    r"[Aa]bbaye|[Cc]ouvent|[Mm]onastère|[Pp]rieuré|[Mm]osquée|[Ss]ynagogue|[Cc]armel|[Cc]ommunauté|[Cc]ongrégation)"
    rf"[ \t]+(?:{_OF}[ \t]*)?(?:(?:Les|La|Le|L['’])[ \t]*)?{_TOWN}(?:[ \t]+(?:Les|La|Le)[ \t]+{_TOWN})?"
)
_SAMU_SOCIAL = re.compile(rf"\b(?i:samu)[ \t]+social(?:[ \t]+{_OF}[ \t]*{_TOWN})?")
_MARAUDE = re.compile(rf"\bmaraude[ \t]+(?:de[ \t]+la|du|des|de)[ \t]+{_NAME}")
# Where someone sleeps rough ("dort habituellement porte de la Chapelle", "sleeps under the Waterloo Bridge arches").
_SLEEPS = re.compile(
    r"\b(?:dort|dormant|sleeps|sleeping|slept)(?:[ \t]+(?:habituellement|souvent|dehors|rough|usually|often))?"
    r"(?:[ \t]+(?:sous|under|at|in|on|sur|près[ \t]+de|près[ \t]+du|near|à))?[ \t]+"
    r"(?:the[ \t]+|le[ \t]+|la[ \t]+|les[ \t]+|l['’])?"
    rf"(?P<place>(?:[Pp]orte[ \t]+{_OF}[ \t]*)?{_TOWN})"
)
_MISSION_EN = re.compile(
    rf"(?:\b(?P<adj>{_CAP})[ \t]+)?(?P<head>Consulate(?:[- ]General)?|High[ \t]+Commission|Embassy)"
    rf"(?P<town>[ \t]+(?:in|of|to)[ \t]+(?:the[ \t]+)?{_TOWN}|[ \t]+(?!of\b|in\b){_TOWN})?"
)
_MISSION_FR = re.compile(
    r"\b(?:[Cc]onsulat(?:[ \t]+général)?|[Aa]mbassade|[Hh]aut-[Cc]ommissariat)[ \t]+"
    rf"(?:de[ \t]+France|{_OF}[ \t]*{_CAP}(?:[ \t-]{_CAP})?)(?:[ \t]+(?:à|en|au)[ \t]+{_TOWN})?"
)
# An institution word inside what follows "staying at": a hospital or a shelter, not a hotel.
_INSTITUTION_WORD = re.compile(
    r"(?i)\b(?:hospital|infirmary|clinic|centre|center|hostel|shelter|house|home|unit|ward|school|university)\b"
)
_NOT_SHIP = frozenset(["The", "Le", "La", "Les", "This", "Ce", "Son", "His", "Her"])


def _first_word(value: str) -> str:
    return value.split()[0].rstrip(".") if value.split() else ""


def mark_journey_places(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with ships, shelters, outreach teams, religious houses and diplomatic missions as INSTITUTION and
    hotels and ports as LOCATION (see the module docstring); sorted by start."""
    kept = list(entities)
    found: list[Entity] = []
    for pattern in (_SHIP, _SHIP_BEFORE_IMO):
        for m in pattern.finditer(text):
            prefix = _VESSEL_PREFIX.match(m.group("name"))
            start = m.start("name") + (prefix.end() if prefix else 0)
            name = text[start : m.end("name")]
            first = _first_word(name)
            if not name or first in _NOT_SHIP or first in TITLES or first.isupper():
                continue  # an acronym ("MRN") or a title is no ship's name
            found.append(Entity(start, m.end("name"), "INSTITUTION"))
    spelled = [(m.start(), m.end()) for m in NATO_RUN.finditer(text)]
    for pattern in (_HOTEL_FR, _HOTEL_EN):
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in spelled):
                continue  # "Hotel" as a code word of a spelled name ("November India Bravo Hotel")
            town = _HOTEL_TOWN.match(text, m.end())
            found.append(Entity(m.start(), town.end() if town else m.end(), "LOCATION"))
    for m in _STAYING.finditer(text):
        name = m.group("name")
        if not _INSTITUTION_WORD.search(name) and _first_word(name) not in TITLES:
            found.append(Entity(m.start("name"), m.end("name"), "LOCATION"))
    for m in _PORT.finditer(text):
        if _first_word(m.group("town")) not in TITLES:
            found.append(Entity(m.start("town"), m.end("town"), "LOCATION"))
    common = common_words()
    for m in _SHELTER_AFTER.finditer(text):
        start = m.start("name")
        lead = re.match(r"(?:The|the)[ \t]+", m.group("name"))
        start += lead.end() if lead else 0
        name_words = text[start : m.end("name")].split()
        # A lone common word is no name: "Street outreach", "Night shelter".
        if name_words and not (len(name_words) == 1 and name_words[0].lower() in common):
            found.append(Entity(start, m.end(), "INSTITUTION"))
    for m in _SLEEPS.finditer(text):
        if _first_word(m.group("place")) not in TITLES:
            found.append(Entity(m.start("place"), m.end("place"), "LOCATION"))
    for pattern in (_SHELTER_FR, _SAMU_SOCIAL, _MARAUDE, _MISSION_FR):
        for m in pattern.finditer(text):
            found.append(Entity(m.start(), m.end(), "INSTITUTION"))
    for m in _MISSION_EN.finditer(text):
        adj = m.group("adj") not in (None, "The", "An", "A", "Our", "Your", "His", "Her")
        if not adj and m.group("town") is None:
            continue  # "the Embassy": no country, no city
        found.append(Entity(m.start("adj") if adj else m.start("head"), m.end(), "INSTITUTION"))
    for new in found:
        end = new.end
        while end > new.start + 1 and text[end - 1] in ".,":
            end -= 1  # the full stop ending the sentence ("... in Leeds.")
        kept = place(text, kept, Entity(new.start, end, new.label), PROSE_STRIP)
    # A lower-case word of such a name typed as a person elsewhere ("Street outreach referral" once "Hong Kong
    # Outreach Team" was read as a name) is the name's common word, not a person.
    words = {w.lower() for new in found if new.label == "INSTITUTION" for w in text[new.start : new.end].split()}
    kept = [
        e
        for e in kept
        if not (e.label in ("PERSON", "PATIENT") and text[e.start : e.end].islower() and text[e.start : e.end] in words)
    ]
    return sorted(kept, key=lambda e: (e.start, e.end))
