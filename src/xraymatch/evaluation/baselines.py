"""Classical baselines computed beside every model: keypoint matching (SIFT/ORB + ratio test) and NCC templates.

Keypoint matching predicts where a point of view A lands in view B from the displacement of its nearest ratio-test
matches (inverse-distance weighted over the k nearest), and turns matches into a patch correspondence matrix.
NCC template matching locates a template point by normalised cross-correlation of the patch around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt


def to_uint8(image: npt.ArrayLike) -> npt.NDArray[np.uint8]:
    """An image in [0, 1] (H, W) as 8-bit for OpenCV."""
    return np.clip(np.rint(np.asarray(image, float) * 255), 0, 255).astype(np.uint8)


@dataclass(frozen=True)
class Matches:
    """Ratio-test matches: points in view A (K, 2) and their partners in view B (K, 2), pixel (u, v)."""

    a: npt.NDArray[np.float64]
    b: npt.NDArray[np.float64]


def keypoint_matches(
    image_a: npt.ArrayLike, image_b: npt.ArrayLike, method: str = "sift", ratio: float = 0.8
) -> Matches:
    """Detect, describe and match with Lowe's ratio test; `method` is 'sift' or 'orb'."""
    import cv2

    factory: Any = cv2  # OpenCV's stubs miss the feature factories
    a8, b8 = to_uint8(image_a), to_uint8(image_b)
    if method == "sift":
        detector = factory.SIFT_create()
        norm = cv2.NORM_L2
    elif method == "orb":
        detector = factory.ORB_create(nfeatures=1000, edgeThreshold=8, patchSize=15)
        norm = cv2.NORM_HAMMING
    else:
        raise ValueError(f"keypoint method {method!r}: use 'sift' or 'orb'")
    kp_a, desc_a = detector.detectAndCompute(a8, None)
    kp_b, desc_b = detector.detectAndCompute(b8, None)
    if desc_a is None or desc_b is None or len(kp_a) < 2 or len(kp_b) < 2:
        return Matches(np.zeros((0, 2)), np.zeros((0, 2)))
    pairs = cv2.BFMatcher(norm).knnMatch(desc_a, desc_b, k=2)
    good = [m for m, n in (p for p in pairs if len(p) == 2) if m.distance < ratio * n.distance]
    # OpenCV keypoints are pixel-centre based (pixel i at i); the project's pixel i covers [i, i+1]
    a = np.array([kp_a[m.queryIdx].pt for m in good], dtype=np.float64).reshape(-1, 2) + 0.5
    b = np.array([kp_b[m.trainIdx].pt for m in good], dtype=np.float64).reshape(-1, 2) + 0.5
    return Matches(a, b)


def transfer_points(matches: Matches, points: npt.ArrayLike, k: int = 3) -> npt.NDArray[np.float64]:
    """Predict where points (N, 2) of view A land in view B from their k nearest matches' displacements."""
    points = np.asarray(points, float)
    if len(matches.a) == 0:
        return points.copy()  # no match at all: the identity is the only guess
    distance = np.linalg.norm(points[:, None, :] - matches.a[None, :, :], axis=-1)
    k = min(k, len(matches.a))
    nearest = np.argsort(distance, axis=1)[:, :k]
    weights = 1.0 / (np.take_along_axis(distance, nearest, axis=1) + 1.0)
    displacement = (matches.b - matches.a)[nearest]
    return points + (weights[..., None] * displacement).sum(axis=1) / weights.sum(axis=1, keepdims=True)


def matches_to_matrix(matches: Matches, grid: int, height: int, width: int) -> npt.NDArray[np.float32]:
    """A (G^2, G^2) patch matrix from matches: each match votes for its patch pair; rows scaled to max 1."""
    matrix = np.zeros((grid * grid, grid * grid), np.float32)
    if len(matches.a) == 0:
        return matrix

    def patch(points: npt.NDArray[np.float64]) -> npt.NDArray[np.int64]:
        col = np.clip((points[:, 0] / width * grid).astype(int), 0, grid - 1)
        row = np.clip((points[:, 1] / height * grid).astype(int), 0, grid - 1)
        return row * grid + col

    np.add.at(matrix, (patch(matches.a), patch(matches.b)), 1.0)
    return matrix / max(float(matrix.max()), 1.0)


def ncc_locate(
    template_image: npt.ArrayLike, template_points: npt.ArrayLike, query_image: npt.ArrayLike, half: int = 8
) -> npt.NDArray[np.float64]:
    """Locate each template point (N, 2) in the query by NCC of the (2*half)^2 patch around it (edge-padded)."""
    import cv2

    template = np.pad(np.asarray(template_image, np.float32), half, mode="edge")
    query = np.pad(np.asarray(query_image, np.float32), half, mode="edge")
    out = []
    for u, v in np.asarray(template_points, float):
        col, row = (
            int(np.clip(u, 0, template.shape[1] - 2 * half - 1)),
            int(np.clip(v, 0, template.shape[0] - 2 * half - 1)),
        )
        patch = template[row : row + 2 * half, col : col + 2 * half]
        if float(patch.std()) < 1e-6:
            out.append((u, v))  # a flat patch carries no information: keep the point where it was
            continue
        score = cv2.matchTemplate(query, patch, cv2.TM_CCOEFF_NORMED)
        best_row, best_col = np.unravel_index(int(np.argmax(score)), score.shape)
        out.append((best_col + (u - col), best_row + (v - row)))
    return np.asarray(out, dtype=np.float64)
