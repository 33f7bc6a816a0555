"""Identifiers in disguise, and non-identifiers dressed as identifiers (a late pass, after `refine`).

Added, each placed over what it overlaps (span_overlay.place): organisations wearing a person's or a place's name
(named_institutions.py), GPS coordinates and spelled e-mail addresses (disguised_contacts.py), lower-cased names in
unedited dictation with their age (dictated_names.py). Dropped first: coding-system codes, age bands, seasons,
brands, study acronyms and the other look-alikes of non_identifiers.py.
"""

from __future__ import annotations

from xraymatch.reports.deid.dictated_names import dictated_patients
from xraymatch.reports.deid.disguised_contacts import coordinates, spelled_emails
from xraymatch.reports.deid.named_institutions import bank_prefixed, institutions_named_after
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.deid.span_overlay import PROSE_STRIP, place
from xraymatch.reports.entities import Entity


def mark_disguised(text: str, entities: list[Entity]) -> list[Entity]:
    """`entities` without the look-alikes, with the disguised identifiers placed over what they overlap; sorted."""
    kept = [e for e in entities if not is_non_identifier(text, e)]
    added = institutions_named_after(text) + coordinates(text) + spelled_emails(text) + dictated_patients(text)
    for new in added + bank_prefixed(text, kept + added):
        kept = place(text, kept, new, PROSE_STRIP)
    return sorted(kept, key=lambda e: (e.start, e.end))
