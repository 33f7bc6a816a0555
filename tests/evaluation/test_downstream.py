"""Downstream fine-tuning on tiny hand-made data with known answers: separable cases score AUROC 1, every label share
starts from the same weights, the summary compares pretrained with scratch, and missing classes are reported."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import torch

from xraymatch.evaluation.downstream import (
    FinetuneConfig,
    evaluate_downstream,
    finetune_scores,
    pretrained_vs_scratch,
    probe_scores,
    stratified_subset,
)
from xraymatch.models.registry import create_model
from xraymatch.objectives import fracture

SIZE = 32
TUNING = FinetuneConfig(epochs=2, min_steps=12, batch_size=8, lr=3e-3, encoder_lr_scale=1.0, hidden=16)


def samples(n: int, seed: int) -> list[dict[str, Any]]:
    """Two-view samples; fractured ones are bright (0.8 +- noise), intact ones dark (0.2 +- noise): separable."""
    gen = torch.Generator().manual_seed(seed)
    out = []
    for i in range(n):
        label = i % 2
        images = (0.2 + 0.6 * label) + 0.05 * torch.randn(2, 1, SIZE, SIZE, generator=gen)
        out.append({"images": images.clamp(0, 1), "fracture": torch.tensor(float(label))})
    return out


def classifier() -> Any:
    torch.manual_seed(0)
    return create_model("fracture", **{**fracture.TINY, "image_size": SIZE, "finetune": "tail", "hidden": 16})


def test_stratified_subset_keeps_two_of_each_class_and_the_share() -> None:
    labels = np.array([0] * 90 + [1] * 10)
    small = stratified_subset(labels, 0.01, np.random.default_rng(0))
    assert sorted(labels[small].tolist()) == [0, 0, 1, 1]
    half = stratified_subset(labels, 0.5, np.random.default_rng(0))
    assert (labels[half] == 0).sum() == 45 and (labels[half] == 1).sum() == 5 and len(set(half)) == len(half)


def test_a_perfectly_separable_feature_gives_auroc_one() -> None:
    rng = np.random.default_rng(0)
    y = np.array([0, 1] * 20)
    x = np.c_[y + 0.1 * rng.standard_normal(len(y)), rng.standard_normal(len(y))]
    scores = probe_scores(x, y, x[::-1], y[::-1], (0.1, 1.0), seed=0)
    assert scores["10%"]["auroc"] == 1.0 and scores["100%"]["auroc"] == 1.0 and scores["100%"]["accuracy"] == 1.0


def test_finetuning_separates_bright_from_dark_and_restarts_each_share() -> None:
    model = classifier()
    initial = {k: v.clone() for k, v in model.state_dict().items()}
    results = finetune_scores(model, samples(32, 0), samples(16, 1), (0.1, 1.0), seed=0, config=TUNING)
    assert results["100%"]["auroc"] == 1.0 and results["100%"]["n_train"] == 32, results
    assert results["10%"]["n_train"] == 4 and results["10%"]["steps"] == TUNING.min_steps
    assert all(torch.equal(initial[k], v) for k, v in model.state_dict().items())  # left as it was found


def test_only_the_last_block_and_head_move() -> None:
    from xraymatch.evaluation.downstream import fit_tail, stem_features

    model = classifier()
    before = {k: v.clone() for k, v in model.state_dict().items()}
    data = samples(8, 0)
    fit_tail(model, stem_features(model, data), np.array([0, 1] * 4), TUNING, seed=0)
    moved = {k for k, v in model.state_dict().items() if not torch.equal(before[k], v)}
    assert any(k.startswith("head.") for k in moved) and any("transformer.blocks.0" in k for k in moved)
    assert not any(k.startswith("encoder.backbone.") for k in moved)  # the stem is frozen


def test_evaluate_downstream_reports_encoders_pixels_and_the_goal() -> None:
    results = evaluate_downstream(
        {"tiny_pretrained": classifier, "tiny_scratch": classifier},
        samples(24, 0),
        samples(12, 1),
        (0.1, 1.0),
        seed=0,
        config=TUNING,
    )
    assert results["n_test"] == 12 and results["test_fracture_rate"] == 0.5
    assert set(results["pixels"]) == {"10%", "100%"} and results["pixels"]["100%"]["auroc"] == 1.0
    summary = results["summary"]["tiny"]
    # the same classifier, seed and data: identical numbers, so "pretrained above scratch" is honestly False
    assert summary["pretrained_auroc"] == summary["scratch_auroc"] and summary["pretrained_above_scratch"] is False
    assert summary["difference_ci95"] == [0.0, 0.0] and summary["pretrained_above_scratch_significant"] is False
    assert all("test_probabilities" not in entry for entry in results["tiny_pretrained"].values())


def test_summary_compares_pretrained_with_scratch_at_the_share() -> None:
    results = {
        "a_pretrained": {"10%": {"auroc": 0.7}},
        "a_scratch": {"10%": {"auroc": 0.6}},
        "b_pretrained": {"10%": {"auroc": 0.5}},
        "b_scratch": {"10%": {"auroc": 0.55}},
    }
    summary = pretrained_vs_scratch(results, "10%")
    assert summary["a"]["pretrained_above_scratch"] is True and summary["b"]["pretrained_above_scratch"] is False
    assert pretrained_vs_scratch(results, None) == {}


def test_a_split_without_fractures_is_reported_not_scored() -> None:
    intact = [s for s in samples(8, 0) if not s["fracture"]]
    result = evaluate_downstream({"tiny_pretrained": classifier}, intact, samples(8, 1), (1.0,), seed=0)
    assert "skipped" in result


def test_unknown_finetune_key_is_named() -> None:
    from xraymatch.errors import ConfigError

    with pytest.raises(ConfigError, match=r"evaluate.finetune.epoch: unknown key"):
        FinetuneConfig.from_params({"epoch": 3})
