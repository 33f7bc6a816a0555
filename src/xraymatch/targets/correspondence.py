"""The many-to-many patch correspondence matrix of the multi-view matching paper (REFERENCES.md section 1).

A body-weighted copy of the CT is average-pooled into coarse voxels. Each coarse voxel v (weight w_v) has a soft
footprint p_a(v) on the G x G patch grid of view a; C_ab[i, j] = max_v w_v * p_a(v)[i] * p_b(v)[j]. A row of C_ab is
the density-weighted epipolar segment of patch i in view b.

Footprint used here: the fraction of each patch covered by the bounding box of the voxel's 8 projected corners,
separable in u and v, divided by the largest coverage the box reaches on the (unclipped) patch lattice, so a voxel
half outside the image keeps its true scale. The box contains the projection of every point of the voxel, so any
3D point seen in both views lands on a non-zero entry; it overestimates oblique footprints by up to the box-hull
difference, which is well under a patch at the default sizes. Patch index i = row * G + col (row-major, v then u),
the order of a flattened (G, G) feature map.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from xraymatch.errors import InputError
from xraymatch.targets.camera import as_projection


@dataclass(frozen=True)
class CoarseVolume:
    """Non-empty coarse voxels of a CT: `centres` (N, 3) and `corners` (N, 8, 3) in world mm, `weights` (N,) in (0, 1]
    (mean body weight divided by the largest one)."""

    centres: np.ndarray
    corners: np.ndarray
    weights: np.ndarray


@dataclass(frozen=True)
class Footprints:
    """Sparse soft footprints of N coarse voxels in one view: patch indices `index` (N, K) int64 and values `value`
    (N, K) float64 in [0, 1] (zero-padded); a voxel outside the view has only zeros."""

    index: np.ndarray
    value: np.ndarray


def body_weight(volume: np.ndarray, kind: Literal["hu", "density"], hu_center: float, hu_width: float) -> np.ndarray:
    """Soft body mask (X, Y, Z) float32 in [0, 1]: sigmoid((HU - hu_center) / hu_width) for HU, or for densities the
    density divided by a soft-tissue reference (median of voxels above 10% of the maximum), clipped to 1."""
    if kind == "hu":
        x = (np.asarray(volume, dtype=np.float32) - np.float32(hu_center)) / np.float32(hu_width)
        return 0.5 * (1.0 + np.tanh(0.5 * x))  # the logistic sigmoid, without overflow
    if kind == "density":
        density = np.asarray(volume, dtype=np.float32)
        peak = float(density.max())
        if peak <= 0:
            return np.zeros_like(density)
        reference = float(np.median(density[density > 0.1 * peak]))
        return np.clip(density / reference, 0.0, 1.0)
    raise InputError(f"coarse_volume: kind '{kind}' unknown; use 'hu' or 'density'")


def _block_edges(n: int, blocks: int, axis: str) -> np.ndarray:
    """Edges (blocks + 1,) of `blocks` near-equal voxel-index blocks along an axis of n voxels."""
    if not 1 <= blocks <= n:
        raise InputError(f"coarse_volume: grid {blocks} along axis {axis} must be within 1..{n} (the volume's size)")
    return np.linspace(0, n, blocks + 1).round().astype(np.int64)


def coarse_volume(
    volume: np.ndarray,
    affine: np.ndarray,
    *,
    kind: Literal["hu", "density"] = "hu",
    grid: int | tuple[int, int, int] = 16,
    hu_center: float = -150.0,
    hu_width: float = 50.0,
    min_weight: float = 0.05,
) -> CoarseVolume:
    """Average-pool the body weight of `volume` (X, Y, Z) into a grid of coarse voxels over its bounding box.

    `affine` (4, 4) maps voxel indices to world mm. Voxels whose mean weight is below `min_weight` are dropped (air).
    """
    volume = np.asarray(volume)
    if volume.ndim != 3:
        raise InputError(f"coarse_volume: volume has shape {volume.shape}, expected (X, Y, Z)")
    blocks = (grid, grid, grid) if isinstance(grid, int) else tuple(grid)
    weight = body_weight(volume, kind, hu_center, hu_width)
    edges = [_block_edges(n, g, "XYZ"[a]) for a, (n, g) in enumerate(zip(volume.shape, blocks, strict=True))]
    pooled = weight.astype(np.float64)
    for axis, e in enumerate(edges):
        pooled = np.add.reduceat(pooled, e[:-1], axis=axis)
    sizes = [np.diff(e).astype(np.float64) for e in edges]
    pooled /= sizes[0][:, None, None] * sizes[1][None, :, None] * sizes[2][None, None, :]
    keep = np.argwhere(pooled >= min_weight)  # (N, 3) block indices
    if keep.size == 0:
        raise InputError("coarse_volume: no coarse voxel reaches min_weight; is the volume empty or not in HU?")
    weights = pooled[tuple(keep.T)]
    low = np.stack([edges[a][keep[:, a]] for a in range(3)], axis=1) - 0.5  # voxel-index faces
    high = np.stack([edges[a][keep[:, a] + 1] for a in range(3)], axis=1) - 0.5
    bits = np.array([[(c >> 2) & 1, (c >> 1) & 1, c & 1] for c in range(8)], dtype=bool)  # (8, 3)
    corners_index = np.where(bits[None], high[:, None, :], low[:, None, :])  # (N, 8, 3)
    affine = np.asarray(affine, dtype=np.float64)
    corners = corners_index @ affine[:3, :3].T + affine[:3, 3]
    return CoarseVolume(centres=corners.mean(axis=1), corners=corners, weights=weights / weights.max())


def _axis_coverage(low: np.ndarray, high: np.ndarray, n_patches: int, patch: float) -> tuple[np.ndarray, np.ndarray]:
    """Coverage of patches along one image axis by intervals [low, high] (N,): indices (N, K) and values (N, K),
    normalised by each interval's largest coverage on the unclipped lattice; patches outside 0..n_patches-1 get 0."""
    first = np.floor(low / patch).astype(np.int64)
    last = np.floor(high / patch).astype(np.int64)
    span = int((last - first).max()) + 1
    index = first[:, None] + np.arange(span)[None, :]
    start = np.maximum(low[:, None], index * patch)
    stop = np.minimum(high[:, None], (index + 1) * patch)
    cover = np.clip(stop - start, 0.0, None) / patch
    peak = cover.max(axis=1, keepdims=True)
    value = np.divide(cover, peak, out=np.zeros_like(cover), where=peak > 0)
    inside = (index >= 0) & (index < n_patches)
    return np.where(inside, index, 0), np.where(inside, value, 0.0)


def patch_footprints(coarse: CoarseVolume, P: Any, height: int, width: int, grid: int = 16) -> Footprints:
    """Soft footprints of every coarse voxel on the G x G patch grid of one view (P (3, 4), image height x width)."""
    matrix = as_projection(P)
    hom = coarse.corners @ matrix[:, :3].T + matrix[:, 3]  # (N, 8, 3)
    w = hom[..., 2]
    ahead = np.all(w > 0, axis=1)  # a voxel straddling the source plane has no finite footprint
    uv = hom[..., :2] / np.where(w > 0, w, 1.0)[..., None]
    lo, hi = uv.min(axis=1), uv.max(axis=1)
    lo[~ahead] = hi[~ahead] = -(width + height)  # an empty interval far outside: zero coverage
    col_index, col_value = _axis_coverage(lo[:, 0], hi[:, 0], grid, width / grid)
    row_index, row_value = _axis_coverage(lo[:, 1], hi[:, 1], grid, height / grid)
    n = len(coarse.weights)
    index = (row_index[:, :, None] * grid + col_index[:, None, :]).reshape(n, -1)
    value = (row_value[:, :, None] * col_value[:, None, :]).reshape(n, -1)
    return Footprints(index=index, value=value)


def correspondence_from_footprints(
    weights: np.ndarray, footprints_a: Footprints, footprints_b: Footprints, grid: int = 16
) -> np.ndarray:
    """C_ab (G*G, G*G) float32 = max_v weights[v] * p_a(v)[i] * p_b(v)[j]; exactly the transpose of C_ba."""
    seen = (footprints_a.value.max(axis=1) > 0) & (footprints_b.value.max(axis=1) > 0)
    ia, va = footprints_a.index[seen], footprints_a.value[seen]
    ib, vb = footprints_b.index[seen], footprints_b.value[seen]
    values = weights[seen][:, None, None] * (va[:, :, None] * vb[:, None, :])  # same bits for (a, b) and (b, a)
    flat = (ia[:, :, None] * grid * grid + ib[:, None, :]).ravel()
    values = values.ravel()
    positive = values > 0
    out = np.zeros(grid**4, dtype=np.float64)
    np.maximum.at(out, flat[positive], values[positive])
    return out.reshape(grid * grid, grid * grid).astype(np.float32)


def correspondence_matrix(
    coarse: CoarseVolume, P_a: Any, P_b: Any, height: int, width: int, grid: int = 16
) -> np.ndarray:
    """The patch correspondence matrix (G*G, G*G) float32 in [0, 1] between two views of one CT."""
    fa = patch_footprints(coarse, P_a, height, width, grid)
    fb = patch_footprints(coarse, P_b, height, width, grid)
    return correspondence_from_footprints(coarse.weights, fa, fb, grid)
