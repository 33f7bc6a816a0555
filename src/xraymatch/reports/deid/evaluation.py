"""De-identification evaluation: per-type precision/recall/F1 on held-out generated reports and the hard cases.

Sets: (a) `generated_heldout`: reports built with the "heldout" template family and a seed of their own
(deid.evaluation.seed), French bodies from a clinical sentence pool and English bodies from the real NLM/Indiana
chest X-ray reports that torchxrayvision ships; (b) `hard_cases`: hand-written cases (hard_cases.jsonl), frozen
before the detector was written. A `generated_train` set (train templates) is scored too, for comparison.
Audit sets (`families.AUDIT_FAMILIES`), each family written apart from the detector: `generated_<name>`, its
template family with its own seed (deid.evaluation.family_seeds.<name>), and `<name>_cases`, its hand-written cases.
A blind family's sets are reported with `"blind": true`; once scored and tuned on, with `"blind": false` and a note
holding the first blind score (the honest estimate of that moment). Audit sets also report `masked_any_label`: per
gold type, the share of gold spans that some prediction of any label overlaps (a wrong label still masks the text).

Matching: three ways. `overlap` (the goal's measure): a gold entity is found when a predicted entity with the same
label overlaps it by at least one character; a prediction is correct when it overlaps a gold entity with the same
label. `exact`: same start, end and label. `token`: every word-token of the text is labelled, P/R over tokens.
"""

from __future__ import annotations

import json
import re
import tarfile
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from xraymatch.atomic import atomic_file
from xraymatch.config import dataclass_from_section
from xraymatch.errors import ConfigError
from xraymatch.reports.deid.detector import detect
from xraymatch.reports.deid.pipeline import DeidConfig, detect_entities
from xraymatch.reports.entities import LABELS, Entity
from xraymatch.reports.families import AUDIT_FAMILIES, FAMILY_NAMES
from xraymatch.reports.identities import plant_identifiers

HARD_CASES = Path(__file__).with_name("hard_cases.jsonl")
BLIND_SETS: tuple[str, ...] = tuple(n for f in AUDIT_FAMILIES if f.blind for n in f.set_names)
DEVELOPMENT_NOTES: dict[str, str] = {n: f.note for f in AUDIT_FAMILIES if f.note for n in f.set_names}

# The bone X-ray paper's French DEDUCE adaptation (F1 on 100 reports), for comparison.
PAPER_F1 = {
    "PATIENT": 0.98,
    "PERSON": 0.78,
    "LOCATION": 0.92,
    "INSTITUTION": 0.79,
    "DATE": 0.98,
    "AGE": 0.91,
    "ID": 0.97,
    "PHONE": 0.96,
    "EMAIL": 1.00,
    "URL": 1.00,
}
GOAL = {"recall": 0.99, "precision": 0.95, "matching": "overlap"}


@dataclass(frozen=True)
class EvalConfig:
    """`deid.evaluation` in params.yaml."""

    seed: int = 20250
    family_seeds: dict[str, int] = field(default_factory=dict)  # one seed per audit family's generated set
    n_documents: int = 400
    metrics_path: str = "metrics/deid.json"
    real_reports: int = 2000  # whole real NLM/Indiana reports (odd half, every section) for the false-mask count

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> EvalConfig:
        config = dataclass_from_section(cls, (params.get("deid") or {}).get("evaluation"), "deid.evaluation")
        missing = [name for name in FAMILY_NAMES if not isinstance(config.family_seeds.get(name), int)]
        if missing:
            raise ConfigError(
                f"deid.evaluation.family_seeds: no integer seed for {', '.join(missing)}; add one per audit family "
                "(a seed of its own, never the held-out set's)"
            )
        return config


# French clinical sentences (bodies hold no identifiers, but eponyms, measurements, durations and capitalised words).
FR_BODY = (
    "Fracture de Pouteau-Colles du radius distal droit, déplacée.",
    "Pas de lésion osseuse traumatique décelable.",
    "Décollement épiphysaire Salter-Harris type II du tibia distal.",
    "Gonarthrose fémoro-tibiale interne stade 3 de Kellgren-Lawrence.",
    "Aspect évocateur d'une maladie de Paget du bassin.",
    "Encoche de Hill-Sachs et lésion de Bankart osseuse.",
    "Fracture de la base du cinquième métatarsien (fracture de Jones).",
    "Arrachement de Segond, à corréler à une rupture du LCA ; signe de Lachman rapporté positif.",
    "Douleur depuis 3 ans, aggravée il y a 2 semaines.",
    "Minéralisation osseuse normale. Interlignes articulaires conservés.",
    "Trait de fracture de 12 mm, diastasis de 3 mm.",
    "Kyste de Baker de 25 x 14 mm.",
    "Séquelles d'ostéochondrose de Scheuermann. Maladie d'Osgood-Schlatter ancienne.",
    "Lésion de Lisfranc non exclue ; fracture de Chopart éliminée.",
    "Fracture de Bennett du premier métacarpien, sans fracture de Rolando.",
    "Fracture de Maisonneuve à évoquer devant la fracture du col de la fibula.",
    "Pas de fracture de Monteggia ni de Galeazzi.",
    "Fracture de Smith du radius gauche. Pas de fracture de Barton.",
    "Contrôle à 6 semaines. Cliché de face et de profil.",
    "Conclusion : Absence d'anomalie significative.",
    "Épanchement intra-articulaire modéré du genou gauche.",
    "Coxarthrose bilatérale débutante, prédominant à droite.",
    "Scoliose lombaire à convexité gauche de 15 degrés (angle de Cobb).",
    "Fracture du col fémoral Garden III.",
)


@lru_cache(maxsize=1)
def nlmcxr_bodies() -> tuple[str, ...]:
    """FINDINGS + IMPRESSION of the real Indiana chest X-ray reports shipped with torchxrayvision (de-identified at
    source with XXXX); empty when the archive is missing."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("torchxrayvision")
        if spec is None or not spec.submodule_search_locations:
            return ()
        archive = Path(next(iter(spec.submodule_search_locations))) / "data" / "NLMCXR_reports.tgz"
        if not archive.is_file():
            return ()
        bodies: list[str] = []
        pattern = re.compile(r'<AbstractText Label="(FINDINGS|IMPRESSION)">([^<]*)</AbstractText>')
        with tarfile.open(archive) as tar:
            for member in tar:
                if not member.name.endswith(".xml"):
                    continue
                handle = tar.extractfile(member)
                if handle is None:
                    continue
                parts = {k: v.strip() for k, v in pattern.findall(handle.read().decode("utf-8", "replace"))}
                if parts.get("FINDINGS"):
                    bodies.append(f"FINDINGS: {parts['FINDINGS']}\nIMPRESSION: {parts.get('IMPRESSION', '')}")
                if len(bodies) >= 1500:
                    break
        return tuple(bodies)
    except (OSError, tarfile.TarError):  # pragma: no cover - a damaged archive just means French-only bodies
        return ()


def nlmcxr_whole_reports(limit: int, parity: int = 1) -> tuple[str, ...]:
    """Up to `limit` whole real Indiana reports (COMPARISON, INDICATION, FINDINGS, IMPRESSION) of one half: the odd
    half (parity 1) is never learned from and measures false masks; the even half gives the safety net clinical
    words. Empty when the archive is missing. INDICATION and COMPARISON hold the short capitalised clinical phrases
    ("INDICATION: Syncope") that FINDINGS/IMPRESSION bodies lack."""
    return tuple([text for text in _report_texts()[parity::2] if text][:limit])


@lru_cache(maxsize=1)
def _report_texts() -> tuple[str, ...]:
    """Every report's text in archive order ("" for a report with no section), read once for both halves."""
    from xraymatch.errors import InputError
    from xraymatch.reports.nlmcxr import iter_reports

    try:
        return tuple(report.text for report in iter_reports(with_views=False))
    except InputError:  # no archive: the French measures still run
        return ()


def generated_documents(
    n: int,
    seed: int,
    style: str,
    english: tuple[str, ...] | None = None,
    french: tuple[str, ...] = FR_BODY,
    id_prefix: str = "",
) -> list[dict[str, Any]]:
    """`n` labelled reports (half French, half English) with planted identifiers of the given template family.
    `english`/`french`: the identifier-free body pools (default: all NLMCXR bodies, the French pool)."""
    rng = np.random.default_rng(seed)
    english = nlmcxr_bodies() if english is None else english
    docs: list[dict[str, Any]] = []
    for i in range(n):
        lang = "fr" if i % 2 == 0 or not english else "en"
        if lang == "fr":
            picks = rng.choice(len(french), size=int(rng.integers(2, 5)), replace=False)
            body = "Résultat :\n" + "\n".join(french[int(j)] for j in picks)
        else:
            body = english[int(rng.integers(len(english)))]
        planted = plant_identifiers(body, lang, rng, style)
        docs.append({"id": f"{id_prefix}{style}-{i}", "lang": lang, "text": planted.text, "entities": planted.entities})
    return docs


def load_hard_cases(path: Path = HARD_CASES) -> list[dict[str, Any]]:
    """The hand-written hard cases with gold entities."""
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            record["entities"] = [Entity(e["start"], e["end"], e["label"]) for e in record["entities"]]
            docs.append(record)
    return docs


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float | int]:
    precision = tp_pred / n_pred if n_pred else 1.0
    recall = tp_gold / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "n_gold": n_gold,
        "n_pred": n_pred,
    }


_TOKEN = re.compile(r"\w+")


def score(docs: list[dict[str, Any]], predictions: list[list[Entity]]) -> dict[str, Any]:
    """Per-type and overall P/R/F1 under overlap (the goal), exact and token matching."""
    counts: dict[str, dict[str, list[int]]] = {
        mode: {label: [0, 0, 0, 0] for label in LABELS} for mode in ("overlap", "exact", "token")
    }  # tp_pred, n_pred, tp_gold, n_gold
    for doc, pred in zip(docs, predictions, strict=True):
        gold: list[Entity] = doc["entities"]
        for label in LABELS:
            g = [e for e in gold if e.label == label]
            p = [e for e in pred if e.label == label]
            c = counts["overlap"][label]
            c[0] += sum(any(x.start < y.end and y.start < x.end for y in g) for x in p)
            c[1] += len(p)
            c[2] += sum(any(x.start < y.end and y.start < x.end for y in p) for x in g)
            c[3] += len(g)
            e = counts["exact"][label]
            gs, ps = {(x.start, x.end) for x in g}, {(x.start, x.end) for x in p}
            e[0] += len(gs & ps)
            e[1] += len(ps)
            e[2] += len(gs & ps)
            e[3] += len(gs)
        for tok in _TOKEN.finditer(doc["text"]):
            gl = next((e.label for e in gold if e.start < tok.end() and tok.start() < e.end), None)
            pl = next((e.label for e in pred if e.start < tok.end() and tok.start() < e.end), None)
            if pl is not None:
                counts["token"][pl][1] += 1
                counts["token"][pl][0] += int(gl == pl)
            if gl is not None:
                counts["token"][gl][3] += 1
                counts["token"][gl][2] += int(gl == pl)
    out: dict[str, Any] = {"n_documents": len(docs)}
    for mode, per_label in counts.items():
        table = {label: _prf(*c) for label, c in per_label.items() if c[1] or c[3]}
        total = [sum(c[i] for c in per_label.values()) for i in range(4)]
        out[mode] = {"per_type": table, "overall": _prf(*total)}
    return out


def masked_any_label(docs: list[dict[str, Any]], predictions: list[list[Entity]]) -> dict[str, Any]:
    """Per gold type, the recall when any predicted label counts: a gold span is masked when a prediction of any
    label overlaps it by at least one character (a wrong label still hides the text)."""
    counts = {label: [0, 0] for label in LABELS}  # masked, n_gold
    for doc, pred in zip(docs, predictions, strict=True):
        for g in doc["entities"]:
            counts[g.label][0] += any(p.start < g.end and g.start < p.end for p in pred)
            counts[g.label][1] += 1

    def recall(masked: int, n_gold: int) -> dict[str, float | int]:
        return {"recall": round(masked / n_gold, 4) if n_gold else 1.0, "n_gold": n_gold, "n_masked": masked}

    table = {label: recall(*c) for label, c in counts.items() if c[1]}
    return {
        "per_type": table,
        "overall": recall(sum(c[0] for c in counts.values()), sum(c[1] for c in counts.values())),
    }


def evaluate_set(
    docs: list[dict[str, Any]], any_label: bool = False, safety_net: bool = False, config: DeidConfig | None = None
) -> tuple[dict[str, Any], float]:
    """Detect on every document (with the safety net when asked; with `config`, as `xraymatch deid` does: its safety
    net and, when enabled, the learned tagger); return the scores (with `masked_any_label` when asked) and the
    seconds spent."""
    start = time.perf_counter()
    if config is not None:
        predictions = [detect_entities(doc["text"], doc["lang"], config) for doc in docs]
    else:
        predictions = [detect(doc["text"], doc["lang"], safety_net=safety_net) for doc in docs]
    seconds = time.perf_counter() - start
    result = score(docs, predictions)
    if any_label:
        result["masked_any_label"] = masked_any_label(docs, predictions)
    result["detect_seconds"] = round(seconds, 3)
    result["docs_per_second"] = round(len(docs) / seconds, 1) if seconds else None
    return result, seconds


def masked_word_tokens(body: str, spans: list[Entity], skip_placeholders: bool = False) -> tuple[int, int]:
    """(word tokens of `body` overlapped by a span, word tokens), placeholders ("XXXX") left out when asked."""
    words = [w for w in re.finditer(r"\w+", body) if not (skip_placeholders and re.fullmatch(r"X{2,}", w.group()))]
    return sum(any(s.start < w.end() and w.start() < s.end for s in spans) for w in words), len(words)


def masked_tokens_per_thousand(
    bodies: list[str] | tuple[str, ...], lang: str, config: DeidConfig
) -> dict[str, float | int]:
    """Word tokens masked per 1,000 by the whole pipeline (`config`, as `xraymatch deid` runs it) on text known to
    hold no identifier other than its placeholders ("XXXX", never counted): the false-mask cost on real report
    prose. Counts only; no word of the bodies is returned."""
    tokens = masked = 0
    for body in bodies:
        hit, seen = masked_word_tokens(body, detect_entities(body, lang, config), skip_placeholders=True)
        masked, tokens = masked + hit, tokens + seen
    return {
        "per_1000_tokens": round(1000 * masked / tokens, 3) if tokens else 0.0,
        "masked_tokens": masked,
        "tokens": tokens,
        "documents": len(bodies),
    }


def run_deid_evaluation(params: dict[str, Any]) -> dict[str, Any]:
    """Score the detector on the held-out, train-template and audit generated sets and on the hard and audit
    cases; write JSON."""
    config = EvalConfig.from_params(params)
    sets = {
        "generated_heldout": generated_documents(config.n_documents, config.seed, "heldout"),
        "generated_train": generated_documents(config.n_documents, config.seed + 1, "train"),
        "hard_cases": load_hard_cases(),
    }
    for family in AUDIT_FAMILIES:
        generated, cases = family.set_names
        sets[generated] = generated_documents(config.n_documents, config.family_seeds[family.name], family.name)
        sets[cases] = load_hard_cases(family.cases_path)
    deid_config = DeidConfig.from_params(params)
    safety_net = deid_config.safety_net
    metrics: dict[str, Any] = {"goal": GOAL, "paper_f1": PAPER_F1, "sets": {}, "blind_sets": list(BLIND_SETS)}
    metrics["safety_net"] = safety_net
    metrics["tagger"] = {"enabled": deid_config.tagger.enabled, "mode": deid_config.tagger.mode}
    for name, docs in sets.items():
        once_blind = name in BLIND_SETS or name in DEVELOPMENT_NOTES
        metrics["sets"][name], _ = evaluate_set(docs, any_label=once_blind, config=deid_config)
        if name in BLIND_SETS:
            metrics["sets"][name]["blind"] = True
        elif name in DEVELOPMENT_NOTES:
            metrics["sets"][name].update(blind=False, note=DEVELOPMENT_NOTES[name])
    # odd halves: the tagger trains on even-half bodies; the safety net's vocabulary does include them (in-sample)
    metrics["identifier_free"] = {
        "nlmcxr_real_en": masked_tokens_per_thousand(nlmcxr_bodies()[1::2], "en", deid_config),
        "nlmcxr_real_en_whole_reports": masked_tokens_per_thousand(
            nlmcxr_whole_reports(config.real_reports), "en", deid_config
        ),
        "french_pool": masked_tokens_per_thousand(FR_BODY[1::2], "fr", deid_config),
    }
    held = metrics["sets"]["generated_heldout"]["overlap"]["per_type"]
    metrics["goal_met_heldout"] = all(
        v["recall"] >= GOAL["recall"] and v["precision"] >= GOAL["precision"] for v in held.values()
    )
    with atomic_file(config.metrics_path) as tmp:
        tmp.write_text(json.dumps(metrics, indent=2) + "\n")
    return metrics
