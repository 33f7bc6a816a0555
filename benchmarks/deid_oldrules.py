"""Out-of-sample check of the tagger combinations: the rules as they were BEFORE they were tuned on family F (an old
source tree, e.g. `git archive <commit> src`), joined with a tagger trained without F, scored on F's evaluation sets.

This is what LOFO cannot show (today's rules have seen every non-blind family). Non-blind families only.
Usage: PYTHONPATH=src python benchmarks/deid_oldrules.py FAMILY OLD_SRC_DIR [--n-per-family 100] [--iterations 100]
[--augment-share 0.5]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from deid_lofo import MODES, summarise  # noqa: E402

from xraymatch.config import load_params  # noqa: E402
from xraymatch.reports.deid.augment import damaged_copies  # noqa: E402
from xraymatch.reports.deid.document_names import harmonise_names  # noqa: E402
from xraymatch.reports.deid.evaluation import EvalConfig, generated_documents, load_hard_cases  # noqa: E402
from xraymatch.reports.deid.person_roles import RoleModel, RolesConfig, relabel_roles, train_roles  # noqa: E402
from xraymatch.reports.deid.tagger import (  # noqa: E402
    DeidTagger,
    TaggerConfig,
    _generated,
    combine,
    rule_entities,
    train_tagger,
)
from xraymatch.reports.entities import Entity  # noqa: E402
from xraymatch.reports.families import AUDIT_FAMILIES, audit_family  # noqa: E402

OLD_DETECT = """
import inspect, json, sys
from xraymatch.reports.deid.detector import detect
docs = json.load(open(sys.argv[1]))
kw = {"safety_net": True} if "safety_net" in inspect.signature(detect).parameters else {}
spans = [[(e.start, e.end, e.label) for e in detect(d["text"], d["lang"], **kw)] for d in docs]
json.dump(spans, open(sys.argv[2], "w"))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("family")
    parser.add_argument("old_src")
    parser.add_argument("--n-per-family", type=int, default=100)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--augment-share", type=float, help="default: deid.tagger.augment_share (deid/augment.py)")
    parser.add_argument("--stacking", action="store_true", help="also the stacked tagger (it only copies the rules)")
    parser.add_argument(
        "--modes",
        nargs="+",
        default=list(MODES),
        help="combinations MODE[@RETYPE@ADD][+names][+roles] (+names: then document_names.harmonise_names; +roles: "
        "then person_roles.relabel_roles with a role model trained on the same documents as the tagger)",
    )
    args = parser.parse_args()
    family = audit_family(args.family)
    if family.blind:
        raise SystemExit(f"{family.name} is blind: never scored here")
    params = load_params(ROOT / "params.yaml")
    evaluation = EvalConfig.from_params(params)
    base = TaggerConfig.from_params(params)
    base = dataclasses.replace(
        base,
        n_per_family=args.n_per_family,
        max_iterations=args.iterations,
        augment_share=base.augment_share if args.augment_share is None else args.augment_share,
    ).validate()
    sets = {
        "generated": generated_documents(evaluation.n_documents, evaluation.family_seeds[family.name], family.name),
        "cases": load_hard_cases(family.cases_path),
    }
    docs = _generated(base.n_per_family, base.seed, "train")
    for i, other in enumerate(AUDIT_FAMILIES):
        if not other.blind and other.name != family.name:
            docs += _generated(base.n_per_family, base.seed + 1 + i, other.name) + load_hard_cases(other.cases_path)
    docs += load_hard_cases()
    docs += damaged_copies(docs, base.augment, base.augment_share, base.seed)
    rules = [rule_entities(d["text"], d["lang"]) for d in docs] if args.stacking else None
    roles_config = RolesConfig.from_params(params)
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        old: dict[str, list[list[Entity]]] = {}
        for name, set_docs in sets.items():
            src, dst = Path(tmp) / f"{name}.json", Path(tmp) / f"{name}.out.json"
            src.write_text(json.dumps([{"text": d["text"], "lang": d["lang"]} for d in set_docs]))
            env = dict(os.environ, PYTHONPATH=args.old_src)
            subprocess.run([sys.executable, "-c", OLD_DETECT, str(src), str(dst)], env=env, check=True)
            old[name] = [[Entity(*s) for s in spans] for spans in json.loads(dst.read_text())]
        for stacking in (False, True) if args.stacking else (False,):
            config = dataclasses.replace(base, stacking=stacking)
            model = Path(tmp) / f"m{int(stacking)}.crfsuite"
            train_tagger(docs, config, model, rules)
            tagger = DeidTagger(model, stacking=stacking)
            roles_path = Path(tmp) / "roles.json"
            if any(m.endswith("+roles") for m in args.modes) and not roles_path.exists():
                train_roles(docs, roles_config, roles_path)
            for mode in args.modes:
                if mode == "rules" and stacking:
                    continue
                with_roles = mode.endswith("+roles")
                spec = mode.removesuffix("+roles")
                spec, names = spec.removesuffix("+names"), spec.endswith("+names")
                base_mode, *thr = spec.split("@")
                retype, add = (float(thr[0]), float(thr[1])) if thr else (0.9, 0.0)
                key = mode if mode == "rules" else f"{mode}{'+stack' if stacking else ''}"
                results[key] = {}
                for name, set_docs in sets.items():
                    preds = [
                        combine(d["text"], r, tagger, base_mode, retype, add, base.max_added_words)
                        for d, r in zip(set_docs, old[name], strict=True)
                    ]
                    if names:
                        preds = [harmonise_names(d["text"], p) for d, p in zip(set_docs, preds, strict=True)]
                    if with_roles:
                        role_model = RoleModel.load(roles_path)
                        preds = [
                            relabel_roles(d["text"], p, role_model, roles_config)
                            for d, p in zip(set_docs, preds, strict=True)
                        ]
                    results[key][name] = summarise(set_docs, preds)
    print(
        json.dumps(
            {"family": family.name, "old_src": args.old_src, "augment_share": base.augment_share, "results": results}
        )
    )


if __name__ == "__main__":
    main()
