"""Anatomical landmarks: the centroid of every labelled structure, projected into every view."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from xraymatch.errors import InputError
from xraymatch.targets.camera import project_views


@dataclass(frozen=True)
class Landmarks:
    """`ids` (L,) label ids, `names` (L,), `points_3d` (L, 3) world mm, `points_2d` (V, L, 2) float32 pixels,
    `visible` (V, L) bool."""

    ids: np.ndarray
    names: list[str]
    points_3d: np.ndarray
    points_2d: np.ndarray
    visible: np.ndarray


def label_centroids(labels: np.ndarray, affine: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids (L,) of the labels present in `labels` (X, Y, Z) (0 is background) and their centroids (L, 3) world mm."""
    labels = np.asarray(labels)
    if labels.ndim != 3:
        raise InputError(f"landmarks: label map has shape {labels.shape}, expected (X, Y, Z)")
    flat = np.flatnonzero(labels)
    ids_per_voxel = labels.ravel()[flat].astype(np.int64)
    index = np.unravel_index(flat, labels.shape)
    counts = np.bincount(ids_per_voxel)
    present = np.flatnonzero(counts)
    sums = np.stack([np.bincount(ids_per_voxel, weights=i, minlength=counts.size) for i in index], axis=1)
    centre_index = sums[present] / counts[present, None]
    affine = np.asarray(affine, dtype=np.float64)
    return present, centre_index @ affine[:3, :3].T + affine[:3, 3]


def label_landmarks(
    labels: np.ndarray,
    affine: np.ndarray,
    label_names: dict[int, str],
    P: Any,
    height: int,
    width: int,
    centroids: tuple[np.ndarray, np.ndarray] | None = None,
) -> Landmarks:
    """Centroids of the labels present, projected into the V views P (V, 3, 4); unnamed ids are named `label_<id>`.

    `centroids` ((L,) ids, (L, 3) points) from `label_centroids` skips recomputing them for every sample of a CT.
    """
    ids, points = centroids if centroids is not None else label_centroids(labels, affine)
    pixels, visible = project_views(P, points, height, width)
    names = [label_names.get(int(i), f"label_{int(i)}") for i in ids]
    return Landmarks(ids=ids, names=names, points_3d=points, points_2d=pixels, visible=visible)
