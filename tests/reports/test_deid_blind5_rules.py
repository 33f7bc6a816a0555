"""De-identification round 5 (after the blind5 audit): each new rule with phrasings of our own, positives and traps.

Covers international phones (country-code grammar, phone cues, slash national numbers), extensions and pagers,
DICOM/RIS key-value dumps and `LAST^First^^Dr` names, DICOM AS ages and foreign age units, ISO date-times, weekday
dates, foreign national identifiers with check digits, badges and member numbers, cities before a bracketed country,
greetings, and the traps (software builds, insurer names, departments, country names, time zones, rooms).
"""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.checksums import chi_valid, ean13_valid, niss_valid
from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.international import COUNTRY_LENGTHS


def labels_of(text: str, value: str, lang: str = "fr") -> set[str]:
    """Labels of the detected spans overlapping the first occurrence of `value`."""
    start = text.index(value)
    end = start + len(value)
    return {e.label for e in detect(text, lang) if e.start < end and start < e.end}


def span_of(text: str, value: str, lang: str = "fr") -> str:
    """The text of the single detected span overlapping `value`."""
    start = text.index(value)
    end = start + len(value)
    found = [text[e.start : e.end] for e in detect(text, lang) if e.start < end and start < e.end]
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------------------------------------ checksums


def test_check_digit_known_answers_and_one_digit_changes() -> None:
    assert ean13_valid("756.9217.0769.85")  # the published AVS example
    assert not ean13_valid("756.9217.0769.84")
    assert niss_valid("85.07.30-033.28")  # the published NISS example
    assert not niss_valid("85.07.30-033.29")
    assert chi_valid("1203456786")  # weights 10..2 over 120345678: sum mod 11 = 5, check 11 - 5 = 6
    assert chi_valid("1507851235")
    assert not chi_valid("1203456787")
    assert not chi_valid("3203456786")  # day 32 is no birth date
    assert not niss_valid("12345")


def test_niss_needs_a_plausible_birth_date() -> None:
    # 97 - (body mod 97) computed for a body with day 65: a valid key but no date, so not a NISS.
    body = "334365923"
    key = 97 - int(body) % 97
    assert not niss_valid(f"{body}{key:02d}")


# --------------------------------------------------------------------------------------------------- phones


@pytest.mark.parametrize(
    "text, value",
    [
        ("Cabinet à Marrakech, joignable au +212 524 33 18 07 le matin.", "+212 524 33 18 07"),
        ("Second avis : Dr Haddad, +961 4 712 330, merci.", "+961 4 712 330"),
        ("Contact overseas office on +216 71 845 220 before noon.", "+216 71 845 220"),
        ("Rappeler le 0032 9 264 31 70 (Gand).", "0032 9 264 31 70"),
        ("Consultant in Ottawa, +1 613 555 0142 ext 2231.", "+1 613 555 0142 ext 2231"),
    ],
)
def test_phone_by_country_code(text: str, value: str) -> None:
    assert labels_of(text, value) == {"PHONE"}


def test_country_code_length_is_checked() -> None:
    assert COUNTRY_LENGTHS["961"] == (7, 8) and COUNTRY_LENGTHS["33"] == (9, 9)
    text = "Valeur +33 12 34 relevée."  # far too short for France: not a phone
    assert "PHONE" not in labels_of(text, "+33 12 34")


@pytest.mark.parametrize(
    "text, value",
    [
        ("Secrétariat - Tél. 04/781234 - du lundi au vendredi.", "04/781234"),
        ("Phone: 09-318 442 (office hours).", "09-318 442"),
        ("Fax 05 62 77 91", "05 62 77 91"),
        ("Adressé par le Dr Saad (03/512 907) pour avis.", "03/512 907"),
    ],
)
def test_cued_and_slash_national_phones(text: str, value: str) -> None:
    assert labels_of(text, value) == {"PHONE"}


@pytest.mark.parametrize(
    "text, value",
    [
        ("Joignable au poste 5587 en journée.", "5587"),
        ("Interne de garde : bip 318.", "318"),
        ("Please page the registrar, bleep 2207, if unstable.", "2207"),
        ("Reach me on ext. 4410 or pager 61.", "4410"),
        ("Reach me on ext. 4410 or pager 61.", "61"),
        ("Secrétariat : DECT 7712", "7712"),
    ],
)
def test_extensions_and_pagers_are_phones(text: str, value: str) -> None:
    assert labels_of(text, value) == {"PHONE"}
    assert "poste" not in span_of(text, value).lower() and "bleep" not in span_of(text, value).lower()


@pytest.mark.parametrize(
    "text, value",
    [
        ("Chambre 412, lit 2.", "412"),
        ("Room 231, bed B.", "231"),
        ("Poste de soins n°2, infirmière présente.", "2"),
        ("Extension of 20 degrees at the knee.", "20"),
        ("Rotation externe 30°, extension 15°.", "15"),
    ],
)
def test_rooms_beds_and_angles_are_not_phones(text: str, value: str) -> None:
    assert "PHONE" not in labels_of(text, value)


# ------------------------------------------------------------------------------------------ key-value dumps


def test_dicom_key_values_are_typed_by_key() -> None:
    text = (
        "PatientName=DUVAL^Agathe\nPatientID=0671234598\nReferringPhysicianName=MOREAU^Paul^^Dr\n"
        "InstitutionName=Riverbend Bone & Joint Clinic\nStationName=CT-ROOM-3\nPatientAge=054Y\n"
        "SoftwareVersions=VE40A\n"
    )
    found = {(e.label, text[e.start : e.end]) for e in detect(text)}
    assert ("PATIENT", "DUVAL^Agathe") in found
    assert ("ID", "0671234598") in found  # a key says ID even when the digits look like a French phone
    assert ("PERSON", "MOREAU^Paul") in found  # the "^^Dr" prefix component is not part of the name
    assert ("INSTITUTION", "Riverbend Bone & Joint Clinic") in found
    assert ("AGE", "054Y") in found
    assert not any("CT-ROOM" in value or "VE40A" in value for _, value in found)


def test_abbreviated_keys_with_colons_and_separators() -> None:
    text = "Pat.Name : NGUYEN^Linh ; Perf.Phys : ABADIE^Jeanne ; Req.Phys : Dr T. Okoro (Kingsway Hospital)"
    assert labels_of(text, "NGUYEN^Linh") == {"PATIENT"}
    assert labels_of(text, "ABADIE^Jeanne") == {"PERSON"}
    assert labels_of(text, "Kingsway Hospital") == {"INSTITUTION"}  # the bracket is not the physician's name


def test_caret_name_with_a_title_prefix_is_staff() -> None:
    text = "Lecture : FONTANA^Ilaria^^Pr ; patient BERGER^Tom"
    assert span_of(text, "FONTANA^Ilaria") == "FONTANA^Ilaria"
    assert labels_of(text, "FONTANA^Ilaria") == {"PERSON"}
    assert labels_of(text, "BERGER^Tom") == {"PATIENT"}


# --------------------------------------------------------------------------------------------------- ages


@pytest.mark.parametrize(
    "text, value",
    [
        ("Patientin: Frau Keller, 71 Jahre, aus Bern.", "71 Jahre"),
        ("Mme Ott (58 J.) adressée pour contrôle.", "58 J."),
        ("Concerne : M. Abid, 44 a., domicilié à Sfax.", "44 a."),
        ("Re: Mr Dunn, 39 y, for review.", "39 y"),
        ("Age string 081Y in the header.", "081Y"),
        ("Infant, DICOM age 009M.", "009M"),
    ],
)
def test_foreign_units_and_dicom_age_strings(text: str, value: str) -> None:
    assert labels_of(text, value) == {"AGE"}


@pytest.mark.parametrize(
    "text, value",
    [
        ("Douleurs depuis 3 a. environ.", "3 a."),
        ("Seit 5 Jahren Beschwerden.", "5 Jahren"),
        ("Contrôle à 1 an.", "1 an"),
        ("Vertebra T12 y shaped lucency.", "12"),
    ],
)
def test_durations_and_levels_are_not_ages(text: str, value: str) -> None:
    assert "AGE" not in labels_of(text, value)


# -------------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, value",
    [
        ("Signé le 2023-03-09T07:58:12+01:00 par le Dr Paul.", "2023-03-09"),
        ("Report finalised 2022-12-30T23:59Z.", "2022-12-30"),
        ("Acquired 2021-05-04T10:20:30-04:00 (EDT).", "2021-05-04"),
    ],
)
def test_iso_date_time_calendar_part_is_the_date(text: str, value: str) -> None:
    assert span_of(text, value) == value  # the time of day and the zone are not part of it
    assert labels_of(text, value) == {"DATE"}
    assert "DATE" not in labels_of(text, "+01:00" if "+01:00" in text else text[text.index(value) + 11 :][:5])


@pytest.mark.parametrize(
    "text, value",
    [
        ("Examen du jeudi 14 novembre réalisé au CHU.", "jeudi 14 novembre"),
        ("Seen on Wed 2 Oct by the team.", "Wed 2 Oct"),
        ("Seen on Friday, 7 June 2024 in clinic.", "Friday, 7 June 2024"),
        ("Review planned for Tuesday, March 4.", "Tuesday, March 4"),
    ],
)
def test_weekday_belongs_to_the_date(text: str, value: str) -> None:
    assert span_of(text, value) == value


def test_date_range_bare_first_day() -> None:
    text = "Hospitalisée du 12 au 19 février 2024."
    assert labels_of(text, "12") == {"DATE"} and labels_of(text, "19 février 2024") == {"DATE"}


# ------------------------------------------------------------------------------------------ identifiers


@pytest.mark.parametrize(
    "text, value",
    [
        ("Assuré AHV 756.9217.0769.85, dossier suisse.", "756.9217.0769.85"),
        ("Numéro national 85.07.30-033.28 (Belgique).", "85.07.30-033.28"),
        ("Staff badge: B-77120.", "B-77120"),
        ("Insurer Vitality, member ID 418-229107.", "418-229107"),
        ("Mutuelle - n° adhérent 55102931.", "55102931"),
        ("CIN : QB778213 ; passeport à jour.", "QB778213"),
        ("Medicare MBI 3RT7-QW8-NP41 on file.", "3RT7-QW8-NP41"),
    ],
)
def test_foreign_national_ids_badges_and_member_numbers(text: str, value: str) -> None:
    assert labels_of(text, value) == {"ID"}


def test_wrong_check_digit_is_no_context_free_id() -> None:
    text = "Valeur 756.9217.0769.84 mesurée."  # one digit off: not an AVS, left to the long-number rule
    assert detect(text)  # still masked as a long number
    assert span_of(text, "756.9217.0769.84") in ("756.9217.0769.84", "9217.0769.84")


@pytest.mark.parametrize(
    "text, value",
    [
        ("Console software build 8.4.1107 ; 70 kV.", "8.4.1107"),
        ("Logiciel version 12.2.4012 installé.", "12.2.4012"),
        ("Contraste Iomeron, lot 5521093.", "5521093"),
    ],
)
def test_versions_and_lots_are_not_ids(text: str, value: str) -> None:
    assert "ID" not in labels_of(text, value)


# ----------------------------------------------------------------------------------- places, institutions


@pytest.mark.parametrize(
    "text, city, country",
    [
        ("Adresse : 12 derb Sidi, Fès (Maroc)", "Fès", "Maroc"),
        ("Home: Dundee (Scotland), lives alone.", "Dundee", "Scotland"),
        ("Domicile : Zahlé (Liban)", "Zahlé", "Liban"),
        ("Résidence : Differdange (Luxembourg)", "Differdange", "Luxembourg"),
    ],
)
def test_city_before_a_bracketed_country(text: str, city: str, country: str) -> None:
    assert labels_of(text, city) == {"LOCATION"}
    assert not labels_of(text, f"({country})")  # country names are not labelled


def test_hospital_heads_of_other_countries() -> None:
    text = "Copie : Dr Rania Sfeir, Hôpitaux Iris Sud\nAvis du CHEM Niederkorn et de l'EHU de Sétif."
    assert labels_of(text, "Hôpitaux Iris Sud") == {"INSTITUTION"}
    assert "INSTITUTION" in labels_of(text, "CHEM")
    assert labels_of(text, "EHU de Sétif") == {"INSTITUTION"}
    t2 = "Riverside Orthopaedic Centre\nDepartment of Orthopaedic Surgery\n"
    assert labels_of(t2, "Riverside Orthopaedic Centre", "en") == {"INSTITUTION"}
    assert not labels_of(t2, "Department of Orthopaedic Surgery", "en")  # a department, not an institution


def test_insurer_names_are_not_labelled() -> None:
    text = "Insurer: Blue Cross Blue Shield, member ID 883-102938\nInsurer: Allianz Health, policy 4410293\n"
    assert not labels_of(text, "Blue Cross Blue Shield", "en")
    assert not labels_of(text, "Allianz Health", "en")


# ---------------------------------------------------------------------------------------------- names


def test_identity_line_names_the_patient() -> None:
    text = "Identity: HOLIDAY, June - 52 y - Perth (Australia)\n"
    assert labels_of(text, "HOLIDAY", "en") == {"PATIENT"}
    assert labels_of(text, "June", "en") == {"PATIENT"}
    assert labels_of(text, "52 y", "en") == {"AGE"}
    assert labels_of(text, "Perth", "en") == {"LOCATION"}


@pytest.mark.parametrize(
    "text, value, expected",
    [
        ("Bonjour Romain,\nvoici le compte rendu.", "Romain", {"PERSON"}),
        ("Hi Siobhan,\nsee below.", "Siobhan", {"PERSON"}),
        ("Dear Colleague,\nthank you.", "Colleague", set()),
        ("Bonjour Docteur,\nmerci.", "Docteur", set()),
    ],
)
def test_greetings_name_the_addressee(text: str, value: str, expected: set[str]) -> None:
    assert labels_of(text, value) == expected


# ---------------------------------------------------------------------------------------------- traps


@pytest.mark.parametrize(
    "text",
    [
        "Fracture Garden III, AO 31-B2, Schatzker IV, Gustilo IIIA, Weber B, Neer 3 parts, Mason II.",
        "StationName : DRX2-URG ; software build 6.1.2001 ; lot 8812034.",
        "Time zone: UTC+02:00, acquired at 14:05.",
        "Chambre 214, lit B, service de rhumatologie.",
    ],
)
def test_traps_stay_untouched(text: str) -> None:
    assert detect(text) == []
