"""De-identification entry points: one text (`deidentify`) and the JSONL contract of `xraymatch deid`.

Contract: each input line {"id", "text", "lang": "fr"|"en"} (optional "patient_id", the key of the per-patient
date shift); each output line {"id", "text": de-identified, "entities": [{"start", "end", "label"}]} with offsets
into the INPUT text. A bad line (invalid UTF-8 or JSON, a missing/ill-typed field, a text over deid.max_chars) is a
one-line InputError naming the line and field, and nothing is written; no text is ever passed through unprocessed.
Blank lines are skipped; an empty text is valid and yields an empty text with no entities.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from xraymatch.atomic import atomic_file
from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError, InputError
from xraymatch.reports.deid.calendar_dates import mark_calendar_dates
from xraymatch.reports.deid.care_homes import mark_care_homes
from xraymatch.reports.deid.cued_places import mark_cued_places
from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.disguised import mark_disguised
from xraymatch.reports.deid.document_names import harmonise_names
from xraymatch.reports.deid.honorifics import trim_titles, unify_civil_names
from xraymatch.reports.deid.institution_chains import mark_institution_chains
from xraymatch.reports.deid.institution_places import mark_institution_places
from xraymatch.reports.deid.journey_places import mark_journey_places
from xraymatch.reports.deid.machine_text import mark_machine_text
from xraymatch.reports.deid.mrz import mark_mrz
from xraymatch.reports.deid.patient_cues import mark_patients
from xraymatch.reports.deid.person_roles import RoleModel, RolesConfig, relabel_roles
from xraymatch.reports.deid.practices import mark_practices
from xraymatch.reports.deid.procedure_patients import mark_procedure_patients
from xraymatch.reports.deid.refine import refine
from xraymatch.reports.deid.residence_places import mark_residence_places
from xraymatch.reports.deid.spelling_alphabets import mark_spelling_alphabets
from xraymatch.reports.deid.street_names import mark_street_names
from xraymatch.reports.deid.surrogates import SurrogateMaker, date_shift_days
from xraymatch.reports.deid.tagger import DeidTagger, TaggerConfig, combine
from xraymatch.reports.entities import Entity

log = logging.getLogger(__name__)
PUBLIC_SALT = "xraymatch-public-deid-salt"  # used (with a warning) when no salt is configured


@dataclass(frozen=True)
class DeidConfig:
    """The `deid:` section of params.yaml (evaluation settings live in evaluation.EvalConfig)."""

    salt_env: str = "XRAYMATCH_DEID_SALT"
    date_shift_days: tuple[int, int] = (-1000, 1000)
    max_chars: int = 100_000
    keep_ages_below: int = 90
    safety_net: bool = False  # the recall-first second pass (safety_net.py); params.yaml sets the project's choice
    tagger: TaggerConfig = field(default_factory=TaggerConfig)  # deid.tagger: the learned tagger (tagger.py)
    document_names: bool = False  # one person, one label, every mention (document_names.py) after rules + tagger
    roles: RolesConfig = field(default_factory=RolesConfig)  # deid.roles: the learned patient/staff typing

    def validate(self) -> DeidConfig:
        low, high = self.date_shift_days
        if low >= high:
            raise ConfigError("deid.date_shift_days: expected [low, high] with low < high, e.g. [-1000, 1000]")
        if self.max_chars <= 0:
            raise ConfigError("deid.max_chars: must be a positive number of characters")
        return self

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> DeidConfig:
        section = {k: v for k, v in (params.get("deid") or {}).items() if k not in ("evaluation", "tagger", "roles")}
        fixed = {"tagger": TaggerConfig.from_params(params), "roles": RolesConfig.from_params(params)}
        config = dataclass_from_section(cls, section, "deid", fixed=fixed)
        return config.validate()

    def salt(self) -> str:
        """The HMAC salt from the environment variable `salt_env`, else a public default (logged)."""
        value = os.environ.get(self.salt_env)
        if value:
            return value
        log.warning("$%s is not set: date shifts and surrogates use a public salt", self.salt_env)
        return PUBLIC_SALT


@lru_cache(maxsize=4)
def _load_tagger(path: str, mtime_ns: int, stacking: bool) -> DeidTagger:
    return DeidTagger(path, stacking)


def detect_entities(text: str, lang: str, config: DeidConfig) -> list[Entity]:
    """The identifier spans of `text` under `config`: the rule detector (with its safety net when on), joined with
    the learned tagger's spans when deid.tagger.enabled (mode deid.tagger.mode), each name then given one label at
    every mention when deid.document_names, patients named by the words around them (`mark_patients`), honorific
    titles and post-nominal letters cut from names (`trim_titles`), then
    `refine` and `mark_disguised` (organisations named after people, coordinates, spelled e-mails, dictated names;
    look-alike codes and brands dropped), then machine text (`mark_machine_text`: IPs, logins, calendar keys),
    procedure paperwork (`mark_procedure_patients`), streets named like people (`mark_street_names`), residence keys,
    bracketed street-and-town pairs and cued home addresses (`mark_residence_places`), care homes named as
    residences (`mark_care_homes`), towns of training camps and tournaments (`mark_cued_places`), ships, hotels,
    ports, shelters, outreach teams, religious houses and consulates (`mark_journey_places`), imaging practices,
    laboratories and universities named by brand and head word (`mark_practices`), other
    calendars' dates (`mark_calendar_dates`) and passport machine-readable
    zones (`mark_mrz`, parsed field by field), names spelled with a spelling alphabet (`mark_spelling_alphabets`:
    NATO code words, "R comme Raoul"), when deid.roles.enabled, the learned patient/staff typing
    (`relabel_roles`: types only, never spans), the place after an institution's name its own LOCATION
    (`mark_institution_places`: "Clinique du Parc, Lyon"), and last a name and its civil-status name in parentheses
    as one person (`unify_civil_names`: types only). A missing or corrupt model file is a one-line ConfigError naming it
    and `dvc repro train_deid_tagger`, never a silent fall-back to the rules."""
    entities = detect(text, lang, safety_net=config.safety_net)
    tagger = config.tagger
    if tagger.enabled and text:
        path = Path(tagger.model_path)
        mtime = path.stat().st_mtime_ns if path.is_file() else -1
        model = _load_tagger(str(path), mtime, tagger.stacking)
        entities = combine(
            text,
            entities,
            model,
            tagger.mode,
            tagger.retype_threshold,
            tagger.add_threshold,
            tagger.max_added_words,
            tagger.posterior_add,
        )
    if config.document_names:
        entities = harmonise_names(text, entities)
    entities = mark_disguised(text, refine(text, trim_titles(text, mark_patients(text, entities))))
    entities = mark_street_names(text, mark_procedure_patients(text, mark_machine_text(text, entities)))
    entities = mark_cued_places(text, mark_care_homes(text, mark_residence_places(text, entities)))
    entities = mark_institution_chains(text, mark_practices(text, mark_journey_places(text, entities)))
    entities = mark_spelling_alphabets(text, mark_mrz(text, mark_calendar_dates(text, entities)))
    if config.roles.enabled:
        entities = relabel_roles(text, entities, RoleModel.load(config.roles.model_path), config.roles)
    return unify_civil_names(text, mark_institution_places(text, entities))


@dataclass(frozen=True)
class DeidResult:
    """A de-identified text and the identifier spans found in the original (offsets into the input)."""

    text: str
    entities: list[Entity]


def _patient_key(text: str, entities: list[Entity], fallback: str) -> str:
    """The date-shift key when the caller gives none: the patient's normalised name, else the document key."""
    tokens = sorted(
        {
            w.lower()
            for e in entities
            if e.label == "PATIENT"
            for w in re.findall(r"[^\W\d_]{2,}", text[e.start : e.end])
        }
    )
    return "name:" + " ".join(tokens) if tokens else "doc:" + fallback


def deidentify(
    text: str,
    lang: str,
    config: DeidConfig | None = None,
    *,
    doc_key: str = "",
    patient_key: str | None = None,
    salt: str | None = None,
) -> DeidResult:
    """Detect identifiers in `text` and replace each with a typed surrogate.

    `doc_key` seeds surrogate choice (same original -> same surrogate within the document); `patient_key` (default:
    the detected patient name, else doc_key) picks the date shift. Raises InputError for texts over max_chars.
    """
    config = config or DeidConfig()
    if not isinstance(text, str):
        raise InputError("text: expected a string")
    if lang not in ("fr", "en"):
        raise InputError(f"lang: expected 'fr' or 'en', got {lang!r}")
    if len(text) > config.max_chars:
        raise InputError(
            f"text: {len(text)} characters is over deid.max_chars={config.max_chars}; "
            "split the report or raise the limit"
        )
    entities = detect_entities(text, lang, config)
    salt = salt if salt is not None else config.salt()
    key = patient_key or _patient_key(text, entities, doc_key)
    low, high = config.date_shift_days
    maker = SurrogateMaker(salt, doc_key, lang, date_shift_days(salt, key, low, high), config.keep_ages_below)
    pieces: list[str] = []
    last = 0
    for entity in entities:
        pieces.append(text[last : entity.start])
        pieces.append(maker(text[entity.start : entity.end], entity.label))
        last = entity.end
    pieces.append(text[last:])
    return DeidResult("".join(pieces), entities)


def _parse_line(raw: bytes, number: int, where: str) -> dict[str, Any] | None:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{where}:{number}: not valid UTF-8; re-encode the file as UTF-8") from None
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError:
        raise InputError(f"{where}:{number}: not a JSON object; each line must be one JSON object") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}:{number}: not a JSON object; each line must be one JSON object")
    if not isinstance(record.get("id"), str | int) or isinstance(record.get("id"), bool):
        raise InputError(f"{where}:{number}: field 'id' missing or not a string/integer")
    if not isinstance(record.get("text"), str):
        raise InputError(f"{where}:{number}: field 'text' missing or not a string")
    if record.get("lang") not in ("fr", "en"):
        raise InputError(f'{where}:{number}: field \'lang\' must be "fr" or "en"')
    if "patient_id" in record and not isinstance(record["patient_id"], str | int):
        raise InputError(f"{where}:{number}: field 'patient_id' must be a string or integer")
    return record


def deidentify_records(
    records: list[dict[str, Any]], config: DeidConfig, where: str = "input", line_numbers: list[int] | None = None
) -> list[dict[str, Any]]:
    """De-identify validated records ({"id", "text", "lang"[, "patient_id"]}) into output records."""
    salt = config.salt()
    out: list[dict[str, Any]] = []
    for i, record in enumerate(records):
        number = line_numbers[i] if line_numbers else i + 1
        if len(record["text"]) > config.max_chars:
            raise InputError(
                f"{where}:{number}: field 'text' has {len(record['text'])} characters, over deid.max_chars="
                f"{config.max_chars}; split the report or raise the limit"
            )
        patient = record.get("patient_id")
        result = deidentify(
            record["text"],
            record["lang"],
            config,
            doc_key=str(record["id"]),
            patient_key=f"id:{patient}" if patient is not None else None,
            salt=salt,
        )
        out.append({"id": record["id"], "text": result.text, "entities": [e.to_dict() for e in result.entities]})
    return out


def deidentify_jsonl(in_path: str | Path, out_path: str | Path, config: DeidConfig) -> int:
    """Read the input JSONL, de-identify every record and write the output JSONL atomically; returns the count."""
    in_path = Path(in_path)
    if not in_path.is_file():
        raise InputError(f"{in_path}: input file not found; pass --in <file.jsonl>")
    records: list[dict[str, Any]] = []
    numbers: list[int] = []
    with in_path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            record = _parse_line(raw, number, str(in_path))
            if record is not None:
                records.append(record)
                numbers.append(number)
    outputs = deidentify_records(records, config, str(in_path), numbers)
    with atomic_file(out_path) as tmp, tmp.open("w", encoding="utf-8") as handle:
        for record in outputs:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for record in outputs:
        for entity in record["entities"]:
            counts[entity["label"]] = counts.get(entity["label"], 0) + 1
    log.info("de-identified %d report(s); identifiers replaced per type: %s", len(outputs), counts)
    return len(outputs)
