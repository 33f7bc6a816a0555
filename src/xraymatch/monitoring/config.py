"""The `monitoring:` section of params.yaml as frozen dataclasses (one per sub-section)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError

NOISE_TEXTURES = ("binomial", "native")


@dataclass(frozen=True)
class StoreConfig:
    """monitoring.store: where request features go and how the table is rotated."""

    path: str = "monitoring/store.sqlite"
    max_rows: int = 100_000
    max_age_days: float = 30.0
    keep_rotated: int = 3
    rotate_every: int = 1000


@dataclass(frozen=True)
class AugmentXrayConfig:
    """monitoring.augment: acquisition variation drawn around each reference radiograph (see
    reference.augment_xray). `as_acquired_share` of the variants keep the source's collimation and dose (no crop,
    no noise added), so untouched acquisitions are not at the edge of those two one-sided ranges; `noise_texture`
    "native" gives the added noise the source's own fine-to-coarse ratio (hf_ratio), "binomial" (the first design)
    a 3x3 binomial blur, which pushed every noisier variant's hf_ratio far below the source's."""

    crop: tuple[float, float] = (0.8, 1.0)
    rotation_deg: float = 5.0
    scale: tuple[float, float] = (0.9, 1.1)
    gamma: tuple[float, float] = (0.8, 1.25)
    contrast: tuple[float, float] = (0.9, 1.1)
    brightness: float = 0.05
    dose: tuple[float, float] = (0.5, 1.0)
    as_acquired_share: float = 0.25
    noise_texture: str = "native"

    def validate(self) -> None:
        if not 0.0 < self.crop[0] <= self.crop[1] <= 1.0:
            raise ConfigError("monitoring.augment.crop: expected 0 < low <= high <= 1")
        if not 0.0 < self.dose[0] <= self.dose[1] <= 1.0:
            raise ConfigError("monitoring.augment.dose: expected 0 < low <= high <= 1 (relative dose)")
        if not 0.0 <= self.as_acquired_share <= 1.0:
            raise ConfigError("monitoring.augment.as_acquired_share: expected a share in [0, 1]")
        if self.noise_texture not in NOISE_TEXTURES:
            raise ConfigError(f"monitoring.augment.noise_texture: expected one of {', '.join(NOISE_TEXTURES)}")
        if self.scale[0] <= 0 or self.gamma[0] <= 0 or self.contrast[0] <= 0:
            raise ConfigError("monitoring.augment: scale, gamma and contrast must be positive")


@dataclass(frozen=True)
class ReferenceConfig:
    """monitoring.reference: where references live and how many augmented samples they hold."""

    path: str = "monitoring/reference/default.npz"
    drr_path: str = "monitoring/reference/drr.npz"
    raw_dir: str = "data/raw/xray"
    samples: int = 200
    drr_samples: int = 200
    seed: int = 20251124


@dataclass(frozen=True)
class DriftConfig:
    """monitoring.drift: the test's window, error rate split and thresholds.

    The verdict is drift when the embedding MMD's permutation p-value <= alpha * mmd_share, or when Holm's procedure
    at level alpha * (1 - mmd_share) rejects any KS test of the statistics, or (windows of at least psi_min_window
    images only) a statistic's PSI exceeds psi_threshold. The two families split alpha (Bonferroni), so the
    false-alarm rate of a run is at most alpha.
    """

    window: int = 100
    min_window: int = 10
    alpha: float = 0.01
    mmd_share: float = 0.5
    permutations: int = 1000
    psi_bins: int = 10
    psi_threshold: float = 0.25
    psi_min_window: int = 1000
    seed: int = 0
    check_every: int = 50

    def validate(self) -> None:
        if not 0.0 < self.alpha < 1.0 or not 0.0 < self.mmd_share < 1.0:
            raise ConfigError("monitoring.drift.alpha/mmd_share: expected values in (0, 1)")
        if self.permutations < 200:
            raise ConfigError("monitoring.drift.permutations: at least 200 for a usable p-value")
        if self.min_window < 2 or self.window < self.min_window:
            raise ConfigError("monitoring.drift.window: must be >= min_window >= 2")


@dataclass(frozen=True)
class MonitoringConfig:
    """monitoring: the whole section."""

    model_bundle: str = "serving/bundles/sam"
    models_dir: str = "models"
    report_dir: str = "reports/drift"
    store: StoreConfig = field(default_factory=StoreConfig)
    reference: ReferenceConfig = field(default_factory=ReferenceConfig)
    augment: AugmentXrayConfig = field(default_factory=AugmentXrayConfig)
    drift: DriftConfig = field(default_factory=DriftConfig)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> MonitoringConfig:
        """From params.yaml's `monitoring:` section (missing keys keep their defaults)."""
        section = dict(params.get("monitoring") or {})
        nested = {
            "store": (StoreConfig, "monitoring.store"),
            "reference": (ReferenceConfig, "monitoring.reference"),
            "augment": (AugmentXrayConfig, "monitoring.augment"),
            "drift": (DriftConfig, "monitoring.drift"),
        }
        parts: dict[str, Any] = {
            key: dataclass_from_section(kind, section.pop(key, None), where) for key, (kind, where) in nested.items()
        }
        top = dataclass_from_section(_Top, section, "monitoring")
        config = cls(**top.__dict__, **parts)
        config.augment.validate()
        config.drift.validate()
        return config


@dataclass(frozen=True)
class _Top:
    model_bundle: str = "serving/bundles/sam"
    models_dir: str = "models"
    report_dir: str = "reports/drift"
