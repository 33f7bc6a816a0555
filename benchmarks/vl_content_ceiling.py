"""How much of what a generated report states can its images show on the test split? A supervised ceiling for vl.

The vl gate ranks reports by content (`paired.content_key`: the body region, the ordered view codes and the fracture
flag). Before blaming the contrastive objective for chance-level content retrieval, this asks whether supervised linear
probes, trained on the train split's labels, can read the same content from the test split's images at all: the
region, per view position the view code, the fracture flag, the whole content key. Features: the normalised images
(`augment.normalise`, as training sees them) average-pooled to 8 x 8 pixels, and the multiview champion's tokens
mean-pooled per view (a trained tower).
Majority-class and balanced-accuracy numbers are printed beside each.

`retrieval` is the ceiling in the gate's own metric: each test image ranks the test reports by the sum of its factor
probes' log-probabilities of each report's region, view codes and fracture flag (a value the probe never saw in
training gets probability 1e-6), scored by `evaluation.vl.balanced_recall_at_k` over content classes, beside the
random-ranking chance of the same positives. A contrastive model trained on the same split should not be expected
above it; the vl floor is set against it (params `promote.objectives.vl.floors`).

Usage: PYTHONPATH=src python benchmarks/vl_content_ceiling.py [--out metrics/vl_content_ceiling.json]
(needs `make repro` first: data/drr, data/reports/corpus.parquet, models/multiview/checkpoints/last.ckpt)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xraymatch.atomic import atomic_file  # noqa: E402
from xraymatch.config import load_params  # noqa: E402


def split_features(cache_dir: Path, corpus: Path, split: str, tower: Any) -> dict[str, Any]:
    """Pixel and tower features (N, V, D) of every paired sample of `split`, with its view codes and fracture flag."""
    import pandas as pd
    import torch
    import torch.nn.functional as F

    from xraymatch.data.augment import normalise
    from xraymatch.data.cache import DRRCache
    from xraymatch.data.paired import pair_reports

    pairs = pair_reports(corpus, cache_dir, split)
    labels = pd.read_parquet(corpus, columns=["report_id", "views", "fracture", "region"]).set_index("report_id")
    pairs = pairs[pairs["content"].notna()].drop_duplicates("position")
    cache = DRRCache(cache_dir, split=split)
    pixels, towers = [], []
    with torch.no_grad():
        for position in pairs["position"]:
            raw = torch.as_tensor(cache[int(position)]["images"]).float()  # (V, 1, H, W) line integrals
            images = torch.stack([normalise(view) for view in raw])  # as every objective sees them
            pixels.append(F.adaptive_avg_pool2d(images, 8).flatten(1).numpy())
            towers.append(tower.encode(images).mean(dim=1).numpy())
    views = [list(labels.loc[r, "views"]) for r in pairs["report_id"]]
    return {
        "pixels": np.stack(pixels),
        "multiview": np.stack(towers),
        "views": views,
        "fracture": [bool(labels.loc[r, "fracture"]) for r in pairs["report_id"]],
        "region": [str(labels.loc[r, "region"]) for r in pairs["report_id"]],
        "content": list(pairs["content"]),
    }


def fit_probe(train_x: np.ndarray, train_y: list[Any]) -> Any:
    """A standardised L2 logistic probe on string labels."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=3000, C=0.1)).fit(
        train_x, [str(y) for y in train_y]
    )


def probe(train_x: np.ndarray, train_y: list[Any], test_x: np.ndarray, test_y: list[Any]) -> dict[str, float]:
    """`fit_probe` scored: train and test accuracy, test balanced accuracy, test majority share."""
    from sklearn.metrics import balanced_accuracy_score

    model = fit_probe(train_x, train_y)
    predicted = model.predict(test_x)
    truth = [str(y) for y in test_y]
    counts = np.unique(truth, return_counts=True)[1]
    return {
        "train_accuracy": float(model.score(train_x, [str(y) for y in train_y])),
        "test_accuracy": float(np.mean(predicted == np.array(truth))),
        "test_balanced_accuracy": float(balanced_accuracy_score(truth, predicted)),
        "test_majority_share": float(counts.max() / counts.sum()),
        "test_classes": len(counts),
    }


def factor_log_probs(train_x: np.ndarray, train_y: list[Any], test_x: np.ndarray, test_y: list[Any]) -> np.ndarray:
    """(N, N) log-probability that test image i shows the factor value of test report j, from a probe trained on the
    train split (values it never saw get 1e-6)."""
    model = fit_probe(train_x, train_y)
    proba = model.predict_proba(test_x)
    column = {str(c): k for k, c in enumerate(model.classes_)}
    unseen = np.full((len(test_x), 1), 1e-6)
    table = np.concatenate([np.maximum(proba, 1e-6), unseen], axis=1)
    return np.log(table[:, [column.get(str(y), len(column)) for y in test_y]])


def retrieval_ceiling(train: dict[str, Any], test: dict[str, Any], features: str) -> dict[str, float]:
    """i2t content-balanced recall@k of ranking test reports by their factors' probe log-probabilities."""
    from xraymatch.evaluation.vl import balanced_recall_at_k, chance_balanced_recall_at_k, same_class

    n_train, n_test = len(train["content"]), len(test["content"])
    flat_train, flat_test = train[features].reshape(n_train, -1), test[features].reshape(n_test, -1)
    score = factor_log_probs(flat_train, train["region"], flat_test, test["region"])
    score = score + factor_log_probs(flat_train, train["fracture"], flat_test, test["fracture"])
    for v in range(train[features].shape[1]):
        score = score + factor_log_probs(
            train[features][:, v], [c[v] for c in train["views"]], test[features][:, v], [c[v] for c in test["views"]]
        )
    positives = same_class(test["content"])
    out: dict[str, float] = {"content_classes": float(len(set(test["content"])))}
    for k in (1, 5, 10):
        out[f"i2t_content_balanced_recall@{k}"] = balanced_recall_at_k(score, positives, k, test["content"])
        out[f"chance_content_balanced_recall@{k}"] = chance_balanced_recall_at_k(positives, k, test["content"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--split", default="test")
    parser.add_argument("--checkpoint", type=Path, default=None, help="default: <models_dir>/multiview/.../last.ckpt")
    args = parser.parse_args()
    from xraymatch.objectives.multiview import MultiViewMatching

    params = load_params(ROOT / "params.yaml")
    cache_dir = ROOT / params["drr"]["out_dir"]
    corpus = ROOT / params["reports"]["out_dir"] / "corpus.parquet"
    checkpoint = args.checkpoint or ROOT / params["train"]["models_dir"] / "multiview" / "checkpoints" / "last.ckpt"
    tower = MultiViewMatching.load_from_checkpoint(str(checkpoint), map_location="cpu").eval()
    train = split_features(cache_dir, corpus, "train", tower)
    test = split_features(cache_dir, corpus, args.split, tower)
    results: dict[str, Any] = {}
    for features in ("pixels", "multiview"):
        flat_train, flat_test = (
            train[features].reshape(len(train["content"]), -1),
            test[features].reshape(len(test["content"]), -1),
        )
        per: dict[str, Any] = {"region": probe(flat_train, train["region"], flat_test, test["region"])}
        for v in range(train[features].shape[1]):
            per[f"view{v}_code"] = probe(
                train[features][:, v],
                [c[v] for c in train["views"]],
                test[features][:, v],
                [c[v] for c in test["views"]],
            )
        per["fracture"] = probe(flat_train, train["fracture"], flat_test, test["fracture"])
        per["content"] = probe(flat_train, train["content"], flat_test, test["content"])
        results[features] = per
        results[f"{features}_retrieval"] = retrieval_ceiling(train, test, features)
        print(f"{features:10s} retrieval    {results[f'{features}_retrieval']}")
        for target, scores in per.items():
            print(
                f"{features:10s} {target:12s} train {scores['train_accuracy']:.3f}  test {scores['test_accuracy']:.3f}"
                f"  balanced {scores['test_balanced_accuracy']:.3f}  majority {scores['test_majority_share']:.3f}"
                f"  ({scores['test_classes']} classes)"
            )
    if args.out:
        payload = {
            "what": __doc__.split("\n\n")[0],
            "split": args.split,
            "n_train": len(train["content"]),
            "n_test": len(test["content"]),
            "command": f"PYTHONPATH=src python benchmarks/vl_content_ceiling.py --split {args.split} --out {args.out}",
            "results": results,
        }
        with atomic_file(args.out) as tmp:
            Path(tmp).write_text(json.dumps(payload, indent=2) + "\n")


if __name__ == "__main__":
    main()
