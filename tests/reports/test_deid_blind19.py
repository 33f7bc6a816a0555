"""Blind19 template family and hand-written blind19 cases: the check digits with known answers (NIR/INS keys with
Corsican departments, French numéro fiscal SPI, Australian TFN, Canadian SIN, US NPI and DEA), generated numbers that
carry them, and the labelling decisions (INSEE birth codes LOCATION and foreign country codes unlabelled, given-name
lists one PATIENT span, typist initials and call times unlabelled, specimen numbers ID and labs INSTITUTION, DXA
scores unlabelled, photo file names' date part DATE, tax and student numbers ID) on the case file."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from xraymatch.reports.entities import Entity
from xraymatch.reports.families import audit_family
from xraymatch.reports.identities import _plant
from xraymatch.reports.identities_blind5 import luhn_digit
from xraymatch.reports.identities_blind12 import nhs_check
from xraymatch.reports.identities_blind19 import dea_check, nir_key, npi_check, sin_valid, spi_key, tfn_valid


def test_check_digits_known_answers() -> None:
    assert nir_key("2550814168025") == "38"  # 2 55 08 14 168 025 38, the usual published NIR example
    assert nir_key("2690549588157") == "80"  # 2 69 05 49 588 157 80, another published example
    assert nir_key("148082A004127") == "70"  # Corsica: 2A read as 19, 1480819004127 % 97 = 27, 97 - 27 = 70
    assert nir_key("148082B004127") == nir_key("1480818004127")  # 2B read as 18
    assert spi_key("3023217600") == "053"  # numéro fiscal 30 23 217 600 053 (python-stdnum's fr.nif example)
    assert spi_key("1046213578") == "354"  # 1046213578 % 511 = 354
    assert tfn_valid("123 456 782")  # the ATO-style example number (python-stdnum's au.tfn)
    assert tfn_valid("876543210")  # 8 + 28 + 18 + 35 + 20 + 24 + 12 + 9 + 0 = 154 = 14 x 11
    assert not tfn_valid("999 999 999")
    assert npi_check("123456789") == "3"  # NPI 1234567893, the CMS check-digit example (Luhn over 80840123456789)
    assert dea_check("583672") == "7"  # AP5836727: 5 + 3 + 7 = 15, 2 x (8 + 6 + 2) = 32, 47 -> 7
    assert dea_check("518427") == "9"  # AJ5184279: 15 + 2 x 12 = 39 -> 9
    assert sin_valid("046 454 286")  # the Government of Canada's sample SIN
    assert not sin_valid("046 454 287")
    for call in (lambda: nir_key("12345"), lambda: nir_key("14808XX004127"), lambda: spi_key("9023217600"),
                 lambda: spi_key("302321760"), lambda: tfn_valid("12345678"), lambda: npi_check("12345678x"),
                 lambda: dea_check("12345"), lambda: sin_valid("04645428")):  # fmt: skip
        with pytest.raises(ValueError, match="expected"):
            call()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def test_generated_numbers_carry_valid_check_digits_and_traps_stay_out() -> None:
    for seed in range(40):
        for lang in ("fr", "en"):
            report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), "blind19")
            for name in ("ins", "ins_abroad"):
                body = slots[name][0].replace(" ", "")
                assert len(body) == 15 and nir_key(body[:13]) == body[13:], name
            assert slots["ins"][0].replace(" ", "")[5:10] == slots["birth_insee"][0]
            assert slots["ins_abroad"][0].replace(" ", "")[5:7] == "99"
            if lang == "fr":  # the country code shown is the one inside the NIR of someone born abroad
                assert slots["ins_abroad"][0].replace(" ", "")[5:10] == slots["country_code"][0]
            spi = _digits(slots["spi"][0])
            assert len(spi) == 13 and spi_key(spi[:10]) == spi[10:]
            assert tfn_valid(slots["tfn"][0]) and sin_valid(slots["sin"][0])
            npi = slots["npi"][0]
            assert len(npi) == 10 and npi_check(npi[:9]) == npi[9]
            dea = slots["dea"][0]
            assert dea_check(dea[2:8]) == dea[8] and dea[1] in {w[0].upper() for w in slots["referrer"][0].split()}
            nhs = _digits(slots["nhs"][0])
            assert nhs_check(nhs[:9]) == int(nhs[9])
            rpps = slots["rpps"][0]
            assert luhn_digit(rpps[:-1]) == rpps[-1]
            assert re.fullmatch(r"9\d\d-(7\d|8[0-8])-\d{4}", slots["itin"][0])
            spans = {report.text[e.start : e.end] for e in report.entities}
            for trap in ("typist_init", "sample_time", "call_time", "tscore", "platform", "ins_status", "country"):
                assert slots[trap][1] is None and slots[trap][0] not in spans, trap


def _cases() -> dict[str, dict]:
    path = audit_family("blind19").cases_path
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {d["id"].split("-", 2)[2]: d for d in docs}


def test_blind19_case_file_counts() -> None:
    docs = list(_cases().values())
    assert len(docs) >= 48
    langs = [d["lang"] for d in docs]
    assert abs(langs.count("fr") - langs.count("en")) <= 2
    assert sum(not d["entities"] for d in docs) >= 8


def test_blind19_case_spans_keep_the_written_conventions() -> None:
    docs = _cases()

    def spans(case: str) -> list[tuple[str, str]]:
        doc = docs[case]
        entities = [Entity(e["start"], e["end"], e["label"]) for e in doc["entities"]]
        return [(doc["text"][e.start : e.end], e.label) for e in entities]

    def texts(case: str) -> set[str]:
        return {text for text, _ in spans(case)}

    # letterheads: associated radiologists PERSON, the practice company INSTITUTION, RPPS ID (valid Luhn)
    tdm = spans("fr-cabinet-tdm")
    assert ("SELARL Imagerie des Capucins", "INSTITUTION") in tdm and ("CHU de Bordeaux", "INSTITUTION") in tdm
    assert ("Vahe Petrossian", "PERSON") in tdm and ("Lemarchand", "PERSON") in tdm
    for case in ("fr-cabinet-tdm", "fr-cabinet-thyroide"):
        rpps = next(t for t, label in spans(case) if label == "ID" and len(t) == 11)
        assert luhn_digit(rpps[:-1]) == rpps[-1]
    assert ("HARBOUR IMAGING PTY LTD", "INSTITUTION") in spans("en-au-practice-letterhead")
    assert not any("FRANZCR" in t for t in texts("en-au-practice-letterhead"))
    # INS traits: INSEE birth codes LOCATION, foreign country codes unlabelled, given names one span, NIR keys valid
    ins = spans("fr-ins-qualifiee")
    assert ("29019", "LOCATION") in ins and ("Gwenaëlle Anne Marie", "PATIENT") in ins
    assert ("2A004", "LOCATION") in spans("fr-ins-corse")
    assert not texts("fr-ins-etranger") & {"99350", "Maroc"}
    assert not texts("en-pds-trace") & {"NGA", "Nigeria", "male"}
    for case in ("fr-ins-qualifiee", "fr-ins-corse", "fr-ins-etranger"):
        nir = next(t.replace(" ", "") for t, label in spans(case) if label == "ID" and len(t) == 21)
        assert nir_key(nir[:13]) == nir[13:]
    # critical results: the person called PERSON, the extension PHONE, the time unlabelled
    critical = spans("fr-resultat-critique")
    assert ("Zofia Mazur", "PERSON") in critical and ("4417", "PHONE") in critical
    assert "02:40" not in texts("fr-resultat-critique") and "02:31" not in texts("en-critical-result")
    # dictation references: the author's capitals PERSON, the typist's lowercase initials unlabelled
    assert ("CV", "PERSON") in spans("en-typist-reference") and "jk" not in texts("en-typist-reference")
    assert ("AS", "PERSON") in spans("fr-dictee-initiales") and "mb" not in texts("fr-dictee-initiales")
    # pasted labs: specimen ID, lab INSTITUTION, sampling date DATE (ISO calendar part), times unlabelled
    egfr = spans("en-pre-contrast-egfr")
    assert ("C24-551907", "ID") in egfr and ("LifeLabs Toronto", "INSTITUTION") in egfr
    assert ("2024-05-06", "DATE") in egfr
    assert ("Laboratoire Cerballiance Bordeaux Bastide", "INSTITUTION") in spans("fr-bilan-renal")
    assert ("CH de Dax", "INSTITUTION") in spans("fr-inr-biopsie")
    # DXA: the previous scan DATE, scores unlabelled
    assert ("14/11/2021", "DATE") in spans("fr-densito-suivi")
    assert not any("score" in t or "FRAX" in t for case in ("fr-densito-suivi", "en-dxa-letter") for t in texts(case))
    # tax, student, sports, prescriber numbers ID (valid check digits); tax years and federations unlabelled
    assert ("10 46 213 578 354", "ID") in spans("fr-aide-sociale-fiscal")
    assert tfn_valid("417 025 830") and ("417 025 830", "ID") in spans("en-au-income-protection-tfn")
    assert sin_valid("527 304 182") and ("527 304 182", "ID") in spans("en-cpp-disability-sin")
    sedation = spans("en-sedation-npi-dea")
    assert ("1730458290", "ID") in sedation and npi_check("173045829") == "0"
    assert ("BG2741583", "ID") in sedation and dea_check("274158") == "3" and ("2918", "PHONE") in sedation
    assert ("22104587", "ID") in spans("fr-sante-etudiante") and "FFHandball" not in texts("fr-sante-etudiante")
    assert ("McGill University", "INSTITUTION") in spans("en-student-health")
    # photos: the file name's date part DATE, its time part and the phone model unlabelled; the photographer PERSON
    photos = spans("en-patient-photos")
    assert ("20230817", "DATE") in photos and ("Adebayo", "PERSON") in photos
    assert not texts("en-patient-photos") & {"204455", "Samsung Galaxy A54", "MyChart"}
    # portals: the platform unlabelled, the document ID ID, the link one URL span
    assert ("3f2a9c41-7b0e-4d6a-9e15-c2b8a7d40f63", "ID") in spans("fr-mon-espace-sante")
    assert not any("espace" in t for t in texts("fr-mon-espace-sante"))
    link = "https://mychart.northgateimaging.org/MyChart/Results?id=5531907"
    assert (link, "URL") in spans("en-mychart-notification")
    # pure traps: labs, DXA, dose reports, empty templates, normal reports, tax rules, PDS codes
    for case in ("fr-piege-bilan", "fr-piege-densito", "fr-piege-dose", "fr-piege-modele-vide",
                 "fr-piege-thorax-normal", "fr-piege-fiscal", "en-trap-labs", "en-trap-dxa", "en-trap-dose",
                 "en-trap-empty-template", "en-trap-normal-chest", "en-trap-pds-codes"):  # fmt: skip
        assert docs[case]["entities"] == []
