"""The `ingest_ct` stage: read every CT case, write canonical NIfTI + manifest atomically, then check them.

Outputs (all or nothing): `<out>/<case_id>/volume.nii.gz` (int16 HU, RAS+), `<out>/<case_id>/labels.nii.gz` when
a label map exists, and `<out>/manifest.parquet`. Only the salted case id, geometry, intensity statistics and
whitelisted technical fields are written or logged; nothing from a DICOM header that identifies anyone.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from xraymatch.atomic import atomic_dir
from xraymatch.checks.ct_suite import check_ct_manifest
from xraymatch.errors import InputError
from xraymatch.io.deid import PUBLIC_DEFAULT_SALT, case_id_for, resolve_salt
from xraymatch.io.sources import DEFAULT_CASE_NAMES, CaseSource, default_sources, discover
from xraymatch.io.volume import CTVolume, orientation_code

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.parquet"
PERCENTILES = (1, 5, 50, 95, 99)


@dataclass(frozen=True)
class IngestConfig:
    """The `ingest` section of params.yaml."""

    raw_dir: Path
    out_dir: Path
    use_default_when_empty: bool = True
    default_cases: tuple[str, ...] = DEFAULT_CASE_NAMES
    case_id_salt: str | None = None
    hu_clip: tuple[float, float] = (-1024.0, 3071.0)
    label_suffix: str = "_labels"

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> IngestConfig:
        section = params["ingest"]
        clip = section.get("hu_clip", (-1024, 3071))
        return cls(
            raw_dir=Path(section["raw_dir"]),
            out_dir=Path(section["out_dir"]),
            use_default_when_empty=bool(section.get("use_default_when_empty", True)),
            default_cases=tuple(str(name) for name in section.get("default_cases", DEFAULT_CASE_NAMES)),
            case_id_salt=section.get("case_id_salt"),
            hu_clip=(float(clip[0]), float(clip[1])),
            label_suffix=str(section.get("label_suffix", "_labels")),
        )


def collect_sources(config: IngestConfig) -> list[CaseSource]:
    """The user's cases from raw_dir, or the embedded defaults when it is empty (and defaults are on)."""
    cases = discover(config.raw_dir, config.label_suffix)
    if cases:
        return cases
    if not config.use_default_when_empty:
        raise InputError(
            f"{config.raw_dir}: no CT volumes found and ingest.use_default_when_empty is false; "
            "add NIfTI/NRRD/MHA files or DICOM series, or enable the default"
        )
    log.info("%s is empty: using the embedded default CT(s) %s", config.raw_dir, ", ".join(config.default_cases))
    return default_sources(config.default_cases)


def manifest_row(case_id: str, volume: CTVolume) -> dict[str, Any]:
    """One manifest row: geometry, HU percentiles, labels and a content hash (no header values but technical ones)."""
    spacing = volume.spacing
    shape = volume.shape
    percentiles = np.percentile(volume.hu, PERCENTILES)
    row: dict[str, Any] = {
        "case_id": case_id,
        "source_kind": volume.source_kind,
        "shape_x": shape[0],
        "shape_y": shape[1],
        "shape_z": shape[2],
        "volume_shape": "x".join(map(str, shape)),
        "spacing_x": spacing[0],
        "spacing_y": spacing[1],
        "spacing_z": spacing[2],
        "orientation": orientation_code(volume.affine),
        "affine": [float(v) for v in volume.affine.ravel()],
        **{f"hu_p{p:02d}": float(v) for p, v in zip(PERCENTILES, percentiles, strict=True)},
        "has_labels": volume.labels is not None,
        "label_shape": "x".join(map(str, volume.labels.shape)) if volume.labels is not None else None,
        "label_ids": sorted(volume.label_names),
        "label_names": [volume.label_names[i] for i in sorted(volume.label_names)],
        "modality": volume.technical.get("modality", "CT"),
        "kvp": volume.technical.get("kvp"),
        "content_hash": content_hash(volume),
    }
    return row


def content_hash(volume: CTVolume) -> str:
    """SHA-256 of the canonical voxels, affine and labels: equal hashes mean identical ingested data."""
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(volume.hu).tobytes())
    digest.update(np.round(volume.affine, 6).astype(np.float64).tobytes())
    if volume.labels is not None:
        digest.update(np.ascontiguousarray(volume.labels).tobytes())
    return digest.hexdigest()


def write_nifti(array: np.ndarray, affine: np.ndarray, path: Path) -> None:
    """Write a NIfTI with scanner-frame qform/sform, mm units and an empty description (no free text)."""
    import nibabel as nib

    image = nib.Nifti1Image(array, affine)
    image.header.set_xyzt_units("mm")
    image.set_qform(affine, code=1)
    image.set_sform(affine, code=1)
    image.header["descrip"] = b""
    image.header["aux_file"] = b""
    image.header["db_name"] = b""
    nib.save(image, str(path))


def ingest_ct(config: IngestConfig, check_limits: dict[str, Any], report_dir: Path) -> pd.DataFrame:
    """Run the whole stage; returns the manifest. Raises InputError/CheckFailed leaving no output behind."""
    from tqdm.auto import tqdm

    salt = resolve_salt(config.case_id_salt)
    sources = collect_sources(config)
    if salt == PUBLIC_DEFAULT_SALT and not all(s.key.startswith("default:") for s in sources):
        log.warning("case ids use the public default salt; set XRAYMATCH_CASE_SALT to a secret for patient data")

    rows = []
    seen: dict[str, str] = {}
    with atomic_dir(config.out_dir) as staging:
        for source in tqdm(sources, desc="ingest CT", unit="case"):
            case_id = case_id_for(source.key, salt)
            volume = source.load(config.hu_clip)
            row = manifest_row(case_id, volume)
            if row["content_hash"] in seen:
                log.warning("case %s holds the same voxels as %s (duplicate input)", case_id, seen[row["content_hash"]])
            seen[row["content_hash"]] = case_id
            case_dir = staging / case_id
            case_dir.mkdir()
            write_nifti(volume.hu, volume.affine, case_dir / "volume.nii.gz")
            if volume.labels is not None:
                write_nifti(volume.labels, volume.affine, case_dir / "labels.nii.gz")
            rows.append(row)
            log.info(
                "ingested %s: %s, %s voxels, %.2fx%.2fx%.2f mm, %d labels",
                case_id,
                row["source_kind"],
                row["volume_shape"],
                row["spacing_x"],
                row["spacing_y"],
                row["spacing_z"],
                len(row["label_ids"]),
            )
        manifest = pd.DataFrame(rows).sort_values("case_id").reset_index(drop=True)
        check_ct_manifest(manifest, check_limits, str(report_dir))
        manifest.to_parquet(staging / MANIFEST_NAME, index=False)
    log.info("wrote %d case(s) and %s under %s", len(rows), MANIFEST_NAME, config.out_dir)
    return manifest
