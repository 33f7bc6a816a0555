"""The user's reports: strict validation with one-line errors, documented clean-ups, de-identified on reading."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from xraymatch.errors import InputError
from xraymatch.reports.user import load_user_reports, pseudonymous_id, read_user_reports

MAX = 200_000
TEXT_FR = (
    "Patient : M. Jean-Pierre MOREAU, né le 12/03/1956.\nIPP : 80012345678\n"
    "Résultats : fracture non déplacée de la 6e côte droite (signe de Lachman négatif).\n"
    "Conclusion : fracture costale droite.\nDr Sophie Lambert - Tél 01 45 67 89 10"
)
TEXT_EN = "FINDINGS: Clear lungs. No fracture.\nIMPRESSION: Normal chest. Call Dr. Mark Olsen at (312) 555-0199."


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _csv(path: Path, header: str, rows: list[str]) -> Path:
    path.write_text(header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_csv_and_jsonl_are_read_with_their_image_ids(tmp_path: Path) -> None:
    _csv(tmp_path / "a.csv", "report_id,text,lang,image_ids,extra", ['r1,"Pas de fracture, RAS.",fr,img1;img2,x'])
    (tmp_path / "sub").mkdir()
    record = {"report_id": 7, "text": TEXT_EN, "lang": "en", "image_ids": ["i-7"], "patient_id": "P1"}
    _jsonl(tmp_path / "sub" / "b.jsonl", [record])
    (tmp_path / ".gitkeep").write_text("")
    reports = read_user_reports(tmp_path, MAX)
    assert [(r.report_id, r.lang, r.image_ids) for r in reports] == [
        ("r1", "fr", ("img1", "img2")),
        ("7", "en", ("i-7",)),
    ]
    assert reports[0].text == "Pas de fracture, RAS." and reports[1].patient_id == "P1"


def test_a_missing_folder_holds_no_reports(tmp_path: Path) -> None:
    assert read_user_reports(tmp_path / "absent", MAX) == []


@pytest.mark.parametrize(
    ("header", "row", "message"),
    [
        ("report_id,text,image_ids", "r1,texte,img", r"a\.csv: missing column 'lang'"),
        ("report_id,text,lang,image_ids", "r1,,fr,img", r"a\.csv:2: field 'text' is empty"),
        ("report_id,text,lang,image_ids", "r1,   ,fr,img", r"a\.csv:2: field 'text' is empty"),
        ("report_id,text,lang,image_ids", "r1,texte,de,img", r"a\.csv:2: field 'lang' must be"),
        ("report_id,text,lang,image_ids", "r1,texte,fr,", r"a\.csv:2: field 'image_ids' is empty"),
        ("report_id,text,lang,image_ids", "r1,a,b,fr,img", r"a\.csv:2: more cells than header columns"),
        ("report_id,text,lang,image_ids", r"r1,{\rtf1\ansi Pas de fracture},fr,img", r"RTF document"),
    ],
)
def test_bad_csv_records_are_one_line_errors(tmp_path: Path, header: str, row: str, message: str) -> None:
    _csv(tmp_path / "a.csv", header, [row])
    with pytest.raises(InputError, match=message) as error:
        read_user_reports(tmp_path, MAX)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": "x", "lang": "fr", "image_ids": ["i"]}, "field 'report_id' is missing"),
        ({"report_id": "r", "text": "x", "lang": "fr", "image_ids": "i"}, None),  # a string is one id
        ({"report_id": "r", "text": 5, "lang": "fr", "image_ids": ["i"]}, "field 'text' must be a string"),
        ({"report_id": "r", "text": "x", "lang": "fr", "image_ids": [1.5]}, "list of strings"),
        ({"report_id": "r", "text": "x" * (MAX + 1), "lang": "fr", "image_ids": ["i"]}, "over deid.max_chars"),
    ],
)
def test_bad_jsonl_records_are_one_line_errors(tmp_path: Path, record: dict[str, Any], message: str | None) -> None:
    _jsonl(tmp_path / "b.jsonl", [record])
    if message is None:
        assert read_user_reports(tmp_path, MAX)[0].image_ids == ("i",)
        return
    with pytest.raises(InputError, match=rf"b\.jsonl:1: {message}" if "missing" in message else message):
        read_user_reports(tmp_path, MAX)


def test_file_level_errors(tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_bytes(b"report_id,text,lang,image_ids\nr1,caf\xe9,fr,i\n")
    with pytest.raises(InputError, match=r"bad\.csv:2: not valid UTF-8"):
        read_user_reports(tmp_path, MAX)
    (tmp_path / "bad.csv").unlink()
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(InputError, match=r"notes\.txt: not a \.csv or \.jsonl"):
        read_user_reports(tmp_path, MAX)
    (tmp_path / "notes.txt").unlink()
    (tmp_path / "c.jsonl").write_text('{"report_id": "r", "text": "x", "lang": "fr", "image_ids": ["i"]}\n[1]\n')
    with pytest.raises(InputError, match=r"c\.jsonl:2: not a JSON object"):
        read_user_reports(tmp_path, MAX)
    _jsonl(tmp_path / "c.jsonl", [{"report_id": "r", "text": "x", "lang": "fr", "image_ids": ["i"]}] * 2)
    with pytest.raises(InputError, match=r"c\.jsonl:2: duplicate report_id \(first at .*c\.jsonl:1\)"):
        read_user_reports(tmp_path, MAX)


def test_documented_cleanups_bom_crlf_html(tmp_path: Path) -> None:
    html = "<p>Pas de fracture&nbsp;visible.</p><p>Conclusion&nbsp;: normal.<br>Fin</p>"
    (tmp_path / "a.csv").write_bytes(
        "\ufeffreport_id,text,lang,image_ids\r\n".encode() + f'r1,"{html}",fr,i\r\n'.encode()
        + b'r2,"ligne 1\r\nligne 2\x07",fr,i\r\n'
    )  # fmt: skip
    html_report, crlf_report = read_user_reports(tmp_path, MAX)
    assert "<" not in html_report.text and "Pas de fracture\xa0visible." in html_report.text
    assert "\nConclusion\xa0: normal.\nFin" in html_report.text
    assert crlf_report.text == "ligne 1\nligne 2"


def test_reports_are_deidentified_on_reading_and_ids_pseudonymised(tmp_path: Path) -> None:
    from xraymatch.reports.deid.pipeline import DeidConfig, deidentify
    from xraymatch.reports.residual import residual_spans

    _jsonl(tmp_path / "r.jsonl", [
        {"report_id": "ACC-2024-0042", "text": TEXT_FR, "lang": "fr", "image_ids": ["img-a"], "patient_id": "IPP1"},
        {"report_id": "ACC-2024-0043", "text": TEXT_EN, "lang": "en", "image_ids": ["img-b"]},
    ])  # fmt: skip
    calls: list[tuple[str, str, str | None]] = []

    def deid(text: str, lang: str, doc_key: str, patient_key: str | None) -> tuple[str, list[Any]]:
        calls.append((lang, doc_key, patient_key))
        result = deidentify(text, lang, DeidConfig(), doc_key=doc_key, patient_key=patient_key, salt="test-salt")
        return result.text, result.entities

    def residuals(original: str, entities: list[Any], output: str, lang: str) -> list[Any]:
        return residual_spans(original, entities, output, use_edsnlp=False)

    fr, en = load_user_reports(tmp_path, deid, "test-salt", MAX, residuals)
    assert fr.report_id == pseudonymous_id("ACC-2024-0042", "test-salt") and fr.report_id.startswith("user-")
    assert calls[0] == ("fr", fr.report_id, "id:" + pseudonymous_id("IPP1", "test-salt"))
    for secret in ("MOREAU", "Jean-Pierre", "12/03/1956", "80012345678", "Lambert", "01 45 67 89 10", "ACC-2024"):
        assert secret not in fr.text + fr.report_id
    for secret in ("Olsen", "555-0199"):
        assert secret not in en.text
    assert "signe de Lachman" in fr.text and "6e côte droite" in fr.text  # eponyms and findings survive
    assert {"PATIENT", "DATE", "ID", "PERSON", "PHONE"} <= set(fr.entity_labels)
    assert fr.n_residual == 0 and en.n_residual == 0
    assert fr.image_ids == ("img-a",)
