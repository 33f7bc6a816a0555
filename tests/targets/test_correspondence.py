"""The patch correspondence matrix: symmetry, epipolar geometry, point consistency and identical views."""

from __future__ import annotations

import numpy as np
import pytest

from tests.targets.cameras import carm_projection, fundamental
from tests.targets.phantoms import chest_phantom
from xraymatch.errors import InputError
from xraymatch.targets.correspondence import coarse_volume, correspondence_matrix

G, SIZE = 16, 256
PATCH = SIZE / G


@pytest.fixture(scope="module")
def coarse():
    phantom = chest_phantom()
    return coarse_volume(phantom.hu, phantom.affine, grid=G)


def _patch_centres(index: np.ndarray) -> np.ndarray:
    """Homogeneous pixel centres (n, 3) of patches i = row * G + col."""
    return np.stack([(index % G + 0.5) * PATCH, (index // G + 0.5) * PATCH, np.ones(len(index))], axis=1)


def _epipolar_distances(F: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    lines = _patch_centres(i) @ F.T
    return np.abs((lines * _patch_centres(j)).sum(axis=1)) / np.hypot(lines[:, 0], lines[:, 1])


def test_coarse_volume_keeps_body_voxels_with_weights_in_unit_range(coarse):
    assert coarse.corners.shape == (len(coarse.weights), 8, 3) and coarse.centres.shape == (len(coarse.weights), 3)
    assert coarse.weights.min() > 0 and coarse.weights.max() == 1.0
    assert len(coarse.weights) < G**3  # air columns were dropped
    assert np.all(np.abs(coarse.centres[:, :2]) < 128)  # the phantom's body fits in |x|, |y| < 128 mm


def test_transposed_pair_gives_exactly_the_transpose(coarse):
    P_a, P_b = carm_projection(30, -10), carm_projection(200, 15, sid=1050, sdd=2100)
    C_ab = correspondence_matrix(coarse, P_a, P_b, SIZE, SIZE, G)
    C_ba = correspondence_matrix(coarse, P_b, P_a, SIZE, SIZE, G)
    assert C_ab.shape == (G * G, G * G) and C_ab.dtype == np.float32
    assert C_ab.min() >= 0 and C_ab.max() <= 1 and C_ab.max() > 0.5
    np.testing.assert_array_equal(C_ba, C_ab.T)


@pytest.mark.parametrize(("view_a", "view_b"), [((0, 0), (90, 0)), ((0, 0), (40, 20)), ((30, -10), (200, 15))])
def test_strong_entries_lie_on_epipolar_lines(coarse, view_a, view_b):
    P_a, P_b = carm_projection(*view_a), carm_projection(*view_b, sid=1050, sdd=2100)
    C = correspondence_matrix(coarse, P_a, P_b, SIZE, SIZE, G)
    F = fundamental(P_a, P_b)
    i, j = np.nonzero(C > 0.8)
    assert len(i) > 50
    assert _epipolar_distances(F, i, j).max() < PATCH * np.sqrt(2)
    # the check discriminates: arbitrary patch pairs are mostly far from the epipolar lines
    rng = np.random.default_rng(0)
    random_pairs = _epipolar_distances(F, rng.integers(0, G * G, 500), rng.integers(0, G * G, 500))
    assert np.mean(random_pairs > PATCH * np.sqrt(2)) > 0.5


def test_point_seen_in_both_views_hits_its_patch_pair(coarse):
    P_a, P_b = carm_projection(10, 5), carm_projection(75, -15, sid=1080, sdd=1900)
    C = correspondence_matrix(coarse, P_a, P_b, SIZE, SIZE, G)
    for point in ([0.0, 0.0, 0.0], [40.0, 30.0, -50.0], [-60.0, -20.0, 70.0], [0.0, 40.0, 20.0]):
        patches = []
        for P in (P_a, P_b):
            u, v, w = P @ np.array([*point, 1.0])
            patches.append(int(v / w // PATCH) * G + int(u / w // PATCH))
        assert C[patches[0], patches[1]] > 0


def test_identical_views_give_a_dominant_diagonal(coarse):
    P = carm_projection(20, 10)
    C = correspondence_matrix(coarse, P, P, SIZE, SIZE, G).astype(np.float64)
    diagonal = np.diag(C)
    seen = diagonal > 0
    assert seen.sum() > 50
    # each entry is bounded by the geometric mean of its two diagonal entries, and strong rows peak on the diagonal
    # (not all: a neighbour fully covered by a heavier voxel can beat a partly covered diagonal patch)
    assert np.all(np.sqrt(np.outer(diagonal, diagonal)) + 1e-6 >= C)
    strong = diagonal > 0.2
    assert np.mean(diagonal[strong] >= C[strong].max(axis=1) - 1e-6) > 0.75
    off_diagonal = (C.sum() - diagonal.sum()) / (C.size - len(diagonal))
    assert diagonal[seen].mean() > 10 * off_diagonal


def test_views_missing_the_volume_give_an_empty_matrix(coarse):
    far_off = carm_projection(0, 0)
    far_off[:, 3] += far_off[:, :3] @ np.array([2000.0, 0.0, 0.0])  # shift the volume far out of the field
    C = correspondence_matrix(coarse, far_off, carm_projection(90, 0), SIZE, SIZE, G)
    assert not C.any()


def test_bad_inputs_raise_input_error():
    with pytest.raises(InputError, match="grid"):
        coarse_volume(np.zeros((8, 8, 8), dtype=np.int16), np.eye(4), grid=16)
    with pytest.raises(InputError, match="min_weight"):
        coarse_volume(np.full((8, 8, 8), -1000, dtype=np.int16), np.eye(4), grid=4)
