"""Adaptive batching of model calls: concurrent requests share forwards (BentoML's CORK dispatcher), each gets
its own slice back; with batching off every request runs alone."""

from __future__ import annotations

import asyncio

import pytest
import torch

from xraymatch.inference.batching import ModelBatcher


def forward(x: torch.Tensor) -> torch.Tensor:
    import time

    time.sleep(0.02)  # a model call long enough for requests to queue behind it
    return x.flatten(1).sum(1) * 10


async def _requests(batcher: ModelBatcher, count: int) -> list[torch.Tensor]:
    inputs = [torch.full((1 + i % 2, 3), float(i)) for i in range(count)]  # 1 or 2 images per request
    outputs = await asyncio.gather(*(batcher(x) for x in inputs))
    for x, out in zip(inputs, outputs, strict=True):
        assert torch.equal(out, x.sum(1) * 10)  # every request gets exactly its own rows back
    return outputs


@pytest.mark.parametrize("enabled", [True, False])
def test_concurrent_requests_get_their_own_answers(enabled: bool) -> None:
    batcher = ModelBatcher(forward, max_batch_size=8, max_latency_ms=10000, enabled=enabled)
    asyncio.run(_requests(batcher, 24))
    assert sum(batcher.batch_sizes) == sum(1 + i % 2 for i in range(24))  # images, each in exactly one forward
    assert max(batcher.batch_sizes) <= 2 * 8  # at most 8 requests of at most 2 images
    if enabled:
        assert max(batcher.batch_sizes) > 2, batcher.batch_sizes  # some forwards served several requests
    else:
        assert max(batcher.batch_sizes) <= 2  # one request per forward


def test_a_failing_forward_fails_only_its_batch() -> None:
    def broken(x: torch.Tensor) -> torch.Tensor:
        raise RuntimeError("boom")

    batcher = ModelBatcher(broken, max_batch_size=4, max_latency_ms=10000)
    with pytest.raises(RuntimeError, match="boom"):
        asyncio.run(batcher(torch.ones(1, 2)))
