"""The CT-manifest suite names the failing case and expectation, and catches NaN/inf and shape mismatches."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from xraymatch.checks.ct_suite import check_ct_manifest
from xraymatch.errors import CheckFailed


def _row(case_id: str, **changes: Any) -> dict[str, Any]:
    row = {
        "case_id": case_id, "shape_x": 64, "shape_y": 64, "shape_z": 40, "volume_shape": "64x64x40",
        "label_shape": "64x64x40", "spacing_x": 0.7, "spacing_y": 0.7, "spacing_z": 2.5, "orientation": "RAS",
        "hu_p01": -1000.0, "hu_p50": -200.0, "hu_p99": 900.0,
    }  # fmt: skip
    row.update(changes)
    return row


def test_a_good_manifest_passes_and_is_reported(tmp_path: Path, ct_limits) -> None:
    frame = pd.DataFrame([_row("ct-a"), _row("ct-b", label_shape=None)])
    result = check_ct_manifest(frame, ct_limits, str(tmp_path))
    assert result.success and result.failures == []
    assert json.loads(result.report_path.read_text())["success"] is True


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"spacing_y": 0.1}, "expect_column_values_to_be_between(spacing_y) for ct-bad"),
        ({"shape_z": 12}, "expect_column_values_to_be_between(shape_z) for ct-bad"),
        ({"hu_p50": np.nan}, "expect_column_values_to_not_be_null(hu_p50) for ct-bad"),
        ({"hu_p99": np.inf}, "expect_column_values_to_not_be_null(hu_p99) for ct-bad"),
        ({"label_shape": "64x64x41"}, "expect_column_pair_values_to_be_equal(volume_shape/label_shape) for ct-bad"),
        ({"orientation": "LPS"}, "expect_column_values_to_be_in_set(orientation) for ct-bad"),
    ],
)
def test_each_violation_names_case_and_expectation(tmp_path: Path, ct_limits, changes, expected) -> None:
    frame = pd.DataFrame([_row("ct-good"), _row("ct-bad", **changes)])
    with pytest.raises(CheckFailed) as info:
        check_ct_manifest(frame, ct_limits, str(tmp_path))
    assert expected in str(info.value)
    assert "ct-good" not in str(info.value)
    assert json.loads((tmp_path / "ct_manifest.json").read_text())["success"] is False


def test_duplicate_case_ids_fail(tmp_path: Path, ct_limits) -> None:
    frame = pd.DataFrame([_row("ct-twin"), _row("ct-twin")])
    with pytest.raises(CheckFailed, match=r"expect_column_values_to_be_unique\(case_id\) for ct-twin"):
        check_ct_manifest(frame, ct_limits, str(tmp_path))


def test_report_is_byte_identical_across_runs(tmp_path: Path, ct_limits) -> None:
    """DVC tracks the report: the same manifest must give the same bytes (no run ids or timestamps)."""
    frame = pd.DataFrame([_row("ct-a")])
    first = check_ct_manifest(frame, ct_limits, str(tmp_path / "one")).report_path.read_bytes()
    second = check_ct_manifest(frame, ct_limits, str(tmp_path / "two")).report_path.read_bytes()
    assert first == second
