"""A tiny rendered cache and isolated MLflow/model folders for the training tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT
from xraymatch.config import load_params
from xraymatch.data.build import RenderConfig, build_cache


@pytest.fixture(scope="module")
def tiny_cache(ingested_phantom: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cache") / "drr"
    params = load_params(REPO_ROOT / "params.yaml", [f"drr.out_dir={root}", "drr.samples_per_case=12"], profile="tiny")
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
