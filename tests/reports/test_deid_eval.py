"""Evaluation: scoring known answers, and the detector on a small held-out generated set and the hard cases."""

from __future__ import annotations

import json
from pathlib import Path

from xraymatch.reports.deid.evaluation import (
    PAPER_F1,
    evaluate_set,
    generated_documents,
    load_hard_cases,
    masked_tokens_per_thousand,
    run_deid_evaluation,
    score,
)
from xraymatch.reports.entities import Entity
from xraymatch.reports.families import AUDIT_FAMILIES


def test_score_known_answers() -> None:
    doc = {"text": "Jean Dupont vu le 12/03/2021", "entities": [Entity(0, 11, "PATIENT"), Entity(18, 28, "DATE")]}
    pred = [Entity(5, 11, "PATIENT"), Entity(18, 28, "PERSON"), Entity(0, 4, "DATE")]
    result = score([doc], [pred])
    assert result["overlap"]["per_type"]["PATIENT"] == {
        "precision": 1.0, "recall": 1.0, "f1": 1.0, "n_gold": 1, "n_pred": 1,
    }  # fmt: skip
    assert result["exact"]["per_type"]["PATIENT"]["recall"] == 0.0  # partial span: no exact match
    assert result["overlap"]["per_type"]["DATE"]["recall"] == 0.0  # label must agree
    assert result["overlap"]["overall"]["precision"] == round(1 / 3, 4)
    assert result["token"]["per_type"]["PATIENT"]["recall"] == 0.5  # "Jean" missed, "Dupont" found


def test_heldout_generated_reports_meet_the_goal() -> None:
    docs = generated_documents(60, seed=987, style="heldout")
    result, _ = evaluate_set(docs)
    for label, row in result["overlap"]["per_type"].items():
        assert row["recall"] >= 0.99 and row["precision"] >= 0.95, (label, row)


def test_hard_cases_are_enough_and_mostly_found() -> None:
    cases = load_hard_cases()
    assert len(cases) >= 30 and {c["lang"] for c in cases} == {"fr", "en"}
    result, _ = evaluate_set(cases)
    assert result["overlap"]["overall"]["recall"] >= 0.95


def test_run_writes_metrics(tmp_path: Path) -> None:
    path = tmp_path / "deid.json"
    seeds = {family.name: 100 + i for i, family in enumerate(AUDIT_FAMILIES)}
    evaluation = {"seed": 5, "n_documents": 10, "family_seeds": seeds, "metrics_path": str(path), "real_reports": 40}
    params = {"deid": {"evaluation": evaluation}}
    metrics = run_deid_evaluation(params)
    on_disk = json.loads(path.read_text())
    family_sets = {name for family in AUDIT_FAMILIES for name in family.set_names}
    assert on_disk["paper_f1"] == PAPER_F1
    assert set(on_disk["sets"]) == {"generated_heldout", "generated_train", "hard_cases"} | family_sets
    assert on_disk["sets"]["audit_cases"]["blind"] is False  # used for development after the first audit
    assert metrics["goal"]["matching"] == "overlap"
    free = on_disk["identifier_free"]["nlmcxr_real_en"]
    assert free["tokens"] > 10_000 and 0 <= free["masked_tokens"] <= free["tokens"]
    assert set(free) == {"per_1000_tokens", "masked_tokens", "tokens", "documents"}  # counts only, never words
    whole = on_disk["identifier_free"]["nlmcxr_real_en_whole_reports"]
    assert whole["documents"] == 40 and set(whole) == set(free)


def test_masked_tokens_count_every_masked_word_but_no_placeholder() -> None:
    """Known answers: clean prose costs nothing; a name planted in it costs its two words; XXXX never counts."""
    from xraymatch.reports.deid.pipeline import DeidConfig

    clean = "FINDINGS: The heart is normal in size. XXXX XXXX are clear.\nIMPRESSION: No acute disease."
    planted = "FINDINGS: The heart is normal in size, seen with Dr Harriet Vane. XXXX are clear."
    assert masked_tokens_per_thousand([clean], "en", DeidConfig()) == {
        "per_1000_tokens": 0.0,
        "masked_tokens": 0,
        "tokens": 13,
        "documents": 1,
    }
    counted = masked_tokens_per_thousand([planted], "en", DeidConfig())
    assert counted["masked_tokens"] == 2 and counted["tokens"] == 14
    assert counted["per_1000_tokens"] == round(1000 * 2 / 14, 3)
