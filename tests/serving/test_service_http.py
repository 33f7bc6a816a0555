"""End to end over HTTP: the REAL BentoML server (`bentoml serve serving.service:XrayMatch`) as a subprocess on a free
loopback port, tiny random-init bundles, the real radiographs of pydicom-data (RG1 chest PA, RG3 tibia/ankle AP, CR,
MONOCHROME1) plus a PNG and a 16-bit TIFF made from them; then every bad input the issue lists, the server's memory
and its log.

What a random-init model can and cannot show: coordinates, shapes and ranges hold for any weights; "an image
matched with itself lands on itself" holds only for view-symmetric weights, so the multiview bundle has its view
embedding zeroed (tests/inference/bundles.py explains why that makes it exact); nothing here measures accuracy.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import math
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest
import yaml

from tests.inference.bundles import make_bundles
from xraymatch.inference.server_process import ServerProcess

REPO = Path(__file__).resolve().parents[2]
MAX_UPLOAD_MB = 16
STARTUP_S = 60
RSS_WARMUP_ROUNDS = 8  # rounds of 7 requests before RSS is sampled: allocator pools, thread pools, lazy imports
RSS_WINDOW_ROUNDS = 8  # rounds per window; RSS is sampled over RSS_WINDOWS consecutive windows
RSS_WINDOWS = 4
RSS_GROWTH_LIMIT_MB = 60  # a 7 MB DICOM kept per good request grows each window's median by ~110 MiB


def _build_reference(params: dict[str, Any], sam_bundle: Path) -> None:
    """A 12-sample drift reference (augmented RG1/RG3) embedded with the test's SAM bundle."""
    from xraymatch.monitoring.config import MonitoringConfig
    from xraymatch.monitoring.jobs import make_reference

    make_reference(MonitoringConfig.from_params(params), model=sam_bundle, samples=12)


class Server(ServerProcess):
    """The real server plus an HTTP client on it."""

    @functools.cached_property
    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60)

    def post(self, route: str, **kwargs: Any) -> httpx.Response:
        return self.client.post(route, **kwargs)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("serve")
    objectives = ("multiview", "sam", "fracture")
    make_bundles(work / "bundles", objectives=objectives)
    params = yaml.safe_load((REPO / "params.yaml").read_text())
    params["serving"]["max_upload_mb"] = MAX_UPLOAD_MB
    # the test's requests go to a store of their own, tested every few requests against a small reference built
    # with the tiny SAM bundle, so that the drift gauges on /metrics get values
    monitoring = params.setdefault("monitoring", {})
    monitoring["store"] = {**monitoring.get("store", {}), "path": str(work / "store.sqlite")}
    monitoring["reference"] = {**monitoring.get("reference", {}), "path": str(work / "reference.npz")}
    monitoring["drift"] = {
        **monitoring.get("drift", {}),
        **{"window": 10, "min_window": 3, "check_every": 5, "permutations": 200},
    }
    _build_reference(params, work / "bundles" / "sam")
    with Server(
        REPO, work, params, work / "bundles", env={"OMP_NUM_THREADS": "1"}, startup_s=STARTUP_S, stop_s=20
    ) as running:
        yield running


# --- the uploads -----------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    """Real radiographs as uploads (DICOM as shipped, PNG 8-bit, TIFF 16-bit) and every bad input of the issue."""
    import pydicom
    import tifffile
    from PIL import Image
    from pydicom.data import get_testdata_file

    from xraymatch.io.xray import read_xray_file

    rg1, rg3 = get_testdata_file("RG1_UNCR.dcm"), get_testdata_file("RG3_UNCR.dcm")
    out = {"rg1.dcm": Path(rg1).read_bytes(), "rg3.dcm": Path(rg3).read_bytes()}
    chest = read_xray_file(rg1).pixels
    ankle = read_xray_file(rg3).pixels[::2, ::2]  # 880 x 880: another size again
    buffer = io.BytesIO()
    Image.fromarray(np.round(ankle * 255).astype(np.uint8)).save(buffer, format="PNG")
    out["rg3.png"] = buffer.getvalue()
    buffer = io.BytesIO()
    tifffile.imwrite(buffer, np.round(chest * 65535).astype(np.uint16))
    out["rg1.tif"] = buffer.getvalue()

    def dicom(edit: Any) -> bytes:
        ds = pydicom.dcmread(rg1)
        edit(ds)
        buffer = io.BytesIO()
        ds.save_as(buffer, enforce_file_format=True)
        return buffer.getvalue()

    out["no_pixels.dcm"] = dicom(lambda ds: delattr(ds, "PixelData"))
    out["huge_header.dcm"] = dicom(lambda ds: (setattr(ds, "Rows", 30000), setattr(ds, "Columns", 30000)))
    out["ct.dcm"] = dicom(lambda ds: setattr(ds, "Modality", "CT"))
    out["mr.dcm"] = dicom(lambda ds: setattr(ds, "Modality", "MR"))
    out["truncated.dcm"] = out["rg1.dcm"][: len(out["rg1.dcm"]) // 2]
    out["header_only.dcm"] = out["rg1.dcm"][:700]
    out["corrupt.dcm"] = out["rg1.dcm"][:132] + bytes(range(256)) * 40
    buffer = io.BytesIO()
    Image.new("L", (1, 1), 128).save(buffer, format="PNG")
    out["one_pixel.png"] = buffer.getvalue()
    out["text.txt"] = b"this is not an image\n" * 20
    return out


PATIENT_VALUES = ("CompressedSamples^RG1", "CompressedSamples", "9RG1", "Philips Medical Systems Hamburg")


def _shape(data: bytes) -> tuple[int, int]:
    from xraymatch.io.xray import read_xray

    return read_xray(data).pixels.shape  # type: ignore[return-value]


def _error(response: httpx.Response, status: int | tuple[int, ...] = 400) -> str:
    """Assert a handled error: the status, a JSON body {"error": one line}; return the message."""
    statuses = (status,) if isinstance(status, int) else status
    assert response.status_code in statuses, (response.status_code, response.text[:300])
    body = response.json()
    assert set(body) == {"error"} and isinstance(body["error"], str) and body["error"], body
    assert "\n" not in body["error"]
    return body["error"]


# --- good requests ---------------------------------------------------------------------------------------------------


def test_embed_every_format(server: Server, files: dict[str, bytes]) -> None:
    vectors = {}
    for name in ("rg1.dcm", "rg3.dcm", "rg3.png", "rg1.tif"):
        response = server.post("/embed", files={"image": (name, files[name])})
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"embedding", "dim", "model_version"} and body["model_version"] == "tiny-sam/1"
        assert len(body["embedding"]) == body["dim"] == 64  # fine and coarse means of the tiny 32-d SAM
        assert math.isclose(sum(v * v for v in body["embedding"]), 1.0, rel_tol=1e-4)
        vectors[name] = np.array(body["embedding"])
    # the 16-bit TIFF re-encodes the DICOM's display pixels: the same image, so (nearly) the same embedding
    assert float(vectors["rg1.dcm"] @ vectors["rg1.tif"]) > 0.999


def test_match_coordinates_lie_in_each_upload(server: Server, files: dict[str, bytes]) -> None:
    for a, b in (("rg1.dcm", "rg3.dcm"), ("rg3.png", "rg1.tif")):
        response = server.post("/match", files={"view_a": (a, files[a]), "view_b": (b, files[b])}, data={"top_k": "25"})
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["model_version"] == "tiny-multiview/1" and 1 <= len(body["matches"]) <= 25
        (ha, wa), (hb, wb) = _shape(files[a]), _shape(files[b])
        for m in body["matches"]:
            assert 0 <= m["xa"] <= wa and 0 <= m["ya"] <= ha, m
            assert 0 <= m["xb"] <= wb and 0 <= m["yb"] <= hb, m


def test_an_image_matched_with_itself_lands_on_itself(server: Server, files: dict[str, bytes]) -> None:
    for name in ("rg1.dcm", "rg3.png"):
        response = server.post("/match", files={"view_a": ("a", files[name]), "view_b": ("b", files[name])})
        body = response.json()
        assert response.status_code == 200 and len(body["matches"]) == 50  # the default top_k
        height, width = _shape(files[name])
        patch = max(height, width) / 8  # grid 8
        for m in body["matches"]:
            assert math.hypot(m["xa"] - m["xb"], m["ya"] - m["yb"]) < 0.05 * patch, m


def test_locate_points_in_query_pixels(server: Server, files: dict[str, bytes]) -> None:
    points = [[100, 200], [920.5, 977.5], [1841, 1955], [0, 0]]
    response = server.post(
        "/locate",
        files={"template": ("t", files["rg1.dcm"]), "query": ("q", files["rg3.png"])},
        data={"points": json.dumps(points)},
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["model_version"] == "tiny-sam/1" and len(body["points"]) == len(points)
    for found in body["points"]:
        assert set(found) == {"x", "y", "score"}
        assert 0 <= found["x"] <= 880 and 0 <= found["y"] <= 880  # the PNG is 880 x 880
    # in the template itself every point comes back within two fine cells (2 x 2 model px = 122 px here)
    response = server.post(
        "/locate",
        files={"template": ("t", files["rg1.dcm"]), "query": ("q", files["rg1.tif"])},
        data={"points": json.dumps(points[:2])},
    )
    for (x, y), found in zip(points[:2], response.json()["points"], strict=True):
        assert math.hypot(found["x"] - x, found["y"] - y) <= 2 * 2 * 1955 / 64


def test_classify(server: Server, files: dict[str, bytes]) -> None:
    views = [("views", ("a", files["rg1.dcm"])), ("views", ("b", files["rg3.png"])), ("views", ("c", files["rg1.tif"]))]
    response = server.post("/classify", files=views)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"fracture_probability", "model_version"} and 0.0 <= body["fracture_probability"] <= 1.0


def test_bentoml_endpoints_and_openapi(server: Server) -> None:
    assert server.client.get("/livez").status_code == 200
    assert server.client.get("/readyz").status_code == 200
    metrics = server.client.get("/metrics")
    assert metrics.status_code == 200 and "bentoml_service_request_total" in metrics.text
    assert "xraymatch_monitoring_requests" in metrics.text
    # the earlier tests sent more than check_every good images: a window was tested against the reference
    for gauge in ("xraymatch_drift_detected", "xraymatch_drift_mmd_p_value", "xraymatch_drift_window_images"):
        assert gauge in metrics.text, gauge
    window = [line for line in metrics.text.splitlines() if line.startswith("xraymatch_drift_window_images")]
    assert window and float(window[0].split()[-1]) == 4, window  # 4 distinct uploads: identical ones count once
    requests = [line for line in metrics.text.splitlines() if line.startswith("xraymatch_drift_window_requests")]
    assert requests and float(requests[0].split()[-1]) >= 5, requests
    spec = server.client.get("/docs.json").json()
    for route, fields in {
        "/embed": {"image"},
        "/match": {"view_a", "view_b", "top_k"},
        "/locate": {"template", "query", "points"},
        "/classify": {"views"},
    }.items():
        schema = spec["paths"][route]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"]
        assert set(schema["properties"]) == fields
    assert server.client.get("/").status_code == 200  # the Swagger UI page


# --- bad requests ----------------------------------------------------------------------------------------------------

BAD_IMAGES = {
    "truncated.dcm": "corrupt or truncated DICOM",
    "header_only.dcm": "DICOM",
    "corrupt.dcm": "image: ",  # a DICM preamble then noise: any one-line refusal
    "no_pixels.dcm": "without pixel data",
    "huge_header.dcm": "above 16384 pixels",
    "ct.dcm": "not a projection X-ray",
    "mr.dcm": "not a projection X-ray",
    "one_pixel.png": "smaller than",
    "text.txt": "not an image",
}


@pytest.mark.parametrize("name", sorted(BAD_IMAGES))
def test_bad_images_are_4xx_one_line(server: Server, files: dict[str, bytes], name: str) -> None:
    message = _error(server.post("/embed", files={"image": (name, files[name])}))
    assert BAD_IMAGES[name] in message and message.startswith("image")
    # the same upload as the second view of /match is blamed on that field
    response = server.post("/match", files={"view_a": ("a", files["rg3.png"]), "view_b": (name, files[name])})
    assert _error(response).startswith("view_b")


def test_bad_requests_are_4xx_one_line(server: Server, files: dict[str, bytes]) -> None:
    good = files["rg3.png"]
    assert "multipart/form-data" in _error(server.post("/embed", json={"image": "x"}), 415)
    assert "multipart/form-data" in _error(
        server.post("/embed", content=good, headers={"content-type": "image/png"}), 415
    )
    assert "multipart/form-data" in _error(server.post("/match"), 415)
    empty_form = {"content": b"--xx--\r\n", "headers": {"content-type": "multipart/form-data; boundary=xx"}}
    assert "image: missing" in _error(server.post("/embed", **empty_form))
    assert "unknown field 'imgae'" in _error(server.post("/embed", files={"imgae": ("x", good)}))
    broken = {"content": b"--xx\r\nnot a part", "headers": {"content-type": "multipart/form-data; boundary=xx"}}
    _error(server.post("/embed", **broken))
    assert "image: a text value" in _error(server.post("/embed", files={"image": (None, "http://127.0.0.1/x.dcm")}))
    assert "view_b: missing" in _error(server.post("/match", files={"view_a": ("a", good)}))
    assert "points: missing" in _error(server.post("/locate", files={"template": ("t", good), "query": ("q", good)}))
    for points, expected in (
        ("[[10, 20]", "not valid JSON"),
        ('{"x": 1}', "list"),
        ("[[10]]", "pair"),
        ("[[5000, 20]]", "outside the template"),
    ):
        response = server.post(
            "/locate", files={"template": ("t", good), "query": ("q", good)}, data={"points": points}
        )
        assert expected in _error(response)
    assert "top_k" in _error(
        server.post("/match", files={"view_a": ("a", good), "view_b": ("b", good)}, data={"top_k": "0"})
    )
    assert "top_k" in _error(
        server.post("/match", files={"view_a": ("a", good), "view_b": ("b", good)}, data={"top_k": "x"})
    )
    assert "two or more" in _error(server.post("/classify", files=[("views", ("a", good))]), (400, 503))
    too_big = b"\0" * (MAX_UPLOAD_MB * 2**20 + 1)
    assert "above" in _error(server.post("/embed", files={"image": ("big.dcm", too_big)}), 413)


def test_memory_stays_flat_and_the_log_holds_no_header_value(server: Server, files: dict[str, bytes]) -> None:
    def round_of_requests() -> None:
        assert server.post("/embed", files={"image": ("a", files["rg1.dcm"])}).status_code == 200
        response = server.post("/match", files={"view_a": ("a", files["rg3.dcm"]), "view_b": ("b", files["rg1.tif"])})
        assert response.status_code == 200
        for name in ("truncated.dcm", "huge_header.dcm", "ct.dcm", "no_pixels.dcm", "one_pixel.png"):
            assert server.post("/embed", files={"image": (name, files[name])}).status_code == 400

    # RSS after one round swings by +-50 MiB (allocator pools, worker threads) and can step up once by ~60 MiB even
    # after warm-up (seen in CI: flat, one step, flat again), so neither one before/after pair nor two windows tell a
    # leak from noise. A leak grows in every window: fail only when the median grows between *every* pair of
    # consecutive windows.
    for _ in range(RSS_WARMUP_ROUNDS):
        round_of_requests()
    samples = []
    for _ in range(RSS_WINDOW_ROUNDS * RSS_WINDOWS):
        round_of_requests()
        samples.append(server.rss_mb())
    medians = [
        statistics.median(samples[i * RSS_WINDOW_ROUNDS : (i + 1) * RSS_WINDOW_ROUNDS]) for i in range(RSS_WINDOWS)
    ]
    growths = [later - earlier for earlier, later in itertools.pairwise(medians)]
    assert min(growths) < RSS_GROWTH_LIMIT_MB, (
        f"server RSS median grew in every window {[round(m) for m in medians]} MiB: {samples}"
    )
    time.sleep(0.5)  # let after-response jobs finish writing
    log = server.log()
    assert "Service xraymatch initialized" in log
    for value in PATIENT_VALUES:
        assert value not in log, f"the server log quotes a DICOM header value ({value[:4]}...)"
    assert "Traceback" not in log, log[-2000:]
