"""The report-corpus suite: no residual identifier, non-empty findings, declared = detected language, every report
paired to an image or view, unique report ids.

The suite runs on a frame of derived, text-free columns (counts, language codes, ids), so the Great Expectations
result written to `reports/checks/reports_corpus.json` and the CheckFailed message name report ids, never text:
- `n_residual`: identifiers the de-identifier left unreplaced, counted at build time while the originals were in
  hand (reports/residual.py; missing column = 0), plus `placeholder_residuals` re-run on the stored text;
- `findings_chars`: length of the stripped findings;
- `detected_lang` from reports/language.py, compared with the declared `lang`;
- `n_paired`: image ids + views.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from xraymatch.checks.runner import SuiteResult, run_suite

SUITE_NAME = "reports_corpus"


def reports_expectations() -> list[Any]:
    """Expectations over the derived frame built by `derived_frame`."""
    import great_expectations.expectations as gxe

    return [
        gxe.ExpectColumnValuesToNotBeNull(column="report_id"),
        gxe.ExpectColumnValuesToBeUnique(column="report_id"),
        gxe.ExpectColumnValuesToBeInSet(column="source", value_set=["generated", "nlmcxr", "user"]),
        gxe.ExpectColumnValuesToBeInSet(column="split", value_set=["train", "val", "test"]),
        gxe.ExpectColumnValuesToBeBetween(column="n_residual", min_value=0, max_value=0),
        gxe.ExpectColumnValuesToBeBetween(column="findings_chars", min_value=1),
        gxe.ExpectColumnValuesToBeInSet(column="lang", value_set=["fr", "en"]),
        gxe.ExpectColumnPairValuesToBeEqual(column_A="lang", column_B="detected_lang"),
        gxe.ExpectColumnValuesToBeBetween(column="n_paired", min_value=1),
    ]


def _length(value: Any) -> int:
    return 0 if value is None or (isinstance(value, float) and pd.isna(value)) else len(value)


def derived_frame(corpus: pd.DataFrame) -> pd.DataFrame:
    """The text-free frame the suite validates (one row per report, same order)."""
    from xraymatch.reports.language import detect_lang
    from xraymatch.reports.residual import placeholder_residuals

    texts = corpus["text"].fillna("").astype(str)
    build_residuals = corpus["n_residual"] if "n_residual" in corpus else pd.Series(0, index=corpus.index)
    findings = corpus["findings"].fillna("").astype(str) if "findings" in corpus else pd.Series("", index=corpus.index)
    views = corpus["views"] if "views" in corpus else pd.Series([[]] * len(corpus), index=corpus.index)
    return pd.DataFrame(
        {
            "report_id": corpus["report_id"].astype(str),
            "source": corpus["source"].astype(str),
            "split": corpus["split"].astype(str),
            "lang": corpus["lang"].astype(str),
            "detected_lang": [detect_lang(t) for t in texts],
            "n_residual": [int(b) + len(placeholder_residuals(t)) for b, t in zip(build_residuals, texts, strict=True)],
            "findings_chars": [len(f.strip()) for f in findings],
            "n_paired": [_length(i) + _length(v) for i, v in zip(corpus["image_ids"], views, strict=True)],
        }
    )


def check_reports_corpus(corpus: pd.DataFrame, report_dir: str | Path = "reports/checks") -> SuiteResult:
    """Run the suite; raises CheckFailed naming the failing expectation and report ids."""
    return run_suite(
        SUITE_NAME, derived_frame(corpus), reports_expectations(), key_column="report_id", report_dir=report_dir
    )
