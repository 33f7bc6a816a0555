"""AFiRe synthetic lesions: mask where the image changed, clipping, determinism, numpy and torch."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from xraymatch.errors import ConfigError
from xraymatch.targets.lesions import LesionConfig, lesion_pattern, synthesise_lesions, texture_patch


def _xray_like(size: int = 128, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:size, 0:size] / size
    body = np.exp(-(((x - 0.5) / 0.3) ** 2 + ((y - 0.55) / 0.35) ** 2))
    image = 0.7 * body + 0.05 * rng.random((size, size))
    image[:4] = 1.0  # a saturated band: clipping must show in the mask
    return np.clip(image, 0, 1).astype(np.float32)


def test_mask_is_non_zero_exactly_where_the_image_changed_and_values_stay_in_range():
    images = np.stack([_xray_like(seed=s) for s in range(4)])
    lesioned, mask = synthesise_lesions(images, np.random.default_rng(0))
    assert lesioned.shape == mask.shape == images.shape and lesioned.dtype == np.float32
    np.testing.assert_array_equal(mask != 0, lesioned != images)
    assert lesioned.min() >= 0 and lesioned.max() <= 1 and mask.min() >= 0
    assert all((mask[i] > 0).any() for i in range(4))
    np.testing.assert_allclose(images + mask, lesioned, atol=1e-6)


def test_lesions_are_deterministic_given_the_seed_and_work_on_torch():
    image = _xray_like()
    a, _ = synthesise_lesions(image, np.random.default_rng(5))
    b, _ = synthesise_lesions(image, np.random.default_rng(5))
    c, _ = synthesise_lesions(image, np.random.default_rng(6))
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)
    tensor = torch.from_numpy(np.stack([image, image]))[:, None]  # (B, 1, H, W)
    lesioned, mask = synthesise_lesions(tensor, np.random.default_rng(5))
    assert isinstance(lesioned, torch.Tensor) and lesioned.shape == (2, 1, 128, 128)
    np.testing.assert_array_equal(lesioned[0, 0].numpy(), a)
    assert torch.equal(mask != 0, lesioned != tensor)


def test_pattern_is_a_gaussian_shaped_texture_scaled_to_the_peak():
    image = _xray_like()
    patch = texture_patch(image, 30)
    assert patch.shape == (30, 30)
    assert patch.mean() > image.mean()  # taken from the bright body region, not the background
    pattern = lesion_pattern(patch, np.random.default_rng(0), peak=0.5)
    assert pattern.min() == 0 and np.isclose(pattern.max(), 0.5)
    assert pattern[10:20, 10:20].mean() > pattern[:5, :5].mean()  # centre-weighted


def test_copy_count_and_size_follow_the_config():
    image = np.zeros((224, 224), dtype=np.float32)
    image[60:160, 60:160] = 0.4 + 0.1 * np.random.default_rng(0).random((100, 100))
    config = LesionConfig(copies=(1, 1), size_px=(40, 40))
    _, mask = synthesise_lesions(image, np.random.default_rng(1), config)
    rows, cols = np.nonzero(mask)
    assert rows.max() - rows.min() + 1 <= 40 and cols.max() - cols.min() + 1 <= 40


def test_lesion_config_from_params_and_errors():
    assert LesionConfig.from_params({"copies": [2, 3], "peak": 0.4}).copies == (2, 3)
    with pytest.raises(ConfigError, match=r"train\.lesions\.size_px"):
        LesionConfig.from_params({"size_px": [64, 16]})
    with pytest.raises(ConfigError, match=r"train\.lesions\.sizes: unknown key"):
        LesionConfig.from_params({"sizes": [16, 64]})
