"""Volume files: canonical RAS+ orientation, HU preservation, and clear errors for bad files."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from tests import factories
from xraymatch.errors import InputError
from xraymatch.io.volume import canonicalize, orientation_code, read_image_file, require_finite


def _world(affine: np.ndarray, index: tuple[int, int, int]) -> np.ndarray:
    return (affine @ np.array([*index, 1.0]))[:3]


def test_nifti_round_trip_keeps_hu_and_world_position(tmp_path: Path) -> None:
    volume = factories.phantom()
    volume[5, 6, 7] = 3000  # a marker voxel
    affine = np.diag([0.7, 0.8, 2.5, 1.0])
    affine[:3, 3] = (10.0, -20.0, 30.0)
    path = factories.write_nifti(tmp_path / "v.nii.gz", volume, affine=affine)
    array, read_affine = read_image_file(path)
    assert array.shape == volume.shape
    np.testing.assert_array_equal(array, volume)
    np.testing.assert_allclose(read_affine, affine, atol=1e-5)


@pytest.mark.parametrize("suffix", [".nrrd", ".mha"])
def test_itk_formats_land_at_the_same_ras_position_as_nifti(tmp_path: Path, suffix: str) -> None:
    """An LPS file format must put the marker voxel at the same RAS world point as the NIfTI does."""
    import SimpleITK as sitk

    volume = factories.phantom()
    volume[5, 6, 7] = 3000
    image = sitk.GetImageFromArray(volume.transpose(2, 1, 0))
    image.SetSpacing((0.7, 0.8, 2.5))
    image.SetOrigin((4.0, 5.0, 6.0))  # LPS
    path = tmp_path / f"v{suffix}"
    sitk.WriteImage(image, str(path))
    array, affine = read_image_file(path)
    canonical, ras = canonicalize(array, affine)
    assert orientation_code(ras) == "RAS"
    marker = tuple(int(i) for i in np.argwhere(canonical == 3000)[0])
    expected_lps = np.array([4.0 + 5 * 0.7, 5.0 + 6 * 0.8, 6.0 + 7 * 2.5])
    np.testing.assert_allclose(_world(ras, marker), expected_lps * [-1, -1, 1], atol=1e-4)


def test_canonicalize_flips_an_las_volume_to_ras_without_moving_anatomy() -> None:
    array = np.zeros((4, 5, 6))
    array[0, 1, 2] = 1
    affine = np.diag([-2.0, 1.0, 3.0, 1.0])
    affine[:3, 3] = (6.0, 0.0, 0.0)
    before = _world(affine, (0, 1, 2))
    out, ras = canonicalize(array, affine)
    assert orientation_code(ras) == "RAS"
    after = _world(ras, tuple(int(i) for i in np.argwhere(out == 1)[0]))
    np.testing.assert_allclose(before, after)


def test_truncated_nifti_is_rejected_naming_the_file(tmp_path: Path) -> None:
    path = factories.write_nifti(tmp_path / "cut.nii.gz", factories.phantom())
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"cut\.nii\.gz: cannot be read"):
        read_image_file(path)


def test_a_2d_image_is_not_a_ct(tmp_path: Path) -> None:
    path = factories.write_nifti(tmp_path / "flat.nii.gz", np.zeros((64, 64), dtype=np.int16), spacing=(1, 1))
    with pytest.raises(InputError, match=r"flat\.nii\.gz: .*a CT must be a 3-D volume"):
        read_image_file(path)


def test_nan_voxels_are_rejected(tmp_path: Path) -> None:
    volume = factories.phantom().astype(np.float32)
    volume[3, 3, 3] = np.nan
    volume[4, 4, 4] = np.inf
    path = factories.write_nifti(tmp_path / "nan.nii.gz", volume)
    array, _ = read_image_file(path)
    with pytest.raises(InputError, match=r"nan\.nii\.gz: contains 2 NaN/inf voxels"):
        require_finite(array, path)


def test_text_renamed_as_nifti_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "notes.nii.gz"
    path.write_bytes(gzip.compress(b"this is not an image"))
    with pytest.raises(InputError, match=r"notes\.nii\.gz"):
        read_image_file(path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent\.nii\.gz: file does not exist"):
        read_image_file(tmp_path / "absent.nii.gz")
