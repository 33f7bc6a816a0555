"""The `evaluate` stage: every trained objective against its baselines on held-out DRRs, in one run.

Results go to `metrics/<objective>.json` (with a `caveat` field) and DVC plot data under `plots/`. With fewer CTs than
`drr.splits.min_cases_for_case_split`, test samples are held-out z-slabs and viewing angles of the training CTs:
every number here is a proxy measured on synthetic DRRs of the same patient(s), and the JSON says so.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from xraymatch.atomic import atomic_file
from xraymatch.errors import InputError
from xraymatch.evaluation import baselines
from xraymatch.evaluation.downstream import FinetuneConfig, evaluate_downstream
from xraymatch.evaluation.metrics import (
    auroc_or_nan,
    balanced_accuracy,
    binary_scores,
    cluster_nmi,
    correspondence_scores,
    grouped_difference_ci,
    pck,
    radial_errors,
)
from xraymatch.patch_grid import transfer_points

log = logging.getLogger(__name__)

CAVEAT = (
    "proxy: measured on synthetic DRRs rendered from the training CT(s); with fewer than 10 CTs the test split is a "
    "held-out z-slab and held-out viewing angles of the same patient(s), not new patients"
)


@dataclass(frozen=True)
class EvalConfig:
    """params.yaml `evaluate` plus the paths it needs."""

    cache_dir: Path
    models_dir: Path
    metrics_dir: Path
    plots_dir: Path
    seed: int
    max_samples: int
    label_fractions: tuple[float, ...]
    downstream_train_samples: int
    finetune: FinetuneConfig = field(default_factory=FinetuneConfig)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> EvalConfig:
        section = params.get("evaluate") or {}
        return cls(
            cache_dir=Path(params["drr"]["out_dir"]),
            models_dir=Path(params["train"]["models_dir"]),
            metrics_dir=Path(section.get("metrics_dir", "metrics")),
            plots_dir=Path(section.get("plots_dir", "plots")),
            seed=int(section.get("seed", 0)),
            max_samples=int(section.get("max_samples", 60)),
            label_fractions=tuple(float(f) for f in section.get("label_fractions", (0.01, 0.1, 1.0))),
            downstream_train_samples=int(section.get("downstream_train_samples", 300)),
            finetune=FinetuneConfig.from_params(section.get("finetune")),
        )


def load_trained(objective: str, models_dir: Path) -> Any:
    """The objective's model from `models/<objective>/checkpoints/last.ckpt`, in eval mode."""
    import xraymatch.objectives  # noqa: F401
    from xraymatch.models.registry import get_model_class
    from xraymatch.training.guards import checkpoint_objective

    path = models_dir / objective / "checkpoints" / "last.ckpt"
    if not path.exists():
        raise InputError(f"{path}: no trained {objective} model; run `dvc repro train@{objective}` first")
    found = checkpoint_objective(str(path))
    if found != objective:
        raise InputError(f"{path}: checkpoint of objective '{found}', not '{objective}'")
    model_class: Any = get_model_class(objective)
    return model_class.load_from_checkpoint(str(path), map_location="cpu").eval()


def random_init(trained: Any, seed: int) -> Any:
    """The same architecture and hyper-parameters, freshly initialised (the random-init baseline)."""
    torch.manual_seed(seed)
    return type(trained)(**dict(trained.hparams)).eval()


def test_samples(config: EvalConfig) -> list[dict[str, Any]]:
    from xraymatch.data.cache import DRRCache
    from xraymatch.data.datamodule import TrainingSamples

    dataset = TrainingSamples(DRRCache(config.cache_dir, split="test"), None)
    count = min(len(dataset), config.max_samples)
    if count == 0:
        raise InputError(f"{config.cache_dir}: the test split is empty; rebuild the cache with more samples")
    picks = np.linspace(0, len(dataset) - 1, count).round().astype(int)
    return [dataset[int(i)] for i in picks]


def evaluate_multiview(model: Any, baseline: Any, samples: list[dict[str, Any]]) -> dict[str, Any]:
    """Correspondence AP/P/R/top-1 and track PCK for the model, random init, SIFT and ORB."""
    size = samples[0]["images"].shape[-1]
    grid = round(samples[0]["correspondence"].shape[0] ** 0.5)
    targets = np.stack([s["correspondence"].numpy() for s in samples])
    results: dict[str, Any] = {}
    predictions: dict[str, list[np.ndarray]] = {"model": [], "random_init": [], "sift": [], "orb": []}
    points: dict[str, list[np.ndarray]] = {k: [] for k in predictions}
    points.update({"model_patch_level": [], "random_init_patch_level": []})
    truths, valid = [], []
    for sample in samples:
        images = sample["images"][None]
        seen = (sample["tracks_visible"][0] & sample["tracks_visible"][1]).numpy()
        track0, track1 = sample["tracks_2d"][0].numpy(), sample["tracks_2d"][1].numpy()
        truths.append(track1)
        valid.append(seen)
        with torch.no_grad():
            for name, net in (("model", model), ("random_init", baseline)):
                matrix = net.predict_matrix({"images": images})[0].numpy()
                predictions[name].append(matrix)
                points[name].append(transfer_points(matrix, track0, grid, size, sub_patch=True))
                points[f"{name}_patch_level"].append(transfer_points(matrix, track0, grid, size, sub_patch=False))
        view0, view1 = sample["images"][0, 0].numpy(), sample["images"][1, 0].numpy()
        for method in ("sift", "orb"):
            matches = baselines.keypoint_matches(view0, view1, method)
            predictions[method].append(baselines.matches_to_matrix(matches, grid, size, size))
            points[method].append(baselines.transfer_points(matches, track0))
    truth, mask = np.concatenate(truths), np.concatenate(valid)
    for name in predictions:
        scores = correspondence_scores(np.stack(predictions[name]), targets)
        scores.update(pck(np.concatenate(points[name]), truth, mask))
        results[name] = scores
    for name in ("model", "random_init"):  # patch centres only, without sub-patch refinement (for comparison)
        level = pck(np.concatenate(points[f"{name}_patch_level"]), truth, mask)
        results[name].update({f"patch_level_{key}": value for key, value in level.items()})
    results["point_transfer"] = (
        "model/random_init: matrix row interpolated bilinearly at the point, best patch refined to sub-patch "
        "precision (3x3 score centroid, as /match answers); patch_level_*: the best patch's centre; sift/orb: "
        "ratio-test matches, the point moved like its 3 nearest matched keypoints"
    )
    results["pr_curve"] = _pr_curve(np.stack(predictions["model"]), targets)
    return results


def _pr_curve(predicted: np.ndarray, target: np.ndarray, points: int = 50) -> list[dict[str, float]]:
    from sklearn.metrics import precision_recall_curve

    precision, recall, _ = precision_recall_curve(target.ravel() > 0.2, predicted.ravel())
    keep = np.linspace(0, len(precision) - 1, min(points, len(precision))).round().astype(int)
    return [{"recall": float(recall[i]), "precision": float(precision[i])} for i in keep]


def evaluate_sam(model: Any, baseline: Any, samples: list[dict[str, Any]], pixel_mm: float) -> dict[str, Any]:
    """Landmark localisation from ONE labelled template image (SAM's one-shot setting): the first labelled test
    sample's view 0 is the template, every view of the other test samples of the same CT slab is a query (their
    landmarks are the same 3D centroids); the model, random init and NCC template matching are scored alike."""
    labelled = [s for s in samples if s["landmarks_2d"].shape[1] > 0]
    if len(labelled) < 2:
        return {"skipped": "fewer than two labelled test samples (a CT without a label map, or a tiny test split)"}
    template = labelled[0]
    t_image = template["images"][0:1]
    t_points = template["landmarks_2d"][0]
    t_visible = template["landmarks_visible"][0]
    predictions: dict[str, list[np.ndarray]] = {"model": [], "random_init": [], "ncc": []}
    truths, valid = [], []
    with torch.no_grad():
        embeddings = {name: net.embed(t_image) for name, net in (("model", model), ("random_init", baseline))}
        for sample in labelled[1:]:
            if sample["landmarks_2d"].shape[1] != t_points.shape[0]:
                continue  # landmarks of another CT
            for view in range(sample["images"].shape[0]):
                query = sample["images"][view : view + 1]
                for name, net in (("model", model), ("random_init", baseline)):
                    fine, coarse = net.embed(query)
                    t_fine, t_coarse = embeddings[name]
                    located, _ = net.locate((t_fine[0], t_coarse[0]), t_points, (fine[0], coarse[0]))
                    predictions[name].append(located.numpy())
                predictions["ncc"].append(
                    baselines.ncc_locate(t_image[0, 0].numpy(), t_points.numpy(), query[0, 0].numpy())
                )
                truths.append(sample["landmarks_2d"][view].numpy())
                valid.append((sample["landmarks_visible"][view] & t_visible).numpy())
    if not truths:
        return {"skipped": "no query image shares the template's landmarks"}
    truth, mask = np.concatenate(truths), np.concatenate(valid)
    results: dict[str, Any] = {}
    for name, values in predictions.items():
        results[name] = radial_errors(np.concatenate(values), truth, mask, mm_per_px=pixel_mm)
    return results


def token_probe(features: np.ndarray, labels: np.ndarray, groups: np.ndarray, folds: int = 5) -> np.ndarray:
    """Cross-validated linear probe: each token's anatomy label predicted by a probe fitted on the other samples'
    tokens (folds grouped by sample, so no image is in both halves). Standardised features and a class-balanced
    ridge classifier: background tokens dominate the maps, and an unweighted probe learns to answer "background"."""
    from sklearn.linear_model import RidgeClassifier
    from sklearn.model_selection import GroupKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    predicted = np.empty_like(labels)
    for train, test in GroupKFold(n_splits=min(folds, len(np.unique(groups)))).split(features, labels, groups):
        if len(np.unique(labels[train])) < 2:  # one class seen: the probe can only answer it
            predicted[test] = labels[train][0]
            continue
        probe = make_pipeline(StandardScaler(), RidgeClassifier(class_weight="balanced"))
        predicted[test] = probe.fit(features[train], labels[train]).predict(features[test])
    return predicted


def evaluate_afire(model: Any, baseline: Any, samples: list[dict[str, Any]], seed: int) -> dict[str, Any]:
    """Token-to-anatomy linear probe (cross-validated over the held-out samples), synthetic-lesion token AUROC and
    k-means NMI, model vs random init, with the majority-class answer beside the probe."""
    from sklearn.metrics import balanced_accuracy_score

    from xraymatch.objectives.afire import token_coverage, token_labels
    from xraymatch.targets.lesions import synthesise_lesions

    patch = int(model.hparams["patch_size"])
    clean = torch.cat([s["images"].reshape(-1, 1, *s["images"].shape[-2:]) for s in samples])
    labels = token_labels(torch.cat([s["anatomy"] for s in samples]), patch).reshape(-1).numpy()
    per_image = labels.size // clean.shape[0]
    views = clean.shape[0] // len(samples)
    groups = np.repeat(np.arange(len(samples)), views * per_image)  # every token of a sample's views: one group
    rng = np.random.default_rng(seed)
    lesioned, mask = synthesise_lesions(clean, rng)
    covered = token_coverage(torch.as_tensor(mask), patch).reshape(-1).numpy()
    n_classes = len(np.unique(labels))
    results: dict[str, Any] = {}
    outputs: dict[str, dict[str, np.ndarray]] = {}
    for name, net in (("model", model), ("random_init", baseline)):
        with torch.no_grad():
            features = net.encode(clean)
            shift = (net.encode(torch.as_tensor(lesioned)) - features).norm(dim=-1).reshape(-1).numpy()
        flat = features.reshape(-1, features.shape[-1]).numpy()
        entry: dict[str, Any] = {}
        outputs[name] = {"shift": shift}
        if n_classes > 1 and len(samples) > 1:
            predicted = outputs[name]["probe"] = token_probe(flat, labels, groups)
            entry["token_probe_accuracy"] = float((predicted == labels).mean())
            entry["token_probe_balanced_accuracy"] = float(balanced_accuracy_score(labels, predicted))
            entry["token_nmi"] = cluster_nmi(flat, labels, max(int(min(16, n_classes)), 2), seed)
        entry["lesion_token_auroc"] = binary_scores(covered, shift)["auroc"]
        results[name] = entry
    if len(samples) > 1:  # is the model above its random-init twin by more than the test set's noise?
        difference: dict[str, Any] = {}
        if "probe" in outputs["model"]:
            difference["token_probe_balanced_accuracy"] = grouped_difference_ci(
                balanced_accuracy, labels, outputs["model"]["probe"], outputs["random_init"]["probe"], groups, seed=seed
            )
        if len(np.unique(covered)) > 1:
            difference["lesion_token_auroc"] = grouped_difference_ci(
                auroc_or_nan, covered, outputs["model"]["shift"], outputs["random_init"]["shift"], groups, seed=seed
            )
        results["model_minus_random_init"] = difference
    majority = np.bincount(labels).argmax()
    results["majority_class"] = {
        "token_probe_accuracy": float((labels == majority).mean()),
        "token_probe_balanced_accuracy": float(balanced_accuracy_score(labels, np.full_like(labels, majority))),
        "n_classes_test": int(n_classes),
    }
    return results


def write_json(path: Path, payload: dict[str, Any]) -> None:
    with atomic_file(path) as tmp:
        tmp.write_text(json.dumps(payload, indent=2, sort_keys=True, default=float))


def write_csv(path: Path, rows: list[dict[str, float]]) -> None:
    import pandas as pd

    with atomic_file(path) as tmp:
        pd.DataFrame(rows).to_csv(tmp, index=False)


def run_evaluation(params: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Evaluate every trained objective; writes metrics/<objective>.json and plots/*.csv."""
    config = EvalConfig.from_params(params)
    samples = test_samples(config)
    pixel_mm = float(params["drr"]["sampler"]["pixel_spacing_mm"])
    out: dict[str, dict[str, Any]] = {}
    classifiers: dict[str, Any] = {}
    for objective in ("multiview", "sam", "afire"):
        trained = load_trained(objective, config.models_dir)
        baseline = random_init(trained, config.seed)
        classifiers[f"{objective}_pretrained"] = fracture_factory(objective, trained, config)
        classifiers[f"{objective}_scratch"] = fracture_factory(objective, baseline, config)
        if objective == "multiview":
            result = evaluate_multiview(trained, baseline, samples)
            write_csv(config.plots_dir / "multiview_pr.csv", result.pop("pr_curve"))
        elif objective == "sam":
            result = evaluate_sam(trained, baseline, samples, pixel_mm)
            if "model" in result:
                errors = np.sort(result["model"].pop("errors_mm"))
                for entry in result.values():
                    entry.pop("errors_mm", None)
                cdf = [{"error_mm": float(e), "fraction": (i + 1) / len(errors)} for i, e in enumerate(errors)]
                write_csv(config.plots_dir / "landmark_error_cdf.csv", cdf)
        else:
            result = evaluate_afire(trained, baseline, samples, config.seed)
        result = {"caveat": CAVEAT, "n_test_samples": len(samples), **result}
        write_json(config.metrics_dir / f"{objective}.json", result)
        run_id = log_to_registered_run(objective, config.metrics_dir / f"{objective}.json", result, params)
        write_csv(config.plots_dir / f"{objective}_loss.csv", loss_history(run_id, params))
        out[objective] = result
        log.info("evaluated %s", objective)
    train_eligible, test_eligible = fracture_samples(config)
    downstream = evaluate_downstream(
        classifiers, train_eligible, test_eligible, config.label_fractions, config.seed, config.finetune
    )
    downstream = {"caveat": CAVEAT + DOWNSTREAM_CAVEAT, **downstream}
    write_json(config.metrics_dir / "downstream.json", downstream)
    out["downstream"] = downstream
    fracture = evaluate_fracture(config.models_dir, test_eligible, downstream)
    write_json(config.metrics_dir / "fracture.json", fracture)
    if "model" in fracture:
        log_to_registered_run("fracture", config.metrics_dir / "fracture.json", fracture, params)
    out["fracture"] = fracture
    return out


DOWNSTREAM_CAVEAT = (
    "; fractures are synthetic (a cut bone label, often a pixel or two at 128 px); fine-tuning: each pretrained "
    "encoder and its random-init twin (scratch) get the same budget, their last encoder block at a smaller learning "
    "rate plus a fusion head, the earlier blocks frozen (a CPU budget), on 1/10/100% of the labelled training samples"
)


def fracture_factory(objective: str, model: Any, config: EvalConfig) -> Any:
    """A builder of the fracture classifier fine-tuned from `model`'s tower (head initialised alike for every
    encoder: same seed)."""
    from xraymatch.objectives.fracture import classifier_from_model

    def build() -> Any:
        torch.manual_seed(config.seed)
        tuning = config.finetune
        return classifier_from_model(
            objective, model, finetune="tail", hidden=tuning.hidden, encoder_lr_scale=tuning.encoder_lr_scale
        )

    return build


def evaluate_fracture(models_dir: Path, test: list[dict[str, Any]], downstream: dict[str, Any]) -> dict[str, Any]:
    """The deployable classifier (models/fracture, `xraymatch train --objective fracture`) on the test split, beside
    the downstream fine-tunings of the same encoder at 100% of labels (pretrained and scratch)."""
    if not (models_dir / "fracture" / "checkpoints" / "last.ckpt").exists():
        return {"caveat": CAVEAT, "skipped": "no trained classifier; run `xraymatch train --objective fracture`"}
    if "skipped" in downstream:
        return {"caveat": CAVEAT, "skipped": downstream["skipped"]}
    model = load_trained("fracture", models_dir)
    labels = np.array([float(s["fracture"]) for s in test]).astype(int)
    with torch.no_grad():
        probs = torch.cat(
            [model.predict_proba(torch.stack([s["images"] for s in test[i : i + 16]])) for i in range(0, len(test), 16)]
        )
    encoder = str(model.hparams["encoder"])
    return {
        "caveat": CAVEAT + DOWNSTREAM_CAVEAT,
        "n_test": len(labels),
        "encoder": encoder,
        "finetune": str(model.hparams["finetune"]),
        "model": binary_scores(labels, probs.numpy()),
        "downstream_pretrained_100%": downstream.get(f"{encoder}_pretrained", {}).get("100%"),
        "downstream_scratch_100%": downstream.get(f"{encoder}_scratch", {}).get("100%"),
    }


def log_to_registered_run(objective: str, path: Path, result: dict[str, Any], params: dict[str, Any]) -> str | None:
    """Attach the evaluation JSON and the model's test metrics to the run of the newest registered version."""
    import mlflow

    from xraymatch.training.tracking import resolve_tracking_uri

    client = mlflow.tracking.MlflowClient(tracking_uri=resolve_tracking_uri(params["train"].get("tracking_uri")))
    versions = client.search_model_versions(f"name='xraymatch-{objective}'")
    if not versions:
        log.warning("no registered xraymatch-%s version: the evaluation is not attached to a run", objective)
        return None
    run_id = str(max(versions, key=lambda v: int(v.version)).run_id)
    client.log_artifact(run_id, str(path), artifact_path="evaluation")
    from xraymatch.evaluation.rescore import evaluation_set_id

    client.set_tag(run_id, "eval_set", evaluation_set_id(params, objective))
    for key, value in (result.get("model") or {}).items():
        if isinstance(value, float) and np.isfinite(value):
            client.log_metric(run_id, f"test/{key.replace('@', '_at_')}", value)
    return run_id


def loss_history(run_id: str | None, params: dict[str, Any]) -> list[dict[str, float]]:
    """Per-epoch train and val loss of a run, for the DVC loss-curve plots (empty without a registered run)."""
    if run_id is None:
        return [{"epoch": 0.0, "train_loss": float("nan"), "val_loss": float("nan")}]
    import mlflow

    from xraymatch.training.tracking import resolve_tracking_uri

    client = mlflow.tracking.MlflowClient(tracking_uri=resolve_tracking_uri(params["train"].get("tracking_uri")))
    series = {
        name: client.get_metric_history(run_id, key)
        for name, key in (("train_loss", "train/loss_epoch"), ("val_loss", "val/loss"))
    }
    epochs = max(len(v) for v in series.values())
    return [
        {
            "epoch": float(i),
            **{name: (values[i].value if i < len(values) else float("nan")) for name, values in series.items()},
        }
        for i in range(epochs)
    ]


def fracture_samples(config: EvalConfig) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Train and test samples of the CTs that can carry a fracture (bone labels), evenly spaced, capped."""
    from xraymatch.data.cache import DRRCache
    from xraymatch.data.datamodule import TrainingSamples

    picked = []
    for split, cap in (("train", config.downstream_train_samples), ("test", config.downstream_train_samples)):
        cache = DRRCache(config.cache_dir, split=split)
        eligible = np.flatnonzero(cache.index["fracture_eligible"].to_numpy(bool))
        chosen = (
            eligible[np.linspace(0, len(eligible) - 1, min(cap, len(eligible))).round().astype(int)]
            if len(eligible)
            else []
        )
        dataset = TrainingSamples(cache, None)
        picked.append([dataset[int(i)] for i in chosen])
    return picked[0], picked[1]
