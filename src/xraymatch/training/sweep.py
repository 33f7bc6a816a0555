"""Optuna sweeps: a seeded TPE study in shared storage, each trial a nested MLflow run, pruning through Lightning.

Storage is Optuna's journal file by default (safe for several worker processes on one machine; SQLite locks
under parallel workers); pass an RDB URL (postgresql://...) for workers on many machines. The best parameters are
written to `sweeps/<study>/best_params.yaml` as `train.objectives.<objective>.<name>` keys, ready for
`dvc exp run -S ...`.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from xraymatch.atomic import atomic_file
from xraymatch.errors import ConfigError
from xraymatch.training.train import TrainConfig, train

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SweepConfig:
    """params.yaml `sweep`: study name, storage, seed, monitored metric and the search space per objective."""

    study: str
    storage: str | None
    seed: int
    monitor: str
    direction: str
    space: dict[str, dict[str, Any]]
    out_dir: Path

    @classmethod
    def from_params(cls, params: dict[str, Any], objective: str, study: str | None, storage: str | None) -> SweepConfig:
        section = params.get("sweep") or {}
        space = (section.get("space") or {}).get(objective)
        if not space:
            raise ConfigError(f"sweep.space.{objective}: no search space; add ranges for this objective in params.yaml")
        return cls(
            study=study or f"{objective}-{section.get('name', 'sweep')}",
            storage=storage or section.get("storage"),
            seed=int(section.get("seed", 0)),
            monitor=str(section.get("monitor", "val_loss")),
            direction=str(section.get("direction", "minimize")),
            space=space,
            out_dir=Path(section.get("out_dir", "sweeps")),
        )


def open_storage(config: SweepConfig) -> Any:
    """Journal-file storage under sweeps/<study>/ by default, else the configured RDB URL."""
    import optuna
    from optuna.storages.journal import JournalFileBackend

    if config.storage and "://" in config.storage:
        return config.storage
    path = Path(config.storage) if config.storage else config.out_dir / config.study / "journal.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    return optuna.storages.JournalStorage(JournalFileBackend(str(path)))


def suggest(trial: Any, space: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Draw one value per hyper-parameter: {type: float|int|categorical, low, high, log, choices}."""
    values: dict[str, Any] = {}
    for name, spec in space.items():
        kind = spec.get("type", "float")
        if kind == "float":
            values[name] = trial.suggest_float(name, float(spec["low"]), float(spec["high"]), log=bool(spec.get("log")))
        elif kind == "int":
            values[name] = trial.suggest_int(name, int(spec["low"]), int(spec["high"]), log=bool(spec.get("log")))
        elif kind == "categorical":
            values[name] = trial.suggest_categorical(name, list(spec["choices"]))
        else:
            raise ConfigError(f"sweep.space.{name}.type {kind!r}: use float, int or categorical")
    return values


def run_sweep(
    params: dict[str, Any], objective: str, n_trials: int, study: str | None = None, storage: str | None = None
) -> dict[str, Any]:
    """Run `n_trials` trials in this process (other workers may share the study); returns the best parameters."""
    import mlflow
    import optuna
    from optuna_integration import PyTorchLightningPruningCallback

    from xraymatch.training.tracking import resolve_tracking_uri

    config = SweepConfig.from_params(params, objective, study, storage)
    base = TrainConfig.from_params(params, objective)
    uri = resolve_tracking_uri(base.tracking_uri)
    mlflow.set_tracking_uri(uri)
    experiment = mlflow.set_experiment(f"xraymatch-{objective}")
    sampler = optuna.samplers.TPESampler(seed=config.seed, n_startup_trials=max(2, min(10, n_trials)))
    study_obj = optuna.create_study(
        storage=open_storage(config),
        sampler=sampler,
        pruner=optuna.pruners.MedianPruner(n_startup_trials=2),
        study_name=config.study,
        direction="maximize" if config.direction == "maximize" else "minimize",
        load_if_exists=True,
    )
    with mlflow.start_run(run_name=f"sweep-{config.study}", experiment_id=experiment.experiment_id) as parent:
        mlflow.set_tag("optuna_study", config.study)

        def objective_fn(trial: optuna.Trial) -> float:
            values = suggest(trial, config.space)
            trial_config = dataclasses.replace(base, hparams={**base.hparams, **values})
            pruning = PyTorchLightningPruningCallback(trial, monitor=config.monitor)
            try:
                result = train(
                    trial_config,
                    register=False,
                    callbacks=(pruning,),
                    parent_run_id=parent.info.run_id,
                    run_name=f"trial-{trial.number}",
                    checkpoint_dir=config.out_dir / config.study / f"trial-{trial.number:04d}",
                )
            finally:
                mlflow.set_tracking_uri(uri)  # Lightning's logger may have switched it; keep the parent reachable
            if config.monitor not in result.metrics:
                raise ConfigError(
                    f"sweep.monitor {config.monitor!r}: not logged by {objective}; logged: {sorted(result.metrics)}"
                )
            return result.metrics[config.monitor]

        study_obj.optimize(objective_fn, n_trials=n_trials, catch=())
    best = {f"train.objectives.{objective}.{k}": v for k, v in study_obj.best_params.items()}
    out = config.out_dir / config.study / "best_params.yaml"
    with atomic_file(out) as tmp:
        tmp.write_text(yaml.safe_dump({"best_value": float(study_obj.best_value), "params": best}, sort_keys=True))
    log.info("best %s of study %s: %s (written to %s)", config.monitor, config.study, study_obj.best_value, out)
    return best
