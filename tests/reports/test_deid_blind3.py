"""Blind3 template family and hand-written blind3 cases: exact gold spans, valid labels, no overlaps."""

from __future__ import annotations

from xraymatch.reports.deid.evaluation import BLIND2_SETS, BLIND3_SETS, BLIND_SETS
from xraymatch.reports.entities import LABELS as ENTITY_LABELS

LABELS = set(ENTITY_LABELS)


def test_blind3_sets_are_development_sets_since_their_first_score() -> None:
    assert BLIND3_SETS == ("generated_blind3", "blind3_cases")
    assert not set(BLIND3_SETS) & set(BLIND_SETS) and not set(BLIND2_SETS) & set(BLIND_SETS)
