"""Projection of world points through (3, 4) pixel projection matrices, shared by every target."""

from __future__ import annotations

from typing import Any

import numpy as np

from xraymatch.errors import InputError


def as_projection(P: Any) -> np.ndarray:
    """A projection matrix (3, 4) or a stack (..., 3, 4), torch or numpy, as float64 numpy.

    The overall sign is fixed so that the isocentre (the world origin, always in front of the source) has w > 0; then
    w > 0 means "between the source and beyond", whatever sign the caller's matrix had.
    """
    array = P.detach().cpu().numpy() if hasattr(P, "detach") else np.asarray(P)
    array = np.asarray(array, dtype=np.float64)
    if array.shape[-2:] != (3, 4):
        raise InputError(f"projection matrix: shape {array.shape}, expected (..., 3, 4)")
    sign = np.where(array[..., 2, 3] < 0, -1.0, 1.0)
    return array * sign[..., None, None]


def project(P: Any, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project world points (..., 3) mm through P (3, 4): pixels (..., 2) (u, v) and homogeneous depth w (...)."""
    matrix = as_projection(P)
    points = np.asarray(points, dtype=np.float64)
    hom = points @ matrix[:, :3].T + matrix[:, 3]
    w = hom[..., 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        uv = hom[..., :2] / w[..., None]
    return uv, w


def in_image(uv: np.ndarray, w: np.ndarray, height: int, width: int) -> np.ndarray:
    """True where a projected point (in front of the source) falls on the detector: 0 <= u < W and 0 <= v < H."""
    u, v = uv[..., 0], uv[..., 1]
    return (w > 0) & (u >= 0) & (u < width) & (v >= 0) & (v < height)


def project_views(P: Any, points: np.ndarray, height: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Project world points (M, 3) into V views (P (V, 3, 4) or (3, 4)): pixels (V, M, 2) float32 and in-image
    flags (V, M) bool. X-rays have no occlusion, so a point is visible wherever it lands on the detector."""
    matrices = as_projection(P).reshape(-1, 3, 4)
    points = np.asarray(points, dtype=np.float64).reshape(-1, 3)
    pixels, flags = [], []
    for matrix in matrices:
        uv, w = project(matrix, points)
        pixels.append(uv)
        flags.append(in_image(uv, w, height, width))
    return np.stack(pixels).astype(np.float32), np.stack(flags)
