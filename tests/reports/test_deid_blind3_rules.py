"""Rules added after the blind3 audit, on phrasings of our own (not copied from the blind3 sets): ages in bracket and
field forms, column-aware typing of CSV rows and HL7 segments, institutions without a hospital word, addresses in
angle brackets, military and commune places, and the traps that must stay (sign/test eponyms, procedure and
terminology codes, lot numbers)."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect


def _found(text: str, lang: str = "fr") -> set[tuple[str, str]]:
    return {(text[e.start : e.end], e.label) for e in detect(text, lang)}


def _labels_of(text: str, value: str, lang: str = "fr") -> set[str]:
    start = text.index(value)
    end = start + len(value)
    return {e.label for e in detect(text, lang) if e.start < end and start < e.end}


# ------------------------------------------------------------------------------------------------------------ ages


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Enfant : Noé Garnier (9A)\nRadiographie du coude.", "9A"),
        ("Mme Aurore Vasseur, 81A, hanche douloureuse.", "81A"),
        ("patient_age=58; sex=F", "58"),
        ("Âge=73 ; IPP 5567123", "73"),
        ('Name,DOB,Age\n"Hollis Vance",1961-02-03,63 yo', "63 yo"),
        ("Nom;Âge;Sexe\nBRUNEAU Inès;44;F", "44"),
    ],
)
def test_ages_in_bracket_and_field_forms(text: str, age: str) -> None:
    assert "AGE" in _labels_of(text, age)


@pytest.mark.parametrize(
    "text",
    [
        "Fracture AO 31A, déplacée.",
        "Lésion de type 2A).",
        "Douleur depuis 1,5 an.",
        "Box 12A, salle 3.",
    ],
)
def test_not_ages(text: str) -> None:
    assert not any(label == "AGE" for _, label in _found(text))


# --------------------------------------------------------------------------------------------- tables and HL7


def test_csv_header_types_columns() -> None:
    text = 'Patient Name,Accession,Ordering Physician\n"Okafor, Grace",RX55012347,Dr Henri Lambert\n'
    found = _found(text, "en")
    assert ("Okafor, Grace", "PATIENT") in found
    assert ("RX55012347", "ID") in found
    assert ("Henri Lambert", "PERSON") in found


def test_csv_date_split_by_comma_is_rejoined() -> None:
    text = 'Name,MRN,DOB,Age\n"Wendell Pryce",55120981,March 2, 1950,74 yo\n'
    found = _found(text, "en")
    assert ("Wendell Pryce", "PATIENT") in found
    assert ("74 yo", "AGE") in found


def test_line_after_table_is_not_a_row() -> None:
    text = 'Name,MRN,DOB,Age\n"Ida Wolfe",7712003,1970-01-01,54 yo\nWard: 4, Bed: 2, Cot: 1, Note: stable\n'
    assert not any(label == "PATIENT" and value.startswith("Ward") for value, label in _found(text, "en"))


def test_headerless_quoted_row_with_record_number_is_the_patient() -> None:
    text = '"MARCHAND";"Lucile";"00982341";"1990-07-14";"RX GENOU"'
    found = _found(text)
    assert ("MARCHAND", "PATIENT") in found and ("Lucile", "PATIENT") in found
    assert not any(value == "RX GENOU" for value, _ in found)


def test_hl7_fields_by_position() -> None:
    text = (
        "MSH|^~\\&|RIS|HOPNORD|PACS|HOPSUD|202311040915||ORU^R01|A1|P|2.5\n"
        "PID|1||7781234^^^HOPNORD^PI||ROCHE^AMANDINE^M||19720309|F|||4 rue Haute^^Dole^^39100||0384123456\n"
        "PV1|1|O|RAD||||33421^BERTIN^LUC|||||||||||V5512009\n"
    )
    found = _found(text)
    assert ("HOPNORD", "INSTITUTION") in found and ("HOPSUD", "INSTITUTION") in found
    assert ("202311040915", "DATE") in found
    assert ("7781234", "ID") in found
    assert ("ROCHE^AMANDINE^M", "PATIENT") in found
    assert ("19720309", "DATE") in found
    assert "LOCATION" in _labels_of(text, "4 rue Haute")
    assert ("0384123456", "PHONE") in found
    assert ("BERTIN^LUC", "PERSON") in found
    assert ("V5512009", "ID") in found


# --------------------------------------------------------------------------------------------- institutions


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Transfert depuis l'HIA Sainte-Anne pour avis.", "HIA Sainte-Anne"),
        ("Hôpital d'instruction des armées Laveran, service d'imagerie.", "Laveran"),
        ("Adressé par Dr Cyril Maurin (Vasseur Imagerie SARL).", "Vasseur Imagerie SARL"),
        ("Facturé par SELARL Radiologie du Ried.", "SELARL Radiologie du Ried"),
        ("Read under contract by Northgate Teleradiology Ltd for the night shift.", "Northgate Teleradiology Ltd"),
        ("Requested by Dr. Amos Reid (Pinecrest Family Doctors).", "Pinecrest Family Doctors"),
        ("Facility: Halvorsen and Sons, 12 Elm Street", "Halvorsen and Sons"),
        ("Téléradiologie : Radionuit Est - compte rendu", "Radionuit Est"),
        ("Outside films were obtained at Ridgeview Orthopaedic Partners.", "Ridgeview Orthopaedic Partners"),
    ],
)
def test_institutions_without_hospital_words(text: str, name: str) -> None:
    assert "INSTITUTION" in _labels_of(text, name, "en")


@pytest.mark.parametrize(
    "text",
    [
        "Location: ED Majors\nHistory: fall.",
        "Site : Radiologie\nIndication : chute.",
        "M. Girard (interne) a réalisé les clichés.",
        "North Adelaide SA 5006",
    ],
)
def test_departments_roles_and_postcodes_are_not_institutions(text: str) -> None:
    assert not any(label == "INSTITUTION" for _, label in _found(text, "en"))


# --------------------------------------------------------------------------------------------- e-mails, URLs


@pytest.mark.parametrize(
    ("text", "address", "label"),
    [
        ("Copie : Dr Léa Forestier <lea.forestier@cab-rad.example.fr>", "lea.forestier@cab-rad.example.fr", "EMAIL"),
        ('<a href="mailto:secretariat@imagerie-ouest.fr">écrire</a>', "secretariat@imagerie-ouest.fr", "EMAIL"),
        ("Viewer: <https://pacs.example.org/study/44120>", "https://pacs.example.org/study/44120", "URL"),
    ],
)
def test_addresses_in_angle_brackets(text: str, address: str, label: str) -> None:
    assert label in _labels_of(text, address)


# ------------------------------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Forward to PSC 4410, Box 2231, APO AE 09123 please.", "PSC 4410, Box 2231, APO AE 09123"),
        ("Mailing address: USNS Mercy, FPO AP 96678", "USNS Mercy, FPO AP 96678"),
        ("Consultation à Villeneuve-sur-Lot demain.", "Villeneuve-sur-Lot"),
        ("A 70-year-old man from Killarney with knee pain.", "Killarney"),
        ("Patiente originaire de Douarnenez.", "Douarnenez"),
    ],
)
def test_places(text: str, place: str) -> None:
    assert "LOCATION" in _labels_of(text, place)


def test_compound_first_name_is_not_a_commune() -> None:
    text = "Patient : Jean-de-Dieu Kabila, 40 ans."
    assert "LOCATION" not in _labels_of(text, "Jean-de-Dieu")


# ------------------------------------------------------------------------------------ traps that must stay


@pytest.mark.parametrize(
    "text",
    [
        "Signe de Kernig absent, manœuvre de Barlow négative.",
        "Test de Thessaly positif à droite.",
        "Positive O'Donoghue sign; Apley and Steinmann tests negative.",
        "Loi de Wolff respectée.",
        "Patient positionné en Trendelenburg.",
        "Hagen test equivocal. No Hoffa fragment.",
    ],
)
def test_sign_and_test_eponyms_stay(text: str) -> None:
    assert _found(text, "en") == set()


def test_sign_slot_does_not_hide_a_titled_doctor() -> None:
    found = _found("Test de Thessaly demandé par Dr Kernig.")
    assert ("Kernig", "PERSON") in found


@pytest.mark.parametrize(
    "text",
    [
        "Acte CCAM : MZQK002.",
        "Réf. NFQK003 - cliché du bassin.",
        "LOINC 24627-2, SNOMED CT 168537006.",
        "Lot n° 88123 de Visipaque 320.",
        "CIM-10 S52.5",
    ],
)
def test_procedure_and_terminology_codes_are_not_ids(text: str) -> None:
    assert not any(label == "ID" for _, label in _found(text))


def test_procedure_shaped_record_number_stays_an_id() -> None:
    assert ("KLMN123", "ID") in _found("IPP : KLMN123")


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Matricule 8812034471, caserne Nord.", "8812034471", "ID"),
        ("EVN|A08|20240117083000", "20240117083000", "DATE"),
        ("Signed by Dr. Nora QUILL October 14, 2023 08:10", "October 14, 2023", "DATE"),
    ],
)
def test_ids_and_dates_next_to_other_fields(text: str, value: str, label: str) -> None:
    assert label in _labels_of(text, value)
