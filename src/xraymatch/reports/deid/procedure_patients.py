"""Patients and places named by procedure paperwork without a field (round 14, blind13's misses as classes).

Added (replacing any overlapping span of another label):
- the carrier of an implanted or loaned device ("; porteur Jean-Hugues Hoarau", "carrier Thandiwe Dlamini",
  "worn by X") and whoever lies on the table of a room sheet ("Sur table à 18h32 : Sully Payet,", "On table at
  07:06: Rajendran s/o Krishnan,") as PATIENT: a device serial and a procedure belong to the patient;
- a birthplace, the place someone arrived in or the place a letter was posted from ("né à X", "born in West X",
  "arrivé à X", "arrived in Port X", "posté à Saint X le ...") as LOCATION: one to three capitalised words after
  the cue (round 15);
- the town after a name on a copy line ("cc Kate Young, Clivechester", "Copie : Agnès Deschamps, Saint-Lô") as
  LOCATION: a copy line gives each addressee's name, then where they are; service and role words ("cc Dr Jones,
  Radiology"), institutions ("cc: Dr Kyle Price, Mount Sinai Hospital") and second addressees ("cc Ann Lee, Sam
  Hunt", "cc : Cécile Roy, Laroche") are not: the item must be a known city or town-shaped (a place prefix, a
  "-sur-" compound, a town suffix on a word that is no surname). After a role phrase ("Copie au médecin traitant X,
  Vuille am Albis", round 16) the line has one addressee: its last item is a place unless it is an institution or
  begins with a known first name.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.lexicons import CITIES, name_lexicons, raw_name_lexicons
from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_WORD = r"[A-ZÀ-Ý][^\W\d_]*(?:['’-][^\W\d_]+)*"
_PARTICLE = r"(?:de|du|da|di|van|von|der|den|le|la|al|el|ben|bin|binti|binte|s/o|d/o|Mac|Mc|Ní|Nic|Ó|Ua|ould|a['’])"
_PERSON_NAME = rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_WORD}){{1,3}}"
_CARRIER = re.compile(
    rf"(?:\b(?:porteur|porteuse|porteur\(se\)|carrier|wearer|worn[ \t]+by|loaned[ \t]+to|prêtée?[ \t]+à)[ \t]*:?"
    rf"|\b(?i:sur[ \t]+(?:la[ \t]+)?table|on[ \t]+(?:the[ \t]+)?table)(?:[ \t]+(?:à|at)[ \t]+\d{{1,2}}[h:]\d\d)?"
    rf"[ \t]*:)[ \t]+(?P<name>{_PERSON_NAME})(?=[ \t]*(?:[,.;)(\n]|$))"
)
_PLACE_WORDS = rf"{_WORD}(?:[ \t-]+(?:(?:de|du|la|le|sur|sous|en|lès|am|an|im|bei|ob)[ \t-]+)?{_WORD}){{0,2}}"
_PLACE_CUE = re.compile(
    rf"\b(?i:née?|née?\(e\)|born|posté|postée|postmarked|posted|arrivée?|arrivée?\(e\)|arrived)[ \t]+"
    rf"(?:à|in|at|from)[ \t]+"
    rf"(?P<place>{_PLACE_WORDS})"
    rf"(?=[ \t]*(?:[,.;)(\n]|le[ \t]|on[ \t]|$))"
)

_TITLE = r"(?:(?:Dr|Pr|Prof|Mr|Mrs|Ms|Mme|M|Mlle|Miss)\.?[ \t]+)"
_COPY_PLACE = re.compile(
    rf"^[ \t]*(?i:cc|copie|copies|copy[ \t]+to|copie[ \t]+à)[ \t]*:?[ \t]+(?P<role>(?:(?i:au|aux|à|to|for)[ \t]+)?"
    r"(?i:the[ \t]+|le[ \t]+|la[ \t]+)?(?i:médecin[ \t]+traitant|médecin[ \t]+généraliste|GP|family[ \t]+doctor|"
    rf"referring[ \t]+(?:doctor|physician)|prescripteur|généraliste)[ \t]*:?[ \t]+)?{_TITLE}?{_PERSON_NAME},[ \t]+"
    rf"(?P<place>{_PLACE_WORDS}(?:[ \t]+\([A-Z]{{2}}\))?)[ \t]*\.?[ \t]*$",
    re.MULTILINE,
)
_NOT_PLACE = re.compile(
    r"(?i)(?:radiolog|cardiolog|oncolog|neurolog|urolog|patholog|gastro|pneumo|rhumato|orthop|surgery|chirurg|"
    r"service|department|dept|ward|unit|unité|clinic|urgences|emergency|médecin|medecin|gp|consultant|radiologue|"
    r"interne|registrar|nurse|infirmi|secrétariat|secretary|cabinet|practice|imagerie|imaging|pédiatr|paediatr)"
)


_PLACE_PREFIX = frozenset(
    "north south east west new port lake mount fort little great upper lower saint sainte st".split()  # noqa: SIM905
)
_PLACE_COMPOUND = re.compile(r"(?i)-(?:sur|sous|lès|les|en|la|le|de|du|aux)-")
_PLACE_SUFFIX = re.compile(
    r"(?i)(?:ville|bourg|burgh|berg|land|town|stad|furt|chester|haven|side|shire|mouth|view|borough|bury|port|fort"
    r"|dan|nec|boeuf|bœuf)$"
)


_INSTITUTION_WORD = re.compile(
    r"(?i)\b(?:hospital|hôpital|hopital|clinic|clinique|centre|center|infirmary|practice|surgery|institut|institute|"
    r"university|université|trust|medical|médical|health|santé|group|groupe|polyclinique|CHU|CHR|CH|GHT|NHS)\b"
)


def _town_shaped(words: str) -> bool:
    """Whether a copy line's last item reads as a town and not as a second addressee: a known city, or a place
    prefix ("North", "Port", "Saint"), a hyphenated compound ("-sur-", "-la-") or a town suffix ("-ville",
    "-chester", "-bourg") on a word that is no known surname or first name ("Cécile Roy, Laroche" is a person)."""
    if _INSTITUTION_WORD.search(words):
        return False  # "cc: Dr Kyle Price, Mount Sinai Hospital": where they work, not a town
    if words.lower().replace(" ", "-") in CITIES:
        return True
    first_names, _ = name_lexicons()
    _, surnames = raw_name_lexicons()
    parts = words.replace("-", " ").split()
    if parts[0].lower() in first_names and len(parts) >= 2:
        return False  # "Sam Hunt"
    if len(parts) >= 2 and parts[0].lower() in _PLACE_PREFIX:
        return True
    if _PLACE_COMPOUND.search(words):
        return True
    return len(parts) == 1 and parts[0].lower() not in surnames and _PLACE_SUFFIX.search(parts[0]) is not None


def _one_place(words: str) -> bool:
    """After a role phrase ("Copie au médecin traitant X, Y") the copy line has one addressee, so its last item is
    where they are unless it names an institution or reads as a second person (a known first name first)."""
    if _INSTITUTION_WORD.search(words):
        return False
    first_names, _ = name_lexicons()
    parts = re.split(r"[ \t-]+", words)
    return not (len(parts) >= 2 and parts[0].lower() in first_names)


def mark_procedure_patients(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with device carriers and patients on the table as PATIENT and birth or posting places as
    LOCATION; sorted by start."""
    kept = list(entities)
    for m in _CARRIER.finditer(text):
        kept = place(text, kept, Entity(m.start("name"), m.end("name"), "PATIENT"))
    for m in _PLACE_CUE.finditer(text):
        kept = place(text, kept, Entity(m.start("place"), m.end("place"), "LOCATION"))
    for m in _COPY_PLACE.finditer(text):
        if not _NOT_PLACE.match(m.group("place")) and (
            _town_shaped(m.group("place")) or (m.group("role") and _one_place(m.group("place")))
        ):
            kept = place(text, kept, Entity(m.start("place"), m.end("place"), "LOCATION"))
    return sorted(kept, key=lambda e: (e.start, e.end))
