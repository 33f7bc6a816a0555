"""Synthetic fractures in 3D: a labelled bone is cut by a plane and one fragment is displaced.

This is a synthetic proxy for fracture detection (no real fractures are modelled: no comminution, no callus, no
impaction). A bone structure (matched by name among the label map's TotalSegmentator names) is cut by a random plane
through a random voxel of it, roughly across the bone's local long axis; the structure's voxels within gap/2 of the
plane, near the point, become soft tissue, and the piece of the structure on the plane's positive side next to the cut
is displaced by a small random shift that fades to zero at `radius_mm` (a local step-off; the space it leaves becomes
soft tissue), so views change only near the cut. The input is never modified.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import functools
import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import ndimage

from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError
from xraymatch.targets.camera import project_views

log = logging.getLogger(__name__)

BONE_PATTERNS = ("rib_", "clavicula_", "vertebrae_", "scapula_", "humerus_", "sternum")


@dataclass(frozen=True)
class FractureConfig:
    """Which bones may break and how: name patterns (see `bone_labels`), gap and shift ranges (mm), fractured
    fraction, fill value (soft tissue in the volume's units: HU by default), neighbourhood radius of the cut (mm),
    smallest structure (voxels) worth cutting."""

    structures: tuple[str, ...] = BONE_PATTERNS
    gap_mm: tuple[float, float] = (1.0, 3.0)
    shift_mm: tuple[float, float] = (1.0, 4.0)
    fraction: float = 0.5
    fill_value: float = 40.0
    radius_mm: float = 20.0
    min_voxels: int = 20
    prefix: str = dataclasses.field(default="drr.fractures", compare=False)

    @classmethod
    def from_params(cls, section: dict[str, Any], prefix: str = "drr.fractures") -> FractureConfig:
        """Build and validate from a params.yaml section; unknown keys are errors, missing keys default."""
        config = dataclass_from_section(cls, section, prefix, fixed={"prefix": prefix})
        config.validate()
        return config

    def validate(self) -> None:
        """Raise ConfigError naming the field for an out-of-range value."""
        p = self.prefix
        if not self.structures:
            raise ConfigError(f"{p}.structures: empty; list name prefixes such as rib_")
        for name in ("gap_mm", "shift_mm"):
            low, high = getattr(self, name)
            if low < 0 or low > high:
                raise ConfigError(f"{p}.{name}: [{low:g}, {high:g}] must satisfy 0 <= min <= max")
        if not 0 <= self.fraction <= 1:
            raise ConfigError(f"{p}.fraction: {self.fraction:g} must be within [0, 1]")
        if not self.radius_mm > 0:
            raise ConfigError(f"{p}.radius_mm: {self.radius_mm:g} must be > 0")
        if self.min_voxels < 1:
            raise ConfigError(f"{p}.min_voxels: {self.min_voxels} must be >= 1")


@dataclass(frozen=True)
class FractureRecord:
    """One synthetic fracture: structure `label_id`/`name`, `location_mm` (3,) the cut's centre (a voxel of the
    structure, world mm), plane `normal` (3,) unit, `gap_mm`, fragment `shift` (3,) mm and `n_changed` voxels."""

    label_id: int
    name: str
    location_mm: np.ndarray
    normal: np.ndarray
    gap_mm: float
    shift: np.ndarray
    n_changed: int


def fracture_flags(rng: np.random.Generator, n_samples: int, fraction: float) -> np.ndarray:
    """Which of `n_samples` samples get a fracture (n_samples,) bool: exactly round(fraction * n), shuffled."""
    flags = np.zeros(n_samples, dtype=bool)
    flags[: round(fraction * n_samples)] = True
    return rng.permutation(flags)


@functools.cache
def warn_once(message: str) -> None:
    """Log a warning the first time this process sees `message` (e.g. "no bone labels", said once per run)."""
    log.warning(message)


def no_bones_message(patterns: tuple[str, ...]) -> str:
    return f"fractures: no bone label matching {list(patterns)} in the label map; none synthesised"


def bone_labels(labels: np.ndarray, label_names: dict[int, str], patterns: tuple[str, ...]) -> list[int]:
    """Ids of the structures present in `labels` whose name matches one of `patterns`: a glob when it holds a
    wildcard (`rib_left_*`), else a name prefix (`rib_` matches every rib, `sternum` the sternum)."""
    globs = [p if any(c in p for c in "*?[") else p + "*" for p in patterns]
    wanted = [i for i, name in label_names.items() if any(fnmatch.fnmatchcase(name, g) for g in globs)]
    present = set(np.unique(labels).tolist())
    return sorted(i for i in wanted if i in present)


def _random_unit(rng: np.random.Generator) -> np.ndarray:
    vector = rng.normal(size=3)
    return vector / np.linalg.norm(vector)


def synthesise_fracture(
    volume: np.ndarray,
    labels: np.ndarray,
    affine: np.ndarray,
    label_names: dict[int, str],
    rng: np.random.Generator,
    config: FractureConfig | None = None,
) -> tuple[np.ndarray, FractureRecord] | None:
    """Cut one bone of `volume` (X, Y, Z) and return (fractured copy, record), or None when no bone label is present
    (one warning per process, not per sample)."""
    config = config or FractureConfig()
    counts = np.bincount(np.asarray(labels).ravel().astype(np.int64))
    candidates = [i for i in bone_labels(labels, label_names, config.structures) if counts[i] >= config.min_voxels]
    if not candidates:
        warn_once(no_bones_message(config.structures))
        return None
    label_id = int(rng.choice(candidates))
    affine = np.asarray(affine, dtype=np.float64)
    linear, offset = affine[:3, :3], affine[:3, 3]

    # work inside the structure's bounding box, grown by the largest shift
    voxel_mm = np.linalg.norm(linear, axis=0)
    margin = np.ceil(config.shift_mm[1] / voxel_mm).astype(int) + 1
    where = np.argwhere(labels == label_id)
    low = np.maximum(where.min(axis=0) - margin, 0)
    high = np.minimum(where.max(axis=0) + margin + 1, labels.shape)
    box = tuple(slice(a, b) for a, b in zip(low, high, strict=True))
    structure = labels[box] == label_id
    world = (np.indices(structure.shape).reshape(3, -1).T + low) @ linear.T + offset  # (n, 3) voxel centres

    point = world[np.flatnonzero(structure.ravel())[rng.integers(structure.sum())]]
    near = np.linalg.norm(world - point, axis=1) < config.radius_mm
    local = world[near & structure.ravel()]
    axis = np.linalg.svd(local - local.mean(axis=0), full_matrices=False)[2][0] if len(local) > 2 else _random_unit(rng)
    normal = axis + 0.5 * _random_unit(rng)
    normal /= np.linalg.norm(normal)
    gap = float(rng.uniform(*config.gap_mm))
    shift = _random_unit(rng) * rng.uniform(*config.shift_mm)

    signed = ((world - point) @ normal).reshape(structure.shape)
    cut = structure & (np.abs(signed) < gap / 2) & near.reshape(structure.shape)
    plus, _ = ndimage.label(structure & (signed >= gap / 2))
    seeds = plus[(plus > 0) & (signed < gap / 2 + voxel_mm.max()) & near.reshape(structure.shape)]
    # the fragment is displaced by `shift` at the cut, fading to zero at radius_mm: a local step-off, so the volume
    # (and every view) changes only within radius_mm + |shift| of the cut, with no second crack at the fade's edge
    fragment = np.isin(plus, np.unique(seeds)) & (plus > 0) & near.reshape(structure.shape)
    fade = np.clip(1.0 - np.linalg.norm(world - point, axis=1) / config.radius_mm, 0.0, 1.0)

    region = volume[box]
    out_region = np.array(region, copy=True)
    out_region[cut | fragment] = config.fill_value
    # backward mapping: each voxel takes the value of the fragment voxel `shift` mm behind it, if any
    source = np.rint(np.linalg.solve(linear, (world - shift * fade[:, None] - offset).T).T - low).astype(np.int64)
    valid = np.all((source >= 0) & (source < structure.shape), axis=1)
    hit = np.zeros(len(world), dtype=bool)
    hit[valid] = fragment[tuple(source[valid].T)]
    target = hit.reshape(structure.shape)
    out_region[target] = region[tuple(source[hit].T)]

    fractured = np.array(volume, copy=True)
    fractured[box] = out_region
    record = FractureRecord(
        label_id=label_id,
        name=label_names[label_id],
        location_mm=point,
        normal=normal,
        gap_mm=gap,
        shift=shift,
        n_changed=int(np.count_nonzero(out_region != region)),
    )
    return fractured, record


def fracture_location_2d(record: FractureRecord, P: Any, height: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Pixel position (V, 2) float32 of the fracture's centre in the V views P (V, 3, 4), and in-image flags (V,)."""
    pixels, visible = project_views(P, record.location_mm[None], height, width)
    return pixels[:, 0], visible[:, 0]
