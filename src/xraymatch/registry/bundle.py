"""A model bundle: native PyTorch weights plus the JSON needed to rebuild the model by name.

This is what leaves the training world for serving and monitoring: `package` writes one bundle per objective from
the `@champion` registry version; the BentoML service and the drift tools load it with `load_bundle`. Weights are a
plain `state_dict` (no pickled classes), so loading never executes code from the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch

from xraymatch.atomic import atomic_dir
from xraymatch.errors import InputError

BUNDLE_FILE = "bundle.json"
WEIGHTS_FILE = "weights.pt"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class ModelBundle:
    """A rebuilt model in eval mode with what callers need to feed it.

    objective: registry name (multiview | sam | afire | fracture | vl); image_size: square input side in pixels the
    model was trained on (inputs are resized to it); version: e.g. "xraymatch-sam/3"; metadata: model-card facts
    (metrics, data hash, commit) as recorded at packaging time.
    """

    objective: str
    model: torch.nn.Module
    image_size: int
    version: str
    hparams: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)


def model_hparams(model: torch.nn.Module) -> dict[str, Any]:
    """The constructor arguments a LightningModule saved with `save_hyperparameters()` (JSON-safe)."""
    hparams = getattr(model, "hparams", None)
    if hparams is None:
        raise InputError(f"{type(model).__name__}: no saved hyper-parameters; call save_hyperparameters() in __init__")
    return json.loads(json.dumps(dict(hparams), default=str))


def save_bundle(
    model: torch.nn.Module,
    objective: str,
    directory: str | Path,
    *,
    image_size: int,
    version: str,
    metadata: dict[str, Any] | None = None,
) -> Path:
    """Write `<directory>/{bundle.json, weights.pt}` atomically; returns the directory."""
    import xraymatch

    payload = {
        "format": FORMAT_VERSION,
        "objective": objective,
        "image_size": int(image_size),
        "version": version,
        "hparams": model_hparams(model),
        "metadata": metadata or {},
        "versions": {"torch": torch.__version__, "xraymatch": getattr(xraymatch, "__version__", "unknown")},
    }
    state = {k: v.detach().cpu() for k, v in model.state_dict().items()}
    with atomic_dir(directory) as tmp:
        torch.save(state, tmp / WEIGHTS_FILE)
        (tmp / BUNDLE_FILE).write_text(json.dumps(payload, indent=2, sort_keys=True))
    return Path(directory)


def read_bundle_info(directory: str | Path) -> dict[str, Any]:
    """The bundle's JSON description, validated (no weights loaded)."""
    path = Path(directory) / BUNDLE_FILE
    if not path.exists():
        raise InputError(f"{directory}: not a model bundle (no {BUNDLE_FILE}); run `make package` to build one")
    try:
        info = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        reason = exc.__class__.__name__
        raise InputError(f"{path}: unreadable bundle description ({reason}); re-run `make package`") from None
    missing = [k for k in ("objective", "image_size", "version", "hparams") if k not in info]
    if missing:
        raise InputError(f"{path}: missing field(s) {', '.join(missing)}; re-run `make package`")
    if int(info.get("format", 0)) != FORMAT_VERSION:
        raise InputError(f"{path}: bundle format {info.get('format')} != {FORMAT_VERSION}; re-run `make package`")
    return dict(info)


def load_bundle(directory: str | Path, expect: str | None = None) -> ModelBundle:
    """Rebuild the model by name from its hyper-parameters and load the weights (strict, CPU, eval mode)."""
    import xraymatch.objectives  # noqa: F401  (registers the objectives)
    from xraymatch.models.registry import create_model

    info = read_bundle_info(directory)
    if expect is not None and info["objective"] != expect:
        raise InputError(f"{directory}: bundle of objective '{info['objective']}', expected '{expect}'")
    weights = Path(directory) / WEIGHTS_FILE
    try:
        state = torch.load(weights, map_location="cpu", weights_only=True)
    except FileNotFoundError:
        raise InputError(f"{weights}: missing; re-run `make package`") from None
    except Exception as exc:  # torch raises several types for truncated or foreign files
        raise InputError(f"{weights}: unreadable weights ({exc.__class__.__name__}); re-run `make package`") from None
    model = create_model(info["objective"], **info["hparams"])
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        first = str(exc).splitlines()[0]
        raise InputError(f"{weights}: weights do not fit the {info['objective']} model ({first})") from None
    return ModelBundle(
        objective=str(info["objective"]),
        model=model.eval(),
        image_size=int(info["image_size"]),
        version=str(info["version"]),
        hparams=dict(info["hparams"]),
        metadata=dict(info.get("metadata", {})),
    )
