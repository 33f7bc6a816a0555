"""A small timm-like model registry: `@register_model(name)` on a class or factory, `create_model(name, **kwargs)`.

The training harness builds every objective by name (`create_model(objective, **params)`), so params.yaml only names
things; an unknown name is a ConfigError listing the known ones.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from xraymatch.errors import ConfigError

F = TypeVar("F", bound=Callable[..., Any])

_REGISTRY: dict[str, Callable[..., Any]] = {}
# Packages whose import registers models; imported lazily so that `create_model("sam")` works from anywhere.
_PROVIDERS = ("xraymatch.models", "xraymatch.objectives")


def register_model(name: str) -> Callable[[F], F]:
    """Decorator registering a class or factory under `name`; a second registration of the name is an error."""

    def decorate(factory: F) -> F:
        known = _REGISTRY.get(name)
        if known is not None and known is not factory:
            raise ValueError(f"model name {name!r} is already registered to {known!r}")
        _REGISTRY[name] = factory
        return factory

    return decorate


def _load_providers() -> None:
    for module in _PROVIDERS:
        importlib.import_module(module)


def list_models() -> list[str]:
    """Sorted names of every registered model."""
    _load_providers()
    return sorted(_REGISTRY)


def get_model_class(name: str) -> Callable[..., Any]:
    """The class (or factory) registered under `name`, e.g. to inspect its constructor's signature."""
    _load_providers()
    if name not in _REGISTRY:
        raise ConfigError(f"unknown model {name!r}; known models: {', '.join(sorted(_REGISTRY))}")
    return _REGISTRY[name]


def create_model(name: str, **kwargs: Any) -> Any:
    """Build the model registered under `name` with keyword hyper-parameters."""
    return get_model_class(name)(**kwargs)
