"""Training transforms of multi-view samples that keep every target consistent with the pixels.

Intensity changes (gamma, contrast, brightness, noise) leave targets alone. Geometric ones transform them exactly:
a horizontal flip mirrors tracks, landmarks, anatomy and permutes the correspondence rows/columns of that view; a
patch-aligned shift moves the image by whole patches (zero fill), moves points, and zeroes the matrix entries of
patches that left the view (the multi-view matching paper's crop rule).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from xraymatch.config import dataclass_from_section


@dataclass(frozen=True)
class AugmentConfig:
    """Probabilities and ranges of each transform (params.yaml `train.augment`)."""

    flip_prob: float = 0.5
    shift_prob: float = 0.3
    max_shift_patches: int = 1
    gamma: tuple[float, float] = (0.8, 1.25)
    contrast: tuple[float, float] = (0.8, 1.2)
    brightness: float = 0.1
    noise_std: float = 0.02
    jitter_prob: float = 0.7

    @classmethod
    def from_params(cls, section: dict[str, Any] | None) -> AugmentConfig:
        """From params.yaml `train.augment`; unknown keys and unreadable values are one-line errors."""
        return dataclass_from_section(cls, section, "train.augment")


def normalise(image: torch.Tensor, low_q: float = 0.01, high_q: float = 0.99) -> torch.Tensor:
    """Clip a DRR (1, H, W) of line integrals to its 1st-99th percentiles and rescale to [0, 1] (as the paper)."""
    flat = image.flatten()
    lo, hi = torch.quantile(flat, torch.tensor([low_q, high_q], dtype=flat.dtype))
    return ((image - lo) / (hi - lo).clamp_min(1e-6)).clamp(0.0, 1.0)


def patch_permutation_flip(grid: int) -> torch.Tensor:
    """(P,) new index of each patch after mirroring columns: row*G + col -> row*G + (G-1-col)."""
    index = torch.arange(grid * grid)
    row, col = index // grid, index % grid
    return row * grid + (grid - 1 - col)


def flip_view(sample: dict[str, Any], view: int, grid: int) -> None:
    """Mirror view `view` left-right in place, with all of its targets."""
    width = sample["images"].shape[-1]
    sample["images"][view] = sample["images"][view].flip(-1)
    for key in ("tracks_2d", "landmarks_2d"):
        if key in sample:
            sample[key][view, :, 0] = width - sample[key][view, :, 0]
    if "anatomy" in sample:
        sample["anatomy"][view] = sample["anatomy"][view].flip(-1)
    perm = patch_permutation_flip(grid)
    matrix = sample["correspondence"]
    new = torch.empty_like(matrix)
    if view == 0:
        new[perm] = matrix
    else:
        new[:, perm] = matrix
    sample["correspondence"] = new


def shift_view(sample: dict[str, Any], view: int, grid: int, dy: int, dx: int) -> None:
    """Translate view `view` by (dy, dx) whole patches (zero fill) with its targets; patches that leave get zeros."""
    height, width = sample["images"].shape[-2:]
    ph, pw = height // grid, width // grid
    shifted = torch.zeros_like(sample["images"][view])
    src_rows = slice(max(0, -dy * ph), height - max(0, dy * ph))
    dst_rows = slice(max(0, dy * ph), height - max(0, -dy * ph))
    src_cols = slice(max(0, -dx * pw), width - max(0, dx * pw))
    dst_cols = slice(max(0, dx * pw), width - max(0, -dx * pw))
    shifted[..., dst_rows, dst_cols] = sample["images"][view][..., src_rows, src_cols]
    sample["images"][view] = shifted
    if "anatomy" in sample:
        moved = torch.zeros_like(sample["anatomy"][view])
        moved[dst_rows, dst_cols] = sample["anatomy"][view][src_rows, src_cols]
        sample["anatomy"][view] = moved
    offset = torch.tensor([dx * pw, dy * ph], dtype=torch.float32)
    for key, visible in (("tracks_2d", "tracks_visible"), ("landmarks_2d", "landmarks_visible")):
        if key in sample:
            points = sample[key][view] + offset
            inside = (points[:, 0] >= 0) & (points[:, 0] < width) & (points[:, 1] >= 0) & (points[:, 1] < height)
            sample[key][view] = points
            sample[visible][view] = sample[visible][view] & inside
    index = torch.arange(grid * grid)
    row, col = index // grid + dy, index % grid + dx
    valid = (row >= 0) & (row < grid) & (col >= 0) & (col < grid)
    target = (row * grid + col)[valid]
    matrix = sample["correspondence"]
    new = torch.zeros_like(matrix)
    if view == 0:
        new[target] = matrix[valid]
    else:
        new[:, target] = matrix[:, valid]
    sample["correspondence"] = new


def jitter_intensity(image: torch.Tensor, config: AugmentConfig, rng: np.random.Generator) -> torch.Tensor:
    """Gamma, contrast, brightness and Gaussian noise on an image in [0, 1]; the result stays in [0, 1]."""
    gamma = float(np.exp(rng.uniform(np.log(config.gamma[0]), np.log(config.gamma[1]))))
    contrast = float(rng.uniform(*config.contrast))
    brightness = float(rng.uniform(-config.brightness, config.brightness))
    out = image.clamp(0, 1) ** gamma
    out = (out - 0.5) * contrast + 0.5 + brightness
    noise = torch.from_numpy(rng.normal(0.0, config.noise_std, size=tuple(out.shape)).astype(np.float32))
    return (out + noise).clamp(0.0, 1.0)


def augment(sample: dict[str, Any], config: AugmentConfig, grid: int, rng: np.random.Generator) -> dict[str, Any]:
    """Apply the configured random transforms to a training sample (modified in place and returned)."""
    views = sample["images"].shape[0]
    for view in range(views):
        if view < 2 and rng.random() < config.flip_prob:
            flip_view(sample, view, grid)
        if view < 2 and config.max_shift_patches > 0 and rng.random() < config.shift_prob:
            dy, dx = rng.integers(-config.max_shift_patches, config.max_shift_patches + 1, size=2)
            shift_view(sample, view, grid, int(dy), int(dx))
        if rng.random() < config.jitter_prob:
            sample["images"][view] = jitter_intensity(sample["images"][view], config, rng)
    return sample
