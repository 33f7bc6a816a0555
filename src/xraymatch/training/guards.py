"""Lightning callbacks that keep training honest: stop on a non-finite loss before anything bad is checkpointed,
and stamp checkpoints with the objective and the cache geometry they were trained for."""

from __future__ import annotations

import math
from typing import Any

import lightning as L
import torch

from xraymatch.errors import ConfigError, XraymatchError


class TrainingDiverged(XraymatchError):
    """The loss became NaN or infinite; the last good checkpoint is kept."""


class StopOnNonFiniteLoss(L.Callback):
    """Raise at the first non-finite training loss (before the epoch's checkpoint could store broken weights)."""

    def on_train_batch_end(
        self, trainer: L.Trainer, module: L.LightningModule, outputs: Any, batch: Any, i: int
    ) -> None:
        loss = outputs["loss"] if isinstance(outputs, dict) else outputs
        if isinstance(loss, torch.Tensor) and not math.isfinite(float(loss.detach())):
            raise TrainingDiverged(
                f"{type(module).__name__}: non-finite loss at step {trainer.global_step}; training stopped, the last "
                "good checkpoint is kept (lower the learning rate or check the cache for NaNs)"
            )


class CheckpointStamp(L.Callback):
    """Write the objective name and cache geometry into every checkpoint, so a resume can refuse a mismatch."""

    def __init__(self, objective: str, cache_geometry: dict[str, int]) -> None:
        self.objective = objective
        self.cache_geometry = cache_geometry

    def on_save_checkpoint(self, trainer: L.Trainer, module: L.LightningModule, checkpoint: dict[str, Any]) -> None:
        checkpoint["xraymatch"] = {"objective": self.objective, "cache_geometry": self.cache_geometry}


def checkpoint_objective(path: str) -> str | None:
    """The objective a checkpoint was trained for (None for a checkpoint without the xraymatch stamp)."""
    return torch.load(path, map_location="cpu", weights_only=False).get("xraymatch", {}).get("objective")


def check_checkpoint(path: str, objective: str, cache_geometry: dict[str, int]) -> None:
    """Refuse to resume from a checkpoint of another objective or one trained on a cache of other geometry."""
    stamp = torch.load(path, map_location="cpu", weights_only=False).get("xraymatch", {})
    found = stamp.get("objective")
    if found != objective:
        raise ConfigError(f"{path}: checkpoint of objective '{found}', not '{objective}'; pass the right --objective")
    if stamp.get("cache_geometry") != cache_geometry:
        raise ConfigError(
            f"{path}: trained on a cache with {stamp.get('cache_geometry')}, the current cache has {cache_geometry}; "
            "rebuild the cache with the model's params or train from scratch"
        )
