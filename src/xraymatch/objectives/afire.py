"""AFiRe (Liu et al., AAAI 2025; REFERENCES.md section 3): anatomy-aware token features from synthetic lesions.

A student ViT sees an image with synthetic lesions; its EMA teacher sees the clean image. Two losses:

- token-wise prototype assignment: every token position has its own K prototypes; the teacher's per-position scores,
  centred and equipartitioned over the batch by Sinkhorn-Knopp, are the targets of the student's softmax, but only at
  tokens no lesion touches (there the clean and lesioned patches are identical, so the student must learn to ignore
  the lesions elsewhere);
- restoration: the student's tokens that a lesion touches are replaced by a learned mask token and a light decoder
  predicts the clean image's patches (MSE over all patches, so the loss is defined even when a lesion covers nothing
  and the decoder must both keep the clean tokens and restore the masked ones: AFiRe reconstructs the whole image).

Views are independent images, and no crops or affine augmentation are used: the fixed position of each token is what
ties a position's prototypes to the anatomy found there.
"""

from __future__ import annotations

import copy
import math
from functools import partial
from typing import Any

import lightning as L
import numpy as np
import timm
import torch
import torch.nn.functional as F
from timm.models.vision_transformer import Block, VisionTransformer
from torch import nn

from xraymatch.errors import ConfigError, InputError
from xraymatch.models.registry import register_model
from xraymatch.objectives.sinkhorn import sinkhorn_knopp
from xraymatch.targets.lesions import LesionConfig, synthesise_lesions


def patchify(images: torch.Tensor, patch: int) -> torch.Tensor:
    """Images (B, C, H, W) -> patches (B, N, patch * patch * C), tokens in the ViT's row-major order."""
    batch, channels, height, width = images.shape
    grid_h, grid_w = height // patch, width // patch
    patches = images.reshape(batch, channels, grid_h, patch, grid_w, patch).permute(0, 2, 4, 3, 5, 1)
    return patches.reshape(batch, grid_h * grid_w, patch * patch * channels)


def token_coverage(mask: torch.Tensor, patch: int) -> torch.Tensor:
    """Lesion mask (B, H, W) or (B, 1, H, W) -> covered (B, N) bool: the token's patch has any non-zero pixel."""
    mask = mask.reshape(mask.shape[0], -1, *mask.shape[-2:])
    return patchify(mask, patch).ne(0).any(dim=-1)


def token_labels(anatomy: torch.Tensor, patch: int) -> torch.Tensor:
    """Anatomy label map (B, H, W) int -> (B, N) int64 majority label of each token's patch (ties: smallest label),
    to evaluate token features against anatomy (linear probes, cluster purity)."""
    if anatomy.numel() and int(anatomy.min()) < 0:
        raise InputError(f"anatomy: negative label {int(anatomy.min())}; label ids must be >= 0 (0 = background)")
    patches = patchify(anatomy[:, None].long(), patch)
    counts = torch.zeros(*patches.shape[:2], int(patches.max()) + 1 if patches.numel() else 1, device=patches.device)
    counts.scatter_add_(-1, patches, torch.ones_like(patches, dtype=counts.dtype))
    return counts.argmax(dim=-1)


def token_loss(
    student_logits: torch.Tensor, targets: torch.Tensor, covered: torch.Tensor, temperature: float
) -> torch.Tensor:
    """Cross-entropy -sum_k Q log softmax(S / temperature) per token, averaged over uncovered tokens only.

    student_logits, targets: (B, N, K); covered: (B, N) bool. Zero when every token is covered.
    """
    cross_entropy = -(targets * F.log_softmax(student_logits / temperature, dim=-1)).sum(dim=-1)
    keep = (~covered).to(cross_entropy.dtype)
    return (cross_entropy * keep).sum() / keep.sum().clamp(min=1.0)


def cosine_momentum(step: int, total: int, base: float) -> float:
    """Teacher EMA momentum rising from `base` at step 0 to 1 at step `total` on a half cosine."""
    progress = min(max(step / max(total, 1), 0.0), 1.0)
    return 1.0 - (1.0 - base) * (math.cos(math.pi * progress) + 1.0) / 2.0


def warmup_cosine(step: int, warmup: int, total: int) -> float:
    """Learning-rate factor: linear warm-up over `warmup` steps, then cosine decay to 0 at `total`."""
    if step < warmup:
        return (step + 1) / warmup
    return 0.5 * (1.0 + math.cos(math.pi * min((step - warmup) / max(total - warmup, 1), 1.0)))


class TokenHead(nn.Module):
    """Tokens (B, N, D) -> per-position prototype scores (B, N, K) in [-1, 1].

    A shared MLP (GELU) to an L2-normalised bottleneck, then one weight-normalised linear layer per token position:
    the prototypes are a (N, K, bottleneck) parameter normalised along its last dimension (weight norm with the gain
    fixed to 1, as DINO's `norm_last_layer`), so scores are cosine similarities.
    """

    def __init__(self, in_dim: int, num_tokens: int, prototypes: int, hidden_dim: int, bottleneck_dim: int) -> None:
        super().__init__()
        self.mlp = nn.Sequential(
            nn.Linear(in_dim, hidden_dim),
            nn.GELU(),
            nn.Linear(hidden_dim, hidden_dim),
            nn.GELU(),
            nn.Linear(hidden_dim, bottleneck_dim),
        )
        self.prototypes = nn.Parameter(torch.randn(num_tokens, prototypes, bottleneck_dim) * 0.02)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        embedded = F.normalize(self.mlp(tokens), dim=-1)
        return torch.einsum("bnd,nkd->bnk", embedded, F.normalize(self.prototypes, dim=-1))


class TokenNet(nn.Module):
    """A timm ViT and its token head: images (B, 1, H, W) -> patch tokens (B, N, D) and scores (B, N, K)."""

    def __init__(self, backbone: VisionTransformer, head: TokenHead) -> None:
        super().__init__()
        self.backbone = backbone
        self.head = head

    def tokens(self, images: torch.Tensor) -> torch.Tensor:
        """Patch tokens after the final norm, prefix (class/register) tokens dropped: (B, N, D)."""
        features = self.backbone.forward_features(images)
        return features[:, self.backbone.num_prefix_tokens :]

    def forward(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        tokens = self.tokens(images)
        return tokens, self.head(tokens)


class RestorationDecoder(nn.Module):
    """Student tokens (B, N, D) + covered (B, N) -> predicted clean patches (B, N, patch * patch).

    Tokens are projected to the decoder width, covered ones replaced by a learned mask token, a learned position
    embedding is added, then transformer blocks and a linear pixel predictor (MAE-style).
    """

    def __init__(self, in_dim: int, num_tokens: int, patch: int, dim: int, depth: int, heads: int) -> None:
        super().__init__()
        self.embed = nn.Linear(in_dim, dim)
        self.mask_token = nn.Parameter(torch.randn(1, 1, dim) * 0.02)
        self.pos_embed = nn.Parameter(torch.randn(1, num_tokens, dim) * 0.02)
        self.blocks = nn.Sequential(*[Block(dim, heads, mlp_ratio=4.0) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.predict = nn.Linear(dim, patch * patch)

    def forward(self, tokens: torch.Tensor, covered: torch.Tensor) -> torch.Tensor:
        embedded = self.embed(tokens)
        embedded = torch.where(covered[..., None], self.mask_token.to(embedded.dtype), embedded)
        return self.predict(self.norm(self.blocks(embedded + self.pos_embed)))


@register_model("afire")
class AFiRe(L.LightningModule):
    """AFiRe self-supervised pre-training of a ViT on single views.

    Batch keys used: `images` (B, V, 1, H, W) in [0, 1], flattened to B*V independent images. Lesions are synthesised
    on the fly from a generator seeded by (seed, rank, global step, batch index), so runs and resumes are reproducible.
    `lesions` is a params.yaml-style section for `LesionConfig.from_params`; `backbone_kwargs` are passed to
    `timm.create_model` (e.g. depth, embed_dim, num_heads for a smaller ViT). Scores are cosine similarities, so the
    teacher/student temperatures apply to values in [-1, 1].
    """

    def __init__(
        self,
        image_size: int = 128,
        patch_size: int = 16,
        backbone: str = "vit_tiny_patch16_224",
        backbone_kwargs: dict[str, Any] | None = None,
        head_hidden_dim: int = 512,
        bottleneck_dim: int = 256,
        prototypes: int = 64,
        teacher_temperature: float = 0.05,
        student_temperature: float = 0.1,
        sinkhorn_iterations: int = 3,
        centre_momentum: float = 0.75,
        teacher_momentum: float = 0.996,
        decoder_dim: int = 128,
        decoder_depth: int = 2,
        decoder_heads: int = 4,
        restoration_weight: float = 1.0,
        lr: float = 5e-4,
        weight_decay: float = 0.05,
        warmup_fraction: float = 0.05,
        lesions: dict[str, Any] | None = None,
        seed: int = 0,
    ) -> None:
        super().__init__()
        self.save_hyperparameters()
        if image_size % patch_size:
            raise ConfigError(f"afire.patch_size: {patch_size} must divide image_size {image_size}")
        if not 0 <= warmup_fraction < 1:
            raise ConfigError(f"afire.warmup_fraction: {warmup_fraction:g} must be within [0, 1)")
        self.lesion_config = LesionConfig.from_params(lesions or {}, prefix="afire.lesions")
        vit = timm.create_model(
            backbone,
            pretrained=False,
            in_chans=1,
            img_size=image_size,
            patch_size=patch_size,
            num_classes=0,
            global_pool="",
            **(backbone_kwargs or {}),
        )
        if not isinstance(vit, VisionTransformer):
            raise ConfigError(
                f"afire.backbone: '{backbone}' is not a timm VisionTransformer (e.g. vit_tiny_patch16_224)"
            )
        self.embed_dim = int(vit.embed_dim)
        self.num_tokens = (image_size // patch_size) ** 2
        head = TokenHead(self.embed_dim, self.num_tokens, prototypes, head_hidden_dim, bottleneck_dim)
        self.student = TokenNet(vit, head)
        self.teacher = copy.deepcopy(self.student).requires_grad_(False)
        self.decoder = RestorationDecoder(
            self.embed_dim, self.num_tokens, patch_size, decoder_dim, decoder_depth, decoder_heads
        )
        self.centre: torch.Tensor
        self.register_buffer("centre", torch.zeros(self.num_tokens, prototypes))

    @torch.no_grad()
    def encode(self, images: torch.Tensor) -> torch.Tensor:
        """Clean images (B, 1, H, W) -> patch tokens (B, N, D) from the EMA teacher, whose averaged weights are the
        smoother features (as DINO/iBOT evaluate); at step 0 teacher and student are equal."""
        return self.teacher.tokens(images)

    @torch.no_grad()
    def update_teacher(self, momentum: float) -> None:
        """teacher <- momentum * teacher + (1 - momentum) * student, parameter by parameter."""
        for teacher, student in zip(self.teacher.parameters(), self.student.parameters(), strict=True):
            teacher.lerp_(student.detach(), 1.0 - momentum)

    def losses(self, images: torch.Tensor, rng: np.random.Generator, update_centre: bool) -> dict[str, torch.Tensor]:
        """Clean images (B, 1, H, W) -> {loss, token_loss, restoration_loss, covered_fraction}; lesions drawn from
        `rng`. The per-position centres are updated (after use) only when `update_centre`."""
        hp: Any = self.hparams
        if tuple(images.shape[-3:]) != (1, hp.image_size, hp.image_size):
            raise InputError(f"afire: images of shape {tuple(images.shape)}, expected (B, 1, {hp.image_size}, ...)")
        lesioned, mask = synthesise_lesions(images, rng, self.lesion_config)
        covered = token_coverage(mask, hp.patch_size)
        with torch.no_grad():
            teacher_scores = self.teacher.head(self.teacher.tokens(images))
            centred = (teacher_scores - self.centre) / hp.teacher_temperature
            targets = sinkhorn_knopp(centred.transpose(0, 1), hp.sinkhorn_iterations).transpose(0, 1)
            if update_centre:
                self.centre.lerp_(teacher_scores.mean(dim=0), 1.0 - hp.centre_momentum)
        student_tokens, student_scores = self.student(lesioned)
        token = token_loss(student_scores, targets, covered, hp.student_temperature)
        restored = self.decoder(student_tokens, covered)
        restoration = F.mse_loss(restored, patchify(images, hp.patch_size))
        return {
            "loss": token + hp.restoration_weight * restoration,
            "token_loss": token.detach(),
            "restoration_loss": restoration.detach(),
            "covered_fraction": covered.float().mean(),
        }

    def _log_losses(self, stage: str, losses: dict[str, torch.Tensor], batch_size: int) -> None:
        for name, value in losses.items():
            self.log(f"{stage}/{name}", value, prog_bar=name == "loss", batch_size=batch_size)

    def training_step(self, batch: dict[str, Any], batch_idx: int) -> torch.Tensor:
        images = batch["images"].flatten(0, 1)
        rng = np.random.default_rng([self.hparams["seed"], 0, self.global_rank, self.global_step, batch_idx])
        losses = self.losses(images, rng, update_centre=True)
        self._log_losses("train", losses, images.shape[0])
        return losses["loss"]

    def validation_step(self, batch: dict[str, Any], batch_idx: int) -> torch.Tensor:
        images = batch["images"].flatten(0, 1)
        rng = np.random.default_rng([self.hparams["seed"], 1, self.global_rank, batch_idx])
        losses = self.losses(images, rng, update_centre=False)
        self._log_losses("val", losses, images.shape[0])
        return losses["loss"]

    def on_train_batch_end(self, outputs: Any, batch: Any, batch_idx: int) -> None:
        """EMA update with the momentum of the optimizer step just taken (0-based, so the first uses the base)."""
        step = max(self.global_step - 1, 0)
        momentum = cosine_momentum(step, self._total_steps(), self.hparams["teacher_momentum"])
        self.update_teacher(momentum)
        self.log("train/teacher_momentum", momentum, batch_size=1)

    def _total_steps(self) -> int:
        total = self.trainer.estimated_stepping_batches
        if not math.isfinite(total):
            raise ConfigError("afire: training length unknown; set max_steps or max_epochs for the cosine schedules")
        return max(int(total), 1)

    def configure_optimizers(self) -> Any:
        """AdamW (no decay on biases, norms, position embeddings and tokens) with warm-up + cosine, stepped per
        optimizer step."""
        decay: list[nn.Parameter] = []
        no_decay: list[nn.Parameter] = []
        for name, param in self.named_parameters():
            if not param.requires_grad:
                continue
            flat = param.ndim <= 1 or name.endswith(("pos_embed", "cls_token", "reg_token", "mask_token"))
            (no_decay if flat else decay).append(param)
        optimizer = torch.optim.AdamW(
            [
                {"params": decay, "weight_decay": self.hparams["weight_decay"]},
                {"params": no_decay, "weight_decay": 0.0},
            ],
            lr=self.hparams["lr"],
        )
        total = self._total_steps()
        warmup = int(self.hparams["warmup_fraction"] * total)
        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, partial(warmup_cosine, warmup=warmup, total=total))
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}
