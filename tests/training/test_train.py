"""Training end to end on a tiny cache: every objective fits, logs to MLflow and registers; resume and guards."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from xraymatch.config import apply_override
from xraymatch.errors import ConfigError
from xraymatch.training.guards import TrainingDiverged
from xraymatch.training.train import TrainConfig, train


@pytest.mark.parametrize("objective", ["multiview", "sam", "afire"])
def test_fast_dev_run_of_each_objective(train_params, objective: str) -> None:
    result = train(TrainConfig.from_params(train_params, objective), fast_dev_run=True)
    assert result.model_version is None
    assert any("loss" in key for key in result.metrics)
    assert all(torch.isfinite(torch.tensor(v)) for v in result.metrics.values())


def test_training_registers_a_version_with_tags_and_resumes(train_params, tmp_path: Path) -> None:
    import mlflow

    config = TrainConfig.from_params(train_params, "multiview")
    first = train(config)
    assert first.model_version == "1" and first.checkpoint.exists()
    client = mlflow.tracking.MlflowClient(tracking_uri=config.tracking_uri)
    run = client.get_run(first.run_id)
    assert run.data.tags["objective"] == "multiview" and "git_commit" in run.data.tags
    assert "train/loss" in run.data.metrics or any("loss" in k for k in run.data.metrics)
    artifacts = [a.path for a in client.list_artifacts(first.run_id, "figures")]
    assert {"figures/loss_curves.png", "figures/multiview.png"} <= set(artifacts)
    version = client.get_model_version("xraymatch-multiview", "1")
    assert version.run_id == first.run_id
    # resume: one more epoch continues from last.ckpt (global step grows) and registers version 2
    steps_before = torch.load(first.checkpoint, weights_only=False)["global_step"]
    resumed = train(
        TrainConfig.from_params(apply_override(train_params, "train.max_epochs.multiview=2"), "multiview"), resume=True
    )
    assert torch.load(resumed.checkpoint, weights_only=False)["global_step"] == 2 * steps_before
    assert resumed.model_version == "2"


def test_resume_refuses_another_objectives_checkpoint(train_params, tmp_path: Path) -> None:
    config = TrainConfig.from_params(train_params, "multiview")
    train(config, register=False)
    target = Path(train_params["train"]["models_dir"]) / "sam" / "checkpoints"
    target.mkdir(parents=True)
    (target / "last.ckpt").write_bytes(
        (Path(train_params["train"]["models_dir"]) / "multiview" / "checkpoints" / "last.ckpt").read_bytes()
    )
    with pytest.raises(ConfigError, match=r"checkpoint of objective 'multiview', not 'sam'"):
        train(TrainConfig.from_params(train_params, "sam"), resume=True)


def test_model_params_that_disagree_with_the_cache_are_named(train_params) -> None:
    params = apply_override(train_params, "train.objectives.multiview.grid=4")
    with pytest.raises(ConfigError, match=r"grid=4 but the cache at hand has grid=8"):
        train(TrainConfig.from_params(params, "multiview"))


def test_nan_loss_stops_and_keeps_the_last_good_checkpoint(train_params, monkeypatch: pytest.MonkeyPatch) -> None:
    config = TrainConfig.from_params(train_params, "multiview")
    good = train(config, register=False)
    saved = good.checkpoint.read_bytes()
    from xraymatch.objectives.multiview import MultiViewMatching

    original = MultiViewMatching.compute_loss
    monkeypatch.setattr(MultiViewMatching, "compute_loss", lambda self, p, t: original(self, p, t) * float("nan"))
    with pytest.raises(TrainingDiverged, match="non-finite loss"):
        train(
            TrainConfig.from_params(apply_override(train_params, "train.max_epochs.multiview=2"), "multiview"),
            resume=True,
        )
    assert good.checkpoint.read_bytes() == saved


def test_unknown_objective_is_a_config_error(train_params) -> None:
    with pytest.raises(ConfigError, match="choose one of"):
        TrainConfig.from_params(train_params, "nope")


@pytest.mark.parametrize("objective", ["sam", "afire"])
def test_dense_objectives_register_with_their_pca_picture(train_params, objective: str) -> None:
    import mlflow

    config = TrainConfig.from_params(train_params, objective)
    result = train(config)
    client = mlflow.tracking.MlflowClient(tracking_uri=config.tracking_uri)
    assert f"figures/{objective}.png" in [a.path for a in client.list_artifacts(result.run_id, "figures")]
    model = mlflow.pytorch.load_model(f"models:/xraymatch-{objective}/{result.model_version}")
    images = torch.rand(1, 2, 1, 32, 32)
    assert torch.isfinite(model(images)).all()
