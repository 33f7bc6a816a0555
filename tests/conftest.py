"""Shared fixtures: tiny parameters, phantom inputs and an isolated working directory."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from tests import factories
from tests.targets.phantoms import chest_phantom
from xraymatch.config import load_params
from xraymatch.ct.ingest import IngestConfig, ingest_ct
from xraymatch.data.build import RenderConfig, build_cache

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


def full_length_body(hu: np.ndarray) -> np.ndarray:
    """The phantom with its soft-tissue body extended over every slice, so each z-slab holds tissue."""
    body = hu[:, :, hu.shape[2] // 2] > -1000
    return np.where((hu == -1000) & body[:, :, None], np.int16(40), hu).astype(np.int16)


@pytest.fixture(scope="module")
def ingested_phantom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ct-like folder holding one labelled chest phantom (rib, vertebra, liver)."""
    root = tmp_path_factory.mktemp("phantom")
    phantom = chest_phantom(n=64, spacing=5.0)
    factories.write_nifti(root / "raw" / "chest.nii.gz", full_length_body(phantom.hu), affine=phantom.affine)
    factories.write_nifti(root / "raw" / "chest_labels.nii.gz", phantom.labels, affine=phantom.affine)
    names = "\n".join(f"{i},{n}" for i, n in phantom.label_names.items())
    (root / "raw" / "chest_labels.csv").write_text(f"id,structure\n{names}\n")
    params = load_params(REPO_ROOT / "params.yaml")
    config = IngestConfig(raw_dir=root / "raw", out_dir=root / "ct", case_id_salt="t")
    limits = {**params["checks"]["ct"], "hu_p99": [0, 3100]}  # the phantom is mostly air: its p99 is soft tissue
    ingest_ct(config, limits, root / "reports")
    return root / "ct"


@pytest.fixture
def tiny_params(tmp_path: Path) -> dict[str, Any]:
    """params.yaml with the tiny profile, writing the cache under tmp_path."""
    params = load_params(REPO_ROOT / "params.yaml", [f"drr.out_dir={tmp_path / 'drr'}"], profile="tiny")
    return params


# z-slabs of the phantom in which every split holds labelled anatomy (its structures sit near the middle)
LABELLED_SLABS = [
    "drr.splits.single_case.train_slab=[0.0, 0.45]",
    "drr.splits.single_case.val_slab=[0.45, 0.55]",
    "drr.splits.single_case.test_slab=[0.55, 1.0]",
    "drr.fracture.samples_per_variant=1",  # so even a 3-sample test split holds fractured and intact samples
]


@pytest.fixture(scope="module")
def tiny_cache(ingested_phantom: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cache") / "drr"
    params = load_params(
        REPO_ROOT / "params.yaml", [f"drr.out_dir={root}", "drr.samples_per_case=30", *LABELLED_SLABS], profile="tiny"
    )
    build_cache(RenderConfig.from_params(params), ingested_phantom)
    return root


@pytest.fixture
def train_params(tiny_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    return load_params(
        REPO_ROOT / "params.yaml",
        [
            f"drr.out_dir={tiny_cache}",
            f"train.models_dir={tmp_path / 'models'}",
            f"train.tracking_uri=sqlite:///{tmp_path / 'mlflow.db'}",
            f"sweep.out_dir={tmp_path / 'sweeps'}",
        ],
        profile="tiny",
    )
