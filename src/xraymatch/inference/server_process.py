"""The real BentoML server as a child process on a free loopback port (the HTTP tests and `make bench-serve`).

`ServerProcess` writes the params file the server reads (`XRAYMATCH_PARAMS`), starts `bentoml serve
serving.service:XrayMatch` in its own process group (so stopping it stops its workers too), waits for `/readyz`, and
stops it with SIGTERM, then SIGKILL. The server's stdout and stderr go to a log file the caller can read back.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, Self

SERVICE = "serving.service:XrayMatch"
HOST = "127.0.0.1"


class ServerStartError(RuntimeError):
    """The server exited or did not answer /readyz in time; the message ends with the tail of its log."""


def free_port(host: str = HOST) -> int:
    """A TCP port free on `host` now (the OS picks it; another process could take it before the server binds)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def tree_rss_mb(pid: int) -> float:
    """Resident memory (MiB) of a process and all its descendants, from /proc (BentoML serves from child workers)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


class ServerProcess:
    """`bentoml serve serving.service:XrayMatch` with its own params, bundles and BentoML home under `work`.

    root: the folder holding `serving/service.py` (the repository or the Bento); params: the whole params mapping,
    written to `work/params-<tag>.yaml`; bundles: the folder of model bundles (`XRAYMATCH_BUNDLES`); env: extra
    environment variables (e.g. OMP_NUM_THREADS); startup_s/stop_s: how long to wait for /readyz and for SIGTERM
    to end the server before SIGKILL. The constructor returns once /readyz answers 200 and raises
    ServerStartError (after stopping the process) otherwise. Use it as a context manager, or call `stop()`.
    """

    def __init__(
        self,
        root: str | Path,
        work: str | Path,
        params: Mapping[str, Any],
        bundles: str | Path,
        *,
        tag: str = "server",
        env: Mapping[str, str] | None = None,
        startup_s: float = 120.0,
        stop_s: float = 30.0,
    ) -> None:
        import yaml

        self.work = Path(work)
        self.params_path = self.work / f"params-{tag}.yaml"
        self.params_path.write_text(yaml.safe_dump(dict(params)))
        self.log_path = self.work / f"server-{tag}.log"
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        environment = {
            **os.environ,
            "XRAYMATCH_BUNDLES": str(bundles),
            "XRAYMATCH_PARAMS": str(self.params_path),
            "BENTOML_HOME": str(self.work / "bentoml-home"),
            "DO_NOT_TRACK": "1",
            **(env or {}),
        }
        self._stopped, self.stop_s = False, stop_s
        command = [sys.executable, "-m", "bentoml", "serve", SERVICE, "--host", HOST, "--port", str(self.port)]
        with self.log_path.open("wb") as log_file:  # the child keeps its own descriptor
            self.process = subprocess.Popen(
                command, cwd=root, env=environment, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True
            )
        try:
            self._wait_ready(startup_s)
        except BaseException:
            self.stop()
            raise

    def _wait_ready(self, startup_s: float) -> None:
        import httpx

        deadline = time.monotonic() + startup_s
        while True:
            if self.process.poll() is not None:
                raise ServerStartError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise ServerStartError(f"server not ready in {startup_s:g} s:\n{self.log_tail()}")
            time.sleep(0.5)

    def log(self) -> str:
        """Everything the server has written so far."""
        return self.log_path.read_text(errors="replace")

    def log_tail(self, chars: int = 3000) -> str:
        return self.log()[-chars:]

    def rss_mb(self) -> float:
        """Resident memory of the server and its workers (MiB)."""
        return tree_rss_mb(self.process.pid)

    def stop(self) -> None:
        """SIGTERM to the server's process group (its workers too), SIGKILL after `stop_s` seconds; once only."""
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(ProcessLookupError):  # ProcessLookupError: the whole group has exited already
            os.killpg(self.process.pid, signal.SIGTERM)  # the group this object started (start_new_session)
        try:
            self.process.wait(timeout=self.stop_s)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
