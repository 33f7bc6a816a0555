"""Simple pinhole cameras P = K [R | t] for the target tests (C-arm-like: source on a sphere around the origin)."""

from __future__ import annotations

import numpy as np


def carm_projection(
    primary_deg: float = 0.0,
    tilt_deg: float = 0.0,
    sid: float = 1000.0,
    sdd: float = 2000.0,
    size: int = 256,
    pixel: float = 2.0,
) -> np.ndarray:
    """(3, 4) matrix of a source `sid` mm from the origin (primary about z, tilt towards +z) looking at the origin."""
    a, b = np.deg2rad(primary_deg), np.deg2rad(tilt_deg)
    source = sid * np.array([-np.sin(a) * np.cos(b), np.cos(a) * np.cos(b), np.sin(b)])
    forward = -source / sid
    down = np.array([0.0, 0.0, -1.0])
    down = down - forward * (down @ forward)
    down /= np.linalg.norm(down)
    right = np.cross(down, forward)
    R = np.stack([right, down, forward])
    f = sdd / pixel
    K = np.array([[f, 0.0, size / 2], [0.0, f, size / 2], [0.0, 0.0, 1.0]])
    return K @ np.concatenate([R, (-R @ source)[:, None]], axis=1)


def fundamental(P_a: np.ndarray, P_b: np.ndarray) -> np.ndarray:
    """F with x_b^T F x_a = 0 for the projections x_a, x_b of one world point (Hartley & Zisserman 9.2.2)."""
    centre_a = np.linalg.svd(P_a)[2][-1]
    epipole_b = P_b @ centre_a
    skew = np.array(
        [[0, -epipole_b[2], epipole_b[1]], [epipole_b[2], 0, -epipole_b[0]], [-epipole_b[1], epipole_b[0], 0]]
    )
    return skew @ P_b @ np.linalg.pinv(P_a)
