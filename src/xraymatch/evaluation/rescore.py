"""Identify an evaluation set, and re-score a registered model on the current one (used by the promotion gate).

Two versions are comparable only when they were scored on the same held-out samples with the same evaluation
parameters; `evaluation_set_id` fingerprints exactly that and `evaluate` records it as the run tag `eval_set`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from xraymatch.errors import InputError


def evaluation_set_id(params: dict[str, Any]) -> str:
    """sha256 over the test split's sample ids, the cache's content hash and the `evaluate` params (16 hex)."""
    import pandas as pd

    from xraymatch.training.tracking import dvc_out_hash

    cache_dir = Path(params["drr"]["out_dir"])
    index_path = cache_dir / "index.parquet"
    if not index_path.exists():
        raise InputError(f"{index_path}: missing; run `dvc repro render_drr` first")
    index = pd.read_parquet(index_path, columns=["sample_id", "split"])
    ids = sorted(index.loc[index["split"] == "test", "sample_id"].astype(str))
    payload = {
        "test_ids": ids,
        "cache": dvc_out_hash(str(params["drr"]["out_dir"])),
        "evaluate": params.get("evaluate", {}),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def rescore(objective: str, model: Any, params: dict[str, Any]) -> tuple[dict[str, float], str]:
    """The metrics of a model (the objective's LightningModule) on the current test split, and that split's id."""
    from xraymatch.evaluation import evaluate as ev

    config = ev.EvalConfig.from_params(params)
    samples = ev.test_samples(config)
    if objective == "multiview":
        result = ev.evaluate_multiview(model, model, samples)
    elif objective == "sam":
        result = ev.evaluate_sam(model, model, samples, float(params["drr"]["sampler"]["pixel_spacing_mm"]))
    elif objective == "afire":
        result = ev.evaluate_afire(model, model, samples, config.seed)
    else:
        raise InputError(f"objective {objective!r}: no re-evaluation; evaluate both versions with `dvc repro`")
    metrics = {k: float(v) for k, v in (result.get("model") or {}).items() if isinstance(v, (int, float))}
    return metrics, evaluation_set_id(params)
