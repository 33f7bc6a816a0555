"""Adaptive batching of one model's forward across concurrent requests, with BentoML's own CORK dispatcher.

The service's HTTP endpoints stay per-request (each upload is validated and answered on its own, so one bad request
never fails another); only the model call is batched: each request submits its input tensor (n_i, ...), the
dispatcher gathers what is queued (up to max_batch_size requests, waiting as its latency model advises) and one
`run_grouped` forward serves them all. This is the engine behind `@bentoml.api(batchable=True)`, used one level down.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import torch

from xraymatch.errors import InputError
from xraymatch.inference.models import run_grouped


class Overloaded(InputError):
    """A request waited longer than max_latency_ms for the model (shed by the dispatcher)."""


class ModelBatcher:
    """`await batcher(inputs)` -> this request's slice of forward(cat(inputs of a batch)).

    enabled=False: every call runs alone (still one forward at a time per model), the "batching off" baseline.
    With a `name`, each forward's image count goes to the Prometheus histogram xraymatch_model_batch_images{model}.
    """

    def __init__(
        self,
        forward: Callable[[torch.Tensor], Any],
        max_batch_size: int,
        max_latency_ms: int,
        enabled: bool = True,
        name: str | None = None,
    ) -> None:
        self.forward = forward
        self.name = name
        self.enabled = enabled
        self.max_batch_size = max_batch_size
        self.max_latency_ms = max_latency_ms
        self.batch_sizes: list[int] = []  # images per forward, for tests and benchmarks
        self._dispatch: Callable[[torch.Tensor], Any] | None = None
        self._limiter: Any = None

    def _run(self, items: Sequence[torch.Tensor]) -> list[Any]:
        images = sum(len(x) for x in items)
        self.batch_sizes.append(images)
        del self.batch_sizes[:-1000]
        if self.name:
            _batch_histogram().labels(model=self.name).observe(images)
        return run_grouped(self.forward, list(items))

    def _shed(self) -> Any:
        raise Overloaded(f"the model queue waited over {self.max_latency_ms} ms; retry later or add workers")

    async def __call__(self, inputs: torch.Tensor) -> Any:
        import anyio

        if not self.enabled:
            if self._limiter is None:
                self._limiter = anyio.CapacityLimiter(1)
            return (await anyio.to_thread.run_sync(self._run, [inputs], limiter=self._limiter))[0]
        if self._dispatch is None:  # created inside the server's event loop
            from bentoml._internal.marshal.dispatcher import CorkDispatcher

            dispatcher: Any = CorkDispatcher(
                max_latency_in_ms=self.max_latency_ms,
                max_batch_size=self.max_batch_size,
                fallback=self._shed,
                get_batch_size=_one,  # requests, not images: a request's images are never split across forwards
                batch_dim=(0, 0),
            )
            self._dispatch = dispatcher(self._run)
        return await self._dispatch(inputs)


_HISTOGRAM: Any = None


def _batch_histogram() -> Any:
    """Images per forward, by model (prometheus_client's default registry, served on /metrics by BentoML)."""
    global _HISTOGRAM
    if _HISTOGRAM is None:
        from prometheus_client import Histogram

        _HISTOGRAM = Histogram(
            "xraymatch_model_batch_images", "Images per batched model forward", ["model"], buckets=(1, 2, 4, 8, 16, 32)
        )
    return _HISTOGRAM


def _one(_: torch.Tensor) -> int:
    return 1
