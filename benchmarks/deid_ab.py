"""One family's evaluation sets scored under two settings, A and B (each params.yaml with `--a` / `--b` overrides).

This is how a blind family decides a change (protocol: decide and commit the change and its rule before running; run
once, on a family no one has tuned on; then record the family's first blind score in reports/families.py).
The tagger was decided on blind9 with `--a deid.tagger.enabled=false --b deid.tagger.enabled=true`
(metrics/deid_tagger_blind9.json). Writes JSON to --out.
With `--retrain` the tagger and role model are trained for each setting under its overrides (into a temporary
directory; blind families are never in their training text), for a change in training such as
deid.tagger.real_negatives; without it both settings use the models at params' paths.
Usage: PYTHONPATH=src python benchmarks/deid_ab.py FAMILY --a KEY=VALUE ... --b KEY=VALUE ... [--retrain]
--out metrics/X.json (KEY is a dotted params path, VALUE parsed as YAML: deid.tagger.retype_threshold=0.5)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xraymatch.atomic import atomic_file  # noqa: E402
from xraymatch.config import apply_override, load_params  # noqa: E402
from xraymatch.reports.deid.evaluation import EvalConfig, evaluate_set, generated_documents, load_hard_cases  # noqa: E402
from xraymatch.reports.deid.pipeline import DeidConfig  # noqa: E402
from xraymatch.reports.families import audit_family  # noqa: E402


def train_learned_parts(params: dict[str, Any], into: Path) -> dict[str, Any]:
    """Train the tagger and role model under `params` into `into`; the params with their model paths pointing there."""
    from xraymatch.reports.deid.person_roles import RolesConfig, train_roles
    from xraymatch.reports.deid.tagger import TaggerConfig, train_tagger, training_documents

    into.mkdir(parents=True, exist_ok=True)
    params = apply_override(params, f"deid.tagger.model_path={into / 'model.crfsuite'}")
    params = apply_override(params, f"deid.roles.model_path={into / 'roles.json'}")
    tagger = TaggerConfig.from_params(params)
    documents = training_documents(tagger)  # blind families (the one under test, while blind) are never read
    train_tagger(documents, tagger, tagger.model_path)
    roles = RolesConfig.from_params(params)
    train_roles(documents, roles, roles.model_path)
    return params


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("family")
    parser.add_argument("--a", nargs="*", default=[], help="overrides of setting A (the system before the change)")
    parser.add_argument("--b", nargs="*", default=[], help="overrides of setting B (the change)")
    parser.add_argument("--retrain", action="store_true", help="train tagger and role model per setting")
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
    result["retrained"] = args.retrain
    with tempfile.TemporaryDirectory() as models:
        for setting, overrides in (("a", args.a), ("b", args.b)):
            variant = params
            for item in overrides:
                variant = apply_override(variant, item)
            if args.retrain:
                variant = train_learned_parts(variant, Path(models) / setting)
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
