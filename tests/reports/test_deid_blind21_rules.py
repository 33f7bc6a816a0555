"""Round 22 rules (blind21's misses and false alarms as classes), each with our own phrasings, positives and traps."""

from __future__ import annotations

from xraymatch.reports.deid.authorities import find_authorities
from xraymatch.reports.deid.cue_ids import find_cued_ids
from xraymatch.reports.deid.honorifics import trim_titles
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.deid.paperwork import find_paperwork
from xraymatch.reports.deid.refine import refine
from xraymatch.reports.deid.residence_places import mark_residence_places
from xraymatch.reports.entities import Entity


def _entity(text: str, word: str, label: str) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), label)


def _dropped(text: str, word: str, label: str) -> bool:
    return is_non_identifier(text, _entity(text, word, label))


def _spans(text: str, entities: list[Entity]) -> set[tuple[str, str]]:
    return {(text[e.start : e.end], e.label) for e in entities}


def test_regulation_paragraphs_are_no_record_numbers() -> None:
    for text, code in (
        ("Renouvellement classe 2 (MED.A.040) au CEMA", "MED.A.040"),
        ("Part-FCL (FCL.065) age limits apply", "FCL.065"),
        ("per 29 CFR 1910.134, respirator fit test", "1910.134"),
        ("selon l'article L. 241-6 du CASF", "241-6"),
    ):
        assert _dropped(text, code, "ID"), text


def test_licence_and_examiner_numbers_stay_ids() -> None:
    for text, code in (
        ("Examinateur agréé FRA.AME.452", "FRA.AME.452"),
        ("licence UK.FCL.PPL.204518", "UK.FCL.PPL.204518"),
        ("Dossier patient 4471.230", "4471.230"),
    ):
        assert not _dropped(text, code, "ID"), text


def test_insurers_schemes_charts_kits_and_laws_are_no_names() -> None:
    for text, word, label in (
        ("Assureur du tiers : Matmut (sinistre 88-1234)", "Matmut", "PERSON"),
        ("Claim handled by Allstate", "Allstate", "PATIENT"),
        ("CPF 123.456.789-09 (Brésil)", "CPF", "LOCATION"),
        ("PESEL 44051401359 (Poland)", "Poland", "PERSON"),
        ("colour vision normal on Snellen and Ishihara", "Ishihara", "PATIENT"),
        ("échantillon scellé dans un kit VERA-KIT", "VERA-KIT", "PERSON"),
        ("sealed in Versapak bags", "Versapak", "PERSON"),
        ("indemnisation selon la loi Perben", "Perben", "PERSON"),
        ("loss of earnings per the Ogden tables", "Ogden", "PERSON"),
        ("test quantiFERON positif", "FERON", "PERSON"),
        ("administré par voie intraveineuse", "voie intraveineuse", "LOCATION"),
        ("formulaire Cerfa 13788*01", "Cerfa", "LOCATION"),
    ):
        assert _dropped(text, word, label), text


def test_insurer_and_law_traps_stay() -> None:
    for text, word, label in (
        ("Dr Aviva reviewed the films", "Aviva", "PERSON"),  # a titled name
        ("Tallinn (Estonia) is her home town", "Tallinn", "LOCATION"),  # no number before the bracket
        ("patient McDONALD", "DONALD", "PATIENT"),  # two letters before the capitals: a name's prefix
        ("12 voie Romaine, Lyon", "voie Romaine", "LOCATION"),  # a street
        ("signé par Mme Perben", "Perben", "PERSON"),
    ):
        assert not _dropped(text, word, label), text


def test_aircraft_registration_after_its_cue_is_an_id() -> None:
    for text, mark in (
        ("ULM immatriculé 59-DKL ? non : planeur immatriculé F-CJRT", "F-CJRT"),
        ("helicopter registration G-OHMS, hard landing", "G-OHMS"),
        ("aircraft N512TR overran the strip", "N512TR"),
    ):
        found = _spans(text, [Entity(c.start, c.end, c.label) for c in find_paperwork(text)])
        assert (mark, "ID") in found, text
    text = "G-CSF started on day 3"  # a growth factor, no aircraft cue
    assert not any(c.label == "ID" for c in find_paperwork(text))


def test_law_firms_by_head_or_french_form() -> None:
    for text, firm in (
        ("instructed by Amy Shaw of Porter Quinn Injury Law;", "Porter Quinn Injury Law"),
        ("avocat au barreau de Nantes (SELAS Moreau Diallo).", "Moreau Diallo"),
    ):
        found = _spans(text, [Entity(c.start, c.end, c.label) for c in find_paperwork(text)])
        assert (firm, "INSTITUTION") in found, text
    text = "rules of the Family Law Act apply"  # an act, not a firm
    assert not any(c.label == "INSTITUTION" for c in find_paperwork(text))


def test_employers_of_crews_and_certificate_headings() -> None:
    for text, employer in (
        ("captain with Ryanair, 9,000 hours", "Ryanair"),
        ("first officer for Flybe.com since 2019", "Flybe.com"),
        ("ingénieure détachée chez Safran, Mme X", "Safran"),
        ("Offshore diver medical - Boskalis Subsea\nDiver Ana X", "Boskalis Subsea"),
        ("HSE diver medical - Acme Diving Ltd, Aberdeen\n", "Acme Diving Ltd"),
    ):
        assert (employer, "INSTITUTION") in _spans(text, refine(text, [])), text
    for text in ("The pilot for Dr Hayes.", "captain with Mme Durand", "diver medical - Dr Hayes\n"):
        assert not any(e.label == "INSTITUTION" for e in refine(text, [])), text


def test_hyphenated_towns_and_airfields_are_places() -> None:
    text = "landed at Stratford-upon-Avon; then Netherthorpe airfield."
    kept = refine(text, [_entity(text, "Stratford-upon-Avon", "PERSON"), _entity(text, "Netherthorpe", "PATIENT")])
    assert _spans(text, kept) == {("Stratford-upon-Avon", "LOCATION"), ("Netherthorpe", "LOCATION")}
    text = "Jean-Pierre Martin-Dupont signed"  # a hyphenated name has no linking word
    assert _spans(text, refine(text, [_entity(text, "Jean-Pierre Martin-Dupont", "PERSON")])) == {
        ("Jean-Pierre Martin-Dupont", "PERSON")
    }


def test_clubs_by_running_word_or_acronym_after() -> None:
    for text, club in (
        ("athlète licenciée, Vénissieux Striders ; contrôle", "Vénissieux Striders"),
        ("Sportif : X, 30 ans, club Grenoble Foot AS", "Grenoble Foot AS"),
    ):
        assert (club, "INSTITUTION") in _spans(text, [Entity(c.start, c.end, c.label) for c in find_authorities(text)])
    text = "Dr Smith AS noted ankylosis"  # no sports word near
    assert not any(c.label == "INSTITUTION" for c in find_authorities(text))


def test_role_words_leave_name_spans() -> None:
    text = "Claimant Nadia Ferhat\nshe is a claimant since 2020; Athlete Jon Li"
    spans = [
        _entity(text, "Claimant Nadia Ferhat", "PATIENT"),
        _entity(text, "claimant", "PATIENT"),
        _entity(text, "Athlete", "INSTITUTION"),
    ]
    assert _spans(text, trim_titles(text, spans)) == {("Nadia Ferhat", "PATIENT")}
    text = "Référente MDPH : Anne Roux ; Chaperone Li Wei"
    spans = [_entity(text, "Référente", "PERSON"), _entity(text, "Chaperone Li Wei", "PERSON")]
    assert _spans(text, trim_titles(text, spans)) == {("Li Wei", "PERSON")}
    text = "Victor Pilot"  # a role word as a surname after a first name stays
    assert _spans(text, trim_titles(text, [_entity(text, "Victor Pilot", "PERSON")])) == {("Victor Pilot", "PERSON")}


def test_file_and_national_insurance_numbers_are_ids() -> None:
    for text, number in (
        ("N° de dossier patient 0612345678 ; né le", "0612345678"),
        ("dossier CDAPH du Rhône 069-2024-001122.", "069-2024-001122"),
        ("National Insurance number JT 12 34 56 C", "JT 12 34 56 C"),
    ):
        assert (number, "ID") in _spans(text, [Entity(c.start, c.end, c.label) for c in find_cued_ids(text)]), text
    text = "téléphone 06 12 34 56 78 pour le dossier"
    assert not any(c.label == "ID" for c in find_cued_ids(text))


def test_town_after_a_residence_word_ending_the_clause() -> None:
    for text, town in (
        ("Certificat ; domicile à Marchand.", "Marchand"),
        ("she lives in Prescot; no carer", "Prescot"),
        ("réside à Le Goff, seule", "Le Goff"),
        ("habite à Saint-Rémy-de-Provence.", "Saint-Rémy-de-Provence"),
    ):
        assert (town, "LOCATION") in _spans(text, mark_residence_places(text, [])), text
    for text in ("vit à Mme Durand.", "habite à Lyon chez sa fille Marie", "resident at St Mary's Hospital."):
        assert not any(
            e.label == "LOCATION" and e.start == text.index(w)
            for e in mark_residence_places(text, [])
            for w in ("Mme", "Marie", "St Mary")
            if w in text
        ), text


def test_airlines_and_offshore_operators_named_alone_are_institutions() -> None:
    text = "licence FRA.FCL.PPL.100200, Transavia, 900 h de vol; Mme Saipem"
    spans = [_entity(text, "Transavia", "PATIENT"), _entity(text, "Saipem", "PERSON")]
    assert _spans(text, refine(text, spans)) == {("Transavia", "INSTITUTION"), ("Saipem", "PERSON")}
    text = "Dr Alan Transavia"  # part of a longer name stays a name
    assert _spans(text, refine(text, [_entity(text, "Alan Transavia", "PERSON")])) == {("Alan Transavia", "PERSON")}
