"""Metrics with known answers on hand-made cases (see tests/evaluation): matching, localisation, tokens, labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

MATCH_THRESHOLD = 0.2


def correspondence_scores(
    predicted: npt.ArrayLike, target: npt.ArrayLike, threshold: float = MATCH_THRESHOLD
) -> dict[str, float]:
    """Flattened-matrix metrics of the multi-view matching paper over all held-out pairs.

    predicted, target: (N, P, P) or (P, P); positives are target > threshold. Returns average precision, precision and
    recall of predicted > threshold, and patch top-1 accuracy (a row's argmax lands on a positive entry, over rows
    that have one).
    """
    from sklearn.metrics import average_precision_score

    pred = np.asarray(predicted, dtype=np.float64).reshape(-1, *np.shape(predicted)[-2:])
    true = np.asarray(target, dtype=np.float64).reshape(pred.shape) > threshold
    flat_pred, flat_true = pred.ravel(), true.ravel()
    if not flat_true.any():
        raise ValueError("correspondence_scores: no positive entry in the targets; cannot compute AP")
    hit = flat_pred > threshold
    precision = float((hit & flat_true).sum() / max(hit.sum(), 1))
    recall = float((hit & flat_true).sum() / flat_true.sum())
    rows = true.any(axis=2)
    best = pred.argmax(axis=2)
    top1 = np.take_along_axis(true, best[..., None], axis=2)[..., 0]
    return {
        "ap": float(average_precision_score(flat_true, flat_pred)),
        "precision_at_0.2": precision,
        "recall_at_0.2": recall,
        "patch_top1": float(top1[rows].mean()) if rows.any() else float("nan"),
        "positive_rate": float(flat_true.mean()),
    }


def pck(
    predicted: npt.ArrayLike, target: npt.ArrayLike, valid: npt.ArrayLike, thresholds: tuple[float, ...] = (2, 5, 10)
) -> dict[str, float]:
    """Percentage of correct keypoints: share of valid points whose predicted pixel lies within t px of the truth."""
    error = np.linalg.norm(np.asarray(predicted, float) - np.asarray(target, float), axis=-1)
    mask = np.asarray(valid, bool)
    if not mask.any():
        raise ValueError("pck: no valid point to score")
    return {f"pck@{t:g}px": float((error[mask] <= t).mean()) for t in thresholds}


def radial_errors(
    predicted: npt.ArrayLike,
    target: npt.ArrayLike,
    valid: npt.ArrayLike,
    mm_per_px: float | npt.ArrayLike,
    thresholds_mm: tuple[float, ...] = (2, 4, 8),
) -> dict[str, Any]:
    """Landmark mean radial error in px and mm (detector plane) and success rates within each threshold in mm."""
    error_px = np.linalg.norm(np.asarray(predicted, float) - np.asarray(target, float), axis=-1)
    mask = np.asarray(valid, bool)
    if not mask.any():
        raise ValueError("radial_errors: no valid landmark to score")
    scale = np.broadcast_to(np.asarray(mm_per_px, float), error_px.shape)
    error_mm = error_px * scale
    out: dict[str, Any] = {"mre_px": float(error_px[mask].mean()), "mre_mm": float(error_mm[mask].mean())}
    out.update({f"success@{t:g}mm": float((error_mm[mask] <= t).mean()) for t in thresholds_mm})
    out["errors_mm"] = error_mm[mask].tolist()
    return out


def binary_scores(labels: npt.ArrayLike, scores: npt.ArrayLike) -> dict[str, float]:
    """Accuracy at 0.5 and AUROC of binary scores (AUROC is NaN when one class is missing)."""
    from sklearn.metrics import roc_auc_score

    y = np.asarray(labels).astype(int).ravel()
    s = np.asarray(scores, float).ravel()
    auroc = float(roc_auc_score(y, s)) if len(np.unique(y)) == 2 else float("nan")
    return {"accuracy": float(((s > 0.5).astype(int) == y).mean()), "auroc": auroc}


def auroc_difference_ci(
    labels: npt.ArrayLike,
    scores_a: npt.ArrayLike,
    scores_b: npt.ArrayLike,
    n_boot: int = 2000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, float]:
    """AUROC(a) - AUROC(b) on the same test samples with a paired percentile-bootstrap interval (resampling samples,
    both classifiers together), so a difference smaller than the test set's noise is seen as such.

    Returns {"difference", "ci_low", "ci_high", "p_a_not_above"}: the last is the share of resamples where a is not
    above b (a one-sided bootstrap p-value). Resamples with one class only are left out."""
    y = np.asarray(labels).astype(int).ravel()
    a, b = np.asarray(scores_a, float).ravel(), np.asarray(scores_b, float).ravel()
    if not len(y) == len(a) == len(b):
        raise ValueError(f"auroc_difference_ci: {len(y)} labels but {len(a)} and {len(b)} scores")
    if len(np.unique(y)) < 2:
        raise ValueError("auroc_difference_ci: both classes are needed")
    return grouped_difference_ci(auroc_or_nan, y, a, b, np.arange(len(y)), n_boot=n_boot, level=level, seed=seed)


def grouped_difference_ci(
    metric: Callable[[np.ndarray, np.ndarray], float],
    labels: npt.ArrayLike,
    outputs_a: npt.ArrayLike,
    outputs_b: npt.ArrayLike,
    groups: npt.ArrayLike,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, float]:
    """metric(labels, a) - metric(labels, b) with a paired percentile-bootstrap interval that resamples whole groups
    (the tokens of one image are not independent: resampling tokens would make the interval far too narrow).

    Returns {"difference", "ci_low", "ci_high", "p_a_not_above"} like `auroc_difference_ci`."""
    y, a, b, g = (np.asarray(v).ravel() for v in (labels, outputs_a, outputs_b, groups))
    if not len(y) == len(a) == len(b) == len(g):
        raise ValueError(f"grouped_difference_ci: {len(y)} labels, {len(a)} and {len(b)} outputs, {len(g)} groups")
    names, index = np.unique(g, return_inverse=True)
    if len(names) < 2:
        raise ValueError("grouped_difference_ci: at least two groups are needed to resample")
    members = np.split(np.argsort(index, kind="stable"), np.cumsum(np.bincount(index))[:-1])  # indices per group
    rng = np.random.default_rng(seed)
    diffs = np.empty(n_boot)
    for i in range(n_boot):
        pick = np.concatenate([members[k] for k in rng.integers(0, len(names), len(names))])
        diffs[i] = metric(y[pick], a[pick]) - metric(y[pick], b[pick])
    diffs = diffs[np.isfinite(diffs)]  # a resample where the metric is undefined (one class) is left out
    tail = (1 - level) / 2
    return {
        "difference": float(metric(y, a) - metric(y, b)),
        "ci_low": float(np.quantile(diffs, tail)),
        "ci_high": float(np.quantile(diffs, 1 - tail)),
        "p_a_not_above": float((diffs <= 0).mean()),
    }


def balanced_accuracy(labels: npt.ArrayLike, predicted: npt.ArrayLike) -> float:
    """Mean per-class recall over the classes present in `labels` (sklearn's balanced accuracy, without its checks,
    fast enough to bootstrap)."""
    y, p = np.asarray(labels).ravel(), np.asarray(predicted).ravel()
    classes, index = np.unique(y, return_inverse=True)
    hits = np.bincount(index, weights=(p == y).astype(float), minlength=len(classes))
    return float((hits / np.bincount(index, minlength=len(classes))).mean())


def auroc_or_nan(labels: npt.ArrayLike, scores: npt.ArrayLike) -> float:
    """AUROC, or NaN when `labels` hold one class (a bootstrap resample can)."""
    from sklearn.metrics import roc_auc_score

    y = np.asarray(labels).ravel()
    return float(roc_auc_score(y, np.asarray(scores).ravel())) if len(np.unique(y)) > 1 else float("nan")


def cluster_nmi(features: npt.ArrayLike, labels: npt.ArrayLike, n_clusters: int, seed: int = 0) -> float:
    """NMI between k-means clusters of token features (N, D) and their anatomy labels (N,)."""
    from sklearn.cluster import KMeans
    from sklearn.metrics import normalized_mutual_info_score

    x = np.asarray(features, float)
    clusters = KMeans(n_clusters=n_clusters, n_init=4, random_state=seed).fit_predict(x)
    return float(normalized_mutual_info_score(np.asarray(labels).ravel(), clusters))
