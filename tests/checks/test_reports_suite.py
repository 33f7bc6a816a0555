"""The report-corpus suite fails on each broken rule, naming report ids and never report text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from xraymatch.checks.reports_suite import check_reports_corpus, derived_frame
from xraymatch.errors import CheckFailed
from xraymatch.reports.language import detect_lang

FR = "Résultats : pas de fracture visible sur les incidences de face et de profil.\n\nConclusion : examen normal."
EN = "FINDINGS: The lungs are clear. There is no pleural effusion.\nIMPRESSION: No acute disease."


def _row(report_id: str, **changes: Any) -> dict[str, Any]:
    row = {
        "report_id": report_id, "source": "generated", "lang": "fr", "text": FR, "findings": FR,
        "sample_id": "s-1", "split": "train", "image_ids": ["s-1/view0"], "views": ["AP"], "fracture": False,
        "n_entities": 3, "n_residual": 0,
    }  # fmt: skip
    row.update(changes)
    return row


def test_the_language_detector() -> None:
    assert detect_lang(FR) == "fr" and detect_lang(EN) == "en"
    assert detect_lang("12345 ...") == "unknown"


def test_a_good_corpus_passes(tmp_path: Path) -> None:
    frame = pd.DataFrame([_row("gen-a"), _row("nlmcxr-b", source="nlmcxr", lang="en", text=EN, findings=EN)])
    result = check_reports_corpus(frame, tmp_path)
    assert result.success and json.loads(result.report_path.read_text())["success"] is True
    assert result.report_path.name == "reports_corpus.json"


SECRET = "joseph.secret@clinique-du-parc.fr"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"n_residual": 2}, "expect_column_values_to_be_between(n_residual) for gen-bad"),
        ({"text": FR + "\nContact : " + SECRET}, "expect_column_values_to_be_between(n_residual) for gen-bad"),
        ({"findings": "  "}, "expect_column_values_to_be_between(findings_chars) for gen-bad"),
        ({"lang": "en"}, "expect_column_pair_values_to_be_equal(lang/detected_lang) for gen-bad"),
        ({"text": EN, "findings": EN}, "expect_column_pair_values_to_be_equal(lang/detected_lang) for gen-bad"),
        ({"image_ids": [], "views": []}, "expect_column_values_to_be_between(n_paired) for gen-bad"),
        ({"image_ids": None, "views": None}, "expect_column_values_to_be_between(n_paired) for gen-bad"),
        ({"split": "holdout"}, "expect_column_values_to_be_in_set(split) for gen-bad"),
    ],
)
def test_each_rule_names_the_report_and_no_text(tmp_path: Path, changes: dict[str, Any], expected: str) -> None:
    frame = pd.DataFrame([_row("gen-ok"), _row("gen-bad", **changes)])
    with pytest.raises(CheckFailed, match=expected.replace("(", r"\(").replace(")", r"\)")) as error:
        check_reports_corpus(frame, tmp_path)
    written = (tmp_path / "reports_corpus.json").read_text()
    for leak in (SECRET, "pas de fracture", "lungs are clear"):
        assert leak not in str(error.value) and leak not in written
    assert "gen-ok" not in str(error.value)


def test_duplicate_ids_fail(tmp_path: Path) -> None:
    frame = pd.DataFrame([_row("gen-same"), _row("gen-same")])
    with pytest.raises(CheckFailed, match=r"expect_column_values_to_be_unique\(report_id\) for gen-same"):
        check_reports_corpus(frame, tmp_path)


def test_the_derived_frame_holds_no_text() -> None:
    frame = derived_frame(pd.DataFrame([_row("gen-a")]))
    assert set(frame.columns) == {
        "report_id", "source", "split", "lang", "detected_lang", "n_residual", "findings_chars", "n_paired",
    }  # fmt: skip
    assert frame.loc[0, "n_paired"] == 2 and frame.loc[0, "findings_chars"] == len(FR)
