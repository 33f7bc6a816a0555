"""Round-12 rules (patient_cues.py, refine.py), tuned on blind11's misses, with phrasings of our own: patients named
in multi-patient paperwork, staff beside them, GS1 and DICOM device codes, eponymous scores, care organisations, UK
mobiles and signing places; each with the traps the rule must leave alone."""

from __future__ import annotations

import pytest

from tests.reports.gold_spans import span_of as _span
from tests.reports.gold_spans import spans_of as _spans
from xraymatch.reports.deid.patient_cues import mark_patients, patient_spans
from xraymatch.reports.deid.refine import refine


def _names(text: str) -> set[str]:
    return {text[a:b] for a, b in patient_spans(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Night list\n- bed 12: KOWALCZYK, Tomasz (72 years) - NOF fracture", "KOWALCZYK, Tomasz"),
        ("Tour du soir\n- lit 7 : Amélie Rondeau, 81 ans, pneumopathie", "Amélie Rondeau"),
        ("Handover to the night SHO\nS: Mrs Hoang Thi Mai, 77yo, new confusion", "Hoang Thi Mai"),
        ("Social work note by Priya Nair: Desmond Okafor lives alone; daughter visits weekly.", "Desmond Okafor"),
        ("Note de la conseillère : Odette Ferrand vit seule au 3e étage sans ascenseur.", "Odette Ferrand"),
        ("Community nurse visited Lucienne Ferrand at home on 3 May.", "Lucienne Ferrand"),
        ("Passage de l'IDE chez Gaston Lemoine pour pansement.", "Gaston Lemoine"),
        ("Medico-legal report, claimant Derek Flint, road traffic accident.", "Derek Flint"),
        ("I, Kevin Doyle, write on behalf of my mother Bridget Doyle about her scan.", "Bridget Doyle"),
        ("Je soussignée Odile Marchal, fille de Bernadette Marchal, conteste la facture.", "Bernadette Marchal"),
        ("Video visit\nGwen Talbot: Yes, I'm 58 and my knee hurts.", "Gwen Talbot"),
        ("Téléconsultation\nRaymond Vidal : Oui, j'ai 66a et mal au dos.", "Raymond Vidal"),
        ("Member: Osei, Kwame, DOB 04/05/1961.", "Osei, Kwame"),
        ("This report supersedes the one issued for Harriet Quayle.", "Harriet Quayle"),
        ("Overnight CT log\n23:05 CT head - Agnes Pilkington, 88, fall", "Agnes Pilkington"),
        ("Visiting Dutch patient: Maarten de Vries, BSN 111222333.", "Maarten de Vries"),
        ("SMS to 07700 900123: 'Hi Gareth, your scan is on 6 May.'", "Gareth"),
        ('surname,forename,dob\nOsei,Kwame,"04/05/1961"', "Osei"),
        ("Lise Caron : Oui docteur, Lise Caron, j'ai 58 ans.", "Lise Caron"),
        ("I am writing on behalf of my father, Mr Desmond Orr, about his X-ray.", "Desmond Orr"),
    ],
)
def test_patient_cues_mark_the_patient(text: str, name: str) -> None:
    assert name in _names(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hand-over from Dr Amir Haddad to the night team, 3 patients.",  # a clinician's title
        "Passage chez le Dr Lemoine pour avis.",  # "chez" a clinician
        "Conseil de la victime : Me Julie Benhamou.",  # the victim's lawyer
        "Braden 14, Waterlow 18, Glasgow 15.",  # scores, no age
        "Garden IV fracture, 3 months old callus.",  # a classification, no person
        "The patient is a 64 year old man.",  # an age with no name
        "Patient: XXXX XXXX, DOB ***, already masked.",  # a placeholder
        "Clinique du Parc — Boulevard Léopold II, 202, B-1400 Nivelles",  # a house number, not an age
    ],
)
def test_patient_cue_traps_name_no_patient(text: str) -> None:
    assert _names(text) == set()


def test_patient_names_stop_at_a_sentence_end() -> None:
    text = "Éducatrice référente : Mme Inès Mora. Nourrisson Lyam, 5 mois."
    assert _names(text) == {"Lyam"}  # never "Inès Mora. Nourrisson Lyam"


def test_mark_patients_retypes_and_joins_the_pieces() -> None:
    text = "S : Mme Nguyen Thi Lan, 64 ans, dyspnée"
    entities = [_span(text, "Nguyen Thi", "PERSON"), _span(text, "64 ans", "AGE")]
    assert _spans(text, mark_patients(text, entities)) == {("Nguyen Thi Lan", "PATIENT"), ("64 ans", "AGE")}


def test_mark_patients_adds_row_cells_but_no_unknown_words() -> None:
    text = 'CSV row: Waters,Darren,"46 Gough Road, Leeds"\nPassage chez Renault Trucks.\nS : Toux Sèche, 3 ans'
    found = _spans(text, mark_patients(text, []))
    assert found == {("Waters", "PATIENT"), ("Darren", "PATIENT")}  # the rest: words no layer took for a name


def test_bare_age_in_a_list_line_but_not_a_house_number() -> None:
    text = "22:10 CT head - Agnes Pilkington, 88, fall\nJean Dupont, 12, rue des Lilas"
    entities = [_span(text, "Agnes Pilkington", "PERSON"), _span(text, "Jean Dupont", "PATIENT")]
    found = _spans(text, mark_patients(text, entities))
    assert ("88", "AGE") in found and ("Agnes Pilkington", "PATIENT") in found
    assert not any(label == "AGE" and word == "12" for word, label in found)


def test_mark_patients_leaves_other_labels_alone() -> None:
    text = "Visited Jo Bloggs at home."
    entities = [_span(text, "Jo Bloggs", "ID")]
    assert mark_patients(text, entities) == entities


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("UDI (01)04056869123456(17)290131(10)K77Q1(21)SN4471902", "04056869123456", "ID"),
        ("UDI (01)04056869123456(17)290131(10)K77Q1(21)SN4471902", "290131", "ID"),
        ("UDI (01)04056869123456(17)290131(10)K77Q1(21)SN4471902", "K77Q1", "ID"),
        ("(0018,1000) LO 88-1123-A", "88-1123-A", "ID"),
        ("DeviceSerialNumber=SN55120", "SN55120", "ID"),
        ("Escarre talon, Braden 13, revue demain.", "Braden", "PERSON"),
        ("Waterlow: 21 on admission.", "Waterlow", "PERSON"),
        ("Contact the Patient Advice and Liaison Service.", "Advice", "PATIENT"),
        ("Madame la Directrice,", "la Directrice", "PATIENT"),
        ("Ward round 08:00, consultant present.", "Ward", "PERSON"),
        ("Implant: Zimmer Taperloc hip stem, cemented.", "Zimmer", "PERSON"),
        ("Mise en place d'une prothèse totale de hanche Corail DePuy.", "DePuy", "PERSON"),
    ],
)
def test_round12_traps_are_dropped(text: str, word: str, label: str) -> None:
    assert refine(text, [_span(text, word, label)]) == []


@pytest.mark.parametrize(
    ("text", "word", "label"),
    [
        ("UDI (01)04056869123456(17)290131(10)K77Q1(21)SN4471902", "SN4471902", "ID"),  # the serial: one implant
        ("Patient Amélie Braden, 71 ans.", "Amélie Braden", "PATIENT"),  # a surname, no score value
        ("Mr Waterlow 18 rue des Lilas", "Waterlow", "PATIENT"),  # a title: a person
        ("Seen by Sophie Ward today.", "Sophie Ward", "PERSON"),
        ("Dossier 1234-5678 du patient.", "1234-5678", "ID"),  # no device tag
    ],
)
def test_round12_trap_lookalikes_are_kept(text: str, word: str, label: str) -> None:
    assert _spans(text, refine(text, [_span(text, word, label)])) == {(word, label)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dispensed by Greenway Pharmacy, Leeds.", ("Greenway Pharmacy", "INSTITUTION")),
        ("Delivered by Ashby Road Chemists today.", ("Ashby Road Chemists", "INSTITUTION")),
        ("Referred by Oakdale Community Nursing Team.", ("Oakdale Community Nursing Team", "INSTITUTION")),
        ("Dispensation par la Pharmacie du centre de Vire.", ("Pharmacie du centre de Vire", "INSTITUTION")),
        ("Délivré par la Pharmacie Lemaire.", ("Pharmacie Lemaire", "INSTITUTION")),
        ("Prise en charge par Santé Service Bayonne.", ("Santé Service Bayonne", "INSTITUTION")),
        ("SMS sent to 07700 900123 at 9am.", ("07700 900123", "PHONE")),
        ("WhatsApp +44 7700 900456 only.", ("+44 7700 900456", "PHONE")),
        ("Signed at Port Ellen on the third of May.", ("Port Ellen", "LOCATION")),
    ],
)
def test_round12_additions(text: str, expected: tuple[str, str]) -> None:
    assert expected in _spans(text, refine(text, []))


@pytest.mark.parametrize(
    "text",
    [
        "Seen in the hospital pharmacy by the on-call team.",  # no name before the head noun
        "Diagnostic Imaging reviewed.",
        "NHS number 943 476 5919 confirmed.",  # not a mobile shape
        "Ref 0612345678901 for the invoice.",  # digits without the mobile grouping
        "Signed electronically on 3 May.",
    ],
)
def test_round12_additions_leave_lookalikes(text: str) -> None:
    assert refine(text, []) == []


@pytest.mark.parametrize(
    ("text", "word", "before", "after"),
    [
        ("Expert witness: Mr Rupert Gaines, orthopaedic surgeon.", "Rupert Gaines", "PATIENT", "PERSON"),
        ("Note de l'assistante sociale (Mme Laure Vidal) : vit seul.", "Laure Vidal", "PATIENT", "PERSON"),
        ("Report by Alan Pike FRCS on the claimant.", "Alan Pike", "PATIENT", "PERSON"),
        ("I, Kevin Doyle, write on behalf of my mother.", "Kevin Doyle", "PATIENT", "PERSON"),
        ("Addendum e-signed by Agnieszka Nowak.", "Agnieszka Nowak", "LOCATION", "PERSON"),
        ("Mme Aoife Kelly, kinésithérapeute au cabinet, nous adresse la patiente.", "Aoife Kelly", "PATIENT", "PERSON"),
        ("Mme Aoife Kelly, aide-soignante à l'EHPAD, chute au travail.", "Aoife Kelly", "PATIENT", "PATIENT"),
        ("I, Kevin Doyle, write to ask about my own scan.", "Kevin Doyle", "PATIENT", "PATIENT"),
    ],
)
def test_round12_staff_retyping(text: str, word: str, before: str, after: str) -> None:
    assert _spans(text, refine(text, [_span(text, word, before)])) == {(word, after)}
