"""Organisations named after a person or a place, found by their head noun: the person's name is part of the
organisation's, so the whole is one INSTITUTION (a hospital unit, biobank, dental practice or crèche can point to
the one person it is named after, or to the patient who attends it).

- head noun before the name: "Centre Léon Bérard", "Unité Esquirol", "Biobanque du Centre X", "CRB X", "cabinet
  dentaire du Dr X", "centre dentaire X Santé", "la MAM de X", "crèche Les Petits Loups de X";
- head noun after it: "Fleming Building", "Lister Wing", "Manchester Tissue Bank", "X Sure Start Centre", "Cardiff
  Sports Physio"; round 17 (blind16): a sports club's tail ("Kilmacud Crokes GAA", "X RFC", "X Rugby
  Club") and a foreign hospital's head noun after its name ("Debreceni Egyetem Klinikai Központ", "Szent János Kórház"),
  even when the name is a person's;
- a bank word before an institution span joins it: "Biobanque" + "Hôpital X" is one INSTITUTION.
"""

from __future__ import annotations

import re

from xraymatch.reports.entities import Entity

_CAP = r"[A-ZÀ-Ý][\w'’-]*"
_NAME_WORDS = rf"{_CAP}(?:[ \t]+(?:de[ \t]+|du[ \t]+|la[ \t]+|le[ \t]+)?{_CAP}){{0,3}}"
# Generic words after a head noun: "Centre Hospitalier ..." is found by earlier layers; these never make a name.
_GENERIC_AFTER = frozenset(
    ["hospitalier", "hospitalière", "médical", "medical", "de", "du", "des", "la", "le", "les", "pour", "for", "of",
     "the", "and", "et", "national", "nationale", "régional", "regional", "fonctionnelle", "imaging", "radiologie",
     "suite", "street", "road", "drive", "avenue", "apt", "plaza", "court", "way", "lane", "boulevard", "blvd",
     "parkway", "square", "st", "rd", "ave", "floor", "building"]
)  # fmt: skip
_INSTITUTION_BEFORE = re.compile(
    rf"(?<![\w-])(?:(?:Biobanque|Biobank)(?:[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’]))?[ \t]+)?"
    rf"(?:Centre|Center|Unité|Pavillon|Institut|Fondation|CRB)[ \t]+(?P<name>{_NAME_WORDS})"
    rf"|(?<![\w-])(?:cabinet|centre|clinique)[ \t]+dentaire[ \t]+(?:(?:du|de)[ \t]+(?:Dr\.?|docteur)[ \t]+|de[ \t]+)?"
    rf"(?P<dental>{_NAME_WORDS})"
    rf"|(?<![\w-])(?:la[ \t]+)?(?:MAM|micro-crèche|crèche|halte-garderie|garderie|nursery)[ \t]+"
    rf"(?:(?:de|d['’])[ \t]*)?(?P<creche>{_CAP}(?:[ \t]+{_CAP}){{0,3}}(?:[ \t]+(?:de|d['’])[ \t]*{_CAP})?)"
)
_INSTITUTION_AFTER = re.compile(
    rf"(?<![\w-])(?:{_CAP}[ \t]+){{0,3}}{_CAP}[ \t]+(?:Building|Wing|Tissue[ \t]+Bank|Biobank|Sure[ \t]+Start"
    rf"[ \t]+Centre|Children['’]s[ \t]+Centre|Sports[ \t]+Physio|Physio|Physiotherapy|Podiatry|Dental[ \t]+Practice|"
    rf"Smile[ \t]+Clinic|Nursery|Pre-?school|Playgroup|Day[ \t]+Nursery"
    rf"|GAA|RFC|Rugby[ \t]+Club|Football[ \t]+Club|Hurling[ \t]+Club"
    rf"|Klinikai[ \t]+Központ|Klinika|Kórház|Egyetem|Byeongwon|Yiyuan)\b(?![-'’])"  # "Tsang Wing-yan": a given name
)
# A biobank or tumour bank named by its hospital ("Biobanque Hôpital X", "Biobank Alder Hey Children's Hospital").
_BANK_PREFIX = re.compile(
    r"(?<![\w-])(?:Biobanque|Biobank|Tumorothèque|Tumour[ \t]+Bank|Tissue[ \t]+Bank)"
    r"(?:[ \t]+(?:du|de[ \t]+la|de[ \t]+l['’]|de|of(?:[ \t]+the)?))?[ \t]+(?=[A-ZÀ-Ý])"
)
_TITLES = frozenset(["Dr", "Dre", "Pr", "Prof", "Mr", "Mrs", "Ms", "Mme", "Miss", "Docteur", "Doctor"])
_NOT_INSTITUTION_WORDS = frozenset(["the", "a", "an", "at", "in", "on", "le", "la", "les", "de", "du", "scanned"])


def institutions_named_after(text: str) -> list[Entity]:
    """INSTITUTION spans of organisations named by a head noun before or after a name."""
    found = []
    for m in _INSTITUTION_BEFORE.finditer(text):
        group = next(g for g in ("name", "dental", "creche") if m.group(g) is not None)
        first = m.group(group).split()[0].lower()
        if group == "name" and first in _GENERIC_AFTER:
            continue
        found.append(Entity(m.start(), m.end(), "INSTITUTION"))
    for m in _INSTITUTION_AFTER.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        while words and words[0].group().lower() in _NOT_INSTITUTION_WORDS:
            words.pop(0)
        if words and words[0].group().rstrip(".") in _TITLES:
            continue  # "Dr Wing Yee Chan": a titled person whose given name is a head noun (round 20)
        if len(words) >= 2:
            found.append(Entity(m.start() + words[0].start(), m.end(), "INSTITUTION"))
    return found


def bank_prefixed(text: str, entities: list[Entity]) -> list[Entity]:
    """A bank word before an institution span joins it: "Biobanque" + "Hôpital X" is one INSTITUTION."""
    found = []
    for m in _BANK_PREFIX.finditer(text):
        head = [e for e in entities if e.label == "INSTITUTION" and m.end() <= e.start <= m.end() + 1]
        if head:
            found.append(Entity(m.start(), max(e.end for e in head), "INSTITUTION"))
    return found
