"""Small synthetic CT inputs for tests: a phantom volume, NIfTI files and DICOM series with planted identifiers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

# Identifiers planted in DICOM headers; none may appear in any output or log line.
PLANTED = {
    "PatientName": "Dupont^Jeanne-Marie",
    "PatientID": "IPP7730019",
    "PatientBirthDate": "19510314",
    "StudyDate": "20240102",
    "SeriesDate": "20240103",
    "AcquisitionDate": "20240104",
    "InstitutionName": "Clinique Saint-Roch de Nimes",
    "ReferringPhysicianName": "Martin^Paulette",
    "AccessionNumber": "ACC99887766",
    "OperatorsName": "Lefebvre^Odile",
    "StudyID": "ST5521984",
    "PatientAddress": "12 rue des Lilas, 30000 Nimes",
}


def phantom(shape: Sequence[int] = (40, 36, 34), seed: int = 0) -> npt.NDArray[np.int16]:
    """A water cylinder (0 HU) with a bone rod (1000 HU) in air (-1000 HU), plus a little noise."""
    rng = np.random.default_rng(seed)
    x, y = np.arange(shape[0]), np.arange(shape[1])
    xx, yy = np.meshgrid(x - shape[0] / 2, y - shape[1] / 2, indexing="ij")
    body = (xx**2 + yy**2) < (min(shape[:2]) * 0.35) ** 2
    rod = ((xx - 3) ** 2 + yy**2) < 9
    slab = np.full(shape, -1000.0)
    slab[body, :] = 0.0
    slab[rod, :] = 1000.0
    slab += rng.normal(0, 5, size=shape)
    return np.clip(np.rint(slab), -1024, 3071).astype(np.int16)


def write_nifti(
    path: Path, array: npt.NDArray[np.generic], spacing: Sequence[float] = (1.0, 1.0, 2.0), affine=None
) -> Path:
    """Write a NIfTI (RAS affine from spacing unless given)."""
    import nibabel as nib

    if affine is None:
        affine = np.diag([*list(spacing)[:3], *[1.0] * (4 - min(len(spacing), 3))])
    path.parent.mkdir(parents=True, exist_ok=True)
    nib.save(nib.Nifti1Image(array, affine), str(path))
    return path


def new_uid() -> str:
    from pydicom.uid import generate_uid

    return str(generate_uid(prefix="1.2.826.0.1.3680043.8.498."))


def write_dicom_series(
    folder: Path,
    volume: npt.NDArray[np.int16],
    spacing: Sequence[float] = (0.8, 0.8, 2.0),
    modality: str = "CT",
    series_uid: str | None = None,
    study_uid: str | None = None,
    positions: Sequence[Sequence[float]] | None = None,
    orientation: Sequence[float] = (1, 0, 0, 0, 1, 0),
    slope: float = 1.0,
    intercept: float = -1024.0,
    gantry_tilt: float | None = None,
    planted: dict[str, str] | None = None,
    shuffle: bool = True,
) -> dict[str, str]:
    """Write volume (X, Y, Z) as one DICOM file per z slice; returns the UIDs it used (also identifiers)."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, MRImageStorage

    folder.mkdir(parents=True, exist_ok=True)
    planted = dict(PLANTED if planted is None else planted)
    series_uid = series_uid or new_uid()
    study_uid = study_uid or new_uid()
    frame_uid = new_uid()
    sop_class = CTImageStorage if modality == "CT" else MRImageStorage
    nz = volume.shape[2]
    row_dir = np.asarray(orientation[:3], dtype=float)
    col_dir = np.asarray(orientation[3:], dtype=float)
    normal = np.cross(row_dir, col_dir)
    if positions is None:
        positions = [np.array([-50.0, -40.0, 100.0]) + normal * spacing[2] * k for k in range(nz)]
    order = np.random.default_rng(1).permutation(nz) if shuffle else np.arange(nz)
    uids = {"StudyInstanceUID": study_uid, "SeriesInstanceUID": series_uid, "FrameOfReferenceUID": frame_uid}
    for index, k in enumerate(order):
        sop_uid = new_uid()
        uids[f"SOPInstanceUID{k}"] = sop_uid
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = sop_class
        meta.MediaStorageSOPInstanceUID = sop_uid
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.SOPClassUID = sop_class
        ds.SOPInstanceUID = sop_uid
        ds.StudyInstanceUID = study_uid
        ds.SeriesInstanceUID = series_uid
        ds.FrameOfReferenceUID = frame_uid
        ds.Modality = modality
        ds.KVP = "120"
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        for keyword, value in planted.items():
            setattr(ds, keyword, value)
        ds.ImageOrientationPatient = [f"{v:g}" for v in orientation]
        ds.ImagePositionPatient = [f"{v:.4f}" for v in positions[k]]
        ds.PixelSpacing = [f"{spacing[1]:g}", f"{spacing[0]:g}"]
        ds.SliceThickness = f"{spacing[2]:g}"
        if gantry_tilt is not None:
            ds.GantryDetectorTilt = f"{gantry_tilt:g}"
        ds.InstanceNumber = int(k) + 1
        stored = np.rint((volume[:, :, k].astype(np.float64) - intercept) / slope).astype(np.uint16)
        pixels = stored.T  # (rows=y, cols=x)
        ds.Rows, ds.Columns = pixels.shape
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = "MONOCHROME2"
        ds.BitsAllocated = 16
        ds.BitsStored = 16
        ds.HighBit = 15
        ds.PixelRepresentation = 0
        ds.RescaleSlope = f"{slope:g}"
        ds.RescaleIntercept = f"{intercept:g}"
        ds.PixelData = np.ascontiguousarray(pixels).tobytes()
        ds.save_as(folder / f"slice_{index:03d}.dcm", enforce_file_format=True)
    return uids
