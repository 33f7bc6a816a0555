"""DICOM CT series: slice ordering, geometry, rescale, and every malformed-series error."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests import factories
from xraymatch.errors import InputError
from xraymatch.io import dicom_series
from xraymatch.io.sources import discover


def _load(folder: Path) -> tuple[np.ndarray, np.ndarray, dict]:
    files = sorted(folder.rglob("*.dcm"))
    (series,) = dicom_series.group_series(files)
    return dicom_series.load_ct_series(series, str(folder))


def test_shuffled_slices_are_sorted_along_the_normal_and_rescaled(tmp_path: Path) -> None:
    volume = factories.phantom((36, 34, 33))
    volume[2, 3, 4] = 2000  # marker
    factories.write_dicom_series(tmp_path / "s", volume, spacing=(0.8, 0.9, 2.0), slope=2.0, intercept=-2048)
    array, affine, technical = _load(tmp_path / "s")
    np.testing.assert_allclose(array, volume, atol=1.0)  # slope 2 quantises to even stored steps
    # LPS position of voxel (2, 3, 4) = IPP0 + 2*0.8 x + 3*0.9 y + 4*2 z, here seen in RAS.
    lps = np.array([-50.0 + 2 * 0.8, -40.0 + 3 * 0.9, 100.0 + 4 * 2.0])
    np.testing.assert_allclose((affine @ [2, 3, 4, 1])[:3], lps * [-1, -1, 1], atol=1e-6)
    assert technical == {"modality": "CT", "kvp": 120.0}


def test_a_missing_slice_is_reported_with_the_gap(tmp_path: Path) -> None:
    factories.write_dicom_series(tmp_path / "s", factories.phantom(), shuffle=False)
    (tmp_path / "s" / "slice_010.dcm").unlink()
    with pytest.raises(InputError, match=r"slice_011\.dcm: 1 slice\(s\) missing before this file"):
        _load(tmp_path / "s")


def test_non_uniform_spacing_is_rejected(tmp_path: Path) -> None:
    nz = 34
    z = np.cumsum([0.0] + [2.0] * 20 + [2.7] * (nz - 21))
    positions = [(-50.0, -40.0, 100.0 + d) for d in z]
    factories.write_dicom_series(tmp_path / "s", factories.phantom(), positions=positions)
    with pytest.raises(InputError, match=r"non-uniform slice spacing"):
        _load(tmp_path / "s")


def test_gantry_tilt_tag_is_rejected(tmp_path: Path) -> None:
    factories.write_dicom_series(tmp_path / "s", factories.phantom(), gantry_tilt=12.0)
    with pytest.raises(InputError, match=r"gantry tilt of 12 degrees"):
        _load(tmp_path / "s")


def test_sheared_positions_are_rejected_as_tilt(tmp_path: Path) -> None:
    nz = 34
    positions = [(-50.0, -40.0 + 0.4 * k, 100.0 + 2.0 * k) for k in range(nz)]
    factories.write_dicom_series(tmp_path / "s", factories.phantom(), positions=positions)
    with pytest.raises(InputError, match=r"drift sideways"):
        _load(tmp_path / "s")


def test_mixed_slice_sizes_are_rejected(tmp_path: Path) -> None:
    uid = factories.new_uid()
    factories.write_dicom_series(tmp_path / "s" / "a", factories.phantom((40, 36, 34)), series_uid=uid)
    positions = [(-50.0, -40.0, 300.0 + 2.0 * k) for k in range(34)]
    factories.write_dicom_series(
        tmp_path / "s" / "b", factories.phantom((30, 36, 34)), series_uid=uid, positions=positions
    )
    with pytest.raises(InputError, match=r"mixed slice sizes"):
        _load(tmp_path / "s")


def test_an_mr_series_is_refused_naming_a_file(tmp_path: Path) -> None:
    factories.write_dicom_series(tmp_path / "mr", factories.phantom(), modality="MR")
    with pytest.raises(InputError, match=r"slice_\d+\.dcm: series modality is MR, not CT"):
        _load(tmp_path / "mr")


def test_two_series_in_one_folder_become_two_cases(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    factories.write_dicom_series(raw / "study", factories.phantom(seed=1))
    second = raw / "study_b"
    factories.write_dicom_series(second, factories.phantom(seed=2))
    for path in second.iterdir():  # move the second series' files into the same folder
        path.rename(raw / "study" / f"b_{path.name}")
    second.rmdir()
    cases = discover(raw)
    assert [c.kind for c in cases] == ["dicom", "dicom"]
    assert len({c.key for c in cases}) == 2
    volumes = [c.load((-1024, 3071)) for c in cases]
    assert not np.array_equal(volumes[0].hu, volumes[1].hu)


def test_corrupt_dicom_file_is_named(tmp_path: Path) -> None:
    factories.write_dicom_series(tmp_path / "s", factories.phantom())
    victim = tmp_path / "s" / "slice_003.dcm"
    victim.write_bytes(victim.read_bytes()[:400])
    with pytest.raises(InputError, match=r"slice_003\.dcm"):
        _load(tmp_path / "s")
