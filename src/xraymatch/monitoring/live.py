"""The service's side of monitoring: store each request's features and test the latest window every few requests.

Usage from the BentoML service (one object per worker):

    monitor = RequestMonitor(MonitoringConfig.from_params(params), model_version=bundle.version)
    ...
    monitor.record(image, embedding, endpoint="embed")   # image: io.xray.XrayImage, embedding: (2*dim,) numpy

`embedding` is `features.pool_embeddings(fine, coarse)` of the maps the endpoint already computed (or
`features.embed_images(bundle, tensor)`). Every `monitoring.drift.check_every` records, the latest
`monitoring.drift.window` rows of this model version, identical uploads counted once (keyed fingerprints of the
decoded pixels, monitoring.fingerprint), are tested against the reference and the Prometheus gauges updated; a
window of fewer than `min_window` distinct images is not tested. Without a reference file (or one built with another
model or from other params) requests are still stored, and the gauges stay unset; a warning says how to build one.
Nothing identifying is stored or logged (neither the fingerprint key nor the fingerprints are logged).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from xraymatch.io.xray import XrayImage
from xraymatch.monitoring.config import MonitoringConfig
from xraymatch.monitoring.drift import DriftVerdict, detect_drift
from xraymatch.monitoring.features import image_features
from xraymatch.monitoring.fingerprint import fingerprint
from xraymatch.monitoring.gauges import count_request, update_gauges
from xraymatch.monitoring.provenance import params_mismatch
from xraymatch.monitoring.reference import Reference, load_reference
from xraymatch.monitoring.store import MonitoringStore

log = logging.getLogger(__name__)


class RequestMonitor:
    """Per-request feature recording plus periodic drift tests feeding the gauges."""

    def __init__(
        self,
        config: MonitoringConfig,
        model_version: str,
        reference: Reference | None = None,
        registry: Any = None,
    ) -> None:
        self.config = config
        self.model_version = model_version
        self.registry = registry
        self.store = MonitoringStore(config.store)
        self.reference = reference if reference is not None else self._load_reference(Path(config.reference.path))
        self._lock = threading.Lock()
        self._since_check = 0
        self.last_verdict: DriftVerdict | None = None

    def _load_reference(self, path: Path) -> Reference | None:
        if not path.is_file():
            log.warning("drift reference %s missing: requests are stored, gauges stay unset (`make drift`)", path)
            return None
        reference = load_reference(path)
        if reference.model_version != self.model_version:
            log.warning(
                "drift reference %s was built with another model: gauges stay unset (xraymatch drift-reference)",
                path,
            )
            return None
        mismatch = params_mismatch(reference, self.config)
        if mismatch:
            log.warning("drift reference %s %s: gauges stay unset (`make drift` rebuilds it)", path, mismatch)
            return None
        return reference

    def record(self, image: XrayImage, embedding: Any, endpoint: str) -> DriftVerdict | None:
        """Store one request's features; run the drift test when due (returns its verdict then)."""
        features = image_features(image.pixels, image.source_format)
        digest = fingerprint(image.pixels, self.store.key)
        vector = np.asarray(embedding, dtype=np.float32).reshape(-1)
        self.store.add(features, vector, endpoint=endpoint, model_version=self.model_version, fingerprint=digest)
        count_request(endpoint, self.registry)
        with self._lock:
            self._since_check += 1
            due = self._since_check >= self.config.drift.check_every
            if due:
                self._since_check = 0
        return self.check() if due else None

    def check(self) -> DriftVerdict | None:
        """Test the latest window now (None without a reference or with too few distinct images)."""
        if self.reference is None:
            return None
        window = self.store.distinct_window(self.config.drift.window, model_version=self.model_version)
        if window.n_distinct < self.config.drift.min_window:
            log.info(
                "drift check skipped: %d distinct image(s) in the latest %d requests, fewer than min_window=%d",
                window.n_distinct,
                window.n_requests,
                self.config.drift.min_window,
            )
            return None
        verdict = detect_drift(
            self.reference.table,
            window.table,
            self.config.drift,
            bandwidth=self.reference.bandwidth,
            model_version=self.model_version,
            n_requests=window.n_requests,
        )
        update_gauges(verdict, self.registry)
        self.last_verdict = verdict
        if verdict.drift:
            log.warning(
                "drift detected on the latest %d requests (%d distinct images): %s",
                verdict.n_requests,
                verdict.n_distinct,
                "; ".join(verdict.reasons),
            )
        return verdict

    def close(self) -> None:
        self.store.close()
