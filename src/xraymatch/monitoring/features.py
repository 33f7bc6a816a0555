"""Non-identifying request features: intensity statistics, a fixed-bin histogram, size classes and the embedding.

Nothing here can rebuild the image or name the patient: a handful of scalar statistics, a 32-bin histogram of the
[0, 1] display pixels, the longest side and aspect ratio as coarse buckets, and a global (spatially averaged)
embedding.

Intensity statistics are measured on a working copy whose longest side is WORK_SIDE (area-averaged), so they do not
depend on the upload's resolution. Two texture statistics are measured at full resolution because lossy
compression and re-sampling show up only there: `noise` (Immerkaer's fast noise estimate, the mean absolute
response to a Laplacian-difference kernel) and `hf_ratio` (that estimate divided by the same on the image binned
2 x 2: lossy JPEG 2000 removes the finest scale first, so the ratio falls).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

STAT_NAMES: tuple[str, ...] = (
    "mean",
    "std",
    "p01",
    "p05",
    "p25",
    "p50",
    "p75",
    "p95",
    "p99",
    "entropy",
    "noise",
    "hf_ratio",
)
HIST_BINS = 32
WORK_SIDE = 512
SIZE_CLASSES: tuple[tuple[int, str], ...] = ((1024, "<1k"), (2048, "1-2k"), (4096, "2-4k"))
ASPECT_BUCKETS: tuple[tuple[float, str], ...] = (
    (0.8, "<0.8"),
    (0.95, "0.8-0.95"),
    (1.05, "0.95-1.05"),
    (1.25, "1.05-1.25"),
)


@dataclass(frozen=True)
class ImageFeatures:
    """The features of one image (no embedding): stats in STAT_NAMES order, histogram (HIST_BINS,) of pixel
    shares, size class of the longest side, aspect bucket of height / width, and the upload's format."""

    stats: npt.NDArray[np.float64]
    histogram: npt.NDArray[np.float64]
    size_class: str
    aspect_bucket: str
    source_format: str = "unknown"

    def stats_dict(self) -> dict[str, float]:
        return {name: float(v) for name, v in zip(STAT_NAMES, self.stats, strict=True)}


def size_class(height: int, width: int) -> str:
    """'<1k', '1-2k', '2-4k' or '>4k' by the longest side in pixels."""
    side = max(height, width)
    return next((label for limit, label in SIZE_CLASSES if side < limit), ">4k")


def aspect_bucket(height: int, width: int) -> str:
    """A coarse bucket of height / width ('<0.8' ... '>1.25')."""
    ratio = height / max(width, 1)
    return next((label for limit, label in ASPECT_BUCKETS if ratio < limit), ">1.25")


def noise_level(pixels: npt.NDArray[Any]) -> float:
    """Immerkaer (1996) fast noise standard deviation: sqrt(pi/2) / 6 * mean |I * N|, N the 3x3 Laplacian difference."""
    x = np.asarray(pixels, dtype=np.float32)
    if min(x.shape) < 3:
        return 0.0
    row = x[:, :-2] - 2.0 * x[:, 1:-1] + x[:, 2:]  # horizontal second difference
    response = row[:-2] - 2.0 * row[1:-1] + row[2:]  # then vertical: the kernel [1 -2 1]^T [1 -2 1]
    return float(math.sqrt(math.pi / 2.0) / 6.0 * np.abs(response, dtype=np.float32).mean(dtype=np.float64))


def bin2(pixels: npt.NDArray[Any]) -> npt.NDArray[np.float32]:
    """2 x 2 mean binning (odd last row/column dropped)."""
    h, w = pixels.shape[0] // 2 * 2, pixels.shape[1] // 2 * 2
    x = np.asarray(pixels[:h, :w], dtype=np.float32)
    return (x[0::2, 0::2] + x[1::2, 0::2] + x[0::2, 1::2] + x[1::2, 1::2]) * 0.25


def hf_ratio(pixels: npt.NDArray[Any], noise: float | None = None) -> float:
    """Fine-to-coarse noise ratio: noise_level of the image over noise_level of the image binned 2 x 2 (0 if flat);
    `noise`, when given, is the image's noise_level already measured."""
    fine = noise_level(pixels) if noise is None else noise
    coarse = noise_level(bin2(pixels))
    return fine / coarse if coarse > 1e-12 else 0.0


def working_copy(pixels: npt.NDArray[Any], side: int = WORK_SIDE) -> npt.NDArray[np.float32]:
    """The image area-averaged so that its longest side is at most `side`."""
    import cv2

    h, w = pixels.shape
    scale = side / max(h, w)
    x = np.asarray(pixels, dtype=np.float32)
    if scale >= 1.0:
        return x
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return np.asarray(cv2.resize(x, size, interpolation=cv2.INTER_AREA), dtype=np.float32)


def image_features(pixels: npt.NDArray[Any], source_format: str = "unknown") -> ImageFeatures:
    """Features of display pixels (H, W) in [0, 1] (an XrayImage's `pixels`)."""
    height, width = pixels.shape
    work = working_copy(pixels)
    quantiles = np.quantile(work, [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99])
    histogram = np.histogram(np.clip(work, 0.0, 1.0), bins=HIST_BINS, range=(0.0, 1.0))[0].astype(np.float64)
    histogram /= max(histogram.sum(), 1.0)
    fine = np.histogram(np.clip(work, 0.0, 1.0), bins=256, range=(0.0, 1.0))[0].astype(np.float64)
    share = fine[fine > 0] / fine.sum()
    entropy = float(-(share * np.log2(share)).sum())
    noise = noise_level(pixels)
    stats = np.array([work.mean(), work.std(), *quantiles, entropy, noise, hf_ratio(pixels, noise)], dtype=np.float64)
    return ImageFeatures(stats, histogram, size_class(height, width), aspect_bucket(height, width), source_format)


def embed_images(bundle: Any, tensors: Any, batch_size: int = 16) -> npt.NDArray[np.float32]:
    """Global embeddings (N, 2 * dim) of model inputs: a (N, 1, S, S) tensor or a sequence of (1, 1, S, S) /
    (1, S, S) tensors (from `io.xray.prepare_for_model`). Each row concatenates the spatial means of the SAM fine
    and coarse unit embeddings (each re-normalised) and is L2-normalised. `bundle` is a ModelBundle (or anything
    with a `.model` that has `embed(images) -> (fine, coarse)`)."""
    import torch

    if isinstance(tensors, torch.Tensor):
        batch_all = tensors
    else:
        items: Sequence[Any] = list(tensors)
        if not items:
            return np.zeros((0, 0), dtype=np.float32)
        batch_all = torch.cat([t.reshape(1, 1, *t.shape[-2:]) for t in items])
    model = bundle.model
    device = next(model.parameters()).device
    out = []
    with torch.inference_mode():
        for start in range(0, len(batch_all), batch_size):
            batch = batch_all[start : start + batch_size].to(device=device, dtype=torch.float32)
            fine, coarse = model.embed(batch)
            out.append(pool_embeddings(fine, coarse).cpu())
    return torch.cat(out).numpy().astype(np.float32)


def pool_embeddings(fine: Any, coarse: Any) -> Any:
    """The global monitoring embedding (B, 2 * dim) from SAM's dense (fine, coarse) maps (B, dim, h, w): spatial
    means, each re-normalised, concatenated and L2-normalised. The service can call this on the maps it already
    computed for a request instead of running the model twice."""
    import torch
    import torch.nn.functional as F

    pooled = torch.cat([F.normalize(fine.mean(dim=(2, 3)), dim=1), F.normalize(coarse.mean(dim=(2, 3)), dim=1)], 1)
    return F.normalize(pooled, dim=1)


@dataclass(frozen=True)
class FeatureTable:
    """Features of N images: stats (N, len(STAT_NAMES)), histograms (N, HIST_BINS), embeddings (N, D) and the
    categorical columns. A reference, a store window and a folder of uploads all become one of these."""

    stats: npt.NDArray[np.float64]
    histograms: npt.NDArray[np.float64]
    embeddings: npt.NDArray[np.float32]
    size_classes: tuple[str, ...]
    aspect_buckets: tuple[str, ...]
    source_formats: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.stats)

    @classmethod
    def from_features(cls, features: Sequence[ImageFeatures], embeddings: npt.NDArray[Any]) -> FeatureTable:
        """Stack per-image features with their embeddings (same order)."""
        if len(features) != len(embeddings):
            raise ValueError(f"{len(features)} feature rows for {len(embeddings)} embeddings")
        return cls(
            stats=np.stack([f.stats for f in features]) if features else np.zeros((0, len(STAT_NAMES))),
            histograms=np.stack([f.histogram for f in features]) if features else np.zeros((0, HIST_BINS)),
            embeddings=np.asarray(embeddings, dtype=np.float32),
            size_classes=tuple(f.size_class for f in features),
            aspect_buckets=tuple(f.aspect_bucket for f in features),
            source_formats=tuple(f.source_format for f in features),
        )

    def take(self, index: Sequence[int] | npt.NDArray[Any]) -> FeatureTable:
        """The rows at `index`."""
        idx = np.asarray(index, dtype=np.int64)
        return FeatureTable(
            self.stats[idx],
            self.histograms[idx],
            self.embeddings[idx],
            tuple(self.size_classes[i] for i in idx),
            tuple(self.aspect_buckets[i] for i in idx),
            tuple(self.source_formats[i] for i in idx),
        )

    @classmethod
    def concat(cls, tables: Sequence[FeatureTable]) -> FeatureTable:
        """Rows of several tables, in order."""
        return cls(
            np.concatenate([t.stats for t in tables]),
            np.concatenate([t.histograms for t in tables]),
            np.concatenate([t.embeddings for t in tables]),
            tuple(v for t in tables for v in t.size_classes),
            tuple(v for t in tables for v in t.aspect_buckets),
            tuple(v for t in tables for v in t.source_formats),
        )
