"""Damaged copies of training documents (reports/deid/augment.py) and the tagger trained with them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from xraymatch.errors import ConfigError
from xraymatch.reports.deid import augment
from xraymatch.reports.deid import tagger as tg
from xraymatch.reports.entities import Entity

TEXT = "Mme Hélène LEFÈVRE, née le 3 mars 1961 à Saint-Étienne; Straße 5, İzmir. Dr Ørsted."
ENTITIES = [
    Entity(TEXT.find(word), TEXT.find(word) + len(word), label)
    for word, label in (("Hélène LEFÈVRE", "PATIENT"), ("3 mars 1961", "DATE"), ("Saint-Étienne", "LOCATION"))
] + [Entity(TEXT.find("Ørsted"), TEXT.find("Ørsted") + 6, "PERSON")]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("lower", "mme hélène lefèvre, née le 3 mars 1961 à saint-étienne; straße 5, İzmir. dr ørsted."),
        ("upper", "MME HÉLÈNE LEFÈVRE, NÉE LE 3 MARS 1961 À SAINT-ÉTIENNE; STRAßE 5, İZMIR. DR ØRSTED."),
        ("strip_accents", "Mme Helene LEFEVRE, nee le 3 mars 1961 a Saint-Etienne; Straße 5, Izmir. Dr Ørsted."),
        ("title_words", "Mme Hélène Lefèvre, Née Le 3 Mars 1961 À Saint-Étienne; Straße 5, İzmir. Dr Ørsted."),
    ],
)
def test_each_damage_has_a_known_answer_and_keeps_every_offset(name: str, expected: str) -> None:
    """Known answers; "ß" and "İ" (whose case mapping has another length) and "Ø" (no combining accent) stay."""
    damaged = augment.DAMAGES[name](TEXT)
    assert damaged == expected
    assert len(damaged) == len(TEXT)
    for entity in ENTITIES:  # the same span still covers the same (damaged) word
        assert damaged[entity.start : entity.end] == augment.DAMAGES[name](TEXT[entity.start : entity.end])


def _docs(n: int) -> list[dict]:
    return [{"id": f"d{i}", "lang": "fr", "text": f"{TEXT} ({i})", "entities": ENTITIES} for i in range(n)]


def test_the_share_decides_how_many_copies_and_ids_say_which_damage() -> None:
    docs = _docs(400)
    assert augment.damaged_copies(docs, tuple(augment.DAMAGES), 0.0, seed=1) == []
    every = augment.damaged_copies(docs, tuple(augment.DAMAGES), 1.0, seed=1)
    assert len(every) == 400
    half = augment.damaged_copies(docs, tuple(augment.DAMAGES), 0.5, seed=1)
    assert 160 <= len(half) <= 240  # binomial(400, 0.5): +-4 standard deviations
    for copy in half:
        source_id, name = copy["id"].split("~")
        source = next(d for d in docs if d["id"] == source_id)
        assert copy["text"] == augment.DAMAGES[name](source["text"]) and copy["entities"] == source["entities"]
    assert {c["id"].split("~")[1] for c in half} == set(augment.DAMAGES)


def test_copies_do_not_depend_on_document_order_but_on_the_seed() -> None:
    docs = _docs(60)
    forward = augment.damaged_copies(docs, ("lower", "upper"), 0.5, seed=7)
    backward = augment.damaged_copies(docs[::-1], ("lower", "upper"), 0.5, seed=7)
    assert sorted(c["id"] for c in forward) == sorted(c["id"] for c in backward)
    assert {c["id"] for c in augment.damaged_copies(docs, ("lower", "upper"), 0.5, seed=8)} != {
        c["id"] for c in forward
    }


def test_a_damage_that_changes_nothing_adds_no_copy() -> None:
    docs = [{"id": "x", "lang": "en", "text": "no accent here", "entities": []}]
    assert augment.damaged_copies(docs, ("strip_accents", "lower"), 1.0, seed=3) == []


def test_unknown_damage_and_bad_share_are_config_errors_naming_the_field() -> None:
    with pytest.raises(ConfigError, match=r"deid\.tagger\.augment: unknown damage 'reverse'"):
        tg.TaggerConfig(augment=("lower", "reverse")).validate()
    with pytest.raises(ConfigError, match=r"deid\.tagger\.augment_share"):
        tg.TaggerConfig(augment_share=1.5).validate()


def test_training_documents_gain_damaged_copies_only_when_asked() -> None:
    config = tg.TaggerConfig(n_per_family=2, seed=123)
    plain = tg.training_documents(config)
    assert not any("~" in str(d.get("id", "")) for d in plain)
    damaged = tg.training_documents(dataclasses.replace(config, augment_share=1.0, augment=("upper",)))
    copies = [d for d in damaged if "~upper" in str(d.get("id", ""))]
    assert len(damaged) == len(plain) + len(copies) and len(copies) >= 0.9 * len(plain)


def _recall(model: Path, docs: list[dict]) -> float:
    tagger = tg.DeidTagger(model)
    found = total = 0
    for doc in docs:
        spans = {(e.start, e.end) for e in tagger.predict(doc["text"])[0]}
        total += len(doc["entities"])
        found += sum((e.start, e.end) in spans for e in doc["entities"])
    return found / total


def test_a_tagger_trained_with_lower_case_copies_finds_more_in_dictated_lower_case_text(tmp_path: Path) -> None:
    """What the damage is for: on lower-cased documents (no case cue left) the augmented tagger recalls more."""
    docs = tg._generated(40, 4242, "train")
    config = tg.TaggerConfig(max_iterations=40, seed=123)
    tg.train_tagger(docs, config, tmp_path / "plain.crfsuite")
    tg.train_tagger(docs + augment.damaged_copies(docs, ("lower",), 1.0, 5), config, tmp_path / "aug.crfsuite")
    test = [{**d, "text": augment.DAMAGES["lower"](d["text"])} for d in tg._generated(20, 777, "train")]
    plain, damaged = _recall(tmp_path / "plain.crfsuite", test), _recall(tmp_path / "aug.crfsuite", test)
    assert damaged > plain + 0.05, (plain, damaged)
