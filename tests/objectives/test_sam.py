from __future__ import annotations

from pathlib import Path

import lightning as L
import torch
import torch.nn.functional as F

from tests.objectives.synthetic import SyntheticBatches, make_batch
from xraymatch.objectives.sam import TINY, AnatomicalEmbedding, cell_centres, pixel_info_nce, sample_at


def tiny_model(**overrides: object) -> AnatomicalEmbedding:
    return AnatomicalEmbedding(**{**TINY, **overrides})  # type: ignore[arg-type]


def test_embeddings_are_unit_maps_at_both_strides() -> None:
    fine, coarse = tiny_model().eval().embed(torch.rand(2, 1, 32, 32))
    assert fine.shape == (2, TINY["dim"], 16, 16) and coarse.shape == (2, TINY["dim"], 2, 2)
    assert torch.allclose(fine.norm(dim=1), torch.ones(2, 16, 16), atol=1e-5)


def test_sampling_at_a_cell_centre_returns_that_cell() -> None:
    emb = F.normalize(torch.randn(8, 4, 6), dim=0)  # a stride-2 map of an 8 x 12 image
    centres = cell_centres(4, 6, 2.0)
    assert torch.allclose(sample_at(emb, centres, (8, 12)), emb.flatten(1).T, atol=1e-5)


def test_locate_finds_the_exact_point_in_an_identical_image() -> None:
    model = tiny_model()
    torch.manual_seed(0)
    fine = F.normalize(torch.randn(32, 16, 16), dim=0)
    points = cell_centres(16, 16, 2.0)[torch.randperm(256)[:20]]
    for coarse in (F.normalize(torch.randn(32, 2, 2), dim=0), F.normalize(torch.ones(32, 2, 2), dim=0)):
        found, confidence = model.locate((fine, coarse), points, (fine, coarse))
        assert torch.equal(found, points)
        assert confidence.shape == (20,) and confidence.le(1 + 1e-5).all()


def test_infonce_is_lower_for_aligned_embeddings_than_for_shuffled_ones() -> None:
    torch.manual_seed(0)
    candidates = F.normalize(torch.randn(64, 16), dim=-1)
    xy = cell_centres(8, 8, 2.0)
    chosen = torch.randperm(64)[:10]
    anchors = F.normalize(candidates[chosen] + 0.1 * torch.randn(10, 16), dim=-1)

    def loss(positives: torch.Tensor) -> torch.Tensor:
        sim = anchors @ candidates.T
        return pixel_info_nce(anchors, positives, candidates, xy, xy[chosen], sim, 1.0, 16, 8, 8, 0.5).mean()

    assert loss(candidates[chosen]) < loss(candidates[chosen[torch.randperm(10)]])


def test_fast_dev_run_and_checkpoint_round_trip(tmp_path: Path) -> None:
    loader = torch.utils.data.DataLoader(SyntheticBatches(2, batch=2), batch_size=None)
    trainer = L.Trainer(fast_dev_run=True, accelerator="cpu", logger=False, enable_checkpointing=False)
    model = tiny_model()
    trainer.fit(model, loader, loader)
    assert torch.isfinite(trainer.callback_metrics["train/loss"])
    assert {"val/loss", "val/track_error_px"} <= set(trainer.callback_metrics)
    trainer.save_checkpoint(tmp_path / "model.ckpt")
    restored = AnatomicalEmbedding.load_from_checkpoint(tmp_path / "model.ckpt").eval()
    images = torch.rand(1, 1, 32, 32)
    assert torch.allclose(restored.embed(images)[0], model.eval().embed(images)[0])


def test_overfits_a_fixed_batch() -> None:
    torch.manual_seed(0)
    model = tiny_model()
    batch = make_batch(batch=2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
    losses = []
    for _ in range(30):
        loss = model.compute_loss(batch)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert sum(losses[-5:]) / 5 < 0.8 * sum(losses[:5]) / 5


def test_no_shared_track_gives_a_zero_loss_with_gradients() -> None:
    batch = make_batch(batch=1)
    batch["tracks_visible"][:, 1] = False
    loss = tiny_model().compute_loss(batch)
    assert loss.item() == 0.0 and loss.requires_grad
