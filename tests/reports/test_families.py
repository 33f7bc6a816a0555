"""The audit-family registry: every family has its module, case file and seed; blind and development sets never mix;
`deid-eval` builds its sets from the registry."""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from xraymatch.config import load_params
from xraymatch.errors import ConfigError
from xraymatch.reports.deid.evaluation import BLIND_SETS, DEVELOPMENT_NOTES, EvalConfig
from xraymatch.reports.families import AUDIT_FAMILIES, DEVELOPMENT_NOTE, AuditFamily, audit_family, draw_family


@pytest.mark.parametrize("family", AUDIT_FAMILIES, ids=lambda f: f.name)
def test_every_family_has_its_module_cases_and_seed(family: AuditFamily) -> None:
    module = importlib.import_module(f"xraymatch.reports.identities_{family.name}")
    assert callable(getattr(module, f"{family.name}_draw"))
    assert family.cases_path.is_file()
    seeds = load_params()["deid"]["evaluation"]["family_seeds"]
    assert isinstance(seeds[family.name], int)


def test_seeds_are_distinct_and_apart_from_the_heldout_seed() -> None:
    evaluation = load_params()["deid"]["evaluation"]
    seeds = list(evaluation["family_seeds"].values())
    assert len(set(seeds)) == len(seeds) and evaluation["seed"] not in seeds


def test_blind_and_development_sets_never_mix() -> None:
    assert not set(BLIND_SETS) & set(DEVELOPMENT_NOTES)
    every_set = {n for f in AUDIT_FAMILIES for n in f.set_names}
    assert set(BLIND_SETS) | set(DEVELOPMENT_NOTES) == every_set
    for family in AUDIT_FAMILIES:
        if not family.blind:
            note = DEVELOPMENT_NOTES[family.set_names[1]]
            assert note.startswith(DEVELOPMENT_NOTE) and family.first_blind_score in note


def test_a_family_without_a_score_is_blind() -> None:
    fresh = AuditFamily("blindX", "nothing yet")
    assert fresh.blind and fresh.note is None
    assert fresh.set_names == ("generated_blindX", "blindX_cases")
    scored = AuditFamily("blindX", "nothing yet", "generated P/R 0.5/0.5")
    assert not scored.blind and "0.5/0.5" in (scored.note or "")


def test_unknown_family_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"unknown audit family 'nope'.*blind2"):
        draw_family("nope", "fr", np.random.default_rng(0))
    with pytest.raises(ValueError, match="known: audit"):
        audit_family("")


def test_a_missing_family_seed_is_a_config_error() -> None:
    params = load_params()
    seeds = dict(params["deid"]["evaluation"]["family_seeds"])
    seeds.pop(AUDIT_FAMILIES[-1].name)
    evaluation = {**params["deid"]["evaluation"], "family_seeds": seeds}
    broken = {**params, "deid": {**params["deid"], "evaluation": evaluation}}
    with pytest.raises(ConfigError, match=f"family_seeds: no integer seed for {AUDIT_FAMILIES[-1].name}"):
        EvalConfig.from_params(broken)
