"""Leave-one-family-out check of the learned patient/staff typing (deid/person_roles.py) on every development family.

For each non-blind family F: the system's spans without the role model (params.yaml's pipeline, roles off) on F's
generated set and cases, then the same spans retyped by a role model trained WITHOUT F (tagger.training_documents
with F excluded), scored side by side. The rules and the tagger have seen F (their rows are in-sample), so this
measures what the role model costs or adds where the detectors already type well; what it adds on unseen text is
measured out of sample by benchmarks/deid_oldrules.py (`+roles` modes) and, once, by a blind A/B.
Usage: PYTHONPATH=src python benchmarks/deid_roles_lofo.py [--families blind13,blind14] [--out metrics/X.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from deid_lofo import summarise  # noqa: E402

from xraymatch.atomic import atomic_file  # noqa: E402
from xraymatch.config import apply_override, load_params  # noqa: E402
from xraymatch.reports.deid.evaluation import EvalConfig, generated_documents, load_hard_cases  # noqa: E402
from xraymatch.reports.deid.person_roles import RoleModel, RolesConfig, relabel_roles, train_roles  # noqa: E402
from xraymatch.reports.deid.pipeline import DeidConfig, detect_entities  # noqa: E402
from xraymatch.reports.deid.tagger import TaggerConfig, training_documents  # noqa: E402
from xraymatch.reports.families import AUDIT_FAMILIES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", help="comma-separated development families (default: all)")
    parser.add_argument("--out", help="write the table as JSON here")
    args = parser.parse_args()
    began = time.perf_counter()
    params = load_params(ROOT / "params.yaml")
    evaluation = EvalConfig.from_params(params)
    system = DeidConfig.from_params(apply_override(params, "deid.roles.enabled=false"))
    roles = RolesConfig.from_params(params)
    tagger = TaggerConfig.from_params(params)
    wanted = set(args.families.split(",")) if args.families else None
    results: dict[str, dict] = {}
    for family in AUDIT_FAMILIES:
        if family.blind or (wanted and family.name not in wanted):
            continue
        sets = {
            "generated": generated_documents(evaluation.n_documents, evaluation.family_seeds[family.name], family.name),
            "cases": load_hard_cases(family.cases_path),
        }
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "roles.json"
            train_roles(training_documents(tagger, exclude=(family.name,)), roles, path)
            model = RoleModel.load(path)
            for name, docs in sets.items():
                before = [detect_entities(d["text"], d["lang"], system) for d in docs]
                after = [relabel_roles(d["text"], p, model, roles) for d, p in zip(docs, before, strict=True)]
                results.setdefault(family.name, {})[name] = {
                    "without": summarise(docs, before),
                    "with_roles": summarise(docs, after),
                }
                a, b = results[family.name][name]["without"], results[family.name][name]["with_roles"]
                print(
                    f"{family.name:8s} {name:9s} P {a['P']:.3f}->{b['P']:.3f} R {a['R']:.3f}->{b['R']:.3f} "
                    f"PATIENT R {a['PATIENT_R']:.2f}->{b['PATIENT_R']:.2f} PERSON R {a['PERSON_R']:.2f}->"
                    f"{b['PERSON_R']:.2f}",
                    flush=True,
                )
    payload = {
        "roles": dataclasses.asdict(roles),
        "caveat": "rules and tagger have seen each family (in-sample); the role model has not",
        "per_family": results,
        "seconds": round(time.perf_counter() - began, 1),
    }
    if args.out:
        with atomic_file(Path(args.out)) as tmp_out:
            tmp_out.write_text(json.dumps(payload, indent=1) + "\n")


if __name__ == "__main__":
    main()
