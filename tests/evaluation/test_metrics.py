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


def test_auroc_difference_ci_of_identical_scores_is_zero() -> None:
    from xraymatch.evaluation.metrics import auroc_difference_ci

    rng = np.random.default_rng(0)
    labels, scores = rng.integers(0, 2, 60), rng.random(60)
    ci = auroc_difference_ci(labels, scores, scores, n_boot=200)
    assert ci["difference"] == 0.0 and ci["ci_low"] == 0.0 and ci["ci_high"] == 0.0 and ci["p_a_not_above"] == 1.0


def test_auroc_difference_ci_separates_a_perfect_from_a_random_classifier() -> None:
    from xraymatch.evaluation.metrics import auroc_difference_ci

    rng = np.random.default_rng(1)
    labels = np.repeat([0, 1], 30)
    ci = auroc_difference_ci(labels, labels + 0.1 * rng.random(60), rng.random(60), n_boot=500)
    assert ci["ci_low"] > 0.2 and ci["difference"] > 0.3 and ci["p_a_not_above"] == 0.0


def test_auroc_difference_ci_of_two_noise_classifiers_straddles_zero() -> None:
    from xraymatch.evaluation.metrics import auroc_difference_ci

    rng = np.random.default_rng(2)
    labels = np.repeat([0, 1], 30)
    ci = auroc_difference_ci(labels, rng.random(60), rng.random(60), n_boot=500)
    assert ci["ci_low"] < 0 < ci["ci_high"]  # 60 samples: a chance difference is not evidence


def test_auroc_difference_ci_refuses_one_class_and_mismatched_lengths() -> None:
    from xraymatch.evaluation.metrics import auroc_difference_ci

    with pytest.raises(ValueError, match="both classes"):
        auroc_difference_ci(np.zeros(5), np.ones(5), np.ones(5))
    with pytest.raises(ValueError, match="5 labels"):
        auroc_difference_ci(np.zeros(5), np.ones(4), np.ones(5))


def test_balanced_accuracy_matches_sklearn() -> None:
    from sklearn.metrics import balanced_accuracy_score

    from xraymatch.evaluation.metrics import balanced_accuracy

    rng = np.random.default_rng(0)
    labels, predicted = rng.integers(0, 5, 300), rng.integers(0, 5, 300)
    assert balanced_accuracy(labels, predicted) == pytest.approx(balanced_accuracy_score(labels, predicted))


def test_grouped_difference_ci_known_cases() -> None:
    from xraymatch.evaluation.metrics import balanced_accuracy, grouped_difference_ci

    rng = np.random.default_rng(1)
    groups = np.repeat(np.arange(30), 20)
    labels = rng.integers(0, 3, groups.size)
    noise = rng.integers(0, 3, groups.size)
    same = grouped_difference_ci(balanced_accuracy, labels, noise, noise, groups, n_boot=200)
    assert same["difference"] == same["ci_low"] == same["ci_high"] == 0.0
    better = grouped_difference_ci(balanced_accuracy, labels, labels, noise, groups, n_boot=200)
    assert better["ci_low"] > 0.4 and better["p_a_not_above"] == 0.0
    with pytest.raises(ValueError, match="two groups"):
        grouped_difference_ci(balanced_accuracy, labels, labels, noise, np.zeros_like(groups))


def test_copies_of_a_groups_tokens_do_not_narrow_the_interval() -> None:
    """Resampling whole groups: 40 identical tokens per group carry the information of one token, so the interval is
    the same as with one token per group (token resampling would make it ~sqrt(40) times narrower)."""
    from xraymatch.evaluation.metrics import balanced_accuracy, grouped_difference_ci

    rng = np.random.default_rng(2)
    labels, a, b = rng.integers(0, 2, 25), rng.integers(0, 2, 25), rng.integers(0, 2, 25)
    single = grouped_difference_ci(balanced_accuracy, labels, a, b, np.arange(25), n_boot=300, seed=4)
    copies = grouped_difference_ci(
        balanced_accuracy, *(np.repeat(v, 40) for v in (labels, a, b)), np.repeat(np.arange(25), 40), n_boot=300, seed=4
    )
    assert copies["ci_low"] == pytest.approx(single["ci_low"]) and copies["ci_high"] == pytest.approx(single["ci_high"])
