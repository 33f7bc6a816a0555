"""Care homes named as residences: INSTITUTION, not a place (round 16, blind15's typing errors as a class).

"Résidence Ker Maria" and "St Brigid's Residence" are care homes (EHPAD, nursing homes): round 6 labels them
INSTITUTION since they point to a small set of residents. The address layers read "Résidence" as the building part
of a French address and type the span LOCATION. Told apart by what follows: a building or flat number, or a house
number ("Résidence Les Flamboyants, bât. C, 12 bis rue ...") makes it an address, and it is left alone; otherwise
the residence and its name, with an "EHPAD" before it, become one INSTITUTION span (replacing overlapping spans of
other labels; a LOCATION running on past it into the sentence is dropped whole). English: one to three capitalised
words before "Residence", "Care Home", "Nursing Home" or "Retirement Home"; key words ("Place of Residence:",
"Country of Residence") and permits or cards ("Biometric Residence Permit") are not care homes.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.span_overlay import PROSE_STRIP, place
from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’.-]*"
_FRENCH = re.compile(
    rf"\b(?:EHPAD[ \t]+)?Résidence[ \t]+(?:(?:[Ll]es|[Ll]e|[Ll]a|du|des|de|[Ll]['’])[ \t]*)?{_CAP}"
    rf"(?:[ \t]+(?:(?:de|du|des|la|le)[ \t]+)?{_CAP}){{0,2}}"
)
_ENGLISH = re.compile(
    rf"\b{_CAP}(?:[ \t]+{_CAP}){{0,2}}[ \t]+(?:Residence|Care[ \t]+Home|Nursing[ \t]+Home|Retirement[ \t]+Home)\b"
)
_ADDRESS_AFTER = re.compile(
    r"(?i)^[ \t]*,?[ \t]*(?:bât\b|bat\b|bâtiment|batiment|appt|apt\b|appartement|escalier|esc\b|porte|entrée|"
    r"block|flat|\d)"
)
_NOT_HOME_AFTER = re.compile(r"(?i)^[ \t]*(?::|permit|card|visa|status|address|adresse)")
_KEY_WORDS = frozenset("place town city country county permanent usual of proof biometric temporary legal".split())  # noqa: SIM905


def _runaway(text: str, e: Entity, start: int, end: int) -> bool:
    """A LOCATION over the care home that runs on past it into the sentence ("... Residence to ED", "Résidence X
    vers les urgences"): the address layers' reading of "Résidence", dropped whole. One running over the line break
    is trimmed instead (what follows may be a number it swallowed: masked beats dropped)."""
    if e.label != "LOCATION" or e.end <= start or end <= e.start or e.end <= end:
        return False
    tail = text[end : e.end]
    return "\n" not in tail and tail.strip(PROSE_STRIP)[:1].islower()


def mark_care_homes(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with care homes named as residences as INSTITUTION; sorted by start."""
    if "sidence" not in text and "Home" not in text:
        return entities
    kept = list(entities)
    for pattern in (_FRENCH, _ENGLISH):
        for m in pattern.finditer(text):
            after = text[m.end() : m.end() + 30]
            if _ADDRESS_AFTER.match(after) or _NOT_HOME_AFTER.match(after):
                continue
            words = re.split(r"[ \t]+", m.group())
            if pattern is _ENGLISH and any(w.lower() in _KEY_WORDS for w in words[:-1]):
                continue
            kept = [e for e in kept if not _runaway(text, e, m.start(), m.end())]
            kept = place(text, kept, Entity(m.start(), m.end(), "INSTITUTION"), PROSE_STRIP)
    return sorted(kept, key=lambda e: (e.start, e.end))
