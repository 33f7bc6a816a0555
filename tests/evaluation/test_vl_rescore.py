"""The promotion gate's re-scoring of the vision-language objective: the same numbers as the evaluate_vl stage, an
evaluation-set id that follows the report corpus and the vl evaluation params, and a gate on a metric the champion's
record lacks that re-scores instead of stopping. Real tiny cache, tiny corpus, tiny trained models, SQLite registry."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import torch

from tests.objectives.vl_corpus import write_tiny_corpus
from xraymatch.config import apply_override, load_params
from xraymatch.evaluation.rescore import evaluation_set_id, rescore
from xraymatch.registry import promotion_log
from xraymatch.registry.promote import _client, load_version_bundle, promote, version_inputs

NAME = "xraymatch-vl"
CONTENT = "i2t_content_recall@1"
REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def vl_params(train_params: dict[str, Any], tiny_cache: Path, tmp_path: Path) -> dict[str, Any]:
    corpus = write_tiny_corpus(tiny_cache, tmp_path / "reports" / "corpus.parquet")
    params = apply_override(train_params, f"vl.corpus={corpus}")
    for item in (f"evaluate.metrics_dir={tmp_path / 'metrics'}", f"evaluate.plots_dir={tmp_path / 'plots'}"):
        params = apply_override(params, item)
    return params


def _old_style_id(params: dict[str, Any]) -> str:
    """The id every objective recorded before vl got its own (test ids, cache hash, evaluate params)."""
    from xraymatch.training.tracking import dvc_out_hash

    index = pd.read_parquet(Path(params["drr"]["out_dir"]) / "index.parquet", columns=["sample_id", "split"])
    payload = {
        "test_ids": sorted(index.loc[index["split"] == "test", "sample_id"].astype(str)),
        "cache": dvc_out_hash(str(params["drr"]["out_dir"])),
        "evaluate": params.get("evaluate", {}),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def test_vl_set_id_follows_the_corpus_and_the_vl_evaluation_params(vl_params: dict[str, Any]) -> None:
    base = evaluation_set_id(vl_params, "vl")
    assert base == evaluation_set_id(vl_params, "vl")
    # the other objectives keep the id their champions were recorded with
    assert evaluation_set_id(vl_params) == evaluation_set_id(vl_params, "multiview") == _old_style_id(vl_params)
    assert base != evaluation_set_id(vl_params)
    # not otherwise: training params, tokenizer settings, a default written out
    written_out = f"vl.evaluate.max_pairs={vl_params['vl']['evaluate'].get('max_pairs', 200)}"
    for same in ("train.max_epochs.vl=9", "vl.tokenizer.vocab_size=500", written_out, "vl.max_length=64"):
        assert evaluation_set_id(apply_override(vl_params, same), "vl") == base, same
    for changed in ("vl.evaluate.max_pairs=3", "vl.evaluate.recall_k=[1, 2]", "vl.evaluate.prompts.intact=[rien]"):
        assert evaluation_set_id(apply_override(vl_params, changed), "vl") != base, changed
    assert evaluation_set_id(apply_override(vl_params, "evaluate.seed=11"), "vl") != base
    # the corpus content: one report's findings changed in place (same path) changes the id; restoring it restores it
    corpus = Path(vl_params["vl"]["corpus"])
    original = corpus.read_bytes()
    frame = pd.read_parquet(corpus)
    frame.loc[0, "findings"] = str(frame.loc[0, "findings"]) + " Contrôle dans un mois."
    frame.to_parquet(corpus, index=False)
    assert evaluation_set_id(vl_params, "vl") != base
    corpus.write_bytes(original)
    assert evaluation_set_id(vl_params, "vl") == base


def test_vl_rescoring_matches_evaluation_and_unblocks_a_content_recall_gate(
    vl_params: dict[str, Any], tmp_path: Path
) -> None:
    from xraymatch.evaluation.vl import run_vl_evaluation
    from xraymatch.training.train import TrainConfig, train

    torch.set_num_threads(1)
    checks = tmp_path / "checks"
    checks.mkdir()
    for suite in ("ct_manifest", "drr_cache", "reports_corpus"):
        (checks / f"{suite}.json").write_text(json.dumps({"success": True}))
    params = apply_override(vl_params, f"checks.report_dir={checks}")
    params = apply_override(params, f"promote.log={tmp_path / 'promotions.jsonl'}")
    client = _client(params)

    # v1: recorded the way evaluations were before content recall existed (no content metrics, old-style set id)
    train(TrainConfig.from_params(params, "vl"))
    v1 = load_version_bundle(client, NAME, "1").model
    scored, set_id = rescore("vl", v1, params, **version_inputs(client, NAME, "1", v1))
    assert set_id == evaluation_set_id(params, "vl") and CONTENT in scored
    gate = load_params(REPO_ROOT / "params.yaml")["promote"]["objectives"]["vl"]  # the project's gate reads these
    assert {gate["primary"]["metric"], *gate["guards"], *gate["floors"]} <= set(scored)
    run_id = client.get_model_version(NAME, "1").run_id
    for key, value in scored.items():
        if "content" not in key and value == value:
            client.log_metric(run_id, "test/" + key.replace("@", "_at_"), value)
    client.set_tag(run_id, "eval_set", _old_style_id(params))
    # the gate as it was (exact-report recall), without the project's floors: a tiny model is near chance
    old_gate = apply_override(params, "promote.objectives.vl.primary={metric: i2t_recall@10, mode: max, margin: 0.0}")
    old_gate = apply_override(old_gate, "promote.objectives.vl.floors={}")
    assert promote(old_gate, NAME, scorer=rescore).champion_after == "1"

    # v2 through the evaluate_vl stage: re-scoring its registered bundle gives the stage's numbers exactly (a fresh
    # models dir, as DVC gives each run: Lightning would write v2's last checkpoint beside v1's as last-v1.ckpt)
    params = apply_override(params, f"train.models_dir={tmp_path / 'models_v2'}")
    train(TrainConfig.from_params(params, "vl"))
    result = run_vl_evaluation(params)
    v2 = load_version_bundle(client, NAME, "2").model
    inputs = version_inputs(client, NAME, "2", v2)
    assert inputs["tokenizer"].vocab_size == int(v2.hparams["vocab_size"])
    again, again_set = rescore("vl", v2, params, **inputs)
    assert again == pytest.approx(result["model"], nan_ok=True) and set(again) == set(result["model"])
    assert rescore("vl", v2, params)[0] == pytest.approx(again, nan_ok=True)  # default: models/vl/tokenizer.json
    assert client.get_run(client.get_model_version(NAME, "2").run_id).data.tags["eval_set"] == again_set

    # a gate on content recall, which v1's record lacks: both versions are re-scored, the gate decides
    rules = apply_override(old_gate, f"promote.objectives.vl.primary={{metric: {CONTENT}, mode: max, margin: -1.0}}")
    decided = promote(rules, NAME, scorer=rescore)
    assert decided.passed and decided.champion_after == "2", decided.reasons
    assert decided.metrics["champion"][CONTENT] == pytest.approx(scored[CONTENT])
    entry = promotion_log.read(tmp_path / "promotions.jsonl", NAME)[-1]
    assert entry["reevaluated"] and entry["eval_set"] == again_set and CONTENT in entry["champion_metrics"]
