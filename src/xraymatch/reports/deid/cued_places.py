"""Towns named by the words around them rather than by a gazetteer (round 17, blind16's misses as classes).

Invented and rare town names ("Plouzané", "Castlebar", a surname used as a town) read as names to the name layers,
which type them PERSON or PATIENT. One structure says they are places; the town is added as LOCATION (replacing the
overlapping spans of other labels, `span_overlay.place`):
- the town of a training camp or tournament ("hamstring strain at the training camp in X", "blessée au stage de
  préparation de X", "tournoi de X", "tournament in X"): one to three capitalised words after the event word and its
  preposition.
Round 18 (blind17's misses as classes):
- a name right after a place-forming word ("East Antony", "Port Sophie", "Lake Arthur", "Sainte Bernadette",
  "Fort William", "Mount Pleasant") is the place, prefix included: a person's name never follows a compass point,
  a port, lake or mount; it stays a name after a title or inside an institution's name ("Hôpital Sainte Anne",
  "Mount Sinai Hospital") or after a first name ("Grace Saint Clair"). The abbreviated "St"/"Ste" is left out: it
  is a surname's particle as often ("St. John, Joseph").
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
_PLACE_PREFIX = re.compile(
    r"(?<![\w'’-])(?:North|South|East|West|Nord|Sud|Est|Ouest|Port|Lake|Fort|Mount|New|Saint|Sainte)"
    r"[ \t]+$"
)
_INSTITUTION_NEAR = re.compile(
    r"(?i)\b(?:hospital|hôpital|hopital|clinic|clinique|infirmary|centre|center|église|church|chapelle|chapel|"
    r"school|école|collège|college|lycée|university|université|rue|street|avenue|road|boulevard|place|square)\b"
)
_TITLES = frozenset(["Dr", "Pr", "Prof", "Mme", "M", "Mr", "Mrs", "Ms", "Miss", "Docteur", "Madame", "Monsieur"])


def mark_cued_places(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with the towns of training camps and tournaments and names after a place-forming word as
    LOCATION; sorted by start."""
    kept = list(entities)
    for m in _EVENT_TOWN.finditer(text):
        town = m.group("town")
        if _NOT_TOWN.search(town) or town.split()[0].rstrip(".") in _TITLES:
            continue
        kept = place(text, kept, Entity(m.start("town"), m.end("town"), "LOCATION"))
    for e in [e for e in kept if e.label in ("PERSON", "PATIENT")]:
        prefix = _PLACE_PREFIX.search(text, max(0, e.start - 10), e.start)
        if prefix is None or prefix.end() != e.start:
            continue
        word_before = re.search(r"([\w.]+)[ \t]+$", text[max(0, prefix.start() - 16) : prefix.start()])
        if word_before and (word_before.group(1).rstrip(".") in _TITLES or word_before.group(1)[:1].isupper()):
            continue  # "Dr West Smith"; a first name before: "Harold St. John" is a surname with its particle
        around = text[max(0, prefix.start() - 30) : min(len(text), e.end + 30)]
        if _INSTITUTION_NEAR.search(around):
            continue
        kept = place(text, kept, Entity(prefix.start(), e.end, "LOCATION"))
    return sorted(kept, key=lambda e: (e.start, e.end))
