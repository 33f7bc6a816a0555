"""Anatomy maps: the label adding the most attenuation along each ray, placed where projections say it is."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from tests.drr.conftest import carm_poses, subject_from_arrays
from xraymatch.drr import Renderer


def slab_subject(dense_length: int, light_length: int):
    """Two slabs across x and z, stacked along y (the AP ray): label 1 of density 1.0, label 2 of density 0.3."""
    shape = (12, 80, 10)
    labels = np.zeros(shape, np.uint8)
    labels[:, 5 : 5 + dense_length] = 1
    labels[:, 40 : 40 + light_length] = 2
    subject = subject_from_arrays(np.zeros(shape, np.float32), labels)
    density = np.where(labels == 1, 1.0, np.where(labels == 2, 0.3, 0.0)).astype(np.float32)
    subject.density.set_data(torch.as_tensor(density)[None])
    return subject


@pytest.mark.parametrize(("dense_length", "light_length", "winner"), [(10, 20, 1), (10, 38, 2), (0, 5, 2)])
def test_largest_attenuation_wins(dense_length, light_length, winner) -> None:
    renderer = Renderer(slab_subject(dense_length, light_length), sdd=1500.0, height=8, delx=1.0)
    label_map = renderer.anatomy(carm_poses([(0, 0, 0), (180, 0, 0)]))
    assert label_map.shape == (2, 8, 8)
    assert label_map.dtype == torch.int64
    assert (label_map == winner).all()


def test_label_subset_and_background() -> None:
    renderer = Renderer(slab_subject(10, 20), sdd=1500.0, height=8, delx=1.0)
    assert (renderer.anatomy(carm_poses([(0, 0, 0)]), labels=torch.tensor([2])) == 2).all()
    assert (renderer.anatomy(carm_poses([(0, 0, 0)]), labels=torch.tensor([3])) == 0).all()
    missing = renderer.anatomy(carm_poses([(0, 0, 0)], source_axis=(0, 0, 1)))
    assert (missing == 0).all()


def test_projected_label_centroid_matches_anatomy_map_centroid() -> None:
    """Guards against axis flips: an off-centre, asymmetric block lands where `project` puts it, in every view."""
    shape = (40, 36, 30)
    hu = np.full(shape, -1000.0, np.float32)
    hu[6:34, 6:30, 4:26] = 0.0
    labels = np.zeros(shape, np.uint8)
    labels[26:32, 8:13, 5:9] = 7
    hu[labels == 7] = 800.0
    subject = subject_from_arrays(hu, labels)
    renderer = Renderer(subject, sdd=1800.0, height=64, width=72, delx=2.0, dely=2.2, x0=5.0, y0=-3.0)
    poses = carm_poses([(0, 0, 0), (90, 0, 0), (180, 0, 0), (-60, 25, 0), (130, -20, 10)])
    label_map = renderer.anatomy(poses)
    affine = torch.as_tensor(subject.volume.affine)
    voxels = torch.as_tensor(np.argwhere(labels == 7), dtype=torch.float64)
    centroid = (voxels.mean(0) @ affine[:3, :3].T + affine[:3, 3]).float()
    projected = renderer.project(poses, centroid.expand(len(poses), 1, 3))[:, 0]
    for b in range(len(poses)):
        rows, cols = torch.nonzero(label_map[b] == 7, as_tuple=True)
        assert rows.numel() > 10, f"view {b}: the label is not visible"
        observed = torch.stack([cols.double().mean() + 0.5, rows.double().mean() + 0.5])
        assert torch.dist(observed, projected[b].double()) < 1.0, f"view {b}"


def test_anatomy_needs_a_label_map() -> None:
    subject = subject_from_arrays(np.zeros((6, 6, 6), np.float32))
    with pytest.raises(ValueError, match="label map"):
        Renderer(subject, 1000.0, 4, 4.0).anatomy(carm_poses([(0, 0, 0)]))
