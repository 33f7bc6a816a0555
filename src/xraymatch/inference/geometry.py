"""The matching answers of /match: mutual nearest patch pairs, refined, in each upload's own pixels (the grid
geometry itself lives in xraymatch.patch_grid).

All positions are (x, y) = (column, row) in continuous pixel coordinates where pixel (row i, col j) covers
[j, j+1] x [i, i+1]; a model-input position maps to the upload's pixels by x_original = x_model * sx (and y * sy).
"""

from __future__ import annotations

import torch

from xraymatch.patch_grid import mutual_nearest, patch_centres, refine

__all__ = ["match_points", "mutual_nearest", "patch_centres", "refine"]


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
