"""Identifier spellings and layouts added after the first audit: banner ages, compact and abbreviated dates, UK phones
and postcodes, spaced record numbers, English institution suffixes, upper-case letterheads, DICOM caret names, copy
lists and signature lines; and the non-identifiers next to them that must stay."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect


def _found(text: str, lang: str = "en") -> set[tuple[str, str]]:
    return {(text[e.start : e.end], e.label) for e in detect(text, lang)}


def _covered(text: str, value: str, label: str, lang: str = "en") -> bool:
    start = text.index(value)
    end = start + len(value)
    return any(e.label == label and e.start < end and start < e.end for e in detect(text, lang))


@pytest.mark.parametrize(
    ("text", "value", "label", "lang"),
    [
        ("HISTORY: 43-yr-old female, fall.", "43-yr-old", "AGE", "en"),
        ("AGE/SEX: 071Y/F", "071Y", "AGE", "en"),
        ("Pt seen (9 mo) for a limp.", "9 mo", "AGE", "en"),
        ("Indication : patient de 61 a, chute.", "61 a", "AGE", "fr"),
        ("Sexe/Âge : F/38a", "38a", "AGE", "fr"),
        ("Examen du 20190405 à 10h12.", "20190405", "DATE", "fr"),
        ("Né le 04 11 1950.", "04 11 1950", "DATE", "fr"),
        ("Fait le 12-FEV-2021.", "12-FEV-2021", "DATE", "fr"),
        ("DOB 13-Sep-1944.", "13-Sep-1944", "DATE", "en"),
        ("Prior film Feb. 9 reviewed.", "Feb. 9", "DATE", "en"),
        ("Tel: 0113 496 0321", "0113 496 0321", "PHONE", "en"),
        ("Office +44 (0)20 7946 0123.", "+44 (0)20 7946 0123", "PHONE", "en"),
        ("Fax: 512/555-0147", "512/555-0147", "PHONE", "en"),
        ("MRN: 12 345 678", "12 345 678", "ID", "en"),
        ("Réf. : AB/BA-19-1234", "AB/BA-19-1234", "ID", "fr"),
        ("Copy to Riverside Urgent Care today.", "Riverside Urgent Care", "INSTITUTION", "en"),
        ("Seen at Oakmere Royal Infirmary.", "Oakmere Royal Infirmary", "INSTITUTION", "en"),
        ("Comparaison : CH de Vernon.", "CH de Vernon", "INSTITUTION", "fr"),
        ("CENTRE HOSPITALIER DE LA VALLÉE\nRadiologie", "CENTRE HOSPITALIER DE LA VALLÉE", "INSTITUTION", "fr"),
        ("Flat 4, Mill Lane, Dunmore, AB1 2CD", "AB1 2CD", "LOCATION", "en"),
        ("Ancien interne des Hôpitaux de Valmont", "Valmont", "LOCATION", "fr"),
        ("Patient Name: HARTLEY^GRACE   Birth Date: 1950", "HARTLEY^GRACE", "PATIENT", "en"),
        ("Secrétariat : Mme Le Meur — poste 12", "Le Meur", "PERSON", "fr"),
        ("Frappé par Violette le 3 mars.", "Violette", "PERSON", "fr"),
        ("cc : Jean Dupuis, Marie-Anne Vasseur", "Marie-Anne Vasseur", "PERSON", "fr"),
        ("No acute disease.\n\nOliver Hartley\nAttending Radiologist\n", "Oliver Hartley", "PERSON", "en"),
        ("Prénom(s) : Anne-Lise\nDate de naissance", "Anne-Lise", "PATIENT", "fr"),
    ],
)
def test_new_spellings_are_found(text: str, value: str, label: str, lang: str) -> None:
    assert _covered(text, value, label, lang), detect(text, lang)


def test_non_identifiers_next_to_them_stay() -> None:
    text = "SSN: 123-45-6789   Hospital No: 4455667\n\nJ. Smith\nAttending Radiologist\n"
    found = _found(text)
    assert not any(v.startswith("Hospital") for v, _ in found)
    assert not any("Radiologist" in v for v, _ in found)
    date_time = "Date of service: 03.05.2015 13:38"
    assert _found(date_time) == {("03.05.2015", "DATE")}


def test_eponym_survives_beside_a_namesake() -> None:
    text = "Entorse : Lachman positif. Examen du Dr Paul Lachman."
    spans = _found(text, "fr")
    assert ("Paul Lachman", "PERSON") in spans
    first = text.index("Lachman")
    assert not any(e.start <= first < e.end for e in detect(text, "fr"))
