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


def test_names_after_place_forming_words_are_towns() -> None:
    from xraymatch.reports.deid.cued_places import mark_cued_places

    for text, name, town in (
        ("Copy: Dr Helen Ross, North Oliver\n", "Oliver", "North Oliver"),
        ("Adresse de la fille : Port Camille\n", "Camille", "Port Camille"),
        ("moved to Lake Harriet last year", "Harriet", "Lake Harriet"),
    ):
        found = mark_cued_places(text, [_entity(text, name, "PERSON")])
        assert _spans(text, found) == [(town, "LOCATION")], text


def test_place_forming_word_traps_keep_names() -> None:
    from xraymatch.reports.deid.cued_places import mark_cued_places

    for text, name in (
        ("seen by Dr West Hollis today", "Hollis"),
        ("admitted to St Mary's Hospital", "Mary"),
        ("transferred from Hôpital Sainte Anne", "Anne"),
    ):
        found = mark_cued_places(text, [_entity(text, name, "PERSON")])
        assert _spans(text, found) == [(name, "PERSON")], text


def test_emergency_units_police_stations_and_ethics_boards_are_institutions() -> None:
    from xraymatch.reports.deid.authorities import find_authorities

    for text, unit in (
        ("transporté par le SMUR de Quimper vers le CHU", "SMUR de Quimper"),
        ("interpellé par la BAC de Rennes hier soir", "BAC de Rennes"),
        ("DC Amir Shah (warrant 4471) of Exeter Heavitree station", "Exeter Heavitree station"),
        ("approved by the Bristol Frenchay Research Ethics Committee", "Bristol Frenchay Research Ethics Committee"),
        ("Kernow IRB approval letter", "Kernow IRB"),
    ):
        assert [text[c.start : c.end] for c in find_authorities(text)] == [unit], text


def test_common_words_before_service_heads_stay_text() -> None:
    from xraymatch.reports.deid.authorities import find_authorities

    for text in (
        "The ethics committee approved the study.",
        "He waited at the bus station for an hour.",
        "bac à graisse plein",
    ):
        assert list(find_authorities(text)) == [], text


def test_parenthesised_age_after_a_name() -> None:
    from xraymatch.reports.deid.patient_cues import mark_patients

    text = "Plaignante : Mme Odette Faure (63), accompagnée de sa soeur."
    found = mark_patients(text, [_entity(text, "Odette Faure", "PERSON")])
    assert _spans(text, found) == [("Odette Faure", "PATIENT"), ("63", "AGE")]


def test_bed_line_name_with_parenthesised_age_is_added() -> None:
    from xraymatch.reports.deid.patient_cues import mark_patients

    text = "Handover\n- bed 9: Summer (58), chest drain in situ\n- bed 10: empty"
    assert _spans(text, mark_patients(text, [])) == [("Summer", "PATIENT"), ("58", "AGE")]


def test_parenthesised_numbers_that_are_no_age() -> None:
    from xraymatch.reports.deid.patient_cues import mark_patients

    for text, name in (
        ("Signed by Dr Harlow (2) for the team", "Harlow"),
        ("J. Keane (1961) on the list", "J. Keane"),
    ):
        found = mark_patients(text, [_entity(text, name, "PERSON")])
        assert [label for _, label in _spans(text, found)] == ["PERSON"], text
    text = "nodule (12) x 3 mm"
    assert mark_patients(text, []) == []


def test_spelling_alphabet_runs_take_the_label_of_the_name_they_spell() -> None:
    from xraymatch.reports.deid.spelling_alphabets import mark_spelling_alphabets

    text = "Caller re Mrs Bell, spelled Bravo Echo Lima Lima, wants a copy."
    found = mark_spelling_alphabets(text, [_entity(text, "Bell", "PATIENT"), _entity(text, "Bravo Echo", "PERSON")])
    assert _spans(text, found) == [("Bell", "PATIENT"), ("Bravo Echo Lima Lima", "PATIENT")]
    text = "Dr Nolan, N comme Nicolas, O comme Olivier, L comme Louis, A comme Anatole, N comme Noël, rappellera."
    found = mark_spelling_alphabets(text, [_entity(text, "Nolan", "PERSON")])
    assert _spans(text, found)[1] == (text[text.index("N comme") : text.index(", rappellera")], "PERSON")
    text = "Name: Mr Ott - O as in Oscar, T for Tom, T as in Tango."
    found = mark_spelling_alphabets(text, [_entity(text, "Ott", "PATIENT")])
    assert _spans(text, found)[1][1] == "PATIENT"


def test_spelling_alphabet_runs_that_rebuild_no_name_stay_text() -> None:
    from xraymatch.reports.deid.spelling_alphabets import mark_spelling_alphabets

    text = "Sequence spelled Tango Romeo Uniform Foxtrot India for the trainee; table position Bravo."
    assert mark_spelling_alphabets(text, []) == []
    text = "Mr Hale attended; grid reference Hotel Alpha Lima is the helipad."
    found = mark_spelling_alphabets(text, [_entity(text, "Hale", "PATIENT")])
    assert _spans(text, found) == [("Hale", "PATIENT")]


def test_spelling_alphabet_run_after_a_name_word_is_the_patient() -> None:
    from xraymatch.reports.deid.spelling_alphabets import mark_spelling_alphabets

    text = "Family name given by phone: Papa Alpha Romeo Kilo. Call back tomorrow."
    assert _spans(text, mark_spelling_alphabets(text, [])) == [("Papa Alpha Romeo Kilo", "PATIENT")]
    text = "Sequence name spelled Tango Romeo Uniform Foxtrot for the trainee."
    assert mark_spelling_alphabets(text, []) == []


def test_saint_surname_after_a_first_name_stays_a_name() -> None:
    from xraymatch.reports.deid.cued_places import mark_cued_places

    text = "Infant Harold Saint John, aged 7 weeks"
    found = mark_cued_places(text, [_entity(text, "Harold Saint John", "PATIENT")])
    assert _spans(text, found) == [("Harold Saint John", "PATIENT")]
    found = mark_cued_places(text, [_entity(text, "Harold", "PATIENT"), _entity(text, "John", "PATIENT")])
    assert [label for _, label in _spans(text, found)] == ["PATIENT", "PATIENT"]


def test_abbreviated_saint_stays_a_surname_particle() -> None:
    from xraymatch.reports.deid.cued_places import mark_cued_places

    text = "Pt: St. John, Joseph | 26Y M"
    found = mark_cued_places(text, [_entity(text, "John", "PATIENT"), _entity(text, "Joseph", "PATIENT")])
    assert [label for _, label in _spans(text, found)] == ["PATIENT", "PATIENT"]


def test_french_month_with_two_digit_year_is_a_date() -> None:
    text = "Comité du 7 juin 22 ; relance en févr. 23."
    assert _spans(text, mark_calendar_dates(text, [])) == [("7 juin 22", "DATE"), ("févr. 23", "DATE")]


def test_french_month_before_a_count_or_a_time_stays_text() -> None:
    for text in ("En mai 21 patients ont été inclus.", "Réunion début mars 14 h 30.", "Volume mars 12,5 ml"):
        assert mark_calendar_dates(text, []) == [], text
