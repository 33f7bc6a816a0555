"""Spread `build_cache` over processes, GPUs or machines with Lightning Fabric (torch.distributed underneath).

Each rank renders every `world_size`-th unit; after a barrier, rank 0 writes the index from all shards. Units carry
their own seeds, so the cache is identical whatever the number of ranks (a test checks 2 ranks == 1 process).
Launch across machines with `torchrun`/SLURM and `--num-nodes`: Fabric reads the usual environment variables.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from xraymatch.data.build import RenderConfig, build_cache


def _rank_main(fabric: object, params: dict, ct_dir: str) -> None:
    import numba

    config = RenderConfig.from_params(params)
    rank, world = fabric.global_rank, fabric.world_size  # type: ignore[attr-defined]
    local = max(1, world // max(1, int(getattr(fabric, "num_nodes", 1))))
    numba.set_num_threads(max(1, (os.cpu_count() or 1) // local))
    build_cache(config, Path(ct_dir), rank=rank, world_size=world, write_index=False)
    fabric.barrier()  # type: ignore[attr-defined]
    if rank == 0:  # every shard is current now: this only collects the index
        build_cache(config, Path(ct_dir), rank=0, world_size=1, write_index=True)
    fabric.barrier()  # type: ignore[attr-defined]


def build_cache_distributed(
    params: dict[str, Any], ct_dir: Path, devices: int, accelerator: str = "cpu", num_nodes: int = 1
) -> pd.DataFrame:
    """Render with `devices` ranks per node; returns the index (read back from disk on every caller)."""
    from lightning.fabric import Fabric

    config = RenderConfig.from_params(params)
    if devices <= 1 and num_nodes <= 1:
        index = build_cache(config, ct_dir)
        assert index is not None
        return index
    external = "LOCAL_RANK" in os.environ or "SLURM_PROCID" in os.environ
    strategy = "ddp" if external else "ddp_spawn"
    fabric = Fabric(accelerator=accelerator, devices=devices, num_nodes=num_nodes, strategy=strategy)
    fabric.launch(_rank_main, params, str(ct_dir))  # type: ignore[arg-type]
    from xraymatch.data.cache import INDEX_NAME

    return pd.read_parquet(config.out_dir / INDEX_NAME)
