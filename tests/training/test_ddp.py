"""Scale-out: two CPU processes train with DDP (gloo) from the same params the GPU profile uses."""

from __future__ import annotations

import pytest
import torch

from xraymatch.config import apply_override
from xraymatch.training.train import TrainConfig, train


@pytest.mark.slow
def test_two_process_ddp_on_cpu(train_params) -> None:
    params = apply_override(train_params, "train.devices=2")
    params = apply_override(params, "train.strategy=ddp_spawn")
    result = train(TrainConfig.from_params(params, "multiview"), register=False)
    checkpoint = torch.load(result.checkpoint, weights_only=False)
    assert checkpoint["xraymatch"]["objective"] == "multiview"
    assert checkpoint["global_step"] > 0
    assert all(torch.isfinite(v).all() for v in checkpoint["state_dict"].values() if v.is_floating_point())


def test_gpu_profile_selects_gpus_and_the_papers_geometry(tmp_path) -> None:
    from tests.conftest import REPO_ROOT
    from xraymatch.config import load_params
    from xraymatch.data.build import RenderConfig

    params = load_params(REPO_ROOT / "params.yaml", profile="gpu")
    assert params["train"]["accelerator"] == "gpu" and params["train"]["strategy"] == "ddp"
    config = RenderConfig.from_params(params)
    assert (config.sampler.height, config.sampler.pixel_spacing_mm) == (256, 2.0)
