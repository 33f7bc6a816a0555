"""Pictures logged with every trained model: what the objective sees on a held-out sample.

multiview: the two views, predicted vs target correspondence matrices and the strongest predicted matches as lines;
sam and afire: a PCA (3 components as RGB) of the dense embedding / token map beside the image.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch

NOTE = "proxy: synthetic DRRs rendered from CT"


def pca_rgb(features: np.ndarray) -> np.ndarray:
    """(D, h, w) features -> (h, w, 3) image of their first three principal components, each scaled to [0, 1]."""
    d, h, w = features.shape
    flat = features.reshape(d, -1).T
    flat = flat - flat.mean(axis=0)
    _, _, vt = np.linalg.svd(flat, full_matrices=False)
    comps = flat @ vt[:3].T
    comps = (comps - comps.min(axis=0)) / np.maximum(comps.max(axis=0) - comps.min(axis=0), 1e-8)
    return comps.reshape(h, w, 3)


def objective_figure(model: Any, objective: str, sample: dict[str, Any], path: Path) -> Path:
    """Draw the objective's view of one sample (images (V,1,H,W) in [0,1]) to `path` (PNG)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import ConnectionPatch

    images = sample["images"]
    with torch.no_grad():
        if objective == "multiview":
            predicted = model.predict_matrix({"images": images[None]})[0].numpy()
            target = sample["correspondence"].numpy()
            fig, axes = plt.subplots(1, 4, figsize=(16, 4))
            for v in range(2):
                axes[v].imshow(images[v, 0], cmap="gray")
                axes[v].set_title(f"view {v}", fontsize=8)
                axes[v].set_axis_off()
            axes[2].imshow(predicted, vmin=0, vmax=1)
            axes[2].set_title("predicted matrix", fontsize=8)
            axes[3].imshow(target, vmin=0, vmax=1)
            axes[3].set_title("geometric target", fontsize=8)
            grid = round(predicted.shape[0] ** 0.5)
            size = images.shape[-1]
            rows = np.argsort(predicted.max(axis=1))[::-1][:12]
            for i in rows:
                j = int(predicted[i].argmax())
                start = ((i % grid + 0.5) * size / grid, (i // grid + 0.5) * size / grid)
                end = ((j % grid + 0.5) * size / grid, (j // grid + 0.5) * size / grid)
                fig.add_artist(
                    ConnectionPatch(end, start, "data", "data", axesA=axes[1], axesB=axes[0], color="cyan", lw=0.6)
                )
        else:
            if objective == "sam":
                fine, _ = model.embed(images[0:1])
                features = fine[0].numpy()
            else:
                tokens = model.encode(images[0:1])[0].numpy()
                side = round(tokens.shape[0] ** 0.5)
                features = tokens.T.reshape(-1, side, side)
            fig, axes = plt.subplots(1, 2, figsize=(8, 4))
            axes[0].imshow(images[0, 0], cmap="gray")
            axes[1].imshow(pca_rgb(features))
            axes[1].set_title("PCA of the embedding (RGB = 3 components)", fontsize=8)
            for ax in axes:
                ax.set_axis_off()
    fig.suptitle(f"xraymatch {objective}: {NOTE}", fontsize=8)
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path
