"""timm CNN backbones for 1-channel X-rays, always built from scratch (`pretrained=False`: no weights are fetched).

`CNNTokens` gives one token map at a chosen stride (the matching transformer's input); `FPN` gives a fine (stride 2
or 4) and a coarse (stride 16) dense map for anatomical embeddings.
"""

from __future__ import annotations

from typing import Any

import timm
import torch
import torch.nn.functional as F
from torch import nn

from xraymatch.errors import ConfigError
from xraymatch.models.registry import register_model


def _features(name: str, strides: tuple[int, ...]) -> tuple[nn.Module, list[int]]:
    """A timm `features_only` CNN truncated after the deepest requested stride; returns it and each level's channels."""
    probe: Any = timm.create_model(name, pretrained=False, in_chans=1, features_only=True)
    reductions = list(probe.feature_info.reduction())
    missing = [s for s in strides if s not in reductions]
    if missing:
        raise ConfigError(
            f"backbone {name!r} has no feature map at stride(s) {missing}; available strides: {reductions}"
        )
    indices = tuple(reductions.index(s) for s in strides)
    model: Any = timm.create_model(name, pretrained=False, in_chans=1, features_only=True, out_indices=indices)
    return model, list(model.feature_info.channels())


@register_model("cnn_tokens")
class CNNTokens(nn.Module):
    """A timm CNN cut at `stride` plus a 1x1 conv: images (B, 1, H, W) -> tokens (B, out_dim, H/stride, W/stride)."""

    def __init__(self, name: str = "resnet18", out_dim: int = 256, stride: int = 16) -> None:
        super().__init__()
        self.stride = stride
        self.body, channels = _features(name, (stride,))
        self.proj = nn.Conv2d(channels[0], out_dim, kernel_size=1)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.proj(self.body(images)[0])


@register_model("fpn")
class FPN(nn.Module):
    """timm CNN + light top-down feature pyramid: images (B, 1, H, W) -> (fine (B, dim, H/fs, W/fs),
    coarse (B, dim, H/16, W/16)), fs = `fine_stride` (2 or 4). Raw maps; the objective normalises them."""

    coarse_stride = 16

    def __init__(self, name: str = "resnet18", dim: int = 128, fine_stride: int = 2, width: int = 128) -> None:
        super().__init__()
        if fine_stride not in (2, 4):
            raise ConfigError(f"fpn fine_stride={fine_stride}: choose 2 or 4")
        self.fine_stride = fine_stride
        strides = tuple(s for s in (2, 4, 8, 16) if s >= fine_stride)
        self.body, channels = _features(name, strides)
        self.lateral = nn.ModuleList(nn.Conv2d(c, width, kernel_size=1) for c in channels)
        self.fine_head = self._head(width, dim)
        self.coarse_head = self._head(width, dim)

    @staticmethod
    def _head(width: int, dim: int) -> nn.Sequential:
        return nn.Sequential(
            nn.Conv2d(width, width, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(width),
            nn.ReLU(inplace=True),
            nn.Conv2d(width, dim, kernel_size=1),
        )

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        levels = [lateral(f) for lateral, f in zip(self.lateral, self.body(images), strict=True)]
        top = levels[-1]
        merged = top
        for level in reversed(levels[:-1]):  # top-down: upsample the coarser sum and add the lateral map
            merged = level + F.interpolate(merged, size=level.shape[-2:], mode="bilinear", align_corners=False)
        return self.fine_head(merged), self.coarse_head(top)
