"""Pretrained image towers shared by downstream objectives (fracture classification, vision-language alignment).

Each objective's image encoder (`multiview`, `sam`, `afire`) is wrapped as a `TokenEncoder`: images (B, 1, H, W) ->
tokens (B, N, out_dim), split into a `stem` (frozen under fine-tuning mode `tail`, so its output can be cached) and a
`tail` (the last block). `encoder_source` rebuilds the objective model by name, from a trained checkpoint when one is
given, and returns the hyper-parameters that rebuild it without the checkpoint (what a registry bundle stores).
"""

from __future__ import annotations

import inspect
import json
import math
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from xraymatch.errors import ConfigError, InputError
from xraymatch.models.registry import get_model_class

ENCODERS = ("multiview", "sam", "afire")
FINETUNE = ("all", "tail", "none")


class TokenEncoder(nn.Module):
    """An objective's image tower: images (B, 1, H, W) -> tokens (B, N, out_dim), split for fine-tuning into
    `stem` (everything but the last block: frozen under `finetune: tail`, so its output can be cached) and `tail`."""

    out_dim: int

    def stem(self, images: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def tail(self, hidden: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def tail_modules(self) -> list[nn.Module]:
        raise NotImplementedError

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        return self.tail(self.stem(images))

    def freeze_for(self, finetune: str) -> None:
        """Gradients per fine-tuning mode: every parameter (`all`), the tail's only (`tail`), none (`none`)."""
        if finetune not in FINETUNE:
            raise ConfigError(f"finetune={finetune!r}: choose one of {', '.join(FINETUNE)}")
        self.requires_grad_(finetune == "all")
        if finetune == "tail":
            for module in self.tail_modules():
                module.requires_grad_(True)

    def train_for(self, finetune: str, mode: bool = True) -> None:
        """Train/eval mode per fine-tuning mode: frozen parts stay in eval (no BatchNorm statistics drift)."""
        self.train(mode and finetune == "all")
        if mode and finetune == "tail":
            for module in self.tail_modules():
                module.train()


class MultiViewTokens(TokenEncoder):
    """MultiViewMatching's backbone + cross-view transformer on one view (as its `encode`); tail = last block."""

    def __init__(self, model: Any) -> None:
        super().__init__()
        self.backbone = model.backbone
        self.transformer = model.transformer
        self.out_dim = int(model.hparams["width"])

    def _angles(self, tokens: int, device: torch.device) -> torch.Tensor:
        from xraymatch.models.crossview import grid_positions, rope_angles

        side = math.isqrt(tokens)
        if side * side != tokens:
            raise InputError(f"multiview tower: {tokens} tokens per view do not form a square grid; use square images")
        transformer = self.transformer
        return rope_angles(grid_positions(side, side, device), transformer.head_dim, transformer.rope_base)

    def stem(self, images: torch.Tensor) -> torch.Tensor:
        maps = self.backbone(images)  # (B, width, g, g)
        tokens = maps.flatten(2).transpose(1, 2) + self.transformer.view_embed[0]
        angles = self._angles(tokens.shape[1], tokens.device)
        for block in self.transformer.blocks[:-1]:
            tokens = block(tokens, angles)
        return tokens

    def tail(self, hidden: torch.Tensor) -> torch.Tensor:
        transformer = self.transformer
        tokens = transformer.blocks[-1](hidden, self._angles(hidden.shape[1], hidden.device))
        return F.normalize(transformer.out(transformer.norm(tokens)), dim=-1)

    def tail_modules(self) -> list[nn.Module]:
        return [self.transformer.blocks[-1], self.transformer.norm, self.transformer.out]


class AnatomicalTokens(TokenEncoder):
    """SAM's FPN fine embeddings (stride 2 or 4), one token per fine cell; tail = the fine head's last conv.

    Only the fine map is used: a synthetic fracture is a gap of a pixel or two, below the coarse map's stride 16."""

    def __init__(self, model: Any) -> None:
        super().__init__()
        self.fpn = model.fpn
        self.out_dim = int(model.hparams["dim"])

    def stem(self, images: torch.Tensor) -> torch.Tensor:
        fpn = self.fpn
        levels = [lateral(f) for lateral, f in zip(fpn.lateral, fpn.body(images), strict=True)]
        merged = levels[-1]
        for level in reversed(levels[:-1]):
            merged = level + F.interpolate(merged, size=level.shape[-2:], mode="bilinear", align_corners=False)
        return fpn.fine_head[:-1](merged)

    def tail(self, hidden: torch.Tensor) -> torch.Tensor:
        fine = F.normalize(self.fpn.fine_head[-1](hidden), dim=1)
        return fine.flatten(2).transpose(1, 2)

    def tail_modules(self) -> list[nn.Module]:
        return [self.fpn.fine_head[-1]]


class AFiReTokens(TokenEncoder):
    """AFiRe's EMA-teacher ViT patch tokens (as its `encode`); tail = the last transformer block and the final norm."""

    def __init__(self, model: Any) -> None:
        super().__init__()
        self.vit = model.teacher.backbone
        self.out_dim = int(model.embed_dim)

    def stem(self, images: torch.Tensor) -> torch.Tensor:
        vit = self.vit
        x = vit.norm_pre(vit.patch_drop(vit._pos_embed(vit.patch_embed(images))))
        return vit.blocks[:-1](x)

    def tail(self, hidden: torch.Tensor) -> torch.Tensor:
        vit = self.vit
        return vit.norm(vit.blocks[-1](hidden))[:, vit.num_prefix_tokens :]

    def tail_modules(self) -> list[nn.Module]:
        return [self.vit.blocks[-1], self.vit.norm]


TOWERS: dict[str, type[TokenEncoder]] = {"multiview": MultiViewTokens, "sam": AnatomicalTokens, "afire": AFiReTokens}


def token_encoder(encoder: str, model: Any, user: str = "fracture") -> TokenEncoder:
    """The image tower of a built objective model (weights shared with it); `user` names the params section."""
    if encoder not in TOWERS:
        raise ConfigError(f"{user} encoder={encoder!r}: choose one of {', '.join(ENCODERS)}")
    return TOWERS[encoder](model)


def json_hparams(model: Any) -> dict[str, Any]:
    """A model's saved constructor arguments as plain JSON values (what a bundle stores)."""
    return json.loads(json.dumps(dict(model.hparams), default=str))


def encoder_source(
    encoder: str,
    encoder_hparams: dict[str, Any],
    init_from: str | None,
    image_size: int | None,
    user: str = "fracture",
    keys: tuple[str, str] = ("init_from", "encoder_hparams"),
) -> tuple[Any, dict[str, Any]]:
    """Build the encoder's objective model (from `init_from`'s checkpoint when given); returns it and the complete
    hyper-parameters that rebuild it. Disagreements (checkpoint vs params, image size vs cache) are ConfigErrors.
    `user` is the objective whose params section (train.objectives.<user>) holds the two `keys` named in errors."""
    from xraymatch.training.guards import checkpoint_objective

    model_class: Any = get_model_class(encoder)
    if init_from:
        path = Path(init_from)
        if not path.exists():
            raise InputError(
                f"{path}: no checkpoint to start the {user} model's {encoder} encoder from; run `xraymatch train "
                f"--objective {encoder}` first or set train.objectives.{user}.{keys[0]}: null"
            )
        found = checkpoint_objective(str(path))
        if found != encoder:
            raise InputError(f"{path}: checkpoint of objective '{found}', not of the encoder '{encoder}'")
        model = model_class.load_from_checkpoint(str(path), map_location="cpu")
        stored = json_hparams(model)
        for key, value in encoder_hparams.items():
            if stored.get(key, value) != value:
                raise ConfigError(
                    f"{user}.{keys[1]}.{key}={value!r} but {path} was trained with {stored[key]!r}; drop it"
                )
        hparams = stored
    else:
        hparams = dict(encoder_hparams)
        if image_size is not None and "image_size" in inspect.signature(model_class).parameters:
            hparams.setdefault("image_size", image_size)
        model = model_class(**hparams)
    if image_size is not None and hparams.get("image_size", image_size) != image_size:
        raise ConfigError(
            f"{user}: the {encoder} encoder takes image_size={hparams['image_size']} but the cache at hand has "
            f"image_size={image_size}; start from a model trained on this cache"
        )
    return model, hparams
