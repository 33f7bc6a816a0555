"""Tiny random-init model bundles for the inference and serving tests (the tiny profile's hyper-parameters)."""

from __future__ import annotations

from pathlib import Path

import torch

from xraymatch.registry.bundle import save_bundle

TINY_MULTIVIEW = {"backbone": "resnet10t", "width": 32, "depth": 1, "heads": 2, "mlp_ratio": 2.0}
TINY_SAM = {"backbone": "resnet10t", "dim": 32, "fpn_width": 32}


def make_bundles(
    directory: Path,
    objectives: tuple[str, ...] = ("multiview", "sam"),
    image_size: int = 64,
    grid: int = 8,
    same_views: bool = True,
    seed: int = 0,
) -> Path:
    """Write `<directory>/<objective>/` bundles of seeded random-init tiny models; returns `directory`.

    same_views: zero the multiview model's learned view embedding, so that the two views of a pair are encoded by
    the same function. Its predicted matrix of an image with itself then has its maximum (1) on the diagonal:
    the one random-init model for which "an image matched with itself lands on itself" must hold.
    """
    from xraymatch.models.registry import create_model

    torch.manual_seed(seed)
    for objective in objectives:
        if objective == "multiview":
            model = create_model("multiview", image_size=image_size, grid=grid, **TINY_MULTIVIEW)
            if same_views:
                with torch.no_grad():
                    model.transformer.view_embed.zero_()
        elif objective == "sam":
            model = create_model("sam", **TINY_SAM)
        elif objective == "fracture":
            model = create_model("fracture", **tiny_fracture_hparams(image_size, grid))
        else:
            raise ValueError(objective)
        save_bundle(
            model.eval(), objective, directory / objective, image_size=image_size, version=f"tiny-{objective}/1"
        )
    return directory


def tiny_fracture_hparams(image_size: int, grid: int) -> dict:
    """Constructor arguments of a tiny fracture classifier (H6's objective), inspected from its signature."""
    import inspect

    from xraymatch.models.registry import get_model_class

    params = inspect.signature(get_model_class("fracture")).parameters
    hparams: dict = {}
    if "encoder" in params:
        hparams["encoder"] = "multiview"
    if "encoder_hparams" in params:
        hparams["encoder_hparams"] = {"image_size": image_size, "grid": grid, **TINY_MULTIVIEW}
    return hparams
