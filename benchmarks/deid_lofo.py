"""Leave-one-family-out (LOFO) cross-validation of the de-identification tagger and its combinations with the rules.

For each non-blind audit family F: train the CRF on everything except F (the `train` template family, the other
non-blind families' generated documents and cases, the hard cases), then score every combination (tagger.MODES, plus
union_retype at several thresholds) on F's evaluation-seed generated set and F's cases with evaluation.score and
evaluation.masked_any_label. Also the false masks per 1,000 tokens on the odd (held-out) halves of the NLM/Indiana
and French identifier-free bodies. Blind families are never read, trained on or scored (filtered on `family.blind`).

Caveat printed with the table: the rule detector was tuned on every non-blind family, so LOFO holds F out of the
tagger only; the rules' row is an in-sample score. The families' first blind scores (families.py) are the rules'
out-of-sample reference.

Usage: PYTHONPATH=src python benchmarks/deid_lofo.py [--n-per-family 100] [--iterations 100] [--stacking] [--out F]
Writes metrics/deid_lofo.json (and prints the table and the time taken); the stacked run is kept in
metrics/deid_lofo_stacked.json (`--stacking --out metrics/deid_lofo_stacked.json`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xraymatch.atomic import atomic_file  # noqa: E402
from xraymatch.config import load_params  # noqa: E402
from xraymatch.reports.deid.evaluation import (  # noqa: E402
    FR_BODY,
    EvalConfig,
    generated_documents,
    load_hard_cases,
    masked_any_label,
    masked_word_tokens,
    nlmcxr_bodies,
    score,
)
from xraymatch.reports.deid.tagger import (  # noqa: E402
    DeidTagger,
    TaggerConfig,
    _generated,
    combine,
    rule_entities,
    train_tagger,
)
from xraymatch.reports.families import AUDIT_FAMILIES  # noqa: E402

# mode@retype_threshold@add_threshold
MODES = (
    "rules",
    "tagger",
    "union@0.9@0",
    "union@0.9@0.5",
    "union@0.9@0.7",
    "union@0.9@0.9",
    "union_patient@0.8@0",
    "union_patient@0.95@0",
    "union_patient@0.95@0.7",
    "union_retype@0.9@0",
)


def summarise(docs: list[dict[str, Any]], preds: list[list[Any]]) -> dict[str, float]:
    s = score(docs, preds)["overlap"]
    m = masked_any_label(docs, preds)["overall"]["recall"]
    per = s["per_type"]
    out = {"P": s["overall"]["precision"], "R": s["overall"]["recall"], "any": m}
    for label in ("PATIENT", "PERSON"):
        out[f"{label}_R"] = per.get(label, {}).get("recall", 1.0)
        out[f"{label}_P"] = per.get(label, {}).get("precision", 1.0)
    return out


def false_masks(bodies: list[str], preds: list[list[Any]]) -> float:
    counts = [masked_word_tokens(body, spans) for body, spans in zip(bodies, preds, strict=True)]
    masked, tokens = sum(c[0] for c in counts), sum(c[1] for c in counts)
    return round(1000 * masked / tokens, 3) if tokens else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-per-family", type=int, help="default: deid.tagger.n_per_family")
    parser.add_argument("--iterations", type=int, help="default: deid.tagger.max_iterations")
    parser.add_argument(
        "--stacking", action="store_true", help="rule labels as features (params: deid.tagger.stacking)"
    )
    parser.add_argument("--out", default="metrics/deid_lofo.json")
    args = parser.parse_args()
    began = time.perf_counter()
    params = load_params(ROOT / "params.yaml")
    evaluation = EvalConfig.from_params(params)
    config = dataclasses.replace(
        TaggerConfig.from_params(params),
        n_per_family=args.n_per_family or TaggerConfig.from_params(params).n_per_family,
        max_iterations=args.iterations or TaggerConfig.from_params(params).max_iterations,
        stacking=args.stacking or TaggerConfig.from_params(params).stacking,
    )
    families = [f for f in AUDIT_FAMILIES if not f.blind]  # blind families: never read
    # training groups (same documents as tagger.training_documents, grouped so a family can be left out)
    groups: dict[str, list[dict[str, Any]]] = {"train": _generated(config.n_per_family, config.seed, "train")}
    for i, family in enumerate(AUDIT_FAMILIES):
        if family.blind:
            continue
        groups[family.name] = _generated(config.n_per_family, config.seed + 1 + i, family.name)
        groups[family.name] += load_hard_cases(family.cases_path)
    groups["hard"] = load_hard_cases()
    evals = {
        f.name: {
            "generated": generated_documents(evaluation.n_documents, evaluation.family_seeds[f.name], f.name),
            "cases": load_hard_cases(f.cases_path),
        }
        for f in families
    }
    odd_bodies = [*nlmcxr_bodies()[1::2], *FR_BODY[1::2]]
    t = time.perf_counter()
    rules = {k: [rule_entities(d["text"], d["lang"]) for d in v] for k, v in groups.items()}
    eval_rules = {
        f: {k: [rule_entities(d["text"], d["lang"]) for d in v] for k, v in s.items()} for f, s in evals.items()
    }
    body_rules = [rule_entities(b, "en") for b in odd_bodies]
    print(f"rule detector on all documents: {time.perf_counter() - t:.0f} s", flush=True)
    modes = list(MODES)
    table: dict[str, Any] = {}
    fold_info: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for family in families:
            docs = [d for k, v in groups.items() if k != family.name for d in v]
            fold_rules = [r for k, v in rules.items() if k != family.name for r in v]
            model = Path(tmp) / f"{family.name}.crfsuite"
            fold_info[family.name] = train_tagger(docs, config, model, fold_rules)
            tagger = DeidTagger(model, stacking=config.stacking)
            table[family.name] = {}
            for mode in modes:
                base, *thr = mode.split("@")
                threshold = float(thr[0]) if thr else config.retype_threshold
                add = float(thr[1]) if thr else config.add_threshold
                row: dict[str, Any] = {}
                for set_name, set_docs in evals[family.name].items():
                    preds = [
                        combine(d["text"], r, tagger, base, threshold, add, config.max_added_words)
                        for d, r in zip(set_docs, eval_rules[family.name][set_name], strict=True)
                    ]
                    row[set_name] = summarise(set_docs, preds)
                body_preds = [
                    combine(b, r, tagger, base, threshold, add, config.max_added_words)
                    for b, r in zip(odd_bodies, body_rules, strict=True)
                ]
                row["false_masks_per_1000"] = false_masks(odd_bodies, body_preds)
                table[family.name][mode] = row
            print(f"fold {family.name}: {fold_info[family.name]}", flush=True)
    mean = {
        mode: {
            set_name: {
                key: round(float(np.mean([table[f.name][mode][set_name][key] for f in families])), 4)
                for key in table[families[0].name][mode][set_name]
            }
            for set_name in ("generated", "cases")
        }
        | {
            "false_masks_per_1000": round(
                float(np.mean([table[f.name][mode]["false_masks_per_1000"] for f in families])), 3
            )
        }
        for mode in modes
    }
    seconds = time.perf_counter() - began
    result = {
        "config": dataclasses.asdict(config),
        "families": [f.name for f in families],
        "caveat": "the rules were tuned on every non-blind family: their rows are in-sample; LOFO holds F out of "
        "the tagger only",
        "rules_first_blind_scores": {f.name: f.first_blind_score for f in families},
        "folds": fold_info,
        "per_family": table,
        "mean": mean,
        "seconds": round(seconds, 1),
    }
    out = ROOT / args.out
    with atomic_file(out) as tmp_path:
        tmp_path.write_text(json.dumps(result, indent=2) + "\n")
    keys = ("P", "R", "any", "PATIENT_R", "PATIENT_P", "PERSON_R", "PERSON_P")
    print(f"\n{'family':8} {'mode':18} {'set':9} " + " ".join(f"{k:>9}" for k in keys) + "  fm/1000")
    for name in [*[f.name for f in families], "MEAN"]:
        rows = mean if name == "MEAN" else table[name]
        for mode in modes:
            for set_name in ("generated", "cases"):
                r = rows[mode][set_name]
                print(
                    f"{name:8} {mode:18} {set_name:9} "
                    + " ".join(f"{r[k]:9.4f}" for k in keys)
                    + f"  {rows[mode]['false_masks_per_1000']:.3f}"
                )
    print(f"\nwrote {out} in {seconds:.0f} s")


if __name__ == "__main__":
    main()
