"""Round 20 rules (blind19's misses and false alarms as classes), each with our own phrasings, positives and traps."""

from __future__ import annotations

from xraymatch.reports.deid.cue_ids import find_cued_ids
from xraymatch.reports.deid.cued_places import mark_cued_places
from xraymatch.reports.deid.dicom_files import find_dicom_files, is_root_oid
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.deid.organisations import find_organisations
from xraymatch.reports.deid.patient_cues import patient_spans
from xraymatch.reports.deid.practices import mark_practices
from xraymatch.reports.entities import Entity


def _spans(text: str, entities: list[Entity]) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in entities]


def _entity(text: str, word: str, label: str) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), label)


def test_dictation_reference_after_a_doctor_gives_the_author() -> None:
    for text, author in (
        ("Dictated by Dr Amara Osei (AO/tk); verified 3 May 2024", "AO"),
        ("Dicté par le Dr Malo Riou (MR/js) et validé le 02/02/2024", "MR"),
    ):
        found = [(text[c.start : c.end], c.label) for c in find_organisations(text)]
        assert found == [(author, "PERSON")], text


def test_ward_acronyms_and_practices_in_brackets() -> None:
    text = "Referred by Dr Selin Kaya (ED) for wrist pain."
    assert list(find_organisations(text)) == []
    text = "Vu par le Dr Anne Morvan (Clinique des Augustins) hier."
    assert [(text[c.start : c.end], c.label) for c in find_organisations(text)] == [
        ("Clinique des Augustins", "INSTITUTION")
    ]


def test_requesting_doctor_town_is_a_place() -> None:
    for text, town in (
        ("Clinical details: requested by Dr Ana Silva, Brookhollow.\n", "Brookhollow"),
        ("Indication : examen demandé par le Dr Yann Kerlo, Plouvenez.\n", "Plouvenez"),
    ):
        kept = [_entity(text, town, "PERSON")]
        assert (town, "LOCATION") in _spans(text, mark_cued_places(text, kept)), text


def test_requesting_doctor_town_traps() -> None:
    for text in (
        "requested by Dr Ana Silva, Consultant.\n",  # a common word, not a town
        "cc: Dr Ana Silva, Brookhollow.\n",  # a copy recipient's list is left alone
        "requested by Dr Ana Silva, ICU.\n",
    ):
        assert all(e.label != "LOCATION" for e in mark_cued_places(text, [])), text


def test_photo_and_birth_towns() -> None:
    for text, town in (
        ("photo prise par Nadia Ferhat à Kervillec (iPhone 13)", "Kervillec"),
        ("picture taken by my son Tomasz in Westhaven; swelling", "Westhaven"),
        ("born 4 Mar 1977 in Dunmore; NHS number", "Dunmore"),
        ("Place of birth: Ashcombe\n", "Ashcombe"),
    ):
        assert (town, "LOCATION") in _spans(text, mark_cued_places(text, [])), text


def test_birth_country_is_no_place_nor_name() -> None:
    text = "Applicant born 12/03/1980 in Poland (POL)\n"
    kept = [_entity(text, "Poland", "PERSON"), _entity(text, "POL", "PATIENT")]
    assert mark_cued_places(text, kept) == []


def test_practices_laboratories_and_universities_are_institutions() -> None:
    for text, name in (
        ("Consultant Radiologist - Brookvale Radiology - contact", "Brookvale Radiology"),
        ("Reported at Ashgrove Diagnostic Imaging today", "Ashgrove Diagnostic Imaging"),
        ("Westmere Radiologists PC - partners", "Westmere Radiologists PC"),
        ("bloods - Laverty Pathology, specimen", "Laverty Pathology"),
        (
            "bilan : laboratoire Cerballiance Toulouse Purpan, prélèvement n° 12",
            "laboratoire Cerballiance Toulouse Purpan",
        ),
        ("Santé étudiante - université de Brest : patient", "université de Brest"),
        ("Student Health - University of Texas at Austin: patient", "University of Texas at Austin"),
    ):
        brand = name.split()[-1] if name.startswith(("laboratoire", "université", "University")) else name.split()[0]
        kept = [_entity(text, brand, "PERSON")]
        assert _spans(text, mark_practices(text, kept)) == [(name, "INSTITUTION")], text


def test_practice_traps_stay_text() -> None:
    for text in (
        "Department of Interventional Radiology.",
        "Diagnostic Imaging report follows.",
        "paediatric radiology and nuclear medicine",
        "General Radiology rota",
    ):
        assert mark_practices(text, []) == [], text


def test_tax_and_student_numbers_are_ids() -> None:
    for text, value in (
        ("numéro fiscal 30 23 456 789 012, revenu", "30 23 456 789 012"),
        ("INE 0123456789A ; licence", "0123456789A"),
        ("SIN 046 454 286, household", "046 454 286"),
    ):
        assert (value, "ID") in [(text[c.start : c.end], c.label) for c in find_cued_ids(text)], text
    assert list(find_cued_ids("a sin of omission; the ine bracket")) == []


def test_photo_file_names_give_their_date_only() -> None:
    text = "IMG_20240611_183042.jpg - knee"
    assert [(text[c.start : c.end], c.label) for c in find_dicom_files(text)] == [("20240611", "DATE")]
    assert list(find_dicom_files("IMG_1234.jpg and report_final_v2.pdf")) == []


def test_registry_oids_are_not_ids() -> None:
    assert is_root_oid("2.16.840.1.113883.2.1.4.1")
    assert not is_root_oid("2.16.840.1.113883.3.7291.1.2.45571")


def test_lab_and_upload_traps() -> None:
    for text, word, label in (
        ("eGFR 66 mL/min/1.73 m² (CKD-EPI 2021)", "CKD-EPI", "PERSON"),
        ("eGFR 66 mL/min/1.73 m²", "mL/min/1.73", "ID"),
        ("creatinine 129 µmol/L, ref. 59-104 µmol/L", "59-104", "ID"),
        ("clairance (Cockcroft-Gault) 80", "Cockcroft-Gault", "PERSON"),
        ("patient(e) : IMG_20210127_224141.jpg", "IMG", "PATIENT"),
        ("Document Doctolib n° 12", "Doctolib", "PERSON"),
        ("prise (Xiaomi Redmi Note 11)", "Redmi", "PATIENT"),
    ):
        assert is_non_identifier(text, _entity(text, word, label)), text


def test_lab_and_upload_trap_counterparts_stay_identifiers() -> None:
    for text, word, label in (
        ("dossier 2019-2024 transmis", "2019-2024", "ID"),  # no reference cue or unit
        ("Dr Pixel a signé", "Pixel", "PERSON"),  # no model after
        ("vue le 3 mars", "3 mars", "DATE"),
        ("Mme Galaxy Morel, 45 ans", "Galaxy Morel", "PATIENT"),
    ):
        assert not is_non_identifier(text, _entity(text, word, label)), text


def test_short_age_unit_and_first_person_complaint_mark_the_patient() -> None:
    for text, name in (
        ("specimen H1\nAmara Osei, 26y: creatinine 92", "Amara Osei"),
        ('photos; Tomasz Nowicki writes: "it has hurt since May"', "Tomasz Nowicki"),
        ("note de Malo Riou : « ça me fait mal depuis lundi »", "Malo Riou"),
    ):
        assert name in [text[s:e] for s, e in patient_spans(text)], text
    for text in (
        'Dr Amara Osei writes: "the scan is normal"',
        "Tomasz Nowicki : « le scanner est normal »",
        "series 3, 26y-old phantom",
    ):
        assert patient_spans(text) == [], text


def test_titled_name_with_a_head_noun_is_no_institution() -> None:
    from xraymatch.reports.deid.named_institutions import institutions_named_after

    assert institutions_named_after("discussed with Dr Wing Yee Chan at 02:40") == []
    text = "seen in the Lister Wing today"
    assert _spans(text, institutions_named_after(text)) == [("Lister Wing", "INSTITUTION")]


def test_health_sciences_centre_is_one_institution() -> None:
    text = "outside study, Sunnybrook Health Sciences Centre)."
    kept = [_entity(text, "Sunnybrook", "LOCATION")]
    assert _spans(text, mark_practices(text, kept)) == [("Sunnybrook Health Sciences Centre", "INSTITUTION")]


def test_kerley_lines_and_post_nominals_are_no_names() -> None:
    from xraymatch.reports.deid.eponyms import slot_eponym
    from xraymatch.reports.deid.honorifics import trim_titles

    for text, word in (("Pas de lignes de Kerley.", "Kerley"), ("no Kerley B lines", "Kerley")):
        start = text.index(word)
        assert slot_eponym(text, start, start + len(word)), text
    text = "Dr Ama Boateng MBBS FRANZCR (Provider No. 1)"
    found = trim_titles(text, [_entity(text, "Ama Boateng MBBS FRANZCR", "PERSON")])
    assert _spans(text, found) == [("Ama Boateng", "PERSON")]


def test_seasons_and_risk_horizons_are_no_identifiers() -> None:
    for text, word, label in (
        ("licence, saison 2024-2025", "2024-2025", "ID"),
        ("FRAX 10-year major osteoporotic fracture risk 22%", "10-year", "AGE"),
    ):
        assert is_non_identifier(text, _entity(text, word, label)), text
    for text, word, label in (
        ("dossier 2024-2025 ouvert", "2024-2025", "ID"),
        ("a 10-year girl with a limp", "10-year", "AGE"),
    ):
        assert not is_non_identifier(text, _entity(text, word, label)), text


def test_post_nominals_alone_and_mc_universities() -> None:
    text = "Dr Ama Boateng MBBS FRANZCR (Provider No. 1)"
    assert is_non_identifier(text, _entity(text, "FRANZCR", "PERSON"))
    assert not is_non_identifier(text, _entity(text, "Boateng", "PERSON"))
    text = "Reviewed by MD and KC on the ward"  # initials, not post-nominals
    assert not is_non_identifier(text, _entity(text, "MD", "PERSON"))
    text = "McGill University Student Wellness Hub - imaging"
    kept = [_entity(text, "McGill", "PERSON")]
    assert _spans(text, mark_practices(text, kept)) == [("McGill University", "INSTITUTION")]
