"""The served models: a `ModelSet` of bundles loaded from one directory, and one batched forward per objective.

Bundles live in `<dir>/<objective>/` (written by `xraymatch package`; see registry/bundle.py). The directory is
`$XRAYMATCH_BUNDLES`, else the caller's default (the service passes `serving.bundles_dir` from params.yaml).
multiview (/match) and sam (/embed, /locate) are required; fracture (/classify) is optional: without it the
service still starts and /classify answers that the model is not packaged.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from xraymatch.errors import InputError
from xraymatch.registry.bundle import ModelBundle

BUNDLES_ENV = "XRAYMATCH_BUNDLES"
DEFAULT_BUNDLES = Path("serving/bundles")
REQUIRED = ("multiview", "sam")
OPTIONAL = ("fracture",)


def bundles_dir(default: str | Path = DEFAULT_BUNDLES) -> Path:
    """`$XRAYMATCH_BUNDLES` when set, else `default`."""
    return Path(os.environ.get(BUNDLES_ENV) or default)


class ModelMissing(InputError):
    """An endpoint needs a model that was not packaged into the bundles directory."""


@dataclass
class ModelSet:
    """The loaded bundles by objective; `get(name)` raises ModelMissing for one that was not packaged."""

    directory: Path
    bundles: dict[str, ModelBundle] = field(default_factory=dict)

    @classmethod
    def load(
        cls,
        directory: str | Path | None = None,
        required: tuple[str, ...] = REQUIRED,
        optional: tuple[str, ...] = OPTIONAL,
    ) -> ModelSet:
        """Load every required bundle (a missing one is an InputError naming it and the fix) and the optional ones
        that exist."""
        from xraymatch.registry.bundle import load_bundle

        directory = bundles_dir() if directory is None else Path(directory)
        bundles: dict[str, ModelBundle] = {}
        for name in required:
            if not (directory / name).is_dir():
                raise InputError(
                    f"{directory / name}: no '{name}' model bundle; run `make package` (or point "
                    f"{BUNDLES_ENV} at a directory holding {', '.join(required)})"
                )
            bundles[name] = load_bundle(directory / name, expect=name)
        for name in optional:
            if (directory / name).is_dir():
                bundles[name] = load_bundle(directory / name, expect=name)
        return cls(directory=directory, bundles=bundles)

    def get(self, name: str) -> ModelBundle:
        bundle = self.bundles.get(name)
        if bundle is None:
            raise ModelMissing(
                f"no '{name}' model is packaged in {self.directory}: xraymatch-{name} has no @champion yet "
                "(see registry/promotions.jsonl); promote one, then run `make package`"
            )
        return bundle

    def versions(self) -> dict[str, str]:
        return {name: bundle.version for name, bundle in self.bundles.items()}


def sam_forward(bundle: ModelBundle, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """images (B, 1, S, S) -> unit fine (B, D, S/fs, S/fs) and coarse (B, D, S/16, S/16) embeddings."""
    model: Any = bundle.model
    with torch.inference_mode():
        fine, coarse = model.embed(images)
    return fine, coarse


def multiview_forward(bundle: ModelBundle, pairs: torch.Tensor) -> torch.Tensor:
    """pairs (B, 2, 1, S, S) -> predicted patch-correspondence matrices (B, P, P) in [0, 1]."""
    model: Any = bundle.model
    with torch.inference_mode():
        return model.predict_matrix({"images": pairs})


def fracture_forward(bundle: ModelBundle, views: torch.Tensor) -> torch.Tensor:
    """views (B, V, 1, S, S) -> fracture logits (B,)."""
    with torch.inference_mode():
        return bundle.model(views).reshape(len(views))


FORWARDS: dict[str, Callable[[ModelBundle, torch.Tensor], Any]] = {
    "sam": sam_forward,
    "multiview": multiview_forward,
    "fracture": fracture_forward,
}


def run_grouped(forward: Callable[[torch.Tensor], Any], inputs: list[torch.Tensor]) -> list[Any]:
    """Run `forward` on requests' inputs (each (n_i, ...)) stacked into as few batches as possible: inputs of equal
    trailing shape (e.g. /classify requests with the same number of views) go together. Returns each request's slice
    of the output (a tensor, or a tuple of tensors, batch first), in input order."""
    results: list[Any] = [None] * len(inputs)
    groups: dict[tuple[int, ...], list[int]] = {}
    for index, tensor in enumerate(inputs):
        groups.setdefault(tuple(tensor.shape[1:]), []).append(index)
    for members in groups.values():
        output = forward(torch.cat([inputs[i] for i in members]))
        start = 0
        for i in members:
            stop = start + len(inputs[i])
            if isinstance(output, tuple):
                results[i] = tuple(part[start:stop] for part in output)
            else:
                results[i] = output[start:stop]
            start = stop
    return results
