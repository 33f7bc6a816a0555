"""DICOM CT series: find files, group by SeriesInstanceUID, validate the geometry, stack into a volume.

pydicom reads the headers and decodes pixels; the geometry (slice order along the normal, spacing, gantry tilt,
missing slices) is checked here because a silently wrong stack is worse than no stack. Errors name the file and
never quote identifying header values (the series UID included).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from xraymatch.errors import InputError
from xraymatch.io.deid import technical_fields
from xraymatch.io.volume import LPS_TO_RAS

POSITION_TOLERANCE_MM = 0.01
SPACING_RELATIVE_TOLERANCE = 0.01


@dataclass
class DicomSeries:
    """Headers (no pixels) of the slices of one series, with the series UID kept private to this module's users."""

    series_uid: str
    files: list[Path]
    headers: list[Any]

    @property
    def first_file(self) -> Path:
        return self.files[0]


def is_dicom_file(path: Path) -> bool:
    """True when the file carries the DICOM preamble ('DICM' at byte 128)."""
    try:
        with path.open("rb") as handle:
            handle.seek(128)
            return handle.read(4) == b"DICM"
    except OSError:
        return False


def group_series(files: list[Path]) -> list[DicomSeries]:
    """Read headers and group files by SeriesInstanceUID (order of first appearance by path)."""
    import pydicom

    groups: dict[str, DicomSeries] = {}
    by_uid: dict[str, list[tuple[Path, Any]]] = defaultdict(list)
    for path in sorted(files):
        try:
            header = pydicom.dcmread(path, stop_before_pixels=True)
        except Exception as exc:  # pydicom raises many types for corrupt files
            raise InputError(
                f"{path}: unreadable DICOM ({exc.__class__.__name__}); remove or replace the file"
            ) from None
        uid = str(getattr(header, "SeriesInstanceUID", "") or "")
        if not uid:
            raise InputError(f"{path}: DICOM file without SeriesInstanceUID; cannot group it into a series")
        by_uid[uid].append((path, header))
    for uid, items in by_uid.items():
        groups[uid] = DicomSeries(uid, [p for p, _ in items], [h for _, h in items])
    return list(groups.values())


def _is_localizer(header: Any) -> bool:
    image_type = [str(v).upper() for v in (getattr(header, "ImageType", None) or [])]
    return "LOCALIZER" in image_type


def _vector(header: Any, keyword: str, size: int, path: Path) -> npt.NDArray[np.float64]:
    value = getattr(header, keyword, None)
    if value is None or len(value) != size:
        raise InputError(f"{path}: missing or malformed {keyword}; the slice cannot be placed in 3-D")
    return np.asarray([float(v) for v in value], dtype=np.float64)


def load_ct_series(
    series: DicomSeries, label: str
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], dict[str, Any]]:
    """Validate and stack a CT series; return (HU array (X, Y, Z), voxel-to-RAS affine, technical fields).

    `label` names the series in errors (a folder path, never a UID).
    """
    keep = [(p, h) for p, h in zip(series.files, series.headers, strict=True) if not _is_localizer(h)]
    if not keep:
        raise InputError(f"{label}: series holds only localizer images; no CT volume to ingest")
    modality = str(getattr(keep[0][1], "Modality", "") or "").upper()
    if modality != "CT":
        raise InputError(
            f"{keep[0][0]}: series modality is {modality or 'missing'}, not CT; "
            "ingest-ct takes CT series only (move other modalities out of the input folder)"
        )
    if len(keep) < 2:
        raise InputError(f"{keep[0][0]}: a single-slice series is a 2-D image, not a CT volume")

    sizes = {(int(h.Rows), int(h.Columns)) for _, h in keep}
    if len(sizes) > 1:
        raise InputError(f"{label}: mixed slice sizes {sorted(sizes)} in one series; export the series again")
    iops = np.stack([_vector(h, "ImageOrientationPatient", 6, p) for p, h in keep])
    if np.abs(iops - iops[0]).max() > 1e-4:
        raise InputError(f"{label}: slices have different ImageOrientationPatient; not one volume")
    spacings = np.stack([_vector(h, "PixelSpacing", 2, p) for p, h in keep])
    if np.abs(spacings - spacings[0]).max() > 1e-4:
        raise InputError(f"{label}: slices have different PixelSpacing; not one volume")
    for path, header in keep:
        tilt = float(getattr(header, "GantryDetectorTilt", 0) or 0)
        if abs(tilt) > 1e-3:
            raise InputError(f"{path}: gantry tilt of {tilt:g} degrees; resample the series to an untilted grid first")

    row_dir, col_dir = iops[0][:3], iops[0][3:]
    normal = np.cross(row_dir, col_dir)
    positions = np.stack([_vector(h, "ImagePositionPatient", 3, p) for p, h in keep])
    along = positions @ normal
    order = np.argsort(along, kind="stable")
    keep = [keep[i] for i in order]
    positions, along = positions[order], along[order]

    steps = np.diff(along)
    if np.any(steps < POSITION_TOLERANCE_MM):
        dup = keep[int(np.argmin(steps)) + 1][0]
        raise InputError(f"{dup}: two slices at the same position; the folder mixes acquisitions or holds copies")
    offsets = np.diff(positions, axis=0)
    in_plane = np.linalg.norm(offsets - steps[:, None] * normal[None, :], axis=1)
    if np.any(in_plane > 1e-3 * np.maximum(steps, 1.0) + POSITION_TOLERANCE_MM):
        raise InputError(
            f"{label}: slice positions drift sideways along the stack (gantry tilt or sheared series); "
            "resample to an orthogonal grid first"
        )
    step = float(np.median(steps))
    relative = np.abs(steps - step) / step
    if np.any(relative > SPACING_RELATIVE_TOLERANCE):
        worst = int(np.argmax(relative))
        ratio = steps[worst] / step
        where = keep[worst + 1][0]
        if ratio > 1.5 and abs(ratio - round(ratio)) < 0.1:
            raise InputError(
                f"{where}: {round(ratio) - 1} slice(s) missing before this file ({steps[worst]:.2f} mm gap, "
                f"{step:.2f} mm expected); re-export the complete series"
            )
        raise InputError(
            f"{where}: non-uniform slice spacing ({steps.min():.3f}-{steps.max():.3f} mm); "
            "resample to uniform spacing first"
        )

    slices = []
    for path, _ in keep:
        slices.append(_read_slice_hu(path))
    stack = np.stack(slices, axis=0)  # (Z, rows, cols)
    array = np.ascontiguousarray(stack.transpose(2, 1, 0))  # (cols=x, rows=y, z)
    col_spacing, row_spacing = float(spacings[0][1]), float(spacings[0][0])
    lps = np.eye(4)
    lps[:3, 0] = row_dir * col_spacing
    lps[:3, 1] = col_dir * row_spacing
    lps[:3, 2] = normal * step
    lps[:3, 3] = positions[0]
    return array, LPS_TO_RAS @ lps, technical_fields(keep[0][1])


def _read_slice_hu(path: Path) -> npt.NDArray[np.float64]:
    import pydicom

    try:
        dataset = pydicom.dcmread(path)
        pixels = dataset.pixel_array.astype(np.float64)
    except Exception as exc:
        raise InputError(
            f"{path}: pixel data cannot be decoded ({exc.__class__.__name__}); "
            "decompress the series (e.g. `gdcmconv --raw`) or install the matching pydicom pixel handler"
        ) from None
    if pixels.ndim != 2:
        raise InputError(f"{path}: multi-frame or colour pixel data ({pixels.shape}); expected one grey CT slice")
    slope = float(getattr(dataset, "RescaleSlope", 1) or 1)
    intercept = float(getattr(dataset, "RescaleIntercept", 0) or 0)
    return pixels * slope + intercept
