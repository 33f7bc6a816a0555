"""A small labelled chest-like phantom for the target tests: HU volume, labels, names and a centred affine."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Phantom:
    hu: np.ndarray  # (X, Y, Z) int16
    labels: np.ndarray  # (X, Y, Z) uint16
    label_names: dict[int, str]
    affine: np.ndarray  # (4, 4) voxel index -> world mm, volume centred on the origin


def chest_phantom(n: int = 64, spacing: float = 4.0) -> Phantom:
    """An elliptic soft-tissue body (40 HU) in air, a rib-like bone bar, a vertebra-like bone block and a liver."""
    idx = np.indices((n, n, n)).astype(np.float64)
    x, y, z = ((idx - (n - 1) / 2) * spacing)[[0, 1, 2]]
    hu = np.full((n, n, n), -1000, dtype=np.int16)
    labels = np.zeros((n, n, n), dtype=np.uint16)
    body = (x / 100) ** 2 + (y / 70) ** 2 < 1
    hu[body & (np.abs(z) < 100)] = 40
    rib = (np.abs(y - 40) < 6) & (np.abs(z - 20) < 6) & (np.abs(x) < 80)
    vertebra = (np.abs(x) < 14) & (np.abs(y + 40) < 14) & (np.abs(z) < 40)
    liver = ((x + 40) / 30) ** 2 + ((y - 0) / 25) ** 2 + ((z + 50) / 25) ** 2 < 1
    hu[liver] = 60
    hu[rib] = 700
    hu[vertebra] = 900
    labels[rib], labels[vertebra], labels[liver] = 1, 2, 3
    affine = np.diag([spacing, spacing, spacing, 1.0])
    affine[:3, 3] = -(n - 1) / 2 * spacing
    return Phantom(hu=hu, labels=labels, label_names={1: "rib_left_5", 2: "vertebrae_T8", 3: "liver"}, affine=affine)
