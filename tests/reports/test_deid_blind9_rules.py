"""Round-10 rules, tuned on the blind9 audit's misses (DICOM SR subject and observer names, first-person patient
messages, names leaked past placeholders, twins, maternity units and Swiss hospital heads, postal boxes, rural routes
and named farms, neonatal ages, an ID read on into an age, Markdown bold field names), on phrasings of our own, with
their traps (DICOM concept codes, software with versions, reading scores, teaching-file sites, multilingual patient
field words, gestational terms)."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.record_traps import record_traps


def _spans(text: str, net: bool = False) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in detect(text, safety_net=net)]


def _label_of(text: str, value: str, net: bool = False) -> str | None:
    return next((label for v, label in _spans(text, net) if v == value), None)


# ---------------------------------------------------------------------------------------------- record names


def test_sr_subject_is_patient_and_observer_person_and_codes_no_id() -> None:
    text = (
        'CONTAINER (18748-4, LN, "Diagnostic Imaging Report")\n'
        '  PNAME (121008, DCM, "Person Observer Name") = "Ingrid Salvesen"\n'
        '  PNAME (121029,DCM,"Subject Name") = "OKAFOR Chidi"\n'
        '  DATE (111060, DCM, "Study Date") = "20240311"\n'
        "Chidi Okafor was seen in clinic."
    )
    spans = _spans(text, net=True)
    assert ("OKAFOR Chidi", "PATIENT") in spans
    assert ("Ingrid Salvesen", "PERSON") in spans
    assert ("Chidi", "PATIENT") in spans and ("Okafor", "PATIENT") in spans  # every later mention
    assert not any(v in ("121008", "121029", "111060", "18748-4") for v, _ in spans)


def test_an_sr_institution_name_is_not_read_as_a_person() -> None:
    text = '  TEXT (121070, DCM, "Institution Name") = "Clinique des Tilleuls"'
    assert _label_of(text, "Clinique des Tilleuls") != "PERSON"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Portal message: 'Good morning, it's Bronwen Aldous here, could you send my results?'", "Bronwen Aldous"),
        ("Message : « Bonjour, je suis Maëlle Guivarc'h, je voudrais mon compte rendu. »", "Maëlle Guivarc'h"),
        ("Anonymised text: patient ****, DOB ****; signed in error by Tobias Lindqvist", "Tobias Lindqvist"),
        ("Texte anonymisé : patiente [NOM] ; signée par erreur « Héloïse Marchetti »", "Héloïse Marchetti"),
    ],
)
def test_first_person_and_leaked_names_are_patient(text: str, name: str) -> None:
    assert _label_of(text, name) == "PATIENT"


def test_first_person_cue_needs_a_capitalised_name() -> None:
    text = "Hello, it's fine here, je suis disponible demain."
    assert not [s for s in _spans(text) if s[1] in ("PATIENT", "PERSON")]


def test_a_voicemail_caller_is_not_made_the_patient() -> None:
    text = "Voicemail 3 May 2024: “hi it's Rosalind Peake, could you call me back on 0161 555 0199”"
    assert _label_of(text, "Rosalind Peake") != "PATIENT"


def test_farm_names_need_the_whole_word() -> None:
    assert _label_of("Report signed. Marcus Farmer\nCopy to HR.", "Marcus Farm") is None


def test_twins_first_is_patient_and_the_named_twin_a_relative() -> None:
    text = "FONTAINE Mathis et Lenny, jumeaux nés le 02/02/2022 (2 ans)"
    spans = _spans(text)
    assert ("FONTAINE Mathis", "PATIENT") in spans
    assert ("Lenny", "PERSON") in spans


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Worklist: Gwen PARRY, MRN 44120931\nDose record: DLP 210 mGy.cm - operator Parry Lewis - badge L55",
            "Parry Lewis",
        ),
        ('{"lecteur": "Anouk Brevet", "patient": {"nom": "BREVET", "prenom": "Anouk"}}', "Anouk Brevet"),
        ("Patient : Ines Carvalho\nTraductrice : Ines Duarte", "Ines Duarte"),
    ],
)
def test_staff_named_by_their_role_are_not_the_patient(text: str, name: str) -> None:
    assert _label_of(text, name) == "PERSON"


def test_markdown_bold_field_name_still_cues_the_patient() -> None:
    assert _label_of("- **Patient:** Ottoline Brabazon\n- **Reader:** Dr K. Mensah", "Ottoline Brabazon") == "PATIENT"


# ----------------------------------------------------------------------------------- institutions and places


@pytest.mark.parametrize(
    "name",
    [
        "Maternité de Pontivy-les-Forges",
        "Pôle femme-enfant Kerbrat",
        "Spital Brig",
        "Upper Hallsworth Maternity Unit",
    ],
)
def test_maternity_and_swiss_heads_are_institutions(name: str) -> None:
    text = f"Adressé par le Dr Y. Morvan, {name}, pour bilan."
    assert _label_of(text, name) == "INSTITUTION"


def test_a_bare_maternity_word_is_no_institution() -> None:
    assert not [s for s in _spans("Transfert en maternité puis retour à domicile.") if s[1] == "INSTITUTION"]


@pytest.mark.parametrize(
    "address",
    [
        "RR 3, Site 12, Box 7, Fort Hallam",
        "Private Bag 4410, Upper Wexcombe",
        "PO Box 918, Tarrington",
        "BP 213, 29870 Plouzévet",
        "Holloway Farm, Brackwell DN7 4QS",
        "lieu-dit la Pierre Levée, 12340 Bozouls",
    ],
)
def test_postal_boxes_routes_and_farms_are_one_location(address: str) -> None:
    assert _label_of(f"Postal address: {address}; phone withheld", address) == "LOCATION"


# ------------------------------------------------------------------------------------------------------- ages


@pytest.mark.parametrize("age", ["52 heures de vie", "4 jours de vie", "30 hours old"])
def test_neonatal_ages(age: str) -> None:
    assert _label_of(f"Baby boy Ferreira, {age}, born at 39 weeks", age) == "AGE"


def test_a_day_of_life_ordinal_is_left_alone() -> None:
    assert _label_of("Preterm infant, day 6 of life, J6 de vie", "day 6 of life") is None


def test_gestational_term_is_no_age() -> None:
    assert not [s for s in _spans("Nouveau-né à 38 SA + 2 j, 38+2 weeks, examen normal.") if s[1] == "AGE"]


def test_an_id_stops_before_a_dashed_age() -> None:
    spans = _spans("Patient : Ruiz Amparo - n° national 85073112345 - 38 ans")
    assert ("85073112345", "ID") in spans
    assert ("38 ans", "AGE") in spans


# ------------------------------------------------------------------------------------------------------ traps


@pytest.mark.parametrize(
    "text",
    [
        "Validé dans Nexus Reporting 5.1, sans réserve.",
        "Export from RadReport Studio v3.1.0, finalised.",
        "Dose logged by Prowl Dose, RADPEER 2b, peer-reviewed.",
        "Hanche droite Graf IIb, relecture par les pairs : score 1.",
        "Case courtesy of the Radiopaedia.org and MyPACS.net teaching files.",
        "Patient / Patientin / Paziente / Patiënt(e)",
        "Scaphoïde : fracture Herbert B2, col fémoral Garden III, âge osseux selon Greulich et Pyle.",
        "Maladie de Kienböck stade IIIb de Lichtman.",
        '  UIDREF (121012, DCM, "Device Observer UID")',
    ],
)
def test_software_scores_sites_and_field_words_hold_no_identifier(text: str) -> None:
    assert _spans(text, net=True) == []


def test_a_teaching_case_url_with_a_path_stays_a_url() -> None:
    assert _label_of("See radiopaedia.org/cases/98765 for the images.", "radiopaedia.org/cases/98765") == "URL"


def test_a_titled_surname_before_a_grade_is_still_a_person() -> None:
    assert record_traps("Vu par le Dr Garden II ce jour.") == []


def test_a_titled_name_before_a_version_like_number_is_not_software() -> None:
    assert record_traps("Dr Quimper 4.2 le matin") == []
    assert record_traps("Lésion Kaldor 4.2 mm") == []  # a measurement, not a version
