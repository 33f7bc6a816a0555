"""Build one multi-view sample of a unit: render the views, then derive every target from the geometry."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import numpy as np

from xraymatch.data.render import make_subject, view_pose_and_projection
from xraymatch.drr import Renderer
from xraymatch.errors import InputError
from xraymatch.targets.correspondence import coarse_volume, correspondence_from_footprints, patch_footprints
from xraymatch.targets.fractures import (
    bone_labels,
    fracture_flags,
    fracture_location_2d,
    no_bones_message,
    synthesise_fracture,
    warn_once,
)
from xraymatch.targets.landmarks import label_centroids, label_landmarks
from xraymatch.targets.tracks import point_tracks

if TYPE_CHECKING:
    from xraymatch.data.build import RenderConfig

log = logging.getLogger(__name__)
MATCH_THRESHOLD = 0.2


def check_detector_coverage(shape: tuple[int, ...], affine: np.ndarray, config: RenderConfig, case_label: str) -> None:
    """Refuse a volume whose magnified extent covers too little of the detector (the views would be mostly empty)."""
    extent = np.linalg.norm(affine[:3, :3], axis=0) * np.asarray(shape)  # mm along x, y, z
    sampler = config.sampler
    magnification = float(np.mean(sampler.sdd_mm) / np.mean(sampler.sid_mm))
    field = np.array([sampler.width, sampler.height]) * sampler.pixel_spacing_mm
    coverage = max(extent[0], extent[1]) * magnification / field[0], extent[2] * magnification / field[1]
    if max(coverage) < config.min_detector_coverage:
        raise InputError(
            f"{case_label}: the volume ({extent[0]:.0f}x{extent[1]:.0f}x{extent[2]:.0f} mm) covers only "
            f"{100 * max(coverage):.0f}% of the {sampler.width}x{sampler.height} detector at "
            f"{sampler.pixel_spacing_mm} mm; lower drr.sampler.pixel_spacing_mm or use a larger CT"
        )


class SampleBuilder:
    """Holds one unit's CT in the rendering frame and turns sampled geometries into samples.

    Fractured samples come in groups of `fracture_samples_per_variant` that share one fractured volume, so a
    fracture costs one re-preparation of the volume per group rather than per sample.
    """

    def __init__(
        self,
        config: RenderConfig,
        hu: np.ndarray,
        affine: np.ndarray,
        labels: np.ndarray | None,
        label_names: dict[int, str],
        rng: np.random.Generator,
        n_samples: int,
        case_label: str = "case",
    ) -> None:
        self.config = config
        self.rng = rng
        self.subject = make_subject(hu, affine, labels, config.resample_mm)
        self.hu = self.subject.volume.data[0].numpy()
        self.affine = np.asarray(self.subject.volume.affine, dtype=np.float64)
        self.labels = None if self.subject.mask is None else self.subject.mask.data[0].numpy().astype(np.int64)
        self.label_names = label_names
        self.centroids = None if self.labels is None else label_centroids(self.labels, self.affine)
        grid = tuple(min(config.coarse_grid, n) for n in self.hu.shape)
        self.coarse = coarse_volume(self.hu, self.affine, grid=(grid[0], grid[1], grid[2]))
        check_detector_coverage(self.hu.shape, self.affine, config, case_label)
        if self.labels is None:
            log.warning("a case has no label map: landmarks, anatomy maps and fractures are skipped for it")
        self.fracture_eligible = self.labels is not None and bool(
            bone_labels(self.labels, label_names, config.fracture.structures)
        )
        if self.labels is not None and not self.fracture_eligible:
            warn_once(no_bones_message(config.fracture.structures))
        per = config.fracture_samples_per_variant
        n_groups = -(-n_samples // per)
        self.fractured_group = (
            fracture_flags(rng, n_groups, config.fracture.fraction)
            if self.fracture_eligible
            else np.zeros(n_groups, bool)
        )
        self._variant: tuple[int, Any, Any] | None = None  # (group, subject, record)
        self._renderer: tuple[Any, Renderer] | None = None  # (subject, its prepared renderer)

    def _renderer_for(self, subject: Any) -> Renderer:
        """One prepared renderer per subject (the plain CT or the current fractured variant), reused for every view."""
        if self._renderer is None or self._renderer[0] is not subject:
            sampler = self.config.sampler
            size = sampler.pixel_spacing_mm
            self._renderer = (
                subject,
                Renderer(subject, float(np.mean(sampler.sdd_mm)), sampler.height, size, sampler.width),
            )
        return self._renderer[1]

    def _subject_for(self, sample: int) -> tuple[Any, Any]:
        """The subject to render sample `sample` from (fractured or not) and its fracture record."""
        group = sample // self.config.fracture_samples_per_variant
        if not self.fractured_group[group] or self.labels is None:
            return self.subject, None
        if self._variant is None or self._variant[0] != group:
            result = synthesise_fracture(
                self.hu, self.labels, self.affine, self.label_names, self.rng, self.config.fracture
            )
            if result is None:
                self.fractured_group[:] = False
                return self.subject, None
            volume, record = result
            subject = make_subject(volume, self.affine, self.labels, None)
            self._variant = (group, subject, record)
        return self._variant[1], self._variant[2]

    def build(self, geometry: Any, s: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """(sample dict following the cache contract, index statistics) of sample s."""
        config = self.config
        subject, fracture = self._subject_for(s)
        pose, detectors, matrices = view_pose_and_projection(geometry, config, subject, s)
        n_views = len(detectors)
        height, width = config.sampler.height, config.sampler.width
        base = self._renderer_for(subject)
        images, anatomy = [], []
        for v, detector in enumerate(detectors):
            renderer = base.with_detector(detector)
            view_pose = pose.matrix[v : v + 1]
            images.append(renderer(view_pose)[0].numpy())
            if self.labels is not None:
                anatomy.append(renderer.anatomy(view_pose)[0].numpy().astype(np.uint16))
        footprints = [patch_footprints(self.coarse, matrices[v], height, width, config.grid) for v in range(n_views)]
        correspondence = {
            (a, b): correspondence_from_footprints(self.coarse.weights, footprints[a], footprints[b], config.grid)
            for a in range(n_views)
            for b in range(a + 1, n_views)
        }
        tracks = point_tracks(
            self.hu,
            self.affine,
            matrices,
            height,
            width,
            self.rng,
            n_points=config.n_tracks,
            threshold=config.track_min_hu,
        )
        sample: dict[str, Any] = {
            "images": np.stack(images).astype(np.float32),
            "pose": pose.matrix.numpy().astype(np.float32),
            "projection": matrices,
            "sdd": np.array([d.sdd for d in detectors], np.float32),
            "delx": np.array([d.delx for d in detectors], np.float32),
            "dely": np.array([d.dely for d in detectors], np.float32),
            "x0": np.array([d.x0 for d in detectors], np.float32),
            "y0": np.array([d.y0 for d in detectors], np.float32),
            "height": np.int64(height),
            "width": np.int64(width),
            "tracks_3d": tracks.points_3d.astype(np.float32),
            "tracks_2d": tracks.points_2d.astype(np.float32),
            "tracks_visible": tracks.visible,
            "correspondence": correspondence,
        }
        landmark_fraction = float("nan")
        if self.labels is not None:
            landmarks = label_landmarks(
                self.labels, self.affine, self.label_names, matrices, height, width, centroids=self.centroids
            )
            sample["landmarks_3d"] = landmarks.points_3d.astype(np.float32)
            sample["landmarks_2d"] = landmarks.points_2d.astype(np.float32)
            sample["landmarks_visible"] = landmarks.visible
            sample["landmark_ids"] = np.asarray(landmarks.ids, np.int64)
            sample["landmark_names"] = list(landmarks.names)
            sample["anatomy"] = np.stack(anatomy)
            landmark_fraction = float(np.mean(landmarks.visible))
        sample["fracture"] = self._fracture_entry(fracture, matrices, height, width)
        stats = {
            "fracture": fracture is not None,
            "fracture_eligible": self.fracture_eligible,
            "fracture_structure": fracture.name if fracture is not None else None,
            "nonfinite_count": int(np.count_nonzero(~np.isfinite(sample["images"]))),
            "image_min": float(np.nanmin(sample["images"])),
            "image_max": float(np.nanmax(sample["images"])),
            "correspondence_matches_min": int(min(int((c > MATCH_THRESHOLD).sum()) for c in correspondence.values())),
            "tracks_visible_fraction": float(np.mean(tracks.visible)),
            "landmarks_in_image_fraction": landmark_fraction,
        }
        return sample, stats

    @staticmethod
    def _fracture_entry(record: Any, matrices: np.ndarray, height: int, width: int) -> dict[str, Any]:
        if record is None:
            return {"present": False}
        pixels, visible = fracture_location_2d(record, matrices, height, width)
        return {
            "present": True,
            "structure": record.name,
            "label_id": int(record.label_id),
            "location_3d": [float(v) for v in record.location_mm],
            "location_2d": pixels.tolist(),
            "visible": [bool(v) for v in visible],
            "normal": [float(v) for v in record.normal],
            "gap_mm": float(record.gap_mm),
            "shift_mm": [float(v) for v in record.shift],
        }
