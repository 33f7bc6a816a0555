"""LightningDataModule over the DRR cache: normalised views, consistent augmentations, padded batches.

Batch contract (what every objective receives): images (B, V, 1, H, W) in [0, 1]; correspondence (B, P, P) for
views 0 and 1; tracks_2d (B, V, M, 2), tracks_visible (B, V, M); landmarks_2d (B, V, L, 2), landmarks_visible
(B, V, L) padded to the batch's largest L (padding is invisible); anatomy (B, V, H, W) int64 (zeros without labels);
fracture (B,) float; sample_id, case_id lists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import lightning as L
import numpy as np
import torch

from xraymatch.data.augment import AugmentConfig, augment, normalise
from xraymatch.data.cache import DRRCache
from xraymatch.errors import InputError


class TrainingSamples(torch.utils.data.Dataset):
    """Cache items turned into training samples (normalised, optionally augmented with a per-item seed)."""

    def __init__(self, cache: DRRCache, augment_config: AugmentConfig | None, seed: int = 0) -> None:
        self.cache = cache
        self.augment_config = augment_config
        self.seed = seed
        self.epoch = 0

    def __len__(self) -> int:
        return len(self.cache)

    def __getitem__(self, i: int) -> dict[str, Any]:
        item = self.cache[i]
        images = torch.stack([normalise(view) for view in item["images"]])
        height, width = images.shape[-2:]
        matrix = item["correspondence"][(0, 1)]
        grid = round(matrix.shape[0] ** 0.5)
        views = images.shape[0]
        sample: dict[str, Any] = {
            "images": images,
            "correspondence": matrix.clone(),
            "tracks_2d": item["tracks_2d"].clone(),
            "tracks_visible": item["tracks_visible"].clone().bool(),
            "landmarks_2d": item.get("landmarks_2d", torch.zeros(views, 0, 2)).clone(),
            "landmarks_visible": item.get("landmarks_visible", torch.zeros(views, 0, dtype=torch.bool)).clone().bool(),
            "anatomy": item.get("anatomy", torch.zeros(views, height, width, dtype=torch.long)).clone(),
            "fracture": torch.tensor(float(item["fracture"].get("present", False))),
            "sample_id": item["sample_id"],
            "case_id": item["case_id"],
        }
        if self.augment_config is not None:
            rng = np.random.default_rng([self.seed, self.epoch, i])
            augment(sample, self.augment_config, grid, rng)
        return sample


def collate(samples: list[dict[str, Any]]) -> dict[str, Any]:
    """Stack samples; landmarks are padded to the largest count in the batch with invisible points."""
    out: dict[str, Any] = {}
    n_landmarks = max(s["landmarks_2d"].shape[1] for s in samples)
    for key in samples[0]:
        values = [s[key] for s in samples]
        if key in ("sample_id", "case_id"):
            out[key] = values
        elif key in ("landmarks_2d", "landmarks_visible"):
            padded = []
            for value in values:
                pad = n_landmarks - value.shape[1]
                shape = (value.shape[0], pad, *value.shape[2:])
                padded.append(torch.cat([value, torch.zeros(shape, dtype=value.dtype)], dim=1))
            out[key] = torch.stack(padded)
        else:
            out[key] = torch.stack(values)
    return out


SPLITS = ("train", "val", "test")


def split_samples(root: str | Path, split: str, augment: AugmentConfig | None, seed: int = 0) -> TrainingSamples:
    """One split of the DRR cache at `root` as training samples (augmented with `augment` when given)."""
    return TrainingSamples(DRRCache(root, split=split), augment, seed)


class SplitDataModule(L.LightningDataModule):
    """What the datamodules over the cache's train/val/test splits share: batch size, workers, the train-only
    augmentation, the seeded loaders with their collate function. A subclass fills `self.datasets` (one per name of
    SPLITS) in `setup()`."""

    def __init__(
        self,
        batch_size: int,
        num_workers: int,
        augment: AugmentConfig,
        seed: int,
        collate_fn: Callable[[list[dict[str, Any]]], dict[str, Any]] = collate,
    ) -> None:
        super().__init__()
        self.collate_fn = collate_fn
        self.batch_size = batch_size
        self.num_workers = num_workers
        self.augment = augment
        self.seed = seed
        self.datasets: dict[str, Any] = {}

    def augment_for(self, split: str) -> AugmentConfig | None:
        """Augmentation of one split: only the training split is augmented."""
        return self.augment if split == "train" else None

    def _loader(self, split: str, shuffle: bool) -> torch.utils.data.DataLoader:
        return torch.utils.data.DataLoader(
            self.datasets[split],
            batch_size=self.batch_size,
            shuffle=shuffle,
            num_workers=self.num_workers,
            collate_fn=self.collate_fn,
            persistent_workers=self.num_workers > 0,
            generator=torch.Generator().manual_seed(self.seed),
        )

    def train_dataloader(self) -> torch.utils.data.DataLoader:
        return self._loader("train", shuffle=True)

    def val_dataloader(self) -> torch.utils.data.DataLoader:
        return self._loader("val", shuffle=False)

    def test_dataloader(self) -> torch.utils.data.DataLoader:
        return self._loader("test", shuffle=False)


class DRRDataModule(SplitDataModule):
    """Train/val/test loaders over a DRR cache root (e.g. data/drr); an empty split is an error, not a silent skip."""

    def __init__(
        self,
        root: str | Path,
        batch_size: int = 8,
        num_workers: int = 0,
        augment: AugmentConfig | None = None,
        seed: int = 0,
    ) -> None:
        super().__init__(batch_size, num_workers, augment or AugmentConfig(), seed)
        self.root = Path(root)

    def setup(self, stage: str | None = None) -> None:
        for split in SPLITS:
            if split not in self.datasets:
                samples = split_samples(self.root, split, self.augment_for(split), self.seed)
                if len(samples) == 0:
                    raise InputError(f"{self.root}: split '{split}' is empty; rebuild the cache with more samples")
                self.datasets[split] = samples
