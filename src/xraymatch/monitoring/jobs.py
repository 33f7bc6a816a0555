"""The drift CLI jobs: build a reference, test a window (folder of X-rays, monitoring store, or another reference).

Windows count identical uploads once (keyed pixel fingerprints, monitoring.fingerprint); a reference must have been
built from the current params (monitoring.provenance), and `stale_reference` says why one should be rebuilt.
"""

from __future__ import annotations

import logging
from pathlib import Path

from xraymatch.errors import InputError
from xraymatch.monitoring.config import MonitoringConfig
from xraymatch.monitoring.drift import DriftVerdict, detect_drift
from xraymatch.monitoring.features import FeatureTable
from xraymatch.monitoring.provenance import check_params, rebuild_reason, stamp
from xraymatch.monitoring.reference import (
    Reference,
    build_reference,
    check_model,
    default_sources,
    drr_reference,
    featurize,
    load_reference,
    read_folder,
    save_reference,
)

log = logging.getLogger(__name__)


def make_reference(
    config: MonitoringConfig,
    out: str | Path | None = None,
    images: str | Path | None = None,
    model: str | Path | None = None,
    drr: str | Path | None = None,
    samples: int | None = None,
    augment: bool = True,
) -> tuple[Path, Reference]:
    """Build and save a reference: from `drr` (a DRR cache) when given, else from the folder `images`, else from
    monitoring.reference.raw_dir when it holds files, else from pydicom-data's RG1_UNCR and RG3_UNCR."""
    from xraymatch.monitoring.model import resolve_model

    bundle = resolve_model(model, config.model_bundle, config.models_dir)
    ref_config = config.reference
    if drr is not None:
        target = Path(out or ref_config.drr_path)
        reference = drr_reference(drr, bundle, samples or ref_config.drr_samples, ref_config.seed)
    else:
        if images is not None:
            sources, description = read_folder(images), f"folder:{images}"
        else:
            sources, description = default_sources(ref_config.raw_dir)
        target = Path(out or ref_config.path)
        reference = build_reference(
            sources,
            bundle,
            augment,
            samples=samples or ref_config.samples,
            config=config.augment,
            seed=ref_config.seed,
            source=description,
        )
    chosen = {"images": images, "drr": drr, "samples": samples, "model": model, "augment": None if augment else False}
    overrides = {k: v if isinstance(v, int | bool) else str(v) for k, v in chosen.items() if v is not None}
    reference = stamp(reference, config, overrides)
    save_reference(reference, target)
    log.info("reference of %d samples (%s) written to %s", len(reference), reference.meta["source"], target)
    return target, reference


def stale_reference(config: MonitoringConfig, path: str | Path, model: str | Path | None = None) -> str | None:
    """Why the reference at `path` should be (re)built: missing, unreadable, built from other params or another
    model than the one `make_reference` would use now; None when it is current (the model is compared only when
    one can be resolved: without any, nothing could be rebuilt)."""
    from xraymatch.monitoring.model import model_identity

    return rebuild_reason(path, config, model_identity(model, config.model_bundle, config.models_dir))


def current_table(
    config: MonitoringConfig, reference: Reference, current: str | Path, model: str | Path | None = None
) -> tuple[FeatureTable, str, int]:
    """The window to test (identical uploads counted once, the latest kept), a description and the number of
    requests before de-duplication: a folder of X-rays (embedded now with the reference's model), a reference
    .npz (e.g. the DRR reference: the synthetic-to-real gap) or a monitoring store (its latest
    monitoring.drift.window rows of the reference's model)."""
    from xraymatch.monitoring.store import read_distinct_window, read_store_window

    path = Path(current)
    if path.is_dir():
        from xraymatch.monitoring.fingerprint import fingerprint, latest_distinct, new_key
        from xraymatch.monitoring.model import resolve_model

        bundle = resolve_model(model, config.model_bundle, config.models_dir)
        check_model(reference, bundle.version, f"{path} (model {model or config.model_bundle})")
        images = read_folder(path)
        key = new_key()  # this run only: the folder's fingerprints are compared with each other, never kept
        distinct = [images[i] for i in latest_distinct([fingerprint(i.pixels, key) for i in images])]
        table = featurize([i.pixels for i in distinct], bundle, [i.source_format for i in distinct])
        return table, f"folder {path}", len(images)
    if not path.is_file():
        raise InputError(f"{path}: no such folder, store or reference; pass a folder of X-rays or the store file")
    if path.suffix == ".npz":
        other = load_reference(path)
        check_model(reference, other.model_version, str(path))
        return other.table, f"reference {path}", len(other.table)
    window = read_distinct_window(path, config.drift.window, model_version=reference.model_version)
    if window.n_requests == 0:
        everything = read_store_window(path, 1)
        if len(everything):
            raise InputError(
                f"{path}: no stored requests of model {reference.model_version} (the store holds another model's); "
                "rebuild the reference with the serving model"
            )
    description = f"store {path} (latest {window.n_requests} requests, {window.n_distinct} distinct images)"
    return window.table, description, window.n_requests


def run_drift(
    config: MonitoringConfig,
    reference_path: str | Path | None,
    current: str | Path | None,
    json_out: str | Path | None = None,
    html_out: str | Path | None = None,
    model: str | Path | None = None,
) -> DriftVerdict:
    """Test a window against a reference; write the JSON verdict and the HTML report when asked."""
    from xraymatch.atomic import atomic_file
    from xraymatch.monitoring.report import write_report

    path = reference_path or config.reference.path
    reference = load_reference(path)
    check_params(reference, config, path)
    table, description, n_requests = current_table(config, reference, current or config.store.path, model)
    verdict = detect_drift(
        reference.table,
        table,
        config.drift,
        bandwidth=reference.bandwidth,
        model_version=reference.model_version,
        n_requests=n_requests,
    )
    if json_out:
        with atomic_file(json_out) as tmp:
            Path(tmp).write_text(verdict.to_json())
    if html_out:
        write_report(verdict, reference.table, table, html_out, title=f"Drift: {description}")
    return verdict
