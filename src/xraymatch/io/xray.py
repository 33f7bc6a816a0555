"""Projection X-rays from uploads: DICOM (CR, DX, DR, RG, RF, XA), PNG and TIFF, to display pixels in [0, 1].

Every reader looks at the header first (dimensions, bit depth, modality) and refuses an unreasonable image before
any pixel is decoded, so a header claiming 30000 x 30000 costs nothing. The result is MONOCHROME2 display
intensities (bone bright, like the DRRs the models were trained on):

- DICOM: Modality LUT / rescale, then the VOI LUT or the first window (pydicom's `apply_modality_lut`,
  `apply_voi_lut`), scaled by the VOI output range; MONOCHROME1 is inverted. Multi-frame objects are refused (a cine
  loop's first frame is often not the one wanted: export the frame). Colour DICOMs are refused. Only Part-10 files
  (the 'DICM' preamble) are recognised.
- PNG: 8-bit grey is divided by 255; 16-bit grey by 2^b - 1 where b is the smallest of 10, 12, 14, 16 bits that
  holds the image's maximum (16-bit containers usually carry 10-14-bit detector data). RGB(A)/palette images are
  accepted only when R = G = B (and fully opaque): a grey picture saved as colour; real colour is refused.
- TIFF (tifffile): one page, grey (MINISWHITE inverted) or R = G = B, integer like PNG; float data already in
  [0, 1] is kept, other float data is min-max scaled.

Errors are InputError subclasses with one line naming the upload and the fix. No header value is logged or quoted,
except the Modality of a refused non-X-ray object (a short code, sanitised); pydicom's own warnings are silenced
while reading because they may quote header values.
"""

from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from xraymatch.errors import InputError

MiB = 1024 * 1024
# Projection radiography modalities accepted (DR is not a DICOM defined term but some vendors write it).
XRAY_MODALITIES = frozenset({"CR", "DX", "DR", "RG", "RF", "XA"})
FORMATS = "DICOM (Part 10), PNG or TIFF"


class XrayInputError(InputError):
    """An upload that cannot be read as a projection X-ray."""


class EmptyUpload(XrayInputError):
    """Zero bytes."""


class TooManyBytes(XrayInputError):
    """More bytes than XrayLimits.max_bytes."""


class NotAnImage(XrayInputError):
    """Unknown or unsupported file type (magic bytes)."""


class CorruptImage(XrayInputError):
    """A recognised format whose content cannot be decoded (truncated, damaged)."""


class NoPixelData(XrayInputError):
    """A DICOM object without an image."""


class BadDimensions(XrayInputError):
    """Too small (e.g. 1x1) or too large (side or pixel count) an image."""


class NotXray(XrayInputError):
    """A DICOM of another modality (CT, MR, US, ...) or a colour image."""


class UnsupportedImage(XrayInputError):
    """A readable image of a kind this reader does not accept (multi-frame, multi-page, 1-bit)."""


class BlankImage(XrayInputError):
    """Constant or non-finite pixels."""


@dataclass(frozen=True)
class XrayLimits:
    """Upload limits checked before decoding: bytes, longest/shortest side, total pixels."""

    max_bytes: int = 64 * MiB
    max_side: int = 16384
    min_side: int = 16
    max_pixels: int = 120_000_000


@dataclass(frozen=True)
class XrayImage:
    """One radiograph as display intensities.

    pixels: (H, W) float32 in [0, 1], MONOCHROME2 (bone bright); source_format: dicom | png | tiff; modality: the
    DICOM Modality (None for PNG/TIFF); original_shape: (H, W) of the upload; bits: stored bits per pixel.
    """

    pixels: npt.NDArray[np.float32]
    source_format: str
    modality: str | None
    original_shape: tuple[int, int]
    bits: int


def read_xray_file(path: str | Path, limits: XrayLimits = XrayLimits()) -> XrayImage:
    """Read a file from disk (size checked before reading it)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise XrayInputError(f"{path}: cannot read the file; check the path") from None
    if size > limits.max_bytes:
        raise TooManyBytes(f"{path}: larger than {limits.max_bytes // MiB} MiB; send a smaller image")
    return read_xray(path.read_bytes(), name=str(path), limits=limits)


def read_xray(data: bytes, name: str = "upload", limits: XrayLimits = XrayLimits()) -> XrayImage:
    """Decode an upload (DICOM, PNG or TIFF bytes) into an XrayImage, or raise an XrayInputError."""
    name = re.sub(r"[\x00-\x1f\x7f]", "?", str(name))[:200]  # error messages stay one line
    if not data:
        raise EmptyUpload(f"{name}: empty upload; send a {FORMATS} file")
    if len(data) > limits.max_bytes:
        raise TooManyBytes(f"{name}: larger than {limits.max_bytes // MiB} MiB; send a smaller image")
    kind = sniff(data)
    if kind == "dicom":
        image = _read_dicom(data, name, limits)
    elif kind == "png":
        image = _read_png(data, name, limits)
    elif kind == "tiff":
        image = _read_tiff(data, name, limits)
    elif kind in ("jpeg", "jpeg2000", "gif", "bmp", "webp"):
        raise NotAnImage(f"{name}: {kind.upper()} is not accepted; send a {FORMATS} file (lossless)")
    else:
        raise NotAnImage(f"{name}: not an image (unknown file type); send a {FORMATS} file")
    return image


def sniff(data: bytes) -> str | None:
    """The file type from magic bytes: dicom | png | tiff | jpeg | jpeg2000 | gif | bmp | webp | None."""
    if len(data) >= 132 and data[128:132] == b"DICM":
        return "dicom"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x00\x00\x00\x0cjP  ") or data.startswith(b"\xffO\xffQ"):
        return "jpeg2000"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if data.startswith(b"BM"):
        return "bmp"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def check_dimensions(height: int, width: int, name: str, limits: XrayLimits) -> None:
    """Refuse images too small or too large, from header values only (nothing decoded yet)."""
    if min(height, width) < limits.min_side:
        raise BadDimensions(f"{name}: image smaller than {limits.min_side} pixels on a side; send a real radiograph")
    if max(height, width) > limits.max_side:
        raise BadDimensions(f"{name}: image side above {limits.max_side} pixels; downsample it before sending")
    if height * width > limits.max_pixels:
        raise BadDimensions(f"{name}: image above {limits.max_pixels / 1e6:g} Mpixel; downsample it before sending")


@contextlib.contextmanager
def _quiet_pydicom() -> Iterator[None]:
    """Silence pydicom's warnings and log records (they may quote header values) for the duration of a read."""

    def drop(record: logging.LogRecord) -> bool:
        return False

    logger = logging.getLogger("pydicom")
    logger.addFilter(drop)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeFilter(drop)


def _safe_code(value: Any) -> str:
    """A DICOM code string fit to quote in an error (CS: up to 16 upper-case letters, digits, space, underscore)."""
    text = str(value or "").strip()
    if not text:
        return "missing"
    return text if re.fullmatch(r"[A-Z0-9_ ]{1,16}", text) else "unreadable"


def _read_dicom(data: bytes, name: str, limits: XrayLimits) -> XrayImage:
    import pydicom
    from pydicom.errors import InvalidDicomError

    with _quiet_pydicom():
        try:
            ds = pydicom.dcmread(io.BytesIO(data))
        except (InvalidDicomError, EOFError, OSError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            raise CorruptImage(f"{name}: corrupt or truncated DICOM; re-export the image from the PACS") from None
        except Exception:  # pydicom raises many types on damaged files; none of them may escape as a crash
            raise CorruptImage(f"{name}: corrupt or truncated DICOM; re-export the image from the PACS") from None
        if len(ds) == 0:  # only the file meta header survived
            raise CorruptImage(f"{name}: corrupt or truncated DICOM; re-export the image from the PACS")
        modality = _safe_code(ds.get("Modality"))
        if modality not in XRAY_MODALITIES:
            accepted = ", ".join(sorted(XRAY_MODALITIES))
            raise NotXray(f"{name}: not a projection X-ray (Modality {modality}); send a radiograph ({accepted})")
        if not any(tag in ds for tag in ("PixelData", "FloatPixelData", "DoubleFloatPixelData")):
            raise NoPixelData(
                f"{name}: DICOM without pixel data (a non-image object or a truncated file); send the image itself"
            )
        try:
            rows, cols = int(ds.Rows), int(ds.Columns)
            frames = int(ds.get("NumberOfFrames") or 1)
            samples = int(ds.get("SamplesPerPixel") or 1)
            bits_stored = int(ds.get("BitsStored") or ds.BitsAllocated)
            photometric = str(ds.get("PhotometricInterpretation", "")).strip()
        except (AttributeError, TypeError, ValueError):
            raise CorruptImage(f"{name}: DICOM image header incomplete (Rows/Columns/Bits); re-export it") from None
        check_dimensions(rows, cols, name, limits)
        if frames != 1:
            raise UnsupportedImage(f"{name}: multi-frame DICOM; send one frame per upload (export it alone)")
        if samples != 1 or photometric not in ("MONOCHROME1", "MONOCHROME2"):
            raise NotXray(f"{name}: colour DICOM; send a greyscale radiograph (MONOCHROME1/2)")
        try:
            pixels = _dicom_display(ds)
        except XrayInputError:
            raise
        except MemoryError:
            raise BadDimensions(f"{name}: image too large to decode; downsample it before sending") from None
        except Exception:
            raise CorruptImage(f"{name}: corrupt or truncated DICOM pixel data; re-export the image") from None
    if pixels.shape != (rows, cols):
        raise CorruptImage(f"{name}: decoded pixels do not match the header's size; re-export the image")
    if photometric == "MONOCHROME1":
        pixels = 1.0 - pixels
    return XrayImage(_finish(pixels, name), "dicom", modality, (rows, cols), bits_stored)


def _dicom_display(ds: Any) -> npt.NDArray[np.float32]:
    """Stored values -> modality LUT -> VOI LUT/window -> [0, 1] over the VOI output range (data range if none)."""
    from pydicom.pixels import apply_modality_lut, apply_voi_lut

    raw = ds.pixel_array
    values = apply_modality_lut(raw, ds)
    has_lut = bool(ds.get("VOILUTSequence"))
    has_window = "WindowCenter" in ds and "WindowWidth" in ds
    if has_lut or has_window:
        lo, hi = _voi_output_range(ds, has_lut)
        values = apply_voi_lut(values, ds, prefer_lut=True)
    else:
        lo, hi = float(np.min(values)), float(np.max(values))
    out = (np.asarray(values, dtype=np.float64) - lo) / max(hi - lo, 1e-12)
    return np.clip(out, 0.0, 1.0).astype(np.float32)


def _voi_output_range(ds: Any, has_lut: bool) -> tuple[float, float]:
    """The value range apply_voi_lut maps into (PS3.3 C.11.2; mirrors pydicom's apply_windowing/apply_voi)."""
    if has_lut:
        bits = int(ds.VOILUTSequence[0].LUTDescriptor[2])
        return 0.0, float(2**bits - 1)
    bits = int(ds.get("BitsStored") or ds.BitsAllocated)
    if ds.get("ModalityLUTSequence"):
        lo, hi = 0.0, float(2 ** int(ds.ModalityLUTSequence[0].LUTDescriptor[2]) - 1)
    elif int(ds.get("PixelRepresentation") or 0) == 0:
        lo, hi = 0.0, float(2**bits - 1)
    else:
        lo, hi = float(-(2 ** (bits - 1))), float(2 ** (bits - 1) - 1)
    slope, intercept = ds.get("RescaleSlope"), ds.get("RescaleIntercept")
    if slope is not None and intercept is not None and not ds.get("ModalityLUTSequence"):
        lo, hi = lo * float(slope) + float(intercept), hi * float(slope) + float(intercept)
    return min(lo, hi), max(lo, hi)


def _read_png(data: bytes, name: str, limits: XrayLimits) -> XrayImage:
    from PIL import Image

    if len(data) < 24 or data[12:16] != b"IHDR":
        raise CorruptImage(f"{name}: corrupt or truncated PNG (no IHDR header); re-export the image")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    check_dimensions(height, width, name, limits)  # from the IHDR chunk, before Pillow sees the image
    try:
        image = Image.open(io.BytesIO(data), formats=["PNG"])
    except Image.DecompressionBombError:
        raise BadDimensions(f"{name}: image too large to decode; downsample it before sending") from None
    except Exception:
        raise CorruptImage(f"{name}: corrupt or truncated PNG; re-export the image") from None
    mode = image.mode
    if mode == "1":
        raise UnsupportedImage(f"{name}: 1-bit (black and white) PNG; send the greyscale radiograph")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limits were checked above
            image.load()
            if mode in ("L", "I", "I;16", "I;16B", "I;16L", "F"):
                array = np.asarray(image)
                bits = 8 if mode == "L" else 16
            elif mode in ("LA", "RGB", "RGBA", "P", "PA"):
                array = _grey_from_colour(np.asarray(image.convert("RGBA")), name)
                bits = 8
            else:
                raise UnsupportedImage(f"{name}: PNG mode {mode} not supported; send 8/16-bit greyscale")
    except XrayInputError:
        raise
    except Exception:
        raise CorruptImage(f"{name}: corrupt or truncated PNG; re-export the image") from None
    return XrayImage(_finish(_scale_integer(array), name), "png", None, (height, width), bits)


def _grey_from_colour(rgba: npt.NDArray[Any], name: str) -> npt.NDArray[Any]:
    """The grey channel of an RGBA array whose R = G = B and alpha is opaque; real colour is refused."""
    if not (np.array_equal(rgba[..., 0], rgba[..., 1]) and np.array_equal(rgba[..., 0], rgba[..., 2])):
        raise NotXray(f"{name}: colour image (R, G, B differ); send a greyscale radiograph")
    if rgba[..., 3].min() < 255:
        raise UnsupportedImage(f"{name}: image with transparency; send an opaque greyscale radiograph")
    return rgba[..., 0]


def _scale_integer(array: npt.NDArray[Any]) -> npt.NDArray[np.float64]:
    """Integer grey values to [0, 1]: 8-bit by 255; wider by the smallest 10/12/14/16/32-bit range holding the max."""
    if array.dtype.kind == "f":
        values = array.astype(np.float64)
        finite = values[np.isfinite(values)]
        if finite.size and (finite.min() < 0.0 or finite.max() > 1.0):
            values = (values - finite.min()) / max(float(finite.max() - finite.min()), 1e-12)
        return values
    if array.dtype.kind == "b":
        return array.astype(np.float64)
    values = array.astype(np.float64)
    if array.dtype.itemsize == 1:
        return values / 255.0
    low = float(values.min())
    if low < 0:  # signed data: shift to start at zero
        values = values - low
    peak = float(values.max())
    bits = next((b for b in (10, 12, 14, 16, 32) if peak <= 2**b - 1), 64)
    return values / float(2**bits - 1)


def _read_tiff(data: bytes, name: str, limits: XrayLimits) -> XrayImage:
    import tifffile

    try:
        tif = tifffile.TiffFile(io.BytesIO(data))
    except Exception:
        raise CorruptImage(f"{name}: corrupt or truncated TIFF; re-export the image") from None
    with tif:
        try:
            pages = tif.pages
            page = pages.first
            shape = tuple(int(s) for s in page.shape)
            photometric = int(page.photometric)
            samples = int(page.samplesperpixel)
            dtype = np.dtype(page.dtype) if page.dtype is not None else None
            several = len(pages) > 1
        except Exception:
            raise CorruptImage(f"{name}: corrupt or truncated TIFF; re-export the image") from None
        if len(shape) < 2:
            raise CorruptImage(f"{name}: TIFF without a 2D image; re-export the image")
        spatial = shape[:2] if samples == 1 or shape[-1] != samples else shape[-3:-1]
        height, width = int(spatial[0]), int(spatial[1])
        check_dimensions(height, width, name, limits)
        if several:
            raise UnsupportedImage(f"{name}: multi-page TIFF; send one image per upload")
        if dtype is None or dtype.kind not in "uif":
            raise UnsupportedImage(f"{name}: TIFF sample type not supported; send 8/16-bit greyscale")
        if photometric not in (0, 1, 2):  # MINISWHITE, MINISBLACK, RGB
            raise NotXray(f"{name}: TIFF colour space not supported; send a greyscale radiograph")
        try:
            array = page.asarray()
        except MemoryError:
            raise BadDimensions(f"{name}: image too large to decode; downsample it before sending") from None
        except Exception:
            raise CorruptImage(f"{name}: corrupt or truncated TIFF pixel data; re-export the image") from None
    if array.ndim == 3:
        if array.shape[-1] not in (3, 4) or photometric != 2:
            raise UnsupportedImage(f"{name}: TIFF with {array.shape[-1]} channels; send a greyscale radiograph")
        rgb = array[..., :3]
        if not (np.array_equal(rgb[..., 0], rgb[..., 1]) and np.array_equal(rgb[..., 0], rgb[..., 2])):
            raise NotXray(f"{name}: colour image (R, G, B differ); send a greyscale radiograph")
        array = rgb[..., 0]
    if array.shape != (height, width):
        raise CorruptImage(f"{name}: decoded TIFF does not match its header's size; re-export the image")
    pixels = _scale_integer(array)
    if photometric == 0:  # MINISWHITE: 0 is white
        pixels = 1.0 - pixels
    bits = 8 * array.dtype.itemsize
    return XrayImage(_finish(pixels, name), "tiff", None, (height, width), bits)


def _finish(pixels: npt.NDArray[Any], name: str) -> npt.NDArray[np.float32]:
    """Refuse non-finite or constant images; return float32 in [0, 1]."""
    if not np.isfinite(pixels).all():
        raise BlankImage(f"{name}: image holds NaN or infinite values; re-export it")
    if float(pixels.max()) - float(pixels.min()) < 1e-6:
        raise BlankImage(f"{name}: constant image (every pixel equal); send a real radiograph")
    return np.ascontiguousarray(np.clip(pixels, 0.0, 1.0), dtype=np.float32)


def prepare_for_model(image: XrayImage, size: int) -> tuple[Any, tuple[float, float]]:
    """The model input (1, 1, size, size) float32 and the scale (sx, sy) back to the upload's pixels.

    The image is resized anisotropically to size x size (bilinear, antialiased, half-pixel centres) and then
    normalised like training (`data.augment.normalise`: 1st-99th percentile rescale to [0, 1]). Coordinates follow
    the DRR convention: pixel (row i, col j) covers [j, j+1] x [i, i+1], so a point's continuous coordinates scale
    exactly: x_original = x_model * sx, y_original = y_model * sy with sx = W / size, sy = H / size (the centre of
    model pixel j, x = j + 0.5, maps to (j + 0.5) * sx).
    """
    import torch
    import torch.nn.functional as F

    from xraymatch.data.augment import normalise

    height, width = image.pixels.shape
    tensor = torch.from_numpy(np.ascontiguousarray(image.pixels))[None, None]
    if (height, width) != (size, size):
        tensor = F.interpolate(tensor, size=(size, size), mode="bilinear", align_corners=False, antialias=True)
    tensor = normalise(tensor[0])[None].to(torch.float32).contiguous()
    return tensor, (width / size, height / size)
