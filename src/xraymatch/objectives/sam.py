"""SAM: self-supervised anatomical embeddings (Yan et al., 2022) learnt from pairs of DRR views of one CT.

Every pixel gets a fine (stride 2 or 4) and a coarse (stride 16) 128-d unit embedding. A 3D point seen in views 0 and 1
(a track) gives an exact positive pair of pixels; a pixel-level InfoNCE pulls them together against hard negatives
(the most similar pixels of the other view away from the positive, randomly thinned) and random ones. At inference a
template point is located in a query image at the argmax of (fine cosine + upsampled coarse cosine) / 2.
"""

from __future__ import annotations

import math
from typing import Any

import lightning as L
import torch
import torch.nn.functional as F

from xraymatch.models.backbones import FPN
from xraymatch.models.registry import register_model

# Hyper-parameters of the tests and the tiny profile.
TINY: dict[str, Any] = {
    "backbone": "resnet10t",
    "dim": 32,
    "fpn_width": 32,
    "n_positives": 16,
    "fine_hard_pool": 32,
    "fine_hard": 8,
    "fine_random": 8,
    "coarse_hard_pool": 4,
    "coarse_hard": 2,
    "coarse_random": 8,
}


def sample_at(emb: torch.Tensor, points: torch.Tensor, image_hw: tuple[int, int]) -> torch.Tensor:
    """Bilinear samples of a map emb (D, h, w) covering an image of image_hw pixels at pixel points (N, 2) as (u, v)
    (pixel (i, j) covers [j, j+1] x [i, i+1]), re-normalised to unit length: (N, D)."""
    height, width = image_hw
    scale = points.new_tensor([2.0 / width, 2.0 / height])
    grid = (points * scale - 1.0).view(1, 1, -1, 2)  # align_corners=False: -1/+1 are the outer edges of the image
    values = F.grid_sample(emb[None], grid.to(emb.dtype), mode="bilinear", padding_mode="border", align_corners=False)
    return F.normalize(values[0, :, 0].T, dim=-1)


def cell_centres(rows: int, cols: int, stride: float, device: torch.device | None = None) -> torch.Tensor:
    """Pixel (u, v) of the centre of every cell of a rows x cols map of the given stride, row-major: (rows*cols, 2)."""
    v, u = torch.meshgrid(torch.arange(rows, device=device), torch.arange(cols, device=device), indexing="ij")
    return torch.stack([u.flatten(), v.flatten()], dim=-1).float().add(0.5).mul(stride)


def coarse_to_fine(sim: torch.Tensor, fine_hw: tuple[int, int]) -> torch.Tensor:
    """Bilinearly upsample coarse similarity maps (N, hc, wc) to the fine grid: (N, hf, wf)."""
    return F.interpolate(sim[:, None], size=fine_hw, mode="bilinear", align_corners=False)[:, 0]


def pixel_info_nce(
    anchors: torch.Tensor,
    positives: torch.Tensor,
    candidates: torch.Tensor,
    candidate_xy: torch.Tensor,
    positive_xy: torch.Tensor,
    mining_sim: torch.Tensor,
    radius: float,
    hard_pool: int,
    n_hard: int,
    n_random: int,
    temperature: float,
    extra_negatives: torch.Tensor | None = None,
) -> torch.Tensor:
    """Per-anchor InfoNCE losses (N,) for anchors (N, D) and their positives (N, D) among candidates (K, D) of the other
    view at pixel positions candidate_xy (K, 2). Candidates within `radius` pixels of the positive (positive_xy (N, 2))
    are never negatives. Hard negatives: `n_hard` drawn at random from the `hard_pool` candidates of highest
    mining_sim (N, K); plus `n_random` random far candidates and every row of extra_negatives (R, D)."""
    with torch.no_grad():
        far = torch.cdist(positive_xy, candidate_xy) > radius  # (N, K)
        pool = mining_sim.masked_fill(~far, -math.inf).topk(min(hard_pool, far.shape[1]), dim=1).indices
        pick = torch.rand(pool.shape, device=pool.device).argsort(dim=1)[:, :n_hard]
        hard = pool.gather(1, pick)
        spread = (
            torch.rand(far.shape, device=far.device).masked_fill(~far, -1.0).topk(min(n_random, far.shape[1])).indices
        )
        index = torch.cat([hard, spread], dim=1)
        valid = far.gather(1, index)
    negatives = torch.einsum("nd,nkd->nk", anchors, candidates[index]).masked_fill(~valid, -math.inf)
    logits = [(anchors * positives).sum(-1, keepdim=True), negatives]
    if extra_negatives is not None and len(extra_negatives):
        logits.append(anchors @ extra_negatives.T)
    target = torch.zeros(len(anchors), dtype=torch.long, device=anchors.device)
    return F.cross_entropy(torch.cat(logits, dim=1) / temperature, target, reduction="none")


@register_model("sam")
class AnatomicalEmbedding(L.LightningModule):
    """ResNet + FPN giving fine and coarse unit embeddings, trained with symmetric pixel InfoNCE on tracks.

    Radii are in image pixels: no candidate closer than `fine_radius` (`coarse_radius`) to the positive is a negative.
    The learning rate warms up linearly for min(warmup_steps, 10% of training) steps, then follows a cosine to 0 over
    `total_steps` (default: the Trainer's estimate).
    """

    def __init__(
        self,
        backbone: str = "resnet18",
        dim: int = 128,
        fpn_width: int = 64,
        fine_stride: int = 2,
        temperature: float = 0.5,
        n_positives: int = 100,
        fine_radius: float = 3.0,
        fine_hard_pool: int = 256,
        fine_hard: int = 64,
        fine_random: int = 64,
        coarse_radius: float = 16.0,
        coarse_hard_pool: int = 16,
        coarse_hard: int = 8,
        coarse_random: int = 64,
        lr: float = 0.02,
        momentum: float = 0.9,
        weight_decay: float = 1e-4,
        warmup_steps: int = 100,
        total_steps: int | None = None,
    ) -> None:
        super().__init__()
        self.save_hyperparameters()
        self.fpn = FPN(backbone, dim=dim, fine_stride=fine_stride, width=fpn_width)

    def embed(self, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Unit embeddings of images (B, 1, H, W): fine (B, dim, H/fine_stride, W/fine_stride) and coarse
        (B, dim, H/16, W/16)."""
        fine, coarse = self.fpn(images)
        return F.normalize(fine, dim=1), F.normalize(coarse, dim=1)

    def similarity_map(
        self,
        template_emb: tuple[torch.Tensor, torch.Tensor],
        template_points: torch.Tensor,
        query_emb: tuple[torch.Tensor, torch.Tensor],
    ) -> torch.Tensor:
        """(fine cosine + upsampled coarse cosine) / 2 of each template point (N, 2) over the query's fine grid:
        (N, hf, wf). Embeddings are one image's (fine (D, hf, wf), coarse (D, hc, wc)), as from `embed(...)[i]`."""
        (t_fine, t_coarse), (q_fine, q_coarse) = template_emb, query_emb
        image_hw = (t_fine.shape[-2] * self.hparams["fine_stride"], t_fine.shape[-1] * self.hparams["fine_stride"])
        fine = torch.einsum("nd,dhw->nhw", sample_at(t_fine, template_points, image_hw), q_fine)
        coarse = torch.einsum("nd,dhw->nhw", sample_at(t_coarse, template_points, image_hw), q_coarse)
        return (fine + coarse_to_fine(coarse, (fine.shape[-2], fine.shape[-1]))) / 2

    def locate(
        self,
        template_emb: tuple[torch.Tensor, torch.Tensor],
        template_points: torch.Tensor,
        query_emb: tuple[torch.Tensor, torch.Tensor],
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Where each template point (N, 2) lies in the query: pixel centres (N, 2) of the best fine cell, and the
        similarity there (N,) as a confidence."""
        sim = self.similarity_map(template_emb, template_points, query_emb)
        confidence, best = sim.flatten(1).max(dim=1)
        centres = cell_centres(sim.shape[-2], sim.shape[-1], self.hparams["fine_stride"], sim.device)
        return centres[best], confidence

    def _track_pairs(self, batch: dict[str, Any], item: int) -> tuple[torch.Tensor, torch.Tensor]:
        """Pixel positions (N, 2) in views 0 and 1 of up to n_positives random tracks seen in both."""
        seen = (batch["tracks_visible"][item, 0] & batch["tracks_visible"][item, 1]).nonzero()[:, 0]
        chosen = seen[torch.randperm(len(seen), device=seen.device)[: self.hparams["n_positives"]]]
        tracks = batch["tracks_2d"][item]
        return tracks[0, chosen], tracks[1, chosen]

    def _direction_losses(
        self,
        src: tuple[torch.Tensor, torch.Tensor],
        dst: tuple[torch.Tensor, torch.Tensor],
        p_src: torch.Tensor,
        p_dst: torch.Tensor,
        extra: torch.Tensor,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Fine and coarse per-anchor losses (N,) of anchors in one view (src: fine (D, hf, wf), coarse (D, hc, wc))
        at p_src (N, 2) against the other view (dst) at p_dst (N, 2); extra (R, D): coarse cells of other images."""
        hp, (src_fine, src_coarse), (dst_fine, dst_coarse) = self.hparams, src, dst
        fine_hw, coarse_hw = (dst_fine.shape[-2], dst_fine.shape[-1]), (dst_coarse.shape[-2], dst_coarse.shape[-1])
        image_hw = (fine_hw[0] * hp["fine_stride"], fine_hw[1] * hp["fine_stride"])
        common = {"positive_xy": p_dst, "temperature": hp["temperature"]}

        anchor = sample_at(src_coarse, p_src, image_hw)
        coarse_sim = torch.einsum("nd,dhw->nhw", anchor.detach(), dst_coarse)
        coarse = pixel_info_nce(
            anchor,
            sample_at(dst_coarse, p_dst, image_hw),
            candidates=dst_coarse.flatten(1).T,
            candidate_xy=cell_centres(*coarse_hw, FPN.coarse_stride, anchor.device),
            mining_sim=coarse_sim.flatten(1),
            radius=hp["coarse_radius"],
            hard_pool=hp["coarse_hard_pool"],
            n_hard=hp["coarse_hard"],
            n_random=0,  # the coarse level's random negatives come from other images (extra)
            extra_negatives=extra,
            **common,
        )
        anchor = sample_at(src_fine, p_src, image_hw)
        fine_sim = torch.einsum("nd,dhw->nhw", anchor.detach(), dst_fine)
        fine = pixel_info_nce(
            anchor,
            sample_at(dst_fine, p_dst, image_hw),
            candidates=dst_fine.flatten(1).T,
            candidate_xy=cell_centres(*fine_hw, hp["fine_stride"], anchor.device),
            mining_sim=((fine_sim + coarse_to_fine(coarse_sim, fine_hw)) / 2).flatten(1),
            radius=hp["fine_radius"],
            hard_pool=hp["fine_hard_pool"],
            n_hard=hp["fine_hard"],
            n_random=hp["fine_random"],
            **common,
        )
        return fine, coarse

    def compute_loss(self, batch: dict[str, Any]) -> torch.Tensor:
        """Fine + coarse symmetric pixel InfoNCE over views 0 and 1 of every batch item (tracks as positives)."""
        images = batch["images"][:, :2]
        fine, coarse = (m.unflatten(0, (len(images), 2)) for m in self.embed(images.flatten(0, 1)))
        coarse_cells = coarse.flatten(3).transpose(2, 3)  # (B, 2, Kc, D)
        fine_losses, coarse_losses = [], []
        for item in range(len(images)):
            points = self._track_pairs(batch, item)
            if len(points[0]) == 0:
                continue
            others = torch.cat([coarse_cells[:item], coarse_cells[item + 1 :]]).flatten(0, 2)
            extra = others[torch.randperm(len(others), device=others.device)[: self.hparams["coarse_random"]]]
            for src, dst in ((0, 1), (1, 0)):
                fine_loss, coarse_loss = self._direction_losses(
                    (fine[item, src], coarse[item, src]),
                    (fine[item, dst], coarse[item, dst]),
                    points[src],
                    points[dst],
                    extra,
                )
                fine_losses.append(fine_loss)
                coarse_losses.append(coarse_loss)
        if not fine_losses:  # no track seen in both views anywhere in the batch: nothing to learn from
            return fine.sum() * 0.0 + coarse.sum() * 0.0
        return torch.cat(fine_losses).mean() + torch.cat(coarse_losses).mean()

    def training_step(self, batch: dict[str, Any], batch_idx: int) -> torch.Tensor:
        loss = self.compute_loss(batch)
        self.log("train/loss", loss, on_step=True, on_epoch=True, prog_bar=True, batch_size=len(batch["images"]))
        return loss

    def validation_step(self, batch: dict[str, Any], batch_idx: int) -> None:
        """Loss, and the mean pixel error of locating view-0 tracks in view 1 (a quick landmark-matching check)."""
        size = len(batch["images"])
        self.log("val/loss", self.compute_loss(batch), prog_bar=True, batch_size=size)
        fine, coarse = self.embed(batch["images"][:, :2].flatten(0, 1))
        errors = []
        for item in range(size):
            p0, p1 = self._track_pairs(batch, item)
            if len(p0):
                found, _ = self.locate(
                    (fine[2 * item], coarse[2 * item]), p0, (fine[2 * item + 1], coarse[2 * item + 1])
                )
                errors.append((found - p1).norm(dim=-1))
        if errors:
            self.log("val/track_error_px", torch.cat(errors).mean(), prog_bar=True, batch_size=size)

    def configure_optimizers(self) -> Any:
        """SGD with momentum; linear warm-up then cosine decay, stepped every optimiser step."""
        hp = self.hparams
        optimizer = torch.optim.SGD(
            self.parameters(), lr=hp["lr"], momentum=hp["momentum"], weight_decay=hp["weight_decay"]
        )
        estimate = hp["total_steps"] or self.trainer.estimated_stepping_batches
        total = int(estimate) if math.isfinite(estimate) else None  # an endless run keeps the peak rate after warm-up
        warmup = max(1, min(hp["warmup_steps"], (total or hp["warmup_steps"] * 10) // 10))

        def factor(step: int) -> float:
            if step < warmup:
                return (step + 1) / warmup
            if total is None:
                return 1.0
            return 0.5 * (1.0 + math.cos(math.pi * min(1.0, (step - warmup) / max(1, total - warmup))))

        scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
        return {"optimizer": optimizer, "lr_scheduler": {"scheduler": scheduler, "interval": "step"}}
