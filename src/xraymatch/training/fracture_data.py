"""The fracture classifier's data: the DRR datamodule restricted to fracture-eligible samples (CTs with bone labels).

Samples of a CT without bone labels are never fractured, so keeping them would teach "this CT" instead of
"fractured"; the index column `fracture_eligible` says which samples could have carried a fracture.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from xraymatch.data.datamodule import DRRDataModule
from xraymatch.errors import InputError


class FractureDataModule(DRRDataModule):
    """`DRRDataModule` whose train/val/test splits hold only fracture-eligible samples (label: batch["fracture"])."""

    def setup(self, stage: str | None = None) -> None:
        super().setup(stage)
        for split, dataset in list(self.datasets.items()):
            if isinstance(dataset, torch.utils.data.Subset):
                continue  # already restricted by an earlier setup()
            eligible = np.flatnonzero(dataset.cache.index["fracture_eligible"].to_numpy(bool))
            if len(eligible) == 0:
                raise InputError(
                    f"{self.root}: split '{split}' holds no fracture-eligible sample (no CT with bone labels); "
                    "ingest a CT with a label map to train the fracture classifier"
                )
            subset: Any = torch.utils.data.Subset(dataset, eligible.tolist())
            self.datasets[split] = subset
