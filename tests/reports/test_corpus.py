"""The build_reports stage: three de-identified sources in one checked corpus, written all-or-nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tests.conftest import REPO_ROOT
from tests.reports import small_cache as sc
from xraymatch.cli import main
from xraymatch.config import load_params
from xraymatch.errors import CheckFailed, ConfigError, InputError
from xraymatch.reports.corpus import CORPUS_COLUMNS, ReportsConfig, build_reports, hash_split

USER_TEXT = (
    "Patient : Mme Odile FERRAND, née le 04/11/1948. IPP 77120045\n"
    "Résultats : pas de fracture visible, signe de Lachman négatif.\nConclusion : examen normal.\n"
    "Dr Paul Girard"
)


@pytest.fixture
def setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tagger_model: Path, tiny_role_model: Path) -> dict[str, Any]:
    """A two-split DRR cache with known content, one user report file, and overrides pointing everything at tmp (the
    de-identification tagger and role model at the session's tiny ones)."""
    monkeypatch.setenv("XRAYMATCH_DEID_SALT", "test-salt")
    monkeypatch.chdir(tmp_path)
    samples = [sc.sample([sc.AP, sc.SOURCE_LEFT], sc.RIB_FRACTURE), sc.sample([sc.PA, sc.SOURCE_RIGHT]),
               sc.sample([sc.AP, (-700.0, -700.0, 0.0)])]  # fmt: skip
    sc.write_cache(tmp_path / "drr", samples, ["train", "train", "test"])
    raw = tmp_path / "raw"
    raw.mkdir()
    record = {"report_id": "ACC-0001", "text": USER_TEXT, "lang": "fr", "image_ids": ["xr-1", "xr-2"]}
    (raw / "mine.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    overrides = [
        f"drr.out_dir={tmp_path / 'drr'}",
        f"ingest.out_dir={tmp_path / 'ct'}",
        f"reports.raw_dir={raw}",
        f"reports.out_dir={tmp_path / 'corpus'}",
        "reports.max_nlmcxr=12",
        f"deid.tagger.model_path={tagger_model}",
        f"deid.roles.model_path={tiny_role_model}",
    ]
    return {"root": tmp_path, "raw": raw, "overrides": overrides, "checks": tmp_path / "checks"}


def _params(setup: dict[str, Any], *extra: str) -> dict[str, Any]:
    return load_params(REPO_ROOT / "params.yaml", [*setup["overrides"], *extra])


def test_the_stage_builds_a_checked_deidentified_corpus(setup: dict[str, Any]) -> None:
    args = ["--params", str(REPO_ROOT / "params.yaml"), "--reports", str(setup["checks"])]
    code = main(["build-reports", *args, *[a for o in setup["overrides"] for a in ("--set", o)]])
    assert code == 0
    out = setup["root"] / "corpus"
    corpus = pd.read_parquet(out / "corpus.parquet")
    assert tuple(corpus.columns) == CORPUS_COLUMNS
    assert corpus["source"].value_counts().to_dict() == {"nlmcxr": 12, "generated": 3, "user": 1}
    assert corpus["report_id"].is_unique and (corpus["n_residual"] == 0).all()
    assert (corpus["findings"].str.strip().str.len() > 0).all()

    generated = corpus[corpus["source"] == "generated"].set_index("sample_id")
    first = generated.loc["ct-test-train-00000"]
    assert first["split"] == "train" and bool(first["fracture"]) and first["lang"] == "fr"
    assert list(first["views"]) == ["AP", "PROFIL-D"]
    assert first["region"] in ("thorax", "thoraco-abdominal") and generated["region"].notna().all()
    assert corpus.loc[corpus["source"] != "generated", "region"].isna().all()
    assert list(first["image_ids"]) == ["ct-test-train-00000/view0", "ct-test-train-00000/view1"]
    assert "4e côte droite" in first["findings"] and first["n_entities"] > 5
    assert generated.loc["ct-test-test-00000", "split"] == "test"
    assert list(generated.loc["ct-test-test-00000", "views"]) == ["AP", "OAD"]

    user = corpus[corpus["source"] == "user"].iloc[0]
    assert user["report_id"].startswith("user-") and pd.isna(user["fracture"]) and pd.isna(user["sample_id"])
    for secret in ("FERRAND", "Odile", "04/11/1948", "77120045", "Girard", "ACC-0001"):
        assert secret not in user["text"] + user["report_id"]
    assert "signe de Lachman" in user["findings"]
    assert list(user["image_ids"]) == ["xr-1", "xr-2"] and user["split"] in ("train", "val", "test")

    nlmcxr = corpus[corpus["source"] == "nlmcxr"]
    assert (nlmcxr["lang"] == "en").all() and nlmcxr["report_id"].str.startswith("nlmcxr-CXR").all()
    assert all(len(ids) >= 1 for ids in nlmcxr["image_ids"])

    summary = json.loads((out / "summary.json").read_text())
    assert summary["reports"] == 16 and summary["per_source"] == {"generated": 3, "nlmcxr": 12, "user": 1}
    assert summary["planted_identifiers_per_type"]["PATIENT"] == 3
    assert "CC BY-NC-ND" in summary["licences"]["nlmcxr"]
    written = (out / "summary.json").read_text() + (setup["checks"] / "reports_corpus.json").read_text()
    assert "FERRAND" not in written and "Lachman" not in written and "côte" not in written


def test_generated_reports_are_deterministic(setup: dict[str, Any]) -> None:
    params = _params(setup, "reports.include_nlmcxr=false")
    first = build_reports(params, setup["checks"])
    second = build_reports(params, setup["checks"])
    pd.testing.assert_frame_equal(first, second)
    other = build_reports(_params(setup, "reports.include_nlmcxr=false", "reports.seed=6"), setup["checks"])
    assert list(other["text"]) != list(first["text"])


def test_a_failing_check_publishes_nothing(setup: dict[str, Any]) -> None:
    english = {"report_id": "r-en", "text": "FINDINGS: The lungs are clear. IMPRESSION: No acute disease.",
               "lang": "fr", "image_ids": ["x"]}  # fmt: skip
    (setup["raw"] / "more.jsonl").write_text(json.dumps(english) + "\n")
    params = _params(setup, "reports.include_nlmcxr=false", "reports.include_generated=false")
    with pytest.raises(CheckFailed, match=r"lang/detected_lang\) for user-[0-9a-f]{16}") as error:
        build_reports(params, setup["checks"])
    assert "lungs" not in str(error.value)
    assert not (setup["root"] / "corpus").exists()
    assert (setup["checks"] / "reports_corpus.json").is_file()


def test_bad_inputs_are_clear_errors_and_publish_nothing(setup: dict[str, Any]) -> None:
    (setup["raw"] / "bad.csv").write_text("report_id,text,image_ids\nr1,texte,img\n")
    with pytest.raises(InputError, match=r"bad\.csv: missing column 'lang'"):
        build_reports(_params(setup), setup["checks"])
    (setup["raw"] / "bad.csv").unlink()
    with pytest.raises(InputError, match="no DRR cache"):
        build_reports(_params(setup, f"drr.out_dir={setup['root'] / 'none'}"), setup["checks"])
    (setup["raw"] / "mine.jsonl").unlink()
    with pytest.raises(InputError, match="no reports to build a corpus from"):
        build_reports(_params(setup, "reports.include_nlmcxr=false", "reports.include_generated=false"))
    assert not (setup["root"] / "corpus").exists()
    code = main(
        ["build-reports", "--params", str(REPO_ROOT / "params.yaml"), "--set", "reports.split_fractions=[1, 1, 1]"]
    )
    assert code == 2


def test_config_and_hash_split() -> None:
    params = load_params(REPO_ROOT / "params.yaml")
    config = ReportsConfig.from_params(params)
    assert config.out_dir == "data/reports" and config.include_nlmcxr and config.max_nlmcxr is None
    assert config.drr_dir == params["drr"]["out_dir"]
    with pytest.raises(ConfigError, match=r"reports\.colour: unknown key"):
        ReportsConfig.from_params({"reports": {"colour": 1}})
    with pytest.raises(ConfigError, match=r"reports\.split_fractions: shares sum to 1\.2"):
        ReportsConfig.from_params({"reports": {"split_fractions": [0.8, 0.2, 0.2]}})
    with pytest.raises(ConfigError, match=r"reports\.identity_style"):
        ReportsConfig.from_params({"reports": {"identity_style": "fancy"}})
    for kept_apart in ("heldout", "audit", "blind2"):  # evaluation families never enter a corpus
        with pytest.raises(ConfigError, match="evaluation only"):
            ReportsConfig.from_params({"reports": {"identity_style": kept_apart}})
    splits = [hash_split(f"r-{i}", (0.8, 0.1, 0.1)) for i in range(2000)]
    assert splits == [hash_split(f"r-{i}", (0.8, 0.1, 0.1)) for i in range(2000)]
    assert 0.77 < splits.count("train") / 2000 < 0.83 and splits.count("val") > 150 and splits.count("test") > 150


def test_a_report_that_escaped_deidentification_never_reaches_the_corpus(
    setup: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety net: if the de-identifier replaced nothing, generated reports are dropped (counted) or the suite
    fails, and a user report always fails the suite; nothing is published with an identifier in it."""
    from xraymatch.reports import corpus

    monkeypatch.setattr(corpus._Builder, "deidentify", lambda self, text, lang, key, patient: (text, []))
    generated_only = _params(setup, "reports.include_nlmcxr=false")
    (setup["raw"] / "mine.jsonl").unlink()
    with pytest.raises(InputError, match="no reports to build a corpus from"):
        build_reports(generated_only, setup["checks"])  # all three generated reports dropped
    with pytest.raises(CheckFailed, match=r"n_residual\) for gen-ct-test-test-00000, gen-ct-test-train-00000"):
        build_reports(_params(setup, "reports.include_nlmcxr=false", "reports.drop_generated_residuals=false"))
    record = {"report_id": "u1", "text": USER_TEXT, "lang": "fr", "image_ids": ["x"]}
    (setup["raw"] / "u.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    user_only = _params(setup, "reports.include_nlmcxr=false", "reports.include_generated=false")
    with pytest.raises(CheckFailed, match=r"n_residual\) for user-[0-9a-f]{16}"):
        build_reports(user_only, setup["checks"])
    assert not (setup["root"] / "corpus").exists()
