"""Placing a newly found span among the kept ones: the one overlap policy of the late passes.

A span of the new one's label that already contains it wins (nothing changes); a same-label overlap is joined into
one span; spans of another label that overlap it keep only what sticks out of it (stripped of `strip` and dropped
when one character or less is left).
"""

from __future__ import annotations

from xraymatch.reports.entities import Entity

MACHINE_STRIP = ' \t,;:-|="«»()'  # machine text: payload separators and brackets are never part of a span
PROSE_STRIP = " \t,;:-"


def place(text: str, kept: list[Entity], new: Entity, strip: str = MACHINE_STRIP) -> list[Entity]:
    """`kept` with `new` placed in it (see the module docstring); unsorted."""
    if any(e.label == new.label and e.start <= new.start and new.end <= e.end for e in kept):
        return kept
    trimmed: list[Entity] = []
    for e in kept:
        if e.end <= new.start or new.end <= e.start:
            trimmed.append(e)
            continue
        if e.label == new.label:
            new = Entity(min(e.start, new.start), max(e.end, new.end), new.label)
            continue
        for a, b in ((e.start, new.start), (new.end, e.end)):
            piece = text[a:b] if a < b else ""
            lead = len(piece) - len(piece.lstrip(strip))
            stripped = piece.strip(strip)
            if len(stripped) > 1:
                trimmed.append(Entity(a + lead, a + lead + len(stripped), e.label))
    trimmed.append(new)
    return trimmed
