"""A small DRR cache written with the real shard writer, with known geometry and anatomy (known answers for the
report generator): views from camera centres, landmarks of a chest, and fractures placed where we choose."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from xraymatch.data.cache import INDEX_NAME, write_shard

# world frame of the cache: +x patient's right, +y anterior, +z superior
LANDMARKS = {
    "lung_upper_lobe_right": (80.0, 0.0, 60.0),
    "lung_upper_lobe_left": (-80.0, 0.0, 60.0),
    "heart": (-25.0, 25.0, 0.0),
    "liver": (55.0, 30.0, -65.0),
    "vertebrae_T8": (15.0, -80.0, 10.0),
    "vertebrae_T9": (15.0, -80.0, -15.0),
    "rib_right_4": (95.0, -5.0, 40.0),
    "rib_left_4": (-95.0, -5.0, 40.0),
    "clavicula_left": (-60.0, 20.0, 110.0),
}


def projection_from_centre(centre: tuple[float, float, float]) -> np.ndarray:
    """A (3, 4) pinhole matrix whose camera centre (the X-ray source) is `centre`: P = [R | -R C]."""
    c = np.asarray(centre, dtype=np.float64)
    forward = -c / np.linalg.norm(c)
    up = np.array([0.0, 0.0, 1.0]) if abs(forward[2]) < 0.9 else np.array([0.0, 1.0, 0.0])
    right = np.cross(forward, up)
    right /= np.linalg.norm(right)
    down = np.cross(forward, right)
    R = np.stack([right, down, forward])
    K = np.array([[500.0, 0, 64], [0, 500.0, 64], [0, 0, 1]])
    return K @ np.hstack([R, (-R @ c)[:, None]])


def sample(
    centres: list[tuple[float, float, float]],
    fracture: dict[str, Any] | None = None,
    visible: list[str] | None = None,
) -> dict[str, Any]:
    """One cache sample: views at `centres`, chest landmarks (all visible unless `visible` is given), a fracture."""
    names = list(LANDMARKS)
    shown = set(visible if visible is not None else names)
    v = len(centres)
    return {
        "images": np.zeros((v, 1, 4, 4), np.float32),
        "projection": np.stack([projection_from_centre(c) for c in centres]),
        "landmarks_3d": np.array([LANDMARKS[n] for n in names], np.float32),
        "landmarks_visible": np.array([[n in shown for n in names]] * v),
        "landmark_names": names,
        "fracture": fracture or {"present": False},
    }


def write_cache(root: Path, samples: list[dict[str, Any]], splits: list[str] | None = None) -> Path:
    """Write the samples as one shard per split plus index.parquet; returns the cache root."""
    splits = splits or ["train"] * len(samples)
    rows = []
    for split in sorted(set(splits)):
        items = [s for s, sp in zip(samples, splits, strict=True) if sp == split]
        shard = f"shards/ct-test-{split}.npz"
        write_shard(root / shard, items, {"unit": f"ct-test-{split}"})
        for i, item in enumerate(items):
            rows.append(
                {
                    "case_id": "ct-test",
                    "sample_id": f"ct-test-{split}-{i:05d}",
                    "split": split,
                    "item": i,
                    "shard": shard,
                    "fracture": bool(item["fracture"].get("present")),
                }
            )
    pd.DataFrame(rows).to_parquet(root / INDEX_NAME, index=False)
    return root


AP = (0.0, 1000.0, 0.0)
PA = (0.0, -1000.0, 0.0)
SOURCE_LEFT = (-1000.0, 0.0, 0.0)  # source on the patient's left: right side against the detector
SOURCE_RIGHT = (1000.0, 0.0, 0.0)
RIB_FRACTURE = {
    "present": True,
    "structure": "rib_right_4",
    "location_3d": [70.0, -75.0, 38.0],  # behind the body axis: the posterior arc
    "visible": [True, False],
    "gap_mm": 4.0,
    "shift_mm": [5.0, 0.0, 0.0],
}
