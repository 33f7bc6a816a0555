"""The build_reports stage: the de-identified, image-paired report corpus in `data/reports/`.

Three sources, every report de-identified by reports/deid before it is stored:
- "user": the user's reports from `reports.raw_dir` (reports/user.py; de-identified as soon as they are read);
- "nlmcxr": the Indiana chest X-ray reports torchxrayvision ships (English; CC BY-NC-ND 4.0, research use only);
  reports with neither FINDINGS nor IMPRESSION, or without an image, are left out (counted in summary.json);
- "generated": one French report per DRR sample, written from what the sample contains (reports/findings.py),
  wrapped in planted fake identifiers (identities.plant_identifiers, style `reports.identity_style`).

While each original is in hand, residual.residual_spans counts the identifiers the de-identifier left unreplaced
(the independent detector's finds, plus the planted gold spans for generated reports): `n_residual` per report,
which the reports suite requires to be 0. A generated report with a residual is synthetic (its identifiers are
fake), so with `reports.drop_generated_residuals` (default) it is left out and counted in summary.json
(`skipped.generated_with_residual`, `dropped_generated_residuals_per_type`) instead of failing the stage; a residual
in a user or NLMCXR report always fails the suite, naming the report ids.
Outputs (written atomically, only when the suite passes): `corpus.parquet` (columns in CORPUS_COLUMNS) and
`summary.json` (counts, no text).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from xraymatch.atomic import atomic_dir
from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError, InputError
from xraymatch.reports.families import FAMILY_NAMES

log = logging.getLogger(__name__)

CORPUS_COLUMNS = (
    "report_id", "source", "lang", "text", "findings", "sample_id", "split", "image_ids", "views", "fracture",
    "region", "n_entities", "n_residual",
)  # fmt: skip
SOURCES = ("generated", "nlmcxr", "user")
SPLITS = ("train", "val", "test")


EVALUATION_ONLY_STYLES = ("heldout", *FAMILY_NAMES)


@dataclass(frozen=True)
class ReportsConfig:
    """The `reports:` section of params.yaml; `drr_dir`/`ct_dir` come from drr.out_dir / ingest.out_dir."""

    raw_dir: str = "data/raw/reports"
    out_dir: str = "data/reports"
    seed: int = 5
    include_generated: bool = True
    include_nlmcxr: bool = True
    max_nlmcxr: int | None = None
    max_generated: int | None = None
    identity_style: str = "train"
    drop_generated_residuals: bool = True
    split_fractions: tuple[float, float, float] = (0.8, 0.1, 0.1)
    region_by_source_kind: dict[str, str] = field(default_factory=lambda: {"invesalius": "crane"})
    drr_dir: str = "data/drr"
    ct_dir: str = "data/ct"

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> ReportsConfig:
        fixed = {
            "drr_dir": str((params.get("drr") or {}).get("out_dir", "data/drr")),
            "ct_dir": str((params.get("ingest") or {}).get("out_dir", "data/ct")),
        }
        config = dataclass_from_section(cls, params.get("reports"), "reports", fixed=fixed)
        config.validate()
        return config

    def validate(self) -> None:
        """One-line ConfigErrors naming the key."""
        from xraymatch.reports.identities import STYLES

        if self.identity_style not in STYLES:
            raise ConfigError(f"reports.identity_style: {self.identity_style!r}; use one of {', '.join(STYLES)}")
        if self.identity_style in EVALUATION_ONLY_STYLES:
            raise ConfigError(
                f"reports.identity_style: {self.identity_style!r} is kept for de-identification evaluation only "
                "(a family seen in a corpus is no longer a held-out or blind test); use 'train'"
            )
        if len(self.split_fractions) != 3 or any(f < 0 for f in self.split_fractions):
            raise ConfigError("reports.split_fractions: expected three non-negative shares [train, val, test]")
        if abs(sum(self.split_fractions) - 1.0) > 1e-6:
            raise ConfigError(f"reports.split_fractions: shares sum to {sum(self.split_fractions):g}, not 1")
        for key in ("max_nlmcxr", "max_generated"):
            value = getattr(self, key)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise ConfigError(f"reports.{key}: {value!r}; use null (all) or a count >= 0")
        if not isinstance(self.region_by_source_kind, dict):
            raise ConfigError("reports.region_by_source_kind: expected a mapping source_kind -> region")


def hash_split(report_id: str, fractions: tuple[float, float, float]) -> str:
    """A deterministic split from the report id alone (adding reports moves no other)."""
    u = int(hashlib.sha256(f"split:{report_id}".encode()).hexdigest()[:12], 16) / 16**12
    if u < fractions[0]:
        return "train"
    return "val" if u < fractions[0] + fractions[1] else "test"


@dataclass
class _Builder:
    """Collects rows and counts while each source is de-identified."""

    config: ReportsConfig
    deid_config: Any
    salt: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    entity_counts: Counter[str] = field(default_factory=Counter)
    gold_counts: Counter[str] = field(default_factory=Counter)
    residual_counts: Counter[str] = field(default_factory=Counter)
    dropped_residual_counts: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)

    def deidentify(self, text: str, lang: str, doc_key: str, patient_key: str | None) -> tuple[str, list[Any]]:
        from xraymatch.reports.deid.pipeline import deidentify

        result = deidentify(text, lang, self.deid_config, doc_key=doc_key, patient_key=patient_key, salt=self.salt)
        return result.text, list(result.entities)

    @staticmethod
    def residuals(original: str, entities: list[Any], output: str, lang: str, gold: Sequence[Any] = ()) -> list[Any]:
        from xraymatch.reports.residual import residual_spans

        return residual_spans(original, entities, output, gold, use_edsnlp=lang == "fr")

    def add(self, row: dict[str, Any], entity_labels: list[str], residual_labels: list[str]) -> None:
        from xraymatch.reports.sections import extract_findings

        row["findings"] = extract_findings(row["text"])
        row["n_entities"] = len(entity_labels)
        row["n_residual"] = len(residual_labels)
        self.entity_counts.update(entity_labels)
        self.residual_counts.update(residual_labels)
        self.rows.append(row)

    # ------------------------------------------------------------------------------------------- sources

    def user(self) -> None:
        from xraymatch.reports.user import load_user_reports

        reports = load_user_reports(
            self.config.raw_dir, self.deidentify, self.salt, self.deid_config.max_chars, self.residuals
        )
        for report in _progress(reports, "user reports"):
            row = {
                "report_id": report.report_id,
                "source": "user",
                "lang": report.lang,
                "text": report.text,
                "sample_id": None,
                "split": hash_split(report.report_id, self.config.split_fractions),
                "image_ids": list(report.image_ids),
                "views": [],
                "fracture": None,
                "region": None,
            }
            self.add(row, list(report.entity_labels), list(report.residual_labels))

    def nlmcxr(self) -> None:
        from xraymatch.reports.nlmcxr import iter_reports

        taken = 0
        for report in _progress(iter_reports(), "NLMCXR reports"):
            if self.config.max_nlmcxr is not None and taken >= self.config.max_nlmcxr:
                break
            if not report.has_findings:
                self.skipped["nlmcxr_without_findings"] += 1
                continue
            if not report.image_ids:
                self.skipped["nlmcxr_without_images"] += 1
                continue
            taken += 1
            report_id = f"nlmcxr-{report.uid}"
            text, entities = self.deidentify(report.text, "en", report_id, None)
            missed = self.residuals(report.text, entities, text, "en")
            row = {
                "report_id": report_id,
                "source": "nlmcxr",
                "lang": "en",
                "text": text,
                "sample_id": None,
                "split": hash_split(report_id, self.config.split_fractions),
                "image_ids": list(report.image_ids),
                "views": list(report.views),
                "fracture": report.fracture,
                "region": None,  # chest radiographs, but the key names the DRR regions (anatomy_fr.REGION_TITLES)
            }
            self.add(row, [e.label for e in entities], [r.label for r in missed])

    def generated(self) -> None:
        from xraymatch.data.cache import INDEX_NAME
        from xraymatch.reports.findings import generate_from_cache, regions_from_manifest
        from xraymatch.reports.identities import plant_identifiers

        if not (Path(self.config.drr_dir) / INDEX_NAME).is_file():
            raise InputError(
                f"{self.config.drr_dir}: no DRR cache to write reports for; run `dvc repro render_drr` first "
                "or set reports.include_generated: false"
            )
        hints = regions_from_manifest(self.config.ct_dir, self.config.region_by_source_kind)
        samples = generate_from_cache(self.config.drr_dir, self.config.seed, hints)
        for k, (index_row, facts, body, rng) in enumerate(_progress(samples, "generated reports")):
            if self.config.max_generated is not None and k >= self.config.max_generated:
                break
            planted = plant_identifiers(body.text, "fr", rng, self.config.identity_style)
            report_id = f"gen-{facts.sample_id}"
            text, entities = self.deidentify(planted.text, "fr", report_id, None)
            missed = self.residuals(planted.text, entities, text, "fr", planted.entities)
            self.gold_counts.update(e.label for e in planted.entities)
            if missed and self.config.drop_generated_residuals:
                self.skipped["generated_with_residual"] += 1
                self.dropped_residual_counts.update(r.label for r in missed)
                continue
            row = {
                "report_id": report_id,
                "source": "generated",
                "lang": "fr",
                "text": text,
                "sample_id": facts.sample_id,
                "split": str(index_row["split"]),
                "image_ids": [f"{facts.sample_id}/view{v.index}" for v in facts.views],
                "views": [v.code for v in facts.views],
                "fracture": facts.fracture_present,
                "region": facts.region,
            }
            self.add(row, [e.label for e in entities], [r.label for r in missed])

    # ------------------------------------------------------------------------------------------- outputs

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.rows, columns=[c for c in CORPUS_COLUMNS])
        frame["fracture"] = frame["fracture"].astype("boolean")
        frame["n_entities"] = frame["n_entities"].astype("int64")
        frame["n_residual"] = frame["n_residual"].astype("int64")
        return frame

    def summary(self, frame: pd.DataFrame) -> dict[str, Any]:
        def counts(columns: list[str]) -> dict[str, int]:
            if frame.empty:
                return {}
            grouped = frame.groupby(columns, dropna=False).size()
            return {"/".join(map(str, k if isinstance(k, tuple) else (k,))): int(v) for k, v in grouped.items()}

        return {
            "reports": len(frame),
            "per_source": counts(["source"]),
            "per_source_lang": counts(["source", "lang"]),
            "per_source_split": counts(["source", "split"]),
            "fracture_per_source": {
                s: int(frame.loc[frame["source"] == s, "fracture"].fillna(False).sum()) for s in SOURCES
            },
            "entities_replaced_per_type": dict(sorted(self.entity_counts.items())),
            "planted_identifiers_per_type": dict(sorted(self.gold_counts.items())),
            "residual_identifiers_per_type": dict(sorted(self.residual_counts.items())),
            "dropped_generated_residuals_per_type": dict(sorted(self.dropped_residual_counts.items())),
            "skipped": dict(sorted(self.skipped.items())),
            "licences": {"nlmcxr": "CC BY-NC-ND 4.0 (Indiana University / Open-i): research use only"},
        }


def _progress(items: Any, what: str) -> Any:
    from tqdm import tqdm

    return tqdm(items, desc=what, unit="report", mininterval=2.0, leave=False)


def build_reports(params: dict[str, Any], report_dir: str | Path = "reports/checks") -> pd.DataFrame:
    """Build and check the corpus; write `corpus.parquet` and `summary.json` into reports.out_dir atomically.

    Raises InputError for bad input files, CheckFailed (nothing written but the check report) when the reports suite
    fails.
    """
    from xraymatch.checks.reports_suite import check_reports_corpus
    from xraymatch.reports.deid.pipeline import DeidConfig

    config = ReportsConfig.from_params(params)
    deid_config = DeidConfig.from_params(params)
    builder = _Builder(config, deid_config, deid_config.salt())
    builder.user()
    if config.include_nlmcxr:
        builder.nlmcxr()
    if config.include_generated:
        builder.generated()
    frame = builder.frame()
    if frame.empty:
        raise InputError(
            f"{config.raw_dir}: no reports to build a corpus from; add .csv/.jsonl reports there or enable "
            "reports.include_nlmcxr / reports.include_generated"
        )
    summary = builder.summary(frame)
    check_reports_corpus(frame, report_dir)
    with atomic_dir(config.out_dir) as tmp:
        frame.to_parquet(tmp / "corpus.parquet", index=False)
        (tmp / "summary.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    log.info("report corpus: %d report(s) %s into %s", len(frame), summary["per_source"], config.out_dir)
    return frame
