"""Request features (known answers on synthetic and real images), the global embedding, and the SQLite store with its
rotation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
import torch
from pydicom.data import get_testdata_file

from xraymatch.io.xray import read_xray_file
from xraymatch.monitoring.config import StoreConfig
from xraymatch.monitoring.features import (
    HIST_BINS,
    STAT_NAMES,
    aspect_bucket,
    embed_images,
    image_features,
    noise_level,
    size_class,
)
from xraymatch.monitoring.store import MonitoringStore, read_store_window


def test_noise_estimate_of_white_noise() -> None:
    rng = np.random.default_rng(0)
    noise = rng.normal(0.5, 0.02, size=(512, 512)).astype(np.float32)
    assert noise_level(noise) == pytest.approx(0.02, rel=0.03)
    stats = image_features(noise).stats_dict()
    assert stats["hf_ratio"] == pytest.approx(2.0, rel=0.05)  # 2x2 binning halves white noise
    assert stats["mean"] == pytest.approx(0.5, abs=1e-3)


def test_buckets() -> None:
    assert [size_class(100, 1023), size_class(1024, 10), size_class(3000, 2000), size_class(4096, 1)] == [
        "<1k",
        "1-2k",
        "2-4k",
        ">4k",
    ]
    assert aspect_bucket(100, 200) == "<0.8" and aspect_bucket(100, 100) == "0.95-1.05"
    assert aspect_bucket(200, 100) == ">1.25"


def test_features_of_a_ramp() -> None:
    ramp = np.tile(np.linspace(0, 1, 1000, dtype=np.float32), (600, 1))
    features = image_features(ramp, "png")
    assert features.histogram.shape == (HIST_BINS,) and features.histogram.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(features.histogram, 1.0 / HIST_BINS, atol=0.01)
    stats = features.stats_dict()
    assert list(stats) == list(STAT_NAMES)
    assert stats["p50"] == pytest.approx(0.5, abs=0.01) and stats["p95"] == pytest.approx(0.95, abs=0.01)
    assert stats["entropy"] == pytest.approx(8.0, abs=0.05)  # uniform over 256 bins
    assert features.size_class == "<1k" and features.aspect_bucket == "<0.8" and features.source_format == "png"


def test_lossy_jpeg2000_lowers_the_fine_scale_noise() -> None:
    for name in ("RG1", "RG3"):
        raw = image_features(read_xray_file(str(get_testdata_file(f"{name}_UNCR.dcm"))).pixels).stats_dict()
        lossy = image_features(read_xray_file(str(get_testdata_file(f"{name}_J2KI.dcm"))).pixels).stats_dict()
        assert lossy["noise"] < 0.8 * raw["noise"] and lossy["hf_ratio"] < raw["hf_ratio"] - 0.1
        assert lossy["p50"] == pytest.approx(raw["p50"], abs=0.01)  # intensities themselves barely move


def test_embeddings_are_unit_and_batch_invariant(tiny_bundle) -> None:
    torch.manual_seed(0)
    images = torch.rand(5, 1, 64, 64)
    together = embed_images(tiny_bundle, images, batch_size=4)
    alone = embed_images(tiny_bundle, [images[i : i + 1] for i in range(5)], batch_size=1)
    assert together.shape == (5, 2 * tiny_bundle.hparams["dim"])
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(together, alone, atol=1e-5)


def _fill(store: MonitoringStore, count: int, start_ts: float = 1000.0, version: str = "m/1") -> None:
    rng = np.random.default_rng(count)
    for i in range(count):
        features = image_features(rng.random((40, 50)).astype(np.float32), "png")
        store.add(features, np.full(4, i, dtype=np.float32), endpoint="embed", model_version=version,
                  timestamp=start_ts + i)  # fmt: skip


def test_store_round_trip_and_window(tmp_path: Path) -> None:
    config = StoreConfig(path=str(tmp_path / "store.sqlite"), max_age_days=1e6)
    pixels = np.random.default_rng(0).random((40, 50)).astype(np.float32)
    features = image_features(pixels, "dicom")
    with MonitoringStore(config) as store:
        store.add(features, np.arange(4, dtype=np.float32), endpoint="match", model_version="m/1")
        _fill(store, 5, version="m/2")
        window = store.window(10, model_version="m/1")
        assert len(window) == 1
        np.testing.assert_allclose(window.stats[0], features.stats)
        np.testing.assert_allclose(window.histograms[0], features.histogram, atol=1e-7)
        np.testing.assert_array_equal(window.embeddings[0], np.arange(4))
        assert window.size_classes == ("<1k",) and window.source_formats == ("dicom",)
        latest = store.window(3, model_version="m/2")
        np.testing.assert_array_equal(latest.embeddings[:, 0], [2, 3, 4])  # the latest three, oldest first
        assert sorted(store.model_versions()) == ["m/1", "m/2"]
    again = read_store_window(config.path, 100)
    assert len(again) == 6


def test_store_holds_no_identifying_column(tmp_path: Path) -> None:
    config = StoreConfig(path=str(tmp_path / "store.sqlite"))
    with MonitoringStore(config):
        pass
    with sqlite3.connect(config.path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(features)")}
    assert columns == {
        "id", "ts", "endpoint", "model_version", "source_format", "size_class", "aspect_bucket", "stats",
        "histogram", "embedding", "fingerprint",
    }  # fmt: skip


def test_rotation_by_count_moves_rows_to_a_rotated_file(tmp_path: Path) -> None:
    config = StoreConfig(path=str(tmp_path / "store.sqlite"), max_rows=5, max_age_days=1e6, keep_rotated=2,
                         rotate_every=1)  # fmt: skip
    with MonitoringStore(config) as store:
        _fill(store, 8)
        assert store.count() == 5
        np.testing.assert_array_equal(store.window(10).embeddings[:, 0], [3, 4, 5, 6, 7])
    rotated = sorted(tmp_path.glob("store.rotated-*.sqlite"))
    assert 1 <= len(rotated) <= 2  # only the newest keep_rotated files remain
    moved = sum(len(read_store_window(path, 100)) for path in rotated)
    assert moved >= 1 and not list(tmp_path.glob(".*.tmp"))


def test_rotation_by_age_and_deletion(tmp_path: Path) -> None:
    config = StoreConfig(path=str(tmp_path / "store.sqlite"), max_age_days=1.0, keep_rotated=0, rotate_every=10_000)
    with MonitoringStore(config) as store:
        _fill(store, 4, start_ts=0.0)  # 1970: far too old
        _fill(store, 3, start_ts=2e9 - 10)
        assert store.rotate(now=2e9) == 4
        assert store.count() == 3
    assert not list(tmp_path.glob("store.rotated-*"))  # keep_rotated = 0: deleted


def test_reading_a_missing_or_foreign_store(tmp_path: Path) -> None:
    from xraymatch.errors import InputError

    with pytest.raises(InputError, match="no monitoring store"):
        read_store_window(tmp_path / "none.sqlite", 10)
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(InputError, match="not a monitoring store"):
        read_store_window(tmp_path / "junk.sqlite", 10)
