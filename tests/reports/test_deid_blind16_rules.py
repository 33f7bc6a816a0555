"""Round-17 rules (blind16's misses and false alarms as classes), with our own phrasings: positives and traps."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.cued_places import mark_cued_places
from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.foreign_ids import find_foreign_ids, ppsn_valid, prc_id_valid, taj_valid
from xraymatch.reports.deid.named_institutions import institutions_named_after
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.deid.patient_cues import patient_spans
from xraymatch.reports.entities import Entity


def _span(text: str, word: str, label: str) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), label)


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("Panel: TP53 c.742C>T detected", "c.742C", "ID"),
        ("Recherche MSH2 c.1204delA négative", "c.1204delA", "ID"),
        ("ATM c.7630_7631dupTG (VUS)", "c.7630_7631dupTG", "ID"),
        ("protein change p.Arg175His", "p.Arg175His", "ID"),
        ("console firmware VX-3.12.7 installed", "VX-3.12.7", "ID"),
        ("ACR PI-RADS 3 lesion", "3", "AGE"),
        ("série 5-8-11 mm en trois temps", "5-8-11", "DATE"),
        ("vit avec sa chienne Paloma", "Paloma", "PERSON"),
        ("lives with his labrador Charlie", "Charlie", "PERSON"),
        ("Garden IV fracture of the neck", "Garden", "PERSON"),
        ("sacroiliitis, modified New York criteria", "New York", "LOCATION"),
    ],
)
def test_look_alikes_are_dropped(text: str, word: str, label: str) -> None:
    assert is_non_identifier(text, _span(text, word, label))


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("MRN c7421 on the label", "c7421", "ID"),  # no HGVS coordinate prefix
        ("Dossier 4521-88 ouvert", "4521-88", "ID"),
        ("né le 5-8-11 à Lyon", "5-8-11", "DATE"),  # a date with no unit after it
        ("adressée par Paloma Ruiz", "Paloma Ruiz", "PERSON"),  # a person, no species word before
        ("vu par Dr Garden II hier", "Garden", "PERSON"),  # a title before: a person
        ("moved from New York last year", "New York", "LOCATION"),
    ],
)
def test_identifiers_are_kept(text: str, word: str, label: str) -> None:
    assert not is_non_identifier(text, _span(text, word, label))


def test_relative_before_age_is_not_the_patient() -> None:
    text = "Pedigree: father Declan, 70 years old; proband Siobhan Kenny, 38 years old."
    spans = [text[a:b] for a, b in patient_spans(text)]
    assert "Siobhan Kenny" in spans
    assert "Declan" not in spans
    fr = "Arbre : oncle Yannick Le Goff, 61 ans ; cas index Rozenn Le Goff, 35 ans."
    spans = [fr[a:b] for a, b in patient_spans(fr)]
    assert "Rozenn Le Goff" in spans and "Yannick Le Goff" not in spans


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Blessée au stage de préparation de Plouzané.\n", "Plouzané"),
        ("Hamstring strain at the training camp in Castlebar\n", "Castlebar"),
        ("Entorse pendant le tournoi de Saint-Malo, J2\n", "Saint-Malo"),
    ],
)
def test_cued_towns_become_locations(text: str, town: str) -> None:
    start = text.index(town)
    person = Entity(start, start + len(town), "PERSON")
    out = mark_cued_places(text, [person])
    assert Entity(start, start + len(town), "LOCATION") in out
    assert person not in out


@pytest.mark.parametrize(
    "text",
    [
        "Lésion de stade IV selon Ann Arbor.\n",  # a stage, no event
        "cc : Cécile Petit, Laroche\n",  # a copy line: a second recipient or a town, not decided by structure
        "Blessé au stage de préparation du Centre Hospitalier.\n",
    ],
)
def test_cued_place_traps(text: str) -> None:
    assert [e for e in mark_cued_places(text, []) if e.label == "LOCATION"] == []


def test_check_digits_of_foreign_numbers() -> None:
    assert taj_valid("123 456 788") and not taj_valid("123 456 789")
    assert prc_id_valid("110101198001011232") and not prc_id_valid("110101198001011233")
    assert ppsn_valid("1234567T") and not ppsn_valid("1234567A")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Magyar TAJ szám: 123 456 788, tel. +36 1 555 0101", "123 456 788"),
        ("n° TAJ 123456788 ;", "123456788"),
        ("PRC resident ID 110101198001011232.", "110101198001011232"),
        ("PPSN: 1234567T", "1234567T"),
    ],
)
def test_foreign_numbers_are_ids(text: str, value: str) -> None:
    found = [text[c.start : c.end] for c in find_foreign_ids(text) if c.label == "ID"]
    assert found == [value]
    spans = [(text[e.start : e.end], e.label) for e in detect(text, "en")]
    assert (value, "ID") in spans


@pytest.mark.parametrize(
    "text",
    ["TAJ 123 456 789", "resident ID 110101198001011233", "PPSN 1234567A", "call 123 456 788 tomorrow"],
)
def test_foreign_number_traps(text: str) -> None:
    assert list(find_foreign_ids(text)) == []  # a failing check digit, or no scheme name


def test_sports_licence_is_an_id_not_a_phone() -> None:
    text = "Licence fédérale 0612345678 ; portable 06 55 43 33 78"
    spans = [(text[e.start : e.end], e.label) for e in detect(text, "fr")]
    assert ("0612345678", "ID") in spans and ("06 55 43 33 78", "PHONE") in spans


@pytest.mark.parametrize(
    ("text", "word"),
    [("PRC resident ID 110101198001011232", "ID"), ("Proband (II-1): see below", "Proband")],
)
def test_form_words_are_no_names(text: str, word: str) -> None:
    assert is_non_identifier(text, _span(text, word, "PERSON"))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Team doctor's notes - Kilmacud Crokes GAA\nSquad no. 4", "Kilmacud Crokes GAA"),
        ("second opinion from Debreceni Egyetem Klinikai Központ: KISS Anna", "Debreceni Egyetem Klinikai Központ"),
        ("transferred from Szent János Kórház yesterday", "Szent János Kórház"),
    ],
)
def test_clubs_and_foreign_hospitals_are_institutions(text: str, name: str) -> None:
    assert (name, "INSTITUTION") in [(text[e.start : e.end], e.label) for e in institutions_named_after(text)]


def test_possessive_before_body_part_marks_the_patient() -> None:
    text = "@rkane can you look at Orla Brennan's right wrist (41y)? and Sean Roe's opinion"
    spans = [text[a:b] for a, b in patient_spans(text)]
    assert "Orla Brennan" in spans
    assert "Sean Roe" not in spans  # a possessive before no body part or exam
