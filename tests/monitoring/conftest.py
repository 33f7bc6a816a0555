"""A tiny seeded random-init SAM model as a bundle (the monitoring tests' embedder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch


@pytest.fixture(scope="session")
def tiny_bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import xraymatch.objectives  # noqa: F401
    from xraymatch.models.registry import create_model
    from xraymatch.objectives.sam import TINY
    from xraymatch.registry.bundle import save_bundle

    torch.manual_seed(0)
    model = create_model("sam", **TINY).eval()
    return save_bundle(
        model, "sam", tmp_path_factory.mktemp("bundle") / "sam", image_size=64, version="xraymatch-sam/t1"
    )


@pytest.fixture(scope="session")
def tiny_bundle(tiny_bundle_dir: Path) -> Any:
    from xraymatch.registry.bundle import load_bundle

    torch.set_num_threads(1)
    return load_bundle(tiny_bundle_dir, expect="sam")
