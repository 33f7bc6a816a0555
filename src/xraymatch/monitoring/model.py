"""Which SAM model makes the monitoring embeddings: a packaged bundle, else the trained checkpoint.

The reference records the model's version and the drift test refuses a window embedded by another model, because
embeddings of two models live in different spaces.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from xraymatch.errors import InputError
from xraymatch.registry.bundle import ModelBundle, load_bundle

CHECKPOINT = Path("sam") / "checkpoints" / "last.ckpt"


def resolve_model(model: str | Path | None, default_bundle: str | Path, models_dir: str | Path) -> ModelBundle:
    """`model` (a bundle folder or a .ckpt file) when given; else the packaged bundle `default_bundle` when it exists
    (`make package` writes serving/bundles/sam); else `<models_dir>/sam/checkpoints/last.ckpt`."""
    if model is not None:
        path = Path(model)
        if path.suffix == ".ckpt":
            return checkpoint_bundle(path)
        return load_bundle(path, expect="sam")
    if (Path(default_bundle) / "bundle.json").is_file():
        return load_bundle(default_bundle, expect="sam")
    checkpoint = Path(models_dir) / CHECKPOINT
    if checkpoint.is_file():
        return checkpoint_bundle(checkpoint)
    raise InputError(
        f"no SAM model for the monitoring embeddings: neither {default_bundle}/ (run `make package`) nor {checkpoint} "
        "(run `dvc repro train@sam`); or pass --model BUNDLE_DIR"
    )


def model_identity(model: str | Path | None, default_bundle: str | Path, models_dir: str | Path) -> str | None:
    """The version resolve_model's model would have, without loading it (a bundle's bundle.json, a checkpoint's
    digest); None when there is no model to resolve."""
    from xraymatch.registry.bundle import read_bundle_info

    if model is not None and Path(model).suffix == ".ckpt":
        return checkpoint_version(model) if Path(model).is_file() else None
    directory = Path(model) if model is not None else Path(default_bundle)
    if (directory / "bundle.json").is_file():
        return str(read_bundle_info(directory)["version"])
    checkpoint = Path(models_dir) / CHECKPOINT
    if model is None and checkpoint.is_file():
        return checkpoint_version(checkpoint)
    return None


def checkpoint_version(path: str | Path) -> str:
    """`checkpoint:<sha256[:12]>` of a checkpoint file (its identity as a monitoring model)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return f"checkpoint:{digest.hexdigest()[:12]}"


def checkpoint_bundle(path: str | Path) -> ModelBundle:
    """A trained SAM checkpoint as a ModelBundle; its version is `checkpoint:<sha256[:12]>` of the file."""
    import torch

    import xraymatch.objectives  # noqa: F401
    from xraymatch.models.registry import get_model_class

    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: checkpoint not found; train SAM first (`dvc repro train@sam`)")
    stamp = torch.load(path, map_location="cpu", weights_only=False).get("xraymatch", {})
    if stamp.get("objective") != "sam":
        raise InputError(f"{path}: checkpoint of objective '{stamp.get('objective')}', not 'sam'")
    model_class: Any = get_model_class("sam")
    model = model_class.load_from_checkpoint(str(path), map_location="cpu").eval()
    size = int(stamp.get("cache_geometry", {}).get("height", 128))
    return ModelBundle("sam", model, size, checkpoint_version(path), dict(model.hparams), {"checkpoint": str(path)})
