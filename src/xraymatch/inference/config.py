"""The `serving:` section of params.yaml as a frozen dataclass (one source of the service's parameters)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xraymatch.errors import ConfigError

MiB = 1024 * 1024


@dataclass(frozen=True)
class BatchingConfig:
    """Adaptive batching of the model calls (BentoML's CORK dispatcher): at most `max_batch_size` requests per forward;
    a request queued longer than `max_latency_ms` is shed with a 503 (BentoML's semantics, so keep it generous).
    `enabled: false` runs every request's forward alone, one at a time per model."""

    enabled: bool = True
    max_batch_size: int = 8
    max_latency_ms: int = 30000


@dataclass(frozen=True)
class ServingConfig:
    host: str = "127.0.0.1"
    port: int = 3000
    bundles_dir: str = "serving/bundles"
    max_upload_mb: float = 64.0
    max_side: int = 16384
    min_side: int = 16
    max_pixels: int = 120_000_000
    max_views: int = 8
    workers: int = 1
    torch_threads: int = 1
    timeout_s: int = 60
    monitoring: bool = True
    batching: BatchingConfig = field(default_factory=BatchingConfig)

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * MiB)

    def validate(self) -> ServingConfig:
        if not 0 < self.port < 65536:
            raise ConfigError(f"serving.port={self.port}: choose a TCP port in 1..65535")
        if self.max_upload_mb <= 0:
            raise ConfigError(f"serving.max_upload_mb={self.max_upload_mb}: must be positive")
        if not 1 <= self.min_side <= self.max_side:
            raise ConfigError(f"serving.min_side/max_side={self.min_side}/{self.max_side}: need 1 <= min <= max")
        if self.max_views < 2:
            raise ConfigError(f"serving.max_views={self.max_views}: /classify needs at least 2")
        if self.torch_threads < 0:
            raise ConfigError(f"serving.torch_threads={self.torch_threads}: 0 (torch's default) or a positive count")
        if self.workers < 1:
            raise ConfigError(f"serving.workers={self.workers}: must be at least 1")
        if self.batching.max_batch_size < 2 and self.batching.enabled:
            raise ConfigError("serving.batching.max_batch_size: must be >= 2 (or set serving.batching.enabled: false)")
        if self.batching.max_latency_ms < 1:
            raise ConfigError("serving.batching.max_latency_ms: must be positive")
        return self

    def limits(self) -> Any:
        """The X-ray reader's limits (io.xray.XrayLimits) from this section."""
        from xraymatch.io.xray import XrayLimits

        return XrayLimits(
            max_bytes=self.max_upload_bytes, max_side=self.max_side, min_side=self.min_side, max_pixels=self.max_pixels
        )


def serving_config(params: dict[str, Any]) -> ServingConfig:
    """ServingConfig from params["serving"] (missing keys keep their defaults)."""
    from xraymatch.config import dataclass_from_section

    section = dict(_mapping(params.get("serving"), "serving"))
    batching_section = _mapping(section.pop("batching", None), "serving.batching")
    batching = dataclass_from_section(BatchingConfig, batching_section, "serving.batching")
    config = dataclass_from_section(ServingConfig, section, "serving", fixed={"batching": batching})
    return config.validate()


def _mapping(value: Any, where: str) -> dict[str, Any]:
    """A params section as a dict (absent: empty); anything but a mapping is a one-line ConfigError."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a mapping of keys, got {type(value).__name__}; see params.yaml")
    return value


def find_params(params_path: str | Path | None = None) -> Path | None:
    """`params_path`, else `$XRAYMATCH_PARAMS`, else ./params.yaml (the repository or Bento root); None if none is
    a file."""
    import os

    for candidate in (params_path, os.environ.get("XRAYMATCH_PARAMS"), "params.yaml"):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


def load_serving_params(params_path: str | Path | None = None) -> tuple[dict[str, Any], ServingConfig]:
    """The whole params (for the monitoring section too) and the ServingConfig; defaults without a params file."""
    from xraymatch.config import load_params

    path = find_params(params_path)
    params = load_params(path) if path is not None else {}
    return params, serving_config(params)
