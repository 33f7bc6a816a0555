"""What a drift reference was built from, so that a stale one is rebuilt (`make drift`) or refused (`xraymatch drift`).

A reference file's meta records `params` (the params.yaml values that decide its content: monitoring.augment and
monitoring.reference's samples/seed/raw_dir for a reference of radiographs, drr_samples/seed for a DRR one, plus a
listing digest of the files in raw_dir, which replace pydicom-data's radiographs when present), `params_digest`
(SHA-256 of their canonical JSON) and `overrides` (what the command line chose instead: --images, --samples,
--no-augment, --model; recorded, never compared: a deliberate choice is not staleness). The model's identity is the
reference's `model_version` (a bundle's registry version, or `checkpoint:<sha256[:12]>` of the checkpoint file).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from xraymatch.errors import InputError
from xraymatch.monitoring.config import MonitoringConfig
from xraymatch.monitoring.reference import Reference, load_reference


def folder_listing(folder: str | Path) -> str:
    """'none' when `folder` holds no (visible) file, else '<n> files:<sha256[:16] of relative names and sizes>'
    (a cheap identity: stat only, nothing read)."""
    path = Path(folder)
    files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")) if path.is_dir() else []
    if not files:
        return "none"
    digest = hashlib.sha256()
    for file in files:
        digest.update(f"{file.relative_to(path).as_posix()}\t{file.stat().st_size}\n".encode())
    return f"{len(files)} files:{digest.hexdigest()[:16]}"


def reference_params(config: MonitoringConfig, kind: str = "radiographs") -> dict[str, Any]:
    """The params that decide a reference's content, as plain JSON values (kind 'radiographs' or 'drr')."""
    ref = config.reference
    if kind == "drr":
        params: dict[str, Any] = {"kind": "drr", "reference": {"drr_samples": ref.drr_samples, "seed": ref.seed}}
    else:
        params = {
            "kind": "radiographs",
            "augment": asdict(config.augment),
            "reference": {"samples": ref.samples, "seed": ref.seed, "raw_dir": ref.raw_dir},
            "raw_dir_files": folder_listing(ref.raw_dir),
        }
    return json.loads(json.dumps(params))  # tuples become lists, as they read back from the file


def params_digest(params: dict[str, Any]) -> str:
    """SHA-256 (hex) of the canonical JSON of `params`."""
    return hashlib.sha256(json.dumps(params, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def stamp(reference: Reference, config: MonitoringConfig, overrides: dict[str, Any] | None = None) -> Reference:
    """The reference with its params, their digest and the command line's overrides in its meta."""
    params = reference_params(config, str(reference.meta.get("kind", "radiographs")))
    meta = {**reference.meta, "params": params, "params_digest": params_digest(params), "overrides": overrides or {}}
    return replace(reference, meta=meta)


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(_flat(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: value}


def params_mismatch(reference: Reference, config: MonitoringConfig) -> str | None:
    """None when the reference was built from the current params, else why not (one line, names the keys)."""
    recorded = reference.meta.get("params_digest")
    if not recorded:
        return "it records no params digest (built before references recorded their params)"
    current = reference_params(config, str(reference.meta.get("kind", "radiographs")))
    if recorded == params_digest(current):
        return None
    old, new = _flat(reference.meta.get("params") or {}), _flat(current)
    changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    names = ", ".join("files in monitoring.reference.raw_dir" if k == "raw_dir_files" else f"monitoring.{k}"
                      for k in changed)  # fmt: skip
    return f"built from other monitoring params ({names or 'digest differs'})"


def rebuild_reason(path: str | Path, config: MonitoringConfig, model_version: str | None) -> str | None:
    """Why the reference file at `path` should be rebuilt (missing, unreadable, other params, other model), or None
    when it is current. `model_version` None: the current model is unknown and not compared."""
    path = Path(path)
    if not path.is_file():
        return "missing"
    try:
        reference = load_reference(path)
    except InputError as exc:
        return str(exc).removeprefix(f"{path}: ")
    mismatch = params_mismatch(reference, config)
    if mismatch:
        return mismatch
    if model_version is not None and reference.model_version != model_version:
        return f"built with model {reference.model_version}, the current model is {model_version}"
    return None


def check_params(reference: Reference, config: MonitoringConfig, path: str | Path) -> None:
    """Refuse a reference not built from the current params (one line: the file and the fix)."""
    mismatch = params_mismatch(reference, config)
    if mismatch:
        raise InputError(
            f"{path}: {mismatch}; rebuild it with `make drift` (xraymatch drift-reference --if-missing rebuilds a "
            "stale reference) or use the params it was built from"
        )
