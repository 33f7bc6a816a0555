"""Blind6 template family and hand-written blind6 cases: exact gold spans, no overlaps, traps unlabelled."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.reports.gold_spans import check_spans
from xraymatch.reports.corpus import EVALUATION_ONLY_STYLES
from xraymatch.reports.deid.evaluation import BLIND6_CASES, BLIND_SETS, DEVELOPMENT_NOTES, load_hard_cases
from xraymatch.reports.entities import LABELS as ENTITY_LABELS
from xraymatch.reports.identities import STYLES, _plant, plant_identifiers
from xraymatch.reports.identities_blind5 import luhn_digit, mod11_digit
from xraymatch.reports.identities_blind6 import (
    EN_TEMPLATES,
    FR_TEMPLATES,
    french_number,
    nhs_number,
    rpps,
    siret,
    spoken_phone,
)

LABELS = set(ENTITY_LABELS)
TRAP_SLOTS = (
    "title", "son_of", "rank", "rank_mil", "job", "federation", "capital", "ape", "ward", "itt", "time", "time2",
    "eponym", "anat", "scale", "drug", "brace", "duration", "rel_date",
)  # fmt: skip


def test_blind6_is_registered_and_evaluation_only() -> None:
    assert "blind6" in STYLES
    assert "blind6" in EVALUATION_ONLY_STYLES


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_blind6_spans_are_the_planted_values(lang: str) -> None:
    rng = np.random.default_rng(6)
    seen: set[str] = set()
    for _ in range(80):
        report, slots = _plant("Pas d'anomalie.\n", lang, rng, "blind6")
        labelled = {value for value, label in slots.values() if label is not None}
        assert report.entities
        for entity in report.entities:
            assert report.text[entity.start : entity.end] in labelled
            seen.add(entity.label)
        check_spans(report.text, report.entities)
    assert seen == LABELS  # every label is exercised in both languages


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_blind6_traps_are_unlabelled_and_not_inside_spans(lang: str) -> None:
    for seed in range(40):
        report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind6")
        for name in TRAP_SLOTS:
            assert slots[name][1] is None, name
        covered = set().union(*(range(e.start, e.end) for e in report.entities))
        for name in ("eponym", "anat", "scale", "drug", "brace", "capital", "ape"):
            value = slots[name][0]
            start = report.text.find(value)
            if start >= 0:
                assert not covered & set(range(start, start + len(value))), name


def test_blind6_is_deterministic_per_seed() -> None:
    for lang in ("fr", "en"):
        a = plant_identifiers("Body.\n", lang, np.random.default_rng(5), "blind6")
        b = plant_identifiers("Body.\n", lang, np.random.default_rng(5), "blind6")
        c = plant_identifiers("Body.\n", lang, np.random.default_rng(6), "blind6")
        assert a == b
        assert a != c


def test_blind6_templates_are_new() -> None:
    """No blind6 template line repeats one of the earlier families (they must be different phrasings)."""
    from xraymatch.reports.identities import TEMPLATES
    from xraymatch.reports.identities_audit import AUDIT_TEMPLATES
    from xraymatch.reports.identities_blind3 import EN_TEMPLATES as B3_EN
    from xraymatch.reports.identities_blind3 import FR_TEMPLATES as B3_FR
    from xraymatch.reports.identities_blind4 import EN_TEMPLATES as B4_EN
    from xraymatch.reports.identities_blind4 import FR_TEMPLATES as B4_FR
    from xraymatch.reports.identities_blind5 import EN_TEMPLATES as B5_EN
    from xraymatch.reports.identities_blind5 import FR_TEMPLATES as B5_FR

    def lines(family: dict[str, list[list[str]]]) -> set[str]:
        return {t for groups in family.values() for group in groups for t in group if t}

    earlier = set().union(*(lines(f) for f in (B3_FR, B3_EN, B4_FR, B4_EN, B5_FR, B5_EN)))
    for family in (*TEMPLATES.values(), *AUDIT_TEMPLATES.values()):
        earlier |= lines(family)
    assert not (lines(FR_TEMPLATES) | lines(EN_TEMPLATES)) & earlier


def test_spoken_numbers_known_answers() -> None:
    words = [french_number(n) for n in (17, 21, 70, 71, 77, 80, 81, 91, 99)]
    assert words == [
        "dix-sept", "vingt-et-un", "soixante-dix", "soixante-et-onze", "soixante-dix-sept", "quatre-vingts",
        "quatre-vingt-un", "quatre-vingt-onze", "quatre-vingt-dix-neuf",
    ]  # fmt: skip
    assert spoken_phone("fr", "0612347180") == "zéro six, douze, trente-quatre, soixante-et-onze, quatre-vingts"
    assert spoken_phone("en", "0779") == "oh seven seven nine"


def test_generated_numbers_carry_valid_check_digits() -> None:
    rng = np.random.default_rng(1)
    for _ in range(30):
        siren, full = siret(rng)
        digits = full.replace(" ", "")
        assert len(digits) == 14 and digits.startswith(siren.replace(" ", ""))
        assert luhn_digit(digits[:8]) == digits[8] and luhn_digit(digits[:13]) == digits[13]
        number = rpps(rng)
        assert len(number) == 11 and number.startswith("10") and luhn_digit(number[:10]) == number[10]
        nhs = nhs_number(rng).replace(" ", "")
        assert len(nhs) == 10 and mod11_digit(nhs[:9]) == nhs[9]


def test_blind6_cases_parse_with_valid_spans() -> None:
    raw = [json.loads(line) for line in BLIND6_CASES.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(raw) >= 40
    assert len({r["id"] for r in raw}) == len(raw)
    docs = load_hard_cases(BLIND6_CASES)
    assert len(docs) == len(raw)
    assert {d["lang"] for d in docs} == {"fr", "en"}
    labels: set[str] = set()
    for doc in docs:
        check_spans(doc["text"], doc["entities"])
        labels |= {e.label for e in doc["entities"]}
    assert labels == LABELS
    assert sum(not d["entities"] for d in docs) >= 8  # pure traps (eponyms, scores, drugs, braces, devices, times)


def test_blind6_case_spans_keep_the_written_conventions() -> None:
    """A few labelling decisions, checked on the text itself: handles without '@', initials, spoken phones, RCS."""
    docs = {d["id"]: d for d in load_hard_cases(BLIND6_CASES)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    assert ("c.gauthier", "PERSON") in spans("blind6-010-fr-chat-teleexpertise")
    assert ("J.-P. L.", "PERSON") in spans("blind6-014-fr-initiales")
    assert ("D.", "PATIENT") in spans("blind6-014-fr-initiales")
    assert ("Annecy", "LOCATION") in spans("blind6-001-fr-cabinet-siret")
    phone = "oh seven seven nine three, four one two, eight eight six"
    assert (phone, "PHONE") in spans("blind6-031-en-voicemail")
    joint = docs["blind6-045-fr-handball-licence"]  # "IPP" is a finger joint here, not a patient number
    ipp = joint["text"].find("IPP")
    assert ipp > 0 and all(e.end <= ipp or e.start >= ipp + 3 for e in joint["entities"])


def test_blind6_sets_are_the_blind_ones() -> None:
    assert set(BLIND_SETS) == {"generated_blind6", "blind6_cases"}
    assert not set(BLIND_SETS) & set(DEVELOPMENT_NOTES)
