"""Round-7 rules (informal names, parents and children, eponymous instruments, spoken phones with pauses, document
typing by subject), on phrasings of our own, with their traps."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.spoken import spoken_digits


def _spans(text: str) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in detect(text)]


def _label_of(text: str, value: str) -> str | None:
    return next((label for v, label in _spans(text) if v == value), None)


# ------------------------------------------------------------------------------------------------- spoken phones


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        (
            "Message : rappelez-moi au zéro trois, soixante-et-onze, vingt, quatre-vingt-quinze, zéro deux.",
            "0371209502",
        ),
        ("Please ring back on oh two oh, seven nine four six, one one two three, cheers.", "02079461123"),
    ],
)
def test_phones_spoken_with_pauses_are_one_phone(text: str, digits: str) -> None:
    phones = [v for v, label in _spans(text) if label == "PHONE"]
    assert len(phones) == 1 and spoken_digits(phones[0]) == digits, _spans(text)


def test_a_comma_is_a_group_boundary() -> None:
    assert spoken_digits("cinquante, quatre-vingt-huit") == "5088"  # never 54 ...


def test_counted_words_with_commas_are_no_phone() -> None:
    text = "Fractures des côtes deux, trois, quatre, cinq et six à droite."
    assert not [s for s in _spans(text) if s[1] == "PHONE"], _spans(text)


# ------------------------------------------------------------------------------------------------- informal names


def test_chat_handles_are_persons_without_the_at_sign() -> None:
    text = "[12/03/2024 09:15] @lea.fournier: image reçue\n[12/03/2024 09:20] @tbarry_rad: je regarde"
    assert ("lea.fournier", "PERSON") in _spans(text)
    assert ("tbarry_rad", "PERSON") in _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "Envoyer à secretariat.imagerie@chu-exemple.fr avant midi.",  # an e-mail address, not a handle
        "[01/02/2024 10:00] @oncall.rad: vu, pas de fracture",  # a service handle
    ],
)
def test_addresses_and_service_handles_are_not_persons(text: str) -> None:
    assert not [s for s in _spans(text) if s[1] == "PERSON"], _spans(text)


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("je vous envoie la radio de mme rousseau (chute escalier)", "rousseau", "PATIENT"),
        ("pt anaïs morel ne le 2/9/71 (52 ans)", "anaïs morel", "PATIENT"),
        ("pt tom law dob 1/2/80", "tom law", "PATIENT"),  # a common word vouched for by the birth cue
        ("merci, dr l. bernard, cabinet de radiologie", "l. bernard", "PERSON"),
        ("cliche demande par dr berger le 4/5/2023", "berger", "PERSON"),  # a common word before a date
        ("hi, sending the x-ray for lucy hartley\nInitials only: L. H.", "lucy hartley", "PATIENT"),
    ],
)
def test_lowercase_names(text: str, name: str, label: str) -> None:
    assert (name, label) in _spans(text), _spans(text)


@pytest.mark.parametrize(
    "text",
    [
        "mr scan du genou gauche prévu",  # magnetic resonance
        "pt has no fever today",
        "la radio de face montre un épanchement",
        "the x-ray of the left wrist is normal",
        "Enfant confié à l'ASE, suivi en pédiatrie",  # a role word then a verb
    ],
)
def test_lowercase_traps_are_no_names(text: str) -> None:
    assert not [s for s in _spans(text) if s[1] in ("PATIENT", "PERSON")], _spans(text)


def test_bracketed_identity_and_quoted_initials_are_the_patient() -> None:
    assert ("MOREAU Léonie", "PATIENT") in _spans("Identité : [MOREAU Léonie] - nom d'usage inconnu")
    assert ("HUGHES, Alfie", "PATIENT") in _spans("Child: [HUGHES, Alfie] (7 years), son of the above")
    assert ("K.M.", "PATIENT") in _spans('Request form, patient initials: "K.M.", female, 52 yrs.')


def test_role_and_age_then_name_is_the_patient() -> None:
    assert ("Inaya Benali", "PATIENT") in _spans("Nourrisson de 5 semaines, Inaya Benali, vue aux urgences.")


def test_short_age_after_a_name() -> None:
    assert ("41y", "AGE") in _spans("Detainee Mr Kofi Mensah, 41y. Escorted by two officers.")


# ------------------------------------------------------------------------------------------------- who is who


def test_ranked_service_member_with_unit_is_the_patient() -> None:
    text = "Caporal-chef Damien Le Roux, 1er régiment de chasseurs, 29 ans"
    assert _label_of(text, "Damien Le Roux") == "PATIENT", _spans(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Officier requérant : maréchal des logis-chef Hugo Perrin (matricule 4471)", "Hugo Perrin"),
        ("Case manager: Olumide Adebayo, appointment next week", "Olumide Adebayo"),
        ("Éducatrice référente : Mme Sonia Baptiste. Enfant placé.", "Sonia Baptiste"),
    ],
)
def test_staff_fields_are_persons(text: str, name: str) -> None:
    assert _label_of(text, name) == "PERSON", _spans(text)
    assert "maréchal" not in [v for v, _ in _spans(text)]


def test_parents_are_persons_and_the_child_the_patient() -> None:
    text = (
        "Enfant : [PETIT Noé] (3 ans), fils de Laurent Petit et de Mme Awa Diallo.\n"
        "Parents joignables : Laurent Petit au 06 12 34 56 78, Awa Diallo au 07 98 76 54 32"
    )
    spans = _spans(text)
    assert ("PETIT Noé", "PATIENT") in spans
    assert ("Laurent Petit", "PERSON") in spans and ("Awa Diallo", "PERSON") in spans
    assert not [s for s in spans if s[0] in ("Laurent Petit", "Awa Diallo") and s[1] == "PATIENT"]


def test_speaking_parent_and_child() -> None:
    text = "« bonjour c'est madame Fabre la maman de Léna, elle a eu une radio hier »"
    assert _label_of(text, "Fabre") == "PERSON" and _label_of(text, "Léna") == "PATIENT", _spans(text)
    english = "Voicemail: hi, it's Kerry, Archie Dunn's mum, about his wrist x-ray"
    assert _label_of(english, "Archie Dunn") == "PATIENT", _spans(english)
    assert _label_of(english, "Kerry") == "PERSON", _spans(english)
    assert _label_of("the mum of Archie Dunn called", "Archie Dunn") == "PATIENT"


def test_a_bare_name_as_subject_of_a_clinical_verb_is_the_patient() -> None:
    assert _label_of("Garnier a chuté de sa hauteur hier soir.", "Garnier") == "PATIENT"
    assert _label_of("Morrison was admitted overnight with a hip fracture.", "Morrison") == "PATIENT"
    # A titled name keeps its title's type.
    assert _label_of("Dr Garnier a été vu en consultation.", "Garnier") == "PERSON"


# ------------------------------------------------------------------------------------------------- instruments


@pytest.mark.parametrize(
    "text",
    [
        "Ostéosynthèse par vis de Herbert du scaphoïde.",
        "Corset de Boston porté 22 h par jour, corset de Milwaukee abandonné.",
        "Score de Glasgow 14 à l'arrivée.",
        "Glasgow Coma Scale 15/15 on arrival.",
        "Ottawa ankle rules negative.",
        "Scoliose lombaire 18° (Cobb), Risser 3.",
        "Cobb 27 degrees on the standing film.",
        "Walks with a Zimmer frame at home.",
        "Gonarthrose Kellgren-Lawrence 2 bilatérale.",
    ],
)
def test_eponymous_instruments_are_no_names_or_places(text: str) -> None:
    assert not [s for s in _spans(text) if s[1] in ("PERSON", "PATIENT", "LOCATION")], _spans(text)


def test_a_titled_eponym_is_a_person_beside_the_disease() -> None:
    text = "Maladie de Paget du bassin, avis du Dr Paget demandé ; vis de Herbert revue par le Dr Herbert."
    spans = _spans(text)
    persons = [s for s in spans if s[1] == "PERSON"]
    assert ("Paget", "PERSON") in persons and ("Herbert", "PERSON") in persons
    assert len(persons) == 2, spans  # the disease and the screw stay text


def test_ward_numbers_are_rooms_but_a_titled_ward_is_a_name() -> None:
    assert not [s for s in _spans("Admitted to Ward 12B, Riverside Hospital.") if s[0] == "Ward"]
    assert _label_of("Mrs Ward, 70 years, fell at home.", "Ward") == "PATIENT"


# ------------------------------------------------------------------------------------------------- places, bodies


def test_registry_city_and_town_after_a_street_address() -> None:
    assert ("Chambéry", "LOCATION") in _spans("SELARL Imagerie des Alpes - RCS Chambéry B 812 345 678")
    text = "Employeur : Durand SAS, 8, rue Lambert, Moulin\nPoste occupé : cariste"
    assert ("8, rue Lambert, Moulin", "LOCATION") in _spans(text), _spans(text)


def test_long_authority_heads_name_common_word_towns() -> None:
    text = "Réquisition - Brigade de gendarmerie de Fontaine\nObjet : examen"
    assert ("Brigade de gendarmerie de Fontaine", "INSTITUTION") in _spans(text), _spans(text)


def test_emergency_networks_and_saint_towns() -> None:
    assert ("SOS Médecins Valence", "INSTITUTION") in _spans("Adressé par SOS Médecins Valence pour entorse.")
    assert ("Saint-Herblain", "LOCATION") in _spans("Vu par son médecin (généraliste, Saint-Herblain) hier.")


def test_instrument_names_stay_names_and_places_elsewhere() -> None:
    spans = _spans("Patient moved from Glasgow last year; Boston brace worn at night.")
    assert ("Glasgow", "LOCATION") in spans and "Boston" not in [v for v, _ in spans]
    assert _label_of("Mr Cobb, 61 years, fell on the ice.", "Cobb") == "PATIENT"
    spans = _spans("Vis de Herbert en place. Mme Herbert, 54 ans, revue.")
    assert [s for s in spans if s[0] == "Herbert"] == [("Herbert", "PATIENT")], spans


def test_places_after_institutions_and_bracketed_postcodes() -> None:
    assert ("Fresno", "LOCATION") in _spans("Transferred from Valley General Hospital, Fresno. Stable.")
    assert ("49000", "LOCATION") in _spans("Domiciliée à Angers (49000), adressée par son médecin.")


def test_particle_surnames_on_a_patient_field() -> None:
    assert ("Van der Berg Sanne", "PATIENT") in _spans("Patiente : Van der Berg Sanne (NISS 80.01.02-123.45)")
    assert ("Le Bihan, Mael", "PATIENT") in _spans("Nom : Le Bihan, Mael\nDate de naissance : 01/02/2003")


def test_a_quoted_nickname_is_part_of_the_name() -> None:
    assert ('Margaret "Peggy" Lawson', "PATIENT") in _spans('Patient Margaret "Peggy" Lawson, 77 years, fell.')
    assert not [s for s in _spans('Fracture "Colles" type, no displacement.') if s[1] in ("PERSON", "PATIENT")]
