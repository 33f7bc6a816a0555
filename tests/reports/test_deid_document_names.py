"""document_names.harmonise_names: one person, one label, every mention (known answers on hand-made spans)."""

from __future__ import annotations

import itertools

from xraymatch.reports.deid.document_names import harmonise_names
from xraymatch.reports.entities import Entity


def _span(text: str, word: str, label: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Entity(start, start + len(word), label)


def _covered(text: str, entities: list[Entity]) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in entities]


def test_a_name_found_once_is_masked_at_its_other_mentions_with_its_label() -> None:
    text = "Kowalczyk se plaint de douleurs. Radiographie de Kowalczyk normale. KOWALCZYK revu demain."
    out = harmonise_names(text, [_span(text, "Kowalczyk", "PATIENT")])
    assert _covered(text, out) == [("Kowalczyk", "PATIENT"), ("Kowalczyk", "PATIENT"), ("KOWALCZYK", "PATIENT")]


def test_a_staff_name_spreads_as_person_and_patient_wins_over_person() -> None:
    text = "Vu avec Laborde. Laborde confirme. Patient Ferrand, M. Ferrand revu."
    entities = [
        _span(text, "Laborde", "PERSON"),
        _span(text, "Ferrand", "PATIENT"),
        _span(text, "Ferrand", "PERSON", 1),
    ]
    out = harmonise_names(text, entities)
    assert _covered(text, out) == [
        ("Laborde", "PERSON"),
        ("Laborde", "PERSON"),
        ("Ferrand", "PATIENT"),
        ("Ferrand", "PATIENT"),
    ]


def test_a_clinician_marked_by_title_or_degree_keeps_person_even_with_the_patients_surname() -> None:
    text = "Patient: Paul Moreau. Lu par Dr Moreau. Signed: Moreau, M.D."
    entities = [
        _span(text, "Paul Moreau", "PATIENT"),
        _span(text, "Moreau", "PERSON", 1),
        _span(text, "Moreau", "PERSON", 2),
    ]
    out = harmonise_names(text, entities)
    assert [e.label for e in out] == ["PATIENT", "PERSON", "PERSON"]


def test_eponyms_and_lower_case_words_are_not_spread() -> None:
    text = "Mme Ilse Paget, suivie. Maladie de Paget exclue. Ilse revient; la ilse n'est pas un nom."
    out = harmonise_names(text, [_span(text, "Ilse Paget", "PATIENT")])
    assert _covered(text, out) == [("Ilse Paget", "PATIENT"), ("Ilse", "PATIENT")]


def test_common_words_inside_a_name_span_are_not_spread() -> None:
    text = "Patient: Jean Blanc-Rivière. Avis du Service de radiologie. Jean revu."
    out = harmonise_names(text, [_span(text, "Jean Blanc-Rivière", "PATIENT")])
    assert ("Service", "PATIENT") not in _covered(text, out)
    assert _covered(text, out)[-1] == ("Jean", "PATIENT")


def test_added_spans_never_overlap_and_other_labels_pass_through() -> None:
    text = "Ndiaye, 12/03/2024, tél 06 12 34 56 78. Ndiaye-Sow n'est pas Ndiaye."
    entities = [
        _span(text, "Ndiaye", "PATIENT"),
        _span(text, "12/03/2024", "DATE"),
        _span(text, "06 12 34 56 78", "PHONE"),
    ]
    out = harmonise_names(text, entities)
    assert _covered(text, out) == [
        ("Ndiaye", "PATIENT"),
        ("12/03/2024", "DATE"),
        ("06 12 34 56 78", "PHONE"),
        ("Ndiaye", "PATIENT"),  # the hyphenated "Ndiaye-Sow" is another name: not split
    ]
    assert all(a.end <= b.start for a, b in itertools.pairwise(out))


def test_no_name_spans_returns_the_entities_sorted() -> None:
    text = "Le 12/03/2024 et le 13/03/2024."
    entities = [_span(text, "13/03/2024", "DATE"), _span(text, "12/03/2024", "DATE")]
    assert harmonise_names(text, entities) == sorted(entities)


def test_a_relative_or_a_namesake_sharing_only_the_surname_is_not_retyped_patient() -> None:
    text = (
        "Baby Kwame Adeyemi seen. Not to be confused with the patient's sister, Mrs Maria Adeyemi. Doctor Adeyemi read."
    )
    entities = [
        _span(text, "Kwame Adeyemi", "PATIENT"),
        _span(text, "Maria Adeyemi", "PERSON"),
        _span(text, "Adeyemi", "PERSON", 2),
    ]
    assert [e.label for e in harmonise_names(text, entities)] == ["PATIENT", "PERSON", "PERSON"]


def test_a_fragment_of_a_longer_name_is_not_retyped_but_a_titled_surname_is() -> None:
    text = "PATIENT: BAILEY, JOHN-PAUL. Radiographer: Grace St. John. Mr Bailey was told."
    entities = [
        _span(text, "BAILEY, JOHN-PAUL", "PATIENT"),
        _span(text, "John", "PERSON"),  # of "St. John": another person's name
        _span(text, "Bailey", "PERSON"),  # "Mr Bailey": the patient again
    ]
    assert [e.label for e in harmonise_names(text, entities)] == ["PATIENT", "PERSON", "PATIENT"]
