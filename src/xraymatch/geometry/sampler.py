"""Random C-arm geometries for multi-view samples, following the multi-view matching paper (REFERENCES.md section 1).

The paper draws each view's (primary, secondary) angles from one of three modes; secondary angles are centred on 180
deg. Here they become DiffDRR poses: `diffdrr.pose.convert(rotations, translations, "euler_angles", "ZXY")` for a
subject read with orientation "AP", where zero rotations and translation (0, sid, 0) put the source sid mm anterior
of the isocentre (an AP view). The first ZXY angle is the primary angle (rotation about the patient's long axis;
+90 deg moves the source to world -x, the patient's left: world +x is the patient's right, as a test on the
real chest CT's liver checks in tests/reports), the second the cranio-caudal tilt (secondary - 180,
clipped to `max_tilt_deg`, positive moves the source cranially) and the third the in-plane detector rotation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError

N_MODES = 3


@dataclass(frozen=True)
class SamplerConfig:
    """Every range of the view sampler; defaults are the paper's (a 256 x 256 detector at 2 mm pixels)."""

    views_per_sample: int = 2
    mode_probs: tuple[float, ...] = (1 / 3, 1 / 3, 1 / 3)
    primary_angles_deg: tuple[float, ...] = (0.0, 90.0, 180.0, 270.0)
    primary_probs: tuple[float, ...] = (0.4, 0.3, 0.2, 0.1)
    primary_noise_deg: float = 45.0
    secondary_neutral_deg: float = 180.0
    mode0_secondary_sd_deg: float = 15.0
    mode0_secondary_range_deg: tuple[float, float] = (150.0, 210.0)
    mode1_primary_sd_deg: float = 15.0
    mode1_primary_range_deg: tuple[float, float] = (-20.0, 20.0)
    mode1_secondary_sd_deg: float = 45.0
    mode2_secondary_sd_deg: float = 60.0
    max_tilt_deg: float = 30.0
    sid_mm: tuple[float, float] = (1000.0, 1100.0)
    sdd_mm: tuple[float, float] = (1800.0, 2300.0)
    detector_shift_mm: float = 10.0
    inplane_rotation_deg: float = 5.0
    height: int = 256
    width: int = 256
    pixel_spacing_mm: float = 2.0
    prefix: str = field(default="drr.sampler", compare=False)

    @classmethod
    def from_params(cls, section: dict[str, Any], prefix: str = "drr.sampler") -> SamplerConfig:
        """Build and validate a config from a params.yaml section; unknown keys are errors, missing keys default."""
        config = dataclass_from_section(cls, section, prefix, fixed={"prefix": prefix})
        config.validate()
        return config

    def validate(self) -> None:
        """Raise ConfigError (one line, naming the field) for an out-of-range or inconsistent value."""
        p = self.prefix
        if self.views_per_sample < 2:
            raise ConfigError(f"{p}.views_per_sample: {self.views_per_sample} < 2; a sample needs at least two views")
        _check_probs(f"{p}.mode_probs", self.mode_probs, N_MODES)
        _check_probs(f"{p}.primary_probs", self.primary_probs, len(self.primary_angles_deg))
        for name in (
            "primary_noise_deg",
            "mode0_secondary_sd_deg",
            "mode1_primary_sd_deg",
            "mode1_secondary_sd_deg",
            "mode2_secondary_sd_deg",
            "max_tilt_deg",
            "detector_shift_mm",
            "inplane_rotation_deg",
        ):
            if not getattr(self, name) >= 0:
                raise ConfigError(f"{p}.{name}: {getattr(self, name)} is negative; use a value >= 0")
        if self.max_tilt_deg >= 90:
            raise ConfigError(f"{p}.max_tilt_deg: {self.max_tilt_deg} >= 90; tilts must stay below 90 deg")
        for name in ("mode0_secondary_range_deg", "mode1_primary_range_deg", "sid_mm", "sdd_mm"):
            low, high = getattr(self, name)
            if low > high:
                raise ConfigError(f"{p}.{name}: min {low:g} > max {high:g}")
        if self.sid_mm[0] <= 0:
            raise ConfigError(f"{p}.sid_mm: min {self.sid_mm[0]:g} must be > 0")
        if self.sdd_mm[0] <= self.sid_mm[1]:
            raise ConfigError(
                f"{p}.sdd_mm: min {self.sdd_mm[0]:g} <= sid_mm max {self.sid_mm[1]:g}; the detector must lie "
                "beyond the isocentre"
            )
        for name in ("height", "width"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{p}.{name}: {getattr(self, name)} must be >= 1 pixel")
        if not self.pixel_spacing_mm > 0:
            raise ConfigError(f"{p}.pixel_spacing_mm: {self.pixel_spacing_mm} must be > 0")

    def sample(self, rng: np.random.Generator, n_samples: int) -> ViewGeometry:
        """Draw `n_samples` samples of `views_per_sample` views each."""
        self.validate()
        shape = (n_samples, self.views_per_sample)
        mode = rng.choice(N_MODES, size=shape, p=np.asarray(self.mode_probs))
        base_index = rng.choice(len(self.primary_angles_deg), size=shape, p=np.asarray(self.primary_probs))
        base = np.asarray(self.primary_angles_deg, dtype=np.float64)[base_index]
        primary_around_base = base + rng.normal(0.0, self.primary_noise_deg, shape)
        lo, hi = self.mode1_primary_range_deg
        primary_near_ap = np.clip(rng.normal(0.0, self.mode1_primary_sd_deg, shape), lo, hi)
        primary = np.where(mode == 1, primary_near_ap, primary_around_base)
        primary = (primary + 180.0) % 360.0 - 180.0  # wrap to [-180, 180)

        neutral = self.secondary_neutral_deg
        sd = np.choose(mode, [self.mode0_secondary_sd_deg, self.mode1_secondary_sd_deg, self.mode2_secondary_sd_deg])
        secondary = neutral + rng.normal(0.0, 1.0, shape) * sd
        lo, hi = self.mode0_secondary_range_deg
        secondary = np.where(mode == 0, np.clip(secondary, lo, hi), secondary)
        tilt = np.clip(secondary - neutral, -self.max_tilt_deg, self.max_tilt_deg)

        sid = rng.uniform(*self.sid_mm, shape)
        sdd = rng.uniform(*self.sdd_mm, shape)
        x0 = rng.uniform(-self.detector_shift_mm, self.detector_shift_mm, shape)
        y0 = rng.uniform(-self.detector_shift_mm, self.detector_shift_mm, shape)
        inplane = rng.uniform(-self.inplane_rotation_deg, self.inplane_rotation_deg, shape)

        rotations = np.deg2rad(np.stack([primary, tilt, inplane], axis=-1))
        translations = np.stack([np.zeros(shape), sid, np.zeros(shape)], axis=-1)
        return ViewGeometry(
            mode=mode,
            primary_base_deg=base,
            primary_deg=primary,
            secondary_deg=secondary,
            tilt_deg=tilt,
            sid_mm=sid,
            sdd_mm=sdd,
            x0_mm=x0,
            y0_mm=y0,
            inplane_deg=inplane,
            rotations=rotations,
            translations=translations,
            height=self.height,
            width=self.width,
            pixel_spacing_mm=self.pixel_spacing_mm,
        )


def _check_probs(name: str, probs: tuple[float, ...], n: int) -> None:
    """Probabilities: `n` of them, non-negative, summing to 1."""
    if len(probs) != n:
        raise ConfigError(f"{name}: {len(probs)} values, expected {n}")
    if any(not q >= 0 for q in probs):
        raise ConfigError(f"{name}: negative probability in {list(probs)}")
    if abs(sum(probs) - 1.0) > 1e-6:
        raise ConfigError(f"{name}: probabilities sum to {sum(probs):g}, not 1")


@dataclass(frozen=True)
class ViewGeometry:
    """Per-sample, per-view geometry; every array is (n_samples, views) unless noted.

    `primary_deg` is wrapped to [-180, 180); `secondary_deg` is the paper's angle (centred on 180, unclipped for modes
    1 and 2) and `tilt_deg` the clipped cranio-caudal tilt actually used. `rotations` (n, views, 3) are ZXY Euler
    angles in radians (primary, tilt, in-plane) and `translations` (n, views, 3) in mm, ready for
    `diffdrr.pose.convert`. The detector of each view has `sdd_mm`, principal-point offsets `x0_mm`/`y0_mm`
    (DiffDRR's x0/y0), height x width pixels of `pixel_spacing_mm`.
    """

    mode: np.ndarray
    primary_base_deg: np.ndarray
    primary_deg: np.ndarray
    secondary_deg: np.ndarray
    tilt_deg: np.ndarray
    sid_mm: np.ndarray
    sdd_mm: np.ndarray
    x0_mm: np.ndarray
    y0_mm: np.ndarray
    inplane_deg: np.ndarray
    rotations: np.ndarray
    translations: np.ndarray
    height: int
    width: int
    pixel_spacing_mm: float

    def pose(self, sample: int | None = None) -> Any:
        """DiffDRR camera poses (a `RigidTransform` batch) of one sample's views, or of all views flattened."""
        from diffdrr.pose import convert

        rot = self.rotations if sample is None else self.rotations[sample]
        xyz = self.translations if sample is None else self.translations[sample]
        return convert(
            torch.as_tensor(rot.reshape(-1, 3), dtype=torch.float32),
            torch.as_tensor(xyz.reshape(-1, 3), dtype=torch.float32),
            parameterization="euler_angles",
            convention="ZXY",
        )
