"""Per-request monitoring for the service: every served image's non-identifying features and global embedding go
to the monitoring store, and every `monitoring.drift.check_every` records the latest window is tested against the
drift reference and the Prometheus gauges on /metrics are refreshed (`xraymatch.monitoring.live.RequestMonitor`).

Nothing identifying is recorded: no file name, no header value, no pixels; only intensity statistics, a size class
and the embedding. With `serving.monitoring: false` recording is off and `job()` returns None.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class RequestRecorder:
    """Wraps the monitor; `job(images, embeddings, endpoint)` is the after-response work of one request."""

    enabled: bool
    monitor: Any = None

    @classmethod
    def create(cls, params: dict[str, Any], model_version: str, enabled: bool = True) -> RequestRecorder:
        """A recorder writing to params' `monitoring:` store for the SAM bundle `model_version` (or a disabled one)."""
        if not enabled:
            return cls(enabled=False)
        from xraymatch.monitoring.config import MonitoringConfig
        from xraymatch.monitoring.gauges import metrics
        from xraymatch.monitoring.live import RequestMonitor

        metrics()  # export the gauges from the start (unset until the first window is tested)
        return cls(enabled=True, monitor=RequestMonitor(MonitoringConfig.from_params(params), model_version))

    def job(
        self, images: Sequence[Any], embeddings: Sequence[Sequence[float]], endpoint: str
    ) -> Callable[[], None] | None:
        """A callable storing these images' features with their embeddings (same order), or None when disabled."""
        if not self.enabled:
            return None
        if len(images) != len(embeddings):
            raise ValueError(f"{len(images)} images for {len(embeddings)} embeddings")

        def record() -> None:
            for image, vector in zip(images, embeddings, strict=True):
                self.monitor.record(image, vector, endpoint=endpoint)

        return record

    def close(self) -> None:
        if self.monitor is not None:
            self.monitor.close()
