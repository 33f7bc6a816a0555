"""Issue 6 follow-up: a drift window counts identical uploads once (keyed pixel fingerprints in the store), and a
reference built from other params or another model is rebuilt by `drift-reference --if-missing` and refused by
`xraymatch drift`. The embedder is the tiny seeded random-init SAM of conftest.py; images are RG1/RG3 shrunk to 256."""

from __future__ import annotations

import io
import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from PIL import Image

from xraymatch.cli import main
from xraymatch.io.xray import XrayImage, prepare_for_model
from xraymatch.monitoring.config import AugmentXrayConfig, MonitoringConfig, StoreConfig
from xraymatch.monitoring.drift import detect_drift
from xraymatch.monitoring.features import embed_images, image_features, working_copy
from xraymatch.monitoring.fingerprint import KEY_ENV, fingerprint, latest_distinct
from xraymatch.monitoring.live import RequestMonitor
from xraymatch.monitoring.reference import augment_xray, load_reference, save_reference
from xraymatch.monitoring.store import MonitoringStore, read_distinct_window, read_store_window
from xraymatch.monitoring.validate import pydicom_radiographs

DRIFT = {"permutations": 200, "window": 40, "min_window": 10, "check_every": 40}


@pytest.fixture(scope="module")
def radiographs() -> list[XrayImage]:
    """RG1_UNCR and RG3_UNCR, longest side 256."""
    out = []
    for image in pydicom_radiographs(("RG1_UNCR.dcm", "RG3_UNCR.dcm")):
        pixels = working_copy(image.pixels, 256)
        out.append(XrayImage(pixels, image.source_format, image.modality, image.original_shape, 16))
    return out


def write_png(path: Path, pixels: np.ndarray) -> None:
    buffer = io.BytesIO()
    Image.fromarray(np.round(pixels * 65535).astype(np.uint16)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())


def setup(tmp_path: Path, radiographs: list[XrayImage], **monitoring: Any) -> tuple[Path, MonitoringConfig]:
    """A params file (store, reference and reports under tmp_path; no default model) and its config."""
    sources = tmp_path / "sources"
    sources.mkdir(exist_ok=True)
    for i, image in enumerate(radiographs):
        write_png(sources / f"{i}.png", image.pixels)
    params = {
        "monitoring": {
            "model_bundle": str(tmp_path / "no-bundle"),
            "models_dir": str(tmp_path / "no-models"),
            "report_dir": str(tmp_path / "reports"),
            "store": {"path": str(tmp_path / "store.sqlite")},
            "reference": {"path": str(tmp_path / "ref.npz"), "samples": 40, "raw_dir": str(tmp_path / "none")},
            "drift": DRIFT,
            **monitoring,
        }
    }
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params))
    return path, MonitoringConfig.from_params(params)


def build(params: Path, model: Path, *extra: str) -> int:
    return main(["drift-reference", "--params", str(params), "--images", str(params.parent / "sources"),
                 "--model", str(model), *extra])  # fmt: skip


def record(monitor: RequestMonitor, images: list[XrayImage], bundle: Any) -> list[Any]:
    verdicts = []
    for image in images:
        embedding = embed_images(bundle, prepare_for_model(image, bundle.image_size)[0])[0]
        verdicts.append(monitor.record(image, embedding, endpoint="embed"))
    return verdicts


# ---- fingerprints and the store --------------------------------------------------------------------------------


def test_fingerprint_same_pixels_same_print_one_pixel_changes_it() -> None:
    pixels = np.random.default_rng(0).random((30, 40)).astype(np.float32)
    key = b"k" * 32
    print_ = fingerprint(pixels, key)
    assert len(print_) == 64 and fingerprint(pixels.copy(), key) == print_
    assert fingerprint(np.asfortranarray(pixels), key) == print_  # the array, not its memory layout
    changed = pixels.copy()
    changed[17, 3] = np.nextafter(changed[17, 3], np.float32(2.0))  # the smallest possible change of one pixel
    assert fingerprint(changed, key) != print_
    assert fingerprint(pixels.reshape(40, 30), key) != print_  # same bytes, other shape
    assert fingerprint(pixels.astype(np.float64), key) != print_
    assert fingerprint(pixels, b"other key") != print_  # another site cannot link the upload
    assert latest_distinct(["a", "b", None, "a", None, "b", "c"]) == [2, 3, 4, 5, 6]


def test_store_key_is_per_store_or_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    with MonitoringStore(StoreConfig(path=str(tmp_path / "a.sqlite"))) as a:
        key_a = a.key
    with MonitoringStore(StoreConfig(path=str(tmp_path / "a.sqlite"))) as again:
        assert again.key == key_a and len(key_a) == 32  # kept in the store's meta table
    with MonitoringStore(StoreConfig(path=str(tmp_path / "b.sqlite"))) as b:
        assert b.key != key_a
    monkeypatch.setenv(KEY_ENV, "site-secret")
    with MonitoringStore(StoreConfig(path=str(tmp_path / "c.sqlite"))) as c:
        assert c.key == b"site-secret"
    with sqlite3.connect(tmp_path / "c.sqlite") as conn:
        assert conn.execute("SELECT COUNT(*) FROM meta").fetchone()[0] == 0  # the site key is never stored


OLD_SCHEMA = """
CREATE TABLE features (id INTEGER PRIMARY KEY AUTOINCREMENT, ts REAL NOT NULL, endpoint TEXT NOT NULL,
    model_version TEXT NOT NULL, source_format TEXT NOT NULL, size_class TEXT NOT NULL, aspect_bucket TEXT NOT NULL,
    stats TEXT NOT NULL, histogram BLOB NOT NULL, embedding BLOB NOT NULL);
"""
OLD_COLUMNS = "ts, endpoint, model_version, source_format, size_class, aspect_bucket, stats, histogram, embedding"


def test_a_store_of_before_fingerprints_is_read_and_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    features = image_features(np.random.default_rng(1).random((40, 50)).astype(np.float32), "png")
    with sqlite3.connect(path) as conn:
        conn.executescript(OLD_SCHEMA)
        for i in range(3):
            row = (1000.0 + i, "embed", "m/1", "png", "<1k", "<0.8", json.dumps(features.stats_dict()),
                   features.histogram.astype(np.float32).tobytes(), np.full(4, i, np.float32).tobytes())  # fmt: skip
            conn.execute(f"INSERT INTO features ({OLD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", row)
    window = read_distinct_window(path, 10)  # read-only, before any migration: old rows are distinct
    assert (window.n_requests, window.n_distinct) == (3, 3)
    config = StoreConfig(path=str(path), max_age_days=1e6)
    with MonitoringStore(config) as store:
        for i in (3, 4, 5):
            store.add(features, np.full(4, i, np.float32), endpoint="embed", model_version="m/1", fingerprint="same")
        window = store.distinct_window(10)
        assert (window.n_requests, window.n_distinct) == (6, 4)
        np.testing.assert_array_equal(window.table.embeddings[:, 0], [0, 1, 2, 5])  # the latest copy is kept
        assert len(store.window(10)) == 6  # window() still returns every row
    assert len(read_store_window(path, 10)) == 6


# ---- drift windows count identical uploads once -------------------------------------------------------------------


def test_copies_of_two_radiographs_are_not_tested_and_never_alarm(
    tmp_path: Path,
    radiographs: list[XrayImage],
    tiny_bundle: Any,
    tiny_bundle_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The colleague's store: every request a copy of one of 2 radiographs. Tested as 40 independent images the
    window alarms (the old behaviour, KS on statistics that take 2 values); counted once it is 2 images, below
    min_window: neither the service nor the CLI tests it, and the key appears nowhere."""
    monkeypatch.setenv(KEY_ENV, "do-not-leak-this-key-7f3a")
    params, config = setup(tmp_path, radiographs)
    assert build(params, tiny_bundle_dir) == 0
    monitor = RequestMonitor(config, model_version=tiny_bundle.version, registry=_registry())
    with caplog.at_level(logging.DEBUG):
        verdicts = record(monitor, radiographs * 20, tiny_bundle)
    assert verdicts == [None] * 40  # due at the 40th request, and skipped
    logs = caplog.text + capsys.readouterr().err  # the CLI's logging setup (force=True) may own the root handler
    assert "2 distinct image(s) in the latest 40 requests" in logs
    for gauge in ("xraymatch_drift_detected", "xraymatch_drift_last_check_timestamp_seconds"):
        assert monitor.registry.get_sample_value(gauge) in (None, 0.0)  # never tested: gauges stay unset
    every_row = monitor.store.window(40)
    monitor.close()
    reference = load_reference(config.reference.path)
    old = detect_drift(reference.table, every_row, config.drift, bandwidth=reference.bandwidth)
    assert old.drift  # what counting copies as acquisitions did

    assert main(["drift", "--params", str(params), "--report", "--fail-on-drift"]) == 2  # not tested: no alarm
    err = capsys.readouterr().err
    assert "40 request(s) but only 2 distinct image(s)" in err and "min_window=10" in err and "\n" not in err.strip()
    assert not (tmp_path / "reports").exists()  # nothing written
    for text in (logs, err):
        assert "do-not-leak-this-key-7f3a" not in text and "do-not-leak" not in text


def test_distinct_in_distribution_requests_are_tested_as_before(
    tmp_path: Path,
    radiographs: list[XrayImage],
    tiny_bundle: Any,
    tiny_bundle_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """20 fresh variants of the reference's radiographs, each uploaded twice: 40 requests, 20 distinct images, no
    drift; the JSON and HTML report both counts and hold neither the store's key nor any fingerprint."""
    monkeypatch.delenv(KEY_ENV, raising=False)
    params, config = setup(tmp_path, radiographs)
    assert build(params, tiny_bundle_dir) == 0
    rng = np.random.default_rng(5)
    variants = [
        XrayImage(augment_xray(radiographs[i % 2].pixels, rng, AugmentXrayConfig()), "png", None, (256, 256), 16)
        for i in range(20)
    ]
    monitor = RequestMonitor(config, model_version=tiny_bundle.version, registry=_registry())
    with caplog.at_level(logging.DEBUG):
        verdicts = record(monitor, variants + variants, tiny_bundle)
    verdict = verdicts[-1]
    assert verdict is not None and not verdict.drift, verdict and verdict.reasons
    assert (verdict.n_requests, verdict.n_distinct, verdict.n_current) == (40, 20, 20)
    assert monitor.registry.get_sample_value("xraymatch_drift_window_images") == 20
    assert monitor.registry.get_sample_value("xraymatch_drift_window_requests") == 40
    key = monitor.store.key
    with sqlite3.connect(config.store.path) as conn:
        prints = [r[0] for r in conn.execute("SELECT fingerprint FROM features")]
    monitor.close()
    assert len(set(prints)) == 20 and None not in prints

    assert main(["drift", "--params", str(params), "--report", "--fail-on-drift"]) == 0
    data = json.loads((tmp_path / "reports" / "drift.json").read_text())
    assert (data["n_requests"], data["n_distinct"], data["drift"]) == (40, 20, False)
    page = (tmp_path / "reports" / "drift.html").read_text()
    assert "20 distinct current images (40 requests" in page
    captured = capsys.readouterr()
    assert "no drift: 20 distinct image(s) of 40 request(s)" in captured.out
    for text in ((tmp_path / "reports" / "drift.json").read_text(), page, caplog.text, captured.out, captured.err):
        assert key.hex() not in text and not any(p in text for p in prints)


def _registry() -> Any:
    from prometheus_client import CollectorRegistry

    return CollectorRegistry()


# ---- a stale reference is rebuilt or refused ----------------------------------------------------------------------


def test_a_reference_of_other_params_is_refused_and_rebuilt(
    tmp_path: Path, radiographs: list[XrayImage], tiny_bundle_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    params, _ = setup(tmp_path, radiographs)
    assert build(params, tiny_bundle_dir) == 0
    meta = load_reference(tmp_path / "ref.npz").meta
    assert len(meta["params_digest"]) == 64 and meta["params"]["augment"]["dose"] == [0.5, 1.0]
    assert meta["overrides"] == {"images": str(tmp_path / "sources"), "model": str(tiny_bundle_dir)}
    folder = tmp_path / "sources"
    run = ["drift", "--params", str(params), "--model", str(tiny_bundle_dir), "--current", str(folder)]
    monitoring = yaml.safe_load(params.read_text())["monitoring"]
    too_few = {**monitoring, "drift": {**DRIFT, "min_window": 2}}  # the 2 sources are the window here
    params.write_text(yaml.safe_dump({"monitoring": too_few}))
    assert main(run) == 0
    # the augment params change: `drift` refuses, naming the file, the key and the fix
    changed = {**too_few, "augment": {"dose": [0.3, 1.0]}}
    params.write_text(yaml.safe_dump({"monitoring": changed}))
    capsys.readouterr()
    assert main(run) == 2
    err = capsys.readouterr().err.strip()
    assert str(tmp_path / "ref.npz") in err and "monitoring.augment.dose" in err and "make drift" in err
    assert "\n" not in err
    # --if-missing rebuilds it, saying why in one line; then `drift` accepts it
    assert build(params, tiny_bundle_dir, "--if-missing") == 0
    out = capsys.readouterr().out
    assert "built from other monitoring params (monitoring.augment.dose); rebuilding" in out
    assert load_reference(tmp_path / "ref.npz").meta["params"]["augment"]["dose"] == [0.3, 1.0]
    assert main(run) == 0
    # files appearing in raw_dir change what the default reference is built from
    (tmp_path / "none").mkdir()
    write_png(tmp_path / "none" / "new.png", radiographs[0].pixels)
    assert main(run) == 2 and "files in monitoring.reference.raw_dir" in capsys.readouterr().err


def test_if_missing_rebuilds_for_another_model_or_an_unstamped_reference(
    tmp_path: Path, radiographs: list[XrayImage], tiny_bundle: Any, tiny_bundle_dir: Path, capsys: Any
) -> None:
    import torch

    import xraymatch.objectives  # noqa: F401
    from xraymatch.models.registry import create_model
    from xraymatch.objectives.sam import TINY
    from xraymatch.registry.bundle import save_bundle

    params, config = setup(tmp_path, radiographs)
    assert build(params, tiny_bundle_dir, "--samples", "12") == 0
    torch.manual_seed(1)
    other = save_bundle(create_model("sam", **TINY), "sam", tmp_path / "other", image_size=64, version="sam/9")
    capsys.readouterr()
    assert build(params, other, "--if-missing", "--samples", "12") == 0
    assert "built with model xraymatch-sam/t1, the current model is sam/9; rebuilding" in capsys.readouterr().out
    assert load_reference(tmp_path / "ref.npz").model_version == "sam/9"
    # a reference of before params were recorded: rebuilt by --if-missing, refused by drift and by the service
    reference = load_reference(tmp_path / "ref.npz")
    bare = {k: v for k, v in reference.meta.items() if k not in ("params", "params_digest", "overrides")}
    unstamped = type(reference)(reference.table, "xraymatch-sam/t1", 64, reference.bandwidth, bare)
    save_reference(unstamped, config.reference.path)
    assert main(["drift", "--params", str(params), "--model", str(tiny_bundle_dir), "--current",
                 str(tmp_path / "sources")]) == 2  # fmt: skip
    assert "records no params digest" in capsys.readouterr().err
    monitor = RequestMonitor(config, model_version=tiny_bundle.version, registry=_registry())
    assert monitor.reference is None  # the service keeps storing requests, gauges unset
    monitor.close()
    assert build(params, tiny_bundle_dir, "--if-missing", "--samples", "12") == 0
    assert "records no params digest" in capsys.readouterr().out
    assert "params_digest" in load_reference(tmp_path / "ref.npz").meta
