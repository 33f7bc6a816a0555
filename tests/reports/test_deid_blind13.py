"""Blind13 template family and hand-written blind13 cases: check digits, calendars and number words with known
answers, the shapes of generated logs/files/logins, and the labelling decisions (IP addresses, logins, file names,
iCalendar, holidays, decade words, device serials) on the case file."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind13 import (
    chi_number,
    dvla_licence,
    easter,
    holiday,
    ipv6,
    login,
    luhn_digit,
    nric_letter,
    number_en,
    number_fr,
    rpps_number,
    sa_id_number,
)


def test_check_digits_known_answers() -> None:
    assert luhn_digit("7992739871") == "3"  # the textbook Luhn example 79927398713
    assert nric_letter("S", "1234567") == "D"  # S1234567D, the usual NRIC example
    assert nric_letter("T", "1234567") == "J"  # T prefix adds 4 to the weighted sum
    assert nric_letter("F", "1234567") == "N"
    with pytest.raises(ValueError, match="7 digits"):
        nric_letter("S", "123")
    rng = np.random.default_rng(2)
    for _ in range(30):
        rpps = rpps_number(rng)
        assert len(rpps) == 11 and rpps.startswith("10") and luhn_digit(rpps[:10]) == rpps[10]
        sa = sa_id_number(dt.date(1956, 7, 30), True, rng)
        assert sa[:6] == "560730" and int(sa[6:10]) >= 5000 and luhn_digit(sa[:12]) == sa[12]
        chi = chi_number(dt.date(1984, 3, 15), False, rng)
        weighted = sum(int(c) * w for c, w in zip(chi[:9], range(10, 1, -1), strict=True))
        assert chi[:6] == "150384" and int(chi[8]) % 2 == 0 and (weighted + int(chi[9])) % 11 == 0


def test_calendars_and_number_words_known_answers() -> None:
    assert [easter(y) for y in (2019, 2024, 2025)] == [dt.date(2019, 4, 21), dt.date(2024, 3, 31), dt.date(2025, 4, 20)]
    assert holiday("fr", 2024, 1) == ("lundi de Pâques 2024", dt.date(2024, 4, 1))
    assert holiday("en", 2023, 0) == ("Boxing Day 2023", dt.date(2023, 12, 26))
    assert holiday("en", 2024, 4) == ("Good Friday 2024", dt.date(2024, 3, 29))
    assert [number_fr(n) for n in (21, 71, 80, 81, 91, 99)] == [
        "vingt et un", "soixante et onze", "quatre-vingts", "quatre-vingt-un", "quatre-vingt-onze",
        "quatre-vingt-dix-neuf",
    ]  # fmt: skip
    assert [number_en(n) for n in (19, 40, 68, 101)] == ["nineteen", "forty", "sixty-eight", "one hundred and one"]
    with pytest.raises(ValueError, match=r"0\.\.119"):
        number_fr(120)


def test_licence_login_and_address_forms() -> None:
    # the DVLA's own example: Sarah Meredyth Morgan, born 11 March 1976
    assert dvla_licence("Morgan", "Sarah-Meredyth", dt.date(1976, 3, 11), True, "9IJ") == "MORGA753116SM9IJ"
    assert dvla_licence("ap Rhys", "Gethin", dt.date(1965, 4, 12), False, "9AB") == "APRHY604125G99AB"
    assert dvla_licence("Ng", "Li", dt.date(2001, 1, 2), False, "1CD")[:5] == "NG999"
    assert login("Jean", "Dupont", 0) == "jdupont"
    assert login("Annaïg", "Le Goff", 2) == "annaig.legoff"
    groups = ipv6(np.random.default_rng(0)).split(":")
    assert len(groups) == 8 and all(1 <= len(g) <= 4 and int(g, 16) >= 0 for g in groups)


def test_generated_documents_label_the_new_shapes() -> None:
    for lang in ("fr", "en"):
        seen: set[str] = set()
        for seed in range(80):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind13")
            spans = {report.text[e.start : e.end]: e.label for e in report.entities}
            for name, label in (("file_name", "PATIENT"), ("pat_login", "PATIENT"), ("staff_login", "PERSON")):
                if slots[name][0] in report.text:
                    assert spans[slots[name][0]] == label
                    seen.add(name)
            for name in ("ip4", "ip6", "url_q"):
                if slots[name][0] in report.text:
                    assert spans[slots[name][0]] == "URL"
                    seen.add(name)
            for trap in ("decade", "cip", "xray_sn", "dose_hp", "equipment", "implant"):  # short numbers may recur
                assert not any(slots[trap][0] in s for s in spans), trap
        assert seen == {"file_name", "pat_login", "staff_login", "ip4", "ip6", "url_q"}


def test_blind13_case_spans_keep_the_written_conventions() -> None:
    docs = {d["id"]: d for d in load_hard_cases(audit_family("blind13").cases_path)}

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        return [(doc["text"][e.start : e.end], e.label) for e in doc["entities"]]

    pacs = spans("blind13-001-fr-journal-pacs")
    assert pacs[:5] == [
        ("2024-03-12", "DATE"),  # an ISO timestamp's calendar part only
        ("10.12.4.77", "URL"),  # IP addresses are URL
        ("jdupont", "PERSON"),  # a login made of a staff name is that person
        ("24031877", "ID"),
        ("LE GOFF Annaïg", "PATIENT"),
    ]
    assert spans("blind13-002-fr-chemin-fichier") == [
        ("mkerbrat", "PERSON"),
        ("Le_Goff_Annaig", "PATIENT"),
        ("20240312", "DATE"),
    ]
    ics = spans("blind13-003-fr-invitation-ics")
    assert ics[0] == ("20240415", "DATE") and ("pauline.ferracci@ch-bastia.fr", "EMAIL") in ics
    assert not any("mailto" in s or "CN=" in s for s, _ in ics)
    # a URL holding the patient's number is one URL span, nothing inside it labelled apart
    assert spans("blind13-035-en-url-query") == [
        ("https://ninewells-imaging.nhs.scot/zfp?lights=on&PatientID=1503842347&AccessionNumber=NW2405551", "URL")
    ]
    assert ("siobhan.nicgph72", "PATIENT") in spans("blind13-039-en-portal-login")
    # holidays with their year and Hijri dates are DATE; decade words are not AGE, exact ages in words are
    assert ("lendemain de Noël 2023", "DATE") in spans("blind13-006-fr-reaction-contraste")
    assert ("1 Shawwal 1445 AH", "DATE") in spans("blind13-038-en-hijri")
    assert ("eighty-seven years old", "AGE") in spans("blind13-043-en-decade-and-words")
    assert not any("eighties" in s or "ptuagénaire" in s for c in docs for s, _ in spans(c))
    # device serials implanted in / loaned to the patient are ID; machine serials and lots are not
    assert ("PJN712345H", "ID") in spans("blind13-005-fr-feuille-salle")
    assert ("ABPM-0093312", "ID") in spans("blind13-014-fr-holter-pret")
    assert ("APRHY604125G99AB", "ID") in spans("blind13-036-en-dvla-licence")
    assert ("S1234567D", "ID") in spans("blind13-037-en-nric")
    traps = [c for c in docs if "-trap-" in c or "-piege-" in c]
    assert len(traps) >= 8 and all(not docs[c]["entities"] for c in traps)
