"""Synthetic subjects, C-arm poses and image-agreement measures shared by the DRR tests."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torchio
from diffdrr.data import read
from diffdrr.pose import RigidTransform, convert

from tests import factories

SPACING = (2.0, 2.5, 3.0)


def carm_poses(
    angles_deg: list[tuple[float, float, float]],
    sid: float = 1000.0,
    source_axis: tuple[float, float, float] = (0, 1, 0),
) -> RigidTransform:
    """DiffDRR poses (ZXY Euler angles in degrees: primary, tilt, in-plane) with the source sid mm from the isocentre.

    source_axis: where zero angles put the source (subjects read with "AP": +y; "PA": -y; no orientation: -z).
    """
    rotations = torch.deg2rad(torch.tensor(angles_deg, dtype=torch.float32))
    translations = sid * torch.tensor([source_axis], dtype=torch.float32).repeat(len(angles_deg), 1)
    return convert(rotations, translations, parameterization="euler_angles", convention="ZXY")


# AP, PA, both laterals, obliques, cranio-caudal tilts and an in-plane rotation.
VIEWS = [(0, 0, 0), (180, 0, 0), (90, 0, 0), (270, 0, 0), (45, 20, 0), (-130, -30, 0), (10, 30, 15), (220, 12, -20)]


def ncc(a: torch.Tensor, b: torch.Tensor) -> float:
    """Normalised cross-correlation of two images."""
    a, b = a.double().flatten(), b.double().flatten()
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / (a.norm() * b.norm()))


def mean_relative_error(image: torch.Tensor, reference: torch.Tensor) -> float:
    """Mean absolute error relative to the reference's mean absolute value."""
    return float((image.double() - reference.double()).abs().mean() / reference.double().abs().mean())


def subject_from_arrays(hu: np.ndarray, labels: np.ndarray | None = None, orientation: str | None = "AP"):
    """A DiffDRR subject (centred, density from HU) from a HU volume and an optional label map on the same grid."""
    affine = np.diag([*SPACING, 1.0])
    volume = torchio.ScalarImage(tensor=torch.as_tensor(hu, dtype=torch.float32)[None], affine=affine)
    mask = None if labels is None else torchio.LabelMap(tensor=torch.as_tensor(labels)[None], affine=affine)
    return read(volume, mask, orientation=orientation)


@pytest.fixture(scope="session")
def phantom_subject():
    """The factories' water cylinder with a bone rod, labelled 1 (body) and 2 (rod)."""
    hu = factories.phantom().astype(np.float32)
    labels = np.zeros(hu.shape, np.uint8)
    labels[hu > -500] = 1
    labels[hu > 500] = 2
    return subject_from_arrays(hu, labels)
