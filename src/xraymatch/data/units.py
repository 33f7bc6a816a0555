"""Rendering units and splits: which part of which CT renders how many samples for which split.

With several CTs, whole cases go to train/val/test (a salted-hash order, so adding a case moves no other). With fewer
than `min_cases_for_case_split` CTs, each CT is split: val and test come from held-out z-slabs of the volume
(cropped) *and* held-out ranges of the first view's
primary angle, so no voxel and no viewing direction of an evaluation sample was seen in training. Metrics computed on
such splits are a proxy measured on one patient's anatomy, and every report says so.
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass
from typing import Any

import pandas as pd

from xraymatch.errors import ConfigError

SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class Unit:
    """One shard's worth of work: a case (or a z-slab of it), its split, sample count, seed and angle constraint."""

    case_id: str
    split: str
    z_range: tuple[float, float]
    n_samples: int
    seed: int
    held_out_angles: tuple[tuple[float, float], ...]
    angle_mode: str  # "inside": view 0's primary angle must fall in held_out_angles; "outside": must not

    @property
    def name(self) -> str:
        return f"{self.case_id}-{self.split}"


def _seed(base: int, *parts: str) -> int:
    digest = hashlib.sha256(":".join([str(base), *parts]).encode()).digest()
    return int.from_bytes(digest[:4], "little")


def plan_units(manifest: pd.DataFrame, config: dict[str, Any], seed: int, samples_per_case: int) -> list[Unit]:
    """Units for every case of the CT manifest, following params `drr.splits`."""
    case_ids = sorted(manifest["case_id"])
    if not case_ids:
        raise ConfigError("data/ct/manifest.parquet: no cases; run the ingest_ct stage first")
    if len(case_ids) < int(config.get("min_cases_for_case_split", 10)):
        units: list[Unit] = []
        for case_id in case_ids:
            units += _single_case_units(case_id, config["single_case"], seed, samples_per_case)
        return units
    fractions = [float(f) for f in config["case_fractions"]]
    if len(fractions) != 3 or abs(sum(fractions) - 1) > 1e-6 or min(fractions) < 0:
        raise ConfigError(f"drr.splits.case_fractions: {fractions} must be three fractions summing to 1")
    order = sorted(case_ids, key=lambda c: hashlib.sha256(f"{seed}:{c}".encode()).hexdigest())
    n_val = max(1, round(fractions[1] * len(order))) if fractions[1] > 0 else 0
    n_test = max(1, round(fractions[2] * len(order))) if fractions[2] > 0 and len(order) > 2 else 0
    split_of = {c: "val" for c in order[:n_val]}
    split_of.update({c: "test" for c in order[n_val : n_val + n_test]})
    units = []
    for case_id in case_ids:
        split = split_of.get(case_id, "train")
        units.append(Unit(case_id, split, (0.0, 1.0), samples_per_case, _seed(seed, case_id, split), (), "any"))
    return units


def _single_case_units(case_id: str, config: dict[str, Any], seed: int, samples: int) -> list[Unit]:
    slabs = {split: tuple(float(v) for v in config[f"{split}_slab"]) for split in SPLITS}
    angles = {
        split: tuple(tuple(float(v) for v in r) for r in config.get(f"{split}_primary_deg", [])) for split in SPLITS
    }
    fractions = {split: float(config[f"{split}_samples"]) for split in SPLITS}
    for split, (lo, hi) in slabs.items():
        if not 0.0 <= lo < hi <= 1.0:
            raise ConfigError(f"drr.splits.single_case.{split}_slab: [{lo}, {hi}] must satisfy 0 <= lo < hi <= 1")
    ordered = sorted(slabs.values())
    if any(a[1] > b[0] + 1e-9 for a, b in itertools.pairwise(ordered)):
        raise ConfigError("drr.splits.single_case: the train/val/test slabs overlap; make the z-ranges disjoint")
    held_out = angles["val"] + angles["test"]
    units = []
    for split in SPLITS:
        n = max(1, round(fractions[split] * samples))
        constraint = "outside" if split == "train" else "inside"
        allowed = held_out if split == "train" else angles[split]
        units.append(Unit(case_id, split, slabs[split], n, _seed(seed, case_id, split), allowed, constraint))  # type: ignore[arg-type]
    return units


def primary_allowed(primary_deg: float, unit: Unit) -> bool:
    """Whether view 0's primary angle (degrees, any wrap) satisfies the unit's angle constraint."""
    if unit.angle_mode == "any" or not unit.held_out_angles:
        return True
    angle = primary_deg % 360.0
    inside = any(lo <= angle < hi or lo <= angle + 360.0 < hi for lo, hi in unit.held_out_angles)
    return inside if unit.angle_mode == "inside" else not inside
