"""Two worker processes share one Optuna study (journal storage); trials are nested MLflow runs; best params land
in sweeps/<study>/best_params.yaml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from xraymatch.config import apply_override


def test_two_workers_share_one_study(train_params, tmp_path: Path) -> None:
    import mlflow
    import optuna
    from optuna.storages.journal import JournalFileBackend

    params = apply_override(train_params, "train.objectives.multiview.epochs=1")
    params_file = tmp_path / "params.yaml"
    params_file.write_text(yaml.safe_dump(params))
    command = [sys.executable, "-m", "xraymatch", "sweep", "--params", str(params_file), "--objective", "multiview",
               "--trials", "2", "--study", "two-workers"]  # fmt: skip
    workers = [
        subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=600) for w in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err[-2000:]
        assert "best parameters: -S train.objectives.multiview.lr=" in out

    journal = Path(params["sweep"]["out_dir"]) / "two-workers" / "journal.log"
    storage = optuna.storages.JournalStorage(JournalFileBackend(str(journal)))
    study = optuna.load_study(study_name="two-workers", storage=storage)
    done = (optuna.trial.TrialState.COMPLETE, optuna.trial.TrialState.PRUNED)
    finished = [t for t in study.trials if t.state in done]
    assert len(finished) == 4 and len({t.number for t in finished}) == 4
    best = yaml.safe_load((journal.parent / "best_params.yaml").read_text())
    assert set(best["params"]) == {"train.objectives.multiview.lr"}

    client = mlflow.tracking.MlflowClient(tracking_uri=params["train"]["tracking_uri"])
    experiment = client.get_experiment_by_name("xraymatch-multiview")
    runs = client.search_runs([experiment.experiment_id])
    parents = {r.info.run_id for r in runs if r.data.tags.get("optuna_study") == "two-workers"}
    children = [r for r in runs if r.data.tags.get("mlflow.parentRunId") in parents]
    assert len(parents) == 2 and len(children) == 4
