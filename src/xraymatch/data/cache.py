"""Shard archives of rendered samples and `DRRCache`, the torch Dataset that reads them through the index.

A shard is an uncompressed `.npz` (a zip of .npy arrays, read lazily key by key) holding many samples, so DVC sees
one file per rendering unit instead of thousands of images. Keys are `<item>/<field>`; the correspondence matrix of
views a and b is `<item>/correspondence/<a>-<b>` (stored as float16, read as float32); non-array fields (names,
fracture record) are stored as JSON.

Sample contract (what `DRRCache[i]` returns; checks and later stages rely on it):
    images (V,1,H,W) float32, pose (V,4,4) float32, sdd/delx/dely/x0/y0 (V,) float32, height/width int,
    projection (V,3,4) float64, tracks_3d (M,3), tracks_2d (V,M,2), tracks_visible (V,M) bool,
    correspondence {(a,b): (P,P) float32} for a < b, landmarks_2d (V,L,2), landmarks_visible (V,L),
    landmark_names [L], anatomy (V,H,W) int64, fracture dict (present, structure, location_3d, location_2d).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from xraymatch.atomic import atomic_file
from xraymatch.errors import InputError

INDEX_NAME = "index.parquet"
JSON_FIELDS = ("landmark_names", "fracture", "meta")


def write_shard(path: Path, samples: list[dict[str, Any]], meta: dict[str, Any]) -> Path:
    """Write samples to one shard atomically (temp file, then rename)."""
    arrays: dict[str, np.ndarray] = {"__meta__": np.array(json.dumps(meta, sort_keys=True))}
    for item, sample in enumerate(samples):
        for key, value in sample.items():
            prefix = f"{item}/{key}"
            if key == "correspondence":
                for (a, b), matrix in value.items():
                    arrays[f"{prefix}/{a}-{b}"] = np.asarray(matrix, dtype=np.float16)  # [0, 1]: half the bytes
            elif key in JSON_FIELDS:
                arrays[prefix] = np.array(json.dumps(value, sort_keys=True, default=_json_default))
            else:
                arrays[prefix] = np.asarray(value)
    with atomic_file(path) as tmp, tmp.open("wb") as handle:
        np.savez(handle, allow_pickle=False, **arrays)
    return path


def _json_default(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def shard_meta(path: Path) -> dict[str, Any] | None:
    """The shard's metadata (params hash, unit), or None when the file is missing or unreadable."""
    try:
        with np.load(path, allow_pickle=False) as archive:
            return dict(json.loads(str(archive["__meta__"])))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        return None


def read_shard(path: Path, item: int, archive: Any = None) -> dict[str, Any]:
    """Read one sample (item number within the shard) as numpy arrays."""
    own = archive is None
    archive = archive if archive is not None else np.load(path, allow_pickle=False)
    try:
        prefix = f"{item}/"
        keys = [k for k in archive.files if k.startswith(prefix)]
        if not keys:
            raise InputError(f"{path}: no sample {item}; the index and the shards disagree, rebuild with dvc repro")
        sample: dict[str, Any] = {"correspondence": {}}
        for key in keys:
            field = key[len(prefix) :]
            if field.startswith("correspondence/"):
                a, b = (int(v) for v in field.split("/", 1)[1].split("-"))
                sample["correspondence"][(a, b)] = archive[key].astype(np.float32)
            elif field in JSON_FIELDS:
                sample[field] = json.loads(str(archive[key]))
            else:
                sample[field] = archive[key]
        return sample
    finally:
        if own:
            archive.close()


class DRRCache:
    """Map-style dataset over `<root>/index.parquet`; items are sample dicts (torch tensors), optionally one split.

    Shards are opened lazily and kept open per process, so it works with DataLoader workers.
    """

    def __init__(self, root: str | Path, split: str | None = None) -> None:
        self.root = Path(root)
        index_path = self.root / INDEX_NAME
        if not index_path.exists():
            raise InputError(f"{index_path}: DRR cache index not found; build the cache with `dvc repro render_drr`")
        index = pd.read_parquet(index_path)
        if split is not None:
            if split not in set(index["split"]):
                raise InputError(f"{index_path}: no samples in split '{split}' (splits: {sorted(set(index['split']))})")
            index = index[index["split"] == split]
        self.index = index.reset_index(drop=True)
        self._open: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self.index)

    def __getitem__(self, i: int) -> dict[str, Any]:
        import torch

        row = self.index.iloc[i]
        shard = str(row["shard"])
        if shard not in self._open:
            self._open[shard] = np.load(self.root / shard, allow_pickle=False)
        sample = read_shard(self.root / shard, int(row["item"]), self._open[shard])
        out: dict[str, Any] = {"sample_id": str(row["sample_id"]), "case_id": str(row["case_id"])}
        for key, value in sample.items():
            if key == "correspondence":
                out[key] = {pair: torch.from_numpy(m) for pair, m in value.items()}
            elif key == "anatomy":
                out[key] = torch.from_numpy(value.astype(np.int64))  # stored as uint16 to keep shards small
            elif isinstance(value, np.ndarray) and value.dtype.kind in "biuf":
                out[key] = torch.from_numpy(value.copy())
            else:
                out[key] = value
        return out

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_open"] = {}  # open zip handles do not cross process boundaries
        return state
