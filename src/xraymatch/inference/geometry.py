"""Patch-grid geometry of the matching answers: patch centres, mutual nearest patches and sub-patch refinement.

All positions are (x, y) = (column, row) in continuous pixel coordinates where pixel (row i, col j) covers
[j, j+1] x [i, i+1]; a model-input position maps to the upload's pixels by x_original = x_model * sx (and y * sy).
"""

from __future__ import annotations

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


def match_points(
    matrix: torch.Tensor,
    grid: int,
    size: int,
    scale_a: tuple[float, float],
    scale_b: tuple[float, float],
    top_k: int,
    sub_patch: bool = True,
) -> list[dict[str, float]]:
    """The top_k mutual nearest patch pairs of a predicted matrix (G*G, G*G) of two size x size model inputs, as
    {xa, ya, xb, yb, score} in each upload's own pixels (scale = (sx, sy) of that upload)."""
    matrix = matrix.detach().float().cpu()
    if matrix.shape != (grid * grid, grid * grid):
        raise ValueError(f"matrix of shape {tuple(matrix.shape)} does not fit a {grid}x{grid} patch grid")
    centres = patch_centres(grid, size)
    rows, cols, scores = mutual_nearest(matrix)
    answers = []
    for i, j, score in zip(rows[:top_k].tolist(), cols[:top_k].tolist(), scores[:top_k].tolist(), strict=True):
        if sub_patch:
            pa, pb = refine(matrix[:, j], i, grid, centres), refine(matrix[i], j, grid, centres)
        else:
            pa, pb = centres[i], centres[j]
        answers.append(
            {
                "xa": float(pa[0]) * scale_a[0],
                "ya": float(pa[1]) * scale_a[1],
                "xb": float(pb[0]) * scale_b[0],
                "yb": float(pb[1]) * scale_b[1],
                "score": float(score),
            }
        )
    return answers
