"""The learned patient/staff typing of name spans (reports/deid/person_roles.py) and its place in the pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xraymatch.config import apply_override, load_params
from xraymatch.errors import ConfigError
from xraymatch.reports.deid import person_roles as pr
from xraymatch.reports.deid import tagger as tg
from xraymatch.reports.deid.pipeline import DeidConfig, detect_entities
from xraymatch.reports.entities import Entity

ROOT = Path(__file__).resolve().parents[2]


def _span(text: str, word: str, label: str) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), label)


@pytest.fixture(scope="module")
def role_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A role model trained in a few seconds on 200 generated documents of the train templates."""
    path = tmp_path_factory.mktemp("roles") / "roles.json"
    pr.train_roles(tg._generated(200, 4242, "train"), pr.RolesConfig(), path)
    return path


def test_features_name_the_line_key_the_neighbours_and_a_birth_date_near_the_name() -> None:
    text = "Compte rendu\nPatient : DURAND Claire, née le 12/03/1961\nSigné : Dr Martin"
    patient = pr.role_features(text, _span(text, "DURAND Claire", "PATIENT"))
    assert patient["key:patient"] == 1.0 and patient["L1::"] == 1.0 and patient["birth_or_age_near"] == 1.0
    assert patient["upper_part"] == 1.0 and patient["R1:,"] == 1.0 and patient["mentions:1"] == 1.0
    staff = pr.role_features(text, _span(text, "Martin", "PERSON"))
    assert staff["L1:dr"] == 1.0 and staff["key:signé"] == 1.0 and "key:patient" not in staff
    assert staff["doc_pos:9"] == 1.0 and staff["upper_part"] == 0.0


def test_the_trained_model_tells_a_patient_from_a_signing_doctor(role_model: Path) -> None:
    """Phrasings of our own, in no template: the patient by her birth date and label, the doctor by title."""
    model = pr.RoleModel.load(role_model)
    text = (
        "Objet : radiographie du poignet\nPatient : LEMOINE Adèle, née le 02/05/1970\n\nCordialement,\n"
        "Dr Bastien Roussel"
    )
    assert model.probability(text, _span(text, "LEMOINE Adèle", "PERSON")) > 0.8
    assert model.probability(text, _span(text, "Bastien Roussel", "PATIENT")) < 0.2


def test_relabel_changes_types_only_when_confident_and_never_moves_a_span(role_model: Path) -> None:
    model = pr.RoleModel.load(role_model)
    text = "Patient : LEMOINE Adèle, née le 02/05/1970\nDr Bastien Roussel\nLe 03/02/2024"
    wrong = [
        _span(text, "LEMOINE Adèle", "PERSON"),
        _span(text, "Bastien Roussel", "PATIENT"),
        _span(text, "03/02/2024", "DATE"),
    ]
    both_ways = pr.RolesConfig(to_person=0.1)
    fixed = pr.relabel_roles(text, wrong, model, both_ways)
    assert [(e.start, e.end) for e in fixed] == [(e.start, e.end) for e in wrong]
    assert [e.label for e in fixed] == ["PATIENT", "PERSON", "DATE"]
    # the default (to_person 0) never turns a PATIENT into a PERSON
    assert [e.label for e in pr.relabel_roles(text, wrong, model, pr.RolesConfig())] == ["PATIENT", "PATIENT", "DATE"]
    # thresholds no probability reaches: nothing changes
    assert pr.relabel_roles(text, wrong, model, pr.RolesConfig(to_patient=1.0, to_person=0.0)) == wrong


def test_a_name_the_text_marks_as_a_clinician_is_never_made_the_patient(role_model: Path) -> None:
    model = pr.RoleModel.load(role_model)
    text = "Patient : Doctor LEMOINE Adèle, née le 02/05/1970"
    span = _span(text, "LEMOINE Adèle", "PERSON")
    assert model.probability(text, span) >= 0.9  # the model alone would retype it
    assert pr.relabel_roles(text, [span], model, pr.RolesConfig()) == [span]
    unmarked = "Patient : LEMOINE Adèle, née le 02/05/1970"
    assert pr.relabel_roles(unmarked, [_span(unmarked, "LEMOINE Adèle", "PERSON")], model, pr.RolesConfig())[
        0
    ].label == ("PATIENT")


def test_a_name_the_text_marks_as_a_relative_is_never_made_the_patient(role_model: Path) -> None:
    """With deid.roles.relatives, "sa sœur Mme X": the relative_before feature is set and the retyping is blocked,
    whatever the model says (a model whose bias says PATIENT for everything)."""
    text = "Patient : LEMOINE Adèle, née le 02/05/1970. Accompagnée de sa sœur Mme Claire Lemoine."
    sister = _span(text, "Claire Lemoine", "PERSON")
    assert pr.role_features(text, sister, relatives=True)["relative_before"] == 1.0
    assert pr.role_features(text, _span(text, "LEMOINE Adèle", "PERSON"), relatives=True)["relative_before"] == 0.0
    assert "relative_before" not in pr.role_features(text, sister)  # off by default (the blind16 A/B)
    always_patient = pr.RoleModel(bias=10.0, weights={})
    guarded = pr.RolesConfig(relatives=True)
    assert pr.relabel_roles(text, [sister], always_patient, guarded) == [sister]
    assert pr.relabel_roles(text, [sister], always_patient, pr.RolesConfig())[0].label == "PATIENT"
    patient = _span(text, "LEMOINE Adèle", "PERSON")
    assert pr.relabel_roles(text, [patient], always_patient, guarded)[0].label == "PATIENT"


def test_a_model_file_says_which_features_it_was_trained_with(tmp_path: Path) -> None:
    docs = tg._generated(30, 99, "train")
    pr.train_roles(docs, pr.RolesConfig(relatives=False), tmp_path / "plain.json")
    pr.train_roles(docs, pr.RolesConfig(relatives=True), tmp_path / "kin.json")
    plain, kin = pr.RoleModel.load(tmp_path / "plain.json"), pr.RoleModel.load(tmp_path / "kin.json")
    assert (plain.relatives, kin.relatives) == (False, True)
    assert "relative_before" not in plain.weights
    older = json.loads((tmp_path / "plain.json").read_text())
    del older["relatives"]  # a file written before the feature existed
    (tmp_path / "older.json").write_text(json.dumps(older))
    assert pr.RoleModel.load(tmp_path / "older.json").relatives is False


def test_model_file_is_plain_json_and_bad_files_are_one_line_config_errors(role_model: Path, tmp_path: Path) -> None:
    payload = json.loads(role_model.read_text())
    assert payload["kind"] == "xraymatch-deid-roles" and payload["weights"]["L1:dr"] < 0
    with pytest.raises(ConfigError, match=r"missing\.json: .*not found.*dvc repro train_deid_tagger"):
        pr.RoleModel.load(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"kind": "something else"}')
    with pytest.raises(ConfigError, match=r"bad\.json: not a de-identification role model"):
        pr.RoleModel.load(bad)
    bad.write_text("\x00garbage")
    with pytest.raises(ConfigError, match=r"bad\.json: not a de-identification role model"):
        pr.RoleModel.load(bad)


def test_thresholds_and_training_data_are_checked() -> None:
    with pytest.raises(ConfigError, match=r"deid\.roles: expected 0 <= to_person < to_patient <= 1"):
        pr.RolesConfig(to_patient=0.4, to_person=0.6).validate()
    with pytest.raises(ConfigError, match=r"deid\.roles\.threshold: unknown key"):
        pr.RolesConfig.from_params({"deid": {"roles": {"threshold": 0.5}}})
    only_staff = [{"text": "Dr Roussel", "lang": "fr", "entities": [Entity(3, 10, "PERSON")]}]
    with pytest.raises(ConfigError, match="both PATIENT and PERSON"):
        pr.train_roles(only_staff, pr.RolesConfig(), "/nonexistent/never-written.json")


def test_training_is_deterministic(tmp_path: Path) -> None:
    docs = tg._generated(30, 99, "train")
    pr.train_roles(docs, pr.RolesConfig(), tmp_path / "a.json")
    pr.train_roles(docs, pr.RolesConfig(), tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_the_pipeline_runs_the_role_model_last_only_when_enabled(role_model: Path, tagger_model: Path) -> None:
    params = apply_override(load_params(ROOT / "params.yaml"), f"deid.tagger.model_path={tagger_model}")
    params = apply_override(params, f"deid.roles.model_path={role_model}")
    text = (
        "Objet : radiographie du poignet\nPatient : LEMOINE Adèle, née le 02/05/1970\nCordialement,\nDr Bastien Roussel"
    )
    off = detect_entities(text, "fr", DeidConfig.from_params(apply_override(params, "deid.roles.enabled=false")))
    on_config = DeidConfig.from_params(apply_override(params, "deid.roles.enabled=true"))
    assert on_config.roles.to_person == 0.0 and on_config.roles.to_patient == 0.9  # params.yaml's settings
    on = detect_entities(text, "fr", on_config)
    assert [(e.start, e.end) for e in on] == [(e.start, e.end) for e in off]  # types only
    assert on == pr.relabel_roles(text, off, pr.RoleModel.load(role_model), on_config.roles)
    missing = apply_override(params, "deid.roles.enabled=true")
    missing = apply_override(missing, "deid.roles.model_path=/nonexistent/roles.json")
    with pytest.raises(ConfigError, match=r"roles\.json: de-identification role model not found"):
        detect_entities(text, "fr", DeidConfig.from_params(missing))


def test_the_tagger_stage_writes_both_models(tmp_path: Path) -> None:
    """`xraymatch train-deid-tagger` (stage train_deid_tagger) trains the CRF and the role model on one document set."""
    params = load_params(ROOT / "params.yaml")
    for item in (
        f"deid.tagger.model_path={tmp_path / 'm' / 'model.crfsuite'}",
        f"deid.roles.model_path={tmp_path / 'm' / 'roles.json'}",
        "deid.tagger.n_per_family=2",
        "deid.tagger.max_iterations=3",
    ):
        params = apply_override(params, item)
    summary = tg.run_train_tagger(params)
    assert (tmp_path / "m" / "model.crfsuite").stat().st_size == summary["bytes"]
    roles = summary["roles"]
    assert roles["spans"] > 100 and 0.2 < roles["patient_share"] < 0.8
    assert pr.RoleModel.load(tmp_path / "m" / "roles.json").weights
