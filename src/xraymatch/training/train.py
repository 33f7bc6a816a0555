"""Fit one objective on the DRR cache with Lightning, tracked in MLflow and registered as `xraymatch-<objective>`.

Checkpoints live in `<models_dir>/<objective>/checkpoints/` (MLflow's SQLite store reports no log dir to Lightning);
`resume=True` continues from `last.ckpt` after checking it belongs to the same objective and cache geometry.
"""

from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xraymatch.errors import ConfigError

log = logging.getLogger(__name__)
# fracture: the downstream classifier (objectives/fracture.py); vl: vision-language alignment (objectives/vl.py)
OBJECTIVES = ("multiview", "sam", "afire", "fracture", "vl")


@dataclass(frozen=True)
class TrainConfig:
    """The `train` section of params.yaml for one objective."""

    objective: str
    cache_dir: Path
    models_dir: Path
    tracking_uri: str | None
    seed: int
    max_epochs: int
    batch_size: int
    num_workers: int
    accelerator: str
    devices: int | str
    num_nodes: int
    strategy: str
    precision: str
    limit_train_batches: float | int
    hparams: dict[str, Any] = field(default_factory=dict)
    augment: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, Any] = field(default_factory=dict)  # other params sections an objective reads (vl: vl, reports)

    @classmethod
    def from_params(cls, params: dict[str, Any], objective: str) -> TrainConfig:
        if objective not in OBJECTIVES:
            raise ConfigError(f"--objective {objective!r}: choose one of {', '.join(OBJECTIVES)}")
        train = params.get("train")
        if not isinstance(train, dict):
            raise ConfigError("params.yaml: section 'train' is missing; copy it from the repository's params.yaml")
        return cls(
            objective=objective,
            cache_dir=Path(params["drr"]["out_dir"]),
            models_dir=Path(train["models_dir"]),
            tracking_uri=train.get("tracking_uri"),
            seed=int(train["seed"]),
            max_epochs=int(train["max_epochs"][objective])
            if isinstance(train["max_epochs"], dict)
            else int(train["max_epochs"]),
            batch_size=int(train["batch_size"]),
            num_workers=int(train["num_workers"]),
            accelerator=str(train["accelerator"]),
            devices=train["devices"],
            num_nodes=int(train["num_nodes"]),
            strategy=str(train["strategy"]),
            precision=str(train["precision"]),
            limit_train_batches=train.get("limit_train_batches", 1.0),
            hparams=dict(train["objectives"][objective] or {}),
            augment=dict(train.get("augment") or {}),
            sections={k: params[k] for k in ("vl", "reports") if k in params and objective == "vl"},
        )


@dataclass(frozen=True)
class TrainResult:
    run_id: str
    checkpoint: Path
    model_version: str | None
    metrics: dict[str, float] = field(default_factory=dict)


def cache_geometry(datamodule: Any) -> dict[str, int]:
    """Image size and patch grid of the cache (the model is built for them; a resume must match them)."""
    sample = datamodule.datasets["train"][0]
    height, width = (int(v) for v in sample["images"].shape[-2:])
    grid = round(sample["correspondence"].shape[0] ** 0.5)
    return {"height": height, "width": width, "grid": int(grid), "views": int(sample["images"].shape[0])}


def build_model(objective: str, hparams: dict[str, Any], geometry: dict[str, int]) -> Any:
    """Create the objective's LightningModule, passing the cache geometry to the arguments that take it."""
    import xraymatch.objectives  # noqa: F401  (registers the objectives)
    from xraymatch.models.registry import create_model, get_model_class

    accepted = inspect.signature(get_model_class(objective)).parameters
    extra = {k: v for k, v in {"image_size": geometry["height"], "grid": geometry["grid"]}.items() if k in accepted}
    for key, value in extra.items():
        if key in hparams and hparams[key] != value:
            raise ConfigError(
                f"train.objectives.{objective}.{key}={hparams[key]} but the cache at hand has {key}={value}; "
                "rebuild the cache with matching drr params or change the model's"
            )
    return create_model(objective, **{**hparams, **extra})


def train(
    config: TrainConfig,
    resume: bool = False,
    fast_dev_run: bool = False,
    register: bool = True,
    callbacks: tuple[Any, ...] = (),
    parent_run_id: str | None = None,
    run_name: str | None = None,
    checkpoint_dir: Path | None = None,
) -> TrainResult:
    """Fit, checkpoint, log to MLflow and register a new model version; returns the run id, checkpoint, metrics.

    `parent_run_id` nests the run (sweep trials); `callbacks` adds e.g. Optuna's pruning callback.
    """
    import lightning as L
    from lightning.pytorch.callbacks import LearningRateMonitor, ModelCheckpoint
    from lightning.pytorch.loggers import MLFlowLogger

    from xraymatch.data.augment import AugmentConfig
    from xraymatch.data.datamodule import DRRDataModule
    from xraymatch.training.guards import CheckpointStamp, StopOnNonFiniteLoss, check_checkpoint
    from xraymatch.training.tracking import resolve_tracking_uri, run_tags

    L.seed_everything(config.seed, workers=True)
    uri = resolve_tracking_uri(config.tracking_uri)
    module_class = DRRDataModule
    if config.objective == "fracture":  # only samples that could carry a fracture (CTs with bone labels)
        from xraymatch.training.fracture_data import FractureDataModule

        module_class = FractureDataModule
    datamodule: Any = module_class(
        config.cache_dir, config.batch_size, config.num_workers, AugmentConfig.from_params(config.augment), config.seed
    )
    hparams = config.hparams
    if config.objective == "vl":  # DRR samples paired with reports; the tokenizer is saved beside the checkpoints
        from xraymatch.data.paired import vl_datamodule

        tokenizer_path = (checkpoint_dir or config.models_dir / "vl" / "checkpoints").parent / "tokenizer.json"
        datamodule, text = vl_datamodule(
            config.sections,
            config.cache_dir,
            tokenizer_path,
            config.batch_size,
            config.num_workers,
            config.augment,
            config.seed,
            reuse_tokenizer=resume,
        )
        hparams = {**config.hparams, **text}  # vocabulary and length come from the tokenizer and vl.max_length
    datamodule.setup("fit")
    geometry = cache_geometry(datamodule)
    model = build_model(config.objective, hparams, geometry)
    checkpoint_dir = checkpoint_dir or config.models_dir / config.objective / "checkpoints"
    last = checkpoint_dir / "last.ckpt"
    ckpt_path = None
    if resume and last.exists():
        check_checkpoint(str(last), config.objective, geometry)
        ckpt_path = str(last)
    logger = MLFlowLogger(
        experiment_name=f"xraymatch-{config.objective}",
        tracking_uri=uri,
        tags={
            **run_tags(str(config.cache_dir)),
            "objective": config.objective,
            **({"mlflow.parentRunId": parent_run_id} if parent_run_id else {}),
        },
        run_name=run_name or f"{config.objective}-train",
    )
    # the module logs its own constructor arguments; these are the run's, prefixed so they never collide
    # the batch size the data module really uses (vl has its own: vl.batch_size)
    run_params = {"batch_size": datamodule.batch_size, "max_epochs": config.max_epochs, "seed": config.seed, **geometry}
    logger.log_hyperparams({f"run.{k}": v for k, v in run_params.items()})
    trainer = L.Trainer(
        max_epochs=config.max_epochs,
        accelerator=config.accelerator,
        devices=config.devices,
        num_nodes=config.num_nodes,
        strategy=config.strategy,
        precision=config.precision,  # type: ignore[arg-type]
        logger=logger,
        callbacks=[
            ModelCheckpoint(
                dirpath=checkpoint_dir, filename="epoch{epoch:03d}", save_last=True, auto_insert_metric_name=False
            ),
            StopOnNonFiniteLoss(),
            CheckpointStamp(config.objective, geometry),
            LearningRateMonitor(logging_interval="epoch"),
            *callbacks,
        ],
        fast_dev_run=fast_dev_run,
        limit_train_batches=config.limit_train_batches,
        log_every_n_steps=1,
        deterministic=False,
    )
    trainer.fit(model, datamodule=datamodule, ckpt_path=ckpt_path)
    if config.objective == "vl" and trainer.is_global_zero:  # the model is useless without its tokenizer
        logger.experiment.log_artifact(logger.run_id, str(tokenizer_path), artifact_path="tokenizer")
    version = None
    if register and trainer.is_global_zero and not fast_dev_run:
        from xraymatch.training.registration import log_and_register

        version = log_and_register(model, config.objective, str(logger.run_id), uri, datamodule)
    metrics = {k: float(v) for k, v in trainer.callback_metrics.items() if getattr(v, "numel", lambda: 1)() == 1}
    return TrainResult(run_id=str(logger.run_id), checkpoint=last, model_version=version, metrics=metrics)
