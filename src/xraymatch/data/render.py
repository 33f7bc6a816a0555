"""Render one unit (a CT, or a z-slab of it) into samples: views, poses, detector geometry and targets."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import torch

from xraymatch.data.units import Unit
from xraymatch.geometry.projection import Detector, projection_matrices

if TYPE_CHECKING:
    from xraymatch.data.build import RenderConfig

log = logging.getLogger(__name__)


def load_unit_volume(unit: Unit, ct_dir: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """HU (X, Y, Z) int16, affine (4, 4) and labels of the unit's z-slab of its canonical CT."""
    import nibabel as nib

    case_dir = ct_dir / unit.case_id
    image: Any = nib.load(case_dir / "volume.nii.gz")
    hu = np.asarray(image.dataobj, dtype=np.int16)
    affine = np.asarray(image.affine, dtype=np.float64)
    labels = None
    if (case_dir / "labels.nii.gz").exists():
        label_image: Any = nib.load(case_dir / "labels.nii.gz")
        labels = np.asarray(label_image.dataobj, dtype=np.uint16)
    nz = hu.shape[2]
    z0, z1 = round(unit.z_range[0] * nz), round(unit.z_range[1] * nz)
    if z1 - z0 < 2:
        raise ValueError(f"{unit.name}: z-slab {unit.z_range} of {nz} slices is too thin; widen drr.splits slabs")
    shift = np.eye(4)
    shift[2, 3] = z0
    hu = hu[:, :, z0:z1]
    labels = labels[:, :, z0:z1] if labels is not None else None
    return np.ascontiguousarray(hu), affine @ shift, None if labels is None else np.ascontiguousarray(labels)


def make_subject(hu: np.ndarray, affine: np.ndarray, labels: np.ndarray | None, resample_mm: float | None) -> Any:
    """A DiffDRR subject (orientation AP, centred on the origin), optionally resampled isotropically."""
    import torchio as tio
    from diffdrr.data import read

    volume = tio.ScalarImage(tensor=torch.from_numpy(hu.astype(np.float32))[None], affine=affine)
    mask = (
        None if labels is None else tio.LabelMap(tensor=torch.from_numpy(labels.astype(np.int32))[None], affine=affine)
    )
    if resample_mm is not None:
        resample = tio.Resample(resample_mm)
        volume = resample(volume)
        mask = resample(mask) if mask is not None else None
    return read(volume, mask, orientation="AP")


def detector_of(config: RenderConfig, geometry: Any, sample: int, view: int) -> Detector:
    size = config.sampler.pixel_spacing_mm
    return Detector(
        sdd=float(geometry.sdd_mm[sample, view]),
        height=config.sampler.height,
        width=config.sampler.width,
        delx=size,
        dely=size,
        x0=float(geometry.x0_mm[sample, view]),
        y0=float(geometry.y0_mm[sample, view]),
    )


def render_unit(unit: Unit, config: RenderConfig, ct_dir: Any, case: pd.Series) -> tuple[list[dict], list[dict]]:
    """All samples of one unit and their index rows (geometry and statistics)."""
    from xraymatch.data.build import sample_geometry
    from xraymatch.data.samples import SampleBuilder

    rng = np.random.default_rng(unit.seed)
    geometry = sample_geometry(config.sampler, unit, rng)
    hu, affine, labels = load_unit_volume(unit, ct_dir)
    label_names = dict(zip((int(i) for i in case["label_ids"]), (str(n) for n in case["label_names"]), strict=True))
    builder = SampleBuilder(config, hu, affine, labels, label_names, rng, unit.n_samples, unit.name)
    samples, rows = [], []
    for s in range(unit.n_samples):
        sample, stats = builder.build(geometry, s)
        sample_id = f"{unit.name}-{s:05d}"
        rows.append(
            {
                "sample_id": sample_id,
                "case_id": unit.case_id,
                "split": unit.split,
                "item": s,
                "n_views": int(geometry.primary_deg.shape[1]),
                "primary_deg": [float(v) for v in geometry.primary_deg[s]],
                "tilt_deg": [float(v) for v in geometry.tilt_deg[s]],
                "sid_mm": [float(v) for v in geometry.sid_mm[s]],
                "sdd_mm": [float(v) for v in geometry.sdd_mm[s]],
                **stats,
            }
        )
        samples.append(sample)
    return samples, rows


def view_pose_and_projection(
    geometry: Any, config: RenderConfig, subject: Any, sample: int
) -> tuple[Any, list[Detector], np.ndarray]:
    """The sample's poses (RigidTransform, V), per-view detectors and projection matrices (V, 3, 4)."""
    pose = geometry.pose(sample)
    detectors = [detector_of(config, geometry, sample, v) for v in range(pose.matrix.shape[0])]
    matrices = np.stack(
        [projection_matrices(pose.matrix[v : v + 1], d, subject.reorient)[0].numpy() for v, d in enumerate(detectors)]
    )
    return pose, detectors, matrices
