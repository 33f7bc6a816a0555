"""AFiRe's synthetic lesion masks in image space (REFERENCES.md section 3).

A texture patch is cut from a normal image around the centroid of its largest Otsu foreground region, shaped by an
elliptical Gaussian exp(-r^2 / 0.5) and min-max scaled to [0, 0.5]; 1-4 resized copies are added at random places and
the result clipped to [0, 1]. The model sees the lesioned image; the clean one is the target, the mask marks the
added pattern. Sizes are given for a `reference_size` image (AFiRe's 224) and scaled to the actual image.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from skimage.filters import threshold_otsu
from skimage.measure import label, regionprops

from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError, InputError


@dataclass(frozen=True)
class LesionConfig:
    """Patch size, copies and pasted size range (pixels at `reference_size`), peak added intensity."""

    patch_size: int = 60
    copies: tuple[int, int] = (1, 4)
    size_px: tuple[int, int] = (16, 128)
    peak: float = 0.5
    reference_size: int = 224

    @classmethod
    def from_params(cls, section: dict[str, Any], prefix: str = "train.lesions") -> LesionConfig:
        """Build and validate from a params.yaml section; unknown keys are errors, missing keys default."""
        config = dataclass_from_section(cls, section, prefix)
        config.validate(prefix)
        return config

    def validate(self, prefix: str = "train.lesions") -> None:
        """Raise ConfigError naming the field for an out-of-range value."""
        for name in ("copies", "size_px"):
            low, high = getattr(self, name)
            if low < 1 or low > high:
                raise ConfigError(f"{prefix}.{name}: [{low}, {high}] must satisfy 1 <= min <= max")
        for name in ("patch_size", "reference_size"):
            if getattr(self, name) < 2:
                raise ConfigError(f"{prefix}.{name}: {getattr(self, name)} must be >= 2 pixels")
        if not 0 < self.peak <= 1:
            raise ConfigError(f"{prefix}.peak: {self.peak:g} must be within (0, 1]")


def texture_patch(image: np.ndarray, size: int) -> np.ndarray:
    """A (size, size) patch of `image` (H, W) centred on the centroid of its largest Otsu foreground region."""
    height, width = image.shape
    size = min(size, height, width)
    flat = image.min() == image.max()
    regions = [] if flat else regionprops(label(image > threshold_otsu(image)))
    if regions:
        row, col = max(regions, key=lambda r: r.area).centroid
    else:
        row, col = height / 2, width / 2
    top = int(np.clip(round(row) - size // 2, 0, height - size))
    left = int(np.clip(round(col) - size // 2, 0, width - size))
    return image[top : top + size, left : left + size]


def lesion_pattern(patch: np.ndarray, rng: np.random.Generator, peak: float) -> np.ndarray:
    """The patch times a random elliptical Gaussian exp(-r^2 / 0.5) (axes 0.5-1, any angle), min-max scaled to
    [0, peak]."""
    n = patch.shape[0]
    y, x = np.meshgrid(np.linspace(-1, 1, n), np.linspace(-1, 1, patch.shape[1]), indexing="ij")
    angle = rng.uniform(0, np.pi)
    a, b = rng.uniform(0.5, 1.0, 2)
    xr = x * np.cos(angle) + y * np.sin(angle)
    yr = -x * np.sin(angle) + y * np.cos(angle)
    shaped = patch * np.exp(-((xr / a) ** 2 + (yr / b) ** 2) / 0.5)
    span = shaped.max() - shaped.min()
    if span <= 0:
        return np.zeros_like(shaped)
    return (shaped - shaped.min()) / span * peak


def add_lesions(image: np.ndarray, rng: np.random.Generator, config: LesionConfig) -> tuple[np.ndarray, np.ndarray]:
    """One image (H, W) in [0, 1] -> (lesioned (H, W), mask (H, W) = intensity actually added, 0 where unchanged)."""
    height, width = image.shape
    scale = min(height, width) / config.reference_size
    pattern = lesion_pattern(texture_patch(image, max(2, round(config.patch_size * scale))), rng, config.peak)
    added = np.zeros_like(image)
    low, high = (max(2, round(s * scale)) for s in config.size_px)
    for _ in range(int(rng.integers(config.copies[0], config.copies[1] + 1))):
        h, w = (min(int(rng.integers(low, high + 1)), limit) for limit in (height, width))
        resized = cv2.resize(pattern, (w, h), interpolation=cv2.INTER_LINEAR)
        top, left = int(rng.integers(0, height - h + 1)), int(rng.integers(0, width - w + 1))
        added[top : top + h, left : left + w] += resized
    lesioned = np.clip(image + added, 0.0, 1.0)
    return lesioned, lesioned - image


def synthesise_lesions(images: Any, rng: np.random.Generator, config: LesionConfig | None = None) -> tuple[Any, Any]:
    """Lesion a single image (H, W) or a batch (..., H, W) in [0, 1], numpy or torch (returned in the same type,
    dtype and device): (lesioned images, masks of the added intensity, >= 0 and non-zero exactly where changed)."""
    config = config or LesionConfig()
    config.validate()
    is_torch = hasattr(images, "detach")
    array = images.detach().cpu().numpy() if is_torch else np.asarray(images)
    if array.ndim < 2:
        raise InputError(f"lesions: image shape {array.shape}, expected (..., H, W)")
    flat = array.reshape(-1, *array.shape[-2:]).astype(np.float32)
    pairs = [add_lesions(np.clip(one, 0.0, 1.0), rng, config) for one in flat]
    lesioned = np.stack([p[0] for p in pairs]).reshape(array.shape)
    masks = np.stack([p[1] for p in pairs]).reshape(array.shape)
    if is_torch:
        import torch

        return (
            torch.as_tensor(lesioned, dtype=images.dtype, device=images.device),
            torch.as_tensor(masks, dtype=images.dtype, device=images.device),
        )
    return lesioned.astype(array.dtype, copy=False), masks.astype(array.dtype, copy=False)
