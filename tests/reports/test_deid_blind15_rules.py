"""Round-16 rules (residence_places.py, care_homes.py, procedure_patients.py, non_identifiers.py, international.py),
tuned on blind15's misses, with phrasings of our own: residence keys, bracketed street-and-town pairs, cued home
addresses, copy lines with a role phrase, care homes named as residences, firmware versions, countries naming a
numbering scheme and the Luxembourg matricule's two check digits; each with its traps."""

from __future__ import annotations

import pytest

from tests.reports.gold_spans import span_of as _span
from tests.reports.gold_spans import spans_of as _spans
from xraymatch.reports.deid.care_homes import mark_care_homes
from xraymatch.reports.deid.checksums import luhn_complete, luxembourg_valid, verhoeff_check
from xraymatch.reports.deid.international import find_national_ids
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.deid.pipeline import DeidConfig, detect_entities
from xraymatch.reports.deid.procedure_patients import mark_procedure_patients
from xraymatch.reports.deid.residence_places import mark_residence_places
from xraymatch.reports.entities import Entity


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Town of residence: Pembleford\nFINDINGS: clear lungs.", "Pembleford"),
        ("Ville de résidence : Orbach am See ; suivi en ville", "Orbach am See"),
        ("City of residence: North Larkmouth\n", "North Larkmouth"),
    ],
)
def test_residence_key_value_is_a_place_replacing_a_name(text: str, town: str) -> None:
    word = town.split()[-1]
    out = mark_residence_places(text, [_span(text, word, "PERSON")])
    assert _spans(text, out) == {(town, "LOCATION")}


def test_residence_key_traps_lower_case_value_and_no_key() -> None:
    text = "Town of residence: unknown\nMr Pembleford, residence permit checked."
    name = _span(text, "Pembleford", "PERSON")
    assert mark_residence_places(text, [name]) == [name]


def test_bracketed_street_and_town_is_one_place() -> None:
    text = "Requesting site: Mercy Clinic (Harlow Crossing, West Dunmore)\nFINDINGS: normal."
    out = mark_residence_places(text, [_span(text, "Harlow", "PERSON"), _span(text, "Dunmore", "PERSON")])
    assert _spans(text, out) == {("Harlow Crossing, West Dunmore", "LOCATION")}
    fr = "Demandeur : Clinique du Parc (chemin des Aulnes, Saint-Brieuc)"
    assert ("chemin des Aulnes, Saint-Brieuc", "LOCATION") in _spans(fr, mark_residence_places(fr, []))


def test_bracket_without_a_street_shape_is_left_alone() -> None:
    text = "seen with (Dr Hill, Radiology) and (Anna Marsh, nurse)"
    kept = [_span(text, "Hill", "PERSON"), _span(text, "Anna Marsh", "PERSON")]
    assert mark_residence_places(text, kept) == kept


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Je soussigné, domicilié 12 rue des Lilas, 29200 Brest, demande mes images.", "12 rue des Lilas, 29200 Brest"),
        ("I, Ann Vole, of 7 Mallow Close, Ipswich IP4 2AB, request my records.", "7 Mallow Close, Ipswich IP4 2AB"),
        ("demeurant 3 allé Piché, H2X 1Y4 Montréal.", "3 allé Piché, H2X 1Y4 Montréal"),
    ],
)
def test_cued_home_address_ends_where_the_sentence_goes_on(text: str, address: str) -> None:
    assert (address, "LOCATION") in _spans(text, mark_residence_places(text, []))


def test_number_after_of_without_a_street_is_no_address() -> None:
    text = "a series of 3 images, Smith view, then of 12 patients, Group B."
    assert mark_residence_places(text, []) == []


def test_copy_line_with_a_role_phrase_types_the_town() -> None:
    text = "Copie au médecin traitant Hélène Roux, Vauclin am Rhein\n"
    out = mark_procedure_patients(text, [_span(text, "Hélène Roux", "PERSON"), _span(text, "Vauclin", "PERSON")])
    assert _spans(text, out) == {("Hélène Roux", "PERSON"), ("Vauclin am Rhein", "LOCATION")}
    en = "Copy to GP Mark Dale, Brandlesworth (ZH)\n"
    assert ("Brandlesworth (ZH)", "LOCATION") in _spans(en, mark_procedure_patients(en, []))


@pytest.mark.parametrize(
    "text",
    [
        "Copie au médecin traitant Hélène Roux, Clinique des Lys\n",  # where she works
        "Copy to GP Mark Dale, Sarah Finch\n",  # a second addressee
        "Copie au médecin traitant Hélène Roux, radiologie\n",  # a service
    ],
)
def test_copy_line_role_phrase_traps(text: str) -> None:
    out = mark_procedure_patients(text, [])
    assert all(e.label != "LOCATION" for e in out)


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Fiche de liaison Résidence Les Hortensias vers les urgences", "Résidence Les Hortensias"),
        ("transfer from St Anselm's Residence to ED", "St Anselm's Residence"),
        ("admitted from Oakbridge Nursing Home overnight", "Oakbridge Nursing Home"),
        ("résidente de l'EHPAD Résidence du Lac depuis 2019", "EHPAD Résidence du Lac"),
    ],
)
def test_care_home_is_an_institution_and_its_runaway_place_is_dropped(text: str, home: str) -> None:
    runaway = Entity(text.index(home), len(text.split(" depuis")[0].split(" overnight")[0]), "LOCATION")
    assert _spans(text, mark_care_homes(text, [runaway])) == {(home, "INSTITUTION")}


@pytest.mark.parametrize(
    "text",
    [
        "Adresse : Résidence Les Tilleuls, bât. B, 4 rue Nationale",  # a building of an address
        "Adresse : Résidence Les Tilleuls, 4 rue Nationale",
        "Place of Residence: Leeds",  # a key
        "Biometric Residence Permit ZU1234567",  # a permit
    ],
)
def test_care_home_traps(text: str) -> None:
    assert all(e.label != "INSTITUTION" for e in mark_care_homes(text, []))


def test_firmware_version_is_no_id_but_a_record_number_is() -> None:
    text = "firmware 4.2.1-b17 ; logiciel version 12.2.5 ; dossier 4.2.1-b17"
    first = Entity(9, 18, "ID")
    assert is_non_identifier(text, first)
    version = _span(text, "12.2.5", "ID")
    assert is_non_identifier(text, version)
    last = Entity(text.rindex("4.2.1"), len(text), "ID")
    assert not is_non_identifier(text, last)


def test_country_naming_a_scheme_is_no_place() -> None:
    text = "Luxembourg national no. 1990 0712 208 87, living in Luxembourg since 2010"
    assert is_non_identifier(text, Entity(0, 10, "LOCATION"))
    second = text.rindex("Luxembourg")
    assert not is_non_identifier(text, Entity(second, second + 10, "LOCATION"))


def test_luxembourg_matricule_needs_both_check_digits() -> None:
    body = "19820314045"
    number = body + luhn_complete(body)[-1] + str(verhoeff_check(body))
    assert luxembourg_valid(number)
    assert verhoeff_check("236") == 3  # the textbook example
    wrong_verhoeff = number[:-1] + str((int(number[-1]) + 1) % 10)
    assert not luxembourg_valid(wrong_verhoeff)
    assert not luxembourg_valid("1982" + "1314" + number[8:])  # month 13
    spaced = f"{number[:4]} {number[4:8]} {number[8:11]} {number[11:]}"
    text = f"matricule {spaced}, tél. 1982 0314 045 00"
    found = [(text[c.start : c.end], c.label) for c in find_national_ids(text)]
    assert found == [(spaced, "ID")]


def test_pipeline_end_to_end_residence_and_care_home() -> None:
    text = (
        "Care home transfer form - St Anselm's Residence to ED\nResident in room 12: Mrs Ada Quill\n"
        "Town of residence: Pembleford\nTechnical: firmware 3.1.4-rc2\n"
    )
    found = _spans(text, detect_entities(text, "en", DeidConfig()))
    assert ("St Anselm's Residence", "INSTITUTION") in found
    assert ("Pembleford", "LOCATION") in found
    assert not any(label == "ID" for _, label in found)
