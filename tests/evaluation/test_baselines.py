"""Baselines recover known shifts: keypoint transfer and NCC template matching on a shifted textured image."""

from __future__ import annotations

import numpy as np
import pytest

from xraymatch.evaluation.baselines import Matches, keypoint_matches, matches_to_matrix, ncc_locate, transfer_points


def _texture(size: int = 128, seed: int = 0) -> np.ndarray:
    import cv2

    rng = np.random.default_rng(seed)
    noise = rng.random((size // 8, size // 8)).astype(np.float32)
    return cv2.resize(noise, (size, size), interpolation=cv2.INTER_CUBIC).clip(0, 1)


@pytest.mark.parametrize("method", ["sift", "orb"])
def test_keypoints_recover_a_pure_shift(method: str) -> None:
    image = _texture()
    shifted = np.roll(image, (5, 7), axis=(0, 1))  # rows +5, columns +7
    matches = keypoint_matches(image, shifted, method)
    assert len(matches.a) >= 10
    inner = (matches.a[:, 0] > 16) & (matches.a[:, 0] < 100) & (matches.a[:, 1] > 16) & (matches.a[:, 1] < 100)
    np.testing.assert_allclose(np.median((matches.b - matches.a)[inner], axis=0), [7, 5], atol=0.5)
    moved = transfer_points(matches, np.array([[40.0, 50.0], [70.0, 60.0]]))
    np.testing.assert_allclose(moved, [[47.0, 55.0], [77.0, 65.0]], atol=1.0)


def test_no_matches_means_identity_and_empty_matrix() -> None:
    empty = Matches(np.zeros((0, 2)), np.zeros((0, 2)))
    np.testing.assert_array_equal(transfer_points(empty, np.ones((2, 2))), np.ones((2, 2)))
    assert matches_to_matrix(empty, 4, 32, 32).sum() == 0


def test_matches_vote_for_their_patch_pair() -> None:
    matches = Matches(np.array([[2.0, 2.0], [2.5, 3.0]]), np.array([[30.0, 30.0], [31.0, 29.0]]))
    matrix = matches_to_matrix(matches, grid=4, height=32, width=32)
    assert matrix[0, 15] == 1.0 and matrix.sum() == 1.0


def test_ncc_finds_shifted_points() -> None:
    image = _texture(seed=3)
    shifted = np.roll(image, (-4, 9), axis=(0, 1))
    points = np.array([[40.5, 40.5], [80.5, 64.5]])
    np.testing.assert_allclose(ncc_locate(image, points, shifted), points + np.array([9.0, -4.0]), atol=0.01)
