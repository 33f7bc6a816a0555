"""Promotion, rollback and packaging against a real SQLite MLflow registry with tiny trained models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch

from xraymatch.config import apply_override
from xraymatch.errors import InputError
from xraymatch.evaluation.rescore import rescore
from xraymatch.registry import promotion_log
from xraymatch.registry.bundle import load_bundle
from xraymatch.registry.package import package
from xraymatch.registry.promote import _client, load_version_bundle, promote, rollback
from xraymatch.training.train import TrainConfig, train

NAME = "xraymatch-multiview"


def _record_evaluation(
    params: dict[str, Any], version: str, eval_set: str | None = None, drop: tuple[str, ...] = ()
) -> dict[str, float]:
    """What the evaluate stage records on a version's run: test/* metrics (less `drop`) and the eval_set tag."""
    client = _client(params)
    metrics, set_id = rescore("multiview", load_version_bundle(client, NAME, version).model, params)
    run_id = client.get_model_version(NAME, version).run_id
    for key, value in metrics.items():
        if key in drop:
            continue
        client.log_metric(run_id, "test/" + key.replace("@", "_at_"), value)
    client.set_tag(run_id, "eval_set", eval_set or set_id)
    return metrics


@pytest.fixture
def gated(train_params: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    checks = tmp_path / "checks"
    checks.mkdir()
    for suite in ("ct_manifest", "drr_cache"):
        (checks / f"{suite}.json").write_text(json.dumps({"success": True}))
    params = apply_override(train_params, f"checks.report_dir={checks}")
    params = apply_override(params, f"promote.log={tmp_path / 'promotions.jsonl'}")
    params = apply_override(params, "promote.objectives.multiview.floors.ap.bound=0.0")
    params = apply_override(params, "evaluate.max_samples=4")
    return params


def test_promote_refuse_rollback_and_package(gated: dict[str, Any], tmp_path: Path) -> None:
    train(TrainConfig.from_params(gated, "multiview"))
    _record_evaluation(gated, "1")
    first = promote(gated, NAME, scorer=rescore)
    assert first.passed and first.champion_before is None and first.champion_after == "1", first.reasons

    # v2 was evaluated on another set: both versions are re-scored on the current one before the gate applies
    train(TrainConfig.from_params(gated, "multiview"))
    _record_evaluation(gated, "2", eval_set="another-test-split")
    strict = apply_override(gated, "promote.objectives.multiview.primary.margin=1.0")
    refused = promote(strict, NAME, scorer=rescore)
    assert not refused.passed and refused.champion_after == "1"
    assert any(r.startswith("primary: ap") for r in refused.reasons), refused.reasons
    client = _client(gated)
    assert str(client.get_model_version_by_alias(NAME, "champion").version) == "1"
    assert str(client.get_model_version_by_alias(NAME, "challenger").version) == "2"
    assert client.get_model_version(NAME, "2").tags["promotion.decision"] == "refused"

    lenient = apply_override(gated, "promote.objectives.multiview.primary.margin=-1.0")
    assert promote(lenient, NAME, scorer=rescore).champion_after == "2"
    entries = promotion_log.read(tmp_path / "promotions.jsonl", NAME)
    assert [e["passed"] for e in entries] == [True, False, True]
    assert entries[1]["reevaluated"] and entries[1]["commit"] and entries[1]["time"]

    assert rollback(gated, NAME) == "1"
    assert str(client.get_model_version_by_alias(NAME, "champion").version) == "1"
    with pytest.raises(InputError, match="no previous champion"):
        rollback(gated, NAME)

    packaging = apply_override(gated, "package.required=[multiview]")
    packaging = apply_override(packaging, "package.optional=[]")
    packaged = package(packaging, tmp_path / "serving")
    assert packaged["multiview"]["version"] == "1"
    bundle = load_bundle(tmp_path / "serving" / "bundles" / "multiview", expect="multiview")
    reference = load_version_bundle(client, NAME, "1").model
    images = torch.rand(1, 2, 1, bundle.image_size, bundle.image_size)
    with torch.no_grad():
        packaged_matrix = bundle.model.predict_matrix({"images": images})
        assert torch.equal(packaged_matrix, reference.predict_matrix({"images": images}))
    card = (tmp_path / "serving" / "MODEL_CARD.md").read_text()
    assert "xraymatch-multiview v1" in card and "Research only" in card


def test_a_metric_missing_from_the_champions_record_makes_the_gate_rescore(gated: dict[str, Any]) -> None:
    """A rule on a metric added after the champion was evaluated: both versions are re-scored on the current set,
    instead of refusing every challenger because the champion's record lacks it."""
    train(TrainConfig.from_params(gated, "multiview"))
    _record_evaluation(gated, "1", drop=("pck@10px",))
    assert promote(gated, NAME, scorer=rescore).champion_after == "1"
    train(TrainConfig.from_params(gated, "multiview"))
    _record_evaluation(gated, "2")
    rules = apply_override(gated, "promote.objectives.multiview.primary.margin=-1.0")
    rules = apply_override(rules, "promote.objectives.multiview.guards={pck@10px: {mode: max, tolerance: 1.0}}")
    result = promote(rules, NAME, scorer=rescore)
    assert result.passed and result.champion_after == "2", result.reasons
    entry = promotion_log.read(Path(gated["promote"]["log"]), NAME)[-1]
    assert entry["reevaluated"] and "pck@10px" in entry["champion_metrics"]


def test_failed_data_check_refuses_a_first_version(gated: dict[str, Any], tmp_path: Path) -> None:
    train(TrainConfig.from_params(gated, "multiview"))
    _record_evaluation(gated, "1")
    (Path(gated["checks"]["report_dir"]) / "drr_cache.json").write_text(json.dumps({"success": False}))
    result = promote(gated, NAME, scorer=rescore)
    assert not result.passed and result.champion_after is None
    assert any("data check 'drr_cache'" in r for r in result.reasons)
    with pytest.raises(InputError, match="no @champion"):
        package(apply_override(gated, "package.required=[multiview]"), tmp_path / "serving")


def test_unknown_model_names_are_refused(gated: dict[str, Any]) -> None:
    with pytest.raises(InputError, match="xraymatch-<objective>"):
        promote(gated, "multiview")
    with pytest.raises(InputError, match="no registered version"):
        promote(gated, NAME)
