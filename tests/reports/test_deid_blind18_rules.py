"""Round 19 rules (blind18's misses and false alarms as classes), each with our own phrasings, positives and traps."""

from __future__ import annotations

from xraymatch.reports.deid.journey_places import mark_journey_places
from xraymatch.reports.deid.non_identifiers import is_non_identifier
from xraymatch.reports.entities import Entity


def _spans(text: str, entities: list[Entity]) -> list[tuple[str, str]]:
    return [(text[e.start : e.end], e.label) for e in entities]


def _entity(text: str, word: str, label: str) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), label)


def test_ships_are_institutions() -> None:
    for text, ship in (
        ("Telemedical call from MV Baltic Dawn at 02:00.", "Baltic Dawn"),
        ("Appel du chalutier Roseline Kerbrat, patron blessé.", "Roseline Kerbrat"),
        ("Crew of the Nordic Tern (IMO 9387421) examined.", "Nordic Tern"),
        ("tanker Sea Harmony reported a fall on deck", "Sea Harmony"),
    ):
        name = ship.split()[-1]
        found = mark_journey_places(text, [_entity(text, name, "PERSON")])
        assert _spans(text, found) == [(ship, "INSTITUTION")], text


def test_ship_traps_stay_text() -> None:
    for text in (
        "The ship's cook slipped in the galley.",
        "le navire a appareillé hier soir",
        "chest film protocol for seafarers (ILO/IMO guidelines)",
        "OHIP: 1553 533 066 FV\tMRN: 85-207198",
        "spelled November India Bravo Hotel Romeo India Alpha",
    ):
        assert mark_journey_places(text, []) == [], text


def test_hotels_and_berths_are_places() -> None:
    for text, place in (
        ("hébergé à l'hôtel Les Embruns à Quiberon (chambre 21)", "hôtel Les Embruns à Quiberon"),
        ("a fall at the Grand Lagoon Hotel, Malindi; ambulance called", "Grand Lagoon Hotel, Malindi"),
        ("tourist staying at the Peninsula Kowloon, room 9", "Peninsula Kowloon"),
        ("vessel alongside at Port Louis since Monday", "Port Louis"),
        ("escale à Saint-Malo prévue demain", "Saint-Malo"),
        ("requested diversion to Walvis Bay for evacuation", "Walvis Bay"),
    ):
        assert _spans(text, mark_journey_places(text, [])) == [(place, "LOCATION")], text


def test_hotel_and_berth_traps_stay_text() -> None:
    for text in (
        "convoqué à l'hôtel de police puis à l'hôtel de ville",
        "staying at the Royal Infirmary for two nights",
        "diverted to theatre for washout",
        "hotel room 412, seat 3C, cabin B-33",
    ):
        assert mark_journey_places(text, []) == [], text


def test_shelters_outreach_religious_houses_and_missions_are_institutions() -> None:
    for text, unit in (
        ("bedded at Riverside Night Shelter tonight", "Riverside Night Shelter"),
        ("brought in by the Southwark Outreach Team", "Southwark Outreach Team"),
        ("housed at Tuen Mun reception centre since May", "Tuen Mun reception centre"),
        ("hébergé au CHRS Les Capucins depuis mars", "CHRS Les Capucins"),
        ("signalée par le Samu social de Lyon", "Samu social de Lyon"),
        ("religieuse de l'abbaye de Solesmes, 80 ans", "abbaye de Solesmes"),
        ("interprète d'Inter Service Migrants Interprétariat, n° 4410", "Inter Service Migrants Interprétariat"),
        ("the Ugandan High Commission in Ottawa asked for the report", "Ugandan High Commission in Ottawa"),
        ("le consulat général du Maroc à Bordeaux demande", "consulat général du Maroc à Bordeaux"),
    ):
        assert _spans(text, mark_journey_places(text, [])) == [(unit, "INSTITUTION")], text


def test_shelter_and_mission_traps_stay_text() -> None:
    for text in (
        "Street outreach referral accepted.",
        "le foyer d'accueil et la communauté religieuse demandent un rendez-vous",
        "the Embassy was closed",
        "Night shelter beds are full.",
    ):
        assert mark_journey_places(text, []) == [], text


def test_an_institution_name_replaces_its_pieces() -> None:
    text = "Copy to the Ghanaian High Commission in Leeds."
    found = mark_journey_places(text, [_entity(text, "Leeds", "LOCATION")])
    assert _spans(text, found) == [("Ghanaian High Commission in Leeds", "INSTITUTION")]


def test_lower_case_word_of_an_institution_is_no_person() -> None:
    text = "Street outreach note. Found by Camden Outreach Team."
    found = mark_journey_places(
        text, [_entity(text, "outreach", "PATIENT"), _entity(text, "Camden Outreach Team", "PERSON")]
    )
    assert _spans(text, found) == [("Camden Outreach Team", "INSTITUTION")]


def test_honorific_titles_alone_are_not_names() -> None:
    for text, title in (
        ("Pour Rabbin Elie Cohen, 70 ans", "Rabbin"),
        ("courrier de la Comtesse Amélie de Brissac", "Comtesse"),
        ("Father Anselm, 81, fell in the cloister", "Father"),
    ):
        assert is_non_identifier(text, _entity(text, title, "PATIENT")), text
    text = "Rabbin reviewed the film."  # a surname standing alone
    assert not is_non_identifier(text, _entity(text, "Rabbin", "PERSON"))


def test_assistance_companies_wearables_and_firmware_are_not_identifiers() -> None:
    for text, word, label in (
        ("Dossier ouvert par Inter Assistance ce matin", "Inter", "PERSON"),
        ("cover by Columbus Travel insurance", "Columbus", "PATIENT"),
        ("export de la montre Garmin Venu 3 du patient", "Garmin", "PATIENT"),
        ("CPAP Philips DreamStation 2 data", "Philips", "PERSON"),
        ("firmware QX12-0077 installed", "QX12-0077", "ID"),
        ("BP 142/88 at triage", "BP 142", "LOCATION"),
        ("biométrie : BIP 61 / PC 230 mm", "61", "PHONE"),
    ):
        assert is_non_identifier(text, _entity(text, word, label)), text


def test_assistance_wearable_and_firmware_traps_stay_identifiers() -> None:
    for text, word, label in (
        ("serial QX12-0077 on the device", "QX12-0077", "ID"),
        ("BP 128, 29200 Brest", "BP 128", "LOCATION"),
        ("joindre l'interne au bip 6234", "6234", "PHONE"),
        ("seen by Dr Columbus today", "Columbus", "PERSON"),
    ):
        assert not is_non_identifier(text, _entity(text, word, label)), text


def test_titles_and_post_nominals_are_cut_from_names() -> None:
    from xraymatch.reports.deid.honorifics import trim_titles

    text = "Sir Hugh Carrow, 84, and Dame Ada Penrose DBE; referral from Mr Ian Holt FRCS."
    found = trim_titles(
        text,
        [
            _entity(text, "Sir Hugh Carrow", "PATIENT"),
            _entity(text, "Dame Ada Penrose DBE", "PERSON"),
            _entity(text, "Ian Holt FRCS", "PATIENT"),
        ],
    )
    assert _spans(text, found) == [("Hugh Carrow", "PATIENT"), ("Ada Penrose", "PERSON"), ("Ian Holt", "PATIENT")]


def test_a_title_alone_is_left_whole() -> None:
    from xraymatch.reports.deid.honorifics import trim_titles

    text = "Lady Ashby called; MD office."
    found = trim_titles(text, [_entity(text, "Lady", "PERSON"), _entity(text, "Ashby", "PERSON")])
    assert _spans(text, found) == [("Lady", "PERSON"), ("Ashby", "PERSON")]


def test_interpreters_social_workers_and_agents_are_staff() -> None:
    from xraymatch.reports.deid.refine import refine

    for text, name in (
        ("Interprète par téléphone : M. Karim Haddad (ISM).", "Karim Haddad"),
        ("(dari, interprète n° 30412, Mme Laila Noori)", "Laila Noori"),
        ("La travailleuse sociale, Mme Agnès Roux, accompagne.", "Agnès Roux"),
        ("His agent, Mr Tom Reed, phoned twice.", "Tom Reed"),
    ):
        found = refine(text, [_entity(text, name, "PATIENT")])
        assert _spans(text, found) == [(name, "PERSON")], text


def test_patient_after_an_interpreter_stays_patient() -> None:
    from xraymatch.reports.deid.refine import refine

    text = "Interprète présent. Patiente : Mme Kavya Iyer, 39 ans."
    found = refine(text, [_entity(text, "Kavya Iyer", "PATIENT")])
    assert _spans(text, found) == [("Kavya Iyer", "PATIENT")]


def test_dating_abbreviations_after_by_are_no_names() -> None:
    from xraymatch.reports.deid.rules import find_field_names

    text = "EDD 3 March 2025 by LMP, confirmed by CRL; scan read by Dr Ann Kerr."
    assert [text[c.start : c.end] for c in find_field_names(text)] == ["Ann Kerr"]


def test_eponyms_before_their_finding_word() -> None:
    from xraymatch.reports.deid.eponyms import eponym_use

    for text, word in (("Hampton hump at the right base", "Hampton"), ("Bochdalek hernia, left", "Bochdalek")):
        start = text.index(word)
        assert eponym_use(text, start, start + len(word)), text
    text = "Dr Hampton reviewed the film"
    assert not eponym_use(text, 3, 10)


def test_posterior_runs_leave_punctuation_out() -> None:
    from xraymatch.reports.deid.tagger import _posterior_runs

    text = "Leeds , EDD"
    tokens = [(0, 5), (6, 7), (8, 11)]
    marg = [{"LOCATION": 0.9}, {"DATE": 0.3}, {"DATE": 0.4}]
    assert _spans(text, _posterior_runs(text, tokens, marg, 0.25)) == [("Leeds , EDD", "LOCATION")]
    covered = bytearray(len(text))
    covered[0:5] = b"\x01" * 5
    assert _spans(text, _posterior_runs(text, tokens, marg, 0.25, covered)) == [("EDD", "DATE")]
    only_comma = [{"LOCATION": 0.1}, {"LOCATION": 0.5}, {"DATE": 0.1}]
    assert _posterior_runs(text, tokens, only_comma, 0.25) == []  # floating punctuation
    # Beside another span too: a comma or a parenthesis is no identifier of its own.
    assert _posterior_runs(text, tokens, only_comma, 0.25, covered) == []


def test_where_someone_sleeps_rough_is_a_place() -> None:
    for text, place in (
        ("SDF, dort habituellement porte de Clignancourt. Vu ce jour.", "porte de Clignancourt"),
        ("sleeps under the Hungerford Bridge arches most nights", "Hungerford Bridge"),
    ):
        assert _spans(text, mark_journey_places(text, [])) == [(place, "LOCATION")], text
    assert mark_journey_places("Il dort mal la nuit ; sleeps poorly.", []) == []


def test_a_hyphenated_given_name_is_no_hospital_wing() -> None:
    from xraymatch.reports.deid.named_institutions import _INSTITUTION_AFTER

    assert _INSTITUTION_AFTER.search("referring Ms Tsang Wing-yan, 42") is None
    assert _INSTITUTION_AFTER.search("admitted to the Lister Wing on Monday") is not None


def test_a_name_and_its_civil_status_name_are_one_person() -> None:
    from xraymatch.reports.deid.honorifics import unify_civil_names

    text = "Pour Frère Irénée (à l'état civil Paul Garnier), 79 ans."
    found = unify_civil_names(text, [_entity(text, "Irénée", "PATIENT"), _entity(text, "Paul Garnier", "PERSON")])
    assert _spans(text, found) == [("Irénée", "PATIENT"), ("Paul Garnier", "PATIENT")]
    text = "Sister Bernadette (Ann Walsh by birth registration), 90"
    found = unify_civil_names(text, [_entity(text, "Bernadette", "PERSON"), _entity(text, "Ann Walsh", "PATIENT")])
    assert _spans(text, found) == [("Bernadette", "PATIENT"), ("Ann Walsh", "PATIENT")]


def test_maiden_names_and_staff_pairs_keep_their_labels() -> None:
    from xraymatch.reports.deid.honorifics import unify_civil_names

    text = "Her mother, Mrs Ann Brown (née Smith), called; patient Joe Brown."
    found = unify_civil_names(text, [_entity(text, "Ann Brown", "PERSON"), _entity(text, "Smith", "PATIENT")])
    assert _spans(text, found) == [("Ann Brown", "PERSON"), ("Smith", "PATIENT")]
    text = "Mère Agnès (à l'état civil Claire Roy) accompagne."
    found = unify_civil_names(text, [_entity(text, "Agnès", "PERSON"), _entity(text, "Claire Roy", "PERSON")])
    assert _spans(text, found) == [("Agnès", "PERSON"), ("Claire Roy", "PERSON")]


def test_a_hyphenated_age_after_a_name_marks_the_patient() -> None:
    from xraymatch.reports.deid.patient_cues import mark_patients

    text = "Referral: Ruth Adeyemi, 41-year-old, sleeping rough since May."
    found = mark_patients(text, [_entity(text, "Ruth Adeyemi", "PERSON")])
    assert ("Ruth Adeyemi", "PATIENT") in _spans(text, found)
    text = "his son Tom Adeyemi, 9-year-old, came along"  # a relative keeps PERSON
    found = mark_patients(text, [_entity(text, "Tom Adeyemi", "PERSON")])
    assert ("Tom Adeyemi", "PERSON") in _spans(text, found)
