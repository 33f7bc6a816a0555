"""Names spelled with a spelling alphabet (round 18, blind17's misses as classes).

On the phone a name is spelled with code words: the NATO alphabet ("Quebec Uniform India Golf Lima Echo Yankee"), the
French way ("R comme Raoul, O comme Oscar, U comme Ursule") or the English one ("K as in King, E for Echo"). The name
layers read the code words as first names or take "Golf", "Echo" for organisations. A run of at least three code
letters whose initials rebuild a name found elsewhere in the text (a PERSON or PATIENT span, or a run of its words) is
one span of that name's label, from the first code word to the last; a run that rebuilds no name is PATIENT when a
name word comes just before it ("surname spelled over the phone:", "nom épelé :"), as spoken.py does for letters. The
pieces of other labels it overlaps give way (`span_overlay.place`). Without a name or a name word ("coil Alpha-7,
table position Bravo"), or after a product word ("sequence name Tango Romeo Uniform Foxtrot India"), a run is left
alone.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity

_NATO = (
    "Alfa|Alpha|Bravo|Charlie|Delta|Echo|Foxtrot|Golf|Hotel|India|Juliett?|Kilo|Lima|Mike|November|Oscar|Papa|"
    "Quebec|Romeo|Sierra|Tango|Uniform|Victor|Whiskey|Whisky|X-ray|Xray|Yankee|Zulu"
)
_SEP = r"(?:[ \t]*[,;/-][ \t]*|[ \t]+)"
_NATO_RUN = re.compile(rf"(?<![\w-])(?i:{_NATO})(?:{_SEP}(?i:{_NATO})){{2,}}(?![\w-])")
NATO_RUN = _NATO_RUN  # three or more NATO code words in a row; journey_places keeps "Hotel" in them a code word
_CODE = r"[A-ZÀ-ÖØ-Þ][ \t]+(?:comme|as[ \t]+in|for)[ \t]+[A-ZÀ-ÖØ-Þ][\w'’-]*"
_WORD_RUN = re.compile(rf"(?<![\w-]){_CODE}(?:{_SEP}(?:et[ \t]+|and[ \t]+)?{_CODE}){{2,}}")
_NAMES = ("PERSON", "PATIENT")
_NAME_CUE = re.compile(r"(?i)\b(?:surname|name|nom|prénom|patronyme)\b[^\n.;]{0,40}$")
_PRODUCT = re.compile(r"(?i)\b(?:séquence|sequence|produit|contraste?|drug|médicament|device|coil)\b")


def _letters(value: str) -> str:
    return "".join(ch for ch in value.lower() if ch.isalpha())


def _spelled(run: str, nato: bool) -> str:
    """The word a run spells: the initials of its code words (NATO) or the letters before "comme"/"as in"/"for"."""
    if nato:
        return "".join(word[0] for word in re.findall(r"[^\W\d_][\w-]*", run)).lower()
    return "".join(m.group(1) for m in re.finditer(r"([A-ZÀ-ÖØ-Þ])[ \t]+(?:comme|as[ \t]+in|for)\b", run)).lower()


def _name_labels(text: str, entities: list[Entity]) -> dict[str, str]:
    """Letters of each name span and of each run of its words, with the span's label (PATIENT wins)."""
    labels: dict[str, str] = {}
    for e in entities:
        if e.label not in _NAMES:
            continue
        words = re.findall(r"[^\W\d_]+", re.sub(r"['’]s?\b", "", text[e.start : e.end]))
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                key = _letters("".join(words[i:j]))
                if len(key) >= 3 and labels.get(key) != "PATIENT":
                    labels[key] = e.label
    return labels


def mark_spelling_alphabets(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with each spelling-alphabet run that rebuilds a name of the text as one span of that name's label;
    sorted by start."""
    runs = [(m, True) for m in _NATO_RUN.finditer(text)] + [(m, False) for m in _WORD_RUN.finditer(text)]
    if not runs:
        return entities
    outside = [e for e in entities if not any(e.start < m.end() and m.start() < e.end for m, _ in runs)]
    labels = _name_labels(text, outside)
    kept = list(entities)
    for m, nato in runs:
        label = labels.get(_spelled(m.group(0), nato))
        cue = _NAME_CUE.search(text, max(0, m.start() - 60), m.start())
        if label is None and cue and not _PRODUCT.search(text, max(0, cue.start() - 20), m.start()):
            label = "PATIENT"  # as spoken.py does for letters: a name spelled after a name word is the patient's
        if label is None:
            continue
        inside = [e for e in kept if e.start < m.end() and m.start() < e.end]
        kept = [e for e in kept if e not in inside or e.label not in _NAMES]
        kept = place(text, kept, Entity(m.start(), m.end(), label))
    return sorted(kept, key=lambda e: (e.start, e.end))
