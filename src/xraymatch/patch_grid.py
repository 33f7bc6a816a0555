"""Patch-grid geometry shared by evaluation and serving: patch centres, mutual nearest patches, sub-patch refinement
and point transfer through a predicted patch correspondence matrix.

All positions are (x, y) = (column, row) in continuous pixel coordinates where pixel (row i, col j) covers
[j, j+1] x [i, i+1]; a square size x size image is tiled by a grid x grid of patches, indexed row-major.
"""

from __future__ import annotations

import numpy as np
import torch


def patch_centres(grid: int, size: int) -> torch.Tensor:
    """(x, y) of the centre of every patch of a grid x grid tiling of a size x size image, row-major: (G*G, 2)."""
    step = size / grid
    row, col = torch.meshgrid(torch.arange(grid), torch.arange(grid), indexing="ij")
    return torch.stack([col.flatten(), row.flatten()], dim=-1).double().add(0.5).mul(step)


def mutual_nearest(matrix: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Patch pairs (i, j) of a score matrix (P, Q) where j is i's best column and i is j's best row, by decreasing
    score: (rows (M,), cols (M,), scores (M,))."""
    best_col = matrix.argmax(dim=1)
    best_row = matrix.argmax(dim=0)
    rows = torch.arange(matrix.shape[0])
    mutual = best_row[best_col] == rows
    rows, cols = rows[mutual], best_col[mutual]
    scores = matrix[rows, cols]
    order = scores.argsort(descending=True, stable=True)
    return rows[order], cols[order], scores[order]


def refine(scores: torch.Tensor, index: int, grid: int, centres: torch.Tensor) -> torch.Tensor:
    """Sub-patch position of patch `index` from the scores (G*G,) of its row (or column) of the matrix: the centroid
    of the 3x3 neighbouring patch centres weighted by their score above the neighbourhood's minimum (a flat
    neighbourhood keeps the patch centre). Returns (x, y)."""
    row, col = divmod(int(index), grid)
    neighbours = [
        r * grid + c
        for r in range(max(0, row - 1), min(grid, row + 2))
        for c in range(max(0, col - 1), min(grid, col + 2))
    ]
    weights = scores[neighbours].double()
    weights = weights - weights.min()
    total = weights.sum()
    if not torch.isfinite(total) or total <= 0:
        return centres[index]
    return (weights[:, None] * centres[neighbours]).sum(0) / total


def interpolated_rows(matrix: np.ndarray, points: np.ndarray, grid: int, size: int) -> np.ndarray:
    """Matrix rows (N, Q) at arbitrary view-0 positions `points` (N, 2): bilinear interpolation between the rows of
    the four patches whose centres surround each point (clamped at the border), so a point's sub-patch position
    shapes its scores instead of taking its whole patch's row."""
    step = size / grid
    g = np.asarray(points, dtype=np.float64) / step - 0.5
    low = np.floor(g).astype(int)
    frac = g - low
    rows = np.zeros((len(g), matrix.shape[1]), dtype=np.float64)
    for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):
        cx = np.clip(low[:, 0] + dx, 0, grid - 1)
        cy = np.clip(low[:, 1] + dy, 0, grid - 1)
        weight = (frac[:, 0] if dx else 1 - frac[:, 0]) * (frac[:, 1] if dy else 1 - frac[:, 1])
        rows += weight[:, None] * matrix[cy * grid + cx]
    return rows


def transfer_points(matrix: np.ndarray, points: np.ndarray, grid: int, size: int, sub_patch: bool = True) -> np.ndarray:
    """Predicted view-1 positions (N, 2) of view-0 points (N, 2) through a patch matrix (G*G, G*G).

    `sub_patch=False`: the centre of the best view-1 patch of each point's own patch row (patch-level transfer).
    `sub_patch=True`: the row interpolated at the point (`interpolated_rows`), its best patch refined to sub-patch
    precision by `refine` (the same refinement /match answers with)."""
    centres = patch_centres(grid, size)
    points = np.asarray(points, dtype=np.float64)
    if not sub_patch:
        col = np.clip((points[:, 0] / size * grid).astype(int), 0, grid - 1)
        row = np.clip((points[:, 1] / size * grid).astype(int), 0, grid - 1)
        return centres.numpy()[matrix[row * grid + col].argmax(axis=1)]
    rows = interpolated_rows(matrix, points, grid, size)
    best = rows.argmax(axis=1)
    return np.stack(
        [refine(torch.from_numpy(r), int(j), grid, centres).numpy() for r, j in zip(rows, best, strict=True)]
    ).reshape(-1, 2)
