"""Vectorised Siddon traversal in torch, for GPUs (the CPU uses the numba kernel in `kernels.py`).

Same geometry and result as `kernels.trace`, computed per chunk of rays: every plane crossing of a ray inside the
non-zero box is sorted, each segment's midpoint picks its voxel, and segments are weighted by their parametric length.
Memory is about `rays_per_chunk * (X + Y + Z) * 40` bytes, independent of the batch size.
"""

from __future__ import annotations

import torch


def _rays(
    voxel_from_camera: torch.Tensor, columns_mm: torch.Tensor, rows_mm: torch.Tensor, sdd: float
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Origins (B*H*W, 3), directions (B*H*W, 3) in index space, ray lengths (B*H*W,) in mm, rows then columns."""
    rows, cols = torch.meshgrid(rows_mm, columns_mm, indexing="ij")
    camera = torch.stack([cols, rows, torch.full_like(rows, sdd)], dim=-1).reshape(-1, 3)
    n_pixels = camera.shape[0]
    directions = torch.einsum("bij,nj->bni", voxel_from_camera[:, :, :3], camera).reshape(-1, 3)
    origins = voxel_from_camera[:, :, 3].repeat_interleave(n_pixels, dim=0)
    lengths = camera.norm(dim=-1).repeat(voxel_from_camera.shape[0])
    return origins, directions, lengths


def _trace_chunk(
    density: torch.Tensor,
    labels: torch.Tensor | None,
    lut: torch.Tensor | None,
    box: torch.Tensor,
    origins: torch.Tensor,
    directions: torch.Tensor,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Parametric line integrals (R,) and, with labels, the dominant label per ray (R,)."""
    lo, hi = box[0].to(origins) - 0.5, box[1].to(origins) + 0.5
    safe = torch.where(directions.abs() < 1e-12, torch.full_like(directions, 1e-12), directions)
    a0, a1 = (lo - origins) / safe, (hi - origins) / safe
    a_in = torch.minimum(a0, a1).amax(dim=-1).clamp(min=0.0)
    a_out = torch.maximum(a0, a1).amin(dim=-1).clamp(max=1.0)
    alphas = [
        (torch.arange(int(box[0, axis]), int(box[1, axis]) + 2, device=origins.device, dtype=origins.dtype) - 0.5)
        .sub(origins[:, axis : axis + 1])
        .div(safe[:, axis : axis + 1])
        for axis in range(3)
    ]
    crossings = torch.cat([a_in[:, None], a_out[:, None], *alphas], dim=-1)
    crossings = torch.minimum(torch.maximum(crossings, a_in[:, None]), a_out[:, None]).sort(dim=-1).values
    segments = crossings.diff(dim=-1)
    middle = (crossings[:, 1:] + crossings[:, :-1]) / 2
    points = origins[:, None, :] + middle[..., None] * directions[:, None, :]
    index = torch.floor(points + 0.5).long()
    index = torch.minimum(torch.maximum(index, box[0]), box[1])
    weights = density[index[..., 0], index[..., 1], index[..., 2]] * segments
    totals = weights.sum(dim=-1)
    if labels is None or lut is None:
        return totals, None
    ids = lut[labels[index[..., 0], index[..., 1], index[..., 2]]]
    per_label = torch.zeros(ids.shape[0], lut.shape[0], dtype=weights.dtype, device=weights.device)
    per_label.scatter_add_(1, ids, weights)
    per_label[:, 0] = 0.0
    return totals, per_label.argmax(dim=-1)


def trace_torch(
    density: torch.Tensor,
    labels: torch.Tensor | None,
    lut: torch.Tensor | None,
    box: torch.Tensor,
    voxel_from_camera: torch.Tensor,
    columns_mm: torch.Tensor,
    rows_mm: torch.Tensor,
    sdd: float,
    rays_per_chunk: int,
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Images (B, H, W) in mm of density and, with labels (X, Y, Z) and lut (L,), label maps (B, H, W) int64."""
    n_poses, height, width = voxel_from_camera.shape[0], rows_mm.shape[0], columns_mm.shape[0]
    origins, directions, lengths = _rays(voxel_from_camera, columns_mm, rows_mm, sdd)
    totals, winners = [], []
    for start in range(0, origins.shape[0], rays_per_chunk):
        stop = start + rays_per_chunk
        total, winner = _trace_chunk(density, labels, lut, box, origins[start:stop], directions[start:stop])
        totals.append(total)
        if winner is not None:
            winners.append(winner)
    image = (torch.cat(totals) * lengths).reshape(n_poses, height, width).to(torch.float32)
    label_map = torch.cat(winners).reshape(n_poses, height, width) if winners else None
    return image, label_map
