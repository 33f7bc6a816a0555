"""Training throughput per objective on CPU: samples/s and the share of time spent loading data, side by side.

Uses the default-profile cache (data/drr, built by `dvc repro render_drr`) and the default model sizes from
params.yaml; runs a few optimiser steps per objective after a warm-up and writes metrics/bench_train.json.
"""

from __future__ import annotations

import json
import time
import warnings
from pathlib import Path

import torch

from xraymatch.config import load_params
from xraymatch.data.augment import AugmentConfig
from xraymatch.data.datamodule import DRRDataModule
from xraymatch.training.train import TrainConfig, build_model, cache_geometry

STEPS, WARMUP = 6, 1


def bench(objective: str, params: dict, datamodule: DRRDataModule) -> dict[str, float]:
    config = TrainConfig.from_params(params, objective)
    model = build_model(objective, config.hparams, cache_geometry(datamodule))
    optimiser = torch.optim.Adam(model.parameters(), lr=1e-4)
    model.train()
    loader = iter(datamodule.train_dataloader())
    load_s = step_s = 0.0
    samples = 0
    for step in range(STEPS + WARMUP):
        start = time.perf_counter()
        batch = next(loader)
        loaded = time.perf_counter()
        loss = model.training_step(batch, step)
        loss = loss["loss"] if isinstance(loss, dict) else loss
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        done = time.perf_counter()
        if step >= WARMUP:
            load_s += loaded - start
            step_s += done - loaded
            samples += batch["images"].shape[0]
    total = load_s + step_s
    return {"samples_per_s": samples / total, "data_loading_share": load_s / total, "step_s": step_s / STEPS}


def main() -> None:
    warnings.filterwarnings("ignore", message=".*self.trainer.*")  # steps run outside a Trainer on purpose
    params = load_params("params.yaml")
    cache = Path(params["drr"]["out_dir"])
    if not (cache / "index.parquet").exists():
        raise SystemExit(f"{cache}: no DRR cache; run `dvc repro render_drr` first")
    datamodule = DRRDataModule(
        cache, int(params["train"]["batch_size"]), 0, AugmentConfig.from_params(params["train"]["augment"])
    )
    datamodule.setup("fit")
    torch.manual_seed(0)
    results = {objective: bench(objective, params, datamodule) for objective in ("multiview", "sam", "afire")}
    print(f"{'objective':<10} {'samples/s':>10} {'step s':>8} {'data share':>11}")
    for objective, row in results.items():
        print(
            f"{objective:<10} {row['samples_per_s']:>10.2f} {row['step_s']:>8.2f}"
            f" {100 * row['data_loading_share']:>10.1f}%"
        )
    Path("metrics").mkdir(exist_ok=True)
    Path("metrics/bench_train.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
