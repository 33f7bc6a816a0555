"""Bundles round-trip a model exactly and refuse foreign or damaged files with one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch

from xraymatch.errors import InputError
from xraymatch.models.registry import create_model
from xraymatch.registry.bundle import WEIGHTS_FILE, load_bundle, save_bundle


@pytest.fixture
def tiny_sam(tiny_params: dict[str, Any]) -> Any:
    torch.manual_seed(0)
    hparams = dict(tiny_params["train"]["objectives"]["sam"])
    return create_model("sam", **hparams).eval()


def test_round_trip_gives_identical_outputs(tiny_sam: Any, tmp_path: Path) -> None:
    save_bundle(tiny_sam, "sam", tmp_path / "b", image_size=32, version="xraymatch-sam/1", metadata={"k": 1})
    bundle = load_bundle(tmp_path / "b", expect="sam")
    images = torch.rand(2, 1, 32, 32)
    with torch.no_grad():
        want, _ = tiny_sam.embed(images)
        got, _ = bundle.model.embed(images)
    assert torch.equal(want, got)
    assert (bundle.image_size, bundle.version, bundle.metadata) == (32, "xraymatch-sam/1", {"k": 1})


def test_wrong_objective_and_damaged_weights_are_refused(tiny_sam: Any, tmp_path: Path) -> None:
    save_bundle(tiny_sam, "sam", tmp_path / "b", image_size=32, version="xraymatch-sam/1")
    with pytest.raises(InputError, match="expected 'multiview'"):
        load_bundle(tmp_path / "b", expect="multiview")
    (tmp_path / "b" / WEIGHTS_FILE).write_bytes(b"not a torch file")
    with pytest.raises(InputError, match="unreadable weights"):
        load_bundle(tmp_path / "b")
    with pytest.raises(InputError, match="not a model bundle"):
        load_bundle(tmp_path / "missing")
