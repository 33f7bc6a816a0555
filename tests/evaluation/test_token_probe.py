"""The cross-validated token probe: it reads labels that the features carry, not ones they don't, and never scores
a token with a probe that saw the same sample."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import balanced_accuracy_score

from xraymatch.evaluation.evaluate import token_probe


def _tokens(rng: np.random.Generator, n_samples: int = 20, per_sample: int = 40, n_classes: int = 4):
    labels = rng.choice(n_classes, size=n_samples * per_sample, p=[0.85, 0.05, 0.05, 0.05])  # background dominates
    groups = np.repeat(np.arange(n_samples), per_sample)
    return labels, groups


def test_features_that_carry_the_label_are_read_even_for_rare_classes() -> None:
    rng = np.random.default_rng(0)
    labels, groups = _tokens(rng)
    features = np.eye(4)[labels] * 3.0 + rng.normal(size=(labels.size, 4)) * 0.3
    predicted = token_probe(features, labels, groups)
    assert balanced_accuracy_score(labels, predicted) > 0.95


def test_noise_features_give_chance_balanced_accuracy() -> None:
    rng = np.random.default_rng(1)
    labels, groups = _tokens(rng)
    predicted = token_probe(rng.normal(size=(labels.size, 8)), labels, groups)
    assert balanced_accuracy_score(labels, predicted) < 0.4  # chance is 0.25 for 4 classes


def test_a_sample_identity_feature_does_not_leak_across_folds() -> None:
    """Each sample has its own label and a feature naming the sample: only a probe that had seen the sample could use
    it, so grouped folds must score near chance."""
    rng = np.random.default_rng(2)
    n_samples, per_sample = 40, 10
    sample_label = rng.integers(0, 2, size=n_samples)
    labels = np.repeat(sample_label, per_sample)
    groups = np.repeat(np.arange(n_samples), per_sample)
    features = np.eye(n_samples)[groups] + rng.normal(size=(labels.size, n_samples)) * 0.01
    predicted = token_probe(features, labels, groups)
    assert balanced_accuracy_score(labels, predicted) < 0.7
