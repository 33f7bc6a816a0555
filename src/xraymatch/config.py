"""Loading params.yaml, the single source of parameters, with optional dotted overrides."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path
from typing import Any, TypeVar

import yaml

from xraymatch.errors import ConfigError

DEFAULT_PARAMS = Path("params.yaml")
T = TypeVar("T")


PROFILE_DIR = Path("profiles")


def load_params(
    path: str | Path = DEFAULT_PARAMS, overrides: list[str] | None = None, profile: str | None = None
) -> dict[str, Any]:
    """Read params.yaml, deep-merge a profile (`profiles/<name>.yaml` beside it), then apply `key=value` overrides."""
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: params file not found; run from the repository root or pass --params")
    try:
        params = yaml.safe_load(path.read_text()) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({exc.__class__.__name__}); fix the syntax") from None
    if not isinstance(params, dict):
        raise ConfigError(f"{path}: top level must be a mapping of sections")
    if profile:
        profile_path = path.parent / PROFILE_DIR / f"{profile}.yaml"
        if not profile_path.is_file():
            raise ConfigError(f"{profile_path}: profile '{profile}' not found; see the files in {PROFILE_DIR}/")
        params = deep_merge(params, yaml.safe_load(profile_path.read_text()) or {})
    for item in overrides or []:
        params = apply_override(params, item)
    return params


def deep_merge(base: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    """A copy of base with update merged in, section by section."""
    out = copy.deepcopy(base)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def apply_override(params: dict[str, Any], item: str) -> dict[str, Any]:
    """Return a copy of params with one `a.b.c=value` override applied."""
    if "=" not in item:
        raise ConfigError(f"override '{item}': expected key.path=value")
    key, raw = item.split("=", 1)
    out = copy.deepcopy(params)
    node = out
    parts = key.split(".")
    for part in parts[:-1]:
        node = node.setdefault(part, {})
        if not isinstance(node, dict):
            raise ConfigError(f"override '{item}': '{part}' is not a section")
    node[parts[-1]] = yaml.safe_load(raw)
    return out


def section(params: dict[str, Any], name: str) -> dict[str, Any]:
    """Return one section of params, with a clear error when it is missing."""
    value = params.get(name)
    if not isinstance(value, dict):
        raise ConfigError(f"params.yaml: section '{name}' is missing; copy it from the repository's params.yaml")
    return value


def dataclass_from_section(
    cls: type[T], section: dict[str, Any] | None, where: str, fixed: dict[str, Any] | None = None
) -> T:
    """Build a frozen config dataclass from a params section: unknown keys and unreadable values are one-line
    ConfigErrors naming `where.key`; each value is coerced to its field's default type (tuples element-wise, with
    the default's length unless the annotation says `...`); missing keys keep their defaults; `fixed` fields
    (e.g. a prefix) are set by the caller, never read from the section.
    """
    fixed = fixed or {}
    fields = {f.name: f for f in dataclasses.fields(cls) if f.name not in fixed}  # type: ignore[arg-type]
    section = dict(section or {})
    unknown = sorted(set(section) - set(fields))
    if unknown:
        raise ConfigError(f"{where}.{unknown[0]}: unknown key; valid keys are {', '.join(sorted(fields))}")
    kwargs: dict[str, Any] = dict(fixed)
    for key, value in section.items():
        default = fields[key].default
        try:
            kwargs[key] = _coerce(value, default, str(fields[key].type))
        except (TypeError, ValueError):
            raise ConfigError(f"{where}.{key}: cannot read {value!r}; see params.yaml for its shape") from None
    return cls(**kwargs)


def _coerce(value: Any, default: Any, annotation: str) -> Any:
    if isinstance(default, bool):
        return bool(value)
    if isinstance(default, int | float | str):
        return type(default)(value)
    if isinstance(default, tuple) and default:
        items = tuple(value)
        if "..." not in annotation and len(items) != len(default):
            raise ValueError(f"expected {len(default)} values")
        return tuple(type(default[0])(v) for v in items)
    return value
