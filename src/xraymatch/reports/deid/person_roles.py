"""Who is the patient? A learned second opinion on the PATIENT / PERSON label of every name span found.

Why: on every family written blind the commonest error is not a missed name but a patient typed as staff (or a
relative, or the reverse): blind13 PATIENT typed recall 0.49, blind14 0.54, while PATIENT spans were masked at
0.90-0.97. The rules decide the role from cues they were written for; the CRF tagger sees two words either side.
This model reads the whole neighbourhood of a name without naming any template: the words before and after it
(by distance), the key of its line ("Patient :", "Signé", "Cc"), its place in the document, how often its surname
recurs, a birth date or an age near it, and its shape. It is a logistic regression trained from scratch on the gold
PATIENT/PERSON spans of the tagger's training documents (generated documents of the train templates and every
non-blind family, their cases and the hard cases; never a blind family) and stored as plain JSON (feature weights),
so nothing is unpickled at run time.

At run time (`relabel_roles`, last pass of `pipeline.detect_entities` when `deid.roles.enabled`) a PERSON span is
retyped PATIENT when the model's probability of PATIENT is at least `to_patient` (unless the text marks the name as
a clinician's), and a PATIENT span PERSON when it is at most `to_person` (0 in params.yaml: never; the weak type on
unseen text is PATIENT, and leave-one-family-out the PATIENT -> PERSON flips mostly broke right labels); anything
in between keeps the label the detectors gave it. Spans and offsets never change:
only the type does, so masking (what leaks) is untouched; the surrogate's kind and the date shift follow the type.
"""

from __future__ import annotations

import json
import math
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from xraymatch.atomic import atomic_file
from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError
from xraymatch.reports.deid.roles import relative_before
from xraymatch.reports.entities import Entity

FIX = "dvc repro train_deid_tagger"
ROLES = ("PATIENT", "PERSON")
_WORD = re.compile(r"[^\W_]+|[^\w\s]")
_KEY = re.compile(r"[ \t>*#-]*([^\W\d_][\w .'’/-]{0,30}?)[ \t]*[:=]")
_BIRTH = re.compile(
    r"(?i)\b(?:née?|born|dob|d\.?o\.?b|ddn|date de naissance|birth|geb\.?)\b|\b\d{1,3}[ \t]*(?:ans|years?|yo|y/o|a)\b"
)


@dataclass(frozen=True)
class RolesConfig:
    """The `deid.roles` section of params.yaml."""

    enabled: bool = False
    model_path: str = "models/deid_tagger/roles.json"
    to_patient: float = 0.9  # a PERSON span becomes PATIENT at or above this probability of PATIENT
    to_person: float = 0.0  # a PATIENT span becomes PERSON at or below it (0: never)
    relatives: bool = False  # the relative_before feature + guard (off: blind16 A/B, metrics/deid_ab_blind16.json)
    c: float = 1.0  # inverse L2 strength of the logistic regression
    max_iterations: int = 300

    def validate(self) -> RolesConfig:
        if not 0.0 <= self.to_person < self.to_patient <= 1.0:
            raise ConfigError(
                "deid.roles: expected 0 <= to_person < to_patient <= 1, e.g. to_person 0.1, to_patient 0.9"
            )
        if self.c <= 0 or self.max_iterations <= 0:
            raise ConfigError("deid.roles: c and max_iterations must be positive")
        return self

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> RolesConfig:
        section = ((params.get("deid") or {}).get("roles")) or {}
        return dataclass_from_section(cls, section, "deid.roles").validate()


# --- features ------------------------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def role_features(text: str, span: Entity, relatives: bool = False) -> dict[str, float]:
    """Features of the name at `span` in `text` that name no template (see the module docstring); `relatives`: also
    whether the text names it as a relative of the patient (roles.relative_before)."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.end)
    line_end = len(text) if line_end < 0 else line_end
    before = _words(text[max(0, span.start - 80) : span.start])[-6:]
    after = _words(text[span.end : span.end + 60])[:4]
    feats: dict[str, float] = {}
    for d, w in enumerate(reversed(before), start=1):
        feats[f"L{min(d, 3)}:{w}"] = 1.0
        feats[f"Lbag:{w}"] = 1.0
    for d, w in enumerate(after, start=1):
        feats[f"R{min(d, 2)}:{w}"] = 1.0
        feats[f"Rbag:{w}"] = 1.0
    key = _KEY.match(text, line_start, line_end)
    if key and key.end() <= span.start:
        feats[f"key:{' '.join(_words(key.group(1))[-2:])}"] = 1.0
    elif line_start > 0:  # a name under a heading line ("Patient", "Copie à")
        previous = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1].strip()
        if 0 < len(previous) <= 40:
            feats[f"above:{' '.join(_words(previous)[-2:])}"] = 1.0
    head = _words(text[line_start : span.start])[:1]
    feats[f"line_head:{head[0] if head else ''}"] = 1.0
    feats["first_on_line"] = float(not text[line_start : span.start].strip(" \t>*-•:"))
    feats[f"doc_pos:{min(int(10 * span.start / max(len(text), 1)), 9)}"] = 1.0
    name = text[span.start : span.end]
    parts = re.findall(r"[^\W\d_]{2,}", name)
    if parts:
        mentions = len(re.findall(rf"(?<![\w]){re.escape(parts[-1])}(?![\w])", text, flags=re.IGNORECASE))
        feats[f"mentions:{min(mentions, 4)}"] = 1.0
        first = text.find(parts[-1])
        feats["first_mention"] = float(first >= span.start)
    feats["upper_part"] = float(any(p.isupper() and len(p) > 1 for p in parts))
    feats[f"n_parts:{min(len(parts), 4)}"] = 1.0
    near = text[max(0, span.start - 60) : min(len(text), span.end + 60)]
    feats["birth_or_age_near"] = float(bool(_BIRTH.search(near)))
    feats["in_line_with_colon_after"] = float(":" in text[span.end : line_end][:3])
    if relatives:
        feats["relative_before"] = float(relative_before(text, span.start))
    return feats


# --- training ------------------------------------------------------------------------------------------------------


def role_examples(docs: list[dict[str, Any]], relatives: bool = False) -> tuple[list[dict[str, float]], list[int]]:
    """(features, 1 for PATIENT / 0 for PERSON) of every gold PATIENT or PERSON span of `docs`."""
    features, targets = [], []
    for doc in docs:
        for e in doc["entities"]:
            entity = e if isinstance(e, Entity) else Entity(int(e["start"]), int(e["end"]), str(e["label"]))
            if entity.label in ROLES:
                features.append(role_features(doc["text"], entity, relatives))
                targets.append(int(entity.label == "PATIENT"))
    return features, targets


def train_roles(docs: list[dict[str, Any]], config: RolesConfig, model_path: str | Path) -> dict[str, Any]:
    """Fit the logistic regression on `docs`' gold name spans and write its weights as JSON atomically; return a
    summary (spans, share of PATIENT, seconds, features kept). Deterministic for given docs."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    start = time.perf_counter()
    features, targets = role_examples(docs, config.relatives)
    if len(set(targets)) < 2:
        raise ConfigError("deid.roles: the training documents need both PATIENT and PERSON spans")
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(features)
    model = LogisticRegression(C=config.c, max_iter=config.max_iterations, solver="lbfgs")
    model.fit(x, targets)
    weights = {
        name: round(float(w), 6)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= 1e-6
    }
    bias = float(model.intercept_[0])
    payload = {
        "kind": "xraymatch-deid-roles",
        "version": 1,
        "relatives": config.relatives,
        "bias": bias,
        "weights": weights,
    }
    with atomic_file(model_path) as tmp:
        tmp.write_text(json.dumps(payload, sort_keys=True))
    return {
        "spans": len(targets),
        "patient_share": round(sum(targets) / len(targets), 3),
        "features": len(weights),
        "seconds": round(time.perf_counter() - start, 1),
    }


# --- use -----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleModel:
    """Weights of a trained role model; `probability` is P(PATIENT) of a name span."""

    bias: float
    weights: dict[str, float]
    relatives: bool = False  # trained with the relative_before feature (read from the file: features always match)

    @classmethod
    def load(cls, path: str | Path) -> RoleModel:
        return _load(str(path), Path(path).stat().st_mtime_ns if Path(path).is_file() else -1)

    def probability(self, text: str, span: Entity) -> float:
        feats = role_features(text, span, self.relatives)
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int) -> RoleModel:
    if mtime_ns < 0:
        raise ConfigError(f"{path}: de-identification role model not found; build it with `{FIX}`")
    try:
        payload = json.loads(Path(path).read_text())
        if payload.get("kind") != "xraymatch-deid-roles":
            raise ValueError
        weights = {str(k): float(v) for k, v in payload["weights"].items()}
        return RoleModel(float(payload["bias"]), weights, bool(payload.get("relatives", False)))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise ConfigError(f"{path}: not a de-identification role model (corrupt?); rebuild it with `{FIX}`") from None


def relabel_roles(text: str, entities: list[Entity], model: RoleModel, config: RolesConfig) -> list[Entity]:
    """`entities` with PERSON/PATIENT types revised by the model's confident opinions; spans unchanged. A name the
    text itself marks as a clinician ("Dr X", "X, MD": tagger.marked_as_staff) or as a relative ("the patient's
    brother, Mr X", "sa mère Mme X": roles.relative_before) stays PERSON."""
    from xraymatch.reports.deid.tagger import marked_as_staff

    out = []
    for e in entities:
        if e.label in ROLES:
            p = model.probability(text, e)
            named_other = marked_as_staff(text, e) or (config.relatives and relative_before(text, e.start))
            if e.label == "PERSON" and p >= config.to_patient and not named_other:
                e = Entity(e.start, e.end, "PATIENT")
            elif e.label == "PATIENT" and p <= config.to_person:
                e = Entity(e.start, e.end, "PERSON")
        out.append(e)
    return out
