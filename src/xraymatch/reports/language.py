"""A light French/English detector for the reports suite: counts of each language's function and report words.

No model and nothing downloaded: two short word lists (words that do not exist in the other language, so "a",
"on", "de"-like overlaps are left out). `detect_lang` returns "fr", "en", or "unknown" when neither list matches or
both score the same.
"""

from __future__ import annotations

import re

_FRENCH_WORDS = """
    le la les des du une et est sont pas sans avec sur dans au aux ou par pour qui que ce cette ces son sa ses
    nous vous il elle ils elles être été aucun aucune absence visible visibles décelable examen incidence incidences
    face profil côte côtes gauche droite droit poumon pulmonaire pulmonaires cardiaque thoracique rachis
    radiographie clichés cliché aspect anomalie lésion fracture trait conclusion résultats technique structures
    osseuses osseux épanchement pleural normale normal signe d'une d'un l'examen n'est
"""
_ENGLISH_WORDS = """
    the and is are no not with without of in to on at by for which that this these there its be been was were
    has have any or clear lungs lung heart size chest acute disease findings impression comparison indication
    effusion pneumothorax within limits normal silhouette mediastinal cardiomediastinal contour consolidation
    focal pleural seen evidence stable unchanged right left views view lateral frontal
"""
FRENCH = frozenset(_FRENCH_WORDS.split())
ENGLISH = frozenset(_ENGLISH_WORDS.split())
_WORD = re.compile(r"[a-zàâäçéèêëîïôöùûüÿœ']+")
AMBIGUOUS = FRENCH & ENGLISH


def lang_scores(text: str) -> tuple[int, int]:
    """(French hits, English hits) over the lower-cased words of `text` (words in both lists are not counted)."""
    words = _WORD.findall(text.lower())
    fr = sum(1 for w in words if w in FRENCH and w not in AMBIGUOUS)
    en = sum(1 for w in words if w in ENGLISH and w not in AMBIGUOUS)
    return fr, en


def detect_lang(text: str) -> str:
    """'fr', 'en' or 'unknown' (no hit, or a tie)."""
    fr, en = lang_scores(text)
    if fr == en:
        return "unknown"
    return "fr" if fr > en else "en"
