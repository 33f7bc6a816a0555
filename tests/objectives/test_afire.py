"""AFiRe objective: Sinkhorn targets, EMA teacher, lesion coverage, masked token loss, training smoke and overfit."""

from __future__ import annotations

import lightning as L
import numpy as np
import pytest
import torch
from timm.layers import PatchEmbed
from torch.utils.data import DataLoader, Dataset

from xraymatch.objectives.afire import (
    AFiRe,
    cosine_momentum,
    patchify,
    token_coverage,
    token_labels,
    token_loss,
)
from xraymatch.objectives.sinkhorn import sinkhorn_knopp

SIZE, PATCH, VIEWS = 32, 8, 2
TINY = {
    "image_size": SIZE,
    "patch_size": PATCH,
    "backbone_kwargs": {"depth": 1, "embed_dim": 32, "num_heads": 2},
    "head_hidden_dim": 32,
    "bottleneck_dim": 16,
    "prototypes": 8,
    "decoder_dim": 32,
    "decoder_depth": 1,
    "decoder_heads": 2,
}


def phantoms(count: int, seed: int = 0) -> torch.Tensor:
    """(count, 1, SIZE, SIZE) smooth body-like images in [0, 1]: an off-centre Gaussian blob plus a little noise."""
    generator = torch.Generator().manual_seed(seed)
    y, x = torch.meshgrid(torch.linspace(-1, 1, SIZE), torch.linspace(-1, 1, SIZE), indexing="ij")
    centres = torch.rand(count, 2, generator=generator) * 0.6 - 0.3
    blobs = torch.exp(-((x - centres[:, :1, None]) ** 2 + (y - centres[:, 1:, None]) ** 2) / 0.3)
    noise = torch.rand(count, SIZE, SIZE, generator=generator)
    return (0.6 * blobs + 0.1 * noise)[:, None].clamp(0, 1)


def tiny_model(**overrides: object) -> AFiRe:
    torch.manual_seed(0)
    return AFiRe(**{**TINY, **overrides})


def test_sinkhorn_approaches_uniform_marginals() -> None:
    scores = torch.randn(5, 16, 8, generator=torch.Generator().manual_seed(1))  # 5 positions, B=16, K=8

    def prototype_error(iterations: int) -> float:
        return float((sinkhorn_knopp(scores, iterations).sum(dim=-2) - 16 / 8).abs().max())

    q = sinkhorn_knopp(scores, 3)
    assert torch.all(q >= 0)
    torch.testing.assert_close(q.sum(dim=-1), torch.ones(5, 16))  # each sample: a distribution
    assert prototype_error(3) < 0.05 * 16 / 8  # each prototype: close to B/K samples
    assert prototype_error(3) < 0.2 * prototype_error(1)
    assert prototype_error(50) < 1e-3


def test_sinkhorn_invariant_to_constant_shift() -> None:
    scores = torch.randn(3, 10, 6, generator=torch.Generator().manual_seed(2)) * 5
    torch.testing.assert_close(sinkhorn_knopp(scores + 123.0, 3), sinkhorn_knopp(scores, 3))


def test_teacher_moves_by_one_minus_momentum_and_has_no_gradients() -> None:
    model = tiny_model()
    with torch.no_grad():
        for param in model.student.parameters():
            param.add_(torch.randn_like(param))
    before = [p.clone() for p in model.teacher.parameters()]
    student = [p.detach().clone() for p in model.student.parameters()]
    model.update_teacher(0.9)
    for old, new, target in zip(before, model.teacher.parameters(), student, strict=True):
        torch.testing.assert_close(new, old + 0.1 * (target - old), atol=1e-6, rtol=1e-6)

    loss = model.losses(phantoms(4), np.random.default_rng(0), update_centre=True)["loss"]
    loss.backward()
    assert all(not p.requires_grad and p.grad is None for p in model.teacher.parameters())
    assert any(p.grad is not None for p in model.student.parameters())


def test_momentum_schedule_runs_from_base_to_one() -> None:
    assert cosine_momentum(0, 100, 0.996) == pytest.approx(0.996)
    assert cosine_momentum(50, 100, 0.996) == pytest.approx(0.998)
    assert cosine_momentum(100, 100, 0.996) == pytest.approx(1.0)


def test_one_pixel_lesion_covers_exactly_its_token() -> None:
    mask = torch.zeros(2, 1, SIZE, SIZE)
    mask[1, 0, 13, 21] = 0.2
    covered = token_coverage(mask, PATCH)
    expected = torch.zeros(2, (SIZE // PATCH) ** 2, dtype=torch.bool)
    expected[1, (13 // PATCH) * (SIZE // PATCH) + 21 // PATCH] = True
    assert torch.equal(covered, expected)


def test_patch_order_matches_the_vit_patch_embedding() -> None:
    """Token n of patchify/token_coverage/token_labels is token n of the ViT (the position-anatomy link)."""
    embed = PatchEmbed(img_size=SIZE, patch_size=PATCH, in_chans=1, embed_dim=1)
    with torch.no_grad():
        embed.proj.weight.zero_()
        embed.proj.weight[0, 0, 0, 0] = 1.0  # the patch's top-left pixel
        embed.proj.bias.zero_()
    image = torch.arange(SIZE * SIZE, dtype=torch.float32).reshape(1, 1, SIZE, SIZE)
    torch.testing.assert_close(embed(image)[..., 0], patchify(image, PATCH)[..., 0])


def test_token_labels_take_the_majority_label() -> None:
    anatomy = torch.zeros(1, SIZE, SIZE, dtype=torch.int64)
    anatomy[0, :5, :8] = 3  # 40 of token 0's 64 pixels
    anatomy[0, 8:16, 0:2] = 7  # 16 of token 4's 64 pixels: background wins
    labels = token_labels(anatomy, PATCH)
    assert labels.shape == (1, 16)
    assert labels[0, 0] == 3
    assert torch.all(labels[0, 1:] == 0)


def test_token_loss_ignores_covered_tokens() -> None:
    generator = torch.Generator().manual_seed(3)
    logits = torch.randn(4, 16, 8, generator=generator)
    targets = torch.softmax(torch.randn(4, 16, 8, generator=generator), dim=-1)
    covered = torch.rand(4, 16, generator=generator) < 0.4
    loss = token_loss(logits, targets, covered, 0.1)

    at_covered = logits + covered[..., None] * torch.randn(4, 16, 8, generator=generator) * 10
    torch.testing.assert_close(token_loss(at_covered, targets, covered, 0.1), loss)
    at_uncovered = logits + (~covered)[..., None] * torch.randn(4, 16, 8, generator=generator)
    assert not torch.isclose(token_loss(at_uncovered, targets, covered, 0.1), loss)


class ContractDataset(Dataset[dict[str, torch.Tensor]]):
    """Samples as the lead's datamodule gives them: images (V, 1, H, W) in [0, 1], anatomy (V, H, W) int64."""

    def __init__(self, count: int) -> None:
        self.images = phantoms(count * VIEWS).reshape(count, VIEWS, 1, SIZE, SIZE)

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int) -> dict[str, torch.Tensor]:
        images = self.images[index]
        return {"images": images, "anatomy": (images[:, 0] > 0.4).long()}


def test_fast_dev_run_trains_one_step() -> None:
    model = tiny_model()
    teacher_before = [p.clone() for p in model.teacher.parameters()]
    loader = DataLoader(ContractDataset(4), batch_size=2)
    trainer = L.Trainer(
        fast_dev_run=True, accelerator="cpu", logger=False, enable_checkpointing=False, enable_progress_bar=False
    )
    trainer.fit(model, loader, loader)
    assert torch.isfinite(trainer.callback_metrics["train/loss"])
    assert torch.isfinite(trainer.callback_metrics["val/loss"])
    assert any(not torch.equal(a, b) for a, b in zip(teacher_before, model.teacher.parameters(), strict=True))
    assert model.centre.abs().sum() > 0
    tokens = model.encode(loader.dataset[0]["images"])
    assert tokens.shape == (VIEWS, (SIZE // PATCH) ** 2, 32)


def test_restoration_loss_decreases_when_overfitting_one_batch() -> None:
    model = tiny_model()
    images = phantoms(4, seed=5)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    history = []
    for _ in range(30):
        losses = model.losses(images, np.random.default_rng(0), update_centre=True)
        optimizer.zero_grad()
        losses["loss"].backward()
        optimizer.step()
        model.update_teacher(0.996)
        history.append(float(losses["restoration_loss"]))
    assert history[-1] < 0.3 * history[0]
