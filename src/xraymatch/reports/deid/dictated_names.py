"""Names in unedited dictation: speech recognition writes the patient's name in lower case after the spoken title,
with the age after it ("seen mr hope marsh 24 referred by ...", "vu madame jeanne roux 81 ans"); the name is PATIENT
and the number AGE. "mr" as the modality ("the mr scan 3", "une irm") is not a title.
"""

from __future__ import annotations

import re

from xraymatch.reports.entities import Entity

# Unedited speech recognition lowercases a patient's name after the spoken title, the age following ("seen mr hope
# marsh 24 referred by ...", "vu madame jeanne roux 81 ans"): the name is PATIENT and the number AGE.
_DICTATED = re.compile(
    r"(?<![\w-])(?:mr|mrs|ms|miss|mister|madame|monsieur|mme|mademoiselle)\.?[ \t]+"
    r"(?P<name>[a-zà-ÿ][a-zà-ÿ'’-]+(?:[ \t]+[a-zà-ÿ][a-zà-ÿ'’-]+){0,2}?)[ \t]+"
    r"(?P<age>(?P<years>\d{1,3})(?:[ \t]*(?:ans|years?(?:[ \t]+old)?|yo|y/o))?)(?![\w./:-])"
)
_NOT_DICTATED_NAME = frozenset(
    ["le", "la", "the", "a", "an", "de", "du", "et", "and", "a", "is", "was", "est", "has", "a", "aged", "âgé", "âgée",
     "age", "bed", "lit", "room", "chambre", "with", "avec", "for", "pour", "of", "on", "in", "at", "to", "x",
     # "MR" the modality: "the mr scan 3", "mr knee 2 sequences"
     "scan", "scans", "imaging", "exam", "examination", "angiography", "arthrogram", "arthrography", "sequence",
     "sequences", "spine", "brain", "knee", "head", "shoulder", "hip", "pelvis", "abdomen", "cardiac", "study",
     "series", "slice", "slices", "contrast", "guided", "compatible", "conditional", "safe", "unsafe", "images",
     "irm", "examen", "séquence", "séquences", "coupe", "coupes", "genou", "épaule", "rachis", "hanche"]
)  # fmt: skip
# An article or preposition before the title makes "mr" the modality ("the mr", "an mr", "on mr", "une irm").
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:the|a|an|this|that|on|of|un|une|l['’]|d['’]|ce|cet|cette|sur|de|par)[ \t]*$")


def dictated_patients(text: str) -> list[Entity]:
    """PATIENT and AGE spans of lower-cased dictated names after a spoken title."""
    found = []
    for m in _DICTATED.finditer(text):
        words = m.group("name").split()
        if any(w in _NOT_DICTATED_NAME for w in words) or int(m.group("years")) > 120:
            continue
        if _ARTICLE_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        found += [Entity(m.start("name"), m.end("name"), "PATIENT"), Entity(m.start("age"), m.end("age"), "AGE")]
    return found
