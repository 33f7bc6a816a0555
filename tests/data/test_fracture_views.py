"""A fractured sample differs from its unfractured twin only near the projected cut, in every view."""

from __future__ import annotations

import numpy as np
import torch

from tests.data.conftest import full_length_body
from tests.targets.phantoms import chest_phantom
from xraymatch.data.render import make_subject
from xraymatch.drr import Renderer
from xraymatch.geometry.projection import Detector, projection_matrices
from xraymatch.targets.fractures import FractureConfig, fracture_location_2d, synthesise_fracture


def test_fracture_changes_only_pixels_near_its_projection() -> None:
    phantom = chest_phantom(n=64, spacing=4.0)
    hu = full_length_body(phantom.hu)
    config = FractureConfig(structures=("rib_",), gap_mm=(3.0, 3.0), shift_mm=(3.0, 3.0), radius_mm=12.0)
    rng = np.random.default_rng(4)
    fractured, record = synthesise_fracture(hu, phantom.labels, phantom.affine, phantom.label_names, rng, config)
    assert record.name == "rib_left_5"
    from diffdrr.pose import convert

    angles = torch.tensor([[0.0, 0.0, 0.0], [np.pi / 2, 0.2, 0.0]])
    pose = convert(angles, torch.tensor([[0.0, 1000.0, 0.0]] * 2), parameterization="euler_angles", convention="ZXY")
    detector = Detector(sdd=1800.0, height=96, width=96, delx=4.0, dely=4.0)
    plain = make_subject(hu, phantom.affine, phantom.labels, None)
    broken = make_subject(fractured, phantom.affine, phantom.labels, None)
    args = (detector.sdd, detector.height, detector.delx)
    before, after = Renderer(plain, *args)(pose)[:, 0], Renderer(broken, *args)(pose)[:, 0]
    matrices = projection_matrices(pose.matrix, detector, plain.reorient).numpy()
    # The subject is re-centred by DiffDRR: express the record in its world frame.
    offset = np.asarray(plain.volume.affine)[:3, 3] - phantom.affine[:3, 3]
    record_world = type(record)(**{**record.__dict__, "location_mm": record.location_mm + offset})
    centres, visible = fracture_location_2d(record_world, matrices, detector.height, detector.width)
    magnification = detector.sdd / 1000.0
    radius_px = (config.radius_mm + 3.0 + 3.0) * magnification / detector.delx + 2.0
    for view in range(2):
        assert visible[view]
        changed = np.argwhere((after[view] - before[view]).abs().numpy() > 1e-3)
        assert len(changed) > 0, "the fracture must show in every view"
        distance = np.linalg.norm(changed[:, ::-1] + 0.5 - centres[view], axis=1)
        assert distance.max() <= radius_px, (view, distance.max(), radius_px)
