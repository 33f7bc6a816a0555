"""Practices, laboratories and universities named by a brand and a head word (round 20, blind19's misses as classes).

The name layers read an imaging practice's or a laboratory's brand ("Lakeside", "Laverty", "Northgate") as a name
and type it PERSON, and a university's town as a LOCATION inside the university's name. One structure each says
the whole is one INSTITUTION (placed over the overlapping spans of other labels, `span_overlay.place`):
- a brand before an imaging or pathology head word, with its company form ("Lakeside Radiology", "Northgate
  Diagnostic Imaging", "Riverbend Medical Imaging", "Northgate Radiologists PC", "Laverty Pathology", "Sunnybrook
  Health Sciences Centre"): the brand is
  one to three capitalised words that are neither common words nor the generic modifiers of a department name
  ("Interventional Radiology", "Diagnostic Imaging" alone, "Paediatric Radiology" stay text);
- a laboratory network (a lexicon of real-world brands: Cerballiance, Biogroup, Synlab, Eurofins Biomnis, Inovie,
  Unilabs, Quest Diagnostics, LabCorp, LifeLabs, Dynacare, Laverty, Douglass Hanly Moir...) with its site words,
  "laboratoire"/"laboratory" before it inside the span like "Clinique" (blind19's rule for laboratories);
- a university with its town ("université de Rennes", "Nantes Université", "University of Texas at Austin",
  "McGill University"): the town is part of the institution's name.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.span_overlay import PROSE_STRIP, place
from xraymatch.reports.entities import Entity

_CAP = r"(?:Mc|Mac)?[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+)?"  # "McGill" too
_PRACTICE = re.compile(
    rf"(?<![\w-])(?P<brand>{_CAP}(?:[ \t]+{_CAP}){{0,2}})[ \t]+"
    r"(?:(?:Diagnostic|Medical|Molecular)[ \t]+)?(?:Radiology|Radiologists|Imaging|Pathology|X-Ray|Diagnostics|"
    r"Health[ \t]+Sciences?[ \t]+Cent(?:re|er))"
    r"(?:,?[ \t]+(?:PC|PLLC|LLC|LLP|Pty[ \t]+Ltd|Ltd|Inc\.?)(?![\w]))?"
)
_GENERIC = frozenset(
    ["diagnostic", "medical", "musculoskeletal", "interventional", "paediatric", "pediatric", "thoracic", "chest",
     "general", "emergency", "body", "breast", "neuro", "cardiac", "nuclear", "department", "joint", "digital",
     "final", "preliminary", "abdominal", "consultant", "clinical", "oncologic", "vascular", "women's", "spine",
     "head", "neck", "dental", "oral", "veterinary", "forensic", "academic", "community", "private", "public",
     "hospital", "university", "molecular", "chemical", "anatomical", "surgical", "renal", "liver", "cellular"]
)  # fmt: skip
_LAB_BRANDS = (
    r"Cerballiance|Biogroup|Synlab|Eurofins(?:[ \t]+Biomnis)?|Biomnis|Inovie|Unilabs|Bioclinic|Laborizon|Cerba|"
    r"Biolam|Oriade|Novescia|Bio[ \t]?Pôle|Quest[ \t]+Diagnostics|LabCorp|Labcorp|LifeLabs|Dynacare|"
    r"Sonic[ \t]+Healthcare|Laverty(?:[ \t]+Pathology)?|Douglass[ \t]+Hanly[ \t]+Moir(?:[ \t]+Pathology)?|"
    r"Sullivan[ \t]+Nicolaides(?:[ \t]+Pathology)?|Healius|Australian[ \t]+Clinical[ \t]+Labs|"
    r"ARUP(?:[ \t]+Laboratories)?"
)
_SITE_WORD = r"(?:[A-ZÀ-ÖØ-Þ][a-zà-ÿ'’-]+|Nord|Sud|Est|Ouest)"
_LAB = re.compile(
    rf"(?<![\w-])(?:(?i:laboratoire|labo|laboratory|lab)[ \t]+)?(?P<brand>{_LAB_BRANDS})(?![\w-])"
    rf"(?P<site>(?:[ \t]+{_SITE_WORD}){{0,3}})"
)
_UNIVERSITY = re.compile(
    rf"(?<![\w-])(?:(?:U|u)niversit[ée][ \t]+(?:de[ \t]+|d['’]|du[ \t]+)?{_CAP}(?:[ \t-]+{_CAP}){{0,2}}"
    rf"|University[ \t]+of[ \t]+{_CAP}(?:[ \t]+{_CAP}){{0,2}}(?:[ \t]+at[ \t]+{_CAP}(?:[ \t]+{_CAP})?)?"
    rf"|{_CAP}(?:[ \t]+{_CAP})?[ \t]+(?:Université|University))(?![\w-])"
)
_NOT_SITE = frozenset(
    ["specimen", "prélèvement", "dossier", "demande", "episode", "collected", "validé", "validated", "report",
     "results", "résultats", "student", "service", "department", "health", "santé", "hub", "wellness"]
)  # fmt: skip


def _site_end(text: str, start: int, site: str) -> int:
    """End of the site words kept after a laboratory brand (stopping at a word that starts the next field)."""
    end = start
    for m in re.finditer(r"[ \t]+(\S+)", site):
        if m.group(1).lower() in _NOT_SITE or m.group(1).lower() in common_words():
            break
        end = start + m.end()
    return end


def mark_practices(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with imaging practices, laboratories and universities as one INSTITUTION each; sorted by start."""
    kept = list(entities)
    common = common_words()
    for m in _PRACTICE.finditer(text):
        words = m.group("brand").split()
        while words and (words[0].lower() in _GENERIC or words[0].lower() in common):
            words = words[1:]
        while words and words[-1].lower() in _GENERIC:  # "Northgate Diagnostic" + "Imaging"
            words = words[:-1]
        if not words or any(w.lower() in _GENERIC for w in words):
            continue
        start = m.start("brand") + m.group("brand").index(words[0])
        kept = place(text, kept, Entity(start, m.end(), "INSTITUTION"), PROSE_STRIP)
    for m in _LAB.finditer(text):
        end = _site_end(text, m.end("brand"), m.group("site"))
        kept = place(text, kept, Entity(m.start(), end, "INSTITUTION"), PROSE_STRIP)
    for m in _UNIVERSITY.finditer(text):
        words = re.split(r"[ \t]+", m.group(0))
        if all(w.lower() in common for w in words if w.lower() not in ("université", "universite", "university")):
            continue
        kept = place(text, kept, Entity(m.start(), m.end(), "INSTITUTION"), PROSE_STRIP)
    return sorted(kept, key=lambda e: (e.start, e.end))
