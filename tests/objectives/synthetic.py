"""Synthetic batches following the datamodule's batch contract: view v is view 0 rolled by a whole number of patches,
so the correspondence matrix is a permutation and tracks move by the same shift."""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F


def make_batch(
    batch: int = 2, views: int = 2, size: int = 32, grid: int = 8, tracks: int = 24, landmarks: int = 3, seed: int = 0
) -> dict[str, Any]:
    gen = torch.Generator().manual_seed(seed)
    patch = size // grid
    base = F.interpolate(torch.rand(batch, 1, size // 4, size // 4, generator=gen), size=(size, size), mode="bilinear")
    shifts = [(0, 0)] + [(int(s[0]), int(s[1])) for s in torch.randint(1, grid, (views - 1, 2), generator=gen)]
    images = torch.stack([base.roll((dr * patch, dc * patch), dims=(-2, -1)) for dr, dc in shifts], dim=1)

    rows, cols = torch.meshgrid(torch.arange(grid), torch.arange(grid), indexing="ij")
    dr, dc = shifts[1]
    target = ((rows + dr) % grid * grid + (cols + dc) % grid).flatten()
    correspondence = torch.zeros(grid * grid, grid * grid)
    correspondence[torch.arange(grid * grid), target] = 1.0

    def moved(points: torch.Tensor) -> torch.Tensor:  # points (B, N, 2) as (u, v) in view 0 -> (B, V, N, 2)
        return torch.stack([(points + torch.tensor([dc * patch, dr * patch])) % size for dr, dc in shifts], dim=1)

    points = torch.randint(0, size, (batch, tracks, 2), generator=gen).float() + 0.5
    marks = torch.randint(0, size, (batch, landmarks, 2), generator=gen).float() + 0.5
    return {
        "images": images,
        "correspondence": correspondence.expand(batch, -1, -1).clone(),
        "tracks_2d": moved(points),
        "tracks_visible": torch.rand(batch, views, tracks, generator=gen) > 0.1,
        "landmarks_2d": moved(marks),
        "landmarks_visible": torch.ones(batch, views, landmarks, dtype=torch.bool),
        "anatomy": (images[:, :, 0] > 0.5).long(),
        "fracture": torch.zeros(batch),
        "sample_id": [f"synthetic-{seed}-{i}" for i in range(batch)],
    }


class SyntheticBatches(torch.utils.data.Dataset):
    """A few fixed synthetic batches, served one batch per item (use with DataLoader(batch_size=None))."""

    def __init__(self, n: int = 2, **kwargs: Any) -> None:
        self.batches = [make_batch(seed=i, **kwargs) for i in range(n)]

    def __len__(self) -> int:
        return len(self.batches)

    def __getitem__(self, i: int) -> dict[str, Any]:
        return self.batches[i]
