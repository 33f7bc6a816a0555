"""Vision-language alignment of DRR samples with their French reports (Englebert et al., REFERENCES.md section 4).

Image side: each view becomes tokens, either from the shared timm CNN (`image_encoder: cnn`, `CNNTokens`, 1-channel,
from scratch) or from a pretrained objective's tower (`image_encoder: multiview | sam | afire`, objectives/towers.py,
its weights copied from `init_image_from` at construction and fine-tuned per `image_finetune`, as the fracture
classifier does); tokens are mean-pooled per view, then the views are fused and linearly projected. `fusion: mean`
averages the views (blind to their order); `fusion: concat` concatenates them in order (`views` of them), because a
report names its views in order ("Incidence 1 : OPG ..., Incidence 2 : de face") and an average cannot tell "OPG then
AP" from "AP then OPG".
Text side: a small transformer over the corpus tokenizer's subwords (`models/text.py`), its pooled output linearly
projected.
Both embeddings are L2-normalised into one space and trained with the CLIP loss (symmetric InfoNCE, learnable
temperature initialised at 0.07 and clamped to a logit scale of at most `max_logit_scale`) or, with `loss: siglip`,
the SigLIP pairwise sigmoid loss with an additional learnable bias (init -10).

Generated reports of different samples can be word-for-word identical (same views, region and no fracture): such
pairs are all positives of each other (same token ids), so the loss never pushes a text away from its own duplicate.
With `content_weight` > 0 the reports of a batch that state the same region, views and fracture status
(`paired.content_key`, batch key `content`) are soft positives of weight `content_weight` (1 for the paired report;
before the region was in the key, a skull report was a full positive of a chest image with the same views): two such
reports differ only by phrasing, angles and slab details that the images barely show, and plain InfoNCE would push
them apart as negatives. `temperature_lr` (default: `lr`) lets the logit scale move: at lr 5e-4 Adam moves it by at
most ~0.24 in 480 steps, so it stayed at its initial value.
"""

from __future__ import annotations

import math
from typing import Any

import lightning as L
import torch
import torch.nn.functional as F
from torch import nn

from xraymatch.errors import ConfigError
from xraymatch.models.backbones import CNNTokens
from xraymatch.models.registry import register_model
from xraymatch.models.text import TextTransformer
from xraymatch.objectives.towers import ENCODERS, FINETUNE, TokenEncoder, encoder_source, token_encoder

LOSSES = ("clip", "siglip")
FUSIONS = ("mean", "concat")

# Hyper-parameters of the tests and the tiny profile: a step takes a fraction of a second at 32x32.
TINY: dict[str, Any] = {
    "backbone": "resnet10t",
    "image_width": 32,
    "image_stride": 8,
    "embed_dim": 16,
    "text_width": 32,
    "text_depth": 1,
    "text_heads": 2,
    "max_length": 24,
}


def same_text(ids: torch.Tensor) -> torch.Tensor:
    """(B, L) token ids -> (B, B) bool: True where two rows are identical texts (the diagonal included)."""
    return (ids[:, None, :] == ids[None, :, :]).all(dim=-1)


def same_content(content: list[str] | None, size: int, device: torch.device | None = None) -> torch.Tensor:
    """(B,) content keys (None or "" for unknown) -> (B, B) bool: True where two known keys are equal (diagonal off
    unless known). No keys at all: all False."""
    if not content:
        return torch.zeros(size, size, dtype=torch.bool, device=device)
    codes = {key: i for i, key in enumerate(sorted({k for k in content if k}))}
    ids = torch.tensor([codes[k] if k else -1 - i for i, k in enumerate(content)], device=device)
    return ids[:, None] == ids[None, :]


def soft_positives(exact: torch.Tensor, content: torch.Tensor, weight: float) -> torch.Tensor:
    """Target weights (B, B): 1 for exact positives (identical text), `weight` for other same-content pairs, else 0."""
    out = exact.float()
    if weight > 0:
        out = out + weight * (content & ~exact).float()
    return out


def clip_loss(
    image: torch.Tensor, text: torch.Tensor, logit_scale: torch.Tensor, positives: torch.Tensor | None = None
) -> torch.Tensor:
    """Symmetric InfoNCE of L2-normalised embeddings image (B, D) and text (B, D) at logit scale exp(ln 1/T).

    positives (B, B) marks matching pairs (default: the diagonal), bool or non-negative weights; each row's target is
    its positives' weights normalised to sum 1.
    """
    logits = logit_scale * image @ text.T
    target = torch.eye(len(image), device=image.device) if positives is None else positives.to(logits.dtype)
    target = target / target.sum(dim=1, keepdim=True)
    target_t = target.T / target.T.sum(dim=1, keepdim=True)
    i2t = -(target * F.log_softmax(logits, dim=1)).sum(dim=1).mean()
    t2i = -(target_t * F.log_softmax(logits.T, dim=1)).sum(dim=1).mean()
    return (i2t + t2i) / 2


def siglip_loss(
    image: torch.Tensor,
    text: torch.Tensor,
    logit_scale: torch.Tensor,
    bias: torch.Tensor,
    positives: torch.Tensor | None = None,
) -> torch.Tensor:
    """SigLIP: every (image, text) pair is a binary problem, label +1 for positives and -1 otherwise, logit
    scale * cos + bias; summed over pairs and divided by the batch size (as the paper). Weighted positives
    (soft targets, see `soft_positives`) count as positives with their weight and as negatives with 1 - weight."""
    logits = logit_scale * image @ text.T + bias
    eye = torch.eye(len(image), device=image.device)
    target = eye if positives is None else positives.to(logits.dtype).clamp(0.0, 1.0)
    loss = target * F.logsigmoid(logits) + (1 - target) * F.logsigmoid(-logits)
    return -loss.sum() / len(image)


@register_model("vl")
class VisionLanguage(L.LightningModule):
    """Image and text encoders projected to `embed_dim` and aligned by a contrastive loss.

    `vocab_size`, `pad_id` and `max_length` come from the trained tokenizer and params `vl.max_length` (the training
    harness passes them); `image_size` is the cache's (checked against the backbone stride).
    """

    def __init__(
        self,
        vocab_size: int = 2000,
        pad_id: int = 0,
        max_length: int = 160,
        backbone: str = "resnet10t",
        image_width: int = 256,
        image_stride: int = 16,
        image_size: int = 128,
        embed_dim: int = 128,
        text_width: int = 128,
        text_depth: int = 2,
        text_heads: int = 4,
        text_mlp_ratio: float = 2.0,
        text_pooling: str = "cls",
        dropout: float = 0.0,
        loss: str = "clip",
        temperature_init: float = 0.07,
        max_logit_scale: float = 100.0,
        bias_init: float = -10.0,
        lr: float = 5e-4,
        weight_decay: float = 0.01,
        epochs: int | None = None,
        fusion: str = "mean",
        views: int = 2,
        content_weight: float = 0.0,
        temperature_lr: float | None = None,
        image_encoder: str = "cnn",
        image_encoder_hparams: dict[str, Any] | None = None,
        init_image_from: str | None = None,
        image_finetune: str = "all",
        image_lr_scale: float = 1.0,
    ) -> None:
        super().__init__()
        if loss not in LOSSES:
            raise ConfigError(f"vl loss={loss!r}: choose one of {', '.join(LOSSES)}")
        if fusion not in FUSIONS:
            raise ConfigError(f"vl fusion={fusion!r}: choose one of {', '.join(FUSIONS)}")
        if views < 1:
            raise ConfigError(f"vl views={views}: give the number of views per sample (the cache's, e.g. 2)")
        if not 0.0 <= content_weight <= 1.0:
            raise ConfigError(f"vl content_weight={content_weight}: choose a value in [0, 1] (0: exact positives only)")
        if image_size % image_stride:
            raise ConfigError(f"vl image_size={image_size} is not a multiple of image_stride={image_stride}")
        if not 0 < temperature_init < 1:
            raise ConfigError(f"vl temperature_init={temperature_init}: choose a value in (0, 1), e.g. 0.07")
        if image_encoder not in ("cnn", *ENCODERS):
            raise ConfigError(f"vl image_encoder={image_encoder!r}: choose one of cnn, {', '.join(ENCODERS)}")
        if image_finetune not in FINETUNE:
            raise ConfigError(f"vl image_finetune={image_finetune!r}: choose one of {', '.join(FINETUNE)}")
        if init_image_from and image_encoder == "cnn":
            raise ConfigError("vl init_image_from needs image_encoder multiview, sam or afire (cnn is from scratch)")
        self.save_hyperparameters(ignore=["init_image_from"])  # a rebuild takes the tower's weights from the state dict
        self.image_tower: TokenEncoder | None = None
        if image_encoder == "cnn":
            self.image_encoder = CNNTokens(backbone, out_dim=image_width, stride=image_stride)
        else:
            source, resolved = encoder_source(
                image_encoder,
                dict(image_encoder_hparams or {}),
                init_image_from,
                image_size,
                user="vl",
                keys=("init_image_from", "image_encoder_hparams"),
            )
            self.hparams["image_encoder_hparams"] = resolved
            self.image_tower = token_encoder(image_encoder, source, user="vl")
            image_width = self.image_tower.out_dim
            self._set_trainable()
        self.text_encoder = TextTransformer(
            vocab_size, text_width, text_depth, text_heads, text_mlp_ratio, max_length, dropout, text_pooling, pad_id
        )
        fused = image_width * views if fusion == "concat" else image_width
        self.image_projection = nn.Linear(fused, embed_dim, bias=False)
        self.text_projection = nn.Linear(text_width, embed_dim, bias=False)
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1.0 / temperature_init)))
        self.bias = nn.Parameter(torch.tensor(float(bias_init))) if loss == "siglip" else None
        self._val: list[tuple[torch.Tensor, torch.Tensor, torch.Tensor]] = []

    def _set_trainable(self) -> None:
        assert self.image_tower is not None
        self.image_tower.freeze_for(self.hparams["image_finetune"])

    def train(self, mode: bool = True) -> VisionLanguage:
        """Frozen tower parts stay in eval mode (no BatchNorm statistics drift under `image_finetune: tail | none`)."""
        super().train(mode)
        if self.image_tower is not None:
            self.image_tower.train_for(self.hparams["image_finetune"], mode)
        return self

    def encode(self, images: torch.Tensor) -> torch.Tensor:
        """Single-view token map for pictures and frozen probes: images (B, 1, H, W) -> tokens (B, h*w, image_width)."""
        if self.image_tower is not None:
            return self.image_tower(images)
        return self.image_encoder(images).flatten(2).transpose(1, 2)

    def image_features(self, images: torch.Tensor) -> torch.Tensor:
        """Fused multi-view features before projection: images (B, V, 1, H, W) -> (B, image_width) for `mean` fusion,
        (B, V * image_width) in view order for `concat`."""
        per_view = self.encode(images.flatten(0, 1)).mean(dim=1).unflatten(0, images.shape[:2])  # (B, V, C)
        if self.hparams["fusion"] == "mean":
            return per_view.mean(dim=1)
        if images.shape[1] != self.hparams["views"]:
            raise ConfigError(
                f"vl fusion=concat was built for views={self.hparams['views']} but got {images.shape[1]} views; "
                "set train.objectives.vl.views to the cache's views"
            )
        return per_view.flatten(1)

    def encode_image(self, images: torch.Tensor) -> torch.Tensor:
        """images (B, V, 1, H, W) in [0, 1] -> L2-normalised embeddings (B, embed_dim)."""
        return F.normalize(self.image_projection(self.image_features(images)), dim=-1)

    def encode_text(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Token ids (B, L) + mask (B, L) -> L2-normalised embeddings (B, embed_dim)."""
        return F.normalize(self.text_projection(self.text_encoder(ids, mask)), dim=-1)

    def scale(self) -> torch.Tensor:
        """The logit scale exp(ln 1/T), clamped to [1, max_logit_scale] (CLIP's guard against collapse)."""
        return self.logit_scale.clamp(0.0, math.log(self.hparams["max_logit_scale"])).exp()

    def compute_loss(self, image: torch.Tensor, text: torch.Tensor, positives: torch.Tensor | None) -> torch.Tensor:
        if self.hparams["loss"] == "clip":
            return clip_loss(image, text, self.scale(), positives)
        assert self.bias is not None
        return siglip_loss(image, text, self.scale(), self.bias, positives)

    def positives(self, batch: dict[str, Any]) -> torch.Tensor:
        """Loss targets of a batch: identical texts, plus same-content reports at `content_weight`."""
        exact = same_text(batch["text_ids"])
        weight = float(self.hparams["content_weight"])
        if weight <= 0:
            return exact
        return soft_positives(exact, same_content(batch.get("content"), len(exact), exact.device), weight)

    def _step(self, batch: dict[str, Any]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        image = self.encode_image(batch["images"])
        text = self.encode_text(batch["text_ids"], batch["text_mask"])
        return image, text, self.compute_loss(image, text, self.positives(batch))

    def training_step(self, batch: dict[str, Any], batch_idx: int) -> torch.Tensor:
        _, _, loss = self._step(batch)
        size = len(batch["images"])
        self.log("train/loss", loss, on_step=True, on_epoch=True, prog_bar=True, batch_size=size)
        self.log("train/temperature", 1.0 / self.scale().detach(), on_step=False, on_epoch=True, batch_size=size)
        return loss

    def on_validation_epoch_start(self) -> None:
        self._val = []

    def validation_step(self, batch: dict[str, Any], batch_idx: int) -> None:
        image, text, loss = self._step(batch)
        self.log("val/loss", loss, prog_bar=True, batch_size=len(image))
        self._val.append((image.detach().cpu(), text.detach().cpu(), batch["text_ids"].cpu()))

    def on_validation_epoch_end(self) -> None:
        """Retrieval over the whole validation split (not per batch): recall@1 both ways, duplicates counted."""
        from xraymatch.evaluation.vl import recall_at_k

        if not self._val:
            return
        image = torch.cat([v[0] for v in self._val])
        text = torch.cat([v[1] for v in self._val])
        width = max(v[2].shape[1] for v in self._val)
        ids = torch.cat([F.pad(v[2], (0, width - v[2].shape[1])) for v in self._val])
        similarity, positives = (image @ text.T).numpy(), same_text(ids).numpy()
        self.log("val/i2t_recall_at_1", recall_at_k(similarity, positives, 1), prog_bar=True)
        self.log("val/t2i_recall_at_1", recall_at_k(similarity.T, positives.T, 1))
        self._val = []

    def configure_optimizers(self) -> Any:
        """AdamW (no decay on the temperature, bias, norms and embeddings; the temperature and SigLIP bias at
        `temperature_lr`; a pretrained tower's trainable weights at `lr * image_lr_scale`) with a per-epoch cosine
        decay. Frozen tower weights are left out."""
        lr = self.hparams["lr"]
        tower_lr = lr * float(self.hparams.get("image_lr_scale", 1.0))
        groups: dict[tuple[str, bool], list[nn.Parameter]] = {}
        scalars: list[nn.Parameter] = []
        for name, param in self.named_parameters():
            if not param.requires_grad:
                continue
            if name in ("logit_scale", "bias"):
                scalars.append(param)
                continue
            plain = param.ndim < 2 or "position" in name or "token." in name
            groups.setdefault((name.split(".")[0], plain), []).append(param)
        temperature_lr = self.hparams.get("temperature_lr") or lr
        param_groups: list[dict[str, Any]] = [
            {
                "params": params,
                "weight_decay": 0.0 if plain else self.hparams["weight_decay"],
                "lr": tower_lr if owner == "image_tower" else lr,
            }
            for (owner, plain), params in sorted(groups.items())
        ]
        param_groups.append({"params": scalars, "weight_decay": 0.0, "lr": temperature_lr})
        optimizer = torch.optim.AdamW(param_groups, lr=lr)
        epochs = self.hparams["epochs"] or self.trainer.max_epochs or 1
        scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=max(1, int(epochs)))
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "epoch"}}
