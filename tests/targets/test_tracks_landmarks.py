"""Point tracks and projected landmarks."""

from __future__ import annotations

import numpy as np
import pytest

from tests.targets.cameras import carm_projection
from tests.targets.phantoms import chest_phantom
from xraymatch.errors import InputError
from xraymatch.targets.camera import project_views
from xraymatch.targets.landmarks import label_landmarks
from xraymatch.targets.tracks import point_tracks

VIEWS = np.stack([carm_projection(0, 0), carm_projection(60, 15, sid=1050, sdd=2200)])


def test_tracks_lie_in_tissue_and_project_through_P():
    phantom = chest_phantom()
    tracks = point_tracks(phantom.hu, phantom.affine, VIEWS, 256, 256, np.random.default_rng(0), n_points=500)
    assert (
        tracks.points_3d.shape == (500, 3)
        and tracks.points_2d.shape == (2, 500, 2)
        and tracks.visible.shape == (2, 500)
    )
    voxel = np.rint((tracks.points_3d - phantom.affine[:3, 3]) / 4.0).astype(int)
    assert np.all(phantom.hu[tuple(voxel.T)] > -300)
    for view, P in enumerate(VIEWS):
        hom = np.c_[tracks.points_3d, np.ones(500)] @ P.T
        np.testing.assert_allclose(tracks.points_2d[view], hom[:, :2] / hom[:, 2:], rtol=1e-5, atol=1e-3)
    assert tracks.visible.all()  # the phantom is inside both fields of view


def test_tracks_are_deterministic_given_the_seed():
    phantom = chest_phantom()
    a = point_tracks(phantom.hu, phantom.affine, VIEWS, 256, 256, np.random.default_rng(3), n_points=50)
    b = point_tracks(phantom.hu, phantom.affine, VIEWS, 256, 256, np.random.default_rng(3), n_points=50)
    np.testing.assert_array_equal(a.points_3d, b.points_3d)
    with pytest.raises(InputError, match="threshold"):
        point_tracks(phantom.hu, phantom.affine, VIEWS, 256, 256, np.random.default_rng(3), threshold=5000)


def test_visibility_flags_are_exact_at_the_image_borders():
    # a camera at the origin looking along +z with identity intrinsics: pixel = (x / z, y / z)
    P = np.array([[1.0, 0, 0, 0], [0, 1.0, 0, 0], [0, 0, 1.0, 0]])
    P[:, 3] += P[:, :3] @ [0, 0, 1.0]  # keep the origin in front (w = z + 1)
    points = np.array([[0, 0, 0], [9.99, 0, 0], [10, 0, 0], [-0.01, 0, 0], [0, 7.99, 0], [0, 8, 0], [5, 5, -2]])
    _, visible = project_views(P, points, height=8, width=10)
    np.testing.assert_array_equal(visible[0], [True, True, False, False, True, False, False])


def test_landmark_of_a_labelled_cube_projects_to_its_centre():
    labels = np.zeros((40, 40, 40), dtype=np.uint16)
    labels[5:15, 20:30, 8:12] = 7  # index centre (9.5, 24.5, 9.5)
    labels[30:32, 30:32, 30:32] = 2
    affine = np.diag([2.0, 3.0, 4.0, 1.0])
    affine[:3, 3] = [-40.0, -60.0, -80.0]
    marks = label_landmarks(labels, affine, {7: "sternum"}, VIEWS, 256, 256)
    assert list(marks.ids) == [2, 7] and marks.names == ["label_2", "sternum"]
    centre = np.array([9.5 * 2 - 40, 24.5 * 3 - 60, 9.5 * 4 - 80])
    np.testing.assert_allclose(marks.points_3d[1], centre)
    for view, P in enumerate(VIEWS):
        u, v, w = P @ np.append(centre, 1.0)
        np.testing.assert_allclose(marks.points_2d[view, 1], [u / w, v / w], rtol=1e-5)
    assert marks.visible.shape == (2, 2) and marks.visible.all()
