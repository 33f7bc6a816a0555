"""The user's own reports from `data/raw/reports/`: strict reading, then de-identification before anything else.

Input: any number of `.csv` and `.jsonl` files (any nesting; hidden files, `.gitkeep` and README files are ignored,
anything else is an error). Each record has `report_id`, `text`, `lang` ("fr" or "en") and `image_ids` (a JSON list
of strings in JSONL; in CSV one cell with ids separated by ";"), and optionally `patient_id` (reports of one patient
then share one date shift). Extra CSV columns / JSON keys are ignored and never read further.

Rules (each broken rule is a one-line InputError naming the file, line and field, and nothing is written):
invalid UTF-8; a CSV without one of the required columns; an empty or blank text; a text over `deid.max_chars`;
a lang other than fr/en; no image id; a duplicate report_id; RTF documents (export them as plain text). Documented
behaviours: a UTF-8 BOM is accepted; CRLF line ends become LF; HTML fragments are turned into plain text (tags
dropped, <br>/<p> become line breaks, entities unescaped) before de-identification; other control characters are
dropped. A report mixing French and English is accepted here and fails the reports suite's language check.

`load_user_reports` de-identifies each report as soon as it is validated; the raw text, the raw report id (replaced
by `user-` + an HMAC of it) and the patient id never leave this module.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import html
import io
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from xraymatch.errors import InputError

REQUIRED = ("report_id", "text", "lang", "image_ids")
LANGS = ("fr", "en")
IGNORED_NAMES = (".gitkeep", "readme", "readme.md", "readme.txt")
_RTF = re.compile(r"^\s*\{\\rtf", re.IGNORECASE)
_HTML = re.compile(r"</?(?:p|br|div|span|b|i|u|em|strong|html|body|table|tr|td|th|li|ul|ol|h[1-6]|font)\b[^<>]*>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class UserReport:
    """A validated (still identifying) report; only this module sees it."""

    where: str  # file:line, for errors
    report_id: str
    text: str
    lang: str
    image_ids: tuple[str, ...]
    patient_id: str | None


@dataclass(frozen=True)
class DeidentifiedReport:
    """A user report after de-identification: pseudonymous id, de-identified text and the replaced spans' labels."""

    report_id: str
    text: str
    lang: str
    image_ids: tuple[str, ...]
    entity_labels: tuple[str, ...]
    n_residual: int  # identifiers the independent detector found unreplaced (see residual.py)
    residual_labels: tuple[str, ...]


def pseudonymous_id(raw_id: str, salt: str) -> str:
    """`user-` + HMAC-SHA256(salt, raw id)[:16]: stable across runs, meaningless without the salt."""
    return "user-" + hmac.new(salt.encode(), raw_id.encode(), hashlib.sha256).hexdigest()[:16]


def html_to_text(text: str) -> str:
    """Plain text of an HTML fragment: <br>, </p>, </div>, </li>, </tr> become line breaks, other tags vanish."""
    text = re.sub(r"<\s*br\s*/?\s*>|</\s*(?:p|div|li|tr|h[1-6])\s*>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^<>]*>", "", text)
    return html.unescape(text)


def normalise_text(text: str, where: str) -> str:
    """The documented clean-up (CRLF, HTML, control characters); RTF is an error."""
    if _RTF.match(text):
        raise InputError(f"{where}: field 'text' is an RTF document; export the report as plain text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML.search(text):
        text = html_to_text(text)
    return _CONTROL.sub("", text)


def _files(raw_dir: Path) -> list[Path]:
    if not raw_dir.exists():
        return []
    if not raw_dir.is_dir():
        raise InputError(f"{raw_dir}: not a folder; reports.raw_dir must be a folder of .csv/.jsonl files")
    files = []
    for path in sorted(p for p in raw_dir.rglob("*") if p.is_file()):
        rel = path.relative_to(raw_dir)
        if any(part.startswith(".") for part in rel.parts) or path.name.lower() in IGNORED_NAMES:
            continue
        if path.suffix.lower() not in (".csv", ".jsonl"):
            raise InputError(f"{path}: not a .csv or .jsonl report file; move it out of {raw_dir}")
        files.append(path)
    return files


def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8") from None


def _ids_from_cell(value: Any, where: str) -> tuple[str, ...]:
    if isinstance(value, list):
        if not all(isinstance(v, str | int) and not isinstance(v, bool) for v in value):
            raise InputError(f"{where}: field 'image_ids' must be a list of strings")
        ids = [str(v).strip() for v in value]
    elif isinstance(value, str):
        ids = [v.strip() for v in value.split(";")]
    else:
        raise InputError(f"{where}: field 'image_ids' must be a list of strings (JSONL) or 'a;b' (CSV)")
    ids = [v for v in ids if v]
    if not ids:
        raise InputError(f"{where}: field 'image_ids' is empty; pair every report with at least one image id")
    return tuple(ids)


def _record(raw: dict[str, Any], where: str, max_chars: int) -> UserReport:
    for key in REQUIRED:
        if key not in raw or raw[key] is None:
            raise InputError(f"{where}: field '{key}' is missing; every report needs {', '.join(REQUIRED)}")
    report_id = raw["report_id"]
    if isinstance(report_id, bool) or not isinstance(report_id, str | int) or not str(report_id).strip():
        raise InputError(f"{where}: field 'report_id' must be a non-empty string")
    text = raw["text"]
    if not isinstance(text, str):
        raise InputError(f"{where}: field 'text' must be a string")
    if len(text) > max_chars:
        raise InputError(
            f"{where}: field 'text' has {len(text)} characters, over deid.max_chars={max_chars}; split the report"
        )
    text = normalise_text(text, where)
    if not text.strip():
        raise InputError(f"{where}: field 'text' is empty; remove the record or fill in the report")
    lang = raw["lang"]
    if lang not in LANGS:
        raise InputError(f'{where}: field \'lang\' must be "fr" or "en"')
    patient = raw.get("patient_id")
    patient_id = None if patient in (None, "") else str(patient)
    return UserReport(where, str(report_id).strip(), text, lang, _ids_from_cell(raw["image_ids"], where), patient_id)


def _read_csv(path: Path, max_chars: int) -> Iterator[UserReport]:
    text = _decode(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    for key in REQUIRED:
        if key not in header:
            raise InputError(f"{path}: missing column '{key}'; the header must include {','.join(REQUIRED)}")
    reader.fieldnames = header
    for row in reader:
        where = f"{path}:{reader.line_num}"
        if None in row:
            raise InputError(f"{where}: more cells than header columns; quote texts that contain commas")
        yield _record(dict(row), where, max_chars)


def _read_jsonl(path: Path, max_chars: int) -> Iterator[UserReport]:
    for number, line in enumerate(_decode(path).split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError:
            raise InputError(f"{where}: not a JSON object; each line must be one JSON object") from None
        if not isinstance(raw, dict):
            raise InputError(f"{where}: not a JSON object; each line must be one JSON object")
        yield _record(raw, where, max_chars)


def read_user_reports(raw_dir: str | Path, max_chars: int) -> list[UserReport]:
    """Every report under `raw_dir`, validated (all files are read before anything is returned)."""
    raw_dir = Path(raw_dir)
    reports: list[UserReport] = []
    seen: dict[str, str] = {}
    for path in _files(raw_dir):
        reader = _read_csv if path.suffix.lower() == ".csv" else _read_jsonl
        for report in reader(path, max_chars):
            if report.report_id in seen:
                raise InputError(
                    f"{report.where}: duplicate report_id (first at {seen[report.report_id]}); "
                    "report ids must be unique"
                )
            seen[report.report_id] = report.where
            reports.append(report)
    return reports


Deidentifier = Callable[[str, str, str, str | None], tuple[str, list[Any]]]


def load_user_reports(
    raw_dir: str | Path,
    deidentify: Deidentifier,
    salt: str,
    max_chars: int,
    residuals: Callable[[str, list[Any], str, str], list[Any]] | None = None,
) -> list[DeidentifiedReport]:
    """Validate every report, then de-identify each one at once.

    `deidentify(text, lang, doc_key, patient_key) -> (text, entities)`; `residuals(original, entities, output,
    lang)` returns the unreplaced identifiers (residual.residual_spans), computed while the original is in hand.
    """
    out = []
    for report in read_user_reports(raw_dir, max_chars):
        report_id = pseudonymous_id(report.report_id, salt)
        patient_key = None if report.patient_id is None else "id:" + pseudonymous_id(report.patient_id, salt)
        text, entities = deidentify(report.text, report.lang, report_id, patient_key)
        missed = residuals(report.text, entities, text, report.lang) if residuals else []
        out.append(
            DeidentifiedReport(
                report_id=report_id,
                text=text,
                lang=report.lang,
                image_ids=report.image_ids,
                entity_labels=tuple(str(e.label) for e in entities),
                n_residual=len(missed),
                residual_labels=tuple(str(r.label) for r in missed),
            )
        )
    return out
