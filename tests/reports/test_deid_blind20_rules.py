"""Round 21 rules (blind20's misses and false alarms as classes), each with our own phrasings, positives and traps."""

from __future__ import annotations

from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.deid.patient_cues import mark_patients
from xraymatch.reports.entities import Entity


def _entity(text: str, word: str, label: str) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), label)


def _dropped(text: str, word: str, label: str) -> bool:
    return is_non_identifier(text, _entity(text, word, label))


def test_catalogue_references_are_no_record_numbers() -> None:
    for text, code in (
        ("Tibial tray cat. no. 55-2190-304, batch L771203C, implanted", "55-2190-304"),
        ("Cotyle réf. 33-1045-220, lot L998812A ; vis de 6,5 mm", "33-1045-220"),
        ("Attelle posée ; réf. 12-8830-101 ; contrôle à J45", "12-8830-101"),
        ("Stem REF 61-0077-412 (size 4)", "61-0077-412"),
    ):
        assert _dropped(text, code, "ID"), text


def test_catalogue_traps_stay_ids() -> None:
    for text, code in (
        ("N/Réf. : 24-1180-332 - dossier suivi par Mme B.", "24-1180-332"),  # a letter's reference
        ("Tige n° de série 40927716, lot L4", "40927716"),  # a serial number
        ("Patient ref 55.102.447", "55.102.447"),
    ):
        assert not _dropped(text, code, "ID"), text


def test_trial_scale_scheme_and_machine_names_are_no_names() -> None:
    for text, word, label in (
        ("Context: IMpower-150 cohort, cycle 3", "IMpower-150", "ID"),
        ("Essai GERCOR ATLAS-7 : visite C4D8", "C4D8", "ID"),
        ("Essai GERCOR MIRAGE, participant 12", "MIRAGE", "PATIENT"),
        ("Scanner : cibles RECIST L1 foie", "RECIST", "PATIENT"),
        ("Tri CIMU 3, EVA 6/10, intervention SAMU", "SAMU", "PERSON"),
        ("Traité sur TrueBeam, 50 Gy", "TrueBeam", "PERSON"),
        ("Pièce d'identité : NIE Y1234567X", "NIE", "LOCATION"),
        ("arrived 03:10, Manchester yellow, NEWS2 2", "Manchester", "LOCATION"),
        ("immobilised in Aquaplast splint", "Aquaplast", "LOCATION"),
    ):
        assert _dropped(text, word, label), text


def test_trial_and_scale_traps_stay() -> None:
    for text, word, label in (
        ("moved from Manchester last year", "Manchester", "LOCATION"),  # the city
        ("Dr Halcyon reviewed the films", "Halcyon", "PERSON"),  # a titled name
        ("Essai GERCOR, patient DUPONT", "DUPONT", "PATIENT"),  # no trial word right before the group and name
        ("Dr Futura splint clinic", "Futura", "PERSON"),
    ):
        assert not _dropped(text, word, label), text


def test_frequencies_week_fractions_scores_and_rib_ordinals() -> None:
    for text, word, label in (
        ("Kinésithérapie (15 séances, 2 par semaine)", "2 par semaine", "AGE"),
        ("Physiotherapy (6 sessions, weekly)", "6 sessions", "AGE"),
        ("Review at 8/52 post-op", "8/52", "DATE"),
        ("pain 6/10 on arrival", "6/10", "DATE"),
        ("fractures des côtes (4e à 6e)", "6e", "AGE"),
        ("posterior rib fractures (left 7th-9th)", "7th", "ID"),
    ):
        assert _dropped(text, word, label), text
    for text, word, label in (
        ("vu le 6/10 en consultation", "6/10", "DATE"),  # a date with no score word
        ("âgé de 6 ans", "6 ans", "AGE"),
    ):
        assert not _dropped(text, word, label), text


def test_document_origin_and_residence_verb_are_no_places() -> None:
    for text, word, label in (
        ("Foreign identity document (Portugal): CC 12345678", "Portugal", "PERSON"),
        ("Certified translation (original in Estonian): Mari Tamm", "Estonian", "LOCATION"),
        ("Traduction assermentée du polonais", "polonais", "DATE"),
        ("NIE X1, demeurant 3 rue des Lilas", "demeurant", "LOCATION"),
    ):
        assert _dropped(text, word, label), text
    text = "Patient living in Lisbon (Portugal) since 2020"
    assert not _dropped(text, "Lisbon", "LOCATION")


def test_titled_name_after_a_role_is_not_the_patient() -> None:
    for text, name in (
        ("Patient: Mr Tomas Berg, 60 years. Operating surgeon: Mrs Alice Crane.", "Alice Crane"),
        ("Plâtre retiré. Grand-mère présente, Mme Odile Marchal.", "Odile Marchal"),
        ("Accompagné par son enseignante Mme Rose Tellier.", "Rose Tellier"),
        ("Letter from the school nurse at Hillside Primary School, Mrs Dana Frost: pupil seen.", "Dana Frost"),
    ):
        labels = {text[e.start : e.end]: e.label for e in detect(text, "fr" if "Mme" in text else "en")}
        assert labels.get(name) == "PERSON", (text, labels)
    text = "Patient: Mrs Alice Crane, 60 years, seen for wrist pain."
    labels = {text[e.start : e.end]: e.label for e in detect(text, "en")}
    assert labels.get("Alice Crane") == "PATIENT", labels


def test_foster_home_chez_is_no_home_visit() -> None:
    text = "Enfant confiée à l'ASE, placée chez Mme Lucie Garnier."
    kept = [_entity(text, "Lucie Garnier", "PERSON")]
    assert mark_patients(text, kept)[0].label == "PERSON"
    text = "Passage de l'infirmière chez Mme Lucie Garnier pour pansement."
    assert mark_patients(text, [_entity(text, "Lucie Garnier", "PERSON")])[0].label == "PATIENT"


def test_an_institution_cut_into_pieces_is_one_institution() -> None:
    from xraymatch.reports.deid.institution_chains import mark_institution_chains

    text = "Seen by Ann Lee (Osteo Care Riverside) today."
    pieces = [
        _entity(text, "Ann Lee", "PERSON"),
        _entity(text, "Osteo", "PERSON"),
        _entity(text, "Care Riverside", "INSTITUTION"),
    ]
    assert [(text[e.start : e.end], e.label) for e in mark_institution_chains(text, pieces)] == [
        ("Ann Lee", "PERSON"),
        ("Osteo Care Riverside", "INSTITUTION"),
    ]


def test_institution_chain_traps() -> None:
    from xraymatch.reports.deid.institution_chains import mark_institution_chains

    for text, institution, name in (
        ("Hôpital Foch, Jean Martin, interne", "Hôpital Foch", "Jean Martin"),  # a comma outside parentheses
        ("Clinique du Parc Dr Anne Roux", "Clinique du Parc", "Anne Roux"),  # a title between
        ("Seen by Dr Hall (Clinique Saint-Roch, Montpellier)", "Clinique Saint-Roch", "Montpellier"),  # a town
        ("Kind regards,\nAnn Lee\nBay Hospital", "Lee\nBay Hospital", "Ann"),  # across lines
    ):
        pieces = [_entity(text, institution, "INSTITUTION"), _entity(text, name, "PERSON")]
        assert sorted(mark_institution_chains(text, pieces)) == sorted(pieces), text


def test_trial_participant_number_is_an_id() -> None:
    from xraymatch.reports.deid.cue_ids import find_cued_ids

    for text, value in (
        ("Essai ATLAS - participant(e) 044-120-7781, visite C2J1", "044-120-7781"),
        ("Trial subject GB-301-4410 seen at cycle 2", "GB-301-4410"),
    ):
        found = [(text[c.start : c.end], c.label) for c in find_cued_ids(text)]
        assert (value, "ID") in found, (text, found)
    text = "participant 12 of the focus group"
    assert list(find_cued_ids(text)) == []


def test_chain_needs_an_anchor_and_one_space() -> None:
    from xraymatch.reports.deid.institution_chains import mark_institution_chains

    for text, institution, name in (
        ("case manager Wai Ming Leung.", "Wai Ming", "Leung"),  # a name the tagger typed INSTITUTION
        ("taken by Ann Lee in Lake Town (phone)", "in", "Lake Town"),
        ("Bay Hospital                Tom Reed, MBBS", "Bay Hospital", "Tom Reed"),  # a letterhead's column gap
    ):
        pieces = [_entity(text, institution, "INSTITUTION"), _entity(text, name, "PERSON")]
        assert sorted(mark_institution_chains(text, pieces)) == sorted(pieces), text


def test_a_name_ending_in_card_is_no_document_word() -> None:
    text = "Lu et signé : Anne Picard (anne.picard@chu.fr), CH de Pontivy"
    assert not _dropped(text, "anne.picard@chu.fr", "EMAIL")
