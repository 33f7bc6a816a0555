"""One person, one label, every mention: a document-level pass over the name spans of the final detection.

Why: the rule detector propagates the names *it* found to their other mentions, but names added later (by the
tagger over text the rules left uncovered, or retyped PERSON -> PATIENT by it) are not propagated, so a patient the
tagger recognised once ("Kowalczyk asked about ...") stays readable in the next sentence, and the same surname can be
PATIENT in one line and PERSON in another. This pass, run after `combine`:
- a PERSON span whose capitalised words are all words of PATIENT spans is the patient again (PATIENT), unless the
  text marks it as staff ("Dr", "Doctor", "M.D.") or as a relative ("his sister, Mrs ...");
- every other mention of a name word (a capitalised word of >= 3 letters that is not a common word) left uncovered
  is masked with that word's label (PATIENT wins over PERSON), unless it is used as an eponym or a device/score name.

It names no template: it only reads the spans and the words they cover.
"""

from __future__ import annotations

import re

from xraymatch.reports.deid.eponyms import eponym_use
from xraymatch.reports.deid.informal import instrument_use
from xraymatch.reports.deid.lexicons import common_words
from xraymatch.reports.deid.patterns import Candidate
from xraymatch.reports.deid.roles import relative_before
from xraymatch.reports.entities import Entity

_NAME_LABELS = ("PATIENT", "PERSON")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_STAFF_BEFORE = re.compile(r"(?i)\b(?:dr|dre|pr|prof|docteure?|doctor|professeure?|professor)\.?[ \t]+$")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?[ \t]+$")
_WORD_AFTER = re.compile(r"[ \t]+([^\W\d_]+)")
_TITLES = frozenset(["m", "mr", "mrs", "ms", "miss", "mme", "mlle", "mx", "madame", "monsieur", "mister"])
_DEGREE_AFTER = re.compile(r"(?i),?[ \t]*(?:m\.?[ \t]?d\.?|ph\.?[ \t]?d\.?|mbbs|mbchb|frcr|frcpc?|facr)(?!\w)")


def name_words(text: str, span: Entity) -> list[str]:
    """The words of a name span that can identify someone on their own: capitalised, >= 3 letters, not common."""
    stop = common_words()
    return [
        w for w in _WORD.findall(text, span.start, span.end) if len(w) >= 3 and w[0].isupper() and w.lower() not in stop
    ]


def _capitalised_words(text: str, span: Entity) -> set[str]:
    """Every capitalised word of >= 2 letters but courtesy titles, lower-cased: what must match for "the same
    person" (a common word such as "Maria" counts here, or "Maria Adeyemi" would be the patient "Kwame Adeyemi")."""
    words = {w.lower() for w in _WORD.findall(text, span.start, span.end) if len(w) >= 2 and w[0].isupper()}
    return words - _TITLES


def _inside_longer_name(text: str, span: Entity) -> bool:
    """ "St. John" or "John Smith" around a span "John": a capitalised word (not a courtesy title) right before or
    after it on the line makes it a fragment of another name, weak evidence of being the patient."""
    before = _WORD_BEFORE.search(text, max(0, span.start - 24), span.start)
    after = _WORD_AFTER.match(text, span.end)
    return bool(
        (before and before.group(1)[0].isupper() and before.group(1).lower() not in _TITLES)
        or (after and after.group(1)[0].isupper())
    )


def _marked_as_other(text: str, span: Entity) -> bool:
    """The text says this person is staff ("Dr", "Doctor", "M.D.") or a relative of the patient."""
    return bool(
        _STAFF_BEFORE.search(text, max(0, span.start - 16), span.start)
        or _DEGREE_AFTER.match(text, span.end)
        or relative_before(text, span.start)
    )


def harmonise_names(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` with PERSON spans of the patient's own words retyped PATIENT and every uncovered mention of a name
    word masked with its label; sorted, non-overlapping (added spans only cover uncovered text)."""
    names = [e for e in entities if e.label in _NAME_LABELS]
    if not names:
        return sorted(entities)
    patient_words = {w for e in names if e.label == "PATIENT" for w in _capitalised_words(text, e)}
    out: list[Entity] = []
    for e in entities:
        if e.label == "PERSON" and patient_words and not _marked_as_other(text, e) and not _inside_longer_name(text, e):
            words = _capitalised_words(text, e)
            if words and words <= patient_words:
                e = Entity(e.start, e.end, "PATIENT")
        out.append(e)
    label_of: dict[str, str] = {}
    for e in out:
        if e.label in _NAME_LABELS:
            for w in name_words(text, e):
                if label_of.get(w.lower()) != "PATIENT":
                    label_of[w.lower()] = e.label
    covered = bytearray(len(text))
    for e in out:
        covered[e.start : e.end] = b"\x01" * (e.end - e.start)
    added: list[Entity] = []
    for word, label in label_of.items():
        pattern = re.compile(rf"(?<![\w'’-]){re.escape(word)}(?![\w'’-])", re.IGNORECASE)
        for m in pattern.finditer(text):
            found = m.group(0)
            if any(covered[m.start() : m.end()]) or not (found[0].isupper()):
                continue  # lower-case "martin" is a word, "Martin" / "MARTIN" a name
            if eponym_use(text, m.start(), m.end()) or instrument_use(text, Candidate(m.start(), m.end(), label, 15)):
                continue
            added.append(Entity(m.start(), m.end(), label))
            covered[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return sorted(out + added)
