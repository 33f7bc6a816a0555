from __future__ import annotations

import pytest
import torch

from xraymatch.errors import ConfigError
from xraymatch.models.crossview import (
    CrossViewTransformer,
    apply_rope,
    grid_positions,
    rope_angles,
    similarity_matrix,
)


def rotated(x: torch.Tensor, positions: torch.Tensor) -> torch.Tensor:
    return apply_rope(x, rope_angles(positions, x.shape[-1], base=10.0))


def test_rope_preserves_norms() -> None:
    x = torch.randn(3, 16, 32)
    positions = torch.randint(0, 8, (16, 2)).float()
    assert torch.allclose(rotated(x, positions).norm(dim=-1), x.norm(dim=-1), atol=1e-5)


def test_rope_scores_depend_only_on_relative_positions() -> None:
    q, k = torch.randn(2, 32)
    p_q, p_k, offset = torch.tensor([[1.0, 5.0]]), torch.tensor([[4.0, 2.0]]), torch.tensor([[3.0, -7.0]])
    score = (rotated(q[None], p_q) * rotated(k[None], p_k)).sum()
    shifted = (rotated(q[None], p_q + offset) * rotated(k[None], p_k + offset)).sum()
    assert torch.allclose(score, shifted, atol=1e-4)
    for moved in (torch.tensor([[5.0, 2.0]]), torch.tensor([[4.0, 3.0]])):  # one step along rows, then along columns
        assert not torch.allclose(score, (rotated(q[None], p_q) * rotated(k[None], moved)).sum(), atol=1e-3)


def test_grid_positions_are_row_major() -> None:
    assert grid_positions(2, 3)[4].tolist() == [1.0, 1.0]  # patch index = row * cols + col


def test_head_dimension_must_suit_2d_rope() -> None:
    with pytest.raises(ConfigError, match="multiple of 4"):
        CrossViewTransformer(width=24, heads=4)


def test_similarity_head_is_symmetric_in_the_views() -> None:
    a = torch.nn.functional.normalize(torch.randn(2, 9, 16), dim=-1)
    b = torch.nn.functional.normalize(torch.randn(2, 9, 16), dim=-1)
    matrix = similarity_matrix(a, b)
    assert torch.allclose(similarity_matrix(b, a), matrix.transpose(1, 2))
    assert matrix.min() >= 0 and matrix.max() <= 1 + 1e-6
    assert torch.allclose(similarity_matrix(a, a).diagonal(dim1=1, dim2=2), torch.ones(2, 9))


def test_transformer_outputs_unit_tokens_and_is_view_equivariant_without_view_embedding() -> None:
    torch.manual_seed(0)
    model = CrossViewTransformer(width=32, depth=2, heads=2).eval()
    maps = torch.randn(2, 2, 32, 3, 3)
    tokens = model(maps)
    assert tokens.shape == (2, 2, 9, 32)
    assert torch.allclose(tokens.norm(dim=-1), torch.ones(2, 2, 9), atol=1e-5)
    assert not torch.allclose(model(maps.flip(1)), tokens.flip(1), atol=1e-4)  # the view embedding tells views apart
    with torch.no_grad():
        model.view_embed.zero_()
    tokens = model(maps)
    swapped = model(maps.flip(1))
    assert torch.allclose(swapped, tokens.flip(1), atol=1e-5)
    forward = similarity_matrix(tokens[:, 0], tokens[:, 1])
    assert torch.allclose(similarity_matrix(swapped[:, 0], swapped[:, 1]), forward.transpose(1, 2), atol=1e-5)
