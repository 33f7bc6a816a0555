"""How much of what a generated report states can its images show on the test split? A supervised ceiling for vl.

The vl gate ranks reports by content (`paired.content_key`: the ordered view codes and the fracture flag). Before
blaming the contrastive objective for chance-level content retrieval, this asks whether a supervised linear probe,
trained on the train split's labels, can read the same content from the test split's images at all: per view
position, the view code; the fracture flag; the whole content key. Features: the images average-pooled to 8 x 8
pixels, and the multiview champion's tokens mean-pooled per view (a trained tower). Majority-class and
balanced-accuracy numbers are printed beside each (balanced accuracy is what i2t content-balanced R@1 averages).

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

    from xraymatch.data.cache import DRRCache
    from xraymatch.data.paired import pair_reports

    pairs = pair_reports(corpus, cache_dir, split)
    labels = pd.read_parquet(corpus, columns=["report_id", "views", "fracture"]).set_index("report_id")
    pairs = pairs[pairs["content"].notna()].drop_duplicates("position")
    cache = DRRCache(cache_dir, split=split)
    pixels, towers = [], []
    with torch.no_grad():
        for position in pairs["position"]:
            images = torch.as_tensor(cache[int(position)]["images"]).float()  # (V, 1, H, W)
            pixels.append(F.adaptive_avg_pool2d(images, 8).flatten(1).numpy())
            towers.append(tower.encode(images).mean(dim=1).numpy())
    views = [list(labels.loc[r, "views"]) for r in pairs["report_id"]]
    return {
        "pixels": np.stack(pixels),
        "multiview": np.stack(towers),
        "views": views,
        "fracture": [bool(labels.loc[r, "fracture"]) for r in pairs["report_id"]],
        "content": list(pairs["content"]),
    }


def probe(train_x: np.ndarray, train_y: list[Any], test_x: np.ndarray, test_y: list[Any]) -> dict[str, float]:
    """A standardised L2 logistic probe: train and test accuracy, test balanced accuracy, test majority share."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import balanced_accuracy_score
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(train_x)
    model = LogisticRegression(max_iter=3000, C=0.1).fit(scaler.transform(train_x), [str(y) for y in train_y])
    predicted = model.predict(scaler.transform(test_x))
    truth = [str(y) for y in test_y]
    counts = np.unique(truth, return_counts=True)[1]
    return {
        "train_accuracy": float(model.score(scaler.transform(train_x), [str(y) for y in train_y])),
        "test_accuracy": float(np.mean(predicted == np.array(truth))),
        "test_balanced_accuracy": float(balanced_accuracy_score(truth, predicted)),
        "test_majority_share": float(counts.max() / counts.sum()),
        "test_classes": len(counts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--split", default="test")
    args = parser.parse_args()
    from xraymatch.objectives.multiview import MultiViewMatching

    params = load_params(ROOT / "params.yaml")
    cache_dir = ROOT / params["drr"]["out_dir"]
    corpus = ROOT / params["reports"]["out_dir"] / "corpus.parquet"
    checkpoint = ROOT / params["train"]["models_dir"] / "multiview" / "checkpoints" / "last.ckpt"
    tower = MultiViewMatching.load_from_checkpoint(str(checkpoint), map_location="cpu").eval()
    train = split_features(cache_dir, corpus, "train", tower)
    test = split_features(cache_dir, corpus, args.split, tower)
    results: dict[str, Any] = {}
    for features in ("pixels", "multiview"):
        flat_train, flat_test = (
            train[features].reshape(len(train["content"]), -1),
            test[features].reshape(len(test["content"]), -1),
        )
        per: dict[str, Any] = {}
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
