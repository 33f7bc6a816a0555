"""Round-14 rules (machine_text.py, calendar_dates.py, procedure_patients.py, refine.py), tuned on blind13's misses,
with phrasings of our own: IP addresses, calendar dates, logins, patients named by log lines, calendar summaries,
device carriers and room sheets, holidays and Hijri dates, birth places, employers; each with its traps."""

from __future__ import annotations

import pytest

from tests.reports.gold_spans import span_of as _span
from tests.reports.gold_spans import spans_of as _spans
from xraymatch.reports.deid.calendar_dates import mark_calendar_dates
from xraymatch.reports.deid.machine_text import mark_machine_text
from xraymatch.reports.deid.procedure_patients import mark_procedure_patients
from xraymatch.reports.deid.refine import refine
from xraymatch.reports.deid.span_overlay import place
from xraymatch.reports.entities import Entity


@pytest.mark.parametrize(
    ("text", "ip"),
    [
        ("Connexion depuis 172.16.254.1 refusée.", "172.16.254.1"),
        ("client 8.8.4.4 timed out", "8.8.4.4"),
        ("from fe80:0:0:0:202:b3ff:fe1e:8329 at noon", "fe80:0:0:0:202:b3ff:fe1e:8329"),
        ("peer 2001:db8::ff00:42:8329 closed", "2001:db8::ff00:42:8329"),
    ],
)
def test_ip_addresses_are_url_replacing_an_id(text: str, ip: str) -> None:
    out = mark_machine_text(text, [_span(text, ip, "ID")])
    assert _spans(text, out) == {(ip, "URL")}


@pytest.mark.parametrize(
    "text",
    [
        "Version 10.2.3.4.5 installée.",  # five parts: a version, not an address
        "Valeurs 300.1.2.3 hors plage.",  # an octet over 255
        "Lésion de 12.5 mm, contrôle à 3.2 cm.",
        "Heure 10:45:30 notée.",
    ],
)
def test_non_addresses_are_not_url(text: str) -> None:
    assert not [e for e in mark_machine_text(text, []) if e.label == "URL"]


def test_an_ip_inside_a_url_stays_one_url() -> None:
    text = "Voir http://10.0.0.7:8080/viewer?pid=123456 pour les images."
    url = _span(text, "http://10.0.0.7:8080/viewer?pid=123456", "URL")
    assert mark_machine_text(text, [url]) == [url]


def test_ical_date_time_keeps_its_calendar_part_only() -> None:
    text = "BEGIN:VEVENT\nDTSTART;TZID=Europe/Paris:20230917T141500\nDTEND:20230917T150000Z\nEND:VEVENT"
    out = mark_machine_text(text, [_span(text, "20230917T141500", "ID"), _span(text, "VEVENT", "PERSON")])
    assert _spans(text, out) == {("20230917", "DATE")}
    assert len(out) == 2  # both date-times, no time left as an ID, no calendar key


@pytest.mark.parametrize(
    ("text", "login", "label"),
    [
        ("2023-01-02T10:00:00Z 10.1.1.9 pmartin READ study 445", "pmartin", "PERSON"),
        ("09:12 2001:db8::1 claire.moreau EXPORT serie 3", "claire.moreau", "PERSON"),
        ("Ouverte par l'utilisateur : a.bernard2, poste 3.", "a.bernard2", "PERSON"),
        ("Patient portal account lucy.finch77 locked after 3 tries.", "lucy.finch77", "PATIENT"),
    ],
)
def test_logins_take_their_person_label(text: str, login: str, label: str) -> None:
    assert (login, label) in _spans(text, mark_machine_text(text, []))


@pytest.mark.parametrize(
    "text",
    [
        "2023-01-02T10:00:00Z 10.1.1.9 pacs.admin PURGE cache",  # a service account
        "Compte rendu validé par le médecin.",  # "compte" then a plain word
        "See the user guide for details.",
        "2023-01-02 10.1.1.9 remote.reporter EXPORT study 445",
    ],
)
def test_generic_accounts_and_words_are_not_logins(text: str) -> None:
    assert not [e for e in mark_machine_text(text, []) if e.label in ("PERSON", "PATIENT")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('10.2.3.4 jlemoine VIEW record 5512093 "Okafor Chiamaka"', "Okafor Chiamaka"),
        ("ouverture dossier 8812 « Le Bihan Gwenola »", "Le Bihan Gwenola"),
        ("VIEW accession 77120 (DUNBAR, Eilidh)", "DUNBAR, Eilidh"),
        ("BEGIN:VEVENT\nSUMMARY:Biopsie rénale - Mouloud Ferhat\nEND:VEVENT", "Mouloud Ferhat"),
        ("SUMMARY:PICC line - WONG Mei Ling (aged 40)\n", "WONG Mei Ling"),
    ],
)
def test_patients_named_by_log_lines_and_summaries(text: str, name: str) -> None:
    assert (name, "PATIENT") in _spans(text, mark_machine_text(text, [_span(text, name, "PERSON")]))


@pytest.mark.parametrize(
    ("text", "trap", "label"),
    [
        ("Bracelet: PID=123456|NAME=X|SEX=F|WARD=ICU2", "WARD", "PERSON"),
        ("ATTENDEE;CN=Someone:mailto:a@b.fr", "ATTENDEE", "PERSON"),
        ("Flux DICOMweb : http://pacs/dicom-web", "DICOMweb", "PERSON"),
        ("Station (AET RADIO_WS3, port 4242)", "RADIO_WS3", "PERSON"),
        ("Station (AET RADIO_WS3, port 4242)", "4242", "ID"),
        ("aspirin 75 mg (NDC 1234-5678-90)", "1234-5678-90", "PHONE"),
        ("Kardégic code CIP 3400935955838 délivré", "3400935955838", "ID"),
    ],
)
def test_machine_keys_ae_titles_ports_and_product_codes_are_traps(text: str, trap: str, label: str) -> None:
    assert mark_machine_text(text, [_span(text, trap, label)]) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Chute le lendemain de Noël 2021, vue aux urgences.", "lendemain de Noël 2021"),
        ("Admise le lundi de Pentecôte 2022.", "lundi de Pentecôte 2022"),
        ("Fell on Boxing Day 2020 at home.", "Boxing Day 2020"),
        ("Seen on New Year's Eve 2018 in A&E.", "New Year's Eve 2018"),
        ("Injured on Good Friday 2023.", "Good Friday 2023"),
        ("Rendez-vous reporté au 3 chaoual 1444.", "3 chaoual 1444"),
        ("Admitted on 27 Ramadan 1443 AH.", "27 Ramadan 1443 AH"),
        ("Control after 12 Dhu al-Hijjah 1440 H.", "12 Dhu al-Hijjah 1440 H"),
    ],
)
def test_holidays_with_a_year_and_hijri_dates_are_one_date(text: str, date: str) -> None:
    first = date.split()[-2]
    out = mark_calendar_dates(text, [_span(text, first, "PERSON")])
    assert _spans(text, out) == {(date, "DATE")}


@pytest.mark.parametrize(
    "text",
    [
        "Les listes sont réduites pendant les vacances de Noël.",
        "Fewer sessions over Easter; clinic closed at Christmas.",
        "Fasting during Ramadan was discussed.",
        "Le 14 ramadan, sans année, rien ne change.",
    ],
)
def test_holidays_and_hijri_months_without_a_year_are_not_dates(text: str) -> None:
    assert mark_calendar_dates(text, []) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Holter prêté n° HX-4412 ; porteur Yannick Quéré.", "Yannick Quéré"),
        ("Insulin pump serial PX99812; carrier Amara Okonkwo.", "Amara Okonkwo"),
        ("Sur table à 9h05 : Maïté Etxeberria, soixante ans.", "Maïté Etxeberria"),
        ("On table at 14:20: Kwame Mensah, 58 years.", "Kwame Mensah"),
        ("On table at 14:20: Priya d/o Raman, 58 years.", "Priya d/o Raman"),
    ],
)
def test_device_carriers_and_patients_on_the_table_are_patient(text: str, name: str) -> None:
    assert (name, "PATIENT") in _spans(text, mark_procedure_patients(text, [_span(text, name, "PERSON")]))


@pytest.mark.parametrize(
    ("text", "town"),
    [
        ("Née à Saint Vallier, suivie depuis 2010.", "Saint Vallier"),
        ("Lettre postée à Bourg-en-Bresse le 2 mai.", "Bourg-en-Bresse"),
        ("He was born in Port Elizabeth, and moved in 2001.", "Port Elizabeth"),
    ],
)
def test_birth_and_posting_places_are_location(text: str, town: str) -> None:
    assert (town, "LOCATION") in _spans(text, mark_procedure_patients(text, [_span(text, town, "PERSON")]))


@pytest.mark.parametrize(
    "text",
    [
        "Porteur sain du gène, à surveiller.",  # no name after the cue
        "Table de travail : pas de changement.",
        "Le patient est né à terme.",
    ],
)
def test_cues_without_a_name_add_nothing(text: str) -> None:
    assert mark_procedure_patients(text, []) == []


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Signé au Ysbyty Glan Clwyd par le Dr X.", "Ysbyty Glan Clwyd"),
        ("Transféré aux Hôpitaux universitaires de Genève.", "Hôpitaux universitaires de Genève"),
        ("Chauffeur chez Transdev Rail depuis 2015.", "Transdev Rail"),
        ("Works as a driver for Stagecoach Highlands since May.", "Stagecoach Highlands"),
    ],
)
def test_welsh_and_plural_hospitals_and_employers_are_institution(text: str, org: str) -> None:
    first = org.split()[-1]
    assert (org, "INSTITUTION") in _spans(text, refine(text, [_span(text, first, "PERSON")]))


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Claudication, Fontaine IIb, sous aspirine.", "Fontaine IIb"),
        ("stade IIb de Leriche et Fontaine, inchangé", "Fontaine"),
        ("Lesion near the annulus of Zinn.", "Zinn"),
        ("Hernie par le hiatus de Morgagni.", "Morgagni"),
    ],
)
def test_graded_classifications_and_structures_are_not_people(text: str, word: str) -> None:
    assert refine(text, [_span(text, word, "PERSON")]) == []


def test_a_name_suffix_is_not_a_grade() -> None:
    text = "Reviewed by John Smith III today."
    assert ("John Smith III", "PERSON") in _spans(text, refine(text, [_span(text, "John Smith III", "PERSON")]))


def test_place_keeps_what_sticks_out_and_joins_same_label() -> None:
    text = "abc def ghi"
    kept = place(text, [Entity(0, 7, "PERSON"), Entity(8, 11, "DATE")], Entity(4, 11, "DATE"))
    assert _spans(text, kept) == {("abc", "PERSON"), ("def ghi", "DATE")}


@pytest.mark.parametrize(
    ("text", "login"),
    [
        ("Console (AET CT_WS2, port 104), session gmorel\nSuite.", "gmorel"),
        ("Ouvert, utilisateur : tdurand.", "tdurand"),
    ],
)
def test_a_plain_login_after_a_strong_cue_is_person(text: str, login: str) -> None:
    assert (login, "PERSON") in _spans(text, mark_machine_text(text, []))


@pytest.mark.parametrize("text", ["Login closed.", "User session: expired\n", "la session pratique débute"])
def test_status_words_after_a_cue_are_not_logins(text: str) -> None:
    assert mark_machine_text(text, []) == []


def test_sex_and_unit_values_are_traps_and_numbers_after_id_keys_are_id() -> None:
    text = "PID=19451103|NAME=ROE JANE|SEX=M|WARD=ICU\nDriver, ID 0612345678, since 2010."
    entities = [
        _span(text, "19451103", "DATE"),
        _span(text, "ROE JANE", "PATIENT"),
        Entity(text.index("ICU") + 2, text.index("ICU") + 3, "PERSON"),
        _span(text, "0612345678", "PHONE"),
    ]
    assert _spans(text, mark_machine_text(text, entities)) == {
        ("19451103", "ID"),
        ("ROE JANE", "PATIENT"),
        ("0612345678", "ID"),
    }


@pytest.mark.parametrize(
    ("text", "word"),
    [("Implant: Boston Scientific pacemaker.", "Boston"), ("Complication (Clavien-Dindo II) noted.", "Clavien-Dindo")],
)
def test_company_places_and_graded_names_are_not_locations(text: str, word: str) -> None:
    assert refine(text, [_span(text, word, "LOCATION")]) == []
