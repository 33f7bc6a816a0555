"""Projection matrices against `DRR.perspective_projection`, and against the rays the renderers trace."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torchio
from diffdrr.data import read
from diffdrr.drr import DRR
from diffdrr.pose import convert

from xraymatch.geometry.projection import Detector, project_points, projection_matrices


def random_poses(n: int, seed: int, source_axis: tuple[float, float, float]):
    generator = torch.Generator().manual_seed(seed)
    rotations = torch.rand(n, 3, generator=generator) * torch.tensor([2 * np.pi, np.pi / 3, 0.6]) - torch.tensor(
        [0.0, np.pi / 6, 0.3]
    )
    sid = 1000.0 + 100.0 * torch.rand(n, 1, generator=generator)
    translations = sid * torch.tensor([source_axis], dtype=torch.float32) + 10 * torch.randn(n, 3, generator=generator)
    return convert(rotations, translations, parameterization="euler_angles", convention="ZXY")


@pytest.mark.parametrize("reverse_x_axis", [True, False])
@pytest.mark.parametrize(("x0", "y0"), [(0.0, 0.0), (12.5, -7.0)])
@pytest.mark.parametrize(("orientation", "source_axis"), [("AP", (0, 1, 0)), ("PA", (0, -1, 0)), (None, (0, 0, -1))])
def test_matches_diffdrr_perspective_projection(reverse_x_axis, x0, y0, orientation, source_axis) -> None:
    affine = np.diag([0.8, 0.9, 2.5, 1.0])
    subject = read(torchio.ScalarImage(tensor=torch.rand(1, 10, 12, 8), affine=affine), orientation=orientation)
    drr = DRR(
        subject, sdd=2000.0, height=96, width=128, delx=2.5, dely=3.0, x0=x0, y0=y0, reverse_x_axis=reverse_x_axis
    )
    detector = Detector(2000.0, 96, 128, 2.5, 3.0, x0, y0, reverse_x_axis)
    poses = random_poses(6, seed=3, source_axis=source_axis)
    points = 150 * torch.randn(6, 40, 3, generator=torch.Generator().manual_seed(4))
    expected = drr.perspective_projection(poses, points)
    got = project_points(poses.matrix, points, detector, subject.reorient)
    assert got.shape == (6, 40, 2)
    assert (got - expected).abs().max() < 0.01
    assert projection_matrices(poses.matrix, detector, subject.reorient).shape == (6, 3, 4)


@pytest.mark.parametrize("reverse_x_axis", [True, False])
@pytest.mark.parametrize(("height", "width"), [(6, 8), (7, 5)])
def test_rendered_pixel_centres_project_to_pixel_centres(reverse_x_axis, height, width) -> None:
    """The rays DiffDRR traces for pixel (row i, column j) end at (j + 0.5, i + 0.5): images and projections agree."""
    subject = read(torchio.ScalarImage(tensor=torch.rand(1, 4, 4, 4), affine=np.eye(4)), orientation="AP")
    drr = DRR(
        subject,
        sdd=1500.0,
        height=height,
        width=width,
        delx=1.5,
        dely=2.0,
        x0=3.0,
        y0=4.0,
        reverse_x_axis=reverse_x_axis,
    )
    detector = Detector(1500.0, height, width, 1.5, 2.0, 3.0, 4.0, reverse_x_axis)
    poses = random_poses(3, seed=1, source_axis=(0, 1, 0))
    _, targets = drr.detector(poses, None)
    pixels = project_points(poses.matrix, targets.double(), detector, subject.reorient)
    rows, cols = torch.meshgrid(torch.arange(height), torch.arange(width), indexing="ij")
    centres = torch.stack([cols.flatten(), rows.flatten()], dim=-1).double() + 0.5
    torch.testing.assert_close(pixels, centres.expand_as(pixels), atol=1e-3, rtol=0)
