"""CT volumes as data: HU voxels in canonical RAS+ with their affine, read from NIfTI/NRRD/MHA files.

Arrays are indexed (x, y, z) like NIfTI; `affine` maps voxel indices to RAS+ world millimetres. SimpleITK reads
every file format (it works in LPS), and one conversion here brings everything to the same frame.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from xraymatch.errors import InputError

VOLUME_SUFFIXES = (".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd")
LPS_TO_RAS = np.diag([-1.0, -1.0, 1.0, 1.0])


def volume_suffix(path: Path) -> str | None:
    """The recognised volume suffix of `path` (lower-case), or None."""
    name = path.name.lower()
    return next((s for s in VOLUME_SUFFIXES if name.endswith(s)), None)


def source_kind_of(path: Path) -> str:
    """'nifti', 'nrrd' or 'mha' from the file name."""
    suffix = volume_suffix(path) or ""
    return {".nii.gz": "nifti", ".nii": "nifti", ".nrrd": "nrrd", ".nhdr": "nrrd"}.get(suffix, "mha")


@dataclass
class CTVolume:
    """One CT in canonical RAS+: `hu` (X, Y, Z) int16, optional `labels` (X, Y, Z) uint16 and their names."""

    hu: npt.NDArray[np.int16]
    affine: npt.NDArray[np.float64]
    source_kind: str
    labels: npt.NDArray[np.uint16] | None = None
    label_names: dict[int, str] = field(default_factory=dict)
    technical: dict[str, Any] = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int, int]:
        x, y, z = self.hu.shape
        return int(x), int(y), int(z)

    @property
    def spacing(self) -> tuple[float, float, float]:
        """Voxel size in mm along each array axis."""
        norms = np.linalg.norm(self.affine[:3, :3], axis=0)
        return float(norms[0]), float(norms[1]), float(norms[2])


def read_image_file(path: Path) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Read a 3-D scalar image; return (array (X, Y, Z) float64, voxel-to-RAS affine). Errors name the file.

    NIfTI goes through nibabel (strict about truncation, keeps NaN visible); NRRD/MHA through SimpleITK.
    """
    if not path.exists():
        raise InputError(f"{path}: file does not exist; check the path")
    if source_kind_of(path) == "nifti":
        array, affine = _read_nifti(path)
    else:
        array, affine = _read_itk(path)
    if array.ndim == 4 and array.shape[3] == 1:
        array = array[..., 0]
    if array.ndim != 3 or min(array.shape) < 2:
        raise InputError(
            f"{path}: is a {array.ndim}-D image of shape {array.shape}; a CT must be a 3-D volume "
            "(give X-ray radiographs to the X-ray tools, not to ingest-ct)"
        )
    return array, affine


def _unreadable(path: Path, detail: str) -> InputError:
    return InputError(
        f"{path}: cannot be read as a volume (truncated, corrupt or not an image: {detail.strip()[:120]}); "
        "replace it with a complete NIfTI/NRRD/MHA file"
    )


def _read_nifti(path: Path) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    import nibabel as nib

    try:
        image: Any = nib.load(str(path))
        array = np.asarray(image.dataobj, dtype=np.float64)
    except Exception as exc:  # nibabel raises EOFError, ImageFileError, zlib/OSError, ValueError...
        raise _unreadable(path, f"{exc.__class__.__name__}: {exc}") from None
    if array.ndim < 3:
        return array, np.eye(4)
    return np.ascontiguousarray(array), np.asarray(image.affine, dtype=np.float64)


def _read_itk(path: Path) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    import SimpleITK as sitk

    try:
        image = sitk.ReadImage(str(path))
        zyx = sitk.GetArrayFromImage(image)
    except RuntimeError as exc:
        lines = str(exc).strip().splitlines()
        detail = next((line for line in lines if "rror" in line or "ould not" in line), lines[-1] if lines else "")
        raise _unreadable(path, detail) from None
    if image.GetNumberOfComponentsPerPixel() != 1:
        raise InputError(f"{path}: has {image.GetNumberOfComponentsPerPixel()} channels; a CT is one scalar channel")
    if image.GetDimension() != 3:
        return np.asarray(zyx, dtype=np.float64), np.eye(4)
    array = np.ascontiguousarray(zyx.transpose(2, 1, 0), dtype=np.float64)
    direction = np.asarray(image.GetDirection(), dtype=np.float64).reshape(3, 3)
    spacing = np.asarray(image.GetSpacing(), dtype=np.float64)
    lps = np.eye(4)
    lps[:3, :3] = direction * spacing[None, :]
    lps[:3, 3] = image.GetOrigin()
    return array, LPS_TO_RAS @ lps


def require_finite(array: npt.NDArray[Any], path: Path | str) -> None:
    """Reject NaN or infinite voxels, naming the file."""
    if np.issubdtype(array.dtype, np.floating):
        bad = int(np.count_nonzero(~np.isfinite(array)))
        if bad:
            raise InputError(f"{path}: contains {bad} NaN/inf voxels; fix or re-export the volume with finite HU")


def to_hu_int16(array: npt.NDArray[Any], clip: tuple[float, float]) -> npt.NDArray[np.int16]:
    """Round to int16 HU, clipping to `clip` (below -1024 is outside-FOV padding, stored as air)."""
    lo, hi = clip
    return np.clip(np.rint(array), lo, hi).astype(np.int16)


def canonicalize(
    array: npt.NDArray[Any], affine: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[Any], npt.NDArray[np.float64]]:
    """Reorder/flip axes so the array is closest to RAS+ (no resampling); return (array, new affine)."""
    import nibabel as nib

    ornt = nib.orientations.io_orientation(affine)
    target = nib.orientations.axcodes2ornt(("R", "A", "S"))
    transform = nib.orientations.ornt_transform(ornt, target)
    out = nib.orientations.apply_orientation(array, transform)
    new_affine = affine @ nib.orientations.inv_ornt_aff(transform, array.shape)
    return np.ascontiguousarray(out), new_affine


def orientation_code(affine: npt.NDArray[np.float64]) -> str:
    """Axis codes such as 'RAS' for an affine."""
    import nibabel as nib

    return "".join(nib.orientations.aff2axcodes(affine))


def is_oblique(affine: npt.NDArray[np.float64], tolerance: float = 1e-3) -> bool:
    """True when the voxel axes are not aligned with the world axes."""
    cosines = affine[:3, :3] / np.linalg.norm(affine[:3, :3], axis=0)
    return bool(np.any(np.abs(np.abs(cosines).max(axis=0) - 1.0) > tolerance))
