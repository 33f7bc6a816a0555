"""De-identification round 4 (after the blind4 audit): each new rule with phrasings of our own, positives and traps.

Covers the OCR-repaired view (hyphenated line breaks, digit/letter confusions, damaged head words), numbers and dates
in words, infant ages, dictated phones, obfuscated e-mails, spelled-out names, relatives versus the patient, role
words, all-caps banners, professional numbers, equipment serials and eponyms with a grade.
"""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.normalise import normalise
from xraymatch.reports.deid.spoken import spoken_digits


def spans(text: str, lang: str = "fr") -> list[tuple[str, str]]:
    return [(e.label, text[e.start : e.end]) for e in detect(text, lang)]


def labels_of(text: str, value: str, lang: str = "fr") -> set[str]:
    """Labels of the detected spans overlapping the first occurrence of `value`."""
    start = text.index(value)
    end = start + len(value)
    return {e.label for e in detect(text, lang) if e.start < end and start < e.end}


# ------------------------------------------------------------------------------------------------ OCR view


def test_view_maps_back_onto_the_input_and_is_the_text_itself_when_clean() -> None:
    clean = "Radiographie du poignet le 04/05/2022."
    assert normalise(clean).text is clean and normalise(clean).origin is None
    text = "Nom : BOUR-\nDIEU Hélène\nNée le 2O/1O/1950, vue à la C1inique des Lilas"
    view = normalise(text)
    assert "BOURDIEU" in view.text and "20/10/1950" in view.text and "Clinique des Lilas" in view.text
    found = dict((label, value) for label, value in spans(text))
    assert found["PATIENT"].startswith("BOUR-\nDIEU")  # offsets are the input's, the hyphen break inside
    assert found["DATE"] == "2O/1O/1950"
    assert found["INSTITUTION"] == "C1inique des Lilas"


@pytest.mark.parametrize(
    "token, repaired",
    [("R0BERTS", "ROBERTS"), ("Mart1ne", "Martlne"), ("5aint", "Saint"), ("Ju1ien", "Julien"), ("G1LBERT", "GILBERT")],
)
def test_digits_read_for_letters_are_repaired(token: str, repaired: str) -> None:
    assert normalise(f"vu par {token} hier").text == f"vu par {repaired} hier"


@pytest.mark.parametrize("code", ["T12", "L4-L5", "C1", "ZBQK002", "S52.50", "1ère", "5mm", "3D", "H2O", "SW1A", "K1H"])
def test_codes_units_and_postcodes_are_not_repaired(code: str) -> None:
    assert normalise(f"niveau {code} ici").text == f"niveau {code} ici"


def test_ocr_damaged_head_words_and_dates() -> None:
    assert labels_of("MERCER Medical Ccnter\n12 Oak Road", "MERCER Medical Ccnter", "en") == {"INSTITUTION"}
    assert labels_of("Patient: DUVAL, Ines\nD0B: O7/1l/1944", "O7/1l/1944", "en") == {"DATE"}
    assert labels_of("Date de naissance : 1 4/06/1971", "1 4/06/1971") == {"DATE"}  # a stray space after the day


# ------------------------------------------------------------------------------------------- spoken forms


@pytest.mark.parametrize(
    "text, value",
    [
        ("examen du douze avril deux mille dix-neuf virgule", "douze avril deux mille dix-neuf"),
        ("née le premier octobre mille neuf cent quarante-sept point", "premier octobre mille neuf cent quarante-sept"),
        ("dernier contrôle en juin deux mille vingt et un", "juin deux mille vingt et un"),
        ("seen on September twelfth, nineteen ninety-nine comma", "September twelfth, nineteen ninety-nine"),
        ("born the ninth of November two thousand and three", "ninth of November two thousand and three"),
        ("review on the 14th of June", "14th of June"),
    ],
)
def test_dates_in_words(text: str, value: str) -> None:
    assert labels_of(text, value) == {"DATE"}


@pytest.mark.parametrize(
    "text, value",
    [
        ("Mme X, âgée de quatre-vingt-deux ans, chute", "quatre-vingt-deux ans"),
        ("a sixty-four years old man", "sixty-four years old"),
        ("bébé de 5 semaines, pleurs", "5 semaines"),
        ("the infant, aged 10 weeks, was seen", "10 weeks"),
        ("twin A, 12 days old, NICU", "12 days old"),
        ("AGE: 9m  SEX: F", "9m"),
        ("Identité : DIOP Awa, 71a. Motif : chute", "71a"),
    ],
)
def test_ages_in_words_and_infant_units(text: str, value: str) -> None:
    assert labels_of(text, value) == {"AGE"}


@pytest.mark.parametrize(
    "text",
    [
        "Douleur depuis il y a trois semaines.",
        "Chute il y a deux ans, traitée.",
        "Pain for three weeks, worse two days ago.",
        "Contrôle dans quatre semaines.",
    ],
)
def test_durations_in_words_are_not_ages(text: str) -> None:
    assert spans(text) == []


def test_spoken_digits_known_answers() -> None:
    assert spoken_digits("zéro trois quatre-vingt-dix-sept soixante et onze vingt deux") == "03977122"
    assert spoken_digits("oh one double four nine") == "01449"
    assert spoken_digits("deux mille vingt") is None  # a quantity, not a number read out


@pytest.mark.parametrize(
    "text, value",
    [
        ("pour joindre le service appelez le zéro un quarante-cinq soixante-sept douze trente point", None),
        ("please ring oh one six one four nine six zero one two three full stop", None),
    ],
)
def test_dictated_phones(text: str, value: str | None) -> None:
    found = spans(text)
    assert [label for label, _ in found] == ["PHONE"]
    assert found[0][1].split()[0] in ("zéro", "oh")


def test_spoken_counts_are_not_phones() -> None:
    assert spans("Trois fragments, deux vis et une plaque ; quatre clichés.") == []


@pytest.mark.parametrize(
    "address",
    [
        "m.roussel [at] clinique-vauban [dot] fr",
        "radiologie(at)ch-mende.fr",
        "secretariat (at) imagerie-rive-gauche [dot] com",
        "p point leblanc arobase chu-nord point fr",
        "reports [at] westfield-xray [dot] co [dot] uk",
    ],
)
def test_obfuscated_emails(address: str) -> None:
    text = f"Contact : {address} - merci"
    assert labels_of(text, address) == {"EMAIL"}
    assert "URL" not in {label for label, _ in spans(text)}


def test_spelled_names_take_the_type_of_the_name_they_spell() -> None:
    text = "Patiente Roussel Agnès je répète R O U S S E L virgule vue par le Docteur Vidal, V-I-D-A-L."
    assert labels_of(text, "R O U S S E L") == {"PATIENT"}
    assert labels_of(text, "V-I-D-A-L") == {"PERSON"}
    text = "patient Quillec I spell Q U I L L E C comma"
    assert labels_of(text, "Q U I L L E C", "en") == {"PATIENT"}
    assert labels_of(text, "Quillec", "en") == {"PATIENT"}  # the word the spelling confirms


def test_letters_that_spell_nothing_stay() -> None:
    assert spans("Incidences A P et L, grade I I I.") == []


# ------------------------------------------------------------------------------------------- who is who


@pytest.mark.parametrize(
    "text, relative",
    [
        ("Patiente : Mme Lucie Ferrand.\nÀ ne pas confondre avec sa fille Mme Chloé Ferrand (IPP 5512309).", "Chloé"),
        ("Patient : M. Paul Morin. Examen comparé à celui de son frère Hugo Morin.", "Hugo Morin"),
        ("Patient: Mr Owen Hale. Not to be confused with the patient's wife, Mrs Tessa Hale.", "Tessa Hale"),
        ("Patient: Mr Owen Hale. Compared with his sister's study (Ms Rowan Hale, MRN 220981).", "Rowan Hale"),
        ("Patient : Léo Perrin, fils de Mme Inès Perrin, présent.", "Inès Perrin"),
    ],
)
def test_relatives_are_person_even_with_the_patients_surname(text: str, relative: str) -> None:
    assert labels_of(text, relative, "en" if "Patient:" in text else "fr") == {"PERSON"}


def test_married_name_after_epouse_stays_the_patient() -> None:
    text = "Patiente : Mme Jeanne Marchal épouse Girard, née le 02/03/1950."
    assert labels_of(text, "Girard") == {"PATIENT"}


@pytest.mark.parametrize(
    "text, name",
    [
        ("Nourrisson Noé Tissier, 6 semaines, boiterie.", "Noé Tissier"),
        ("Infant Ruby Clarke, aged 5 weeks.", "Ruby Clarke"),
        ("Baby boy Okoro (twin A), 4 days old.", "Okoro"),
        ("Je vous remercie de m'avoir adressé Yanis Bellamy pour une boiterie.", "Yanis Bellamy"),
        ("Thank you for referring baby Milo Fenwick, aged 3 months.", "Milo Fenwick"),
        ("PATIENT : LEBRETON ODILE   NÉ(E) LE : 03/02/1961", "LEBRETON ODILE"),
    ],
)
def test_role_words_name_the_patient(text: str, name: str) -> None:
    assert labels_of(text, name) == {"PATIENT"}


def test_staff_after_par_and_radiographer() -> None:
    assert labels_of("Cliché réalisé le 3/04 (J+2) par Sidonie Lacaze.", "Sidonie Lacaze") == {"PERSON"}
    assert labels_of("Radiographer: Oisin Brady\n", "Oisin Brady", "en") == {"PERSON"}


def test_dictation_words_are_not_names() -> None:
    text = "Docteur Vidal virgule radiologue virgule Clinique des Ormes point à la ligne"
    found = spans(text)
    assert ("PERSON", "Vidal") in found
    assert all("virgule" not in value for _, value in found)


# ------------------------------------------------------------------------------------------- institutions


@pytest.mark.parametrize(
    "text, name",
    [
        ("Dr Amy Holt\nHarrowgate Family Medicine\n12 Elm Road", "Harrowgate Family Medicine"),
        ("hospitalisé au SSR gériatrique Les Oliviers (séjour)", "SSR gériatrique Les Oliviers"),
        ("GROUPE IMAGERIE VALMONT NORD\nSERVICE D'IMAGERIE", "GROUPE IMAGERIE VALMONT NORD"),
        ("adressé par la PMI de Vénissieux", "PMI de Vénissieux"),
        ("vu au cabinet de radiologie des Carmes, Toulouse", "cabinet de radiologie des Carmes"),
        ("HOLLY RIDGE MEDICAL CENTER - DEPT OF RADIOLOGY - 12 PINE ST", "HOLLY RIDGE MEDICAL CENTER"),
    ],
)
def test_institutions_without_a_hospital_word(text: str, name: str) -> None:
    assert labels_of(text, name) == {"INSTITUTION"}


# ------------------------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text, value",
    [
        ("Manipulatrice : Léa Roux (ADELI 75 1 23456 7)", "75 1 23456 7"),
        ("Prescripteur RPPS 10101234567", "10101234567"),
        ("établissement FINESS 690781810", "690781810"),
        ("Referrer: Dr Ann Lowe (GMC 6123457)", "6123457"),
        ("ordering NPI 1245319599", "1245319599"),
        ("Image link (PIN 4821)", "4821"),
        ("TÉL. +596 596 55 21 40", "+596 596 55 21 40"),
    ],
)
def test_professional_numbers_and_overseas_phones(text: str, value: str) -> None:
    assert labels_of(text, value) & {"ID", "PHONE"}
    assert all(label not in ("PERSON", "PATIENT") for label, _ in spans(text) if _ in ("ADELI", "RPPS", "GMC", "NPI"))


@pytest.mark.parametrize(
    "text",
    [
        "Technique : Philips DigitalDiagnost #204417, 70 kV.",
        "Fracture malléolaire Weber C ; classification de Garden IV.",
        "Colles fracture with no Barton component.",
        "Niveaux L4-L5 et L5-S1 ; T12.",
        "Contrôle à J+5, il y a 3 jours.",
        "Acte CCAM MZQK002, CIM-10 S52.50.",
    ],
)
def test_traps_stay_untouched(text: str) -> None:
    assert spans(text) == []


def test_partial_dates() -> None:
    text = "Fracture ancienne en 03/2019, contrôle le 14/09. Revu en juillet 2020."
    assert [label for label, _ in spans(text)] == ["DATE", "DATE", "DATE"]
