"""Round-15 rules (mrz.py, calendar_dates.py, procedure_patients.py, normalise.py, non_identifiers.py), tuned on
blind14's misses, with phrasings of our own: passport MRZs, year-first dates in either day/month order, towns on
copy lines and after "arrived in", OCR'd phone digits, device makers with their models, eponymous adjectives,
methods' authors and bone ages; each with its traps."""

from __future__ import annotations

import pytest

from tests.reports.gold_spans import span_of as _span
from tests.reports.gold_spans import spans_of as _spans
from xraymatch.reports.deid.calendar_dates import mark_calendar_dates
from xraymatch.reports.deid.mrz import mark_mrz
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.deid.normalise import normalise
from xraymatch.reports.deid.pipeline import DeidConfig, detect_entities
from xraymatch.reports.deid.procedure_patients import mark_procedure_patients
from xraymatch.reports.entities import Entity

_MRZ = (
    "Contrôle OFII\nP<SENNDIAYE<<AMINATA<FATOU<<<<<<<<<<<<<<<<<<<<\n"
    "XB41773052SEN9002147F3107191<<<<<<<<<<<<<<06\nMédecin agréé : Dr Paul Lenoir"
)


def test_mrz_is_read_field_by_field_replacing_earlier_spans() -> None:
    line2 = _MRZ.split("\n")[2]
    out = mark_mrz(_MRZ, [_span(_MRZ, line2, "ID"), _span(_MRZ, "Paul Lenoir", "PERSON")])
    assert _spans(_MRZ, out) == {
        ("NDIAYE<<AMINATA<FATOU", "PATIENT"),
        ("XB4177305", "ID"),
        ("900214", "DATE"),
        ("310719", "DATE"),
        ("Paul Lenoir", "PERSON"),
    }


def test_mrz_with_fillers_in_the_number_keeps_the_number_only() -> None:
    text = "P<GBRSMITH<<JOHN<<<<<<<<<<<<<<<<<<<<<<<<<<<<<\n12345678<1GBR7501019M2812315<<<<<<<<<<<<<<02\n"
    assert ("12345678", "ID") in _spans(text, mark_mrz(text, []))


@pytest.mark.parametrize(
    "text",
    [
        # a month 13: not a date, the zone is left to the other passes
        "P<FRADUPONT<<JEAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nAB1234567<8FRA8013014M3001019<<<<<<<<<<<<<<02\n",
        # one line only, or no "<<" between surname and given names
        "P<FRADUPONT<<JEAN<<<<<<<<<<<<<<<<<<<<<<<<<<<<\nNo second line here.",
        "Code P<FRADUPONT JEAN\nAB1234567<8FRA8001014M3001019<<<<<<<<<<<<<<02\n",
    ],
)
def test_non_mrz_text_is_left_alone(text: str) -> None:
    entities = [Entity(0, 3, "ID")]
    assert mark_mrz(text, entities) == entities


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("naissance déclarée 1961/23/04, contrôle", "1961/23/04"),
        ("DOB keyed as 2001-30-11 by the clerk", "2001-30-11"),
        ("born 1975.08.09 in Lyon", "1975.08.09"),
    ],
)
def test_year_first_dates_in_either_order_are_date_replacing_an_id(text: str, date: str) -> None:
    assert _spans(text, mark_calendar_dates(text, [_span(text, date, "ID")])) == {(date, "DATE")}


@pytest.mark.parametrize(
    "text",
    [
        "PV n° 2019/12/05 transmis",  # a record number after its key
        "réf. 2020-11-03 archivée",
        "valeurs 1999/31/31 aberrantes",  # no calendar day in either order
        "version 2021.10.3.4",  # four parts
    ],
)
def test_year_first_traps_are_not_dates(text: str) -> None:
    assert not any(e.label == "DATE" for e in mark_calendar_dates(text, []))


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Compte rendu.\ncc Imogen Thorne, Little Dunmow\n", "Little Dunmow"),
        ("Copie : Dr Marc Aubry, Saint-Jean-de-Luz\n", "Saint-Jean-de-Luz"),
        ("Copy to: Harriet Vane, Bournemouth.\n", "Bournemouth"),
        ("Mineur isolé, 16 ans, arrivé à Briançon\n", "Briançon"),
        ("unaccompanied, 15 years, arrived in Folkestone, referred by social care", "Folkestone"),
    ],
)
def test_towns_on_copy_lines_and_after_arrival_are_location(text: str, town: str) -> None:
    out = mark_procedure_patients(text, [_span(text, town, "PERSON")])
    assert _spans(text, out) == {(town, "LOCATION")}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("cc Dr Owen Jones, Radiology\n", "Radiology"),  # a department, not a place
        ("cc Ella Ford, Sam Hunt\nNext line", "Sam Hunt"),  # a second addressee
        ("cc : Cécile Roy, Laroche\n", "Laroche"),  # a surname alone: a second addressee, not town-shaped
        ("cc : Marie Denis, Le Guen\n", "Le Guen"),
        ("cc: Dr Ada Price, Mount Carmel Hospital\n", "Mount Carmel Hospital"),  # an institution, not a town
        ("Copie : Pr Anne Morel, Service de Pneumologie\n", "Service de Pneumologie"),
        ("arrived in Resus at 10:40 with Dr Lee", "Resus"),  # no line end or punctuation after the cue's words
    ],
)
def test_copy_line_and_arrival_traps_are_not_locations(text: str, word: str) -> None:
    out = mark_procedure_patients(text, [_span(text, word, "PERSON")])
    assert _spans(text, out) == {(word, "PERSON")}


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("rappeler le O2 97 4S I2 88.", "rappeler le 02 97 45 12 88."),
        ("fax (0I632 7O4811)", "fax (01632 704811)"),
        ("+44 (O)20 7946 OOI8 ok", "+44 (0)20 7946 0018 ok"),
    ],
)
def test_ocr_letters_in_phone_numbers_are_read_as_digits(damaged: str, repaired: str) -> None:
    assert normalise(damaged).text == repaired


@pytest.mark.parametrize(
    "text",
    [
        "ISO 9001 OS 2 1 certified",  # too few digit-like characters
        "OSIOS lesion",  # a word
        "tel 01 23 45 67 89",  # clean: nothing to repair
        "code OOIS-OISO-OOO",  # fewer than 6 true digits
    ],
)
def test_phone_repair_traps(text: str) -> None:
    assert normalise(text).text == text


def test_ocr_phone_is_found_as_phone_by_the_whole_system() -> None:
    text = "Demande du Dr Paul Verne (O2 99 4S I2 77) pour radiographie."
    found = detect_entities(text, "fr", DeidConfig())
    assert any(e.label == "PHONE" and "4S" in text[e.start : e.end] for e in found)


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("Notes: knee, Stryker Triathlon implant in place.", "Stryker Triathlon", "PERSON"),
        ("pacemaker check; Medtronic Azure XT MRI conditional", "Medtronic Azure", "PERSON"),
        ("trompe : Eustachian tube patent", "Eustachian", "PERSON"),
        ("Sylvian fissure widened", "Sylvian", "PERSON"),
        ("Maturation dentaire : Demirjian stage G.", "Demirjian", "PERSON"),
        ("âge osseux 16 ans selon Greulich et Pyle", "16 ans", "AGE"),
        ("bone age (Greulich & Pyle): 15 years", "15 years", "AGE"),
        ("skeletal age 17 years.", "17 years", "AGE"),
    ],
)
def test_devices_eponym_adjectives_methods_and_bone_ages_are_not_identifiers(text: str, span: str, label: str) -> None:
    assert is_non_identifier(text, _span(text, span, label))


@pytest.mark.parametrize(
    ("text", "span", "label"),
    [
        ("Reviewed with Dr Abbott Kline today.", "Abbott Kline", "PERSON"),  # a title: a person
        ("cc Boston Reed, Leeds", "Boston Reed", "PERSON"),  # a maker's word then a plain surname
        ("Mrs Julian Ford attended", "Julian Ford", "PERSON"),
        ("patient âgé de 17 ans, âge allégué", "17 ans", "AGE"),  # the person's own age
        ("claimed age 16 years", "16 years", "AGE"),
    ],
)
def test_people_and_real_ages_stay_identifiers(text: str, span: str, label: str) -> None:
    assert not is_non_identifier(text, _span(text, span, label))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Télécopie - concerne :\nDUVAL-\nLEROY\nde la part du Dr Henri", "DUVAL-\nLEROY"),  # wrapped across lines
        ("Fax cover - re: HOLLIS-\n-BRENT\nsent by reception", "HOLLIS-\n-BRENT"),
        ("Body received; name as transmitted: MÃ©lanie PORTE\nOfficer: x", "MÃ©lanie PORTE"),  # mojibake kept in
        ("Le mineur se dit Karim Benali, né en 2008.", "Karim Benali"),
        ("Record redacted: first name left: Oona [NAME]", "Oona"),
        ("identité transmise : Aline Roux\nMagistrat : M. X", "Aline Roux"),
    ],
)
def test_subject_and_passed_on_names_are_patient(text: str, name: str) -> None:
    from xraymatch.reports.deid.patient_cues import mark_patients

    start = text.index(name)
    out = mark_patients(text, [Entity(start, start + 3, "PERSON")])
    assert (name, "PATIENT") in _spans(text, out)


@pytest.mark.parametrize(
    "text",
    [
        "Re: CT Thorax protocol\nplease review",  # a subject that names no one and no layer found a name
        "concerne : Demande d'avis\n",
    ],
)
def test_subject_lines_without_a_found_name_add_nothing(text: str) -> None:
    from xraymatch.reports.deid.patient_cues import mark_patients

    assert mark_patients(text, []) == []


@pytest.mark.parametrize(
    ("damaged", "repaired"),
    [
        ("Mme HÃ©lÃ¨ne BÃ‰RARD", "Mme Hélène BÉRARD"),
        ("Zoe SÃ˜RENSEN, FranÃ§ois", "Zoe SØRENSEN, François"),
    ],
)
def test_mojibake_is_decoded_in_the_view(damaged: str, repaired: str) -> None:
    view = normalise(damaged)
    assert view.text == repaired
    i = repaired.index("SØ" if "SØ" in repaired else "Hé")
    start, end = view.to_input(i, i + 2)
    assert damaged[start:end] in ("SÃ˜", "HÃ©")


@pytest.mark.parametrize("text", ["Prix 10 â‚¬ « guillemets » et café", "Ã  la ligne", "naïve Â"])
def test_mojibake_traps_are_left(text: str) -> None:
    assert normalise(text).text == text


@pytest.mark.parametrize(
    ("text", "institution"),
    [
        ("Réquisition du juge d'instruction de Quimper (PV 12)", "juge d'instruction de Quimper"),
        ("saisine du juge des tutelles de Vannes, le 3 mai", "juge des tutelles de Vannes"),
        ("Requested by HM Senior Coroner for West Yorkshire\n", "HM Senior Coroner for West Yorkshire"),
        ("referred by Surrey County Council Children's Services\n", "Surrey County Council Children's Services"),
    ],
)
def test_judges_coroners_and_councils_are_institutions(text: str, institution: str) -> None:
    from xraymatch.reports.deid.authorities import find_authorities

    found = {text[c.start : c.end] for c in find_authorities(text) if c.label == "INSTITUTION"}
    assert institution in found


@pytest.mark.parametrize("text", ["le juge a tranché", "the coroner was informed", "a council of elders met"])
def test_judge_coroner_council_traps(text: str) -> None:
    from xraymatch.reports.deid.authorities import find_authorities

    assert not list(find_authorities(text))


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("Leeds General Infirmary, Oliver Knoll, Hopeton LS1 3EX\n", "Oliver Knoll"),
        ("Flat 2, 14 Martha Plains, Westbury BA13 4HE", "Martha Plains"),
    ],
)
def test_person_looking_streets_before_a_town_and_postcode_are_location(text: str, street: str) -> None:
    from xraymatch.reports.deid.street_names import mark_street_names

    out = mark_street_names(text, [_span(text, street, "PERSON")])
    assert (street, "LOCATION") in _spans(text, out)


@pytest.mark.parametrize(
    "text",
    [
        "Reviewed by Jack Hill, radiographer, Leeds LS1 3EX",  # no town + postcode right after the name
        "cc Anna Brook, consultant",
    ],
)
def test_person_names_with_street_words_stay_names(text: str) -> None:
    from xraymatch.reports.deid.street_names import mark_street_names

    name = "Jack Hill" if "Jack" in text else "Anna Brook"
    out = mark_street_names(text, [_span(text, name, "PERSON")])
    assert _spans(text, out) == {(name, "PERSON")}


def test_method_author_before_a_stage_is_no_place() -> None:
    text = "Clavicule : Schmeling stade 4."
    assert is_non_identifier(text, _span(text, "Schmeling", "LOCATION"))


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Merci de rappeler Mme Kerbrat au 06 11 22 33 44 pour les résultats de son fils.", "Kerbrat", "PERSON"),
        ("Please ring Mr Odell back on 07700 900 111 regarding his wife's CT.", "Odell", "PERSON"),
        # the patient called about their own results stays PATIENT
        ("Rappeler Mme Kerbrat au 06 11 22 33 44 pour ses résultats.", "Kerbrat", "PATIENT"),
        ("Call Mr Odell; his wife will drive him.", "Odell", "PATIENT"),  # a new sentence: not whose exam
    ],
)
def test_callback_about_a_relatives_results_is_person(text: str, name: str, label: str) -> None:
    from xraymatch.reports.deid.refine import refine

    out = refine(text, [_span(text, name, "PATIENT")])
    assert (name, label) in _spans(text, out)


def test_institution_run_onto_a_record_number_label_is_cut_at_the_line_break() -> None:
    from xraymatch.reports.deid.refine import refine

    text = "Signed off by Lena Brandt\nHospital no. 44120917\n"
    out = refine(text, [Entity(14, text.index(" no."), "INSTITUTION")])
    assert ("Lena Brandt", "PERSON") in _spans(text, out)


def test_real_institution_across_lines_is_kept() -> None:
    from xraymatch.reports.deid.refine import refine

    text = "Adressé au Centre Hospitalier\nde Cornouaille, service X"
    span = Entity(11, text.index(","), "INSTITUTION")
    assert _spans(text, refine(text, [span])) == {("Centre Hospitalier\nde Cornouaille", "INSTITUTION")}
