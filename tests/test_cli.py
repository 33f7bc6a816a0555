"""The `xraymatch` command: one-line errors, non-zero exits, no tracebacks, no outputs on failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests import factories

REPO = Path(__file__).resolve().parents[1]


def _ingest(tmp_path: Path, raw: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "xraymatch", "ingest-ct", "--params", str(REPO / "params.yaml"), "--input",
               str(raw), "--output", str(tmp_path / "out"), "--reports", str(tmp_path / "rep"), *extra]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=tmp_path)


def _assert_one_line_error(result: subprocess.CompletedProcess[str], fragment: str) -> None:
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("xraymatch: error:")]
    assert len(errors) == 1 and fragment in errors[0], result.stderr
    assert "Traceback" not in result.stderr


def test_ingest_cli_succeeds_on_a_phantom(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    factories.write_nifti(raw / "p.nii.gz", factories.phantom())
    result = _ingest(tmp_path, raw)
    assert result.returncode == 0, result.stderr
    assert "ingested 1 case(s)" in result.stdout
    assert (tmp_path / "out" / "manifest.parquet").exists()


@pytest.mark.parametrize(
    ("make_input", "fragment"),
    [
        (lambda raw: None, "nowhere: input folder does not exist"),
        (lambda raw: (raw / "scan.nii.gz").write_bytes(b"\x1f\x8b garbage"), "scan.nii.gz: cannot be read as a volume"),
        (lambda raw: (raw / "readme.pdf").write_bytes(b"%PDF-1.4"), "readme.pdf: not a CT volume"),
        (lambda raw: factories.write_nifti(raw / "xray.nii.gz", factories.phantom()[:, :, 0], spacing=(1, 1)),
         "xray.nii.gz: is a 2-D image"),
    ],
)  # fmt: skip
def test_bad_inputs_exit_non_zero_with_one_line(tmp_path: Path, make_input, fragment: str) -> None:
    raw = tmp_path / ("nowhere" if "nowhere" in fragment else "raw")
    if "nowhere" not in fragment:
        raw.mkdir()
        make_input(raw)
    result = _ingest(tmp_path, raw)
    _assert_one_line_error(result, fragment)
    assert not (tmp_path / "out").exists()


def test_empty_folder_with_default_off(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    result = _ingest(tmp_path, raw, "--set", "ingest.use_default_when_empty=false")
    _assert_one_line_error(result, "no CT volumes found")
    assert not (tmp_path / "out").exists()


def test_bad_override_is_a_config_error(tmp_path: Path) -> None:
    result = _ingest(tmp_path, tmp_path, "--set", "no-equals-sign")
    _assert_one_line_error(result, "expected key.path=value")
