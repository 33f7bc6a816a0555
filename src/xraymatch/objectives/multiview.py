"""Self-supervised multi-view X-ray matching (Dabboussi et al., 2025): predict the patch-correspondence matrix of two
DRR views of one CT from their pixels alone.

A timm CNN cut at the patch stride gives a token grid per view; the cross-view transformer attends jointly over both
views; the predicted matrix is the squared cosine similarity of the two views' tokens, trained against the target
matrix with MSE (the paper's loss) or a soft-target InfoNCE.
"""

from __future__ import annotations

from typing import Any

import lightning as L
import torch
import torch.nn.functional as F

from xraymatch.errors import ConfigError
from xraymatch.models.backbones import CNNTokens
from xraymatch.models.crossview import CrossViewTransformer, similarity_matrix
from xraymatch.models.registry import register_model

LOSSES = ("mse", "infonce")

# Hyper-parameters of the tests and the tiny profile: a model that trains in well under a second per step at 32x32.
TINY: dict[str, Any] = {"backbone": "resnet10t", "width": 32, "depth": 1, "heads": 2, "mlp_ratio": 2.0}


def soft_info_nce(pred: torch.Tensor, target: torch.Tensor, temperature: float) -> torch.Tensor:
    """Many-to-many InfoNCE: every row (and column) of pred (B, P, Q) is a softmax over the other view's patches at
    `temperature`, matched by cross-entropy to that row of target (B, P, Q) normalised to sum 1. Rows without any
    correspondence are left out; rows and columns are averaged (symmetric)."""
    losses = []
    for logits, weights in ((pred, target), (pred.transpose(1, 2), target.transpose(1, 2))):
        mass = weights.sum(-1)
        valid = mass > 0
        if not valid.any():
            continue
        log_prob = F.log_softmax(logits / temperature, dim=-1)
        row_loss = -(weights / mass.clamp_min(1e-12).unsqueeze(-1) * log_prob).sum(-1)
        losses.append(row_loss[valid].mean())
    return torch.stack(losses).mean() if losses else pred.sum() * 0.0


def average_precision(scores: torch.Tensor, positives: torch.Tensor) -> torch.Tensor:
    """Average precision of flat scores (N,) against boolean labels (N,); NaN when there is no positive."""
    order = scores.argsort(descending=True)
    hits = positives[order].float()
    precision_at_k = hits.cumsum(0) / torch.arange(1, hits.numel() + 1, device=hits.device)
    return (precision_at_k * hits).sum() / hits.sum()


@register_model("multiview")
class MultiViewMatching(L.LightningModule):
    """Backbone + cross-view transformer trained to predict the view-0/view-1 patch-correspondence matrix.

    `image_size` / `grid` fix the backbone stride (image_size / grid pixels per patch; 16 by default).
    """

    def __init__(
        self,
        backbone: str = "resnet18",
        width: int = 256,
        depth: int = 4,
        heads: int = 4,
        mlp_ratio: float = 2.0,
        rope_base: float = 100.0,
        image_size: int = 128,
        grid: int = 8,
        loss: str = "mse",
        temperature: float = 0.1,
        lr: float = 1e-4,
        weight_decay: float = 0.0,
        epochs: int | None = None,
        match_threshold: float = 0.2,
    ) -> None:
        super().__init__()
        if loss not in LOSSES:
            raise ConfigError(f"multiview loss={loss!r}: choose one of {', '.join(LOSSES)}")
        if image_size % grid:
            raise ConfigError(f"multiview image_size={image_size} is not a multiple of grid={grid}")
        self.save_hyperparameters()
        self.backbone = CNNTokens(backbone, out_dim=width, stride=image_size // grid)
        self.transformer = CrossViewTransformer(width, depth, heads, mlp_ratio, max_views=2, rope_base=rope_base)

    def encode_views(self, images: torch.Tensor) -> torch.Tensor:
        """Jointly encoded views: images (B, V, 1, H, W), V <= 2 -> L2-normalised tokens (B, V, P, width)."""
        maps = self.backbone(images.flatten(0, 1))  # (B*V, width, G, G)
        return self.transformer(maps.unflatten(0, images.shape[:2]))

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        """Single-view tokens for downstream use: images (B, 1, H, W) -> (B, P, width), L2-normalised."""
        return self.encode_views(images.unsqueeze(1))[:, 0]

    def predict_matrix(self, batch: dict[str, Any]) -> torch.Tensor:
        """Predicted correspondence of views 0 and 1 of batch["images"] (B, V, 1, H, W): (B, P, P) in [0, 1]."""
        tokens = self.encode_views(batch["images"][:, :2])
        return similarity_matrix(tokens[:, 0], tokens[:, 1])

    def compute_loss(self, pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        """The configured loss between predicted and target matrices (B, P, P)."""
        if self.hparams["loss"] == "mse":
            return F.mse_loss(pred, target)
        return soft_info_nce(pred, target, self.hparams["temperature"])

    def training_step(self, batch: dict[str, Any], batch_idx: int) -> torch.Tensor:
        loss = self.compute_loss(self.predict_matrix(batch), batch["correspondence"])
        self.log("train/loss", loss, on_step=True, on_epoch=True, prog_bar=True, batch_size=len(batch["images"]))
        return loss

    def validation_step(self, batch: dict[str, Any], batch_idx: int) -> None:
        pred, target = self.predict_matrix(batch), batch["correspondence"]
        size = len(pred)
        threshold = self.hparams["match_threshold"]
        predicted, actual = pred > threshold, target > threshold
        hits = (predicted & actual).sum().float()
        self.log("val/loss", self.compute_loss(pred, target), prog_bar=True, batch_size=size)
        self.log("val/precision", hits / predicted.sum().clamp_min(1), batch_size=size)
        self.log("val/recall", hits / actual.sum().clamp_min(1), batch_size=size)
        if actual.any():
            self.log("val/ap", average_precision(pred.flatten(), actual.flatten()), prog_bar=True, batch_size=size)

    def configure_optimizers(self) -> Any:
        """Adam with a per-epoch cosine decay over `epochs` (default: the Trainer's max_epochs)."""
        optimizer = torch.optim.Adam(
            self.parameters(), lr=self.hparams["lr"], weight_decay=self.hparams["weight_decay"]
        )
        epochs = self.hparams["epochs"] or self.trainer.max_epochs or 1
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, int(epochs)))
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "epoch"}}
