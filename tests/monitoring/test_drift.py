"""The drift statistics on known answers: MMD, its permutation p-value's calibration and power, PSI, Holm."""

from __future__ import annotations

import json

import numpy as np
import pytest

from xraymatch.errors import ConfigError, InputError
from xraymatch.monitoring.config import DriftConfig, MonitoringConfig
from xraymatch.monitoring.drift import detect_drift, holm, median_bandwidth, mmd_permutation_test, psi
from xraymatch.monitoring.features import HIST_BINS, STAT_NAMES, FeatureTable


def table(stats: np.ndarray, embeddings: np.ndarray) -> FeatureTable:
    n = len(stats)
    return FeatureTable(stats, np.full((n, HIST_BINS), 1.0 / HIST_BINS), embeddings.astype(np.float32),
                        ("1-2k",) * n, ("0.95-1.05",) * n, ("dicom",) * n)  # fmt: skip


def test_median_bandwidth_known_answer() -> None:
    points = np.array([[0.0], [1.0], [3.0]])  # distances 1, 2, 3
    assert median_bandwidth(points) == pytest.approx(2.0)


def test_unbiased_mmd_matches_the_direct_formula() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(7, 3)), rng.normal(size=(5, 3)) + 0.5
    s = 1.3
    k = lambda a, b: np.exp(-((a[:, None] - b[None]) ** 2).sum(-1) / (2 * s * s))  # noqa: E731
    kxx, kyy, kxy = k(x, x), k(y, y), k(x, y)
    expected = (kxx.sum() - np.trace(kxx)) / 42 + (kyy.sum() - np.trace(kyy)) / 20 - 2 * kxy.mean()
    result = mmd_permutation_test(x, y, permutations=200, seed=1, bandwidth=s)
    assert result.statistic == pytest.approx(expected, rel=1e-9)
    assert result.bandwidth == s and result.permutations == 200
    again = mmd_permutation_test(x, y, permutations=200, seed=1, bandwidth=s)
    assert again.p_value == result.p_value  # seeded


def test_mmd_p_values_are_calibrated_and_powerful() -> None:
    rng = np.random.default_rng(3)
    reference = rng.normal(size=(100, 8))
    null_p = [mmd_permutation_test(reference, rng.normal(size=(20, 8)), 200, seed=i).p_value for i in range(40)]
    assert 0.2 < float(np.mean(null_p)) < 0.8  # about uniform under no drift
    assert np.mean(np.array(null_p) <= 0.05) <= 0.15
    shifted = rng.normal(size=(20, 8)) + 0.8
    assert mmd_permutation_test(reference, shifted, 200, seed=0).p_value <= 1 / 201 + 1e-12


def test_mmd_refuses_embeddings_of_another_size() -> None:
    with pytest.raises(InputError, match="not the same model"):
        mmd_permutation_test(np.zeros((5, 4)), np.zeros((5, 6)))


def test_psi_known_answers() -> None:
    rng = np.random.default_rng(0)
    ref = rng.normal(size=5000)
    assert psi(ref, rng.normal(size=5000)) < 0.02
    assert psi(ref, rng.normal(size=5000) + 1.0) > 0.5
    # all current values in the top decile: 0.9 * ln(1e-4 / 0.1) * (-1) ... dominated by the emptied bins
    assert psi(np.arange(100.0), np.full(50, 99.0)) > 5.0


def test_holm_known_answer() -> None:
    np.testing.assert_allclose(holm([0.01, 0.04, 0.03]), [0.03, 0.06, 0.06])
    np.testing.assert_allclose(holm([0.5, 0.9]), [1.0, 1.0])


def test_verdict_rule_and_json() -> None:
    rng = np.random.default_rng(1)
    ref = table(rng.normal(size=(100, len(STAT_NAMES))), rng.normal(size=(100, 4)))
    config = DriftConfig(permutations=200, window=30, min_window=10)
    same = detect_drift(ref, table(rng.normal(size=(30, len(STAT_NAMES))), rng.normal(size=(30, 4))), config)
    assert not same.drift and same.reasons == []
    stats = rng.normal(size=(30, len(STAT_NAMES)))
    stats[:, STAT_NAMES.index("noise")] += 3.0  # one statistic moves, embeddings do not
    moved = detect_drift(ref, table(stats, rng.normal(size=(30, 4))), config, model_version="m/1")
    assert moved.drift and any(r.startswith("noise: KS") for r in moved.reasons)
    assert moved.mmd.p_value > config.alpha * config.mmd_share
    data = json.loads(moved.to_json())
    assert data["model_version"] == "m/1" and data["n_current"] == 30 and len(data["features"]) == len(STAT_NAMES)
    assert data["n_requests"] == data["n_distinct"] == 30
    assert not any(f["psi_alarm"] for f in data["features"])  # 30 < psi_min_window: PSI does not vote


def test_window_too_small_and_bad_config() -> None:
    rng = np.random.default_rng(0)
    ref = table(rng.normal(size=(50, len(STAT_NAMES))), rng.normal(size=(50, 4)))
    with pytest.raises(InputError, match="min_window"):
        detect_drift(ref, ref.take(range(5)), DriftConfig(permutations=200))
    with pytest.raises(InputError, match=r"40 request\(s\) but only 5 distinct image\(s\).*min_window=10"):
        detect_drift(ref, ref.take(range(5)), DriftConfig(permutations=200), n_requests=40)
    with pytest.raises(ConfigError, match="permutations"):
        MonitoringConfig.from_params({"monitoring": {"drift": {"permutations": 50}}})
    with pytest.raises(ConfigError, match=r"monitoring\.drift\.bogus"):
        MonitoringConfig.from_params({"monitoring": {"drift": {"bogus": 1}}})


def test_repository_params_read() -> None:
    from pathlib import Path

    from xraymatch.config import load_params

    config = MonitoringConfig.from_params(load_params(Path(__file__).resolve().parents[2] / "params.yaml"))
    assert config.drift.permutations >= 200 and config.reference.samples >= 200


def test_default_rule_does_not_alarm_on_same_distribution_windows_of_100() -> None:
    """PSI's small-sample bias would fire on these (0.25 is passed by the largest of 12 PSIs of 100 vs 200 samples);
    with the default psi_min_window it reports without voting, and KS/MMD stay quiet."""
    rng = np.random.default_rng(4)
    ref = table(rng.normal(size=(200, len(STAT_NAMES))), rng.normal(size=(200, 4)))
    config = DriftConfig(permutations=200)
    verdicts = [
        detect_drift(ref, table(rng.normal(size=(100, len(STAT_NAMES))), rng.normal(size=(100, 4))), config)
        for _ in range(5)
    ]
    assert not any(v.drift for v in verdicts)
    assert max(f.psi for v in verdicts for f in v.features) > config.psi_threshold  # the bias is real
    assert not any(f.psi_alarm for v in verdicts for f in v.features)
