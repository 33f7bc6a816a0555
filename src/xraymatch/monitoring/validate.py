"""Validation of the drift monitor: false-alarm rate on windows from the reference distribution and detection rate on
windows of other kinds (the deid-data cat radiograph, the lossy JPEG 2000 copies of the reference radiographs,
DRRs), every window a fresh draw.

`python -m xraymatch.monitoring.validate --model models/sam/checkpoints/last.ckpt --out reports/drift/validation.json`
runs the full measurement (the note's numbers); the tests run the same code with a tiny model and fewer windows.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import numpy as np

from xraymatch.io.xray import XrayImage, read_xray_file
from xraymatch.monitoring.config import AugmentXrayConfig, DriftConfig
from xraymatch.monitoring.drift import detect_drift
from xraymatch.monitoring.features import FeatureTable
from xraymatch.monitoring.reference import Reference, augmented_table, build_reference, drr_images, featurize


def cat_radiograph() -> XrayImage:
    """The veterinary DX radiograph of deid-data (animals/cat.dcm)."""
    import deid_data

    return read_xray_file(Path(deid_data.__file__).parent / "data" / "animals" / "cat.dcm")


def pydicom_radiographs(names: tuple[str, ...]) -> list[XrayImage]:
    from pydicom.data import get_testdata_file

    return [read_xray_file(str(get_testdata_file(n))) for n in names]


def window_rates(
    reference: Reference, pool: FeatureTable, windows: int, window_size: int, config: DriftConfig
) -> dict[str, Any]:
    """Split a pool of windows * window_size rows into consecutive windows and test each one."""
    alarms, mmd_alarms, ks_alarms, p_values = 0, 0, 0, []
    for w in range(windows):
        window = pool.take(np.arange(w * window_size, (w + 1) * window_size))
        verdict = detect_drift(reference.table, window, config, bandwidth=reference.bandwidth)
        alarms += int(verdict.drift)
        mmd_alarms += int(verdict.mmd.p_value <= config.alpha * config.mmd_share)
        ks_alarms += int(any(f.ks_alarm for f in verdict.features))
        p_values.append(verdict.mmd.p_value)
    return {
        "windows": windows,
        "window_size": window_size,
        "alarm_rate": alarms / windows,
        "mmd_alarm_rate": mmd_alarms / windows,
        "ks_alarm_rate": ks_alarms / windows,
        "mmd_p_median": float(np.median(p_values)),
    }


def validate(
    bundle: Any,
    *,
    reference_samples: int = 200,
    windows: dict[str, int] | None = None,
    window_size: int = 20,
    augment: AugmentXrayConfig | None = None,
    drift: DriftConfig | None = None,
    drr_cache: str | Path | None = None,
    seed: int = 0,
    downsample: int = 1,
) -> dict[str, Any]:
    """Build the default reference and measure alarm rates per window kind (reference, cat, j2ki, drr).

    `windows` gives the number of windows per kind (a kind with 0 is skipped; drr needs `drr_cache`). `downsample`
    shrinks the source radiographs first (tests: faster, at the cost of the full-resolution texture features).
    """
    augment = augment or AugmentXrayConfig()
    drift = drift or DriftConfig()
    windows = windows or {"reference": 40, "cat": 20, "j2ki": 20, "drr": 20}

    def shrink(images: list[XrayImage]) -> list[XrayImage]:
        if downsample <= 1:
            return images
        from xraymatch.monitoring.features import working_copy

        return [
            XrayImage(
                working_copy(i.pixels, max(i.pixels.shape) // downsample),
                i.source_format,
                i.modality,
                i.original_shape,
                i.bits,
            )
            for i in images
        ]

    started = time.time()
    real = shrink(pydicom_radiographs(("RG1_UNCR.dcm", "RG3_UNCR.dcm")))
    reference = build_reference(real, bundle, samples=reference_samples, config=augment, seed=seed)
    results: dict[str, Any] = {
        "model_version": bundle.version,
        "reference_samples": reference_samples,
        "alpha": drift.alpha,
        "permutations": drift.permutations,
        "downsample": downsample,
        "kinds": {},
    }
    kinds = {
        "reference": lambda: real,
        "cat": lambda: shrink([cat_radiograph()]),
        "j2ki": lambda: shrink(pydicom_radiographs(("RG1_J2KI.dcm", "RG3_J2KI.dcm"))),
    }
    for offset, (kind, count) in enumerate(windows.items(), start=1):
        if count <= 0:
            continue
        total = count * window_size
        if kind == "drr":
            if drr_cache is None:
                continue
            images = drr_images(drr_cache, total, seed + 1000 * offset)
            pool = featurize(images, bundle, ["drr"] * total)
        else:
            pool = augmented_table(kinds[kind](), bundle, total, augment, seed + 1000 * offset)
        results["kinds"][kind] = window_rates(reference, pool, count, window_size, drift)
    if drr_cache is not None:
        from xraymatch.monitoring.drift import mmd_permutation_test

        drr_pool = featurize(drr_images(drr_cache, reference_samples, seed + 99), bundle, ["drr"] * reference_samples)
        gap = mmd_permutation_test(
            reference.table.embeddings, drr_pool.embeddings, drift.permutations, drift.seed, reference.bandwidth
        )
        results["synthetic_to_real_mmd2"] = gap.statistic
        results["synthetic_to_real_p"] = gap.p_value
    results["seconds"] = round(time.time() - started, 1)
    return results


def main(argv: list[str] | None = None) -> int:
    from xraymatch.monitoring.model import resolve_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="bundle folder or SAM .ckpt (default: serving/bundles/sam, else models/)")
    parser.add_argument("--drr", default="data/drr", help="DRR cache for the drr kind ('' to skip)")
    parser.add_argument("--reference-samples", type=int, default=200)
    parser.add_argument("--windows", type=int, default=40, help="windows of the reference kind")
    parser.add_argument("--other-windows", type=int, default=20, help="windows of each other kind")
    parser.add_argument("--window-size", type=int, default=20)
    parser.add_argument("--out", default="reports/drift/validation.json")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(2)
    bundle = resolve_model(args.model, "serving/bundles/sam", "models")
    other = args.other_windows
    drr = args.drr if args.drr and Path(args.drr, "index.parquet").is_file() else None
    results = validate(
        bundle,
        reference_samples=args.reference_samples,
        windows={"reference": args.windows, "cat": other, "j2ki": other, "drr": other if drr else 0},
        window_size=args.window_size,
        drr_cache=drr,
    )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
