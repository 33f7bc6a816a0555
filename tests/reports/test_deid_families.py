"""What every blind audit family of `reports/identities_blind*.py` must satisfy, checked once for all of them: it is
registered and kept out of the corpus, its gold spans are exactly the planted identifier values, its traps stay
unlabelled and outside every span, a seed fixes its output, and its template lines are new phrasings."""

from __future__ import annotations

import importlib
import json

import numpy as np
import pytest

from tests.reports.gold_spans import check_spans
from xraymatch.reports.corpus import EVALUATION_ONLY_STYLES
from xraymatch.reports.deid.evaluation import load_hard_cases
from xraymatch.reports.entities import LABELS
from xraymatch.reports.families import FAMILY_NAMES, audit_family
from xraymatch.reports.identities import STYLES, _plant, plant_identifiers

FAMILIES = tuple(name for name in FAMILY_NAMES if name not in ("audit", "blind2"))  # audit, blind2: own test files
# Per family: every trap slot (label None) and those whose text must never fall inside a gold span.
TRAPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "blind3": (("dose", "serial", "eponym"), ()),
    "blind4": (
        ("eponym", "dose", "device", "kv", "levels", "ccam", "icd", "drug", "rel_day", "rel_ago", "kin", "title"),
        ("eponym", "dose", "device", "levels", "ccam"),
    ),
    "blind5": (
        (
            "eponym", "classif", "device", "software", "station", "kv", "levels", "lab", "contrast", "lot", "duration",
            "rel_date", "room", "bed", "time", "iso_time", "tz", "country", "insurer", "ward", "title", "f_id_name",
        ),
        ("eponym", "classif", "device", "software", "station", "lot", "lab", "kv", "iso_time"),
    ),
    "blind6": (
        (
            "title", "son_of", "rank", "rank_mil", "job", "federation", "capital", "ape", "ward", "itt", "time",
            "time2", "eponym", "anat", "scale", "drug", "brace", "duration", "rel_date",
        ),
        ("eponym", "anat", "scale", "drug", "brace", "capital", "ape"),
    ),
    "blind7": (
        (
            "title", "spouse", "nee", "nat_id_name", "measure", "kin_rel", "page", "page_last", "ins_oid", "gest",
            "time", "ward", "room", "bed", "eponym", "classif", "drug", "lot", "software", "duration", "rel_date",
        ),
        ("eponym", "classif", "drug", "lot", "software", "ins_oid", "gest"),
    ),
    "blind8": (
        (
            "de_title", "fhir_system", "cda_root", "protocol", "eudract", "nct", "site", "callsign", "triage", "pages",
            "amount", "insurer", "ccam", "birads", "eponym", "classif", "drug", "time", "duration", "rel_date", "ward",
            "room",
        ),
        ("fhir_system", "cda_root", "protocol", "eudract", "nct", "amount", "birads", "eponym", "classif", "drug"),
    ),
    "blind9": (
        (
            "baby_title", "gest", "app", "dose_software", "dose", "radpeer", "teaching_site", "placeholder", "aet",
            "eponym", "classif", "time", "duration", "rel_date", "ward", "room", "bed",
        ),
        ("gest", "app", "dose_software", "dose", "radpeer", "teaching_site", "placeholder", "aet", "eponym", "classif"),
    ),
    "blind10": (
        (
            "salut", "salut_short", "title", "foreign_id_name", "box", "triage", "language", "technique", "equipment",
            "eponym", "anatomy", "classif", "implant", "lot", "drug", "common_word_fr", "common_word_en", "time",
            "duration", "rel_date", "room",
        ),
        ("triage", "technique", "equipment", "eponym", "anatomy", "classif", "implant", "lot", "drug", "common_word_fr",
         "common_word_en"),
    ),
    "blind11": (
        (
            "title", "bed", "bed2", "room", "time", "duration", "rel_date", "eponym", "anatomy", "classif", "implant",
            "gtin", "expiry", "lot", "drug", "dose", "equipment", "insurer",
        ),
        ("eponym", "anatomy", "classif", "implant", "gtin", "expiry", "lot", "drug", "dose", "equipment", "insurer"),
    ),
    "blind12": (
        (
            "pn_tail", "asr_title", "allied_job", "language", "year_alone", "quarter", "season", "age_band", "gest",
            "teeth", "visit", "protocol", "ccam", "ngap", "cpt", "icd", "loinc", "radlex", "amount", "eponym",
            "anatomy", "classif", "implant", "drug", "dose", "equipment", "lot", "time", "duration", "room", "box",
        ),
        (
            "quarter", "season", "age_band", "gest", "teeth", "protocol", "ccam", "icd", "loinc", "radlex", "eponym",
            "anatomy", "classif", "implant", "drug", "dose", "equipment",
        ),
    ),
    "blind13": (
        (
            "reg_body", "sex", "uf", "decade", "period", "dose_hp", "cip", "aet", "port", "xray_sn", "log_time",
            "ics_time", "eponym", "anatomy", "classif", "implant", "contrast", "lot", "drug", "dose", "equipment",
            "time", "duration", "room",
        ),
        (
            "decade", "dose_hp", "cip", "xray_sn", "eponym", "anatomy", "classif", "implant", "contrast", "drug",
            "dose", "equipment",
        ),
    ),
    "blind14": (
        (
            "pcheck", "dcheck", "echeck", "ccheck", "mrz_fill", "sex", "country", "title", "relation", "agency",
            "immig_agency", "redacted_dob", "bone_age", "procedure", "eponym", "anatomy", "classif", "implant", "drug",
            "contrast", "lot", "dose", "equipment", "time", "duration", "room",
        ),
        (
            "agency", "redacted_dob", "bone_age", "procedure", "eponym", "anatomy", "classif", "implant", "drug",
            "contrast", "dose", "equipment",
        ),
    ),
    "blind15": (
        (
            "id_kind", "weekday", "sex", "offset", "year_only", "protection", "relation", "software", "sop_class",
            "transfer_syntax", "eponym", "classif", "drug", "lot", "measure", "time", "time_local", "duration", "room",
        ),
        ("software", "sop_class", "transfer_syntax", "eponym", "classif", "drug", "lot", "measure", "offset"),
    ),
    "blind16": (
        (
            "foreign_scheme", "death_year", "squad", "pet", "rel_day", "variant", "hla", "software", "eponym",
            "classif", "drug", "lot", "measure", "duration", "time", "time2", "box", "room",
        ),
        ("variant", "hla", "software", "eponym", "classif", "drug", "lot", "measure", "rel_day"),
    ),
    "blind17": (
        (
            "birth_year", "shift", "bed", "bed2", "time", "drug_spelled", "eponym", "classif", "software", "lot",
            "duration", "measure", "protocol",
        ),
        ("drug_spelled", "eponym", "classif", "software", "lot", "measure", "protocol"),
    ),
    "blind18": (
        (
            "honorific", "assistor", "flight", "seat", "hotel_room", "cabin", "wa", "wa_trap", "watch_model",
            "drug_spelled", "eponym", "classif", "firmware", "lot", "duration", "measure",
        ),
        ("assistor", "flight", "watch_model", "drug_spelled", "eponym", "classif", "firmware", "lot", "measure"),
    ),
    "blind19": (
        (
            "typist_init", "sex", "ins_status", "ins_oid", "country_code", "country", "platform", "exam_name",
            "sample_time", "call_time", "photo_hms", "creat", "egfr", "formula", "ref_range", "densitometer",
            "vertebrae", "tscore", "zscore", "bmd", "frax", "ctdi", "dlp", "phone_model", "rfr", "tax_year",
            "programme", "federation", "eponym", "classif",
        ),
        (
            "ins_oid", "country_code", "platform", "exam_name", "sample_time", "call_time", "creat", "egfr",
            "formula", "ref_range", "densitometer", "tscore", "zscore", "bmd", "frax", "ctdi", "dlp", "phone_model",
            "rfr", "programme", "federation", "eponym", "classif",
        ),
    ),
    "blind20": (
        (
            "id_kind", "country", "language", "cast", "postop", "sessions", "class_grade", "implant_ref", "lot",
            "dose_fx", "linac", "marker", "recist", "visit_code", "trial", "arrival", "bay", "triage", "news",
            "eponym", "classif",
        ),
        (
            "cast", "implant_ref", "lot", "dose_fx", "linac", "marker", "recist", "trial", "bay", "triage", "eponym",
            "classif",
        ),
    ),
    "blind21": (
        (
            "id_kind", "card_kind", "country", "insurer", "doping_body", "aviation_body", "disability_rate",
            "ipp_rate", "bareme", "article", "med_class", "part_med", "flight_hours", "wada_class", "substance", "kit",
            "acuity", "audiogram", "gir", "eponym", "classif",
        ),
        (
            "insurer", "disability_rate", "ipp_rate", "bareme", "article", "part_med", "flight_hours", "wada_class",
            "substance", "kit", "acuity", "audiogram", "gir", "eponym", "classif",
        ),
    ),
    "blind22": (
        (
            "id_kind", "country", "scheme_note", "plan", "triage_cat", "unknown", "activity", "batch", "calib_time",
            "iso_room", "restriction", "cycle_day", "attempt", "embryo_day", "amh", "age_band", "eponym", "classif",
        ),
        (
            "scheme_note", "plan", "unknown", "activity", "restriction", "cycle_day", "attempt", "embryo_day", "amh",
            "age_band", "eponym", "classif",
        ),
    ),
}  # fmt: skip


def _template_lines(family: str) -> set[str]:
    module = importlib.import_module(f"xraymatch.reports.identities_{family}")
    return {
        t
        for table in (module.FR_TEMPLATES, module.EN_TEMPLATES)
        for groups in table.values()
        for g in groups
        for t in g
        if t
    }


@pytest.mark.parametrize("family", FAMILIES)
def test_family_is_registered_and_evaluation_only(family: str) -> None:
    assert family in STYLES and family in EVALUATION_ONLY_STYLES


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("family", FAMILIES)
def test_gold_spans_are_the_planted_values(family: str, lang: str) -> None:
    rng = np.random.default_rng(6)
    seen: set[str] = set()
    for _ in range(80):
        report, slots = _plant("Pas d'anomalie.\n", lang, rng, family)
        labelled = {value for value, label in slots.values() if label is not None}
        assert report.entities
        for entity in report.entities:
            assert report.text[entity.start : entity.end] in labelled
            seen.add(entity.label)
        check_spans(report.text, report.entities)
    if family != "blind3":  # blind3 leaves some labels to its cases
        assert seen == set(LABELS)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("family", FAMILIES)
def test_traps_are_unlabelled_and_outside_every_span(family: str, lang: str) -> None:
    trap_slots, outside = TRAPS[family]
    for seed in range(30):
        report, slots = _plant("Body.\n", lang, np.random.default_rng(seed), family)
        for name in trap_slots:
            assert slots[name][1] is None, name
        covered = set().union(*(range(e.start, e.end) for e in report.entities))
        for name in outside:
            start = report.text.find(slots[name][0])
            if start >= 0:
                assert not covered & set(range(start, start + len(slots[name][0]))), name


@pytest.mark.parametrize("family", FAMILIES)
def test_a_seed_fixes_the_output(family: str) -> None:
    for lang in ("fr", "en"):
        a = plant_identifiers("Body.\n", lang, np.random.default_rng(5), family)
        b = plant_identifiers("Body.\n", lang, np.random.default_rng(5), family)
        c = plant_identifiers("Body.\n", lang, np.random.default_rng(6), family)
        assert a == b and a != c


@pytest.mark.parametrize("family", FAMILIES[1:])
def test_template_lines_are_new_phrasings(family: str) -> None:
    from xraymatch.reports.identities import TEMPLATES
    from xraymatch.reports.identities_audit import AUDIT_TEMPLATES

    tables = (*TEMPLATES.values(), *AUDIT_TEMPLATES.values())
    earlier = {t for table in tables for groups in table.values() for g in groups for t in g if t}
    for previous in FAMILIES[: FAMILIES.index(family)]:
        earlier |= _template_lines(previous)
    assert not _template_lines(family) & earlier


# Per family's hand-written case file: at least this many cases, this many pure traps, and whether every label occurs.
CASE_FILES: dict[str, tuple[int, int, bool]] = {
    "blind3": (30, 2, False),
    "blind4": (40, 5, True),
    "blind5": (40, 5, True),
    "blind6": (40, 8, True),
    "blind7": (45, 8, True),
    "blind8": (45, 8, True),
    "blind9": (45, 8, True),
    "blind10": (45, 8, True),
    "blind11": (45, 8, True),
    "blind12": (45, 8, True),
    "blind13": (45, 8, True),
    "blind14": (45, 8, True),
    "blind15": (45, 8, True),
    "blind16": (45, 8, True),
    "blind17": (45, 8, True),
    "blind18": (45, 8, True),
    "blind19": (48, 8, True),
    "blind20": (48, 8, True),
    "blind21": (48, 8, True),
    "blind22": (48, 8, True),
}


@pytest.mark.parametrize("family", FAMILIES)
def test_case_file_parses_with_valid_spans(family: str) -> None:
    min_cases, min_traps, every_label = CASE_FILES[family]
    path = audit_family(family).cases_path
    raw = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(raw) >= min_cases
    assert len({r["id"] for r in raw}) == len(raw)
    docs = load_hard_cases(path)
    assert len(docs) == len(raw)
    assert {d["lang"] for d in docs} == {"fr", "en"}
    labels: set[str] = set()
    for doc in docs:
        check_spans(doc["text"], doc["entities"])
        labels |= {e.label for e in doc["entities"]}
    if every_label:
        assert labels == set(LABELS)
    assert sum(not d["entities"] for d in docs) >= min_traps  # pure traps (eponyms, codes, doses, devices)
