"""Towns named by the words around them rather than by a gazetteer (round 17, blind16's misses as classes).

Invented and rare town names ("Plouzané", "Castlebar", a surname used as a town) read as names to the name layers,
which type them PERSON or PATIENT. One structure says they are places; the town is added as LOCATION (replacing the
overlapping spans of other labels, `span_overlay.place`):
- the town of a training camp or tournament ("hamstring strain at the training camp in X", "blessée au stage de
  préparation de X", "tournoi de X", "tournament in X"): one to three capitalised words after the event word and its
  preposition.
A town after a copy recipient's name ("cc: Niamh Quill, X") is NOT marked: a second recipient named by surname
alone ("cc : Cécile Petit, Laroche") or a hospital ("Copie : Dr X, CHEM Esch") has the same structure.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-ÖØ-Þ][\w'’-]*"
_TOWN = rf"{_CAP}(?:(?:[ \t]+|-)(?:(?:sur|sous|en|le|la|les|de|du|des|lès)[ \t-]+)?{_CAP}){{0,2}}"
_EVENT_TOWN = re.compile(
    r"(?:\b(?i:training[ \t]+camp|camp|tournament)[ \t]+(?i:in|at)"
    r"|\b(?i:stage(?:[ \t]+de[ \t]+(?:préparation|cohésion|présaison))?|tournoi|rassemblement)[ \t]+(?i:à|de|d['’]))"
    rf"[ \t]*(?P<town>{_TOWN})(?=[ \t]*(?:[\n,;.)]|$))"
)
_NOT_TOWN = re.compile(
    r"(?i)\b(?:hospital|hôpital|clinic|clinique|centre|center|department|service|radiology|radiologie|unit|unité|"
    r"practice|cabinet|surgery|ward|chu|chr|gp|médecin|doctor|team|équipe)\b"
)
_TITLES = frozenset(["Dr", "Pr", "Prof", "Mme", "M", "Mr", "Mrs", "Ms", "Miss", "Docteur", "Madame", "Monsieur"])


def mark_cued_places(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with the towns of training camps and tournaments as LOCATION; sorted by start."""
    kept = list(entities)
    for m in _EVENT_TOWN.finditer(text):
        town = m.group("town")
        if _NOT_TOWN.search(town) or town.split()[0].rstrip(".") in _TITLES:
            continue
        kept = place(text, kept, Entity(m.start("town"), m.end("town"), "LOCATION"))
    return sorted(kept, key=lambda e: (e.start, e.end))
