"""The shared tower's fine-tuning modes (objectives/towers.py): which parameters learn, which modules stay in eval."""

from __future__ import annotations

import pytest
import torch

from tests.objectives.test_fracture import TINY_TOWERS
from xraymatch.errors import ConfigError
from xraymatch.models.registry import create_model
from xraymatch.objectives.towers import TokenEncoder, token_encoder


def _tower(name: str = "sam") -> TokenEncoder:
    torch.manual_seed(0)
    return token_encoder(name, create_model(name, **TINY_TOWERS[name]))


def _tail_ids(tower: TokenEncoder) -> set[int]:
    return {id(p) for m in tower.tail_modules() for p in m.parameters()}


@pytest.mark.parametrize("name", ["multiview", "sam", "afire"])
def test_freeze_for_tail_leaves_only_the_last_block_learning(name: str) -> None:
    tower = _tower(name)
    tower.freeze_for("tail")
    tail = _tail_ids(tower)
    assert tail, "a tower without tail parameters cannot be fine-tuned"
    assert all(p.requires_grad == (id(p) in tail) for p in tower.parameters())


def test_freeze_for_all_and_none() -> None:
    tower = _tower()
    tower.freeze_for("none")
    assert not any(p.requires_grad for p in tower.parameters())
    tower.freeze_for("all")
    assert all(p.requires_grad for p in tower.parameters())


def test_train_for_keeps_frozen_batch_norms_in_eval() -> None:
    tower = _tower("sam")
    tail_modules = {id(m) for t in tower.tail_modules() for m in t.modules()}
    norms = [m for m in tower.modules() if isinstance(m, torch.nn.BatchNorm2d)]
    assert any(id(m) not in tail_modules for m in norms), "the tiny SAM tower should have a frozen BatchNorm"
    tower.train_for("tail")
    assert all(m.training == (id(m) in tail_modules) for m in norms)
    tower.train_for("none")
    assert not any(m.training for m in tower.modules())
    tower.train_for("all")
    assert all(m.training for m in tower.modules())
    tower.train_for("all", mode=False)
    assert not any(m.training for m in tower.modules())


def test_unknown_mode_is_named() -> None:
    with pytest.raises(ConfigError, match="finetune='some'"):
        _tower().freeze_for("some")
