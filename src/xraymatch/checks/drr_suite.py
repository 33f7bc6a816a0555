"""The DRR-cache suite: every sample finite, in range and with usable targets; fractures balanced."""

from __future__ import annotations

from typing import Any

import pandas as pd

from xraymatch.checks.runner import SuiteResult, run_suite

SUITE_NAME = "drr_cache"


def drr_expectations(limits: dict[str, Any], expect_fractures: bool) -> list[Any]:
    """Expectations over data/drr/index.parquet (one row per sample, per-sample statistics as columns)."""
    import great_expectations.expectations as gxe

    out: list[Any] = [
        gxe.ExpectColumnValuesToBeUnique(column="sample_id"),
        gxe.ExpectColumnValuesToBeInSet(column="split", value_set=["train", "val", "test"]),
        gxe.ExpectColumnValuesToBeBetween(column="nonfinite_count", min_value=0, max_value=0),
        gxe.ExpectColumnValuesToBeBetween(column="image_min", min_value=0.0),
        gxe.ExpectColumnValuesToBeBetween(
            column="image_max", min_value=limits["image_max"][0], max_value=limits["image_max"][1]
        ),
        gxe.ExpectColumnValuesToBeBetween(column="correspondence_matches_min", min_value=limits["min_matches"]),
        gxe.ExpectColumnValuesToBeBetween(column="tracks_visible_fraction", min_value=limits["min_track_fraction"]),
    ]
    out.append(
        gxe.ExpectColumnValuesToBeBetween(
            column="landmarks_in_image_fraction", min_value=limits["min_landmark_fraction"], mostly=0.95
        )
    )
    if expect_fractures:
        lo, hi = limits["fracture_fraction"]
        out.append(gxe.ExpectColumnMeanToBeBetween(column="fracture_rate", min_value=lo, max_value=hi))
    return out


def check_drr_index(
    index: pd.DataFrame, limits: dict[str, Any], report_dir: str, expect_fractures: bool
) -> SuiteResult:
    """Run the suite; raises CheckFailed naming the sample(s) and expectation on failure."""
    frame = index.copy()
    # the balance is measured over samples of CTs that can carry a fracture (bone labels present)
    frame["fracture_rate"] = frame["fracture"].astype(float).where(frame["fracture_eligible"].astype(bool))
    return run_suite(
        SUITE_NAME, frame, drr_expectations(limits, expect_fractures), key_column="sample_id", report_dir=report_dir
    )
