"""One family's evaluation sets scored under two settings, A and B (each params.yaml with `--a` / `--b` overrides).

This is how a blind family decides a change (protocol: decide and commit the change and its rule before running; run
once, on a family no one has tuned on; then record the family's first blind score in reports/families.py).
The tagger was decided on blind9 with `--a deid.tagger.enabled=false --b deid.tagger.enabled=true`
(metrics/deid_tagger_blind9.json). Writes JSON to --out.
Usage: PYTHONPATH=src python benchmarks/deid_ab.py FAMILY --a KEY=VALUE ... --b KEY=VALUE ... --out metrics/X.json
(KEY is a dotted params path, VALUE parsed as YAML: deid.tagger.retype_threshold=0.5, deid.document_names=true)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xraymatch.atomic import atomic_file  # noqa: E402
from xraymatch.config import apply_override, load_params  # noqa: E402
from xraymatch.reports.deid.evaluation import EvalConfig, evaluate_set, generated_documents, load_hard_cases  # noqa: E402
from xraymatch.reports.deid.pipeline import DeidConfig  # noqa: E402
from xraymatch.reports.families import audit_family  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("family")
    parser.add_argument("--a", nargs="*", default=[], help="overrides of setting A (the system before the change)")
    parser.add_argument("--b", nargs="*", default=[], help="overrides of setting B (the change)")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    params = load_params(ROOT / "params.yaml")
    evaluation = EvalConfig.from_params(params)
    family = audit_family(args.family)
    generated, cases = family.set_names
    sets = {
        generated: generated_documents(evaluation.n_documents, evaluation.family_seeds[family.name], family.name),
        cases: load_hard_cases(family.cases_path),
    }
    result: dict[str, Any] = {"family": family.name, "blind_when_run": family.blind, "a": args.a, "b": args.b}
    for setting, overrides in (("a", args.a), ("b", args.b)):
        variant = params
        for item in overrides:
            variant = apply_override(variant, item)
        config = DeidConfig.from_params(variant)  # an unknown key is a ConfigError here
        for name, docs in sets.items():
            scores, _ = evaluate_set(docs, any_label=True, config=config)
            result.setdefault(name, {})[setting] = scores
            overall = scores["overlap"]["overall"]
            masked = scores["masked_any_label"]["overall"]["recall"]
            print(f"{setting} {name:22s} P {overall['precision']:.3f} R {overall['recall']:.3f} any {masked:.3f}")
    with atomic_file(Path(args.out)) as tmp:
        tmp.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
