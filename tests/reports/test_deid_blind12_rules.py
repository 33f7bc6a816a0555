"""Round-13 rules (disguised.py and its parts, patient_cues.py, refine.py), tuned on blind12's misses, with phrasings
of our own: organisations named after people, GPS coordinates, obfuscated e-mails, coding-system codes, age bands,
seasons and quarters, device brands, study acronyms, patients named by their signature or an export cell;
each with its traps."""

from __future__ import annotations

import pytest

from tests.reports.gold_spans import span_of as _span
from tests.reports.gold_spans import spans_of as _spans
from xraymatch.reports.deid.disguised import mark_disguised
from xraymatch.reports.deid.patient_cues import mark_patients, patient_spans
from xraymatch.reports.deid.refine import refine
from xraymatch.reports.entities import Entity


@pytest.mark.parametrize(
    ("text", "person", "institution"),
    [
        ("Compte rendu validé par Dr Petit (Centre Paul Strauss), le 3 mai.", "Paul Strauss", "Centre Paul Strauss"),
        ("Lieu : Unité Pinel, hôpital nord, box 2.", "Pinel", "Unité Pinel"),
        ("Biobanque du Centre Eugène Marquis - sujet 04-1122", "Eugène Marquis", "Biobanque du Centre Eugène Marquis"),
        ("Prescrit par le cabinet dentaire du Dr Moreau, ADELI 123.", "Moreau", "cabinet dentaire du Dr Moreau"),
        ("Enfant gardé à la MAM de Girard depuis mai.", "Girard", "la MAM de Girard"),
        ("Chute à la crèche Les Petits Lutins de Bron.", "Bron", "la crèche Les Petits Lutins de Bron"),
        ("Imaged at Jenner Building, City Hospital.", "Jenner", "Jenner Building"),
        ("Samples from the Bristol Tissue Bank, subject 2.", "Bristol", "Bristol Tissue Bank"),
        ("Attends Oak Tree Little Owls Nursery daily.", "Oak Tree", "Oak Tree Little Owls Nursery"),
    ],
)
def test_institutions_named_after_people_are_one_span(text: str, person: str, institution: str) -> None:
    out = mark_disguised(text, [_span(text, person, "PERSON")])
    assert (institution, "INSTITUTION") in _spans(text, out)
    assert not any(e.label == "PERSON" for e in out)


def test_bank_word_joins_the_hospital_span() -> None:
    text = "Biobanque Hôpital Lariboisière - sujet 11-2044"
    out = mark_disguised(text, [_span(text, "Biobanque", "PERSON"), _span(text, "Hôpital Lariboisière", "INSTITUTION")])
    assert _spans(text, out) == {("Biobanque Hôpital Lariboisière", "INSTITUTION")}


@pytest.mark.parametrize(
    "text",
    [
        "Le Centre Hospitalier de Vienne est fermé.",
        "Centre de la lésion à 3 cm de la corticale.",
        "Address: 42 Shelby Center Suite 161, Lake Anna, AL 49087",
    ],
)
def test_generic_centres_are_not_added(text: str) -> None:
    assert mark_disguised(text, []) == []


@pytest.mark.parametrize(
    ("text", "coords"),
    [
        ("Domicile (GPS 43.29650, 5.36978) signalé au SAMU.", "43.29650, 5.36978"),
        ("Picked up at -33.86882, 151.20930 by the crew.", "-33.86882, 151.20930"),
        ("Home (GPS 51°30'26.5\"N 0°07'39.9\"W)", "51°30'26.5\"N 0°07'39.9\"W"),
    ],
)
def test_gps_coordinates_are_one_location(text: str, coords: str) -> None:
    a = text.index(coords)
    pieces = [Entity(a, a + coords.index(","), "ID")] if "," in coords else []
    assert _spans(text, mark_disguised(text, pieces)) == {(coords, "LOCATION")}


@pytest.mark.parametrize(
    "text",
    ["Mesure 12.5, 13.2 mm.", "Densité 1.0234, 1.0456 g/ml sur deux coupes.", "Coordonnées 123.45678, 200.12345."],
)
def test_measurements_are_not_coordinates(text: str) -> None:
    assert mark_disguised(text, []) == []


@pytest.mark.parametrize(
    "email",
    [
        "jean dot martin at wanadoo dot fr",
        "j.martin [at] laposte [dot] net",
        "k.osei(at)gmail(dot)com",
        "amelie.roux (arobase) free (point) fr",
    ],
)
def test_obfuscated_emails_are_one_span(email: str) -> None:
    text = f"Répondre à {email} avant lundi."
    first = email.split()[0].split("(")[0].split(".")[0]
    out = mark_disguised(text, [_span(text, first, "PERSON")])
    assert _spans(text, out) == {(email, "EMAIL")}


@pytest.mark.parametrize(
    "text",
    [
        "Report viewable at results.trust.nhs.uk/ab12 tomorrow.",
        "Seen at home at 10 dot matrix printer.",
        "Results at www.clinique.fr today.",
    ],
)
def test_websites_and_words_are_not_emails(text: str) -> None:
    assert not any(e.label == "EMAIL" for e in mark_disguised(text, []))


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("Codes : RadLex RID10345 ; LOINC 36643-5.", "RID10345", "ID"),
        ("tranche d'âge 70-79 ans ; grossesse non", "79 ans", "AGE"),
        ("age band 90 or over", "90", "AGE"),
        ("Classe d'âge : 80 ans et plus", "80 ans", "AGE"),
        ("Première consultation à l'automne 2018.", "automne 2018", "DATE"),
        ("Activity Q2 2022 versus T4 2021", "Q2 2022", "DATE"),
        ("first seen in spring 2020", "spring", "PATIENT"),
        ("Cliché sur appareil Sirona Orthophos 3D, salle 2", "Sirona", "PERSON"),
        ("Acquired on Planmeca ProMax 3D in room 4", "Planmeca", "PERSON"),
        ("Porte une valve Medtronic Evolut 2.", "Medtronic", "PERSON"),
        ("Visit V3 of the KNEEGEN study", "KNEEGEN", "PERSON"),
        ("Protocole ARTHROSE-2, sujet 12", "ARTHROSE-2", "PERSON"),
        ("Dental surgeon (HCPC-registered), Leeds", "HCPC-registered", "PERSON"),
        ("Joindre le manipulateur : DECT 4412", "DECT", "PERSON"),
        ("Interpreter (Amharic): Sara Bekele", "Amharic", "PERSON"),
        ("Stade 2 selon Eichenholtz, sans fracture.", "Eichenholtz", "PERSON"),
        ("Brought by her foster carer: Dan Lowe.", "foster", "PERSON"),
    ],
)
def test_traps_are_removed(text: str, word: str, label: str) -> None:
    assert mark_disguised(text, [_span(text, word, label)]) == []


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("Né le 3 mars 2019, vu en mars 2024.", "mars 2024", "DATE"),
        ("Patiente de 93 ans, chute.", "93 ans", "AGE"),
        ("Patient aged 90, fall at home.", "90", "AGE"),
        ("Référé par Dr Sirona Dupont.", "Sirona Dupont", "PERSON"),
        ("Summer Winter, 97 years, seen in clinic.", "Summer Winter", "PATIENT"),
        ("Dossier 12345678 du patient.", "12345678", "ID"),
        ("Employer: Acme Ltd, Unit 4 Riverside Park, Dartford DA1 1AA", "4 Riverside Park, Dartford", "LOCATION"),
    ],
)
def test_identifiers_beside_the_traps_are_kept(text: str, word: str, label: str) -> None:
    entity = _span(text, word, label)
    assert mark_disguised(text, [entity]) == [entity]


@pytest.mark.parametrize(
    ("text", "name", "age"),
    [
        ("[dictation] seen mrs ruth oakley 67 referred by doctor amir khan", "ruth oakley", "67"),
        ("dictée : vu madame jeanne roux 81 ans adressée pour chute", "jeanne roux", "81 ans"),
    ],
)
def test_dictated_lowercase_patient_and_age(text: str, name: str, age: str) -> None:
    assert _spans(text, mark_disguised(text, [])) == {(name, "PATIENT"), (age, "AGE")}


@pytest.mark.parametrize(
    "text",
    ["Mr Oakley 67 years", "seen mr in bed 4 today", "the mr scan 3 of 4", "an mr knee 2 weeks ago", "mr spine 2"],
)
def test_not_dictated_names(text: str) -> None:
    assert mark_disguised(text, []) == []


def test_printed_in_place_is_a_location() -> None:
    text = "Printed in East Lowbury, March 2021. Radiologist bleep 2211."
    out = refine(text, [_span(text, "Lowbury", "PERSON")])
    assert ("East Lowbury", "LOCATION") in _spans(text, out)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Consent read and agreed.\nSigned (patient): Honor BROOK\nWitness: A. Shah", "Honor BROOK"),
        ("Signature de l'intéressée : Clémence Lheureux\nTémoin : Mme Roy", "Clémence Lheureux"),
        ("CCAM ZBQK002|member Rose Hope|DOB 1/2/1950", "Rose Hope"),
    ],
)
def test_strong_cues_add_the_patient_name_no_layer_found(text: str, name: str) -> None:
    assert _spans(text, mark_patients(text, [])) == {(name, "PATIENT")}


def test_nickname_and_aged_cues_mark_the_patient() -> None:
    text = 'Paediatric list: Ruby Marsh ("Bug" at home), 4 years.'
    assert "Ruby Marsh" in {text[a:b] for a, b in patient_spans(text)}
    text = "I, Faith Moor, aged 61, declare the following implant."
    assert "Faith Moor" in {text[a:b] for a, b in patient_spans(text)}


def test_foster_home_is_not_the_patients() -> None:
    text = "Placé en famille d'accueil chez Mme Josiane Lebrun depuis mai."
    assert "Josiane Lebrun" not in {text[a:b] for a, b in patient_spans(text)}


def test_bare_age_at_sentence_end_after_a_patient() -> None:
    text = "Painful heel in Rose Kemp, 47.\nNext line"
    out = mark_patients(text, [_span(text, "Rose Kemp", "PATIENT")])
    assert ("47", "AGE") in _spans(text, out)
