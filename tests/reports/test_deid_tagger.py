"""The learned de-identification tagger (reports/deid/tagger.py): features, BIO round trips, a tiny trained model."""

from __future__ import annotations

import dataclasses
import itertools
from pathlib import Path

import pytest

from xraymatch.errors import ConfigError
from xraymatch.reports.deid import tagger as tg
from xraymatch.reports.entities import Entity

TINY = tg.TaggerConfig(n_per_family=4, max_iterations=40, seed=123, stacking=True)


def _tiny_docs() -> list[dict]:
    """~40 generated documents of the train template family (no blind family, no evaluation seed)."""
    return tg._generated(40, 4242, "train")


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tagger") / "model.crfsuite"
    tg.train_tagger(_tiny_docs(), TINY, path)
    return path


@pytest.fixture(scope="module")
def tiny_free_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Without stacking: the tagger reads no rule label, so it can find what the rules miss."""
    path = tmp_path_factory.mktemp("tagger") / "free.crfsuite"
    tg.train_tagger(_tiny_docs(), dataclasses.replace(TINY, stacking=False), path)
    return path


def test_features_of_a_known_token() -> None:
    text = "Patient : Mme Dupont Claire\nNée le 12/03/1961"
    tokens = tg.tokenize(text)
    words = [text[s:e] for s, e in tokens]
    i = words.index("Dupont")
    feats = tg.token_features(text, tokens, ["O"] * len(tokens))[i]
    assert feats["w"] == "dupont" and feats["shape"] == "Xx" and feats["case"] == "title"
    assert feats["surname"] == 1.0 and feats["-1:w"] == "mme" and feats["cue"] == "mme"
    assert feats["-1:title"] == 1.0 and feats["rule"] == "O" and "bol" not in feats
    first_of_line = tg.token_features(text, tokens)[words.index("Née")]
    assert first_of_line["bol"] == 1.0 and "rule" not in first_of_line
    assert tg.token_features(text, tokens)[words.index("Mme")]["after_colon"] == 1.0


@pytest.mark.parametrize(
    "text, entities",
    [
        ("Dr Hélène Lefèvre-Bénard, CHU d'Amiens.", [Entity(3, 24, "PERSON"), Entity(26, 38, "INSTITUTION")]),
        ("Nom: DURAND\r\nDate: 01/02/2020\r\n", [Entity(5, 11, "PATIENT"), Entity(19, 29, "DATE")]),
        ("IPP 12-345/A; tél. +33 6 12 34 56 78", [Entity(4, 12, "ID"), Entity(19, 36, "PHONE")]),
        ("Mr O'Brien-Smith called", [Entity(3, 16, "PATIENT")]),
    ],
)
def test_bio_round_trip_keeps_offsets(text: str, entities: list[Entity]) -> None:
    tokens = tg.tokenize(text)
    assert tg.decode(text, tokens, tg.bio_tags(tokens, entities)) == entities


def test_decode_splits_adjacent_spans_and_label_changes() -> None:
    text = "Jean Paul Paris"
    tokens = tg.tokenize(text)
    spans = tg.decode(text, tokens, ["B-PERSON", "B-PERSON", "I-LOCATION"])
    assert spans == [Entity(0, 4, "PERSON"), Entity(5, 9, "PERSON"), Entity(10, 15, "LOCATION")]


def test_training_is_deterministic(tmp_path: Path) -> None:
    docs = _tiny_docs()[:15]
    config = dataclasses.replace(TINY, max_iterations=15)
    tg.train_tagger(docs, config, tmp_path / "a.crfsuite")
    tg.train_tagger(docs, config, tmp_path / "b.crfsuite")
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()


def test_tagger_recovers_a_planted_name_the_rules_miss(tiny_free_model: Path, tiny_model: Path) -> None:
    """A name in a slot of a trained template, with the rule spans over it taken away (the rules 'missed' it): the
    tagger without stacking finds it; the stacked one learned to defer to the rules (the LOFO finding)."""
    tagger = tg.DeidTagger(tiny_free_model, stacking=False)
    stacked = tg.DeidTagger(tiny_model, stacking=True)
    found_stacked = 0
    docs = tg._generated(30, 777, "train")
    found = total = 0
    for doc in docs:
        for gold in (e for e in doc["entities"] if e.label in ("PATIENT", "PERSON")):
            rules = [r for r in tg.rule_entities(doc["text"], doc["lang"]) if not (r.start < gold.end < r.end + 1)]
            rules = [r for r in rules if not (r.start < gold.end and gold.start < r.end)]
            merged = tg.combine(doc["text"], rules, tagger, "union")
            total += 1
            found += any(m.start < gold.end and gold.start < m.end for m in merged)
            merged = tg.combine(doc["text"], rules, stacked, "union")
            found_stacked += any(m.start < gold.end and gold.start < m.end for m in merged)
    assert total >= 20 and found / total >= 0.8
    assert found_stacked < found


def test_missing_and_corrupt_model_give_one_line_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"not found.*dvc repro train_deid_tagger"):
        tg.DeidTagger(tmp_path / "absent.crfsuite")
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a crfsuite model at all" * 10)
    with pytest.raises(ConfigError, match=r"corrupt.*dvc repro train_deid_tagger") as info:
        tg.DeidTagger(bad)
    assert "\n" not in str(info.value)


def test_a_model_trained_with_the_other_stacking_setting_is_refused(tiny_model: Path, tiny_free_model: Path) -> None:
    """Stacked and unstacked models read different features: loading one with the other setting would tag garbage."""
    with pytest.raises(ConfigError, match=r"stacking=True but deid.tagger.stacking is False.*dvc repro"):
        tg.DeidTagger(tiny_model, stacking=False)
    with pytest.raises(ConfigError, match=r"stacking=False but deid.tagger.stacking is True"):
        tg.DeidTagger(tiny_free_model, stacking=True)


def test_tagger_masks_nothing_in_an_identifier_free_body(tiny_model: Path, tiny_free_model: Path) -> None:
    from xraymatch.reports.deid.evaluation import nlmcxr_bodies

    bodies = nlmcxr_bodies()[1::2][:20]  # the odd half: never used in training documents
    if not bodies:
        pytest.skip("torchxrayvision's NLMCXR archive is not installed")
    for tagger in (tg.DeidTagger(tiny_model, stacking=True), tg.DeidTagger(tiny_free_model, stacking=False)):
        masked = [s for b in bodies for s in tagger.predict(b, tg.rule_entities(b, "en"))[0]]
        assert masked == []


def test_config_rejects_an_unknown_mode() -> None:
    with pytest.raises(ConfigError, match=r"deid.tagger.mode"):
        tg.TaggerConfig.from_params({"deid": {"tagger": {"mode": "both"}}})


def test_enabled_tagger_without_its_model_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    from xraymatch.reports.deid.pipeline import DeidConfig, detect_entities

    params = {"deid": {"tagger": {"enabled": True, "model_path": str(tmp_path / "none.crfsuite")}}}
    with pytest.raises(ConfigError, match=r"none.crfsuite.*dvc repro train_deid_tagger"):
        detect_entities("Patient : Jean Dupont.", "fr", DeidConfig.from_params(params))


def test_enabled_tagger_keeps_the_offset_contract(tiny_free_model: Path) -> None:
    from xraymatch.reports.deid.pipeline import DeidConfig, deidentify

    params = {"deid": {"safety_net": True, "tagger": {"enabled": True, "model_path": str(tiny_free_model)}}}
    text = "Patiente : Mme Élodie Garçon\r\nNée le 03/04/1975.\r\nRésultat : pas de fracture de Pouteau-Colles."
    result = deidentify(text, "fr", DeidConfig.from_params(params), salt="test")
    spans = [text[e.start : e.end] for e in result.entities]
    assert any("Garçon" in s for s in spans) and any("03/04/1975" in s for s in spans)
    assert "Pouteau-Colles" in result.text and "Garçon" not in result.text


@pytest.mark.parametrize("mode", tg.MODES)
def test_combinations_keep_rule_spans_and_never_overlap(tiny_free_model: Path, mode: str) -> None:
    tagger = tg.DeidTagger(tiny_free_model, stacking=False)
    for doc in tg._generated(6, 99, "train"):
        rules = tg.rule_entities(doc["text"], doc["lang"])
        merged = tg.combine(doc["text"], rules, tagger, mode, 0.5, 0.0)
        assert all(a.end <= b.start for a, b in itertools.pairwise(merged))
        if mode not in ("tagger",):
            assert {(r.start, r.end) for r in rules} <= {(m.start, m.end) for m in merged}
        if mode in ("rules", "union"):
            assert set(rules) <= set(merged)


def test_a_name_marked_as_staff_is_never_retyped_patient(tiny_free_model: Path) -> None:
    """At retype threshold 0 every rule PERSON span would become PATIENT, except those whose title or degree says
    clinician ("by Ford, M.D.", "Dr Kim"): the held-out set's staff signatures were retyped before this guard."""
    tagger = tg.DeidTagger(tiny_free_model, stacking=False)
    text = "Reported on 2020-09-06 by Ford, M.D.\nSeen with Dr Kim Lee. Accompanied by her friend Paul Martin."
    rules = [
        Entity(text.index("Ford"), text.index("Ford") + 4, "PERSON"),
        Entity(text.index("Kim Lee"), text.index("Kim Lee") + 7, "PERSON"),
        Entity(text.index("Paul Martin"), text.index("Paul Martin") + 11, "PERSON"),
    ]
    merged = {text[e.start : e.end]: e.label for e in tg.combine(text, rules, tagger, "union_patient", 0.0, 1.0)}
    assert merged["Ford"] == "PERSON" and merged["Kim Lee"] == "PERSON"
    assert merged["Paul Martin"] == "PATIENT"  # unmarked: the zero threshold retypes it, so the guard is what held


def test_posterior_spans_hold_only_likely_tokens_and_stop_at_line_breaks(tiny_free_model: Path) -> None:
    """Every token of a posterior span has identifier probability >= the threshold, every such token holding a
    letter or digit is in a span (round 19: punctuation at a run's ends is left out), and no span crosses a line
    break; a lower threshold only grows the masked text."""
    tagger = tg.DeidTagger(tiny_free_model, stacking=False)
    for doc in tg._generated(4, 77, "train"):
        text = doc["text"]
        tokens, marg = tagger.label_marginals(text, [])
        masked_at: dict[float, set[int]] = {}
        for threshold in (0.2, 0.5):
            spans = tg.posterior_spans(text, tagger, [], threshold)
            assert all("\n" not in text[s.start : s.end] for s in spans)
            inside = {i for i, (a, b) in enumerate(tokens) if any(s.start <= a and b <= s.end for s in spans)}
            likely = {i for i, per in enumerate(marg) if sum(per.values()) >= threshold}
            worded = {i for i in likely if any(c.isalnum() for c in text[tokens[i][0] : tokens[i][1]])}
            assert worded <= inside <= likely
            masked_at[threshold] = inside
        assert masked_at[0.5] <= masked_at[0.2]


def test_posterior_add_only_adds_over_uncovered_text(tiny_free_model: Path) -> None:
    """posterior_add 0 is the plain union; above 0 every earlier span stays and the new ones overlap none."""
    tagger = tg.DeidTagger(tiny_free_model, stacking=False)
    grew = False
    for doc in tg._generated(6, 99, "train"):
        rules = tg.rule_entities(doc["text"], doc["lang"])
        plain = tg.combine(doc["text"], rules, tagger, "union_patient", 0.8, 0.0, 12)
        assert tg.combine(doc["text"], rules, tagger, "union_patient", 0.8, 0.0, 12, 0.0) == plain
        recall_first = tg.combine(doc["text"], rules, tagger, "union_patient", 0.8, 0.0, 12, 0.05)
        assert set(plain) <= set(recall_first)
        assert all(a.end <= b.start for a, b in itertools.pairwise(recall_first))
        grew |= len(recall_first) > len(plain)
    assert grew  # at 0.05 the tiny tagger's doubts add spans somewhere


def test_posterior_add_must_be_a_probability_below_one() -> None:
    with pytest.raises(ConfigError, match="posterior_add"):
        dataclasses.replace(TINY, posterior_add=1.0).validate()


def test_posterior_runs_stop_at_covered_text(tiny_free_model: Path) -> None:
    """A run never crosses text other spans cover, so a lower threshold only adds: covering a token splits the
    run around it instead of dropping it."""
    tagger = tg.DeidTagger(tiny_free_model, stacking=False)
    for doc in tg._generated(4, 77, "train"):
        text = doc["text"]
        free = tg.posterior_spans(text, tagger, [], 0.2)
        if not free:
            continue
        first = free[0]
        covered = bytearray(len(text))
        covered[first.start : first.start + 1] = b"\x01"
        split = tg.posterior_spans(text, tagger, [], 0.2, covered)
        assert all(not any(covered[s.start : s.end]) for s in split)
        assert {s for s in free if s != first} <= set(split)


@pytest.mark.parametrize(
    "fragment, expected",
    [
        ("year-old", False),
        ("a year old", False),
        ("45 ans", True),
        ("forty-two years", True),
        ("quarante-deux ans", True),
        ("one-year-old", True),
        ("6 mois", True),
    ],
)
def test_an_added_age_must_hold_a_number(fragment: str, expected: bool) -> None:
    """combine drops a tagger AGE span with no number in digits or words (spoken.holds_quantity)."""
    from xraymatch.reports.deid.spoken import holds_quantity

    assert holds_quantity(fragment) is expected


def test_real_negatives_are_even_half_reports_the_rules_find_nothing_in() -> None:
    from xraymatch.reports.deid.evaluation import nlmcxr_whole_reports

    negatives = tg.real_negatives(40)
    if not negatives:
        pytest.skip("torchxrayvision's NLMCXR archive is not installed")
    even = set(nlmcxr_whole_reports(40, parity=0))
    assert all(d["entities"] == [] and d["lang"] == "en" and d["text"] in even for d in negatives)
    assert all(tg.rule_entities(d["text"], "en") == [] for d in negatives)
    assert tg.real_negatives(0) == []
    with pytest.raises(ConfigError, match="real_negatives"):
        dataclasses.replace(TINY, real_negatives=-1).validate()


def test_tagger_spans_must_have_their_type_shape() -> None:
    """An added EMAIL needs an "@" (or a spelled one), a PHONE or AGE a number, a URL a dot or slash; names are free."""
    from xraymatch.reports.deid.tagger import shaped_like

    assert shaped_like("EMAIL", "luc@julien.net") and shaped_like("EMAIL", "luc arobase julien point net")
    assert not shaped_like("EMAIL", "Contact") and not shaped_like("EMAIL", "ou") and not shaped_like("EMAIL", "D")
    assert shaped_like("PHONE", "06 12 34 56 78") and shaped_like("PHONE", "zéro six douze trente-quatre")
    assert not shaped_like("PHONE", "tel") and not shaped_like("AGE", "year-old")
    assert shaped_like("URL", "www.julien.fr") and not shaped_like("URL", "Standard")
    assert shaped_like("PATIENT", "Moran") and shaped_like("ID", "FMXQ")
