from __future__ import annotations

from pathlib import Path

import lightning as L
import pytest
import torch

from tests.objectives.synthetic import SyntheticBatches, make_batch
from xraymatch.errors import ConfigError
from xraymatch.objectives.multiview import TINY, MultiViewMatching, average_precision, soft_info_nce


def tiny_model(**overrides: object) -> MultiViewMatching:
    return MultiViewMatching(image_size=32, grid=8, **{**TINY, **overrides})  # type: ignore[arg-type]


def test_shapes_of_matrix_and_tokens() -> None:
    model = tiny_model().eval()
    batch = make_batch(batch=2, views=3)
    matrix = model.predict_matrix({"images": batch["images"]})
    assert matrix.shape == (2, 64, 64) and matrix.min() >= 0 and matrix.max() <= 1 + 1e-6
    tokens = model.encode(batch["images"][:, 0])
    assert tokens.shape == (2, 64, TINY["width"])
    assert torch.allclose(tokens.norm(dim=-1), torch.ones(2, 64), atol=1e-5)


@pytest.mark.parametrize("loss", ["mse", "infonce"])
def test_fast_dev_run_and_checkpoint_round_trip(loss: str, tmp_path: Path) -> None:
    loader = torch.utils.data.DataLoader(SyntheticBatches(2, batch=2), batch_size=None)
    trainer = L.Trainer(fast_dev_run=True, accelerator="cpu", logger=False, enable_checkpointing=False)
    model = tiny_model(loss=loss)
    trainer.fit(model, loader, loader)
    assert torch.isfinite(trainer.callback_metrics["train/loss"])
    assert {"val/loss", "val/precision", "val/recall", "val/ap"} <= set(trainer.callback_metrics)
    trainer.save_checkpoint(tmp_path / "model.ckpt")
    restored = MultiViewMatching.load_from_checkpoint(tmp_path / "model.ckpt").eval()
    images = make_batch(batch=1)["images"]
    assert restored.hparams["loss"] == loss
    assert torch.allclose(restored.predict_matrix({"images": images}), model.eval().predict_matrix({"images": images}))


@pytest.mark.parametrize("loss", ["mse", "infonce"])
def test_overfits_a_fixed_batch(loss: str) -> None:
    torch.manual_seed(0)
    model = tiny_model(loss=loss)
    batch = make_batch(batch=2)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    losses = []
    for _ in range(30):
        loss_value = model.compute_loss(model.predict_matrix(batch), batch["correspondence"])
        optimizer.zero_grad()
        loss_value.backward()
        optimizer.step()
        losses.append(loss_value.item())
    assert losses[-1] < 0.5 * losses[0]
    if loss == "mse":  # better than the trivial all-zero prediction: the matches themselves were learnt
        assert losses[-1] < 0.9 * batch["correspondence"].square().mean().item()


def test_infonce_prefers_the_target_to_a_shuffled_prediction() -> None:
    target = make_batch(batch=2)["correspondence"]
    shuffled = target[:, torch.randperm(64, generator=torch.Generator().manual_seed(1))]
    assert soft_info_nce(target, target, 0.1) < soft_info_nce(shuffled, target, 0.1)


def test_average_precision() -> None:
    labels = torch.tensor([True, False, True, False])
    assert average_precision(torch.tensor([0.9, 0.1, 0.8, 0.2]), labels) == 1.0
    assert average_precision(torch.tensor([0.1, 0.9, 0.8, 0.2]), labels).item() == pytest.approx((1 / 2 + 2 / 4) / 2)


def test_bad_hyper_parameters_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="loss"):
        tiny_model(loss="hinge")
    with pytest.raises(ConfigError, match="multiple of grid"):
        MultiViewMatching(image_size=30, grid=8)
