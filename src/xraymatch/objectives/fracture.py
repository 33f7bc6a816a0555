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

import math
from typing import Any

import lightning as L
import torch
import torch.nn.functional as F
from torch import nn

from xraymatch.errors import ConfigError, InputError
from xraymatch.models.registry import register_model
from xraymatch.objectives.towers import ENCODERS, FINETUNE, encoder_source, json_hparams, token_encoder

# Hyper-parameters of the tests and the tiny profile (a tiny multiview tower, no checkpoint).
TINY: dict[str, Any] = {
    "encoder": "multiview",
    "encoder_hparams": {"backbone": "resnet10t", "width": 32, "depth": 1, "heads": 2, "mlp_ratio": 2.0},
    "hidden": 16,
}


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
        self.encoder.freeze_for(self.hparams["finetune"])

    def train(self, mode: bool = True) -> FractureClassifier:
        """Frozen encoder parts stay in eval mode (no BatchNorm statistics drift under `finetune: tail | none`)."""
        super().train(mode)
        self.encoder.train_for(self.hparams["finetune"], mode)
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
