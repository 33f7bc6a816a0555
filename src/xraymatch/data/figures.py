"""Pictures of cache samples: views side by side with correspondences as lines, landmarks and fractures marked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from xraymatch.atomic import atomic_file

PROXY_NOTE = "synthetic DRRs rendered from CT; correspondences, landmarks and fractures come from the geometry"


def _patch_centre(index: int, grid: int, height: int, width: int) -> tuple[float, float]:
    row, col = divmod(index, grid)
    return (col + 0.5) * width / grid, (row + 0.5) * height / grid


def draw_samples(samples: list[dict[str, Any]], path: Path, n_lines: int = 12) -> Path:
    """One row per sample: its first two views, the strongest patch matches joined by lines, landmarks as dots."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import ConnectionPatch

    fig, axes = plt.subplots(len(samples), 2, figsize=(8, 4 * len(samples)), squeeze=False)
    for row, sample in enumerate(samples):
        images = np.asarray(sample["images"])
        height, width = images.shape[-2:]
        matrix = np.asarray(sample["correspondence"][(0, 1)])
        grid = round(np.sqrt(matrix.shape[0]))
        for view in range(2):
            ax = axes[row, view]
            ax.imshow(images[view, 0], cmap="gray")
            ax.set_axis_off()
            ax.set_title(f"{sample['sample_id'][-14:]} view {view}", fontsize=8)
            if "landmarks_2d" in sample:
                points = np.asarray(sample["landmarks_2d"][view])
                visible = np.asarray(sample["landmarks_visible"][view]).astype(bool)
                ax.scatter(points[visible, 0] - 0.5, points[visible, 1] - 0.5, s=6, c="tab:red")
            fracture = sample.get("fracture", {})
            if fracture.get("present") and fracture["visible"][view]:
                u, v = fracture["location_2d"][view]
                ax.scatter([u - 0.5], [v - 0.5], marker="x", s=60, c="yellow")
                ax.annotate(fracture["structure"], (u, v), color="yellow", fontsize=7)
        strongest = np.argsort(matrix, axis=None)[::-1]
        rng = np.random.default_rng(row)
        picks = rng.choice(strongest[: max(n_lines * 20, 1)], size=min(n_lines, matrix.size), replace=False)
        for flat in picks:
            i, j = divmod(int(flat), matrix.shape[1])
            start = _patch_centre(i, grid, height, width)
            end = _patch_centre(j, grid, height, width)
            line = ConnectionPatch(
                end, start, "data", "data", axesA=axes[row, 1], axesB=axes[row, 0], color="cyan", lw=0.6
            )
            fig.add_artist(line)
    fig.suptitle(f"xraymatch DRR cache samples: {PROXY_NOTE}", fontsize=8)
    with atomic_file(path) as tmp:
        fig.savefig(tmp, dpi=90, format="png")
    plt.close(fig)
    return path
