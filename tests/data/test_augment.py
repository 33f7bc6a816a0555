"""Augmentations keep targets consistent: flips and patch shifts move points, maps and matrix entries together."""

from __future__ import annotations

import numpy as np
import torch

from xraymatch.data.augment import AugmentConfig, augment, flip_view, jitter_intensity, normalise, shift_view

G, H = 4, 32


def _sample() -> dict:
    rng = np.random.default_rng(0)
    images = torch.from_numpy(rng.random((2, 1, H, H)).astype(np.float32))
    matrix = torch.zeros(G * G, G * G)
    matrix[1 * G + 0, 2 * G + 3] = 1.0  # patch (row 1, col 0) of view 0 matches (row 2, col 3) of view 1
    tracks = torch.tensor([[[4.0, 12.0]], [[30.0, 20.0]]])  # the same 3D point: inside those two patches
    return {
        "images": images,
        "correspondence": matrix,
        "tracks_2d": tracks,
        "tracks_visible": torch.ones(2, 1, dtype=torch.bool),
        "anatomy": (images[:, 0] > 0.5).long(),
    }


def _patch_of(point: torch.Tensor) -> int:
    col, row = int(point[0] // (H // G)), int(point[1] // (H // G))
    return row * G + col


def _track_entry(sample: dict) -> float:
    a, b = sample["tracks_2d"][0, 0], sample["tracks_2d"][1, 0]
    return float(sample["correspondence"][_patch_of(a), _patch_of(b)])


def test_flip_moves_points_pixels_and_matrix_together() -> None:
    sample = _sample()
    before = sample["images"][1].clone()
    flip_view(sample, 1, G)
    torch.testing.assert_close(sample["images"][1], before.flip(-1))
    assert float(sample["tracks_2d"][1, 0, 0]) == H - 30.0
    assert _track_entry(sample) == 1.0
    assert float(sample["correspondence"].sum()) == 1.0


def test_shift_moves_targets_and_drops_patches_that_leave() -> None:
    sample = _sample()
    shift_view(sample, 0, G, dy=1, dx=1)
    assert _track_entry(sample) == 1.0  # the point moved with its patch
    sample = _sample()
    shift_view(sample, 1, G, dy=0, dx=1)  # patch column 3 leaves the view
    assert float(sample["correspondence"].sum()) == 0.0
    assert not bool(sample["tracks_visible"][1, 0])


def test_jitter_stays_in_range_and_normalise_spans_unit_interval() -> None:
    rng = np.random.default_rng(1)
    out = jitter_intensity(torch.rand(1, H, H), AugmentConfig(noise_std=0.2), rng)
    assert float(out.min()) >= 0.0 and float(out.max()) <= 1.0
    image = torch.linspace(0, 100, H * H).reshape(1, H, H)
    scaled = normalise(image)
    assert float(scaled.min()) == 0.0 and float(scaled.max()) == 1.0


def test_random_augment_preserves_the_track_correspondence() -> None:
    for seed in range(20):
        sample = augment(_sample(), AugmentConfig(flip_prob=0.5, shift_prob=0.5), G, np.random.default_rng(seed))
        if bool(sample["tracks_visible"][:, 0].all()):
            assert _track_entry(sample) == 1.0, seed
