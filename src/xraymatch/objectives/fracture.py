"""Downstream task: multi-view synthetic-fracture classification, fine-tuned from a pretrained image encoder.

The encoder is one objective's image tower (`encoder: multiview | sam | afire`), rebuilt by name from
`encoder_hparams`, so `create_model("fracture", **hparams)` plus the state dict reproduces a trained classifier
exactly (what `registry.bundle.load_bundle` does). `init_from` (a trained objective's Lightning checkpoint) copies
its encoder weights and hyper-parameters at construction; it is not a saved hyper-parameter, since a rebuild takes its
weights from the state dict. Each view becomes tokens; a fusion head pools them per view (attention and max: a
fracture is a small local change) and across views (mean and max: any number of views). Fine-tuning trains the head
at `lr` and the encoder at `lr * encoder_lr_scale`: all of it (`finetune: all`), its last block only (`tail`, the rest
frozen, which also lets evaluation cache the frozen part) or none of it (`none`, a probe).
"""

from __future__ import annotations

import inspect
import json
import math
from pathlib import Path
from typing import Any

import lightning as L
import torch
import torch.nn.functional as F
from torch import nn

from xraymatch.errors import ConfigError, InputError
from xraymatch.models.registry import get_model_class, register_model

ENCODERS = ("multiview", "sam", "afire")
FINETUNE = ("all", "tail", "none")

# Hyper-parameters of the tests and the tiny profile (a tiny multiview tower, no checkpoint).
TINY: dict[str, Any] = {
    "encoder": "multiview",
    "encoder_hparams": {"backbone": "resnet10t", "width": 32, "depth": 1, "heads": 2, "mlp_ratio": 2.0},
    "hidden": 16,
}


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
            raise InputError(f"fracture: {tokens} tokens per view do not form a square grid; use square images")
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


def token_encoder(encoder: str, model: Any) -> TokenEncoder:
    """The image tower of a built objective model (weights shared with it)."""
    if encoder not in TOWERS:
        raise ConfigError(f"fracture encoder={encoder!r}: choose one of {', '.join(ENCODERS)}")
    return TOWERS[encoder](model)


def json_hparams(model: Any) -> dict[str, Any]:
    """A model's saved constructor arguments as plain JSON values (what a bundle stores)."""
    return json.loads(json.dumps(dict(model.hparams), default=str))


def encoder_source(
    encoder: str, encoder_hparams: dict[str, Any], init_from: str | None, image_size: int | None
) -> tuple[Any, dict[str, Any]]:
    """Build the encoder's objective model (from `init_from`'s checkpoint when given); returns it and the complete
    hyper-parameters that rebuild it. Disagreements (checkpoint vs params, image size vs cache) are ConfigErrors."""
    from xraymatch.training.guards import checkpoint_objective

    model_class: Any = get_model_class(encoder)
    if init_from:
        path = Path(init_from)
        if not path.exists():
            raise InputError(
                f"{path}: no checkpoint to start the fracture classifier from; run `xraymatch train --objective "
                f"{encoder}` first or set train.objectives.fracture.init_from: null"
            )
        found = checkpoint_objective(str(path))
        if found != encoder:
            raise InputError(f"{path}: checkpoint of objective '{found}', not of the encoder '{encoder}'")
        model = model_class.load_from_checkpoint(str(path), map_location="cpu")
        stored = json_hparams(model)
        for key, value in encoder_hparams.items():
            if stored.get(key, value) != value:
                raise ConfigError(
                    f"fracture.encoder_hparams.{key}={value!r} but {path} was trained with {stored[key]!r}; drop it"
                )
        hparams = stored
    else:
        hparams = dict(encoder_hparams)
        if image_size is not None and "image_size" in inspect.signature(model_class).parameters:
            hparams.setdefault("image_size", image_size)
        model = model_class(**hparams)
    if image_size is not None and hparams.get("image_size", image_size) != image_size:
        raise ConfigError(
            f"fracture: the {encoder} encoder takes image_size={hparams['image_size']} but the cache at hand has "
            f"image_size={image_size}; start from a model trained on this cache"
        )
    return model, hparams


class FusionHead(nn.Module):
    """Tokens of every view (B, V, N, D) -> fracture logit (B,).

    Tokens are normalised and projected to `hidden`; each view is pooled by attention and by max (a fracture touches a
    few tokens), views are fused by mean and max, so any number of views is accepted; a small MLP gives the logit.
    """

    def __init__(self, in_dim: int, hidden: int = 64, dropout: float = 0.1) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(in_dim)
        self.proj = nn.Linear(in_dim, hidden)
        self.score = nn.Linear(hidden, 1)
        self.mlp = nn.Sequential(
            nn.LayerNorm(4 * hidden),
            nn.Dropout(dropout),
            nn.Linear(4 * hidden, hidden),
            nn.GELU(),
            nn.Linear(hidden, 1),
        )

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        h = F.gelu(self.proj(self.norm(tokens)))  # (B, V, N, hidden)
        attended = (self.score(h).softmax(dim=2) * h).sum(dim=2)
        per_view = torch.cat([attended, h.amax(dim=2)], dim=-1)  # (B, V, 2 hidden)
        fused = torch.cat([per_view.mean(dim=1), per_view.amax(dim=1)], dim=-1)  # (B, 4 hidden)
        return self.mlp(fused).squeeze(-1)


def balanced_bce(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy where each class present in the batch weighs half, whatever its count."""
    labels = labels.float()
    positive = labels.mean()
    if 0 < float(positive) < 1:
        weights = torch.where(labels > 0.5, 0.5 / positive, 0.5 / (1 - positive))
    else:
        weights = torch.ones_like(labels)
    return F.binary_cross_entropy_with_logits(logits, labels, weight=weights)


@register_model("fracture")
class FractureClassifier(L.LightningModule):
    """Multi-view fracture classifier: images (B, V, 1, H, W) in [0, 1] -> logits (B,); label batch["fracture"]."""

    def __init__(
        self,
        encoder: str = "multiview",
        encoder_hparams: dict[str, Any] | None = None,
        init_from: str | None = None,
        image_size: int | None = None,
        hidden: int = 64,
        dropout: float = 0.1,
        finetune: str = "all",
        lr: float = 1e-3,
        encoder_lr_scale: float = 0.1,
        weight_decay: float = 1e-4,
        epochs: int | None = None,
    ) -> None:
        super().__init__()
        if encoder not in ENCODERS:
            raise ConfigError(f"fracture encoder={encoder!r}: choose one of {', '.join(ENCODERS)}")
        if finetune not in FINETUNE:
            raise ConfigError(f"fracture finetune={finetune!r}: choose one of {', '.join(FINETUNE)}")
        source, encoder_hparams = encoder_source(encoder, dict(encoder_hparams or {}), init_from, image_size)
        self.save_hyperparameters(ignore=["init_from"])  # saved after resolution: rebuilds need no checkpoint
        self.init_from = init_from
        self.encoder = token_encoder(encoder, source)
        self.head = FusionHead(self.encoder.out_dim, hidden, dropout)
        self._set_trainable()
        self._validation: list[tuple[torch.Tensor, torch.Tensor]] = []

    def _set_trainable(self) -> None:
        mode = self.hparams["finetune"]
        self.encoder.requires_grad_(mode == "all")
        if mode == "tail":
            for module in self.encoder.tail_modules():
                module.requires_grad_(True)

    def train(self, mode: bool = True) -> FractureClassifier:
        """Frozen encoder parts stay in eval mode (no BatchNorm statistics drift under `finetune: tail | none`)."""
        super().train(mode)
        if mode and self.hparams["finetune"] != "all":
            self.encoder.eval()
            if self.hparams["finetune"] == "tail":
                for module in self.encoder.tail_modules():
                    module.train()
        return self

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        """Single-view tokens: images (B, 1, H, W) -> (B, N, D) (for figures and feature inspection)."""
        return self.encoder(images)

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        if images.ndim != 5 or images.shape[2] != 1:
            raise InputError(f"fracture: images of shape {tuple(images.shape)}, expected (B, V, 1, H, W)")
        return self.logits_from_stem(self.encoder.stem(images.flatten(0, 1)).unflatten(0, images.shape[:2]))

    def logits_from_stem(self, hidden: torch.Tensor) -> torch.Tensor:
        """Logits (B,) from the encoder stem's output of every view (B, V, ...): the cached fine-tuning path."""
        tokens = self.encoder.tail(hidden.flatten(0, 1))
        return self.head(tokens.unflatten(0, hidden.shape[:2]))

    def predict_proba(self, images: torch.Tensor) -> torch.Tensor:
        """Fracture probability (B,) of images (B, V, 1, H, W)."""
        return torch.sigmoid(self(images))

    def training_step(self, batch: dict[str, Any], batch_idx: int) -> torch.Tensor:
        loss = balanced_bce(self(batch["images"]), batch["fracture"])
        self.log("train/loss", loss, on_step=True, on_epoch=True, prog_bar=True, batch_size=len(batch["images"]))
        return loss

    def validation_step(self, batch: dict[str, Any], batch_idx: int) -> None:
        logits = self(batch["images"])
        self.log("val/loss", balanced_bce(logits, batch["fracture"]), prog_bar=True, batch_size=len(logits))
        self._validation.append((torch.sigmoid(logits).detach().cpu(), batch["fracture"].detach().cpu()))

    def on_validation_epoch_end(self) -> None:
        """Epoch-level AUROC and accuracy at 0.5 over every validation sample (AUROC needs both classes)."""
        from xraymatch.evaluation.metrics import binary_scores

        if not self._validation:
            return
        probs, labels = (torch.cat(parts).numpy() for parts in zip(*self._validation, strict=True))
        self._validation.clear()
        scores = binary_scores(labels, probs)
        self.log("val/accuracy", scores["accuracy"], prog_bar=True)
        if math.isfinite(scores["auroc"]):
            self.log("val/auroc", scores["auroc"], prog_bar=True)

    def configure_optimizers(self) -> Any:
        """AdamW: the head at `lr`, trainable encoder weights at `lr * encoder_lr_scale`; cosine decay per epoch."""
        hp = self.hparams
        groups = [{"params": list(self.head.parameters()), "lr": hp["lr"]}]
        tuned = [p for p in self.encoder.parameters() if p.requires_grad]
        if tuned:
            groups.append({"params": tuned, "lr": hp["lr"] * hp["encoder_lr_scale"]})
        optimizer = torch.optim.AdamW(groups, weight_decay=hp["weight_decay"])
        epochs = hp["epochs"] or self.trainer.max_epochs or 1
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, int(epochs)))
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "epoch"}}


def classifier_from_model(encoder: str, model: Any, **head: Any) -> FractureClassifier:
    """A classifier whose encoder starts from an in-memory objective model (evaluation: trained or random-init)."""
    classifier = FractureClassifier(encoder=encoder, encoder_hparams=json_hparams(model), **head)
    classifier.encoder.load_state_dict(token_encoder(encoder, model).state_dict())
    return classifier
