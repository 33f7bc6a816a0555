"""Point transfer through a patch correspondence matrix: interpolation, refinement and patch-level answers."""

from __future__ import annotations

import numpy as np
import pytest

from xraymatch.patch_grid import interpolated_rows, patch_centres, transfer_points

GRID, SIZE = 8, 128


def _translation_matrix(shift: tuple[float, float], sigma: float = 12.0) -> np.ndarray:
    """Scores of a smooth matcher for a view 1 that is view 0 translated by `shift` px: a Gaussian of the distance
    between patch j's centre and patch i's centre moved by the shift."""
    centres = patch_centres(GRID, SIZE).numpy()
    moved = centres + np.asarray(shift)
    distance = np.linalg.norm(moved[:, None, :] - centres[None, :, :], axis=-1)
    return np.exp(-((distance / sigma) ** 2))


def test_interpolated_row_at_a_patch_centre_is_that_patchs_row() -> None:
    matrix = np.random.default_rng(0).random((GRID * GRID, GRID * GRID))
    centres = patch_centres(GRID, SIZE).numpy()
    rows = interpolated_rows(matrix, centres, GRID, SIZE)
    np.testing.assert_allclose(rows, matrix, atol=1e-12)


def test_interpolated_row_halfway_between_two_patches_is_their_mean() -> None:
    matrix = np.random.default_rng(1).random((GRID * GRID, GRID * GRID))
    centres = patch_centres(GRID, SIZE).numpy()
    halfway = (centres[GRID + 2] + centres[GRID + 3]) / 2  # row 1, columns 2 and 3
    row = interpolated_rows(matrix, halfway[None], GRID, SIZE)[0]
    np.testing.assert_allclose(row, (matrix[GRID + 2] + matrix[GRID + 3]) / 2, atol=1e-12)


def test_points_beyond_the_outer_centres_take_the_border_rows() -> None:
    matrix = np.random.default_rng(2).random((GRID * GRID, GRID * GRID))
    rows = interpolated_rows(matrix, np.array([[0.0, 0.0], [SIZE - 0.1, SIZE - 0.1]]), GRID, SIZE)
    np.testing.assert_allclose(rows[0], matrix[0], atol=1e-12)
    np.testing.assert_allclose(rows[1], matrix[-1], atol=1e-12)


@pytest.mark.parametrize("shift", [(5.0, -3.0), (-7.0, 6.0), (21.0, 2.5)])
def test_sub_patch_transfer_beats_patch_centres_on_a_translation(shift: tuple[float, float]) -> None:
    rng = np.random.default_rng(3)
    points = rng.uniform(32, 96, size=(200, 2))  # away from the border, so the truth stays inside the image
    matrix = _translation_matrix(shift)
    truth = points + np.asarray(shift)
    fine = np.linalg.norm(transfer_points(matrix, points, GRID, SIZE, sub_patch=True) - truth, axis=1)
    coarse = np.linalg.norm(transfer_points(matrix, points, GRID, SIZE, sub_patch=False) - truth, axis=1)
    assert fine.mean() < 0.7 * coarse.mean()
    assert np.median(fine) < 5.0  # a third of a patch


def test_patch_level_transfer_returns_the_best_patch_centre() -> None:
    matrix = np.zeros((GRID * GRID, GRID * GRID))
    matrix[9, 42] = 1.0  # patch (row 1, col 1) -> patch (row 5, col 2)
    point = patch_centres(GRID, SIZE).numpy()[9][None] + 3.0
    np.testing.assert_allclose(transfer_points(matrix, point, GRID, SIZE, sub_patch=False)[0], [40.0, 88.0])
