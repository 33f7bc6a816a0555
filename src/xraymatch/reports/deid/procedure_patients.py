"""Patients and places named by procedure paperwork without a field (round 14, blind13's misses as classes).

Added (replacing any overlapping span of another label):
- the carrier of an implanted or loaned device ("; porteur Jean-Hugues Hoarau", "carrier Thandiwe Dlamini",
  "worn by X") and whoever lies on the table of a room sheet ("Sur table à 18h32 : Sully Payet,", "On table at
  07:06: Rajendran s/o Krishnan,") as PATIENT: a device serial and a procedure belong to the patient;
- a birthplace or the place a letter was posted from ("né à X", "born in West X", "posté à Saint X le ...") as
  LOCATION: one to three capitalised words after the cue.
"""

from __future__ import annotations

import re

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
_PLACE_WORDS = rf"{_WORD}(?:[ \t-]+(?:(?:de|du|la|le|sur|en|lès)[ \t-]+)?{_WORD}){{0,2}}"
_PLACE_CUE = re.compile(
    rf"\b(?i:née?|née?\(e\)|born|posté|postée|postmarked|posted)[ \t]+(?:à|in|at|from)[ \t]+"
    rf"(?P<place>{_PLACE_WORDS})"
    rf"(?=[ \t]*(?:[,.;)(\n]|le[ \t]|on[ \t]|$))"
)


def mark_procedure_patients(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with device carriers and patients on the table as PATIENT and birth or posting places as
    LOCATION; sorted by start."""
    kept = list(entities)
    for m in _CARRIER.finditer(text):
        kept = place(text, kept, Entity(m.start("name"), m.end("name"), "PATIENT"))
    for m in _PLACE_CUE.finditer(text):
        kept = place(text, kept, Entity(m.start("place"), m.end("place"), "LOCATION"))
    return sorted(kept, key=lambda e: (e.start, e.end))
