"""A small text transformer trained from scratch for the vision-language objective (no downloaded weights).

Token + learned position embeddings, a pre-norm transformer encoder (PyTorch's `TransformerEncoderLayer` with
`norm_first`), a final LayerNorm and CLS or masked-mean pooling: ids (B, L) + mask (B, L) -> features (B, width).
"""

from __future__ import annotations

import torch
from torch import nn

from xraymatch.errors import ConfigError
from xraymatch.models.registry import register_model

POOLINGS = ("cls", "mean")


@register_model("text_transformer")
class TextTransformer(nn.Module):
    """Pre-norm transformer encoder over subword ids; `pooling="cls"` reads position 0 (the [CLS] token)."""

    def __init__(
        self,
        vocab_size: int,
        width: int = 128,
        depth: int = 2,
        heads: int = 4,
        mlp_ratio: float = 2.0,
        max_length: int = 160,
        dropout: float = 0.0,
        pooling: str = "cls",
        pad_id: int = 0,
    ) -> None:
        super().__init__()
        if pooling not in POOLINGS:
            raise ConfigError(f"text pooling={pooling!r}: choose one of {', '.join(POOLINGS)}")
        if width % heads:
            raise ConfigError(f"text width={width} is not a multiple of heads={heads}")
        self.pooling = pooling
        self.max_length = max_length
        self.token = nn.Embedding(vocab_size, width, padding_idx=pad_id)
        self.position = nn.Parameter(torch.zeros(1, max_length, width))
        nn.init.normal_(self.position, std=0.02)
        nn.init.normal_(self.token.weight, std=0.02)
        layer = nn.TransformerEncoderLayer(
            width, heads, int(width * mlp_ratio), dropout=dropout, activation="gelu", batch_first=True, norm_first=True
        )
        self.encoder = nn.TransformerEncoder(layer, depth, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(width)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """ids (B, L) int64, mask (B, L) bool (True on real tokens) -> pooled features (B, width)."""
        if ids.shape[1] > self.max_length:
            raise ConfigError(f"text of {ids.shape[1]} tokens exceeds the model's max_length={self.max_length}")
        hidden = self.token(ids) + self.position[:, : ids.shape[1]]
        hidden = self.norm(self.encoder(hidden, src_key_padding_mask=~mask.bool()))
        if self.pooling == "cls":
            return hidden[:, 0]
        weights = mask.to(hidden.dtype).unsqueeze(-1)
        return (hidden * weights).sum(1) / weights.sum(1).clamp_min(1.0)
