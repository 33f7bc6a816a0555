"""Load and reliability benchmark of the REAL BentoML server on loopback (`make bench-serve`).

Bundles: serving/bundles when `make package` wrote them (the champions); else bundles made from the trained
checkpoints models/<objective>/checkpoints/last.ckpt; else tiny random-init ones. The table says which.

1. In-process reference times (before any server runs): the model forward alone on prepared inputs, and the whole
   in-process pipeline (decode the uploads + prepare + forward + finish), medians over a few runs.
2. Sequential HTTP (concurrency 1): p50 per endpoint with the real radiographs (pydicom-data RG1/RG3 CR DICOMs),
   divided by the forward time (the issue's ratio, goal <= 1.3) and by the in-process pipeline time (what HTTP,
   multipart and BentoML add on top of the same work).
3. Concurrency 16 on /match, batching on vs off (`serving.batching.enabled`): p50/p99 latency, throughput, error
   count (must be 0), server RSS before/after, mean images per forward. Each run is bounded by a request count and
   a time limit.

Writes metrics/bench_serve.json and prints a table. The server's monitoring store goes to a temporary directory.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import yaml

if TYPE_CHECKING:
    from xraymatch.inference.server_process import ServerProcess

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "metrics" / "bench_serve.json"


# --- bundles -----------------------------------------------------------------------------------------------------


def prepare_bundles(work: Path) -> tuple[Path, str]:
    """A bundles directory and a description of where its models come from."""
    packaged = REPO / "serving" / "bundles"
    if all((packaged / name / "bundle.json").is_file() for name in ("multiview", "sam")):
        return packaged, "packaged champions (serving/bundles)"
    checkpoints = {name: REPO / "models" / name / "checkpoints" / "last.ckpt" for name in ("multiview", "sam")}
    fracture = REPO / "models" / "fracture" / "checkpoints" / "last.ckpt"
    if fracture.is_file():
        checkpoints["fracture"] = fracture
    if all(checkpoints[name].is_file() for name in ("multiview", "sam")):
        for name, path in checkpoints.items():
            bundle_from_checkpoint(name, path, work / "bundles" / name)
        return work / "bundles", "trained checkpoints (models/*/checkpoints/last.ckpt), unpackaged"
    sys.path.insert(0, str(REPO))
    from tests.inference.bundles import make_bundles

    make_bundles(work / "bundles", image_size=128, grid=8, same_views=False)
    return work / "bundles", "tiny random-init models (no package, no checkpoints)"


def bundle_from_checkpoint(objective: str, path: Path, out: Path) -> None:
    import torch

    import xraymatch.objectives  # noqa: F401
    from xraymatch.models.registry import get_model_class
    from xraymatch.registry.bundle import save_bundle

    stamp = torch.load(path, map_location="cpu", weights_only=False).get("xraymatch", {})
    model = get_model_class(objective).load_from_checkpoint(str(path), map_location="cpu").eval()
    size = int(stamp.get("cache_geometry", {}).get("height", 128))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    save_bundle(model, objective, out, image_size=size, version=f"checkpoint:{objective}:{digest}")


# --- in-process reference ----------------------------------------------------------------------------------------


def uploads() -> dict[str, bytes]:
    from pydicom.data import get_testdata_file

    return {name: Path(get_testdata_file(f"{name}_UNCR.dcm")).read_bytes() for name in ("RG1", "RG3")}


def median_time(func: Any, repeats: int) -> float:
    func()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_process(bundles: Path, files: dict[str, bytes], repeats: int) -> dict[str, dict[str, float]]:
    """Median seconds of the forward alone and of the whole pipeline, per endpoint."""
    import torch

    from xraymatch import inference as inf
    from xraymatch.io.xray import read_xray

    models = inf.ModelSet.load(bundles)
    sam, multiview = models.get("sam"), models.get("multiview")
    chest, ankle = read_xray(files["RG1"]), read_xray(files["RG3"])
    points = [(100.0, 200.0), (900.0, 1000.0)]
    out: dict[str, dict[str, float]] = {}
    with torch.inference_mode():
        x_embed = inf.prepare_embed(sam, chest).inputs
        x_match = inf.prepare_match(multiview, chest, ankle).inputs
        x_locate = inf.prepare_locate(sam, chest, ankle).inputs
        out["embed"] = {
            "forward_s": median_time(lambda: inf.FORWARDS["sam"](sam, x_embed), repeats),
            "pipeline_s": median_time(lambda: inf.embed(sam, read_xray(files["RG1"])), repeats),
        }
        out["match"] = {
            "forward_s": median_time(lambda: inf.FORWARDS["multiview"](multiview, x_match), repeats),
            "pipeline_s": median_time(
                lambda: inf.match(multiview, read_xray(files["RG1"]), read_xray(files["RG3"]), 50), repeats
            ),
        }
        out["locate"] = {
            "forward_s": median_time(lambda: inf.FORWARDS["sam"](sam, x_locate), repeats),
            "pipeline_s": median_time(
                lambda: inf.locate(sam, read_xray(files["RG1"]), read_xray(files["RG3"]), points), repeats
            ),
        }
    return out


# --- the server ----------------------------------------------------------------------------------------------------


def start_server(work: Path, bundles: Path, batching: bool, tag: str) -> ServerProcess:
    """The real server with the repository's params, batching on or off, and a monitoring store of its own."""
    from xraymatch.inference.server_process import ServerProcess, ServerStartError

    params = yaml.safe_load((REPO / "params.yaml").read_text())
    params["serving"]["batching"]["enabled"] = batching
    monitoring = params.setdefault("monitoring", {})
    monitoring["store"] = {**monitoring.get("store", {}), "path": str(work / f"store-{tag}.sqlite")}
    reference = str(REPO / monitoring.get("reference", {}).get("path", "monitoring/reference/default.npz"))
    monitoring["reference"] = {**monitoring.get("reference", {}), "path": reference}
    try:
        return ServerProcess(REPO, work, params, bundles, tag=tag, startup_s=120)
    except ServerStartError as exc:
        raise SystemExit(str(exc)) from None


REQUESTS = {
    "embed": lambda f: {"files": {"image": ("a.dcm", f["RG1"])}},
    "match": lambda f: {"files": {"view_a": ("a.dcm", f["RG1"]), "view_b": ("b.dcm", f["RG3"])}},
    "locate": lambda f: {
        "files": {"template": ("t.dcm", f["RG1"]), "query": ("q.dcm", f["RG3"])},
        "data": {"points": "[[100, 200], [900, 1000]]"},
    },
}


def load(url: str, route: str, payload: dict[str, Any], concurrency: int, count: int, limit_s: float) -> dict[str, Any]:
    """`count` requests (at most `limit_s` seconds) from `concurrency` client threads: latencies, errors."""
    latencies: list[float] = []
    errors = 0
    deadline = time.monotonic() + limit_s
    issued = 0

    def worker() -> tuple[list[float], int]:
        nonlocal issued
        mine, bad = [], 0
        with httpx.Client(base_url=url, timeout=120) as client:
            while time.monotonic() < deadline:
                if issued >= count:
                    break
                issued += 1  # a benign race: at most concurrency - 1 extra requests
                start = time.perf_counter()
                try:
                    ok = client.post(route, **payload).status_code == 200
                except httpx.HTTPError:
                    ok = False
                mine.append(time.perf_counter() - start)
                bad += not ok
        return mine, bad

    started = time.perf_counter()
    with cf.ThreadPoolExecutor(concurrency) as pool:
        for mine, bad in pool.map(lambda _: worker(), range(concurrency)):
            latencies += mine
            errors += bad
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": errors,
        "wall_s": wall,
        "throughput_rps": len(latencies) / wall,
        "p50_s": latencies[len(latencies) // 2],
        "p99_s": latencies[min(len(latencies) - 1, round(0.99 * (len(latencies) - 1)))],
    }


# --- main --------------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sequential", type=int, default=15, help="requests per endpoint at concurrency 1")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--count", type=int, default=96, help="requests per concurrent run")
    parser.add_argument("--limit-s", type=float, default=90.0, help="time limit of each concurrent run")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)

    import torch

    from xraymatch.inference.config import load_serving_params

    config = load_serving_params(REPO / "params.yaml")[1]
    if config.torch_threads:  # the in-process reference runs like the server does
        torch.set_num_threads(config.torch_threads)
    files = uploads()
    results: dict[str, Any] = {"threads": torch.get_num_threads(), "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        work = Path(tmp)
        bundles, source = prepare_bundles(work)
        results["models"] = source
        print(f"models: {source}")
        results["in_process"] = in_process(bundles, files, repeats=5)

        server = start_server(work, bundles, batching=True, tag="on")
        try:
            sequential = {}
            for route, make in REQUESTS.items():
                run = load(server.url, f"/{route}", make(files), 1, args.sequential, args.limit_s)
                reference = results["in_process"][route]
                run["p50_over_forward"] = run["p50_s"] / reference["forward_s"]
                run["p50_over_pipeline"] = run["p50_s"] / reference["pipeline_s"]
                sequential[route] = run
            results["sequential"] = sequential
            results["concurrent"] = {"batching_on": concurrent_run(server, files, args)}
        finally:
            server.stop()
        server = start_server(work, bundles, batching=False, tag="off")
        try:
            results["concurrent"]["batching_off"] = concurrent_run(server, files, args)
        finally:
            server.stop()

    args.out.parent.mkdir(parents=True, exist_ok=True)
    tmp_out = args.out.with_suffix(".json.tmp")
    tmp_out.write_text(json.dumps(results, indent=2))
    tmp_out.replace(args.out)
    print_table(results)
    errors = sum(run["errors"] for run in results["concurrent"].values()) + sum(
        run["errors"] for run in results["sequential"].values()
    )
    return 1 if errors else 0


def concurrent_run(server: ServerProcess, files: dict[str, bytes], args: argparse.Namespace) -> dict[str, Any]:
    # warm-up at full concurrency: the dispatcher's latency model, thread pools and the allocator's high-water mark
    # (16 requests in flight hold 32 decoded radiographs), so that before/after shows growth beyond it (a leak)
    load(server.url, "/match", REQUESTS["match"](files), args.concurrency, 2 * args.concurrency, args.limit_s)
    before = server.rss_mb()
    run = load(server.url, "/match", REQUESTS["match"](files), args.concurrency, args.count, args.limit_s)
    run["rss_before_mb"], run["rss_after_mb"] = before, server.rss_mb()
    run["mean_images_per_forward"] = mean_batch(httpx.get(f"{server.url}/metrics", timeout=10).text, "multiview")
    return run


def mean_batch(metrics: str, model: str) -> float | None:
    """Mean of the xraymatch_model_batch_images histogram of one model (since the server started)."""
    values = {}
    for line in metrics.splitlines():
        for kind in ("sum", "count"):
            if line.startswith(f"xraymatch_model_batch_images_{kind}{{") and f'model="{model}"' in line:
                values[kind] = values.get(kind, 0.0) + float(line.split()[-1])
    return values["sum"] / values["count"] if values.get("count") else None


def print_table(results: dict[str, Any]) -> None:
    print(f"\nmodels: {results['models']}; torch threads {results['threads']}, {results['cpus']} CPUs")
    print("\nconcurrency 1 (real CR DICOMs, ~7 MB each)")
    print(
        f"{'endpoint':<9}{'forward ms':>11}{'pipeline ms':>12}{'HTTP p50 ms':>12}{'p99 ms':>9}"
        f"{'p50/fwd':>9}{'p50/pipe':>9}"
    )
    for route, run in results["sequential"].items():
        ref = results["in_process"][route]
        print(
            f"{route:<9}{ref['forward_s'] * 1e3:>11.1f}{ref['pipeline_s'] * 1e3:>12.1f}{run['p50_s'] * 1e3:>12.1f}"
            f"{run['p99_s'] * 1e3:>9.1f}{run['p50_over_forward']:>9.2f}{run['p50_over_pipeline']:>9.2f}"
        )
    print("\n/match at concurrency 16")
    print(
        f"{'batching':<10}{'requests':>9}{'errors':>7}{'p50 ms':>9}{'p99 ms':>9}{'req/s':>7}{'RSS before':>11}"
        f"{'after MB':>9}{'img/fwd':>8}"
    )
    for name, run in results["concurrent"].items():
        print(
            f"{name.removeprefix('batching_'):<10}{run['requests']:>9}{run['errors']:>7}{run['p50_s'] * 1e3:>9.0f}"
            f"{run['p99_s'] * 1e3:>9.0f}{run['throughput_rps']:>7.2f}{run['rss_before_mb']:>11.0f}"
            f"{run['rss_after_mb']:>9.0f}{run['mean_images_per_forward'] or float('nan'):>8.2f}"
        )


if __name__ == "__main__":
    raise SystemExit(main())
