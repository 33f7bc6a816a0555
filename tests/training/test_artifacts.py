"""The PCA picture of dense features separates regions that differ."""

from __future__ import annotations

import numpy as np

from xraymatch.training.artifacts import pca_rgb


def test_pca_rgb_maps_two_regions_to_distinct_colours() -> None:
    features = np.zeros((8, 4, 4))
    features[0, :, :2] = 1.0  # left half differs along one feature direction
    rgb = pca_rgb(features + np.random.default_rng(0).normal(0, 1e-3, features.shape))
    assert rgb.shape == (4, 4, 3) and rgb.min() >= 0 and rgb.max() <= 1
    assert abs(rgb[:, :2, 0].mean() - rgb[:, 2:, 0].mean()) > 0.9
