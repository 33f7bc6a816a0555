"""Detection: every identifier type, checksums, eponym survival, markup and mixed languages."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.checksums import luhn_complete, luhn_valid, nir_key, nir_valid
from xraymatch.reports.deid.detector import detect, mask_markup
from xraymatch.reports.deid.evaluation import load_hard_cases


def found(text: str, lang: str = "fr") -> set[tuple[str, str]]:
    return {(text[e.start : e.end], e.label) for e in detect(text, lang)}


def test_checksums_known_answers() -> None:
    assert nir_key("2840575116005") == 54  # 97 - (2840575116005 mod 97)
    assert nir_valid("2 84 05 75 116 005 54")
    assert not nir_valid("2 84 05 75 116 005 55")
    assert nir_valid("1 84 12 2A 451 089 " + f"{nir_key('184122A451089'):02d}")  # Corsica: 2A counts as 19
    assert luhn_valid("4539 1488 0343 6467") and not luhn_valid("4539 1488 0343 6468")
    assert luhn_valid(luhn_complete("123456789"))


@pytest.mark.parametrize(
    ("text", "lang", "value", "label"),
    [
        ("Patient : Jean DUPONT, vu ce jour.", "fr", "Jean DUPONT", "PATIENT"),
        ("Mme Lefebvre présente une douleur.", "fr", "Lefebvre", "PATIENT"),
        ("Demandé par le Dr Sophie Moreau.", "fr", "Sophie Moreau", "PERSON"),
        ("Electronically signed by Emily Johnson, MD.", "en", "Emily Johnson", "PERSON"),
        ("Examen du 12 mars 2021.", "fr", "12 mars 2021", "DATE"),
        ("Exam date: March 12, 2021.", "en", "March 12, 2021", "DATE"),
        ("Contrôle le 2021-03-12 puis le 12/04/21.", "fr", "2021-03-12", "DATE"),
        ("Antécédent en mars 2019.", "fr", "mars 2019", "DATE"),
        ("Patiente âgée de 45 ans.", "fr", "45 ans", "AGE"),
        ("45 yo male with fall.", "en", "45 yo", "AGE"),
        ("Domicile : 12 rue des Lilas, 75011 Paris.", "fr", "12 rue des Lilas, 75011 Paris", "LOCATION"),
        (
            "Address: 221 Baker Street, Springfield, IL 62701.",
            "en",
            "221 Baker Street, Springfield, IL 62701",
            "LOCATION",
        ),
        ("Hospitalisé au CHU de Bordeaux hier.", "fr", "CHU de Bordeaux", "INSTITUTION"),
        ("Seen at Massachusetts General Hospital.", "en", "Massachusetts General Hospital", "INSTITUTION"),
        ("NIR : 2 84 05 75 116 005 54.", "fr", "2 84 05 75 116 005 54", "ID"),
        ("IPP : 8001234567", "fr", "8001234567", "ID"),
        ("MRN 00451278, SSN 123-45-6789", "en", "123-45-6789", "ID"),
        ("Tél. 06 12 34 56 78.", "fr", "06 12 34 56 78", "PHONE"),
        ("Call (617) 555-0123 today.", "en", "(617) 555-0123", "PHONE"),
        ("Mail : secretariat.radio@chu-exemple.fr.", "fr", "secretariat.radio@chu-exemple.fr", "EMAIL"),
        (
            "Voir https://imagerie.exemple.fr/cr?id=4521 pour les images.",
            "fr",
            "https://imagerie.exemple.fr/cr?id=4521",
            "URL",
        ),
    ],
)
def test_each_identifier_type(text: str, lang: str, value: str, label: str) -> None:
    assert (value, label) in found(text, lang)


def test_invalid_nir_key_is_not_an_nir_and_durations_are_not_ages() -> None:
    assert not any(label == "AGE" for _, label in found("Douleur depuis 3 ans, il y a 2 ans une chute."))
    assert found("Trait de fracture de 12 mm, angulation de 15 degrés.") == set()


def test_eponyms_survive_but_eponym_surnames_as_people_do_not() -> None:
    text = "Adressé par le Dr Paget pour maladie de Paget. Fracture de Pouteau-Colles, signe de Lachman."
    assert found(text) == {("Paget", "PERSON")}
    assert [e.start for e in detect(text)] == [text.index("Paget")]
    for case in load_hard_cases():
        if not case["entities"]:  # the eponym-only hard cases: nothing may be flagged
            assert detect(case["text"], case["lang"]) == [], case["id"]


def test_lowercase_names_after_titles_and_mixed_languages() -> None:
    assert ("martin", "PERSON") in found("adressée par le dr martin pour douleur.")
    mixed = "Patient : Ahmed BENALI. Exam date: March 3, 2020; contrôle le 12 mars 2021, 45 yo."
    labels = {label for _, label in found(mixed, "fr")}
    assert {"PATIENT", "DATE", "AGE"} <= labels
    assert ("March 3, 2020", "DATE") in found(mixed, "fr")  # English rules run on a French report too


def test_markup_is_masked_with_offsets_kept() -> None:
    html = "<p>Patient : <b>Henri Lemaire</b></p><p>Date : 12/12/2020</p>"
    rtf = r"{\rtf1\ansi Patient : Lucie Marchand\par N\'e9e le 02/02/1990\par}"
    assert len(mask_markup(html)) == len(html) and len(mask_markup(rtf)) == len(rtf)
    assert {("Henri Lemaire", "PATIENT"), ("12/12/2020", "DATE")} <= found(html)
    assert {("Lucie Marchand", "PATIENT"), ("02/02/1990", "DATE")} <= found(rtf)


def test_empty_text() -> None:
    assert detect("", "fr") == []
