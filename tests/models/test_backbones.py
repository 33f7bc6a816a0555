from __future__ import annotations

import pytest
import torch

from xraymatch.errors import ConfigError
from xraymatch.models.backbones import FPN, CNNTokens


@pytest.mark.parametrize("stride", [16, 4])
def test_cnn_tokens_stride_and_channels(stride: int) -> None:
    model = CNNTokens("resnet10t", out_dim=24, stride=stride).eval()
    assert model(torch.rand(2, 1, 64, 64)).shape == (2, 24, 64 // stride, 64 // stride)


def test_cnn_tokens_is_truncated_at_its_stride() -> None:
    names = {name for name, _ in CNNTokens("resnet18", out_dim=8, stride=8).body.named_children()}
    assert "layer2" in names and "layer3" not in names and "layer4" not in names


def test_unavailable_stride_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="stride"):
        CNNTokens("resnet10t", stride=64)


@pytest.mark.parametrize("fine_stride", [2, 4])
def test_fpn_gives_fine_and_coarse_maps(fine_stride: int) -> None:
    fine, coarse = FPN("resnet10t", dim=16, fine_stride=fine_stride, width=16).eval()(torch.rand(2, 1, 64, 64))
    assert fine.shape == (2, 16, 64 // fine_stride, 64 // fine_stride)
    assert coarse.shape == (2, 16, 4, 4)
