"""The CT-manifest suite: plausible geometry and intensities for every ingested case."""

from __future__ import annotations

from typing import Any

import pandas as pd

from xraymatch.checks.runner import SuiteResult, run_suite

SUITE_NAME = "ct_manifest"


def ct_expectations(limits: dict[str, Any]) -> list[Any]:
    """Expectations over data/ct/manifest.parquet, with ranges from params.yaml `checks.ct`."""
    import great_expectations.expectations as gxe

    spacing_lo, spacing_hi = limits["spacing_mm"]
    min_voxels = int(limits["min_voxels_per_axis"])
    out: list[Any] = [gxe.ExpectColumnValuesToBeUnique(column="case_id")]
    out += [gxe.ExpectColumnValuesToNotBeNull(column="case_id")]
    for axis in "xyz":
        out.append(
            gxe.ExpectColumnValuesToBeBetween(column=f"spacing_{axis}", min_value=spacing_lo, max_value=spacing_hi)
        )
        out.append(gxe.ExpectColumnValuesToBeBetween(column=f"shape_{axis}", min_value=min_voxels))
    for name in ("hu_p01", "hu_p50", "hu_p99"):
        lo, hi = limits[name]
        # NaN and inf fail a between-expectation only when not null; the null check closes that gap.
        out.append(gxe.ExpectColumnValuesToNotBeNull(column=name))
        out.append(gxe.ExpectColumnValuesToBeBetween(column=name, min_value=lo, max_value=hi))
    out.append(
        gxe.ExpectColumnPairValuesToBeEqual(
            column_A="volume_shape", column_B="label_shape", ignore_row_if="either_value_is_missing"
        )
    )
    out.append(gxe.ExpectColumnValuesToBeInSet(column="orientation", value_set=["RAS"]))
    return out


def check_ct_manifest(manifest: pd.DataFrame, limits: dict[str, Any], report_dir: str) -> SuiteResult:
    """Run the CT suite; raises CheckFailed naming the case and expectation when a check fails."""
    frame = manifest.copy()
    numeric = [c for c in frame.columns if c.startswith(("spacing_", "hu_"))]
    # Infinite values become nulls so the not-null expectations catch them by name.
    frame[numeric] = frame[numeric].astype(float).replace([float("inf"), float("-inf")], float("nan"))
    return run_suite(SUITE_NAME, frame, ct_expectations(limits), key_column="case_id", report_dir=report_dir)
