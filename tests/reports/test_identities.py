"""Planted identities: gold spans point at the planted values, NIRs carry valid keys, both template families work."""

from __future__ import annotations

import re

import numpy as np
import pytest

from xraymatch.reports.deid.checksums import nir_valid
from xraymatch.reports.entities import LABELS
from xraymatch.reports.identities import plant_identifiers

BODY = "Fracture de Pouteau-Colles {x} du radius distal droit.\nPas d'épanchement."


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("style", ["train", "heldout"])
def test_spans_index_the_text_and_body_is_kept(lang: str, style: str) -> None:
    rng = np.random.default_rng(3)
    for _ in range(20):
        report = plant_identifiers(BODY, lang, rng, style)
        assert BODY in report.text  # copied verbatim (braces included)
        body_at = report.text.index(BODY)
        for e in report.entities:
            value = report.text[e.start : e.end]
            assert e.label in LABELS
            assert value == value.strip() and value
            assert not (body_at <= e.start < body_at + len(BODY))  # no identifier inside the clinical body
        labels = {e.label for e in report.entities}
        assert {"DATE", "ID", "PERSON"} <= labels


def test_same_seed_same_report_and_families_differ() -> None:
    a = plant_identifiers(BODY, "fr", np.random.default_rng(7), "train")
    b = plant_identifiers(BODY, "fr", np.random.default_rng(7), "train")
    assert a == b
    heldout = [plant_identifiers(BODY, "fr", np.random.default_rng(s), "heldout").text for s in range(30)]
    train = [plant_identifiers(BODY, "fr", np.random.default_rng(s), "train").text for s in range(30)]
    assert not any("Patient : " in t for t in heldout)  # a train-only phrasing
    assert any("Patient : " in t for t in train)


def test_planted_nirs_have_valid_keys() -> None:
    rng = np.random.default_rng(11)
    nirs = []
    for _ in range(60):
        report = plant_identifiers(BODY, "fr", rng, "train")
        for e in report.entities:
            value = report.text[e.start : e.end]
            if e.label == "ID" and len(re.sub(r"\s", "", value)) == 15 and value[0] in "12":
                nirs.append(value)
    assert nirs and all(nir_valid(n) for n in nirs)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="lang"):
        plant_identifiers(BODY, "de", np.random.default_rng(0), "train")
    with pytest.raises(ValueError, match="style"):
        plant_identifiers(BODY, "fr", np.random.default_rng(0), "test")
