"""Round-11 refinements (reports/deid/refine.py), with phrasings of our own: traps removed, new shapes added."""

from __future__ import annotations

import pytest

from tests.reports.gold_spans import span_of as _span
from tests.reports.gold_spans import spans_of as _spans
from xraymatch.reports.deid.refine import refine
from xraymatch.reports.entities import Entity


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Pas de dilatation du canal de Wirsung ni de l'ampoule de Vater.", "Vater"),
        ("Hernie de Morgagni de petite taille.", "Morgagni"),
        ("The foramen of Winslow is clear.", "Winslow"),
        ("Guyon canal decompressed.", "Guyon"),
        ("Matériel : vis Acutrak 2 en place.", "Acutrak"),
        ("Hardware: Zimmer Biomet stem, well fixed.", "Biomet"),
    ],
)
def test_structure_eponyms_and_brands_are_dropped(text: str, word: str) -> None:
    assert refine(text, [_span(text, word, "PERSON")]) == []


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Hip implant by Smith on 3 May, uneventful.", "Smith"),
        ("Prothèse de Lefèvre, posée en 2019.", "Lefèvre"),
        ("Screws par Martin, contrôle à J+10.", "Martin"),
    ],
)
def test_a_person_after_a_device_word_and_a_small_word_is_kept(text: str, word: str) -> None:
    """Only a capitalised brand word may stand between the device word and a dropped brand: "by", "de", "par" may
    not (the case-insensitive pattern once read them as brand words and dropped the surgeon's name)."""
    assert _spans(text, refine(text, [_span(text, word, "PERSON")])) == {(word, "PERSON")}


@pytest.mark.parametrize(
    ("text", "number", "label"),
    [
        ("Plaque LCP REF 04.110.203, lot 7781 2093 11.", "04.110.203", "ID"),
        ("lot 0612 4421 09", "0612 4421 09", "PHONE"),
    ],
)
def test_catalogue_and_lot_numbers_are_dropped(text: str, number: str, label: str) -> None:
    assert refine(text, [_span(text, number, label)]) == []


def test_a_titled_person_with_a_structure_word_nearby_stays() -> None:
    text = "Vu avec le Dr Lambert ce jour."
    assert _spans(text, refine(text, [_span(text, "Lambert", "PERSON")])) == {("Lambert", "PERSON")}


def test_ids_without_a_catalogue_cue_stay() -> None:
    text = "IPP 0402118722, tel 06 12 34 56 78."
    kept = refine(text, [_span(text, "0402118722", "ID"), _span(text, "06 12 34 56 78", "PHONE")])
    assert len(kept) == 2


@pytest.mark.parametrize(
    "date",
    ["S07 2023", "S41/2019", "semaine 9 de 2022", "wk 3/2021", "week 22 of 2020", "W50 2018", "mi-avril 2021",
     "mid-September 2019"],
)  # fmt: skip
def test_week_numbers_and_mid_months_are_dates(date: str) -> None:
    text = f"Contrôle prévu {date} au cabinet."
    assert (date, "DATE") in _spans(text, refine(text, [_span(text, date.split()[-1][-4:], "ID")]))


@pytest.mark.parametrize("text", ["Repos 6 semaines, J+10 contrôle.", "Seen in week 3 of treatment.", "S1 vertebra."])
def test_relative_weeks_are_not_dates(text: str) -> None:
    assert refine(text, []) == []


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Picked up by Morrison Ambulance Services at noon.", "Morrison Ambulance Services"),
        ("Attends Brook Lane Primary School, year 4.", "Brook Lane Primary School"),
        ("Pupil of Redwood Academy.", "Redwood Academy"),
        ("Trajet assuré par Transports Giraud.", "Transports Giraud"),
        ("Élève au collège Pasteur de Villeneuve.", "collège Pasteur de Villeneuve"),
        ("Licencié au Judo club de Montauban.", "Judo club de Montauban"),
        ("Accident : salarié de SARL Pichon, chute.", "SARL Pichon"),
        ("He is employed by Grant, Cole and Webb.", "Grant, Cole and Webb"),
    ],
)
def test_organisations_with_a_head_noun_or_employer_cue(text: str, org: str) -> None:
    first = org.split()[0] if not org.startswith(("collège", "SARL", "Judo", "Transports")) else org.split()[1]
    assert (org, "INSTITUTION") in _spans(text, refine(text, [_span(text, first, "PERSON")]))


def test_a_person_before_an_organisation_is_trimmed_not_dropped() -> None:
    text = "Dr Nadia Costa, Hill Imaging"
    kept = _spans(text, refine(text, [Entity(3, len("Dr Nadia Costa, Hill"), "PERSON")]))
    assert kept == {("Nadia Costa", "PERSON"), ("Hill Imaging", "INSTITUTION")}


def test_portuguese_street_address_is_one_location() -> None:
    text = "Morada: Rua do Carmo, 54, 1200-094 Lisboa (NIF)."
    assert ("Rua do Carmo, 54, 1200-094 Lisboa", "LOCATION") in _spans(text, refine(text, []))


@pytest.mark.parametrize("text", ["Maladie de Paget.", "Interventional Radiology review.", "He works at night."])
def test_traps_gain_nothing(text: str) -> None:
    assert refine(text, []) == []


@pytest.mark.parametrize("text", ["N/Réf. : CR2024473738", "Your ref: AP/2231", "Réf. RDV-7K3QX9", "Ref TKTH4TED"])
def test_file_references_are_not_catalogue_numbers(text: str) -> None:
    ref = text.split()[-1]
    assert len(refine(text, [_span(text, ref, "ID")])) == 1


@pytest.mark.parametrize(
    "text", ["Department of Diagnostic Imaging", "Musculoskeletal Imaging Section", "Medical Imaging"]
)
def test_imaging_departments_are_not_organisations(text: str) -> None:
    assert refine(text, []) == []


def test_dutch_address_is_one_location() -> None:
    text = "Woont: Keizersgracht 101, 1015 CJ Amsterdam."
    assert ("Keizersgracht 101, 1015 CJ Amsterdam", "LOCATION") in _spans(text, refine(text, []))


@pytest.mark.parametrize(
    ("text", "word"), [("With a Pashto interpreter.", "Pashto"), ("Interprète en Wolof présent.", "Wolof")]
)
def test_interpreter_languages_are_dropped(text: str, word: str) -> None:
    assert refine(text, [_span(text, word, "PERSON")]) == []


def test_the_injured_employee_is_the_patient() -> None:
    text = "Claim 123: Oliver Grant, employed by Reed Foods."
    spans = _spans(text, refine(text, [_span(text, "Oliver Grant", "PERSON")]))
    assert ("Oliver Grant", "PATIENT") in spans and ("Reed Foods", "INSTITUTION") in spans


@pytest.mark.parametrize(
    "text",
    ["Présents : M. Karim Saidi, interprète en arabe.", "Seen with Ms Lena Ford (Polish interpreter).",
     "Chaperone: Mr Tom Reid, healthcare assistant."],
)  # fmt: skip
def test_a_name_with_a_staff_role_is_staff(text: str) -> None:
    name = " ".join(text.split(",")[0].split("(")[0].split()[-2:])
    assert _spans(text, refine(text, [_span(text, name, "PATIENT")])) == {(name, "PERSON")}


def test_the_patient_with_a_clinical_phrase_stays_patient() -> None:
    text = "Mme Anne Roux, 54 ans, chute."
    assert _spans(text, refine(text, [_span(text, "Anne Roux", "PATIENT")])) == {("Anne Roux", "PATIENT")}


@pytest.mark.parametrize(
    ("text", "word"),
    [("Fracture du radius (Castaing et Judet stade III).", "Judet"), ("Supracondylar fracture, Wilkins II.", "Wilkins"),
     ("No Spigelian or Bochdalek hernia.", "Bochdalek")],
)  # fmt: skip
def test_graded_classifications_and_hernia_chains_are_dropped(text: str, word: str) -> None:
    assert refine(text, [_span(text, word, "PERSON")]) == []


@pytest.mark.parametrize(
    "text", ["Vu par le Dr Martin II.", "Reviewed by Dr Judet 2 weeks ago.", "Sarah Judet 3 years"]
)
def test_a_titled_name_or_an_age_is_not_a_grade(text: str) -> None:
    assert len(refine(text, [_span(text, "Martin" if "Martin" in text else "Judet", "PERSON")])) == 1


def test_a_patients_job_with_a_workplace_is_not_a_staff_role() -> None:
    text = "Visite de reprise : Mme Julie Marin, infirmière à la clinique."
    assert _spans(text, refine(text, [_span(text, "Julie Marin", "PATIENT")])) == {("Julie Marin", "PATIENT")}


@pytest.mark.parametrize(
    ("text", "ini"), [("Radiographer K.B., badge 77.", "K.B."), ("MERM : A.-M.R.\n", "A.-M.R."), ("MERM JD;", "JD")]
)
def test_radiographer_initials_are_person(text: str, ini: str) -> None:
    assert (ini, "PERSON") in _spans(text, refine(text, []))


def test_halves_of_one_name_share_the_patient_type() -> None:
    text = "Injury 2: Tara Lowe, employed by Kent Mills."
    kept = _spans(text, refine(text, [_span(text, "Tara", "PERSON"), _span(text, "Lowe", "PERSON")]))
    assert ("Tara", "PATIENT") in kept and ("Lowe", "PATIENT") in kept
