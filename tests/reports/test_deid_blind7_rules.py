"""Round-8 rules, tuned on the blind7 audit's misses (DICOM export paths and file names, root OIDs, social context,
guardianship bodies, birth names, child ages, running page headers, name columns of pipe tables, imaging practices,
technologist/dictation initials, e-mail display names, NHI/Medicare table cells, Indian PIN addresses, Nigerian
phones), on phrasings of our own, with their traps."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.dicom_files import is_root_oid


def _spans(text: str) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in detect(text)]


def _label_of(text: str, value: str) -> str | None:
    return next((label for v, label in _spans(text) if v == value), None)


# --------------------------------------------------------------------------------------------- DICOM files, OIDs


def test_export_path_and_file_name_are_split_into_date_id_and_patient() -> None:
    text = "Archive : /mnt/ris/dump/2019/11/04/88301245/CT_20191104_GARNIER_L.dcm\nScanner thoracique."
    spans = _spans(text)
    assert ("2019/11/04", "DATE") in spans and ("88301245", "ID") in spans
    assert ("20191104", "DATE") in spans and ("GARNIER_L", "PATIENT") in spans


def test_a_compound_surname_in_a_file_name_is_one_patient_span() -> None:
    text = "Copied from /data/out/2021/02/28/5521/DX_20210228_LE_GALL_M.dcm to the viewer."
    assert ("LE_GALL_M", "PATIENT") in _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Identifiant vérifié auprès du téléservice INSi (OID 1.2.250.1.213.1.4.8).",
        "Transfer syntax 1.2.840.10008.1.2.4.90 (JPEG 2000 lossless).",
        "Tag (0010,0010) vide, tag (0010,0030) renseigné.",
        "Fichier de configuration config/2020/settings.xml, archive /srv/2023/backup/",
    ],
)
def test_root_oids_tags_and_versions_are_not_identifiers(text: str) -> None:
    assert not [s for s in _spans(text) if s[1] in ("ID", "DATE", "PATIENT")], _spans(text)


def test_is_root_oid_keeps_study_uids() -> None:
    assert is_root_oid("1.2.840.10008.5.1.4.1.1.2") and is_root_oid("1.2.250.1.213.1.4.10")
    assert not is_root_oid("1.2.840.113619.2.55.3.2831164355.443.1590000000.1")


# ------------------------------------------------------------------------------------------------ social context


def test_home_help_and_mandataire_are_persons_and_guardianship_body_an_institution() -> None:
    text = (
        "Patient : M. Gilles Fournier, 79 ans. Curatelle : mandataire judiciaire Mme Odile Fournier "
        "(UDAF du Finistère). Auxiliaire de vie Mme Rachida Benali le matin."
    )
    spans = _spans(text)
    assert ("Odile Fournier", "PERSON") in spans and ("Rachida Benali", "PERSON") in spans
    assert ("UDAF du Finistère", "INSTITUTION") in spans
    assert _label_of(text, "Gilles Fournier") == "PATIENT"


def test_partner_is_a_person_and_the_town_a_location() -> None:
    text = "Social: lives with his wife Doreen Phillips in Little Hampton; independent with stairs."
    spans = _spans(text)
    assert ("Doreen Phillips", "PERSON") in spans and ("Little Hampton", "LOCATION") in spans
    fr = "Vit avec sa compagne Mme Léa Morvan à Plougastel-Daoulas, autonome."
    assert ("Léa Morvan", "PERSON") in _spans(fr) and ("Plougastel-Daoulas", "LOCATION") in _spans(fr)


def test_relative_of_the_patient_and_care_of_host_are_persons() -> None:
    text = "Prévenir le fils de la patiente, M. Karim Haddad, au 06 11 22 33 44."
    assert ("Karim Haddad", "PERSON") in _spans(text)
    text = "Mrs Olive Dunn, 84 yrs\nc/o Mr Peter Dunn, 12 Mill Lane, Keswick"
    assert ("Peter Dunn", "PERSON") in _spans(text)


def test_next_of_kin_with_a_particle_is_a_person() -> None:
    assert ("Rangi Te Kanawa", "PERSON") in _spans("NEXT OF KIN: Rangi Te Kanawa (son) 021 555 0134")


def test_birth_name_and_usual_name_belong_to_the_patient() -> None:
    text = "Nom d'usage GARNIER, Hélène, née TESSIER - 67 ans\nRadio du genou."
    spans = _spans(text)
    assert ("GARNIER, Hélène", "PATIENT") in spans and ("TESSIER", "PATIENT") in spans
    assert ("OKAFOR", "PATIENT") in _spans("Patient: Grace Mills (name at birth OKAFOR), 40y")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Enfant Noah PERRIN, 2a9m, adressé pour boiterie.", "2a9m"),
        ("Child Ava GRANT, 6y1m, limping since Sunday.", "6y1m"),
        ("Enfant Inès ROUX, 27 mois, chute du lit.", "27 mois"),
        ("Patient: Louis Gagnon, 58, 14 rue Principale", "58"),
    ],
)
def test_child_ages_and_bare_ages_after_the_patient(text: str, age: str) -> None:
    assert (age, "AGE") in _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Grossesse à 31+4 SA, biométries normales.",
        "Contrôle dans 3 mois, douleur depuis 2 mois.",
        "Lot 4a7m22 du produit de contraste.",
    ],
)
def test_gestational_ages_durations_and_lot_numbers_are_not_ages(text: str) -> None:
    assert not [s for s in _spans(text) if s[1] == "AGE"], _spans(text)


# ------------------------------------------------------------------------------------------------------- layout


def test_running_page_headers_repeat_the_patient() -> None:
    en = "Page 2 of 4 | FORD, Nadia | MRN 5510283 | DOB 1 May 1950\nNo change."
    assert ("FORD, Nadia", "PATIENT") in _spans(en)
    fr = "=== Page 3/5 --- PETIT Lucienne --- née le 02/02/1940 ===\nPas de fracture."
    assert ("PETIT Lucienne", "PATIENT") in _spans(fr)


def test_page_numbers_alone_are_not_identifiers() -> None:
    assert _spans("Page 2 of 4\nNo acute findings.\nPage 3/4") == []


def test_name_columns_of_a_pipe_table_are_the_patient() -> None:
    text = "| Surname | First name | Maiden name | DOB |\n|---|---|---|---|\n| HARTLEY | June | BROWN | 03/03/1951 |\n"
    spans = _spans(text)
    assert ("HARTLEY", "PATIENT") in spans and ("June", "PATIENT") in spans and ("BROWN", "PATIENT") in spans


def test_a_field_value_table_is_not_read_as_a_header() -> None:
    text = "| Field | Value |\n|---|---|\n| Patient | Omar Said |\n| Medicare | 2953 41718 3 |\n| Ward | 4B |\n"
    spans = _spans(text)
    assert ("Medicare", "PATIENT") not in spans and ("Ward", "PATIENT") not in spans
    assert ("2953 41718 3", "ID") in spans


def test_nhi_number_and_banner_cell_before_an_age() -> None:
    text = "NHI KLM4821 | Hemi Walker | 33y\nChest clear."
    spans = _spans(text)
    assert ("KLM4821", "ID") in spans and ("Hemi Walker", "PATIENT") in spans


def test_imaging_practices_are_institutions_but_departments_are_not() -> None:
    assert ("Riverton Imaging", "INSTITUTION") in _spans("Riverton Imaging\n12 Main Rd\nXR wrist.")
    assert ("Imagerie Duval", "INSTITUTION") in _spans("Imagerie Duval\nRadio du poignet.")
    assert not [s for s in _spans("Musculoskeletal Imaging Section\nXR wrist.") if s[1] == "INSTITUTION"]
    assert not [s for s in _spans("Imagerie médicale : radiographie du poignet.") if s[1] == "INSTITUTION"]


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("Manipulatrice : SB - Dict. PLE/js", ["SB", "PLE"]),
        ("Radiographer: KW - dictated RTH/ab", ["KW", "RTH"]),
    ],
)
def test_technologist_and_dictation_initials_are_persons(text: str, initials: list[str]) -> None:
    spans = _spans(text)
    assert all((i, "PERSON") in spans for i in initials), spans
    assert not [s for s in spans if s[0] in ("js", "ab")]  # the typist's initials are not labelled


def test_email_display_name_is_the_sender() -> None:
    text = "Conclusion : pas de fracture.\n\nCamille Roche <camille.roche@clinique-exemple.fr>\n"
    assert ("Camille Roche", "PERSON") in _spans(text)


# ------------------------------------------------------------------------------------------ international shapes


def test_indian_address_with_pin_is_one_location() -> None:
    text = "Sunrise Clinic, 14, MG Road, Pune 411 001\nXR chest."
    assert ("14, MG Road, Pune 411 001", "LOCATION") in _spans(text)


def test_nigerian_landline_is_a_phone() -> None:
    assert ("+234 1 555 0199", "PHONE") in _spans("Main line +234 1 555 0199 | Radiology desk")


# ------------------------------------------------------------------------------------------------ places, ID ends


def test_towns_after_domicile_and_in_brackets() -> None:
    assert ("Gosier", "LOCATION") in _spans("Mme Alice Bertin, 70 ans, domiciliée au Gosier.")
    assert ("Kourou, 97310", "LOCATION") in _spans("Joindre le domicile au 0594 32 10 10 (Kourou, 97310).")
    text = "Transfert depuis le CH de Saint-Laurent (Maripasoula) ce jour."
    assert ("Maripasoula", "LOCATION") in _spans(text)


def test_a_unit_in_brackets_after_an_institution_is_not_a_place() -> None:
    text = "Hôpital Nord (Pédiatrie) puis CHU Sud (Maternité) ; Royal Infirmary (Radiology)."
    assert not [s for s in _spans(text) if s[1] == "LOCATION"], _spans(text)


def test_an_id_value_stops_before_the_name_that_follows() -> None:
    spans = _spans("PPSN 1234567TA - Aoife Brennan, DOB 3 June 1985")
    assert ("1234567TA", "ID") in spans


def test_role_words_before_common_words_name_nobody() -> None:
    text = "Carer Support Service contacted; aide à domicile Service Social le matin."
    assert not [s for s in _spans(text) if s[1] in ("PERSON", "PATIENT")], _spans(text)
