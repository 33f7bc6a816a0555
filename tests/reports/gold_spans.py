"""Shared helpers for de-identification tests: the gold-span check of the audit sets (valid labels, stripped, in
range, no overlaps) and hand-made spans for the rule tests."""

from __future__ import annotations

import itertools
from typing import Any

from xraymatch.reports.entities import LABELS, Entity


def check_spans(text: str, entities: list[Any]) -> None:
    """Assert every gold entity of `text` has a known label, lies inside the text without surrounding blanks, and
    that no two entities overlap."""
    spans = sorted((e.start, e.end, e.label) for e in entities)
    for start, end, label in spans:
        assert label in LABELS
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
    for (_, end_a, _), (start_b, _, _) in itertools.pairwise(spans):
        assert end_a <= start_b, "overlapping gold spans"


def spans_of(text: str, entities: list[Entity]) -> set[tuple[str, str]]:
    """The (covered text, label) pairs of `entities`: what a rule test compares."""
    return {(text[e.start : e.end], e.label) for e in entities}


def span_of(text: str, word: str, label: str) -> Entity:
    """The entity over the first occurrence of `word` in `text`."""
    start = text.index(word)
    return Entity(start, start + len(word), label)
