"""Round 23 rules (entities.py's newest convention: the place after an institution's name is its own LOCATION), each
with our own phrasings, positives and traps."""

from __future__ import annotations

from xraymatch.reports.deid.institution_places import mark_institution_places
from xraymatch.reports.entities import Entity


def _entity(text: str, word: str, label: str) -> Entity:
    start = text.index(word)
    return Entity(start, start + len(word), label)


def _spans(text: str, entities: list[Entity]) -> set[tuple[str, str]]:
    return {(text[e.start : e.end], e.label) for e in entities}


def test_a_place_after_an_institution_becomes_its_own_location() -> None:
    # (text, institution, place, how the layers before found them: "swallowed" by the INSTITUTION, read as a
    # "PERSON", or "missed")
    for text, institution, where, before in (
        ("At St Oswald's Hospital, Kirkby Lonsdale on 3 May.", "St Oswald's Hospital", "Kirkby Lonsdale", "swallowed"),
        ("Par la Clinique des Tilleuls, Montauban ; scanner.", "Clinique des Tilleuls", "Montauban", "swallowed"),
        ("ST. AGATHA'S HOSPITAL, NEW FENTON\nImaging", "ST. AGATHA'S HOSPITAL", "NEW FENTON", "swallowed"),
        ("social worker (Adult Social Care, Wandsworth) informed", "Adult Social Care", "Wandsworth", "PERSON"),
        ("St. Ida's Hospital, Marlow — Keats Pavilion", "St. Ida's Hospital", "Marlow", "PERSON"),
        ("Transfert au CH Annecy Genevois - Épagny.", "CH Annecy Genevois", "Épagny", "missed"),
        ("Letter from Mater Misericordiae Hospital (Kampala).", "Mater Misericordiae Hospital", "Kampala", "missed"),
        ("Imaging done at Tygerberg Hospital, South Africa.", "Tygerberg Hospital", "South Africa", "missed"),
    ):
        start, end = text.index(institution), text.index(where) + len(where)
        given = [Entity(start, end if before == "swallowed" else start + len(institution), "INSTITUTION")]
        if before == "PERSON":
            given.append(_entity(text, where, "PERSON"))
        got = _spans(text, mark_institution_places(text, given))
        assert got == {(institution, "INSTITUTION"), (where, "LOCATION")}, (text, got)


def test_a_place_inside_the_name_a_site_a_department_or_a_person_stays() -> None:
    for text, name in (
        ("Transfert au CHU de Marseille - Hôpital Nord le 2 mai.", "CHU de Marseille - Hôpital Nord"),
        ("Scanner réalisé à l'Hôpital Lyon Sud.", "Hôpital Lyon Sud"),
        ("Seen at Leeds General Infirmary, Radiology Department.", "Leeds General Infirmary"),
        ("Reviewed at the Royal London Hospital, Dr Ann Lee.", "Royal London Hospital"),
        ("Adressée par l'Hôpital Nord, service de pneumologie.", "Hôpital Nord"),
        ("Hôpital Saint-Joseph (Pédiatrie) : radiographie.", "Hôpital Saint-Joseph"),
        ("Avis du CIUSSS de l'Estrie - CHUS demandé.", "CIUSSS de l'Estrie - CHUS"),
        ("Groupe Hospitalier Pitié-Salpêtrière - Charles Foix, Ivry.", "Groupe Hospitalier Pitié-Salpêtrière"),
        ("Seen at Mercy Hospital, Outpatients.", "Mercy Hospital"),
        # another name of the same institution, a stay number, a drug, a titled person after it
        ("Hôpital cantonal (Kantonsspital Aarau) : IRM.", "Hôpital cantonal"),
        ("Clinique du Lac (Polyclinique Sainte-Odile) : IRM.", "Clinique du Lac"),
        ("GHU Paris-Nord — Séjour n° 2024-0087321", "GHU Paris-Nord"),
        ("Dispensation : Pharmacie Marty, Lovenox 4000 UI/j", "Pharmacie Marty"),
        ("the imam of the Jamia Mosque, Imam Yusuf Abdalla, attended", "Jamia Mosque"),
        ("SELARL Imagerie des Capucins - Drs Anne-Sophie Lemarchand, Vahe Petrossian", "SELARL Imagerie des Capucins"),
    ):
        given = [_entity(text, name, "INSTITUTION")]
        got = mark_institution_places(text, given)
        assert got == given, (text, _spans(text, got))


def test_a_longer_span_or_a_place_already_found_is_left_alone() -> None:
    text = "Clinique du Parc, Lyon 3e arrondissement"
    given = [_entity(text, "Clinique du Parc", "INSTITUTION"), _entity(text, "Lyon 3e arrondissement", "LOCATION")]
    assert mark_institution_places(text, given) == given
    text = "Clinique du Parc, Lyon."
    given = [_entity(text, "Clinique du Parc", "INSTITUTION"), _entity(text, "Lyon", "LOCATION")]
    assert mark_institution_places(text, given) == given
