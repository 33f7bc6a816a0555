"""Prometheus gauges of the latest drift test, in prometheus_client's default registry (BentoML serves that registry
on /metrics; with several workers each worker has its own values before BentoML 1.4.40, so serve with one).

Metrics: xraymatch_drift_detected (0/1), xraymatch_drift_mmd_p_value, xraymatch_drift_mmd_statistic,
xraymatch_drift_ks_p_value{feature} (Holm-adjusted), xraymatch_drift_psi{feature}, xraymatch_drift_window_images
(distinct images tested), xraymatch_drift_window_requests (requests in the window, identical uploads included),
xraymatch_drift_last_check_timestamp_seconds, and the counter xraymatch_monitoring_requests_total{endpoint}.
"""

from __future__ import annotations

import threading
from typing import Any

from xraymatch.monitoring.drift import DriftVerdict

_LOCK = threading.Lock()
_METRICS: dict[int, dict[str, Any]] = {}


def metrics(registry: Any = None) -> dict[str, Any]:
    """The metric objects, created once per registry (default: prometheus_client.REGISTRY)."""
    from prometheus_client import REGISTRY, Counter, Gauge

    registry = registry if registry is not None else REGISTRY
    with _LOCK:
        found = _METRICS.get(id(registry))
        if found is None:
            kw = {"registry": registry}
            found = {
                "detected": Gauge("xraymatch_drift_detected", "1 when the latest drift test found drift", **kw),
                "mmd_p": Gauge("xraymatch_drift_mmd_p_value", "Permutation p-value of the embedding MMD", **kw),
                "mmd": Gauge("xraymatch_drift_mmd_statistic", "Unbiased MMD^2 of the embeddings", **kw),
                "ks_p": Gauge("xraymatch_drift_ks_p_value", "Holm-adjusted KS p-value", ["feature"], **kw),
                "psi": Gauge("xraymatch_drift_psi", "Population stability index", ["feature"], **kw),
                "window": Gauge("xraymatch_drift_window_images", "Distinct images in the latest tested window", **kw),
                "window_requests": Gauge(
                    "xraymatch_drift_window_requests", "Requests in the latest tested window (copies included)", **kw
                ),
                "time": Gauge("xraymatch_drift_last_check_timestamp_seconds", "Time of the latest drift test", **kw),
                "requests": Counter(
                    "xraymatch_monitoring_requests", "Requests whose features were stored", ["endpoint"], **kw
                ),
            }
            _METRICS[id(registry)] = found
    return found


def update_gauges(verdict: DriftVerdict, registry: Any = None) -> None:
    """Set every gauge from a verdict (the service calls this after each periodic drift test)."""
    m = metrics(registry)
    m["detected"].set(1.0 if verdict.drift else 0.0)
    m["mmd_p"].set(verdict.mmd.p_value)
    m["mmd"].set(verdict.mmd.statistic)
    for f in verdict.features:
        m["ks_p"].labels(feature=f.name).set(f.ks_p_adjusted)
        m["psi"].labels(feature=f.name).set(f.psi)
    m["window"].set(verdict.n_distinct)
    m["window_requests"].set(verdict.n_requests)
    m["time"].set(verdict.created_at)


def count_request(endpoint: str, registry: Any = None) -> None:
    metrics(registry)["requests"].labels(endpoint=endpoint).inc()
