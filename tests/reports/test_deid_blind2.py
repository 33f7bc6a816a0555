"""The blind2 identifier family and cases: gold spans are exact, check digits valid, traps unlabelled; the any-label
masking recall of the evaluation has known answers."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from collections import Counter

import numpy as np
import pytest

from xraymatch.reports import identities_blind2 as b2
from xraymatch.reports.deid.evaluation import load_hard_cases, masked_any_label
from xraymatch.reports.entities import LABELS, Entity
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant, plant_identifiers

BLIND2_CASES_PATH = audit_family("blind2").cases_path
BODY = "Résultat :\nFracture de Pouteau-Colles {x} du radius distal droit.\nPas d'épanchement."
MULTIWORD_TRAPS = ("Pouteau-Colles", "Salter-Harris", "Kellgren-Lawrence", "Hill-Sachs", "Lachman", "Bankart lesion")


def _reports(lang: str, n: int, seed: int) -> list[tuple[object, dict[str, tuple[str, str | None]]]]:
    rng = np.random.default_rng(seed)
    return [_plant(BODY, lang, rng, "blind2") for _ in range(n)]


def _assert_exact(text: str, entities: list[Entity]) -> None:
    """Labels valid, spans non-empty and trimmed, no two spans overlap."""
    ordered = sorted(entities)
    for e in ordered:
        value = text[e.start : e.end]
        assert e.label in LABELS
        assert value and value == value.strip(), (e, value)
    for a, b in itertools.pairwise(ordered):
        assert a.end <= b.start, (a, b)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_blind2_spans_are_the_planted_values(lang: str) -> None:
    seen_varieties: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for report, slots in _reports(lang, 150, seed=4 if lang == "fr" else 5):
        text = report.text
        assert BODY in text  # body copied verbatim, braces included
        body_at = text.index(BODY)
        _assert_exact(text, report.entities)
        by_label: dict[str, set[str]] = {}
        for value, label in slots.values():
            if label is not None:
                by_label.setdefault(label, set()).add(value)
        for e in report.entities:
            assert text[e.start : e.end] in by_label[e.label]  # the span is exactly a planted value of its label
            assert not (body_at <= e.start < body_at + len(BODY))
            labels[e.label] += 1
        seen_varieties[slots["variety"][0]] += 1
    assert set(seen_varieties) == set(b2.VARIETIES[lang])  # every national variety is drawn
    assert set(labels) == set(LABELS)  # every type is planted


def test_blind2_traps_stay_unlabelled() -> None:
    """Eponyms, devices, doses, settings and codes are never inside a gold span; the one exception is a staff member
    who carries an eponym as surname ("Dr Paget"), a PERSON."""
    hits = 0
    for lang in ("fr", "en"):
        for report, slots in _reports(lang, 120, seed=9):
            text = report.text
            trap_values = [slots[k][0] for k in ("device", "dap", "kv", "act_code", "icd") if slots[k][0] in text]
            for word in (*b2.TRAP_EPONYMS, *MULTIWORD_TRAPS, *trap_values):
                for m in re.finditer(re.escape(word), text):
                    hits += 1
                    inside = [e for e in report.entities if e.start < m.end() and m.start() < e.end]
                    assert all(e.label == "PERSON" and word in b2.STAFF_EPONYMS[lang] for e in inside), (
                        word,
                        lang,
                    )
    assert hits > 100


def test_blind2_identifiers_have_valid_check_digits() -> None:
    """Independent arithmetic on the planted national numbers (not the module's own check functions)."""
    checked: Counter[str] = Counter()
    for lang in ("fr", "en"):
        for _, slots in _reports(lang, 250, seed=21):
            variety, value = slots["variety"][0], slots["national_id"][0]
            digits = re.sub(r"[^0-9A-Z]", "", value)
            if variety == "fr_FR":
                body = digits[:5] + {"2A": "19", "2B": "18"}.get(digits[5:7], digits[5:7]) + digits[7:13]
                assert int(digits[13:]) == 97 - int(body) % 97, value
            elif variety == "fr_CH":
                weights = [1, 3] * 6
                assert (
                    digits.startswith("756")
                    and (sum(int(c) * w for c, w in zip(digits, weights, strict=False)) + int(digits[12])) % 10 == 0
                )
            elif variety == "en_GB":
                assert sum(int(c) * (10 - i) for i, c in enumerate(digits[:9])) % 11 == (11 - int(digits[9])) % 11
            elif variety == "en_AU":
                assert sum(int(c) * w for c, w in zip(digits, (1, 3, 7, 9, 1, 3, 7, 9), strict=False)) % 10 == int(
                    digits[8]
                )
            elif variety == "fr_BE":  # born before 2000: 97 - YYMMDDSSS mod 97; from 2000 on, with a leading 2
                assert int(digits[9:]) in (97 - int(digits[:9]) % 97, 97 - int("2" + digits[:9]) % 97), value
            checked[variety] += 1
    assert {"fr_FR", "fr_CH", "en_GB", "en_AU", "fr_BE"} <= set(checked)


def test_check_digit_known_answers() -> None:
    """Published example numbers."""
    assert b2.ean13_check("756921707698") == 5  # AVS 756.9217.0769.85
    assert b2.nhs_check("943476591") == 9  # NHS 943 476 5919
    assert b2.medicare_check("21234567") == 0  # Medicare 2123 45670 1
    assert b2.ppsn_letter("1234567") == "T" and b2.ppsn_letter("1234567", "A") == "F"  # 1234567T, 1234567FA
    assert b2.luhn_digit("80840123456789") == 3  # NPI 1234567893
    assert b2.nir_key("1" + "69" + "05" + "2A" + "123456") == 97 - 1690519123456 % 97
    assert b2.niss_check(dt.date(2004, 6, 21), 88) == 97 - 2040621088 % 97


def test_blind2_is_deterministic_and_apart_from_other_families() -> None:
    a = plant_identifiers(BODY, "en", np.random.default_rng(3), "blind2")
    b = plant_identifiers(BODY, "en", np.random.default_rng(3), "blind2")
    assert a == b
    other = plant_identifiers(BODY, "en", np.random.default_rng(3), "heldout")
    assert a.text != other.text


def test_blind2_cases_parse_with_valid_spans() -> None:
    lines = [json.loads(line) for line in BLIND2_CASES_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) >= 30
    assert len({r["id"] for r in lines}) == len(lines)
    assert {r["lang"] for r in lines} == {"fr", "en"}
    assert all(set(r) == {"id", "lang", "text", "entities"} for r in lines)
    docs = load_hard_cases(BLIND2_CASES_PATH)  # builds Entity objects: rejects unknown labels and empty spans
    for doc in docs:
        assert all(e.end <= len(doc["text"]) for e in doc["entities"])
        _assert_exact(doc["text"], doc["entities"])
    assert sum(not d["entities"] for d in docs) >= 3  # trap-only cases (eponyms, codes, doses): nothing to find


def test_masked_any_label_known_answers() -> None:
    docs = [
        {
            "text": "Dr Paget, 12/03/2021, IPP 123",
            "entities": [Entity(3, 8, "PERSON"), Entity(10, 20, "DATE"), Entity(26, 29, "ID")],
        }
    ]
    preds = [[Entity(3, 8, "PATIENT"), Entity(12, 14, "DATE")]]  # a wrong label still masks; the ID is missed
    out = masked_any_label(docs, preds)
    assert out["per_type"]["PERSON"] == {"recall": 1.0, "n_gold": 1, "n_masked": 1}
    assert out["per_type"]["DATE"]["recall"] == 1.0
    assert out["per_type"]["ID"] == {"recall": 0.0, "n_gold": 1, "n_masked": 0}
    assert out["overall"] == {"recall": round(2 / 3, 4), "n_gold": 3, "n_masked": 2}
