"""The DRR data module yields batches following the objectives' contract, and refuses an empty split."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from xraymatch.data.build import RenderConfig, build_cache
from xraymatch.data.datamodule import DRRDataModule
from xraymatch.errors import InputError


def test_batches_follow_the_contract(tiny_params, ingested_phantom: Path) -> None:
    build_cache(RenderConfig.from_params(tiny_params), ingested_phantom)
    module = DRRDataModule(tiny_params["drr"]["out_dir"], batch_size=3)
    module.setup("fit")
    batch = next(iter(module.train_dataloader()))
    assert batch["images"].shape == (3, 2, 1, 32, 32)
    assert float(batch["images"].min()) >= 0.0 and float(batch["images"].max()) <= 1.0
    assert batch["correspondence"].shape == (3, 64, 64)
    assert batch["tracks_2d"].shape == (3, 2, 32, 2) and batch["tracks_visible"].dtype == torch.bool
    assert batch["landmarks_2d"].shape == (3, 2, 3, 2) and batch["anatomy"].shape == (3, 2, 32, 32)
    assert batch["fracture"].shape == (3,) and len(batch["sample_id"]) == 3
    val = next(iter(module.val_dataloader()))
    assert val["images"].shape[0] >= 1


def test_an_empty_split_is_named(tiny_params, ingested_phantom: Path) -> None:
    build_cache(RenderConfig.from_params(tiny_params), ingested_phantom)
    index_path = Path(tiny_params["drr"]["out_dir"]) / "index.parquet"
    import pandas as pd

    index = pd.read_parquet(index_path)
    index[index["split"] != "test"].to_parquet(index_path)
    module = DRRDataModule(tiny_params["drr"]["out_dir"])
    with pytest.raises(InputError, match=r"no samples in split 'test'"):
        module.setup("fit")
