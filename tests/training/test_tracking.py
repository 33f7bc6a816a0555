"""Tracking URI checks fail fast with a clear message; run tags name the commit and the cache's DVC hash."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from xraymatch.errors import ConfigError
from xraymatch.training.tracking import dvc_out_hash, probe_tracking_uri, resolve_tracking_uri


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.timeout(60)  # a hang fails the test instead of blocking the suite
def test_unreachable_server_is_a_clear_error() -> None:
    uri = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(ConfigError, match=rf"{uri}: unreachable"):
        probe_tracking_uri(uri, timeout_s=2.0)


def test_file_store_is_refused_and_env_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file store"):
        probe_tracking_uri(str(tmp_path / "mlruns"))
    monkeypatch.setenv("MLFLOW_TRACKING_URI", f"sqlite:///{tmp_path}/x.db")
    assert resolve_tracking_uri("sqlite:///elsewhere.db") == f"sqlite:///{tmp_path}/x.db"


def test_dvc_hash_is_read_from_the_lock(tmp_path: Path) -> None:
    lock = tmp_path / "dvc.lock"
    lock.write_text("schema: '2.0'\nstages:\n  render_drr:\n    outs:\n    - path: data/drr\n      md5: abc.dir\n")
    assert dvc_out_hash("data/drr", lock) == "abc.dir"
    assert dvc_out_hash("data/other", lock) == "untracked"
