"""De-identification at ingestion: salted ids, a whitelist disjoint from PS3.15's basic profile, and no planted
identifier in any output file or log line."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from tests import factories
from xraymatch.io.deid import BASIC_PROFILE_KEYWORDS, TECHNICAL_FIELDS, case_id_for, resolve_salt


def test_technical_whitelist_holds_no_basic_profile_attribute() -> None:
    assert not set(TECHNICAL_FIELDS) & BASIC_PROFILE_KEYWORDS
    assert {"PatientName", "PatientID", "StudyInstanceUID", "InstitutionName"} <= BASIC_PROFILE_KEYWORDS


def test_case_id_is_salted_stable_and_hides_the_key() -> None:
    key = "dicom:1.2.826.0.1.3680043.8.498.1234"
    first, again, other_salt = case_id_for(key, "s1"), case_id_for(key, "s1"), case_id_for(key, "s2")
    assert first == again != other_salt
    assert first.startswith("ct-") and "1234" not in first and len(first) == 19


def test_environment_salt_overrides_params(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XRAYMATCH_CASE_SALT", "from-env")
    assert resolve_salt("from-params") == "from-env"
    monkeypatch.delenv("XRAYMATCH_CASE_SALT")
    assert resolve_salt("from-params") == "from-params"


def _variants(value: str) -> set[str]:
    """The forms an identifier could leak in: as written, name parts, ISO dates."""
    out = {value}
    out.update(part for part in value.replace("^", " ").split() if len(part) > 3)
    if len(value) == 8 and value.isdigit():
        out.add(f"{value[:4]}-{value[4:6]}-{value[6:]}")
    return out


def _all_output_text(root: Path) -> list[tuple[Path, bytes]]:
    texts = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name.endswith(".gz"):
            data = gzip.decompress(data)
        if path.suffix == ".parquet":
            data += pd.read_parquet(path).to_json().encode()
        texts.append((path, data))
    return texts


def test_planted_dicom_identifiers_appear_in_no_output_or_log(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    uids = factories.write_dicom_series(raw / "series_a", factories.phantom(seed=3))
    uids.update(
        {f"b{k}": v for k, v in factories.write_dicom_series(raw / "series_b", factories.phantom(seed=4)).items()}
    )
    out, reports = tmp_path / "out" / "ct", tmp_path / "reports"
    env_run = subprocess.run(
        [sys.executable, "-m", "xraymatch", "ingest-ct", "--params", str(Path(__file__).parents[2] / "params.yaml"),
         "--input", str(raw), "--output", str(out), "--reports", str(reports)],
        capture_output=True, text=True, check=False, env={"XRAYMATCH_LOG_LEVEL": "DEBUG", "PATH": "/usr/bin:/bin",
                                                          "XRAYMATCH_CASE_SALT": "test-salt", "HOME": str(tmp_path)},
        cwd=tmp_path,
    )  # fmt: skip
    assert env_run.returncode == 0, env_run.stderr
    assert len(pd.read_parquet(out / "manifest.parquet")) == 2
    forbidden = set()
    for value in [*factories.PLANTED.values(), *uids.values()]:
        forbidden |= _variants(value)
    logs = env_run.stdout + env_run.stderr
    assert "ingested ct-" in logs  # the log is really captured at DEBUG
    for item in sorted(forbidden):
        assert item not in logs, f"log leaks {item!r}"
        for path, data in _all_output_text(tmp_path / "out") + _all_output_text(reports):
            assert item.encode() not in data, f"{path} leaks {item!r}"
