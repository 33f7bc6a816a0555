"""The promotion log: one JSON line per decision (MLflow keeps no alias history, so this file is the history)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from xraymatch.errors import InputError


def append(path: str | Path, entry: dict[str, Any]) -> None:
    """Append one decision under a file lock (parallel promotions never interleave a line)."""
    from filelock import FileLock

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps(entry, sort_keys=True, default=str)
    with FileLock(str(path) + ".lock"), path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")
        handle.flush()


def read(path: str | Path, model: str | None = None) -> list[dict[str, Any]]:
    """Every decision (optionally of one model), oldest first; a damaged line is an error naming the line."""
    path = Path(path)
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"{path}:{number}: not a JSON line; repair or remove that line") from None
        if model is None or entry.get("model") == model:
            entries.append(entry)
    return entries


def previous_champion(entries: list[dict[str, Any]], current: str) -> str | None:
    """The champion that `current` replaced, following promotions and rollbacks in order."""
    history: list[str] = []
    for entry in entries:
        if entry.get("action") in ("promote", "rollback") and entry.get("passed", True):
            target = str(entry["champion_after"])
            if entry.get("action") == "rollback" and history:
                history.pop()  # the rolled-back champion leaves the chain
                if history and history[-1] == target:
                    continue
            history.append(target)
    if not history or history[-1] != current:
        return None
    return history[-2] if len(history) >= 2 else None
