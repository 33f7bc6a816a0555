"""One family's evaluation sets scored with the tagger off and on (everything else as params.yaml says).

This is how a blind family decides whether the tagger stays on (protocol of commit 78859df): run it once, on a family
no one has tuned on, then record the family's first blind score (reports/families.py). Writes JSON to --out.
Usage: PYTHONPATH=src python benchmarks/deid_tagger_ab.py FAMILY --out metrics/deid_tagger_<family>.json
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xraymatch.atomic import atomic_file  # noqa: E402
from xraymatch.config import load_params  # noqa: E402
from xraymatch.reports.deid.evaluation import EvalConfig, evaluate_set, generated_documents, load_hard_cases  # noqa: E402
from xraymatch.reports.deid.pipeline import DeidConfig  # noqa: E402
from xraymatch.reports.families import audit_family  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("family")
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
    result: dict[str, object] = {"family": family.name, "blind_when_run": family.blind}
    result["tagger"] = params["deid"]["tagger"]
    for setting, enabled in (("tagger_off", False), ("tagger_on", True)):
        variant = copy.deepcopy(params)
        variant["deid"]["tagger"]["enabled"] = enabled
        config = DeidConfig.from_params(variant)
        for name, docs in sets.items():
            scores, _ = evaluate_set(docs, any_label=True, config=config)
            result.setdefault(name, {})[setting] = scores  # type: ignore[index]
            overall = scores["overlap"]["overall"]
            masked = scores["masked_any_label"]["overall"]["recall"]
            print(f"{setting:10s} {name:22s} P {overall['precision']:.3f} R {overall['recall']:.3f} any {masked:.3f}")
    with atomic_file(Path(args.out)) as tmp:
        tmp.write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
