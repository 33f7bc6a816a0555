"""Round-9 rules, tuned on the blind8 audit's misses (FHIR/CDA structure, patients after foreign and paperwork
lead-ins, nicknames, IBANs, plates, permits, booking references, courts and firms, neighbours and widows, pager
owners), on phrasings of our own, with their traps (registry numbers, protocol acronyms, FHIR system URLs and codes,
eponyms beside a same-named doctor)."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.paperwork import registry_traps


def _spans(text: str, net: bool = False) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in detect(text, safety_net=net)]


def _label_of(text: str, value: str, net: bool = False) -> str | None:
    return next((label for v, label in _spans(text, net) if v == value), None)


# ------------------------------------------------------------------------------------------------- FHIR and CDA


def test_fhir_patient_names_are_patient_and_practitioner_names_person() -> None:
    text = (
        '{"resourceType": "Patient", "name": [{"family": "Kervella", "given": ["Yannick", "Loïc"]}], '
        '"birthDate": "1961-02-14"}\n'
        '{"resourceType": "Practitioner", "name": [{"family": "Oyelaran", "given": ["Tunde"]}]}'
    )
    spans = _spans(text)
    assert ("Kervella", "PATIENT") in spans and ("Yannick", "PATIENT") in spans and ("Loïc", "PATIENT") in spans
    assert ("Oyelaran", "PERSON") in spans and ("Tunde", "PERSON") in spans


def test_fhir_subject_display_is_the_patient_and_identifier_values_are_ids() -> None:
    text = (
        '{"subject": {"reference": "Patient/ab12", "display": "Ines Valcourt"}, '
        '"identifier": [{"system": "https://example.org/mrn", "value": "0612345678"}]}'
    )
    spans = _spans(text)
    assert ("Ines Valcourt", "PATIENT") in spans
    assert ("0612345678", "ID") in spans  # an identifier value, even shaped like a phone number


def test_fhir_system_urls_and_codes_are_not_identifiers() -> None:
    text = (
        '{"identifier": [{"system": "http://hl7.org/fhir/sid/us-ssn", "value": "A77310"}], '
        '"code": {"coding": [{"system": "http://loinc.org", "code": "36643-5"}]}}'
    )
    values = [v for v, _ in _spans(text, net=True)]
    assert "http://hl7.org/fhir/sid/us-ssn" not in values and "http://loinc.org" not in values
    assert "36643-5" not in values and "A77310" in values


def test_fhir_telecom_values_stay_phones() -> None:
    text = '{"telecom": [{"system": "phone", "value": "+33 6 12 34 56 78"}]}'
    assert _label_of(text, "+33 6 12 34 56 78") == "PHONE"


def test_cda_patient_names_birth_time_and_id_extension() -> None:
    text = (
        '<recordTarget><patientRole><id root="1.2.3.4.5" extension="77120034"/><patient><name>'
        '<given>Soizic</given><family>Le Bihan</family></name><birthTime value="19550823"/></patient>'
        "</patientRole></recordTarget><author><assignedAuthor><assignedPerson><name><given>Hamid</given>"
        "<family>Bensaid</family></name></assignedPerson></assignedAuthor></author>"
    )
    spans = _spans(text)
    assert ("Soizic", "PATIENT") in spans and ("Le Bihan", "PATIENT") in spans
    assert ("19550823", "DATE") in spans and ("77120034", "ID") in spans
    assert ("Hamid", "PERSON") in spans and ("Bensaid", "PERSON") in spans
    assert all(v != "1.2.3.4.5" for v, _ in spans)


# ---------------------------------------------------------------------------------------- who the paper is about


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Paziente : Giulia Ferraresi, nata il 02/03/1979.", "Giulia Ferraresi"),
        ("Grenzgänger : Herr Malte Osterkamp, geb. am 01.02.1970.", "Malte Osterkamp"),
        ("Portuguese resident Tiago Amaral, born 1 May 1966.", "Tiago Amaral"),
        ("Expert report on Dorothy Quartermaine; instructed by the insurer.", "Dorothy Quartermaine"),
        ("Casualty later identified as Ruairi Brennan.", "Ruairi Brennan"),
        ("SMS : Bonsoir Gwenaëlle, votre IRM est confirmée.", "Gwenaëlle"),
    ],
)
def test_a_name_after_a_patient_lead_in_is_the_patient(text: str, name: str) -> None:
    assert _label_of(text, name) == "PATIENT"


def test_a_nickname_is_the_patient_and_so_is_the_name_it_follows() -> None:
    spans = _spans("Admis : Lucien Carrasco dit « Lulu », 77 ans.")
    assert ("Lulu", "PATIENT") in spans and ("Lucien Carrasco", "PATIENT") in spans
    assert _label_of("Transfer - Beatrice Holloway (known as Trixie), DOB 2/2/50", "Trixie") == "PATIENT"


def test_crf_initials_are_the_patient() -> None:
    assert _label_of("Centre 07 - Patient 07-031 - Initiales J-P - visite 2", "J-P") == "PATIENT"


def test_neighbours_widows_pager_owners_and_specialists_are_not_the_patient() -> None:
    text = (
        "Mme Odile Sarrazin, 84 ans, retrouvée par sa voisine Mme Paule Tessier ; veuve de M. Jules Sarrazin.\n"
        "Interne joignable au bip 4417 (Agathe Moreau).\nMDT: Dr Ken Ito (radiology), Mr Sam Pike (orthopaedics)."
    )
    spans = _spans(text)
    assert ("Paule Tessier", "PERSON") in spans and ("Jules Sarrazin", "PERSON") in spans
    assert ("Agathe Moreau", "PERSON") in spans and ("Sam Pike", "PERSON") in spans
    assert all(v != "joignable" for v, _ in spans)  # a lower-case word after a role is no name


def test_lower_case_staff_names_after_a_dictation_cue() -> None:
    assert _label_of("Dictated by doc okonkwo (voice recognition).", "okonkwo") == "PERSON"
    assert _label_of("Compte rendu dicté par doc le 3 mars.", "le") is None


# ------------------------------------------------------------------------------------------------------- numbers


def test_iban_is_an_id_only_when_its_check_digits_hold() -> None:
    good = "Virement sur IBAN DE89 3704 0044 0532 0130 00 avant le 30."
    assert _label_of(good, "DE89 3704 0044 0532 0130 00") == "ID"
    bad = "Virement sur IBAN DE88 3704 0044 0532 0130 00 avant le 30."
    assert _label_of(bad, "DE88 3704 0044 0532 0130 00") != "ID"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Moto immatriculée GH-417-KT percutée à l'arrêt.", "GH-417-KT"),
        ("Car involved: vehicle reg. YR68 WQP, driver restrained.", "YR68 WQP"),
        ("Passport no. 19XK55021 seen at reception.", "19XK55021"),
        ("Titre de séjour n° QTRMLKPZ présenté.", "QTRMLKPZ"),
        ("Your booking ref WXKQ8812. Reply STOP to opt out.", "WXKQ8812"),
        ("N/Réf : IMG-55120 - 2 pages", "IMG-55120"),
        ("Paciente identificada con DNI 44556677K.", "44556677K"),
        ("CRF header - Subject 14-0092 - visit 3", "14-0092"),
    ],
)
def test_cued_paperwork_numbers_are_ids(text: str, value: str) -> None:
    assert _label_of(text, value) == "ID"


def test_a_month_year_of_birth_is_a_date() -> None:
    assert _label_of("Sujet 11-204 - DOB 1948-11 - bras B", "1948-11") == "DATE"


def test_an_appointment_date_is_no_reference() -> None:
    assert _label_of("Case manager: Ann Lowry, appointment 03/11/2021", "03/11/2021") == "DATE"


def test_crew_surname_and_patient_age_in_a_handover() -> None:
    text = "crew: Ian Moss, Keeley Dunn, HARGREAVE\nPatient: Rita Fenwick, 72F, NEWS2 3"
    spans = _spans(text)
    assert ("HARGREAVE", "PERSON") in spans and ("72F", "AGE") in spans


# ------------------------------------------------------------------------------------------------ institutions


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Affaire pendante devant le Tribunal judiciaire de Rennes, RG n° 22/0481.", "Tribunal judiciaire de Rennes"),
        ("In the County Court at Swindon, claim no. H40ZX112.", "County Court at Swindon"),
        ("Hearing listed at Thornbury Crown Court next month.", "Thornbury Crown Court"),
        ("Instructed by Pell & Maddox Solicitors on behalf of the claimant.", "Pell & Maddox Solicitors"),
        ("Accident du travail chez son employeur Menuiserie Quéré le 4 mai.", "Menuiserie Quéré"),
        ("Ricovero precedente all'Ospedale San Gerardo per frattura.", "Ospedale San Gerardo"),
    ],
)
def test_courts_firms_employers_and_foreign_hospitals_are_institutions(text: str, value: str) -> None:
    assert _label_of(text, value) == "INSTITUTION"


def test_a_fax_sent_by_a_person_is_not_an_institution() -> None:
    text = "From: Norma Pettigrew, fax 01632 960111\nFrom: Westbrook Imaging, fax 01632 960222"
    assert _label_of(text, "Westbrook Imaging") == "INSTITUTION"
    assert _label_of(text, "Norma Pettigrew") != "INSTITUTION"


# --------------------------------------------------------------------------------------------------------- traps


def test_registry_numbers_and_protocol_acronyms_are_never_identifiers() -> None:
    text = "Inclusion dans l'essai KNEEFIX-2 (EudraCT 2020-004512-33, NCT04455123), centre 05."
    values = [v for v, _ in _spans(text, net=True)]
    for trap in ("KNEEFIX-2", "EudraCT", "2020-004512-33", "NCT04455123", "05"):
        assert trap not in values
    assert registry_traps(text)


def test_a_record_number_after_study_is_still_an_id() -> None:
    assert _label_of("Record #22093311 - study A2019-3344120\nNo acute findings.", "A2019-3344120") == "ID"


def test_bracketed_mnemonics_are_left_alone_by_the_net_but_institution_acronyms_kept() -> None:
    assert _label_of("PRE-ALERT (ASHICE) - crew: Dr Noor Haddad", "ASHICE", net=True) is None
    assert _label_of("Comparaison : cliché du 02/03/21 (CHUM).", "CHUM") == "INSTITUTION"


def test_eponym_stays_unlabelled_beside_a_same_named_doctor() -> None:
    text = "Vu par le Dr Paget. Aspect évocateur d'une maladie de Paget du bassin."
    spans = _spans(text, net=True)
    assert ("Paget", "PERSON") in spans
    assert sum(1 for v, _ in spans if v == "Paget") == 1


def test_compound_words_with_a_name_part_are_not_names_for_the_net() -> None:
    assert _label_of("Hi Colm, your X-ray is booked for Tuesday.", "X-ray", net=True) is None
