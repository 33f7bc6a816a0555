"""Shared fixtures: tiny parameters, phantom inputs and an isolated working directory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests import factories

REPO_ROOT = Path(__file__).resolve().parents[1]

os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DVC_NO_ANALYTICS", "1")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def repo_params() -> dict[str, Any]:
    """The repository's params.yaml, as the pipeline reads it."""
    return yaml.safe_load((REPO_ROOT / "params.yaml").read_text())


@pytest.fixture
def ct_limits(repo_params: dict[str, Any]) -> dict[str, Any]:
    return repo_params["checks"]["ct"]


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


@pytest.fixture
def phantom_nifti(raw_dir: Path) -> Path:
    return factories.write_nifti(raw_dir / "phantom.nii.gz", factories.phantom())
