"""Blind22 template family and hand-written blind22 cases: the keys of the JMBG/EMŠO, the Czech/Slovak rodné číslo,
the Icelandic kennitala, the Thai national ID and the Korean RRN with known answers, generated national numbers valid,
traps unlabelled, and the labelling decisions (provisional aliases one ID span, 'patient inconnu' unlabelled, merged
old and new numbers both ID, radiation-card numbers ID and validity dates DATE, household contacts PERSON with ages
AGE, activities, batches, rooms, cycle days and embryo days unlabelled, donor and straw codes ID) on the case file.
The case file is read as plain JSON: this test needs nothing from reports/deid/."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind22 import (
    jmbg_check,
    kennitala_check,
    rodne_cislo_check,
    rrn_check,
    thai_id_check,
)


def test_check_digits_known_answers() -> None:
    # JMBG 0101006500006, the example of the scheme's description: 1*6 + 1*4 + 6*7 + 5*6 = 82, 11 - 82 % 11 = 6
    assert jmbg_check("010100650000") == "6"
    assert jmbg_check("010100650001") == "4"  # 82 + 1*2 = 84, 84 % 11 = 7, 11 - 7 = 4
    assert jmbg_check("010100650003") == "0"  # 82 + 3*2 = 88, 88 % 11 = 0, 11 - 0 = 11 -> 0
    assert jmbg_check("010100650009") is None  # 82 + 9*2 = 100, 100 % 11 = 1, 11 - 1 = 10: never issued
    # rodné číslo 736028/5163 (a woman born 28 October 1973): 736028516 % 11 = 3, 7360285163 = 11 * 669116833
    assert rodne_cislo_check("736028516") == "3"
    assert rodne_cislo_check("736028006") is None  # 736028006 % 11 = 10
    # kennitala 120174-3399, the Registers Iceland example: 3 + 4 + 0 + 6 + 35 + 16 + 9 + 6 = 79, 11 - 79 % 11 = 9
    assert kennitala_check("12017433") == "9"
    assert kennitala_check("12017407") is None  # 3 + 4 + 0 + 6 + 35 + 16 + 0 + 14 = 78, 11 - 78 % 11 = 10
    # Thai ID 1-1017-00207-03-0: the weighted sum (13 down to 2) is 144, 144 % 11 = 1, (11 - 1) % 10 = 0
    assert thai_id_check("110170020703") == "0"
    # Korean RRN 880101-1234568: weights 2..9, 2..5 give 146, 146 % 11 = 3, (11 - 3) % 10 = 8
    assert rrn_check("880101123456") == "8"
    for call in (lambda: jmbg_check("01010065000"), lambda: rodne_cislo_check("73602851x"),
                 lambda: kennitala_check("1201743"), lambda: thai_id_check("1101700207030"),
                 lambda: rrn_check("88010112345-")):  # fmt: skip
        with pytest.raises(ValueError, match="expected"):
            call()


def national_number_valid(kind: str, number: str) -> bool:
    """Whether a printed national number of the scheme named `kind` (the id_kind trap slot) carries its key."""
    digits = re.sub(r"\D", "", number)
    if kind == "JMBG":
        return len(digits) == 13 and jmbg_check(digits[:12]) == digits[12]
    if kind in ("rodné číslo", "birth number"):
        return bool(re.fullmatch(r"\d{6}/\d{4}", number)) and int(digits) % 11 == 0
    if kind == "kennitala":
        return bool(re.fullmatch(r"\d{6}-\d{4}", number)) and kennitala_check(digits[:8]) == digits[8]
    if kind in ("n° d'identité thaï", "Thai ID"):
        return bool(re.fullmatch(r"\d-\d{4}-\d{5}-\d\d-\d", number)) and thai_id_check(digits[:12]) == digits[12]
    if kind == "RRN":
        return bool(re.fullmatch(r"\d{6}-\d{7}", number)) and rrn_check(digits[:12]) == digits[12]
    raise AssertionError(kind)


def test_generated_numbers_carry_valid_keys_and_traps_stay_out() -> None:
    kinds = set()
    for seed in range(60):
        for lang in ("fr", "en"):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind22")
            kind, number = slots["id_kind"][0], slots["nat_id"][0]
            kinds.add(kind)
            assert national_number_valid(kind, number), (kind, number)
            spans = {report.text[e.start : e.end] for e in report.entities}
            for trap in ("plan", "triage_cat", "unknown", "activity", "batch", "iso_room", "cycle_day", "attempt",
                         "embryo_day", "amh", "age_band", "id_kind"):  # fmt: skip
                assert slots[trap][1] is None and slots[trap][0] not in spans, trap
            assert slots["alias"][1] == "ID" and slots["card_valid"][1] == "DATE" and slots["child"][1] == "PERSON"
    assert len(kinds) == 7  # every scheme, under its French and English names


def _cases() -> dict[str, list[tuple[str, str]]]:
    path = audit_family("blind22").cases_path
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {
        d["id"].split("-", 2)[2]: [(d["text"][e["start"] : e["end"]], e["label"]) for e in d["entities"]] for d in docs
    }


def test_blind22_case_spans_keep_the_written_conventions() -> None:
    cases = _cases()
    # provisional aliases are one ID span; the bracelet and the tag are ID, the triage category is not labelled
    plan = cases["fr-plan-blanc-alias"]
    assert ("INCONNU 0417", "ID") in plan and ("75-0048213", "ID") in plan and ("35 ans", "AGE") in plan
    assert all(text != "UA" for text, _ in plan)
    assert ("TRAUMA ZULU 12", "ID") in cases["en-major-incident-tag"]
    assert ("ZZTRAUMA, QUEBEC", "ID") in cases["en-us-trauma-alias"]
    dicom = cases["fr-dicom-reconciliation"]
    assert dicom.count(("ANONYME^ROMEO^03", "ID")) == 2 and ("HORVAT^MAJA", "PATIENT") in dicom
    # identification: the relative PERSON, the real name PATIENT; old and new numbers both ID
    soeur = cases["fr-identification-soeur"]
    assert ("Samira Haddad", "PERSON") in soeur and ("Karim Haddad", "PATIENT") in soeur
    assert ("800512347", "ID") in soeur and ("900771204", "ID") in soeur
    merge = cases["en-merge-email"]
    assert merge.count(("TMP220871", "ID")) == 2 and merge.count(("RL1180442", "ID")) == 2
    # nuclear medicine: card number ID, validity DATE, children PERSON with their ages AGE
    rai = cases["fr-iratherapie-sortie"]
    assert ("RP-118204", "ID") in rai and ("05/06/2024", "DATE") in rai
    assert ("Klára", "PERSON") in rai and ("3 ans", "AGE") in rai
    assert all(not any(trap in text for trap in ("GBq", "240229", "M2", "10h30")) for text, _ in rai)
    household = cases["en-lutetium-household"]
    assert ("Leo", "PERSON") in household and ("18 months", "AGE") in household
    # fertility: partner PERSON, donor and straw codes ID, cycle and embryo days unlabelled
    donor = cases["fr-don-ovocytes"]
    assert ("D-48122", "ID") in donor and ("P-0917-C", "ID") in donor
    assert all("J5" not in text and "TEC" not in text for text, _ in donor)
    assert ("Baptiste Renaud", "PERSON") in cases["fr-hsg-kennitala"]
    # national numbers one ID span with their separators, and valid
    for case, kind, number in (("fr-sinus-accident-car", "JMBG", "1403987715120"),
                               ("en-merge-email", "JMBG", "2507962175486"),
                               ("fr-carte-radioprotection", "rodné číslo", "795522/3188"),
                               ("en-unknown-woke-up", "rodné číslo", "045817/0042"),
                               ("fr-hsg-kennitala", "kennitala", "150186-2779"),
                               ("en-dvi-reconciliation", "kennitala", "120174-3399"),
                               ("en-radiation-card", "Thai ID", "3-1005-00412-33-6"),
                               ("fr-etudiante-coreenne", "RRN", "900615-2234510"),
                               ("en-us-trauma-alias", "RRN", "751103-1062183")):  # fmt: skip
        assert (number, "ID") in cases[case] and national_number_valid(kind, number), case
    # family name first is one PATIENT span
    assert ("KANG Min-ji", "PATIENT") in cases["en-hycosy-korean"]
    # pure traps: protocols, schemes, activities, cycles
    for case in ("fr-piege-tep-psma", "fr-piege-monitorage", "fr-piege-scinti-post-therapie",
                 "fr-piege-protocole-inconnu", "fr-piege-numeros-etrangers", "fr-piege-rappel-plan-blanc",
                 "fr-piege-chambre-protegee", "en-trap-post-therapy-scan", "en-trap-follicle-tracking",
                 "en-trap-major-incident-log", "en-trap-alias-policy", "en-trap-id-schemes"):  # fmt: skip
        assert cases[case] == [], case
