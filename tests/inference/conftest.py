"""Fixtures: tiny random-init bundles in a temporary directory and the real radiographs of pydicom-data."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from tests.inference.bundles import make_bundles


@pytest.fixture(scope="session")
def tiny_bundles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    torch.set_num_threads(1)
    return make_bundles(tmp_path_factory.mktemp("bundles"))


@pytest.fixture(scope="session")
def radiographs() -> dict:
    """The chest PA (RG1, 1955 x 1841) and tibia/ankle AP (RG3, 1760 x 1760) CR radiographs, decoded."""
    from pydicom.data import get_testdata_file

    from xraymatch.io.xray import read_xray_file

    return {name: read_xray_file(get_testdata_file(f"{name}_UNCR.dcm")) for name in ("RG1", "RG3")}
