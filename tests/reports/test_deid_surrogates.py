"""Surrogates: consistent names, per-patient date shift keeping intervals and formats, same-shape IDs."""

from __future__ import annotations

import datetime as dt
import re

from xraymatch.reports.deid.checksums import nir_valid
from xraymatch.reports.deid.pipeline import DeidConfig, deidentify
from xraymatch.reports.deid.surrogates import date_shift_days, shift_date

SALT = "test-salt"


def test_shift_date_keeps_format_and_moves_by_the_offset() -> None:
    assert shift_date("12/03/2021", 10, "fr") == "22/03/2021"
    assert shift_date("2021-03-12", -12, "fr") == "2021-02-28"
    assert shift_date("12 mars 2021", 30, "fr") == "11 avril 2021"
    assert shift_date("March 12, 2021", 1, "en") == "March 13, 2021"
    assert shift_date("03/12/2021", 1, "en") == "03/13/2021"  # month first in English
    assert shift_date("12.03.21", 365, "fr") == "12.03.22"
    assert shift_date("1er avril 1950", 1, "fr") == "2 avril 1950"
    assert shift_date("mars 2021", 31, "fr") == "avril 2021"
    assert shift_date("Nov 2019", 31, "en") == "Dec 2019"
    assert shift_date("not a date", 3, "fr") is None


def test_shift_is_per_patient_nonzero_and_in_range() -> None:
    shifts = {date_shift_days(SALT, f"patient-{i}", -1000, 1000) for i in range(50)}
    assert len(shifts) > 40 and 0 not in shifts and all(-1000 <= s <= 1000 for s in shifts)
    assert date_shift_days(SALT, "p1", -1000, 1000) == date_shift_days(SALT, "p1", -1000, 1000)
    assert date_shift_days(SALT, "p1", -1000, 1000) != date_shift_days("other-salt", "p1", -1000, 1000)


def _dates(text: str) -> list[dt.date]:
    return [dt.date(int(y), int(m), int(d)) for d, m, y in re.findall(r"(\d{2})/(\d{2})/(\d{4})", text)]


def test_interval_between_dates_survives_and_same_patient_same_shift_across_documents() -> None:
    config = DeidConfig()
    text = "Patient : Jean DUPONT. Examen du 12/03/2021, comparé au 01/02/2020."
    out = deidentify(text, "fr", config, doc_key="a", salt=SALT)
    before, after = _dates(text), _dates(out.text)
    assert len(after) == 2 and after != before
    assert (after[0] - after[1]) == (before[0] - before[1])
    other = deidentify("Nom : Jean DUPONT. Contrôle le 12/03/2021.", "fr", config, doc_key="b", salt=SALT)
    assert _dates(other.text)[0] == after[0]  # same patient name -> same shift in another document
    keyed = deidentify("Contrôle le 12/03/2021.", "fr", config, doc_key="c", patient_key="P1", salt=SALT)
    keyed2 = deidentify("Vu le 12/03/2021.", "fr", config, doc_key="d", patient_key="P1", salt=SALT)
    assert _dates(keyed.text) == _dates(keyed2.text)


def test_names_are_consistent_within_a_document_and_originals_gone() -> None:
    text = "Patient : Jean DUPONT. Le Dr Sophie Moreau a vu M. DUPONT. DUPONT Jean rappelé par le Dr Moreau."
    out = deidentify(text, "fr", DeidConfig(), doc_key="doc-1", salt=SALT).text
    for original in ("DUPONT", "Moreau", "Sophie", "Jean"):
        assert original not in out
    surnames = re.findall(r"\b[A-ZÀ-Ý][A-ZÀ-Ý'-]{2,}\b", out)
    assert len(surnames) == 3 and len(set(surnames)) == 1  # DUPONT -> one surrogate, upper case kept
    again = deidentify(text, "fr", DeidConfig(), doc_key="doc-1", salt=SALT).text
    assert again == out  # deterministic


def test_ids_phones_contacts_replaced_with_same_shape() -> None:
    text = "NIR : 2 84 05 75 116 005 54. IPP : A2021-5077810. Tél : 06 12 34 56 78. Mail : a.b@c.fr, www.c.fr"
    result = deidentify(text, "fr", DeidConfig(), doc_key="x", salt=SALT)
    out = result.text
    nir = re.search(r"NIR : ([\d ]+\d)", out).group(1)
    assert nir != "2 84 05 75 116 005 54" and nir_valid(nir) and len(nir) == len("2 84 05 75 116 005 54")
    assert re.search(r"IPP : [A-Z]\d{4}-\d{7}\.", out) and "A2021-5077810" not in out
    assert re.search(r"Tél : 0\d \d\d \d\d \d\d \d\d", out) and "06 12 34 56 78" not in out
    assert "a.b@c.fr" not in out and "www.c.fr" not in out and "@example.org" in out
    assert {e.label for e in result.entities} == {"ID", "PHONE", "EMAIL", "URL"}


def test_ages_kept_below_cap_and_capped_above() -> None:
    out = deidentify("Patiente de 45 ans. Mère de 97 ans.", "fr", DeidConfig(), doc_key="x", salt=SALT).text
    assert "45 ans" in out and "97" not in out and "90 ans" in out
