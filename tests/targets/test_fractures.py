"""Synthetic 3D fractures: local changes on the chosen bone, record on the structure, input untouched."""

from __future__ import annotations

import logging

import numpy as np
import pytest
from scipy import ndimage

from tests.targets.cameras import carm_projection
from xraymatch.errors import ConfigError
from xraymatch.targets.fractures import (
    FractureConfig,
    bone_labels,
    fracture_flags,
    fracture_location_2d,
    synthesise_fracture,
)

NAMES = {1: "rib_left_5", 2: "vertebrae_T8", 3: "liver"}


def _bones(n: int = 72):
    """1 mm voxels, centred: soft tissue with a textured rib bar along x, a vertebra block and a liver blob."""
    rng = np.random.default_rng(0)
    x, y, z = np.indices((n, n, n)) - (n - 1) / 2
    hu = np.full((n, n, n), 40, dtype=np.int16)
    labels = np.zeros((n, n, n), dtype=np.uint16)
    rib = (np.abs(y - 12) <= 3) & (np.abs(z) <= 3) & (np.abs(x) < 30)
    vertebra = (np.abs(x) < 8) & (np.abs(y + 18) < 8) & (np.abs(z) < 12)
    liver = (x - 20) ** 2 + (y + 20) ** 2 + (z - 20) ** 2 < 64
    labels[rib], labels[vertebra], labels[liver] = 1, 2, 3
    hu[rib | vertebra] = rng.integers(500, 1200, size=int((rib | vertebra).sum()))
    affine = np.eye(4)
    affine[:3, 3] = -(n - 1) / 2
    return hu, labels, affine


@pytest.mark.parametrize("seed", range(6))
def test_fracture_changes_only_the_bone_near_the_cut_and_its_fragment(seed):
    hu, labels, affine = _bones()
    original = hu.copy()
    config = FractureConfig(structures=("rib_*", "vertebrae_"))
    fractured, record = synthesise_fracture(hu, labels, affine, NAMES, np.random.default_rng(seed), config)
    np.testing.assert_array_equal(hu, original)  # input untouched
    assert record.name == NAMES[record.label_id] and record.label_id in (1, 2)
    assert 1 <= record.gap_mm <= 3 and 1 <= np.linalg.norm(record.shift) <= 4
    np.testing.assert_allclose(np.linalg.norm(record.normal), 1.0)
    index = np.rint(record.location_mm - affine[:3, 3]).astype(int)
    assert labels[tuple(index)] == record.label_id  # the location is on the structure

    changed = fractured != hu
    assert changed.sum() == record.n_changed > 0
    structure = labels == record.label_id
    reach = int(np.ceil(np.linalg.norm(record.shift))) + 1
    assert not (changed & ~ndimage.binary_dilation(structure, np.ones((3, 3, 3), bool), iterations=reach)).any()
    world = np.indices(hu.shape).reshape(3, -1).T + affine[:3, 3]
    signed = ((world - record.location_mm) @ record.normal).reshape(hu.shape)
    tolerance = record.gap_mm / 2 + np.linalg.norm(record.shift) + np.sqrt(3)
    assert signed[changed].min() > -tolerance  # nothing changes on the fixed side, away from the cut
    gap_voxels = (
        structure
        & (np.abs(signed) < record.gap_mm / 2)
        & (np.linalg.norm(world - record.location_mm, axis=1) < 10).reshape(hu.shape)
    )
    assert changed[gap_voxels].mean() > 0.5  # the cut itself is opened


def test_fracture_is_deterministic_and_projects_into_views():
    hu, labels, affine = _bones()
    a = synthesise_fracture(hu, labels, affine, NAMES, np.random.default_rng(4))
    b = synthesise_fracture(hu, labels, affine, NAMES, np.random.default_rng(4))
    np.testing.assert_array_equal(a[0], b[0])
    views = np.stack([carm_projection(0, 0), carm_projection(90, 0)])
    pixels, visible = fracture_location_2d(a[1], views, 256, 256)
    assert pixels.shape == (2, 2) and visible.all()
    u, v, w = views[1] @ np.append(a[1].location_mm, 1.0)
    np.testing.assert_allclose(pixels[1], [u / w, v / w], rtol=1e-5)


def test_without_bone_labels_it_returns_none_and_warns_once(caplog):
    hu, labels, affine = _bones()
    config = FractureConfig(structures=("femur_",))
    with caplog.at_level(logging.WARNING, logger="xraymatch.targets.fractures"):
        for seed in range(3):
            assert synthesise_fracture(hu, labels, affine, NAMES, np.random.default_rng(seed), config) is None
    assert len([r for r in caplog.records if "femur" in r.getMessage()]) == 1


def test_fracture_flags_are_balanced_and_seeded():
    flags = fracture_flags(np.random.default_rng(0), 10, 0.5)
    assert flags.sum() == 5
    np.testing.assert_array_equal(flags, fracture_flags(np.random.default_rng(0), 10, 0.5))
    assert fracture_flags(np.random.default_rng(0), 9, 0.0).sum() == 0


def test_fracture_config_from_params_and_errors():
    config = FractureConfig.from_params({"structures": ["rib_"], "gap_mm": [2, 2], "fraction": 0.3})
    assert config.structures == ("rib_",) and config.gap_mm == (2.0, 2.0)
    with pytest.raises(ConfigError, match=r"drr\.fractures\.fraction"):
        FractureConfig.from_params({"fraction": 1.5})
    with pytest.raises(ConfigError, match=r"drr\.fractures\.shift_mm"):
        FractureConfig.from_params({"shift_mm": [4, 1]})
    with pytest.raises(ConfigError, match=r"drr\.fractures\.gaps: unknown key"):
        FractureConfig.from_params({"gaps": [1, 2]})


def test_bone_labels_match_prefixes_and_globs_among_present_labels():
    _, labels, _ = _bones()
    names = {**NAMES, 4: "rib_right_1", 5: "sternum"}  # 4 and 5 are not in the label map
    assert bone_labels(labels, names, ("rib_", "sternum", "vertebrae_")) == [1, 2]
    assert bone_labels(labels, names, ("rib_left_*",)) == [1]
    assert bone_labels(labels, names, ("liv",)) == [3]
    assert bone_labels(labels, names, ("clavicula_",)) == []
