"""Drift references: features of many realistic variants of real radiographs (or of DRRs), in one .npz file.

The default reference is built from the real radiographs pydicom-data ships, uncompressed (`RG1_UNCR`: chest PA,
`RG3_UNCR`: tibia/ankle AP; the lossy `*_J2KI` copies are kept out: they are a test kind), each sample a fresh
random acquisition variant (`augment_xray`). A folder `data/raw/xray/` (monitoring.reference.raw_dir) replaces
them when it holds images. `drr_reference` builds the same features from the DRR cache to measure the
synthetic-to-real gap.

The file (written atomically) holds the FeatureTable arrays and a `__meta__` JSON string: the model version and
input size that made the embeddings (the drift test refuses another model), the RBF bandwidth (median heuristic),
the source kind and the augmentation parameters; `make_reference` adds the params it was built from and their digest
(monitoring.provenance: `xraymatch drift` refuses a reference of other params, `--if-missing` rebuilds it).
"""

from __future__ import annotations

import functools
import json
import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from xraymatch.atomic import atomic_file
from xraymatch.errors import InputError
from xraymatch.io.xray import XrayImage, prepare_for_model, read_xray_file
from xraymatch.monitoring.config import AugmentXrayConfig
from xraymatch.monitoring.drift import median_bandwidth
from xraymatch.monitoring.features import FeatureTable, embed_images, hf_ratio, image_features, noise_level

DEFAULT_RADIOGRAPHS = ("RG1_UNCR.dcm", "RG3_UNCR.dcm")
FORMAT_VERSION = 1
BINOMIAL = np.array([0.25, 0.5, 0.25])  # the 3x3 blur of the added noise (separable)


@dataclass(frozen=True)
class Reference:
    """A reference feature table with what made it."""

    table: FeatureTable
    model_version: str
    image_size: int
    bandwidth: float
    meta: dict[str, Any] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.table)


def save_reference(reference: Reference, path: str | Path) -> Path:
    """Write the reference atomically as one .npz."""
    path = Path(path)
    meta = {
        "format": FORMAT_VERSION,
        "model_version": reference.model_version,
        "image_size": reference.image_size,
        "bandwidth": reference.bandwidth,
        **reference.meta,
    }
    t = reference.table
    with atomic_file(path) as tmp, open(tmp, "wb") as handle:
        np.savez(
            handle,
            stats=t.stats,
            histograms=t.histograms,
            embeddings=t.embeddings,
            size_classes=np.array(t.size_classes, dtype=str),
            aspect_buckets=np.array(t.aspect_buckets, dtype=str),
            source_formats=np.array(t.source_formats, dtype=str),
            __meta__=np.array(json.dumps(meta)),
        )
    return path


def load_reference(path: str | Path) -> Reference:
    """Read a reference written by save_reference."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no drift reference; build one with `xraymatch drift-reference --out {path}`")
    try:
        with np.load(path, allow_pickle=False) as data:
            meta = json.loads(str(data["__meta__"]))
            table = FeatureTable(
                stats=data["stats"],
                histograms=data["histograms"],
                embeddings=data["embeddings"],
                size_classes=tuple(str(v) for v in data["size_classes"]),
                aspect_buckets=tuple(str(v) for v in data["aspect_buckets"]),
                source_formats=tuple(str(v) for v in data["source_formats"]),
            )
    except (OSError, ValueError, KeyError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: unreadable drift reference ({exc.__class__.__name__}); rebuild it") from None
    if int(meta.get("format", 0)) != FORMAT_VERSION:
        raise InputError(f"{path}: reference format {meta.get('format')} != {FORMAT_VERSION}; rebuild it")
    return Reference(
        table=table,
        model_version=str(meta.pop("model_version")),
        image_size=int(meta.pop("image_size")),
        bandwidth=float(meta.pop("bandwidth")),
        meta=meta,
    )


def augment_xray(
    pixels: npt.NDArray[Any],
    rng: np.random.Generator,
    config: AugmentXrayConfig,
    native_noise: float | None = None,
    native_ratio: float | None = None,
) -> npt.NDArray[np.float32]:
    """One realistic acquisition variant of display pixels (H, W) in [0, 1].

    Positioning: rotation (+-rotation_deg) and magnification (scale) about the centre with nearest-neighbour
    sampling, which keeps the detector's noise texture (a rotated patient does not blur the detector noise, while
    interpolation would halve the fine-scale noise). Exposure: gamma, contrast about the mean, brightness.
    Collimation and dose, the two one-sided variations: a share `as_acquired_share` of the variants keeps the
    source's own (no crop, no noise added), so that untouched acquisitions of the reference's kind are not at the
    edge of the reference; the others get a collimation crop keeping `crop` of each side and a relative dose
    d ~ U(dose) with quantum-like noise added so that the total noise is native / sqrt(d). The added noise is white
    noise mixed with its 3x3 binomial blur so that its fine-to-coarse ratio is the source's own `hf_ratio`
    (noise_texture "native": a detector's noise texture does not change with dose), or the blur alone ("binomial",
    the first design: it made every noisier variant's hf_ratio far lower than any real acquisition's).
    `native_noise` and `native_ratio` are the source's noise_level and hf_ratio (measured here when not given).
    """
    import cv2

    x: npt.NDArray[Any] = np.asarray(pixels, dtype=np.float32)
    h, w = x.shape
    angle = float(rng.uniform(-config.rotation_deg, config.rotation_deg))
    scale = float(rng.uniform(*config.scale))
    if abs(angle) > 1e-3 or abs(scale - 1.0) > 1e-3:
        matrix = cv2.getRotationMatrix2D((w / 2.0, h / 2.0), angle, scale)
        x = cv2.warpAffine(x, matrix, (w, h), flags=cv2.INTER_NEAREST, borderMode=cv2.BORDER_REFLECT_101)
    as_acquired = config.as_acquired_share > 0.0 and float(rng.random()) < config.as_acquired_share
    if not as_acquired:
        ch = max(2, round(h * rng.uniform(*config.crop)))
        cw = max(2, round(w * rng.uniform(*config.crop)))
        top, left = int(rng.integers(0, h - ch + 1)), int(rng.integers(0, w - cw + 1))
        x = x[top : top + ch, left : left + cw]
    gamma = math.exp(rng.uniform(math.log(config.gamma[0]), math.log(config.gamma[1])))
    x = np.power(np.clip(x, 0.0, 1.0), gamma, dtype=np.float32)
    mean = float(x.mean())
    contrast = float(rng.uniform(*config.contrast))
    brightness = float(rng.uniform(-config.brightness, config.brightness))
    x = (x - mean) * contrast + mean + brightness
    dose = 1.0 if as_acquired else float(rng.uniform(*config.dose))
    native = noise_level(pixels) if native_noise is None else native_noise
    extra = native * math.sqrt(max(1.0 / dose - 1.0, 0.0))
    if extra > 0.0:
        white = rng.standard_normal(x.shape, dtype=np.float32)
        blurred = cv2.sepFilter2D(white, -1, BINOMIAL, BINOMIAL)
        if config.noise_texture == "native":
            share = white_share(hf_ratio(pixels) if native_ratio is None else native_ratio)
            noise = np.float32(share) * white + np.float32(1.0 - share) * blurred
        else:
            noise = blurred
        level = noise_level(noise)
        if level > 0:
            x = x + noise * np.float32(extra / level)
    return np.ascontiguousarray(np.clip(x, 0.0, 1.0), dtype=np.float32)


@functools.lru_cache(maxsize=1)
def _noise_ratio_table() -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """hf_ratio of the noise a*white + (1-a)*binomial(white) for a on a grid, exactly from the kernels (for Gaussian
    noise the mean absolute response that noise_level measures is proportional to the response kernel's L2 norm)."""
    from scipy.signal import convolve2d

    laplacian = np.outer([1.0, -2.0, 1.0], [1.0, -2.0, 1.0])
    coarse = np.zeros((5, 5))
    coarse[::2, ::2] = laplacian  # the kernel on the 2 x 2-binned grid, seen from the fine grid
    coarse = convolve2d(coarse, np.full((2, 2), 0.25))
    delta = np.zeros((3, 3))
    delta[1, 1] = 1.0
    blur = np.outer(BINOMIAL, BINOMIAL)
    shares = np.linspace(0.0, 1.0, 1001)
    ratios = []
    for a in shares:
        kernel = a * delta + (1.0 - a) * blur
        ratios.append(np.linalg.norm(convolve2d(laplacian, kernel)) / np.linalg.norm(convolve2d(coarse, kernel)))
    return shares, np.asarray(ratios)  # increasing from 1/3 (binomial) to 2 (white)


def white_share(ratio: float) -> float:
    """The share a of white noise in a*white + (1-a)*binomial(white) whose hf_ratio is `ratio` (clipped to the
    reachable [1/3, 2])."""
    shares, ratios = _noise_ratio_table()
    return float(np.interp(ratio, ratios, shares))


def featurize(
    images: Sequence[npt.NDArray[Any]], bundle: Any, source_formats: Sequence[str] | None = None, batch_size: int = 16
) -> FeatureTable:
    """Features and embeddings of display images (each (H, W) in [0, 1])."""
    formats = list(source_formats) if source_formats is not None else ["unknown"] * len(images)
    features = [image_features(p, f) for p, f in zip(images, formats, strict=True)]
    tensors = [prepare_for_model(_as_xray(p, f), bundle.image_size)[0] for p, f in zip(images, formats, strict=True)]
    return FeatureTable.from_features(features, embed_images(bundle, tensors, batch_size))


def _as_xray(pixels: npt.NDArray[Any], source_format: str) -> XrayImage:
    height, width = pixels.shape
    return XrayImage(np.asarray(pixels, dtype=np.float32), source_format, None, (int(height), int(width)), 16)


def augmented_table(
    sources: Sequence[XrayImage],
    bundle: Any,
    count: int,
    config: AugmentXrayConfig,
    seed: int,
    augment: bool = True,
    chunk: int = 16,
) -> FeatureTable:
    """Features of `count` variants, each of a source drawn uniformly at random (processed in chunks to bound
    memory: full-resolution variants are large)."""
    if not sources:
        raise InputError("no source radiographs to build features from")
    rng = np.random.default_rng(seed)
    natives = [noise_level(s.pixels) for s in sources]
    ratios = [hf_ratio(s.pixels, n) for s, n in zip(sources, natives, strict=True)]
    picks = rng.integers(0, len(sources), size=count)
    tables = []
    for start in range(0, count, chunk):
        images, formats = [], []
        for k in picks[start : start + chunk]:
            source = sources[int(k)]
            images.append(augment_xray(source.pixels, rng, config, natives[k], ratios[k]) if augment else source.pixels)
            formats.append(source.source_format)
        tables.append(featurize(images, bundle, formats))
    return FeatureTable.concat(tables)


def default_sources(raw_dir: str | Path | None = None) -> tuple[list[XrayImage], str]:
    """The user's radiographs in `raw_dir` when it holds files, else pydicom-data's RG1_UNCR and RG3_UNCR; with a
    description of the source ("folder:<dir>" or "pydicom-data:RG1_UNCR,RG3_UNCR")."""
    if raw_dir is not None and Path(raw_dir).is_dir():
        files = sorted(p for p in Path(raw_dir).rglob("*") if p.is_file() and not p.name.startswith("."))
        if files:
            return read_folder(raw_dir), f"folder:{raw_dir}"
    from pydicom.data import get_testdata_file

    images = [read_xray_file(str(get_testdata_file(name))) for name in DEFAULT_RADIOGRAPHS]
    return images, "pydicom-data:" + ",".join(n.removesuffix(".dcm") for n in DEFAULT_RADIOGRAPHS)


def read_folder(folder: str | Path) -> list[XrayImage]:
    """Every file under `folder` (hidden files skipped) as an XrayImage; an unreadable file is an error."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder of X-rays; pass a folder of DICOM/PNG/TIFF files")
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError(f"{folder}: no files; put DICOM/PNG/TIFF radiographs in it")
    return [read_xray_file(p) for p in files]


def build_reference(
    images: Sequence[XrayImage],
    bundle: Any,
    augment: bool = True,
    *,
    samples: int = 200,
    config: AugmentXrayConfig | None = None,
    seed: int = 0,
    source: str = "images",
) -> Reference:
    """A reference of `samples` variants of `images` (or the images themselves, each once, with augment=False)."""
    config = config or AugmentXrayConfig()
    count = samples if augment else len(images)
    started = time.time()
    if augment:
        table = augmented_table(images, bundle, count, config, seed)
    else:
        table = featurize([i.pixels for i in images], bundle, [i.source_format for i in images])
    meta = {
        "source": source,
        "kind": "radiographs",
        "sources": len(images),
        "augment": asdict(config) if augment else None,
        "seed": seed,
        "created_at": time.time(),
        "build_seconds": round(time.time() - started, 1),
    }
    return Reference(table, bundle.version, int(bundle.image_size), median_bandwidth(table.embeddings), meta)


def drr_images(cache_dir: str | Path, count: int, seed: int, split: str | None = None) -> list[npt.NDArray[np.float32]]:
    """`count` DRR views from the cache, drawn at random, normalised like training (1st-99th percentile)."""
    import torch

    from xraymatch.data.augment import normalise
    from xraymatch.data.cache import DRRCache

    cache = DRRCache(cache_dir, split=split)
    if len(cache) == 0:
        raise InputError(f"{cache_dir}: empty DRR cache; run `dvc repro render_drr`")
    rng = np.random.default_rng(seed)
    out = []
    for i in rng.integers(0, len(cache), size=count):
        views = cache[int(i)]["images"]
        view = views[int(rng.integers(0, len(views)))]
        out.append(normalise(view.to(torch.float32))[0].numpy().astype(np.float32))
    return out


def drr_reference(cache_dir: str | Path, bundle: Any, samples: int = 200, seed: int = 0) -> Reference:
    """A reference of DRR views (the training distribution) to measure the synthetic-to-real gap."""
    started = time.time()
    images = drr_images(cache_dir, samples, seed)
    table = featurize(images, bundle, ["drr"] * len(images))
    meta = {
        "source": f"drr:{cache_dir}",
        "kind": "drr",
        "sources": len(images),
        "augment": None,
        "seed": seed,
        "created_at": time.time(),
        "build_seconds": round(time.time() - started, 1),
    }
    return Reference(table, bundle.version, int(bundle.image_size), median_bandwidth(table.embeddings), meta)


def check_model(reference: Reference, model_version: str, where: str = "current window") -> None:
    """Refuse features embedded by another model than the reference's."""
    if reference.model_version != model_version:
        raise InputError(
            f"{where}: embeddings of model {model_version}, the reference was built with {reference.model_version}; "
            "rebuild the reference with `xraymatch drift-reference` for the current model"
        )
