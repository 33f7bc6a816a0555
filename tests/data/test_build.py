"""The render_drr stage on a labelled phantom: the sample contract, splits, determinism, resume, ranks, checks."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import torch

from xraymatch.checks.drr_suite import check_drr_index
from xraymatch.config import apply_override
from xraymatch.data import DRRCache
from xraymatch.data.build import RenderConfig, build_cache
from xraymatch.data.distributed import build_cache_distributed
from xraymatch.errors import CheckFailed, ConfigError, InputError

CONTRACT = {
    "images", "pose", "sdd", "height", "width", "delx", "dely", "x0", "y0", "tracks_3d", "tracks_2d",
    "tracks_visible", "correspondence", "landmarks_2d", "landmark_names", "anatomy", "fracture", "projection",
}  # fmt: skip


def _build(params: dict[str, Any], ct_dir: Path) -> pd.DataFrame:
    index = build_cache(RenderConfig.from_params(params), ct_dir)
    assert index is not None
    return index


def _shards(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "shards").glob("*.npz"))}


def test_items_follow_the_contract(tiny_params, ingested_phantom: Path) -> None:
    index = _build(tiny_params, ingested_phantom)
    assert set(index["split"]) == {"train", "val", "test"}
    cache = DRRCache(Path(tiny_params["drr"]["out_dir"]))
    assert len(cache) == len(index) == 8
    item = cache[0]
    assert set(item) >= CONTRACT
    v, h = 2, 32
    assert item["images"].shape == (v, 1, h, h) and item["images"].dtype == torch.float32
    assert item["pose"].shape == (v, 4, 4) and item["anatomy"].shape == (v, h, h)
    assert item["anatomy"].dtype == torch.int64 and set(item["anatomy"].unique().tolist()) <= {0, 1, 2, 3}
    assert item["tracks_2d"].shape == (v, 32, 2) and item["tracks_visible"].shape == (v, 32)
    assert item["landmarks_2d"].shape == (v, 3, 2) and item["landmark_names"] == ["rib_left_5", "vertebrae_T8", "liver"]
    (pair,) = item["correspondence"]
    assert pair == (0, 1) and item["correspondence"][pair].shape == (64, 64)
    assert float(item["images"].max()) > 0
    # Tracks are the projections of their 3D points through the stored matrices.
    P = item["projection"][0].double()
    hom = torch.nn.functional.pad(item["tracks_3d"].double(), (0, 1), value=1.0) @ P.T
    np.testing.assert_allclose((hom[:, :2] / hom[:, 2:]).numpy(), item["tracks_2d"][0].numpy(), atol=1e-3)


def test_val_and_test_are_disjoint_slabs_and_held_out_angles(tiny_params, ingested_phantom: Path) -> None:
    index = _build(tiny_params, ingested_phantom)
    train_angles = np.array([p[0] % 360 for p in index.loc[index["split"] == "train", "primary_deg"]])
    held_out = tiny_params["drr"]["splits"]["single_case"]["val_primary_deg"][0]
    assert not np.any((train_angles >= held_out[0]) & (train_angles < held_out[1]))
    for split in ("val", "test"):
        angles = [p[0] % 360 for p in index.loc[index["split"] == split, "primary_deg"]]
        lo, hi = tiny_params["drr"]["splits"]["single_case"][f"{split}_primary_deg"][0]
        assert all(lo <= a < hi for a in angles)


def test_fractures_are_balanced_and_located(tiny_params, ingested_phantom: Path) -> None:
    params = apply_override(tiny_params, "drr.samples_per_case=20")
    index = _build(params, ingested_phantom)
    train = index[index["split"] == "train"]
    assert 0.3 <= train["fracture"].mean() <= 0.7
    cache = DRRCache(Path(params["drr"]["out_dir"]), split="train")
    fractured = next(cache[i] for i in range(len(cache)) if cache[i]["fracture"]["present"])
    assert fractured["fracture"]["structure"] in {"rib_left_5", "vertebrae_T8"}
    assert np.asarray(fractured["fracture"]["location_2d"]).shape == (2, 2)


def test_rebuild_is_deterministic_and_resumes_without_rerendering(tiny_params, ingested_phantom: Path) -> None:
    root = Path(tiny_params["drr"]["out_dir"])
    _build(tiny_params, ingested_phantom)
    first = _shards(root)
    victim = sorted((root / "shards").glob("*.npz"))[0]
    kept = sorted((root / "shards").glob("*.npz"))[1:]
    stamps = {p.name: p.stat().st_mtime_ns for p in kept}
    victim.unlink()  # as if the run had been interrupted before this shard
    _build(tiny_params, ingested_phantom)
    assert _shards(root) == first
    assert {p.name: p.stat().st_mtime_ns for p in kept} == stamps  # finished shards were not rewritten


def test_a_parameter_change_rerenders_stale_shards(tiny_params, ingested_phantom: Path) -> None:
    root = Path(tiny_params["drr"]["out_dir"])
    _build(tiny_params, ingested_phantom)
    first = _shards(root)
    _build(apply_override(tiny_params, "drr.targets.n_tracks=16"), ingested_phantom)
    assert all(first[name] != data for name, data in _shards(root).items())


def test_two_ranks_give_the_single_process_result(tiny_params, ingested_phantom: Path, tmp_path: Path) -> None:
    single = _build(tiny_params, ingested_phantom)
    expected = _shards(Path(tiny_params["drr"]["out_dir"]))
    params = apply_override(tiny_params, f"drr.out_dir={tmp_path / 'ranks'}")
    index = build_cache_distributed(params, ingested_phantom, devices=2)
    assert _shards(tmp_path / "ranks") == expected
    pd.testing.assert_frame_equal(index.drop(columns="shard"), single.drop(columns="shard"))


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ("drr.targets.grid=5", "drr.targets.grid"),
        ("drr.sampler.sid_mm=[1200,1100]", "drr.sampler.sid_mm"),
        ("drr.sampler.views_per_sample=1", "drr.sampler.views_per_sample"),
        ("drr.fracture.fraction=1.5", "drr.fracture.fraction"),
    ],
)
def test_bad_geometry_params_fail_before_rendering(tiny_params, override: str, field: str) -> None:
    with pytest.raises(ConfigError, match=field.replace(".", r"\.")):
        RenderConfig.from_params(apply_override(tiny_params, override))
    assert not Path(tiny_params["drr"]["out_dir"]).exists()


def test_a_volume_too_small_for_the_detector_is_refused(tiny_params, ingested_phantom: Path) -> None:
    params = apply_override(tiny_params, "drr.sampler.pixel_spacing_mm=200")
    with pytest.raises(InputError, match=r"covers only \d+% of the 32x32 detector"):
        _build(params, ingested_phantom)


def test_ct_without_labels_keeps_correspondences(tiny_params, tmp_path: Path, caplog) -> None:
    from tests import factories
    from tests.conftest import REPO_ROOT
    from tests.data.conftest import full_length_body
    from tests.targets.phantoms import chest_phantom
    from xraymatch.config import load_params
    from xraymatch.ct.ingest import IngestConfig, ingest_ct

    phantom = chest_phantom(n=64, spacing=5.0)
    factories.write_nifti(tmp_path / "raw" / "plain.nii.gz", full_length_body(phantom.hu), affine=phantom.affine)
    limits = {**load_params(REPO_ROOT / "params.yaml")["checks"]["ct"], "hu_p99": [0, 3100]}
    ingest_ct(IngestConfig(raw_dir=tmp_path / "raw", out_dir=tmp_path / "ct", case_id_salt="t"), limits, tmp_path / "r")
    with caplog.at_level(logging.WARNING):
        index = _build(tiny_params, tmp_path / "ct")
    assert not index["fracture"].any()
    item = DRRCache(Path(tiny_params["drr"]["out_dir"]))[0]
    assert "landmarks_2d" not in item and "anatomy" not in item
    assert float(item["correspondence"][(0, 1)].max()) > 0.2
    assert any("no label map" in r.message for r in caplog.records)


def test_drr_suite_names_the_failing_sample(tiny_params, ingested_phantom: Path, tmp_path: Path) -> None:
    index = _build(tiny_params, ingested_phantom)
    limits = tiny_params["checks"]["drr"]
    check_drr_index(index, limits, str(tmp_path), expect_fractures=False)
    broken = index.copy()
    broken.loc[3, "nonfinite_count"] = 7
    with pytest.raises(CheckFailed, match=rf"nonfinite_count\) for {broken.loc[3, 'sample_id']}"):
        check_drr_index(broken, limits, str(tmp_path), expect_fractures=False)


def test_labels_without_bones_give_no_fractures_said_once(tiny_params, tmp_path: Path, caplog) -> None:
    from tests import factories
    from tests.conftest import REPO_ROOT
    from tests.data.conftest import full_length_body
    from tests.targets.phantoms import chest_phantom
    from xraymatch.config import load_params
    from xraymatch.ct.ingest import IngestConfig, ingest_ct
    from xraymatch.targets import fractures

    phantom = chest_phantom(n=64, spacing=5.0)
    organs_only = np.where(phantom.labels == 3, 3, 0).astype(np.uint16)  # the liver alone
    factories.write_nifti(tmp_path / "raw" / "soft.nii.gz", full_length_body(phantom.hu), affine=phantom.affine)
    factories.write_nifti(tmp_path / "raw" / "soft_labels.nii.gz", organs_only, affine=phantom.affine)
    (tmp_path / "raw" / "soft_labels.csv").write_text("id,structure\n3,liver\n")
    limits = {**load_params(REPO_ROOT / "params.yaml")["checks"]["ct"], "hu_p99": [0, 3100]}
    ingest_ct(IngestConfig(raw_dir=tmp_path / "raw", out_dir=tmp_path / "ct", case_id_salt="t"), limits, tmp_path / "r")
    fractures.warn_once.cache_clear()
    with caplog.at_level(logging.WARNING):
        index = _build(apply_override(tiny_params, "drr.samples_per_case=12"), tmp_path / "ct")
    assert not index["fracture"].any() and not index["fracture_eligible"].any()
    assert "landmarks_2d" in DRRCache(Path(tiny_params["drr"]["out_dir"]))[0]
    said = [r for r in caplog.records if "no bone label" in r.message]
    assert len(said) == 1
