"""Fixtures shared by the report tests: a tiny de-identification tagger and role model, trained once per session."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def tagger_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CRF tagger trained in ~2 s on 40 generated documents of the train templates (no blind family, no evaluation
    seed): what `deid.tagger.model_path` points at when a test runs the pipeline with params.yaml's tagger on."""
    from xraymatch.reports.deid import tagger as tg

    path = tmp_path_factory.mktemp("tagger") / "model.crfsuite"
    tg.train_tagger(tg._generated(40, 4242, "train"), tg.TaggerConfig(max_iterations=40, seed=123), path)
    return path


@pytest.fixture(scope="session")
def tiny_role_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A patient/staff role model trained in ~1 s on the same 40 documents: what `deid.roles.model_path` points at
    when a test runs the pipeline with params.yaml's role model on."""
    from xraymatch.reports.deid import person_roles as pr
    from xraymatch.reports.deid import tagger as tg

    path = tmp_path_factory.mktemp("roles") / "roles.json"
    pr.train_roles(tg._generated(40, 4242, "train"), pr.RolesConfig(), path)
    return path
