"""MLflow plumbing: resolve and probe the tracking URI, and the tags every run carries (git commit, cache hash).

The default store is SQLite (`sqlite:///mlflow.db`); `MLFLOW_TRACKING_URI` overrides params. A remote server that
cannot be reached is a one-line error within seconds, never a hang.
"""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from xraymatch.errors import ConfigError

DEFAULT_URI = "sqlite:///mlflow.db"


def resolve_tracking_uri(configured: str | None) -> str:
    """$MLFLOW_TRACKING_URI, else params `train.tracking_uri`, else the SQLite default; probed and initialised."""
    uri = os.environ.get("MLFLOW_TRACKING_URI") or configured or DEFAULT_URI
    probe_tracking_uri(uri)
    initialise_store(uri)
    return uri


def initialise_store(uri: str) -> None:
    """Create/migrate a SQLite store under a file lock, so parallel workers (sweeps, ranks) do not race on it."""
    if not uri.startswith("sqlite:///"):
        return
    from filelock import FileLock
    from mlflow.tracking import MlflowClient

    path = Path(uri.removeprefix("sqlite:///"))
    with FileLock(str(path) + ".lock"):
        MlflowClient(tracking_uri=uri).search_experiments(max_results=1)


def probe_tracking_uri(uri: str, timeout_s: float = 3.0) -> None:
    """Fail fast with the URI and the fix when a tracking server does not answer or a SQLite path is unusable."""
    parsed = urlparse(uri)
    if parsed.scheme in ("http", "https"):
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        try:
            with socket.create_connection((parsed.hostname or "", port), timeout=timeout_s):
                return
        except OSError as exc:
            raise ConfigError(
                f"MLflow tracking URI {uri}: unreachable ({exc.__class__.__name__}); start the server or unset "
                "MLFLOW_TRACKING_URI to use the local sqlite:///mlflow.db"
            ) from None
    if parsed.scheme == "sqlite":
        path = Path(uri.removeprefix("sqlite:///"))
        if not path.parent.exists():
            raise ConfigError(f"MLflow tracking URI {uri}: folder {path.parent} does not exist; create it")
        return
    if parsed.scheme in ("", "file"):
        raise ConfigError(f"MLflow tracking URI {uri}: the file store is refused by MLflow 3; use sqlite:///mlflow.db")


def git_commit() -> str:
    """The current commit (with '-dirty' when the work tree has changes), or 'unknown' outside git."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
        return commit + ("-dirty" if dirty.stdout.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def dvc_out_hash(path: str, lock: Path = Path("dvc.lock")) -> str:
    """The md5 DVC recorded for an output path (e.g. data/drr) in dvc.lock, or 'untracked'."""
    if not lock.exists():
        return "untracked"
    stages: dict[str, Any] = (yaml.safe_load(lock.read_text()) or {}).get("stages", {})
    for stage in stages.values():
        for out in stage.get("outs", []):
            if out.get("path") == path:
                return str(out.get("md5", "untracked"))
    return "untracked"


def run_tags(cache_path: str) -> dict[str, str]:
    return {"git_commit": git_commit(), "dvc_cache_md5": dvc_out_hash(cache_path), "cache_path": cache_path}
