"""Metrics on hand-made cases whose answers are known."""

from __future__ import annotations

import numpy as np
import pytest

from xraymatch.evaluation.metrics import binary_scores, cluster_nmi, correspondence_scores, pck, radial_errors


def test_perfect_and_inverted_correspondence_predictions() -> None:
    target = np.zeros((2, 4, 4))
    target[:, 0, 1] = target[:, 2, 3] = 0.9
    perfect = correspondence_scores(target, target)
    assert perfect["ap"] == 1.0 and perfect["precision_at_0.2"] == 1.0 and perfect["recall_at_0.2"] == 1.0
    assert perfect["patch_top1"] == 1.0 and perfect["positive_rate"] == 4 / 32
    inverted = correspondence_scores(1 - target, target)
    assert inverted["ap"] == pytest.approx(4 / 32)  # every positive ranked last: AP equals the positive rate
    assert inverted["patch_top1"] == 0.0


def test_correspondence_without_positives_is_an_error() -> None:
    with pytest.raises(ValueError, match="no positive"):
        correspondence_scores(np.ones((3, 3)), np.zeros((3, 3)))


def test_pck_counts_points_within_each_threshold() -> None:
    target = np.zeros((4, 2))
    predicted = np.array([[1.0, 0.0], [0.0, 4.0], [6.0, 8.0], [50.0, 0.0]])  # errors 1, 4, 10, 50
    scores = pck(predicted, target, np.array([True, True, True, False]))
    assert scores == {"pck@2px": 1 / 3, "pck@5px": 2 / 3, "pck@10px": 1.0}


def test_radial_errors_in_mm_and_success_rates() -> None:
    target = np.zeros((3, 2))
    predicted = np.array([[1.0, 0.0], [3.0, 4.0], [0.0, 0.0]])  # 1, 5, 0 px
    out = radial_errors(predicted, target, np.ones(3, bool), mm_per_px=2.0)
    assert out["mre_px"] == 2.0 and out["mre_mm"] == 4.0
    assert out["success@2mm"] == 2 / 3 and out["success@8mm"] == 2 / 3 and out["success@4mm"] == 2 / 3


def test_binary_scores_and_nmi_known_answers() -> None:
    assert binary_scores([0, 0, 1, 1], [0.1, 0.4, 0.6, 0.9]) == {"accuracy": 1.0, "auroc": 1.0}
    assert binary_scores([0, 1], [0.9, 0.1])["auroc"] == 0.0
    rng = np.random.default_rng(0)
    labels = np.repeat([0, 1, 2], 30)
    separated = np.eye(3)[labels] * 10 + rng.normal(0, 0.1, (90, 3))
    assert cluster_nmi(separated, labels, 3) == pytest.approx(1.0)
    assert cluster_nmi(rng.normal(size=(90, 3)), labels, 3) < 0.2
