"""The blind audit material: the "audit" identity family plants exact gold spans, and audit_cases.jsonl is valid.

Checks only the audit data (never the detector), so it stays independent of the de-identifier's rules.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import HARD_CASES, load_hard_cases
from xraymatch.reports.entities import LABELS
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant, plant_identifiers
from xraymatch.reports.identities_audit import format_date_audit, luhn_append, nhs_number

BODY = "Fracture de Pouteau-Colles {x} du radius distal droit.\nPas d'épanchement."


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_audit_spans_are_the_planted_values(lang: str) -> None:
    rng = np.random.default_rng(17)
    seen_labels: set[str] = set()
    for _ in range(60):
        report, slots = _plant(BODY, lang, rng, "audit")
        assert BODY in report.text
        body_at = report.text.index(BODY)
        planted: dict[str, set[str]] = {}
        for value, label in slots.values():
            if label is not None:
                planted.setdefault(label, set()).add(value)
        spans = sorted((e.start, e.end) for e in report.entities)
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), "gold spans overlap"
        for e in report.entities:
            value = report.text[e.start : e.end]
            assert e.label in LABELS
            assert value in planted[e.label], (e.label, value)  # exactly a planted value with that slot's label
            assert value == value.strip() and value
            assert not (body_at <= e.start < body_at + len(BODY))
            seen_labels.add(e.label)
        # The patient's names never appear outside a gold span, except inside the eponym phrase (said clinically).
        epo_phrase = slots["epo_phrase"][0]
        for key in ("first", "last"):
            name = slots[key][0]
            if len(name) < 3 or name.lower() in epo_phrase.lower():
                continue
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", report.text, flags=re.IGNORECASE):
                assert any(e.start <= m.start() and m.end() <= e.end for e in report.entities), (key, name)
    assert set(LABELS) <= seen_labels  # the family exercises every identifier type


def test_audit_family_is_disjoint_and_deterministic() -> None:
    a = plant_identifiers(BODY, "en", np.random.default_rng(4), "audit")
    b = plant_identifiers(BODY, "en", np.random.default_rng(4), "audit")
    assert a == b
    audit = [plant_identifiers(BODY, "fr", np.random.default_rng(s), "audit").text for s in range(40)]
    assert not any("Patient : " in t or "Identité : " in t for t in audit)  # train / heldout phrasings
    assert any("Sexe/Âge" in t or "N° de séjour" in t or "Copie à" in t for t in audit)


def test_audit_formats_known_answers() -> None:
    import datetime as dt

    date = dt.date(2021, 4, 3)  # a Saturday
    assert format_date_audit(date, "fr", 1) == "samedi 3 avril 2021"
    assert format_date_audit(date, "fr", 2) == "20210403"
    assert format_date_audit(date, "en", 2) == "Saturday, April 3rd, 2021"
    assert format_date_audit(date, "en", 0) == "03-Apr-2021"
    assert luhn_append("7992739871") == "79927398713"  # the classic Luhn example
    assert luhn_append("80840" + "123456789") == "80840" + "1234567893"  # CMS's example NPI 1234567893
    nhs = nhs_number(np.random.default_rng(0)).replace(" ", "")
    assert len(nhs) == 10 and (sum(int(c) * (10 - i) for i, c in enumerate(nhs[:9])) + int(nhs[9])) % 11 == 0


def test_audit_cases_parse_with_valid_spans() -> None:
    cases = load_hard_cases(audit_family("audit").cases_path)
    assert len(cases) >= 30
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids)
    hard_texts = {json.loads(line)["text"] for line in HARD_CASES.read_text(encoding="utf-8").splitlines() if line}
    langs = set()
    for case in cases:
        assert case["lang"] in ("fr", "en")
        assert case["text"] not in hard_texts  # new material, not a copy of the detector's hard cases
        langs.add(case["lang"])
        spans = sorted((e.start, e.end) for e in case["entities"])
        assert all(a[1] <= b[0] for a, b in pairwise(spans)), case["id"]
        for e in case["entities"]:
            value = case["text"][e.start : e.end]
            assert e.end <= len(case["text"]) and value == value.strip() and value, case["id"]
            assert e.label in LABELS
    assert langs == {"fr", "en"}
    # Some cases hold no identifier at all (eponyms, durations, codes): precision traps.
    assert sum(not c["entities"] for c in cases) >= 3


def test_unknown_style_still_refused() -> None:
    with pytest.raises(ValueError, match="style"):
        plant_identifiers(BODY, "fr", np.random.default_rng(0), "blind")
