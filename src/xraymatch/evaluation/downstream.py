"""Downstream proxy: multi-view synthetic-fracture classification fine-tuned from each encoder at 1/10/100% of labels.

Each encoder (a pretrained objective, and the same architecture freshly initialised: "scratch") becomes the image
tower of an `objectives.fracture.FractureClassifier` whose last encoder block and fusion head are fine-tuned
(`finetune: tail`, encoder block at a smaller learning rate, class-balanced BCE) on a stratified share of the
labelled training samples, then scored on the test split (accuracy at 0.5 and AUROC). The frozen part of the tower
(everything before its last block) is run once per sample and cached, which keeps the CPU cost of 18 fine-tunings
bounded; every share starts from the same initial weights. A logistic probe on downsampled pixels is the
no-learning baseline.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch

from xraymatch.evaluation.metrics import binary_scores

Encoder = Callable[[torch.Tensor], torch.Tensor]


@dataclass(frozen=True)
class FinetuneConfig:
    """params.yaml `evaluate.finetune`: the fine-tuning budget of every (encoder, label share) pair.

    Steps = max(min_steps, epochs * ceil(n_train / batch_size)); the encoder's last block learns at
    lr * encoder_lr_scale, the fusion head (`hidden` wide) at lr.
    """

    epochs: int = 2
    min_steps: int = 15
    batch_size: int = 16
    lr: float = 1e-3
    encoder_lr_scale: float = 0.1
    weight_decay: float = 1e-4
    hidden: int = 64

    @classmethod
    def from_params(cls, section: dict[str, Any] | None) -> FinetuneConfig:
        from xraymatch.config import dataclass_from_section

        return dataclass_from_section(cls, section, "evaluate.finetune")


def pixel_encoder(size: int = 16) -> Encoder:
    """The no-learning baseline: each view downsampled to size x size pixels."""

    def encode(images: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.adaptive_avg_pool2d(images, size).flatten(1)

    return encode


def fused_features(encoder: Encoder, samples: list[dict[str, Any]], batch: int = 16) -> np.ndarray:
    """(N, 2 * D): views 0 and 1 of every sample encoded and concatenated."""
    rows = []
    for start in range(0, len(samples), batch):
        chunk = samples[start : start + batch]
        views = [encoder(torch.stack([s["images"][v] for s in chunk])) for v in (0, 1)]
        rows.append(torch.cat(views, dim=1).numpy())
    return np.concatenate(rows)


def stratified_subset(labels: np.ndarray, fraction: float, rng: np.random.Generator) -> np.ndarray:
    """Indices of a share of the samples with at least two of each class (so a classifier sees both)."""
    picks = []
    for value in (0, 1):
        members = np.flatnonzero(labels == value)
        take = max(2, round(fraction * len(members)))
        picks.append(rng.choice(members, size=min(take, len(members)), replace=False))
    return np.sort(np.concatenate(picks))


def share_name(fraction: float) -> str:
    return f"{round(fraction * 100):d}%"


def probe_scores(
    train_x: np.ndarray,
    train_y: np.ndarray,
    test_x: np.ndarray,
    test_y: np.ndarray,
    fractions: tuple[float, ...],
    seed: int,
) -> dict[str, dict[str, float]]:
    """Accuracy and AUROC of a standardised logistic probe trained on each label share (the pixel baseline)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    out = {}
    for fraction in fractions:
        subset = stratified_subset(train_y, fraction, np.random.default_rng(seed))
        probe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500, C=0.5))
        probe.fit(train_x[subset], train_y[subset])
        scores = probe.predict_proba(test_x)[:, 1]
        out[share_name(fraction)] = {**binary_scores(test_y, scores), "n_train": len(subset)}
    return out


def stem_features(classifier: Any, samples: list[dict[str, Any]], batch: int = 16) -> torch.Tensor:
    """The frozen part of the classifier's tower on every view of every sample: (N, V, ...) in float16 (the cache
    that fine-tuning of the last block reads; half precision halves its memory, ~0.5 MB per SAM view)."""
    classifier.eval()
    parts = []
    with torch.no_grad():
        for start in range(0, len(samples), batch):
            images = torch.stack([s["images"] for s in samples[start : start + batch]])
            hidden = classifier.encoder.stem(images.flatten(0, 1))
            parts.append(hidden.unflatten(0, images.shape[:2]).half())
    return torch.cat(parts)


def predict(classifier: Any, hidden: torch.Tensor, batch: int = 32) -> np.ndarray:
    """Fracture probabilities (N,) from cached stem features (N, V, ...)."""
    classifier.eval()
    with torch.no_grad():
        logits = [classifier.logits_from_stem(hidden[i : i + batch].float()) for i in range(0, len(hidden), batch)]
    return torch.sigmoid(torch.cat(logits)).numpy()


def fit_tail(classifier: Any, hidden: torch.Tensor, labels: np.ndarray, config: FinetuneConfig, seed: int) -> int:
    """Fine-tune the classifier's trainable weights (last encoder block + head) on cached stem features; returns the
    number of optimiser steps taken."""
    from xraymatch.objectives.fracture import balanced_bce

    generator = torch.Generator().manual_seed(seed)
    batch = min(config.batch_size, len(hidden))
    steps = max(config.min_steps, config.epochs * math.ceil(len(hidden) / batch))
    head = list(classifier.head.parameters())
    tuned = [p for p in classifier.encoder.parameters() if p.requires_grad]
    groups = [{"params": head, "lr": config.lr}]
    if tuned:
        groups.append({"params": tuned, "lr": config.lr * config.encoder_lr_scale})
    optimizer = torch.optim.AdamW(groups, weight_decay=config.weight_decay)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=steps)
    targets = torch.as_tensor(labels, dtype=torch.float32)
    order = torch.randperm(len(hidden), generator=generator)
    cursor = 0
    classifier.train()
    for _ in range(steps):
        if cursor + batch > len(order):
            order, cursor = torch.randperm(len(hidden), generator=generator), 0
        pick = order[cursor : cursor + batch]
        cursor += batch
        loss = balanced_bce(classifier.logits_from_stem(hidden[pick].float()), targets[pick])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
    classifier.eval()
    return steps


def finetune_scores(
    classifier: Any,
    train: list[dict[str, Any]],
    test: list[dict[str, Any]],
    fractions: tuple[float, ...],
    seed: int,
    config: FinetuneConfig,
) -> dict[str, dict[str, Any]]:
    """Per label share: fine-tune a copy of the classifier's initial weights, score accuracy and AUROC on `test`."""
    train_y = np.array([float(s["fracture"]) for s in train]).astype(int)
    test_y = np.array([float(s["fracture"]) for s in test]).astype(int)
    train_hidden, test_hidden = stem_features(classifier, train), stem_features(classifier, test)
    initial = copy.deepcopy(classifier.state_dict())
    out = {}
    for fraction in fractions:
        classifier.load_state_dict(initial)
        subset = stratified_subset(train_y, fraction, np.random.default_rng(seed))
        torch.manual_seed(seed)
        steps = fit_tail(classifier, train_hidden[subset], train_y[subset], config, seed)
        probabilities = predict(classifier, test_hidden)
        scores = binary_scores(test_y, probabilities)
        out[share_name(fraction)] = {
            **scores,
            "n_train": len(subset),
            "steps": steps,
            "test_probabilities": [round(float(p), 6) for p in probabilities],
        }
    classifier.load_state_dict(initial)
    return out


def evaluate_downstream(
    classifiers: dict[str, Callable[[], Any]],
    train: list[dict[str, Any]],
    test: list[dict[str, Any]],
    fractions: tuple[float, ...],
    seed: int,
    config: FinetuneConfig | None = None,
) -> dict[str, Any]:
    """Per encoder (name -> a factory of its FractureClassifier, built only when needed to bound memory) and label
    share: fracture accuracy and AUROC on the test split; plus the pixel probe and the quality-goal summary."""
    config = config or FinetuneConfig()
    train_y = np.array([float(s["fracture"]) for s in train]).astype(int)
    test_y = np.array([float(s["fracture"]) for s in test]).astype(int)
    if len(np.unique(train_y)) < 2 or len(np.unique(test_y)) < 2:
        return {"skipped": "both fractured and intact samples are needed in train and test (no bone labels?)"}
    results: dict[str, Any] = {"n_test": len(test_y), "test_fracture_rate": float(test_y.mean())}
    pixels = pixel_encoder()
    results["pixels"] = probe_scores(
        fused_features(pixels, train), train_y, fused_features(pixels, test), test_y, fractions, seed
    )
    for name, build in classifiers.items():
        results[name] = finetune_scores(build(), train, test, fractions, seed, config)
    results["summary"] = pretrained_vs_scratch(results, share_name(0.1) if 0.1 in fractions else None, test_y, seed)
    for name in classifiers:  # per-sample probabilities served the paired bootstrap; the JSON keeps the scores
        for entry in results[name].values():
            entry.pop("test_probabilities", None)
    return results


def pretrained_vs_scratch(
    results: dict[str, Any], share: str | None, test_labels: np.ndarray | None = None, seed: int = 0
) -> dict[str, Any]:
    """The quality goal: per encoder, test AUROC of `<e>_pretrained` vs `<e>_scratch` at the given label share; with
    the test labels and both runs' `test_probabilities`, also the paired bootstrap 95% interval of the difference
    (`metrics.auroc_difference_ci`): `pretrained_above_scratch_significant` only when its lower bound is above 0."""
    from xraymatch.evaluation.metrics import auroc_difference_ci

    if share is None:
        return {}
    out: dict[str, Any] = {"label_share": share}
    for key in sorted(results):
        if key.endswith("_pretrained") and key.replace("_pretrained", "_scratch") in results:
            encoder = key.removesuffix("_pretrained")
            pretrained = results[key][share]["auroc"]
            scratch = results[f"{encoder}_scratch"][share]["auroc"]
            out[encoder] = {
                "pretrained_auroc": pretrained,
                "scratch_auroc": scratch,
                "pretrained_above_scratch": bool(pretrained > scratch),
            }
            runs = (results[key][share], results[f"{encoder}_scratch"][share])
            if test_labels is not None and all("test_probabilities" in r for r in runs):
                pretrained_probs, scratch_probs = (r["test_probabilities"] for r in runs)
                ci = auroc_difference_ci(test_labels, pretrained_probs, scratch_probs, seed=seed)
                out[encoder].update(
                    difference_ci95=[round(ci["ci_low"], 4), round(ci["ci_high"], 4)],
                    p_pretrained_not_above=round(ci["p_a_not_above"], 4),
                    pretrained_above_scratch_significant=bool(ci["ci_low"] > 0),
                )
    return out
