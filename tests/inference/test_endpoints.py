"""The endpoints' logic in-process on the real radiographs with tiny random-init bundles: shapes, coordinate
ranges, and the known answers that hold whatever the weights (self-matching, self-location)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import torch

from xraymatch.errors import InputError
from xraymatch.inference import (
    FORWARDS,
    ModelSet,
    classify,
    embed,
    finish_match,
    locate,
    match,
    prepare_classify,
    prepare_match,
)
from xraymatch.inference.models import ModelMissing, run_grouped
from xraymatch.registry.bundle import load_bundle


def test_modelset_loads_required_and_names_a_missing_one(tiny_bundles: Path, tmp_path: Path) -> None:
    models = ModelSet.load(tiny_bundles)
    assert models.versions() == {"multiview": "tiny-multiview/1", "sam": "tiny-sam/1"}
    with pytest.raises(ModelMissing, match="no 'fracture' model"):
        models.get("fracture")
    with pytest.raises(InputError, match=r"no 'multiview' model bundle; run `make package`"):
        ModelSet.load(tmp_path)


def test_bundles_dir_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from xraymatch.inference import bundles_dir

    monkeypatch.delenv("XRAYMATCH_BUNDLES", raising=False)
    assert bundles_dir("x/y") == Path("x/y")
    monkeypatch.setenv("XRAYMATCH_BUNDLES", str(tmp_path))
    assert bundles_dir("x/y") == tmp_path


def test_embed_is_a_unit_vector_of_the_sam_dimension(tiny_bundles: Path, radiographs: dict) -> None:
    sam = load_bundle(tiny_bundles / "sam")
    answer = embed(sam, radiographs["RG1"])
    assert answer["dim"] == 2 * sam.hparams["dim"] == len(answer["embedding"])  # fine and coarse means
    assert math.isclose(sum(v * v for v in answer["embedding"]), 1.0, rel_tol=1e-4)
    assert answer["model_version"] == "tiny-sam/1"
    again = embed(sam, radiographs["RG1"])["embedding"]
    other = embed(sam, radiographs["RG3"])["embedding"]
    assert again == answer["embedding"] and other != answer["embedding"]


def test_match_answers_lie_in_each_images_own_pixels(tiny_bundles: Path, radiographs: dict) -> None:
    multiview = load_bundle(tiny_bundles / "multiview")
    chest, ankle = radiographs["RG1"], radiographs["RG3"]
    answer = match(multiview, chest, ankle, top_k=20)
    assert answer["model_version"] == "tiny-multiview/1"
    assert 1 <= len(answer["matches"]) <= 20
    (ha, wa), (hb, wb) = chest.pixels.shape, ankle.pixels.shape
    for m in answer["matches"]:
        assert set(m) == {"xa", "ya", "xb", "yb", "score"}
        assert 0 <= m["xa"] <= wa and 0 <= m["ya"] <= ha and 0 <= m["xb"] <= wb and 0 <= m["yb"] <= hb
        assert 0.0 <= m["score"] <= 1.0 + 1e-6
    scores = [m["score"] for m in answer["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_an_image_matched_with_itself_lands_on_itself(tiny_bundles: Path, radiographs: dict) -> None:
    """With view-symmetric weights (make_bundles zeroes the view embedding) the matrix of an image with itself has
    its maximum on the diagonal: every patch is its own mutual nearest neighbour, at the same pixel."""
    multiview = load_bundle(tiny_bundles / "multiview")
    chest = radiographs["RG1"]
    grid = multiview.hparams["grid"]
    answer = match(multiview, chest, chest, top_k=1000)
    assert len(answer["matches"]) == grid * grid
    for m in answer["matches"]:
        assert math.hypot(m["xa"] - m["xb"], m["ya"] - m["yb"]) < 1e-6


def test_match_of_a_constructed_matrix_maps_back_through_each_scale(tiny_bundles: Path, radiographs: dict) -> None:
    """The model-to-upload mapping alone: an identity matrix between a 1955x1841 and a 1760x1760 upload puts
    patch (r, c) at ((c + 0.5) * W / G, (r + 0.5) * H / G) in each."""
    multiview = load_bundle(tiny_bundles / "multiview")
    chest, ankle = radiographs["RG1"], radiographs["RG3"]
    prepared = prepare_match(multiview, chest, ankle)
    assert prepared.inputs.shape == (1, 2, 1, 64, 64)
    grid = multiview.hparams["grid"]
    matrix = torch.eye(grid * grid)
    answer = finish_match(multiview, prepared, matrix, top_k=1000)
    expected_a = {((c + 0.5) * 1841 / grid, (r + 0.5) * 1955 / grid) for r in range(grid) for c in range(grid)}
    got_a = {(m["xa"], m["ya"]) for m in answer["matches"]}
    assert {(round(x, 6), round(y, 6)) for x, y in got_a} == {(round(x, 6), round(y, 6)) for x, y in expected_a}
    for m in answer["matches"]:
        assert m["xb"] == pytest.approx(m["xa"] * 1760 / 1841) and m["yb"] == pytest.approx(m["ya"] * 1760 / 1955)


def test_locate_in_the_same_image_returns_the_point(tiny_bundles: Path, radiographs: dict) -> None:
    """Locating a template point in the template itself: the fine embedding at the point is its own best match, so
    the answer is within a couple of fine cells (stride 2 model px = 58 upload px) whatever the weights."""
    sam = load_bundle(tiny_bundles / "sam")
    chest = radiographs["RG1"]
    points = [(100.0, 200.0), (920.5, 977.5), (1800.0, 1900.0)]
    answer = locate(sam, chest, chest, points)
    cell = sam.hparams.get("fine_stride", 2) * 1955 / sam.image_size
    assert len(answer["points"]) == 3
    for (x, y), found in zip(points, answer["points"], strict=True):
        assert math.hypot(found["x"] - x, found["y"] - y) <= 2 * cell
        assert found["score"] <= 1.0 + 1e-5


def test_locate_answers_lie_in_the_query(tiny_bundles: Path, radiographs: dict) -> None:
    sam = load_bundle(tiny_bundles / "sam")
    chest, ankle = radiographs["RG1"], radiographs["RG3"]
    answer = locate(sam, chest, ankle, [(0.0, 0.0), (1841.0, 1955.0), (900.0, 1000.0)])
    for found in answer["points"]:
        assert 0 <= found["x"] <= 1760 and 0 <= found["y"] <= 1760


def test_run_grouped_batches_by_shape_and_keeps_order() -> None:
    calls: list[tuple[int, ...]] = []

    def forward(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        calls.append(tuple(x.shape))
        return x * 2, x.flatten(1).sum(1)

    inputs = [torch.ones(1, 2, 3), torch.full((2, 3, 3), 3.0), torch.full((1, 2, 3), 5.0)]
    outputs = run_grouped(forward, inputs)
    assert sorted(calls) == [(1 + 1, 2, 3), (2, 3, 3)]  # the two (., 2, 3) inputs went in one batch
    for given, (doubled, total) in zip(inputs, outputs, strict=True):
        assert torch.equal(doubled, given * 2) and torch.equal(total, given.flatten(1).sum(1))


def test_classify_needs_two_views_and_gives_a_probability(tmp_path: Path, radiographs: dict) -> None:
    from tests.inference.bundles import make_bundles

    make_bundles(tmp_path, objectives=("fracture",))
    fracture = load_bundle(tmp_path / "fracture")
    with pytest.raises(InputError, match="two or more views"):
        prepare_classify(fracture, [radiographs["RG1"]])
    answer = classify(fracture, [radiographs["RG1"], radiographs["RG3"], radiographs["RG1"]])
    assert 0.0 <= answer["fracture_probability"] <= 1.0
    prepared = prepare_classify(fracture, [radiographs["RG1"], radiographs["RG3"]])
    assert FORWARDS["fracture"](fracture, prepared.inputs).shape == (1,)


def test_embed_is_the_drift_monitors_embedding(tiny_bundles: Path, radiographs: dict) -> None:
    """/embed and the monitoring store must hold the same vector, or drift would compare unlike things."""
    from xraymatch.inference import prepare_embed
    from xraymatch.monitoring.features import embed_images

    sam = load_bundle(tiny_bundles / "sam")
    answer = embed(sam, radiographs["RG3"])
    monitored = embed_images(sam, prepare_embed(sam, radiographs["RG3"]).inputs)[0]
    assert torch.allclose(torch.tensor(answer["embedding"]), torch.from_numpy(monitored), atol=1e-5)
