"""The multi-view matching transformer: joint self-attention over the token grids of several views of one CT.

Each view's tokens keep their own 2D grid positions, given to attention by 2D rotary embeddings (RoPE), so attention
between two tokens depends on their relative grid offset; a learned view embedding tells the views apart. The head
turns L2-normalised tokens of two views into a patch-correspondence matrix: squared cosine similarity.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from xraymatch.errors import ConfigError
from xraymatch.models.registry import register_model


def grid_positions(rows: int, cols: int, device: torch.device | None = None) -> torch.Tensor:
    """(row, col) of every cell of a rows x cols grid in row-major order (patch index = row * cols + col): (N, 2)."""
    r, c = torch.meshgrid(torch.arange(rows, device=device), torch.arange(cols, device=device), indexing="ij")
    return torch.stack([r.flatten(), c.flatten()], dim=-1).float()


def rope_angles(positions: torch.Tensor, head_dim: int, base: float = 100.0) -> torch.Tensor:
    """Rotation angles of 2D RoPE: positions (N, 2) -> (N, head_dim // 2); the first half of the channel pairs turns
    with the row, the second half with the column, at geometrically spaced frequencies base^(-k / (head_dim / 4))."""
    if head_dim % 4:
        raise ConfigError(f"2D rotary embeddings need a head dimension divisible by 4, got {head_dim}")
    quarter = head_dim // 4
    freqs = base ** (-torch.arange(quarter, device=positions.device, dtype=torch.float32) / quarter)
    return torch.cat([positions[:, :1] * freqs, positions[:, 1:] * freqs], dim=-1)


def apply_rope(x: torch.Tensor, angles: torch.Tensor) -> torch.Tensor:
    """Rotate each consecutive channel pair of x (..., N, D) by angles (N, D // 2): a norm-preserving rotation, so
    rope(q, p) . rope(k, p') depends on p - p' only."""
    x0, x1 = x.unflatten(-1, (-1, 2)).unbind(-1)
    cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
    return torch.stack([x0 * cos - x1 * sin, x0 * sin + x1 * cos], dim=-1).flatten(-2)


def similarity_matrix(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Predicted correspondence of L2-normalised tokens a (B, P, D) and b (B, Q, D): squared cosine, (B, P, Q) in
    [0, 1]. Squaring makes it symmetric under swapping the views: similarity_matrix(b, a) = its transpose."""
    return torch.einsum("bpd,bqd->bpq", a, b).square()


class RotaryAttention(nn.Module):
    """Multi-head self-attention with 2D RoPE applied to queries and keys: x (B, N, W) -> (B, N, W)."""

    def __init__(self, width: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x: torch.Tensor, angles: torch.Tensor) -> torch.Tensor:
        q, k, v = self.qkv(x).unflatten(-1, (3, self.heads, -1)).permute(2, 0, 3, 1, 4)  # each (B, heads, N, d)
        out = F.scaled_dot_product_attention(apply_rope(q, angles), apply_rope(k, angles), v)
        return self.proj(out.transpose(1, 2).flatten(2))


class Block(nn.Module):
    """Pre-norm transformer block: rotary self-attention then a GELU MLP, both residual."""

    def __init__(self, width: int, heads: int, mlp_ratio: float) -> None:
        super().__init__()
        self.norm1 = nn.LayerNorm(width)
        self.attn = RotaryAttention(width, heads)
        self.norm2 = nn.LayerNorm(width)
        hidden = round(width * mlp_ratio)
        self.mlp = nn.Sequential(nn.Linear(width, hidden), nn.GELU(), nn.Linear(hidden, width))

    def forward(self, x: torch.Tensor, angles: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x), angles)
        return x + self.mlp(self.norm2(x))


@register_model("crossview")
class CrossViewTransformer(nn.Module):
    """Joint self-attention over the concatenated token grids of V views.

    maps (B, V, width, h, w) -> L2-normalised tokens (B, V, h*w, width), token index = row * w + col.
    """

    def __init__(
        self,
        width: int = 256,
        depth: int = 4,
        heads: int = 4,
        mlp_ratio: float = 2.0,
        max_views: int = 2,
        rope_base: float = 100.0,
    ) -> None:
        super().__init__()
        if width % heads:
            raise ConfigError(f"crossview width={width} is not divisible by heads={heads}")
        self.head_dim = width // heads
        if self.head_dim % 4:
            raise ConfigError(f"crossview width/heads={self.head_dim}: 2D rotary embeddings need a multiple of 4")
        self.rope_base = rope_base
        self.view_embed = nn.Parameter(torch.randn(max_views, width) * 0.02)
        self.blocks = nn.ModuleList(Block(width, heads, mlp_ratio) for _ in range(depth))
        self.norm = nn.LayerNorm(width)
        self.out = nn.Linear(width, width)

    def forward(self, maps: torch.Tensor) -> torch.Tensor:
        views, rows, cols = maps.shape[1], maps.shape[3], maps.shape[4]
        if views > self.view_embed.shape[0]:
            raise ConfigError(f"crossview got {views} views but was built for max_views={self.view_embed.shape[0]}")
        tokens = maps.flatten(3).transpose(2, 3) + self.view_embed[:views, None, :]  # (B, V, P, W)
        angles = rope_angles(grid_positions(rows, cols, maps.device).repeat(views, 1), self.head_dim, self.rope_base)
        x = tokens.flatten(1, 2)  # (B, V*P, W): one joint sequence, every view keeps its own grid positions
        for block in self.blocks:
            x = block(x, angles)
        x = self.out(self.norm(x))
        return F.normalize(x, dim=-1).unflatten(1, (views, rows * cols))
