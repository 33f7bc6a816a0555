"""Known answers for the rules added after the blind2 audit: foreign phones and addresses, field-named IDs, Québec/
Swiss/Belgian/Australian institutions, banner ages, day/month dates, and the false positives it found."""

from __future__ import annotations

import pytest

from xraymatch.reports.deid.detector import detect


def _labels(text: str, value: str) -> set[str]:
    """Labels of the detected spans overlapping the first occurrence of `value` in `text`."""
    start = text.index(value)
    end = start + len(value)
    return {e.label for e in detect(text) if e.start < end and start < e.end}


@pytest.mark.parametrize(
    ("text", "value", "label"),
    [
        ("Tél. : +32 2 836 59 58", "+32 2 836 59 58", "PHONE"),
        ("Tél. : 02/339.64.22 (secrétariat)", "02/339.64.22", "PHONE"),
        ("Tél. : +41 (0)26 559 14 35", "+41 (0)26 559 14 35", "PHONE"),
        ("Ph (07) 5370 5797", "(07) 5370 5797", "PHONE"),
        ("Bookings 1300 500 559", "1300 500 559", "PHONE"),
        ("Tel +353 (0)61 134 1906", "+353 (0)61 134 1906", "PHONE"),
        ("NISS : 62 01 09 713 35 — N° de dossier", "62 01 09 713 35", "ID"),
        ("NHS Number: 943 476 5919   Hospital No: 1", "943 476 5919", "ID"),
        ("NAM : BELC 3012 1747\nDossier", "BELC 3012 1747", "ID"),
        ("OHIP: 1553 533 066 FV\tMRN: 1", "1553 533 066 FV", "ID"),
        ("PPSN: 8947078BA\tD.O.B.", "8947078BA", "ID"),
        ("view online (access code HRX-9B5-TV)", "HRX-9B5-TV", "ID"),
        ("Rue Albert Ier, 133 · B-1420 Braine-l'Alleud\nTél.", "B-1420 Braine-l'Alleud", "LOCATION"),
        ("Route de Berne 37, CH-1800 Vevey — Tél.", "CH-1800 Vevey", "LOCATION"),
        ("Chemin Pierre-Fatio 182A\n1630 Bulle FR\nTél.", "1630 Bulle FR", "LOCATION"),
        ("bureau 436\nDrummondville, QC J2B 7K4\nTél.", "Drummondville, QC J2B 7K4", "LOCATION"),
        ("Hôpital Erasme · Rue du Bugnon 23A · 2800 Delémont", "Rue du Bugnon 23A", "LOCATION"),
        ("Clinique Saint-Michel · 40, boulevard du Docteur Roux · 44093 Nantes", "Docteur Roux", "LOCATION"),
        ("Musgrave Park Hospital, Stockman's Lane, Belfast", "Stockman's Lane", "LOCATION"),
        ("Comparaison : cliché du 19/02/18 (CHUM).", "CHUM", "INSTITUTION"),
        ("Prescripteur : Dre Paget — GMF-U Saint-Élisabeth, 610 avenue", "GMF-U Saint-Élisabeth", "INSTITUTION"),
        ("Comparaison : cliché (Hôpital fribourgeois).", "Hôpital fribourgeois", "INSTITUTION"),
        ("Dre Lévesque, Radiologie Rimouski inc. — télécopieur", "Radiologie Rimouski inc.", "INSTITUTION"),
        ("cc: Dr Kowalczyk, Alice Springs Hospital\nEnquiries", "Alice Springs Hospital", "INSTITUTION"),
        ("Comparison: 14 April 2015 (Lake Imaging Wagga Wagga).", "Lake Imaging Wagga Wagga", "INSTITUTION"),
        ("Pt: WASHINGTON, Grace (67F)   MRN 0045", "67", "AGE"),
        ("Mme CLAES Rita, née VANDERHEYDEN — 43 a\r\nNISS", "43 a", "AGE"),
        ("Patient Cillian Bonar — 9 months — Ph 083", "9 months", "AGE"),
        ("examen réalisé le 5 septembre 2023, relu le 06/09 à 14h02", "06/09", "DATE"),
        ("Thank you for referring Mr Allen (67 yo), seen today", "Allen", "PATIENT"),
        ("Next of kin: Hope Cortez (daughter) 0412", "Hope Cortez", "PERSON"),
        ("Assurée : SANTONI Marie-Dominique\nN° SS", "SANTONI", "PATIENT"),
    ],
)
def test_blind2_rule_finds(text: str, value: str, label: str) -> None:
    assert label in _labels(text, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Equipment: Siemens Ysio Max, serial 801711304.", "801711304"),
        ("Equipment: Siemens Ysio Max, serial 801711304.", "Max"),
        ("Acte : Prestation INAMI 455015 — radiographie", "455015"),
        ("Acte : Position TARMED 39.0020 — radiographie", "39.0020"),
        ("Procedure code: Fee code X043.", "Fee"),
        ("Radiologue : Prof. L. Bochud", "Prof"),
        ("Ward: 7B (Fracture Clinic)", "Ward"),
        ("Leeds Teaching Hospitals NHS FOUNDATION TRUST", "FOUNDATION"),
        ("Fracture du 1/3 moyen de la diaphyse.", "1/3"),
        ("Antécédents :\n2019 Fracture du radius.", "Fracture"),
        ("Hôpital du Valais – Centre d'imagerie\t\t\tPage 1 / 1", "Page"),
    ],
)
def test_blind2_rule_false_positives_gone(text: str, value: str) -> None:
    assert not _labels(text, value)


def test_date_and_time_is_not_a_foreign_phone() -> None:
    assert _labels("Mesure le 03.05.2015 13 h", "03.05.2015 13") == {"DATE"}
