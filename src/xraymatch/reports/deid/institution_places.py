"""Round 23 (the labelling convention of entities.py's newest bullet): the place after an institution's name.

A town, district, county or country written after an INSTITUTION span behind a comma, a dash or in brackets is its own
LOCATION span: "Aga Khan University Hospital, Nairobi", "Prince of Wales Hospital, Sha Tin", "Children's Social Care,
Lewisham", "CAA Aeromedical Centre, Gatwick", "CH de Mayotte (Mamoudzou)". The layers before this pass read such a
place as part of the INSTITUTION (the tagger runs the span on over the comma), as a PERSON (a district the name
lexicons know as a surname) or not at all; here the INSTITUTION is cut before the separator and the place typed
LOCATION whatever it was typed before.

A place is a lexicon city or country, or 1-3 capitalised words that are not all everyday words. Not a place: a site,
branch, building or department ("CHU de Marseille - Hôpital Nord", "(Pédiatrie)", ", Radiology Department"), a
company form (", LLC"), an acronym ("CIUSSS de l'Estrie - CHUS"), a titled or first-named person ("Royal London
Hospital, Dr Ann Lee", "- Charles Foix"). A place inside the proper name ("Hôpital Lyon Sud", "Leeds General
Infirmary", "Royal London Hospital") has no separator before it and is never touched.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.cued_places import TITLES, countries
from xraymatch.reports.deid.detector import UNIT_WORD
from xraymatch.reports.deid.honorifics import HONORIFIC_LEAD, ROLE_LEAD
from xraymatch.reports.deid.lexicons import CITIES, common_words, name_lexicons
from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’]*(?:-[A-ZÀ-ÖØ-Þa-zà-ÿ][\w'’]*)*"
# The separator, then the place: 1-3 capitalised words ("Sha Tin", "Saint-Denis", "Newcastle upon Tyne"), closed by
# punctuation, a line end or a lower-case word ("..., Nairobi on 2 March").
_PLACE_AFTER = re.compile(
    rf"(?P<sep>,[ \t]+|[ \t]+[-–—][ \t]+|[ \t]*\()"
    rf"(?P<place>{_CAP}(?:[ \t]+(?:(?:upon|on|sur|en|de|du|la|le|les|lès)[ \t]+)?{_CAP}){{0,2}})"
    r"(?=[ \t]*(?:[;,.:)\]\n(<]|$)|[ \t]+[-–—][ \t]|[ \t]+(?!n[°º]|no\b)[a-zà-ÿ])"
)
_NOT_A_PLACE = re.compile(
    r"(?i)\b(?:\w*h[oô]pita\w*|\w*hospital\w*|\w*spital\w*|\w*klinik\w*|krankenhaus|ospedale|ziekenhuis|sjukhus|séjour|"
    r"infirmary|cent(?:re|er)s?|\w*clini\w*|registry|court|campus|site|unit|units|wing|"
    r"ward|pavilion|pavillon|service|services|department|dept|trust|foundation|llc|inc|ltd|plc|sas|sarl|gmbh|"
    r"associates|partners|bay|building|block|floor|annexe?|hôtel-dieu|house|school|college|university|institute|"
    r"institut|team|practice|surgery|group|groupe|laboratoire|laboratory|imaging|radiology|radiologie)\b"
)
_TITLES = TITLES | {"Drs", "Dre", "Prs", "Sister", "Sr"}
_PERSON_LABELS = frozenset({"PERSON", "PATIENT"})


def _key(place_text: str) -> str:
    return re.sub(r"[ \t]+", "-", place_text.lower())


def _is_place(place_text: str) -> bool:
    """Whether `place_text` (after an institution's separator) names a place (see the module docstring)."""
    words = re.split(r"[ \t]+", place_text)
    if words[0].rstrip(".") in _TITLES or HONORIFIC_LEAD.match(place_text) or ROLE_LEAD.match(place_text):
        return False  # a titled person ("Imam Yusuf Abdalla", "Drs Anne-Sophie Lemarchand")
    key = _key(place_text)
    if key in CITIES or place_text.lower() in countries():
        return True
    if _NOT_A_PLACE.search(place_text) or UNIT_WORD.search(place_text):
        return False
    if any(w.isupper() and len(w) > 1 for w in re.split(r"[ \t-]+", place_text)):
        return False  # an acronym belongs to the institution ("- CHUS", "(AP-HP)")
    common = common_words()
    if all(w.lower() in common for w in re.split(r"[ \t-]+", place_text)):
        return False  # ", Consultant", " - Urgences"
    first_names, _last = name_lexicons()
    return not (len(words) >= 2 and words[0].lower() in first_names)  # not a person's name ("- Charles Foix")


def mark_institution_places(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with the place after each INSTITUTION's name its own LOCATION span, an INSTITUTION that swallowed it
    cut before the separator (see the module docstring); sorted by start."""
    kept = list(entities)
    for inst in [e for e in entities if e.label == "INSTITUTION"]:
        for m in _PLACE_AFTER.finditer(text, inst.start + 1, min(len(text), inst.end + 60)):
            if m.start() > inst.end:
                break
            sep, where = m.group("sep"), m.span("place")
            if where[1] < inst.end or not text[inst.start : m.start()].strip():
                continue  # the span goes on past the words: they are inside a longer name
            if "(" in sep and not re.match(r"[ \t]*\)", text[where[1] :]):
                continue
            if "," not in sep and "(" not in sep and not re.match(r"[ \t]*(?:[;,.:)\]\n(<]|$)", text[where[1] :]):
                continue  # after a dash, the place closes the phrase ("GHU Paris-Nord — Séjour n° 2024-0087321")
            if any(
                e.label in _PERSON_LABELS and where[0] <= e.start and e.end <= where[1] and (e.start, e.end) != where
                for e in kept
            ):
                continue  # a name inside the words: a titled person
            head = text[inst.start : m.start()]
            # a letterhead in capitals, ", PAIGEHAVEN": a place after a comma, not an acronym ("- IRM", ", CHUS")
            shouted = head.isupper() and m.group("place").isupper() and "," in sep and len(m.group("place")) > 5
            if not _is_place(m.group("place").title() if shouted else m.group("place")):
                continue
            # Another span reaching outside the place ("Lewisham Smith", a longer address) is left alone.
            if any(
                e.start < where[1]
                and where[0] < e.end
                and e != inst
                and not (where[0] <= e.start and e.end <= where[1])
                and not (e.label == "INSTITUTION" and e.start < where[0])
                for e in kept
            ):
                break
            if any(
                e.label not in (*_PERSON_LABELS, "INSTITUTION", "LOCATION")
                for e in kept
                if where[0] <= e.start and e.end <= where[1]
            ):
                break
            current = [e for e in kept if e.start == inst.start and e.label == "INSTITUTION"]
            if current and current[0].end > m.start():
                kept = [e for e in kept if e is not current[0]]
                kept.append(Entity(inst.start, m.start(), "INSTITUTION"))
            kept = place(text, kept, Entity(where[0], where[1], "LOCATION"))
            break
    return sorted(kept, key=lambda e: (e.start, e.end))
