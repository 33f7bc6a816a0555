"""Known answers of the matching geometry: patch centres, mutual nearest patches, sub-patch refinement, scaling."""

from __future__ import annotations

import pytest
import torch

from xraymatch.inference.geometry import match_points, mutual_nearest, patch_centres, refine


def test_patch_centres_are_cell_middles() -> None:
    centres = patch_centres(grid=4, size=32)
    assert centres.shape == (16, 2)
    assert centres[0].tolist() == [4.0, 4.0]  # (x, y) of patch (row 0, col 0)
    assert centres[1].tolist() == [12.0, 4.0]  # next column: x grows
    assert centres[4].tolist() == [4.0, 12.0]  # next row: y grows
    assert centres[15].tolist() == [28.0, 28.0]


def test_identity_matrix_matches_every_patch_to_itself_in_each_images_pixels() -> None:
    grid, size = 4, 32
    matrix = torch.eye(16) * 0.9 + 0.01
    answers = match_points(matrix, grid, size, scale_a=(2.0, 3.0), scale_b=(0.5, 0.25), top_k=100)
    assert len(answers) == 16
    centres = patch_centres(grid, size)
    for answer in answers:
        # view a in its own pixels (x * 2, y * 3), view b in its own (x * 0.5, y * 0.25): same model position
        assert answer["xa"] / 2.0 == pytest.approx(answer["xb"] / 0.5)
        assert answer["ya"] / 3.0 == pytest.approx(answer["yb"] / 0.25)
        assert any(
            torch.allclose(torch.tensor([answer["xa"] / 2.0, answer["ya"] / 3.0], dtype=torch.float64), c)
            for c in centres
        )
        assert answer["score"] == pytest.approx(0.91)


def test_flipped_matrix_maps_columns_mirrored() -> None:
    grid, size = 4, 16
    flip = torch.arange(16).view(4, 4).flip(1).flatten()  # patch (r, c) <-> (r, 3 - c)
    matrix = torch.zeros(16, 16)
    matrix[torch.arange(16), flip] = 1.0
    for answer in match_points(matrix, grid, size, (1.0, 1.0), (1.0, 1.0), top_k=16):
        assert answer["xb"] == pytest.approx(size - answer["xa"])
        assert answer["yb"] == pytest.approx(answer["ya"])


def test_top_k_and_order() -> None:
    matrix = torch.diag(torch.linspace(0.1, 1.0, 16))
    answers = match_points(matrix, 4, 16, (1.0, 1.0), (1.0, 1.0), top_k=3, sub_patch=False)
    assert [round(a["score"], 2) for a in answers] == [1.0, 0.94, 0.88]


def test_mutual_nearest_drops_one_sided_pairs() -> None:
    matrix = torch.tensor([[0.9, 0.1], [0.8, 0.2]])  # row 1's best is column 0, but column 0's best is row 0
    rows, cols, scores = mutual_nearest(matrix)
    assert rows.tolist() == [0] and cols.tolist() == [0] and scores.tolist() == [pytest.approx(0.9)]


def test_refine_moves_towards_a_strong_neighbour() -> None:
    grid, size = 4, 32  # patches of 8 px
    centres = patch_centres(grid, size)
    scores = torch.zeros(16)
    scores[5], scores[6] = 1.0, 0.5  # patch (1, 1) and its right neighbour (1, 2)
    x, y = refine(scores, 5, grid, centres).tolist()
    assert x == pytest.approx(12.0 + 8.0 / 3.0)  # (1 * 12 + 0.5 * 20) / 1.5
    assert y == pytest.approx(12.0)
    flat = refine(torch.ones(16), 5, grid, centres)
    assert flat.tolist() == [12.0, 12.0]


def test_wrong_matrix_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="patch grid"):
        match_points(torch.zeros(10, 10), 4, 16, (1.0, 1.0), (1.0, 1.0), top_k=5)
