"""Identify an evaluation set, and re-score a registered model on the current one (used by the promotion gate).

Two versions are comparable only when they were scored on the same held-out samples with the same evaluation
parameters; `evaluation_set_id` fingerprints exactly that and `evaluate` records it as the run tag `eval_set`.
vl's numbers also depend on the report corpus and the `vl.evaluate` params, so its id adds them (the other
objectives' ids are unchanged, so their champions' records stay comparable).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from xraymatch.errors import InputError


def file_sha256(path: Path) -> str:
    """sha256 of a file's bytes (the report corpus: vl's test pairs and their texts come from it)."""
    if not path.is_file():
        raise InputError(f"{path}: missing report corpus; run `dvc repro build_reports` first")
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def vl_fingerprint(params: dict[str, Any]) -> dict[str, Any]:
    """What vl's scores depend on beyond the DRR test split: the corpus content and the resolved `vl.evaluate`
    settings (defaults filled in, so writing a default out does not change the id)."""
    from dataclasses import asdict

    from xraymatch.data.paired import VLConfig
    from xraymatch.evaluation.vl import VLEvalConfig

    vl_config = VLConfig.from_params(params)
    return {
        "corpus": file_sha256(vl_config.corpus),
        "vl_evaluate": asdict(VLEvalConfig.from_section(vl_config.evaluate)),
    }


def evaluation_set_id(params: dict[str, Any], objective: str | None = None) -> str:
    """sha256 over the test split's sample ids, the cache's content hash and the `evaluate` params (16 hex); for vl
    also the corpus content hash and the `vl.evaluate` params (`vl_fingerprint`)."""
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
    if objective == "vl":
        payload.update(vl_fingerprint(params))
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()[:16]


def rescore(
    objective: str, model: Any, params: dict[str, Any], tokenizer: Any | None = None
) -> tuple[dict[str, float], str]:
    """The metrics of a model (the objective's LightningModule) on the current test split, and that split's id.

    vl scores text too: `tokenizer` is the version's own (its run's `tokenizer/tokenizer.json`, which the promotion
    gate passes); None reads the trained one at `<train.models_dir>/vl/tokenizer.json`.
    """
    from xraymatch.evaluation import evaluate as ev

    config = ev.EvalConfig.from_params(params)
    if objective == "vl":
        from xraymatch.evaluation import vl

        if tokenizer is None:
            path = config.models_dir / "vl" / "tokenizer.json"
            tokenizer = vl.load_tokenizer(path, int(model.hparams["vocab_size"]))
        metrics = vl.score_version(model, tokenizer, params)
        return {k: float(v) for k, v in metrics.items()}, evaluation_set_id(params, "vl")
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
