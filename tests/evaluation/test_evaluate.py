"""The evaluate stage on tiny trained models: every objective scored beside its baselines, with the caveat."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from xraymatch.config import apply_override
from xraymatch.errors import InputError
from xraymatch.evaluation.evaluate import run_evaluation
from xraymatch.training.train import TrainConfig, train


def test_all_objectives_are_scored_against_baselines(train_params, tmp_path: Path) -> None:
    params = apply_override(train_params, f"evaluate.metrics_dir={tmp_path / 'metrics'}")
    params = apply_override(params, f"evaluate.plots_dir={tmp_path / 'plots'}")
    for objective in ("multiview", "sam", "afire"):
        train(TrainConfig.from_params(params, objective), register=objective == "multiview")
    results = run_evaluation(params)
    import mlflow

    client = mlflow.tracking.MlflowClient(tracking_uri=params["train"]["tracking_uri"])
    (version,) = client.search_model_versions("name='xraymatch-multiview'")
    run = client.get_run(version.run_id)
    assert "test/ap" in run.data.metrics
    assert "evaluation/multiview.json" in [a.path for a in client.list_artifacts(version.run_id, "evaluation")]
    multiview = json.loads((tmp_path / "metrics" / "multiview.json").read_text())
    assert "proxy" in multiview["caveat"]
    for method in ("model", "random_init", "sift", "orb"):
        assert 0.0 <= multiview[method]["ap"] <= 1.0 and "pck@10px" in multiview[method]
    sam = results["sam"]
    assert "model" in sam, sam
    for method in ("model", "random_init", "ncc"):
        assert np.isfinite(sam[method]["mre_mm"]) and "success@8mm" in sam[method]
    afire = results["afire"]
    assert 0.0 <= afire["model"]["lesion_token_auroc"] <= 1.0
    # The probe needs two anatomy classes among the held-out tokens; with one it is not reported (not a fake 1.0).
    probed = afire["majority_class"]["n_classes_test"] > 1
    assert ("token_probe_balanced_accuracy" in afire["model"]) == probed
    assert ("token_probe_accuracy" in afire["random_init"]) == probed
    # A constant guess is right on one class only: its balanced accuracy is 1 / (classes present in the test tokens).
    majority = afire["majority_class"]
    assert majority["token_probe_balanced_accuracy"] == pytest.approx(1 / majority["n_classes_test"])
    downstream = json.loads((tmp_path / "metrics" / "downstream.json").read_text())
    assert "fine-tuning" in downstream["caveat"] and "pixels" in downstream, downstream
    for encoder in ("pixels", "multiview_pretrained", "sam_scratch", "afire_pretrained"):
        assert set(downstream[encoder]) == {"1%", "10%", "100%"}
        assert 0.0 <= downstream[encoder]["100%"]["accuracy"] <= 1.0
    assert (tmp_path / "plots" / "multiview_pr.csv").exists()
    import pandas as pd

    curve = pd.read_csv(tmp_path / "plots" / "multiview_loss.csv")
    assert list(curve.columns) == ["epoch", "train_loss", "val_loss"] and curve["val_loss"].notna().all()
    assert (tmp_path / "plots" / "landmark_error_cdf.csv").exists()


def test_missing_model_is_named(train_params, tmp_path: Path) -> None:
    params = apply_override(train_params, f"train.models_dir={tmp_path / 'empty'}")
    with pytest.raises(InputError, match=r"no trained multiview model"):
        run_evaluation(params)
