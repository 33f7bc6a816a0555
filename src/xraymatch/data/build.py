"""The `render_drr` stage: turn every ingested CT into multi-view DRR samples with geometric targets.

Work is split into units (see `units.py`); each unit becomes one shard, written atomically, so an interrupted run
keeps its finished shards and a re-run renders only what is missing or stale (a shard records the hash of the
parameters and CT it was made from). Units are independent: ranks of a torch.distributed job take every
`world_size`-th unit, and the result does not depend on how work was spread (each unit has its own seed).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from xraymatch.data.cache import INDEX_NAME, shard_meta, write_shard
from xraymatch.data.units import Unit, plan_units, primary_allowed
from xraymatch.errors import ConfigError, InputError
from xraymatch.geometry.sampler import SamplerConfig, ViewGeometry
from xraymatch.targets.fractures import FractureConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderConfig:
    """The `drr` section of params.yaml."""

    out_dir: Path
    seed: int
    samples_per_case: int
    resample_mm: float | None
    sampler: SamplerConfig
    grid: int
    coarse_grid: int
    n_tracks: int
    track_min_hu: float
    fracture: FractureConfig
    fracture_samples_per_variant: int
    min_detector_coverage: float = 0.2
    splits: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> RenderConfig:
        section = params.get("drr")
        if not isinstance(section, dict):
            raise ConfigError("params.yaml: section 'drr' is missing; copy it from the repository's params.yaml")
        targets, fracture = section["targets"], section["fracture"]
        config = cls(
            out_dir=Path(section["out_dir"]),
            seed=int(section["seed"]),
            samples_per_case=int(section["samples_per_case"]),
            resample_mm=None if section.get("resample_mm") is None else float(section["resample_mm"]),
            sampler=SamplerConfig.from_params(section["sampler"]),
            grid=int(targets["grid"]),
            coarse_grid=int(targets["coarse_grid"]),
            n_tracks=int(targets["n_tracks"]),
            track_min_hu=float(targets["track_min_hu"]),
            fracture=FractureConfig.from_params(
                {k: v for k, v in fracture.items() if k != "samples_per_variant"}, prefix="drr.fracture"
            ),
            fracture_samples_per_variant=int(fracture.get("samples_per_variant", 1)),
            min_detector_coverage=float(section.get("min_detector_coverage", 0.2)),
            splits=section["splits"],
        )
        config.validate()
        return config

    def validate(self) -> None:
        """Reject inconsistent values before anything renders."""
        checks = [
            (self.samples_per_case >= 1, "drr.samples_per_case", "must be >= 1"),
            (self.resample_mm is None or 0.2 <= self.resample_mm <= 10, "drr.resample_mm", "must be null or 0.2-10 mm"),
            (
                self.grid >= 2 and self.sampler.height % self.grid == 0,
                "drr.targets.grid",
                "must divide the image height",
            ),
            (self.sampler.width % self.grid == 0, "drr.targets.grid", "must divide the image width"),
            (self.coarse_grid >= 2, "drr.targets.coarse_grid", "must be >= 2"),
            (self.n_tracks >= 1, "drr.targets.n_tracks", "must be >= 1"),
            (self.fracture_samples_per_variant >= 1, "drr.fracture.samples_per_variant", "must be >= 1"),
        ]
        for ok, name, rule in checks:
            if not ok:
                raise ConfigError(f"{name}: {rule}; fix params.yaml")

    def digest(self) -> str:
        """Hash of everything that changes what a shard contains: parameters and the rendering code itself."""
        payload = {k: (v.__dict__ if dataclasses.is_dataclass(v) else v) for k, v in self.__dict__.items()}
        payload.pop("out_dir")
        payload["code"] = code_digest()
        return hashlib.sha256(json.dumps(payload, default=str, sort_keys=True).encode()).hexdigest()[:16]


# The code that decides what a shard contains (dvc.yaml's render_drr deps list the same files).
RENDERING_SOURCES = (
    "drr",
    "geometry",
    "targets",
    "data/build.py",
    "data/cache.py",
    "data/render.py",
    "data/samples.py",
    "data/units.py",
)


def code_digest() -> str:
    """Hash of the source that produces shard content (a code change re-renders stale shards, nothing else does)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for source in RENDERING_SOURCES:
        paths = sorted((root / source).glob("*.py")) if (root / source).is_dir() else [root / source]
        for path in paths:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def sample_geometry(sampler: SamplerConfig, unit: Unit, rng: np.random.Generator) -> ViewGeometry:
    """Draw geometries until `unit.n_samples` satisfy the unit's held-out-angle constraint."""
    chosen: list[ViewGeometry] = []
    have = 0
    for _ in range(50):
        batch = sampler.sample(rng, max(unit.n_samples, 16))
        keep = np.array([primary_allowed(float(p), unit) for p in batch.primary_deg[:, 0]])
        if keep.any():
            chosen.append(_select(batch, np.flatnonzero(keep)))
            have += int(keep.sum())
        if have >= unit.n_samples:
            break
    if have < unit.n_samples:
        raise ConfigError(
            f"drr.splits: the {unit.split} angle ranges {unit.held_out_angles} leave too few primary angles; widen them"
        )
    merged = _concat(chosen)
    return _select(merged, np.arange(unit.n_samples))


def _select(geometry: ViewGeometry, rows: np.ndarray) -> ViewGeometry:
    values: dict[str, Any] = {k: (v[rows] if isinstance(v, np.ndarray) else v) for k, v in geometry.__dict__.items()}
    return ViewGeometry(**values)


def _concat(parts: list[ViewGeometry]) -> ViewGeometry:
    first = parts[0]
    values: dict[str, Any] = {
        k: (np.concatenate([getattr(p, k) for p in parts]) if isinstance(v, np.ndarray) else v)
        for k, v in first.__dict__.items()
    }
    return ViewGeometry(**values)


def load_manifest(ct_dir: Path) -> pd.DataFrame:
    path = ct_dir / "manifest.parquet"
    if not path.exists():
        raise InputError(f"{path}: CT manifest not found; run `dvc repro ingest_ct` first")
    return pd.read_parquet(path)


def unit_is_current(path: Path, digest: str, content_hash: str) -> bool:
    """A finished shard made from the same parameters and CT (so a resumed run skips it)."""
    meta = shard_meta(path)
    return meta is not None and meta.get("params") == digest and meta.get("ct") == content_hash


def build_cache(
    config: RenderConfig,
    ct_dir: Path,
    rank: int = 0,
    world_size: int = 1,
    write_index: bool = True,
) -> pd.DataFrame | None:
    """Render this rank's units (skipping current shards); rank 0 then writes the index from all shards."""
    from tqdm.auto import tqdm

    from xraymatch.data.render import render_unit

    manifest = load_manifest(ct_dir).set_index("case_id")
    units = plan_units(manifest.reset_index(), config.splits, config.seed, config.samples_per_case)
    digest = config.digest()
    shard_dir = config.out_dir / "shards"
    shard_dir.mkdir(parents=True, exist_ok=True)
    mine = units[rank::world_size]
    for unit in tqdm(mine, desc=f"render DRR (rank {rank})", unit="shard", disable=rank != 0 and world_size > 1):
        path = shard_dir / f"{unit.name}.npz"
        content_hash = str(manifest.loc[unit.case_id, "content_hash"])
        if unit_is_current(path, digest, content_hash):
            log.info("shard %s is current; skipping", path.name)
            continue
        samples, rows = render_unit(unit, config, ct_dir, manifest.loc[unit.case_id])
        meta = {"params": digest, "ct": content_hash, "unit": unit.name, "rows": rows}
        write_shard(path, samples, meta)
        log.info("wrote %s (%d samples)", path.name, len(samples))
    if not write_index:
        return None
    return write_index_file(config, [shard_dir / f"{u.name}.npz" for u in units])


def write_index_file(config: RenderConfig, shards: list[Path]) -> pd.DataFrame:
    """Collect every shard's rows into index.parquet; stale shards of removed units are deleted."""
    from xraymatch.atomic import atomic_file

    rows: list[dict[str, Any]] = []
    for path in shards:
        meta = shard_meta(path)
        if meta is None:
            raise InputError(f"{path}: shard missing or unreadable; re-run `dvc repro render_drr`")
        for row in meta["rows"]:
            rows.append({**row, "shard": f"shards/{path.name}"})
    keep = {p.name for p in shards}
    for stale in (config.out_dir / "shards").glob("*.npz"):
        if stale.name not in keep:
            stale.unlink()
    index = pd.DataFrame(rows)
    with atomic_file(config.out_dir / INDEX_NAME) as tmp:
        index.to_parquet(tmp, index=False)
    return index
