"""Shared check of gold spans in the de-identification audit sets: valid labels, stripped, in range, no overlaps."""

from __future__ import annotations

import itertools
from typing import Any

from xraymatch.reports.entities import LABELS


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
