"""Round 18 rules (blind17's misses and false alarms as classes), each with our own phrasings, positives and traps."""

from __future__ import annotations

from xraymatch.reports.deid.calendar_dates import mark_calendar_dates
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.entities import Entity


def _spans(text: str, entities: list[Entity]) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in entities]


def _entity(text: str, word: str, label: str) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), label)


def test_roman_month_dates_are_dates() -> None:
    text = "Scanner du 27.VIII.2019 puis contrôle le 2-XII-20 ; née le 30/IV/1955."
    assert _spans(text, mark_calendar_dates(text, [])) == [
        ("27.VIII.2019", "DATE"),
        ("2-XII-20", "DATE"),
        ("30/IV/1955", "DATE"),
    ]


def test_roman_month_date_replaces_an_id_span() -> None:
    text = "Admitted 12/VII/2022, ward 4."
    found = mark_calendar_dates(text, [_entity(text, "12/VII/2022", "ID")])
    assert _spans(text, found) == [("12/VII/2022", "DATE")]


def test_roman_month_traps_stay_text() -> None:
    for text in (
        "Fracture Garden III, stade IV de Ficat.",
        "Impossible day 31/II/2020 in a test string.",
        "firmware 2.X.14 installed",
        "Schatzker II/III tibial plateau",
    ):
        assert mark_calendar_dates(text, []) == [], text


def test_apostrophed_month_years_are_dates() -> None:
    text = "Board of Oct '19, then again in Feb ’20."
    assert _spans(text, mark_calendar_dates(text, [])) == [("Oct '19", "DATE"), ("Feb ’20", "DATE")]


def test_apostrophed_month_year_replaces_a_name() -> None:
    text = "reviewed in Jun '23 by the panel"
    found = mark_calendar_dates(text, [_entity(text, "Jun", "PERSON")])
    assert _spans(text, found) == [("Jun '23", "DATE")]


def test_protocol_numbers_are_not_identifiers() -> None:
    for text, code in (
        ("Inclusion dans le protocole n° CHU-2018-112 validée.", "CHU-2018-112"),
        ("as per protocol: NIHR-2021-0045", "NIHR-2021-0045"),
        ("Trial ABC-2017-33 closed to recruitment.", "ABC-2017-33"),
    ):
        assert is_non_identifier(text, _entity(text, code, "ID")), text


def test_participant_and_accession_numbers_stay_identifiers() -> None:
    for text, code in (
        ("Participant NTX-5521984 withdrew.", "NTX-5521984"),
        ("OUVERTURE étude 24031877 par le manipulateur", "24031877"),
        ("Study ID 88123401 for the research scan", "88123401"),
    ):
        assert not is_non_identifier(text, _entity(text, code, "ID")), text


def test_spelled_product_names_are_not_persons() -> None:
    text = "Médicament dicté au téléphone : A-M-O-X-I-C-I-L-L-I-N-E, 1 g."
    assert is_non_identifier(text, _entity(text, "A-M-O-X-I-C-I-L-L-I-N-E", "PATIENT"))
    text = "The tracer was spelled out for the tech: F-L-U-C-I-C-L-O-V-I-N-E."
    assert is_non_identifier(text, _entity(text, "F-L-U-C-I-C-L-O-V-I-N-E", "PERSON"))


def test_spelled_names_stay_names() -> None:
    text = "Mrs Hollis asked about her contrast; she spelled her name H-O-L-L-I-S."
    assert not is_non_identifier(text, _entity(text, "H-O-L-L-I-S", "PATIENT"))
    text = "La patiente épelle son nom : L-E-G-R-A-N-D."
    assert not is_non_identifier(text, _entity(text, "L-E-G-R-A-N-D", "PATIENT"))
