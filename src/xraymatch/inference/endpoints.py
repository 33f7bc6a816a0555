"""The four endpoints' logic: prepare (decoded upload -> model input), finish (model output -> answer), one-shot.

Answers are plain JSON-ready dicts/lists; coordinates are in each upload's own pixels (x = column, y = row, pixel
(row i, col j) covers [j, j+1] x [i, i+1]); `model_version` is the bundle's registry version.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import torch

from xraymatch.errors import InputError
from xraymatch.inference.geometry import match_points
from xraymatch.inference.models import FORWARDS
from xraymatch.registry.bundle import ModelBundle

if TYPE_CHECKING:
    from xraymatch.io.xray import XrayImage

Scale = tuple[float, float]


@dataclass(frozen=True)
class Prepared:
    """A request's model input (batch first) and the scales (sx, sy) of its images, in input order."""

    inputs: torch.Tensor
    scales: tuple[Scale, ...]
    shapes: tuple[tuple[int, int], ...]  # (height, width) of each upload


def _prepare(images: list[XrayImage], size: int) -> tuple[list[torch.Tensor], tuple[Scale, ...]]:
    from xraymatch.io.xray import prepare_for_model

    tensors, scales = [], []
    for image in images:
        tensor, scale = prepare_for_model(image, size)
        tensors.append(tensor.reshape(1, size, size))
        scales.append((float(scale[0]), float(scale[1])))
    return tensors, tuple(scales)


def _shapes(images: list[XrayImage]) -> tuple[tuple[int, int], ...]:
    return tuple((int(i.pixels.shape[0]), int(i.pixels.shape[1])) for i in images)


# --- /embed -------------------------------------------------------------------------------------------------------


def prepare_embed(bundle: ModelBundle, image: XrayImage) -> Prepared:
    """image -> (1, 1, S, S) for the sam forward."""
    tensors, scales = _prepare([image], bundle.image_size)
    return Prepared(torch.stack(tensors), scales, _shapes([image]))


def pooled_embedding(fine: torch.Tensor, coarse: torch.Tensor) -> torch.Tensor:
    """One global vector per image from SAM's dense maps fine (B, D, h, w) and coarse (B, D, hc, wc): the spatial
    means of each, L2-normalised, concatenated and L2-normalised again, (B, 2D). This is the drift monitor's
    embedding (`monitoring.features.embed_images`; a test keeps the two equal), computed here from maps that
    /locate already has, so recording a request costs no second forward."""
    fine_mean = torch.nn.functional.normalize(fine.float().mean(dim=(2, 3)), dim=1)
    coarse_mean = torch.nn.functional.normalize(coarse.float().mean(dim=(2, 3)), dim=1)
    return torch.nn.functional.normalize(torch.cat([fine_mean, coarse_mean], dim=1), dim=1)


def finish_embed(bundle: ModelBundle, output: tuple[torch.Tensor, torch.Tensor]) -> dict[str, Any]:
    """sam output for one image -> {"embedding": [...], "dim", "model_version"}."""
    vector = pooled_embedding(*output)[0]
    return {
        "embedding": [float(v) for v in vector.tolist()],
        "dim": int(vector.numel()),
        "model_version": bundle.version,
    }


def embed(bundle: ModelBundle, image: XrayImage) -> dict[str, Any]:
    """One-shot /embed."""
    prepared = prepare_embed(bundle, image)
    return finish_embed(bundle, FORWARDS["sam"](bundle, prepared.inputs))


# --- /match -------------------------------------------------------------------------------------------------------


def prepare_match(bundle: ModelBundle, image_a: XrayImage, image_b: XrayImage) -> Prepared:
    """Two views -> (1, 2, 1, S, S) for the multiview forward."""
    tensors, scales = _prepare([image_a, image_b], bundle.image_size)
    return Prepared(torch.stack(tensors)[None], scales, _shapes([image_a, image_b]))


def finish_match(bundle: ModelBundle, prepared: Prepared, matrix: torch.Tensor, top_k: int) -> dict[str, Any]:
    """One predicted matrix ((1,) P, P) -> {"matches": [{xa, ya, xb, yb, score}], "model_version"}."""
    grid = int(bundle.hparams.get("grid", 8))
    scale_a, scale_b = prepared.scales
    matches = match_points(matrix.reshape(matrix.shape[-2:]), grid, bundle.image_size, scale_a, scale_b, top_k)
    return {"matches": matches, "model_version": bundle.version}


def match(bundle: ModelBundle, image_a: XrayImage, image_b: XrayImage, top_k: int = 50) -> dict[str, Any]:
    """One-shot /match."""
    prepared = prepare_match(bundle, image_a, image_b)
    return finish_match(bundle, prepared, FORWARDS["multiview"](bundle, prepared.inputs), top_k)


# --- /locate ------------------------------------------------------------------------------------------------------


def prepare_locate(bundle: ModelBundle, template: XrayImage, query: XrayImage) -> Prepared:
    """Template and query -> (2, 1, S, S) for the sam forward (one batch of two images)."""
    tensors, scales = _prepare([template, query], bundle.image_size)
    return Prepared(torch.stack(tensors), scales, _shapes([template, query]))


def finish_locate(
    bundle: ModelBundle,
    prepared: Prepared,
    output: tuple[torch.Tensor, torch.Tensor],
    points: list[tuple[float, float]],
) -> dict[str, Any]:
    """Dense embeddings of (template, query) + template points (template pixels) -> {"points": [{x, y, score}],
    "model_version"} in query pixels (the best fine cell's centre, its similarity as the score)."""
    (sx_t, sy_t), (sx_q, sy_q) = prepared.scales
    fine, coarse = output
    template_points = torch.tensor([[x / sx_t, y / sy_t] for x, y in points], dtype=fine.dtype)
    with torch.inference_mode():
        model: Any = bundle.model
        found, score = model.locate((fine[0], coarse[0]), template_points, (fine[1], coarse[1]))
    answers = [
        {"x": float(x) * sx_q, "y": float(y) * sy_q, "score": float(s)}
        for (x, y), s in zip(found.tolist(), score.tolist(), strict=True)
    ]
    return {"points": answers, "model_version": bundle.version}


def locate(
    bundle: ModelBundle, template: XrayImage, query: XrayImage, points: list[tuple[float, float]]
) -> dict[str, Any]:
    """One-shot /locate."""
    prepared = prepare_locate(bundle, template, query)
    return finish_locate(bundle, prepared, FORWARDS["sam"](bundle, prepared.inputs), points)


# --- /classify ----------------------------------------------------------------------------------------------------


def prepare_classify(bundle: ModelBundle, views: list[XrayImage]) -> Prepared:
    """Two or more views -> (1, V, 1, S, S) for the fracture forward."""
    if len(views) < 2:
        raise InputError(f"views: {len(views)} file(s); send two or more views of the same study")
    tensors, scales = _prepare(views, bundle.image_size)
    return Prepared(torch.stack(tensors)[None], scales, _shapes(views))


def finish_classify(bundle: ModelBundle, logit: torch.Tensor) -> dict[str, Any]:
    """One logit -> {"fracture_probability", "model_version"}."""
    return {"fracture_probability": float(torch.sigmoid(logit.float().reshape(-1)[0])), "model_version": bundle.version}


def classify(bundle: ModelBundle, views: list[XrayImage]) -> dict[str, Any]:
    """One-shot /classify."""
    prepared = prepare_classify(bundle, views)
    return finish_classify(bundle, FORWARDS["fracture"](bundle, prepared.inputs))
