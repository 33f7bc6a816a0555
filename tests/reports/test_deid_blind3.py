"""Blind3 template family and hand-written blind3 cases: exact gold spans, valid labels, no overlaps."""

from __future__ import annotations

import json

from tests.reports.gold_spans import check_spans
from xraymatch.reports.deid.evaluation import BLIND2_SETS, BLIND3_CASES, BLIND3_SETS, BLIND_SETS, load_hard_cases
from xraymatch.reports.entities import LABELS as ENTITY_LABELS

LABELS = set(ENTITY_LABELS)


def test_blind3_cases_parse_with_valid_spans() -> None:
    raw = [json.loads(line) for line in BLIND3_CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(raw) >= 30
    assert len({r["id"] for r in raw}) == len(raw)
    docs = load_hard_cases(BLIND3_CASES)
    assert {d["lang"] for d in docs} == {"fr", "en"}
    for doc in docs:
        check_spans(doc["text"], doc["entities"])
    assert sum(not d["entities"] for d in docs) >= 2  # pure traps (eponyms, doses, serials)


def test_blind3_sets_are_development_sets_since_their_first_score() -> None:
    assert BLIND3_SETS == ("generated_blind3", "blind3_cases")
    assert not set(BLIND3_SETS) & set(BLIND_SETS) and not set(BLIND2_SETS) & set(BLIND_SETS)
