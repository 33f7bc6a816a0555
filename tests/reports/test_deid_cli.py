"""`xraymatch deid` contract: offsets into the input, atomic output, one-line errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from xraymatch.cli import main
from xraymatch.reports.deid.evaluation import load_hard_cases


def _write(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def params(tmp_path: Path) -> Path:
    """A params file with only the deid section (the CLI reads params.yaml from the working directory)."""
    path = tmp_path / "params.yaml"
    path.write_text("deid:\n  max_chars: 100000\n  date_shift_days: [-1000, 1000]\n")
    return path


def _run(params: Path, src: Path, dst: Path) -> int:
    return main(["deid", "--params", str(params), "--in", str(src), "--out", str(dst)])


def test_contract_offsets_point_into_the_input(tmp_path: Path, params: Path, monkeypatch) -> None:
    monkeypatch.setenv("XRAYMATCH_DEID_SALT", "cli-test")
    cases = load_hard_cases()
    records = [{"id": c["id"], "text": c["text"], "lang": c["lang"]} for c in cases]
    records.append({"id": 7, "text": "", "lang": "en"})  # empty text: valid, nothing to replace
    src = _write(tmp_path / "in.jsonl", records)
    dst = tmp_path / "out.jsonl"
    assert _run(params, src, dst) == 0
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in records]
    assert out[-1] == {"id": 7, "text": "", "entities": []}
    for record, result, case in zip(records, out, cases, strict=False):
        assert set(result) == {"id", "text", "entities"}
        for e in result["entities"]:
            value = record["text"][e["start"] : e["end"]]
            assert value.strip() == value and value, (record["id"], e)
            assert e["label"] != "DATE" or value not in result["text"] or value.isdigit()
        gold = {(e.start, e.end) for e in case["entities"]}
        hits = {(e["start"], e["end"]) for e in result["entities"]}
        assert len(gold & hits) >= len(gold) - 1, case["id"]  # offsets are the input's, not the output's
    first = next(o for o in out if o["id"] == "hard-003")
    assert "Paget" in first["text"] and "Dr Paget" not in first["text"]  # eponym kept, person replaced


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": "a", "text": "x", "lang": "fr"}\n{"id": "b", "lang": "fr"}\n', ":2: field 'text'"),
        (b'{"id": "a", "text": "x", "lang": "de"}\n', ":1: field 'lang'"),
        (b'{"text": "x", "lang": "fr"}\n', ":1: field 'id'"),
        (b'{"id": "a", "text": "x", "lang": "fr"}\nnot json\n', ":2: not a JSON object"),
        (b'{"id": "a", "text": "Dr Dupont \xff\xfe", "lang": "fr"}\n', ":1: not valid UTF-8"),
    ],
)
def test_bad_lines_are_one_line_errors_with_no_output(
    tmp_path: Path, params: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes(content)
    dst = tmp_path / "out.jsonl"
    assert _run(params, src, dst) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1 and "Dupont" not in err
    assert not dst.exists() and not list(tmp_path.glob(".out.jsonl.tmp-*"))


def test_one_megabyte_report_is_refused_not_passed_through(
    tmp_path: Path, params: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = ("Patient : Jean DUPONT. " * 50_000)[:1_000_000]
    src = _write(tmp_path / "in.jsonl", [{"id": "big", "text": text, "lang": "fr"}])
    dst = tmp_path / "out.jsonl"
    assert _run(params, src, dst) == 2
    err = capsys.readouterr().err
    assert ":1: field 'text'" in err and "deid.max_chars" in err and not dst.exists()


def test_html_rtf_and_mixed_language_reports(tmp_path: Path, params: Path) -> None:
    records = [
        {"id": "h", "lang": "fr", "text": "<p>Patient : <b>Henri Lemaire</b></p><p>Date : 12/12/2020</p>"},
        {"id": "r", "lang": "fr", "text": r"{\rtf1 Patient : Lucie Marchand\par Tel 01 45 67 89 10\par}"},
        {"id": "m", "lang": "en", "text": "Patient : Ahmed BENALI, né le 3 mars 1970. Signed by Dr. John Smith."},
    ]
    src = _write(tmp_path / "in.jsonl", records)
    dst = tmp_path / "out.jsonl"
    assert _run(params, src, dst) == 0
    out = {o["id"]: o for o in map(json.loads, dst.read_text(encoding="utf-8").splitlines())}
    for secret, rid in [("Lemaire", "h"), ("12/12/2020", "h"), ("Marchand", "r"), ("01 45 67 89 10", "r"),
                        ("BENALI", "m"), ("3 mars 1970", "m"), ("Smith", "m")]:  # fmt: skip
        assert secret not in out[rid]["text"], (secret, rid)
    assert out["h"]["text"].startswith("<p>Patient : <b>") and "</b></p>" in out["h"]["text"]
