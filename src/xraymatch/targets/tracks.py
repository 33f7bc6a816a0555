"""Point tracks: random 3D points in attenuating tissue and their exact pixel positions in every view.

They give dense pixel correspondences between views (e.g. the positives of SAM-style pixel embeddings).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from xraymatch.errors import InputError
from xraymatch.targets.camera import project_views


@dataclass(frozen=True)
class Tracks:
    """`points_3d` (M, 3) float64 world mm, `points_2d` (V, M, 2) float32 pixels (u, v), `visible` (V, M) bool."""

    points_3d: np.ndarray
    points_2d: np.ndarray
    visible: np.ndarray


def sample_points(
    volume: np.ndarray, affine: np.ndarray, rng: np.random.Generator, n_points: int, threshold: float = -300.0
) -> np.ndarray:
    """`n_points` world points (M, 3) mm, uniform within voxels of `volume` (X, Y, Z) above `threshold` (in the
    volume's units: HU by default; pass a density threshold for density volumes). Voxels are drawn with replacement."""
    volume = np.asarray(volume)
    candidates = np.flatnonzero(volume > threshold)
    if candidates.size == 0:
        raise InputError(f"tracks: no voxel above threshold {threshold:g}; lower tracks.threshold or check units")
    chosen = candidates[rng.integers(0, candidates.size, n_points)]
    index = np.stack(np.unravel_index(chosen, volume.shape), axis=1).astype(np.float64)
    index += rng.uniform(-0.5, 0.5, index.shape)
    affine = np.asarray(affine, dtype=np.float64)
    return index @ affine[:3, :3].T + affine[:3, 3]


def point_tracks(
    volume: np.ndarray,
    affine: np.ndarray,
    P: Any,
    height: int,
    width: int,
    rng: np.random.Generator,
    n_points: int = 1024,
    threshold: float = -300.0,
) -> Tracks:
    """Sample `n_points` tissue points and project them into the V views P (V, 3, 4)."""
    points = sample_points(volume, affine, rng, n_points, threshold)
    pixels, visible = project_views(P, points, height, width)
    return Tracks(points_3d=points, points_2d=pixels, visible=visible)
