"""Promotion and rollback in the MLflow registry, driven by the metric gate and recorded in the promotion log.

The newest version of `xraymatch-<objective>` becomes `@challenger`; it is compared with `@champion` on the same
evaluation set (both are re-scored on the current test split when their recorded `eval_set` tags differ); passing
moves `@champion`. Every decision is appended to the promotion log and set as tags on the challenger's version.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from xraymatch.errors import ConfigError, InputError
from xraymatch.registry import promotion_log
from xraymatch.registry.gate import GateRules, decide

log = logging.getLogger(__name__)
CHAMPION, CHALLENGER = "champion", "challenger"


@dataclass(frozen=True)
class PromotionResult:
    model: str
    challenger: str
    champion_before: str | None
    champion_after: str | None
    passed: bool
    reasons: tuple[str, ...]
    metrics: dict[str, dict[str, float]]


def objective_of(model_name: str) -> str:
    if not model_name.startswith("xraymatch-"):
        raise InputError(f"--model {model_name!r}: registered models are named xraymatch-<objective>")
    return model_name.removeprefix("xraymatch-")


def _client(params: dict[str, Any]) -> Any:
    import mlflow

    from xraymatch.training.tracking import resolve_tracking_uri

    return mlflow.tracking.MlflowClient(tracking_uri=resolve_tracking_uri(params["train"].get("tracking_uri")))


def _alias_version(client: Any, name: str, alias: str) -> str | None:
    from mlflow.exceptions import MlflowException

    try:
        return str(client.get_model_version_by_alias(name, alias).version)
    except MlflowException:
        return None


def recorded_metrics(client: Any, name: str, version: str) -> tuple[dict[str, float], str | None]:
    """The version's evaluation metrics (`test/*` on its run, un-prefixed) and the evaluation set they came from."""
    run = client.get_run(client.get_model_version(name, version).run_id)
    metrics = {
        key.removeprefix("test/").replace("_at_", "@"): float(value)
        for key, value in run.data.metrics.items()
        if key.startswith("test/")
    }
    return metrics, run.data.tags.get("eval_set")


def checks_status(report_dir: Path, suites: tuple[str, ...]) -> dict[str, bool]:
    """Whether each data-check report (reports/checks/<suite>.json) exists and says success."""
    status = {}
    for suite in suites:
        path = report_dir / f"{suite}.json"
        try:
            status[suite] = bool(json.loads(path.read_text()).get("success", False))
        except (OSError, json.JSONDecodeError):
            status[suite] = False
    return status


def load_registered(name: str, version: str, tracking_uri: str) -> Any:
    """The registered model as MLflow serves it (the exported program logged with its signature)."""
    import mlflow

    mlflow.set_tracking_uri(tracking_uri)
    return mlflow.pytorch.load_model(f"models:/{name}/{version}", map_location="cpu")


def _load_run_artifact(
    client: Any, name: str, version: str, artifact_path: str, missing: str, load: Callable[[str], Any]
) -> Any:
    """`load(local path)` of one artifact of a registered version's run, downloaded to a temporary folder; a missing
    artifact is an InputError "<name> v<version>: its run has no '<artifact_path>' artifact<missing>"."""
    import tempfile

    import mlflow

    run_id = client.get_model_version(name, version).run_id
    with tempfile.TemporaryDirectory() as tmp:
        try:
            path = mlflow.artifacts.download_artifacts(
                run_id=run_id, artifact_path=artifact_path, dst_path=tmp, tracking_uri=client.tracking_uri
            )
        except Exception:  # MLflow raises several types for a missing artifact
            raise InputError(f"{name} v{version}: its run has no '{artifact_path}' artifact{missing}") from None
        return load(path)


def load_version_bundle(client: Any, name: str, version: str) -> Any:
    """The native bundle (state_dict + hparams) logged beside a registered version, rebuilt as a ModelBundle."""
    from xraymatch.registry.bundle import load_bundle

    missing = " (registered before bundles existed); retrain it with `dvc repro train`"
    return _load_run_artifact(
        client, name, version, "bundle", missing, lambda path: load_bundle(path, expect=objective_of(name))
    )


def version_inputs(client: Any, name: str, version: str, model: Any) -> dict[str, Any]:
    """What re-scoring a version needs besides its weights: vl's own tokenizer (its run's `tokenizer/tokenizer.json`;
    the project's current tokenizer may have been re-trained on another corpus since); nothing for the others."""
    if objective_of(name) != "vl":
        return {}
    from xraymatch.evaluation.vl import load_tokenizer

    vocab_size = int(model.hparams["vocab_size"])
    tokenizer = _load_run_artifact(
        client,
        name,
        version,
        "tokenizer/tokenizer.json",
        "; retrain it with `dvc repro train_vl`",
        lambda path: load_tokenizer(path, vocab_size),
    )
    return {"tokenizer": tokenizer}


def smoke_inference(exported: Any, example: Any) -> str | None:
    """None when the model answers the example with a finite tensor, else the one-line failure."""
    import torch

    try:
        with torch.no_grad():
            output = exported(example)
    except Exception as exc:  # any failure to answer refuses the promotion; the reason is recorded
        return f"{exc.__class__.__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
    if not isinstance(output, torch.Tensor) or output.numel() == 0:
        return "empty or non-tensor output"
    if not bool(torch.isfinite(output).all()):
        return "non-finite output"
    return None


def smoke_example(params: dict[str, Any]) -> Any:
    """One held-out sample's views (1, V, 1, H, W), the same input the models were logged with."""
    from xraymatch.data.cache import DRRCache
    from xraymatch.data.datamodule import TrainingSamples

    cache_dir = Path(params["drr"]["out_dir"])
    for split in ("test", "val", "train"):
        try:
            dataset = TrainingSamples(DRRCache(cache_dir, split=split), None)
        except InputError:
            continue
        if len(dataset):
            return dataset[0]["images"][None]
    raise InputError(f"{cache_dir}: no DRR sample for the smoke inference; run `dvc repro render_drr`")


# (objective, model, params, **version_inputs): vl's scorer also receives the version's `tokenizer`
Scorer = Callable[..., tuple[dict[str, float], str]]


def promote(
    params: dict[str, Any],
    model_name: str,
    scorer: Scorer | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> PromotionResult:
    """Gate the newest version of `model_name` against `@champion` and move the alias when it passes."""
    from xraymatch.training.tracking import git_commit

    objective = objective_of(model_name)
    section = params.get("promote") or {}
    rules_section = (section.get("objectives") or {}).get(objective)
    if rules_section is None:
        raise ConfigError(f"params.yaml: promote.objectives.{objective} is missing; add gate rules for {model_name}")
    rules = GateRules.from_params(rules_section, objective)
    client = _client(params)
    versions = client.search_model_versions(f"name='{model_name}'")
    if not versions:
        raise InputError(f"{model_name}: no registered version; run `dvc repro train@{objective}` first")
    challenger = str(max(int(v.version) for v in versions))
    champion = _alias_version(client, model_name, CHAMPION)
    client.set_registered_model_alias(model_name, CHALLENGER, challenger)

    new_metrics, new_set = recorded_metrics(client, model_name, challenger)
    old_metrics, old_set = recorded_metrics(client, model_name, champion) if champion else ({}, None)
    example = smoke_example(params)
    try:
        smoke_error = smoke_inference(load_registered(model_name, challenger, client.tracking_uri), example)
    except Exception as exc:  # a model MLflow cannot load is refused, with the reason recorded
        smoke_error = f"could not load the registered model ({exc.__class__.__name__})"
    reevaluated = False
    # Re-score both versions when they were scored on different sets, or when a metric the rules read is missing
    # from either record (a metric added or redefined after the champion was evaluated).
    unrecorded = [m for m in rules.metrics if not _is_finite(new_metrics.get(m)) or not _is_finite(old_metrics.get(m))]
    if champion and champion != challenger and (new_set is None or new_set != old_set or unrecorded):
        if scorer is None:
            raise InputError(
                f"{model_name}: versions {challenger} and {champion} were evaluated on different sets "
                f"({new_set} vs {old_set}) or lack {', '.join(unrecorded) or 'nothing'} and {objective} has no "
                "re-evaluation; run `dvc repro evaluate` first"
            )
        new_metrics, new_set = _rescore_version(scorer, client, model_name, challenger, params)
        old_metrics, old_set = _rescore_version(scorer, client, model_name, champion, params)
        reevaluated = True

    report_dir = Path((params.get("checks") or {}).get("report_dir", "reports/checks"))
    checks = checks_status(report_dir, rules.checks)
    if champion == challenger:
        reasons: tuple[str, ...] = ("challenger is already the champion: nothing to promote",)
        decision_passed = False
    else:
        decision = decide(rules, new_metrics, old_metrics if champion else None, checks, smoke_error)
        decision_passed, reasons = decision.passed, decision.reasons
    after = challenger if decision_passed else champion
    if decision_passed:
        client.set_registered_model_alias(model_name, CHAMPION, challenger)
    entry = {
        "action": "promote",
        "model": model_name,
        "challenger": challenger,
        "champion_before": champion,
        "champion_after": after,
        "passed": decision_passed,
        "reasons": list(reasons),
        "primary": rules.primary.metric,
        "challenger_metrics": _finite(new_metrics),
        "champion_metrics": _finite(old_metrics),
        "eval_set": new_set,
        "reevaluated": reevaluated,
        "checks": checks,
        "time": now().isoformat(timespec="seconds"),
        "commit": git_commit(),
    }
    promotion_log.append(section.get("log", "registry/promotions.jsonl"), entry)
    tags = {
        "promotion.decision": "promoted" if decision_passed else "refused",
        "promotion.reasons": "; ".join(reasons)[:4000] or "all rules passed",
        "promotion.time": entry["time"],
        "promotion.commit": entry["commit"],
        "promotion.champion_before": str(champion),
    }
    for key, value in tags.items():
        client.set_model_version_tag(model_name, challenger, key, value)
    verdict = "promoted" if decision_passed else "refused"
    log.info("%s v%s %s (champion now %s)", model_name, challenger, verdict, after)
    return PromotionResult(
        model_name,
        challenger,
        champion,
        after,
        decision_passed,
        tuple(reasons),
        {"challenger": _finite(new_metrics), "champion": _finite(old_metrics)},
    )


def rollback(params: dict[str, Any], model_name: str, now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> str:
    """Point `@champion` back at the champion the current one replaced; returns that version."""
    from xraymatch.training.tracking import git_commit

    client = _client(params)
    log_path = (params.get("promote") or {}).get("log", "registry/promotions.jsonl")
    current = _alias_version(client, model_name, CHAMPION)
    if current is None:
        raise InputError(f"{model_name}: has no @champion to roll back")
    previous = promotion_log.previous_champion(promotion_log.read(log_path, model_name), current)
    if previous is None:
        raise InputError(f"{model_name}: v{current} has no previous champion in {log_path}; nothing to roll back to")
    client.set_registered_model_alias(model_name, CHAMPION, previous)
    entry = {
        "action": "rollback",
        "model": model_name,
        "champion_before": current,
        "champion_after": previous,
        "passed": True,
        "time": now().isoformat(timespec="seconds"),
        "commit": git_commit(),
    }
    promotion_log.append(log_path, entry)
    client.set_model_version_tag(model_name, current, "promotion.decision", f"rolled back to v{previous}")
    return previous


def _rescore_version(
    scorer: Scorer, client: Any, name: str, version: str, params: dict[str, Any]
) -> tuple[dict[str, float], str]:
    """One registered version's metrics on the current evaluation set (its bundle plus `version_inputs`)."""
    model = load_version_bundle(client, name, version).model
    return scorer(objective_of(name), model, params, **version_inputs(client, name, version, model))


def _is_finite(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(float(value))


def _finite(metrics: dict[str, float]) -> dict[str, float]:
    return {k: float(v) for k, v in sorted(metrics.items()) if math.isfinite(float(v))}
