"""The independent residual detector: finds each identifier type itself, and flags only what went through
de-identification unchanged (surrogates and publisher redactions are not residuals)."""

from __future__ import annotations

from xraymatch.reports.entities import Entity
from xraymatch.reports.residual import independent_spans, placeholder_residuals, residual_spans

TEXT = (
    "Patient : Mme Claire DUBOIS, née le 3 janvier 1950, examen du 12/03/2021.\n"
    "NIR 2 50 01 75 123 456 25 - IPP 80012345 - Accession RX21123456\n"
    "Tél : 01 45 67 89 10, +33 6 12 34 56 78. Mail : c.dubois@hopital-nord.fr, www.hopital-nord.fr/rdv\n"
    "Comparaison : mars 2019. Seen by Dr. Mark Olsen on March 3, 2019; call (312) 555-0199.\n"
    "Signe de Lachman négatif, pas de fracture de Pouteau-Colles. Jean Martin a signé."
)


def _found(text: str, label: str) -> set[str]:
    return {text[s.start : s.end] for s in independent_spans(text) if s.label == label}


def test_each_type_is_found_by_the_independent_detector() -> None:
    assert {"3 janvier 1950", "12/03/2021", "mars 2019", "March 3, 2019"} <= _found(TEXT, "DATE")
    assert {"2 50 01 75 123 456 25", "80012345", "RX21123456"} <= _found(TEXT, "ID")
    assert {"01 45 67 89 10", "+33 6 12 34 56 78", "(312) 555-0199"} <= _found(TEXT, "PHONE")
    assert _found(TEXT, "EMAIL") == {"c.dubois@hopital-nord.fr"}
    assert _found(TEXT, "URL") == {"www.hopital-nord.fr/rdv"}
    names = _found(TEXT, "PERSON")
    assert {"Claire DUBOIS", "Mark Olsen", "Jean Martin"} <= names
    assert not any("Lachman" in n or "Pouteau" in n for n in names)  # eponyms without a title are not names


def test_a_nir_needs_a_valid_key_and_redactions_are_not_names() -> None:
    assert not _found("NIR 2 50 01 75 123 456 26", "ID")  # wrong key: no 15-digit NIR
    assert _found("discussed with Dr. XXXX XXXX at XXXX", "PERSON") == set()


def test_only_unreplaced_identifiers_are_residuals() -> None:
    start = TEXT.index("01 45 67 89 10")
    phone = Entity(start, start + len("01 45 67 89 10"), "PHONE")
    name_start = TEXT.index("Claire")
    given, family = Entity(name_start, name_start + 6, "PATIENT"), Entity(name_start + 7, name_start + 13, "PATIENT")
    replaced = [phone, given, family]
    output = TEXT.replace("01 45 67 89 10", "01 98 76 54 32").replace("Claire DUBOIS", "Anne MARTIN")
    residual = residual_spans(TEXT, replaced, output, use_edsnlp=False)
    spans = {(r.start, r.end) for r in residual}
    assert (phone.start, phone.end) not in spans  # replaced
    assert not any(r.start <= name_start < r.end for r in residual)  # both name tokens replaced: covered
    assert any(TEXT[r.start : r.end] == "c.dubois@hopital-nord.fr" for r in residual)  # left as it was
    gold_missed = residual_spans("IPP 123", [], "IPP 123", gold=[Entity(4, 7, "ID")], use_edsnlp=False)
    assert [(r.label, r.source) for r in gold_missed] == [("ID", "gold")]
    leaked = residual_spans("IPP 1234", [Entity(4, 8, "ID")], "IPP 1234", gold=[Entity(4, 8, "ID")], use_edsnlp=False)
    assert [(r.label, r.source) for r in leaked] == [("ID", "gold")]  # "replaced" by itself: still in the output


def test_placeholder_domains_are_not_residuals() -> None:
    text = "contact1234@example.org, https://www.example.org/0042, x@hopital.fr, http://portal.clinic.com/a"
    found = {text[r.start : r.end] for r in placeholder_residuals(text)}
    assert found == {"x@hopital.fr", "http://portal.clinic.com/a"}
