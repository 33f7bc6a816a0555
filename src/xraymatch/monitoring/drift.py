"""Drift tests of a window of requests against a reference: permutation MMD on embeddings, KS and PSI per statistic.

- MMD: RBF kernel k(x, y) = exp(-|x - y|^2 / (2 s^2)) with s the median pairwise distance within the reference
  (median heuristic, fixed by the reference so every window is measured alike). The p-value is
  (1 + #{permuted MMD >= observed}) / (1 + permutations) over seeded random relabellings of the pooled samples,
  which is exact under the no-drift hypothesis (bootstrap forms fire constantly on embeddings).
- KS: scipy's two-sample test per statistic; Holm's step-down procedure over the statistics.
- PSI: sum (c - r) ln(c / r) over `psi_bins` bins at the reference's quantiles (shares floored at 1e-4). Under no
  drift PSI is about (bins - 1) (1/n + 1/N) (n window, N reference): 0.135 for 100 vs 200 with 10 bins, and the
  largest of 12 statistics passed 0.25 on every in-distribution window of 100 measured. So PSI only votes from
  `psi_min_window` images on (default 1000); below, it is reported, not decisive.

Every test assumes independent draws, so a window counts identical uploads once (store.StoreWindow, by keyed
fingerprint); `n_requests` is the window before that, `n_distinct` (= `n_current`) the images tested, and a window
of fewer than `min_window` distinct images is not tested.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from xraymatch.errors import InputError
from xraymatch.monitoring.config import DriftConfig
from xraymatch.monitoring.features import STAT_NAMES, FeatureTable


@dataclass(frozen=True)
class MMDResult:
    statistic: float  # unbiased MMD^2 estimate
    p_value: float
    bandwidth: float
    permutations: int


@dataclass(frozen=True)
class FeatureDrift:
    name: str
    ks_statistic: float
    ks_p_value: float
    ks_p_adjusted: float  # Holm
    psi: float
    ks_alarm: bool
    psi_alarm: bool
    reference_median: float
    current_median: float


@dataclass(frozen=True)
class DriftVerdict:
    """The outcome of one drift test; `to_dict()` is JSON-serialisable."""

    drift: bool
    reasons: list[str]
    mmd: MMDResult
    features: list[FeatureDrift]
    n_reference: int
    n_current: int  # the images tested: distinct ones (= n_distinct)
    n_requests: int  # requests in the window, identical uploads included
    n_distinct: int
    model_version: str
    thresholds: dict[str, float]
    created_at: float = field(default_factory=time.time)

    def to_dict(self) -> dict[str, Any]:
        return json.loads(json.dumps(asdict(self), default=float))

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=True)


def check_window_size(n_distinct: int, n_requests: int, min_window: int) -> None:
    """Refuse a window of fewer than `min_window` distinct images (one line saying whether copies are the cause)."""
    if n_distinct >= min_window:
        return
    if n_requests > n_distinct:
        raise InputError(
            f"current window: {n_requests} request(s) but only {n_distinct} distinct image(s) (identical uploads "
            f"count once), fewer than monitoring.drift.min_window={min_window}; not tested: wait for more distinct "
            "requests or lower the minimum"
        )
    raise InputError(
        f"current window: {n_distinct} image(s), fewer than monitoring.drift.min_window={min_window}; "
        "wait for more requests or lower the minimum"
    )


def median_bandwidth(reference: npt.NDArray[Any]) -> float:
    """The median pairwise Euclidean distance among reference rows (distinct pairs); 1.0 if degenerate."""
    x = np.asarray(reference, dtype=np.float64)
    sq = squared_distances(x, x)
    upper = sq[np.triu_indices(len(x), k=1)]
    value = float(np.sqrt(np.median(upper))) if upper.size else 0.0
    return value if value > 1e-12 else 1.0


def squared_distances(a: npt.NDArray[Any], b: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    a64, b64 = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    sq = (a64**2).sum(1)[:, None] + (b64**2).sum(1)[None, :] - 2.0 * a64 @ b64.T
    return np.maximum(sq, 0.0)


def mmd_permutation_test(
    reference: npt.NDArray[Any],
    current: npt.NDArray[Any],
    permutations: int = 1000,
    seed: int = 0,
    bandwidth: float | None = None,
) -> MMDResult:
    """Two-sample MMD test with an RBF kernel; the permutation p-value of the unbiased MMD^2."""
    x, y = np.asarray(reference, dtype=np.float64), np.asarray(current, dtype=np.float64)
    if x.ndim != 2 or y.ndim != 2 or x.shape[1] != y.shape[1]:
        raise InputError(f"embeddings of different sizes ({x.shape[-1]} vs {y.shape[-1]}): not the same model")
    m, n = len(x), len(y)
    if m < 2 or n < 2:
        raise InputError("MMD needs at least 2 reference and 2 current samples")
    s = float(bandwidth) if bandwidth else median_bandwidth(x)
    pooled = np.concatenate([x, y])
    kernel = np.exp(-squared_distances(pooled, pooled) / (2.0 * s * s))
    rng = np.random.default_rng(seed)
    labels = np.zeros((permutations + 1, m + n), dtype=bool)
    labels[0, m:] = True
    for row in range(1, permutations + 1):
        labels[row, rng.permutation(m + n)[:n]] = True
    stats = _mmd2_unbiased(kernel, labels, m, n)
    observed = stats[0]
    p_value = (1.0 + float((stats[1:] >= observed - 1e-12).sum())) / (1.0 + permutations)
    return MMDResult(float(observed), p_value, s, permutations)


def _mmd2_unbiased(kernel: npt.NDArray[np.float64], is_current: npt.NDArray[np.bool_], m: int, n: int) -> Any:
    """Unbiased MMD^2 for each labelling row (True = current) of the pooled kernel matrix."""
    y = is_current.astype(np.float64)
    x = 1.0 - y
    diag = np.diag(kernel)
    kx, ky = x @ kernel, y @ kernel
    sum_xx = (kx * x).sum(1) - x @ diag
    sum_yy = (ky * y).sum(1) - y @ diag
    sum_xy = (kx * y).sum(1)
    return sum_xx / (m * (m - 1)) + sum_yy / (n * (n - 1)) - 2.0 * sum_xy / (m * n)


def psi(reference: npt.NDArray[Any], current: npt.NDArray[Any], bins: int = 10, floor: float = 1e-4) -> float:
    """Population stability index of current vs reference over quantile bins of the reference."""
    ref, cur = np.asarray(reference, dtype=np.float64), np.asarray(current, dtype=np.float64)
    edges = np.unique(np.quantile(ref, np.linspace(0.0, 1.0, bins + 1)[1:-1]))
    r = np.bincount(np.searchsorted(edges, ref, side="right"), minlength=len(edges) + 1) / len(ref)
    c = np.bincount(np.searchsorted(edges, cur, side="right"), minlength=len(edges) + 1) / len(cur)
    r, c = np.maximum(r, floor), np.maximum(c, floor)
    return float(((c - r) * np.log(c / r)).sum())


def holm(p_values: npt.NDArray[Any] | list[float]) -> npt.NDArray[np.float64]:
    """Holm-adjusted p-values (reject H_i at level a when adjusted_i <= a)."""
    p = np.asarray(p_values, dtype=np.float64)
    order = np.argsort(p)
    k = len(p)
    adjusted = np.empty(k)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (k - rank) * p[i]))
        adjusted[i] = running
    return adjusted


def detect_drift(
    reference: FeatureTable,
    current: FeatureTable,
    config: DriftConfig,
    *,
    bandwidth: float | None = None,
    model_version: str = "unknown",
    n_requests: int | None = None,
) -> DriftVerdict:
    """Test a window of distinct images against the reference and decide (see DriftConfig for the rule);
    `n_requests` is the window's request count before identical uploads were counted once (default: len(current))."""
    from scipy.stats import ks_2samp

    n_requests = len(current) if n_requests is None else int(n_requests)
    check_window_size(len(current), n_requests, config.min_window)
    if len(reference) < 2:
        raise InputError("reference: fewer than 2 samples; rebuild it with `xraymatch drift-reference`")
    mmd = mmd_permutation_test(reference.embeddings, current.embeddings, config.permutations, config.seed, bandwidth)
    ks = [ks_2samp(reference.stats[:, j], current.stats[:, j]) for j in range(len(STAT_NAMES))]
    ks_p = np.array([float(r.pvalue) for r in ks])
    adjusted = holm(ks_p)
    alpha_mmd = config.alpha * config.mmd_share
    alpha_ks = config.alpha * (1.0 - config.mmd_share)
    psi_votes = len(current) >= config.psi_min_window
    features, reasons = [], []
    if mmd.p_value <= alpha_mmd:
        reasons.append(f"embedding MMD p={mmd.p_value:.4f} <= {alpha_mmd:g}")
    for j, name in enumerate(STAT_NAMES):
        value = psi(reference.stats[:, j], current.stats[:, j], config.psi_bins)
        ks_alarm = bool(adjusted[j] <= alpha_ks)
        psi_alarm = bool(psi_votes and value > config.psi_threshold)
        if ks_alarm:
            reasons.append(f"{name}: KS p(Holm)={adjusted[j]:.2e} <= {alpha_ks:g}")
        if psi_alarm:
            reasons.append(f"{name}: PSI={value:.3f} > {config.psi_threshold:g}")
        features.append(
            FeatureDrift(
                name=name,
                ks_statistic=float(ks[j].statistic),
                ks_p_value=float(ks_p[j]),
                ks_p_adjusted=float(adjusted[j]),
                psi=value,
                ks_alarm=ks_alarm,
                psi_alarm=psi_alarm,
                reference_median=float(np.median(reference.stats[:, j])),
                current_median=float(np.median(current.stats[:, j])),
            )
        )
    thresholds = {
        "alpha": config.alpha,
        "alpha_mmd": alpha_mmd,
        "alpha_ks_family": alpha_ks,
        "psi_threshold": config.psi_threshold,
        "psi_min_window": float(config.psi_min_window),
        "permutations": float(config.permutations),
    }
    return DriftVerdict(
        drift=bool(reasons),
        reasons=reasons,
        mmd=mmd,
        features=features,
        n_reference=len(reference),
        n_current=len(current),
        n_requests=n_requests,
        n_distinct=len(current),
        model_version=model_version,
        thresholds=thresholds,
    )
