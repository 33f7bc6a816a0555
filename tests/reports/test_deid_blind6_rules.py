"""Round-6 rules (institutions by head word, cued IDs, patients named by a service role), on new phrasings."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect


def _spans(text: str) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in detect(text)]


@pytest.mark.parametrize(
    ("text", "institution"),
    [
        ("Réquisition adressée par la Brigade de gendarmerie de Pontarlier le matin.", "Pontarlier"),
        ("Examen demandé par le commissariat de Vesoul (officier de garde).", "Vesoul"),
        ("Détenu transféré depuis la Maison d'arrêt de Nanterre - unité sanitaire.", "Nanterre"),
        ("Copy to Lancashire Constabulary - request for a statement.", "Lancashire Constabulary"),
        ("Order issued by Leeds Crown Court yesterday.", "Leeds Crown Court"),
        ("Transferred from HMP Belmarsh healthcare wing.", "HMP Belmarsh"),
        ("Soldier of the 2 Mercian Regiment, fit for duty.", "2 Mercian Regiment"),
        ("Caporal, 3e régiment de parachutistes d'infanterie de marine, apte.", "3e régiment"),
        ("Ailier du Stade Rochelais, licence FFR en cours.", "Stade Rochelais"),
        ("Registered with Kingsway Medical Practice since 2019.", "Kingsway Medical Practice"),
        ("Employeur : Transports Vialatte. Arrêt de travail 15 jours.", "Transports Vialatte"),
    ],
)
def test_institutions_by_head_word(text: str, institution: str) -> None:
    assert any(institution in value and label == "INSTITUTION" for value, label in _spans(text)), _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Appeler la gendarmerie si besoin.",  # no name after the head word
        "Stade III de Kellgren, pas de lésion.",  # a grade
        "Department of Orthopaedic Surgery, ward round.",  # a specialty
        "US abdomen normal. Previous surgery noted.",  # ultrasound, not a club
    ],
)
def test_head_words_without_a_name_are_not_institutions(text: str) -> None:
    assert not [s for s in _spans(text) if s[1] == "INSTITUTION"], _spans(text)


def test_siret_and_siren_need_the_luhn_check() -> None:
    good = "Cabinet libre, SIRET 732 829 320 00074 - RCS Lyon B 732 829 320."
    values = [v for v, label in _spans(good) if label == "ID"]
    assert "732 829 320 00074" in values and "732 829 320" in values
    bad = "Note interne SIRET 123 456 789 00000 sans valeur."  # fails Luhn: left alone by this rule
    assert "123 456 789 00000" not in [v for v, label in _spans(bad) if label == "ID"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Réquisition n° 2023/44871 reçue ce jour.", "2023/44871"),
        ("PV n° 00412/2022/001 joint au dossier.", "00412/2022/001"),
        ("Crime ref. 14/88213 quoted by the officer.", "14/88213"),
        ("Insurance claim no. CLM44721 pending.", "CLM44721"),
        ("Code d'accès aux images : K7Q-2MX-P4T à conserver.", "K7Q-2MX-P4T"),
        ("Registered GP (practice code P81042), letter sent.", "P81042"),
    ],
)
def test_ids_by_cue_word(text: str, value: str) -> None:
    assert (value, "ID") in _spans(text), _spans(text)


def test_a_date_of_service_stays_a_date() -> None:
    text = "Date of service: 2022/11/28 11:11"
    assert ("2022/11/28", "DATE") in _spans(text), _spans(text)


def test_service_role_names_the_patient() -> None:
    spans = _spans("Militaire : caporal-chef FAURE Bastien, 92e régiment d'infanterie, apte.")
    assert ("FAURE Bastien", "PATIENT") in spans or ("FAURE", "PATIENT") in spans, spans
