"""Downstream proxy: multi-view synthetic-fracture classification from frozen encoders at 1/10/100% of labels.

Each sample's views 0 and 1 are encoded, mean-pooled and concatenated (late fusion); a logistic regression is
trained on a stratified share of the labelled training samples and scored on the test split. Encoders: each
pretrained objective and its random-init twin ("from scratch" for a frozen probe), plus raw downsampled pixels.
A linear probe on frozen features stands in for fine-tuning to fit the CPU budget (said in the metrics JSON).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import torch

from xraymatch.evaluation.metrics import binary_scores

Encoder = Callable[[torch.Tensor], torch.Tensor]


def pooled_encoder(objective: str, model: Any) -> Encoder:
    """images (B, 1, H, W) -> pooled features (B, D) of one objective's model."""

    def encode(images: torch.Tensor) -> torch.Tensor:
        with torch.no_grad():
            if objective == "sam":
                _, coarse = model.embed(images)
                return coarse.mean(dim=(-2, -1))
            return model.encode(images).mean(dim=1)

    return encode


def pixel_encoder(size: int = 16) -> Encoder:
    """The no-learning baseline: both views downsampled to size x size pixels."""

    def encode(images: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.adaptive_avg_pool2d(images, size).flatten(1)

    return encode


def fused_features(encoder: Encoder, samples: list[dict[str, Any]], batch: int = 16) -> np.ndarray:
    """(N, 2 * D): views 0 and 1 of every sample encoded and concatenated."""
    rows = []
    for start in range(0, len(samples), batch):
        chunk = samples[start : start + batch]
        views = [encoder(torch.stack([s["images"][v] for s in chunk])) for v in (0, 1)]
        rows.append(torch.cat(views, dim=1).numpy())
    return np.concatenate(rows)


def stratified_subset(labels: np.ndarray, fraction: float, rng: np.random.Generator) -> np.ndarray:
    """Indices of a share of the samples with at least two of each class (so a probe can be fitted)."""
    picks = []
    for value in (0, 1):
        members = np.flatnonzero(labels == value)
        take = max(2, round(fraction * len(members)))
        picks.append(rng.choice(members, size=min(take, len(members)), replace=False))
    return np.sort(np.concatenate(picks))


def probe_scores(
    train_x: np.ndarray,
    train_y: np.ndarray,
    test_x: np.ndarray,
    test_y: np.ndarray,
    fractions: tuple[float, ...],
    seed: int,
) -> dict[str, dict[str, float]]:
    """Accuracy and AUROC of a standardised logistic probe trained on each label fraction."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    out = {}
    for fraction in fractions:
        rng = np.random.default_rng(seed)
        subset = stratified_subset(train_y, fraction, rng)
        probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500, C=0.5))
        probe.fit(train_x[subset], train_y[subset])
        scores = probe.predict_proba(test_x)[:, 1]
        out[f"{round(fraction * 100):d}%"] = {**binary_scores(test_y, scores), "n_train": len(subset)}
    return out


def evaluate_downstream(
    encoders: dict[str, Encoder],
    train: list[dict[str, Any]],
    test: list[dict[str, Any]],
    fractions: tuple[float, ...],
    seed: int,
) -> dict[str, Any]:
    """Per encoder and label fraction: fracture accuracy and AUROC on the test split."""
    train_y = np.array([float(s["fracture"]) for s in train]).astype(int)
    test_y = np.array([float(s["fracture"]) for s in test]).astype(int)
    if len(np.unique(train_y)) < 2 or len(np.unique(test_y)) < 2:
        return {"skipped": "both fractured and intact samples are needed in train and test (no bone labels?)"}
    results: dict[str, Any] = {"n_test": len(test_y), "test_fracture_rate": float(test_y.mean())}
    for name, encoder in encoders.items():
        results[name] = probe_scores(
            fused_features(encoder, train), train_y, fused_features(encoder, test), test_y, fractions, seed
        )
    return results
