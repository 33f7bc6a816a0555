"""A family's first blind score, re-measured: the whole de-identification system as it was at COMMIT (its source and
params), with the learned parts (tagger and role model) retrained as if FAMILY were still blind, scored on FAMILY's
evaluation sets under two settings A and B (params overrides, as in deid_ab.py).

Why: deid_oldrules.py joins old rules with today's tagger and skips the late passes; this runs the old
`pipeline.detect_entities` end to end, so setting A at the commit where a family was first scored must reproduce
that score exactly (training and generation are deterministic). Setting B then shows what a change would have done
on text nobody had tuned on, which is the evidence a pre-registered A/B on the next blind family needs.
Non-blind families only (a blind one is scored once, by deid_ab.py). Gold is today's (later gold fixes count).
Usage: PYTHONPATH=src python benchmarks/deid_time_machine.py FAMILY COMMIT [--a KEY=VALUE ...] [--b KEY=VALUE ...]
[--b ...] [--out metrics/X.json]   (each --b is one more setting: B, C, ...)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xraymatch.atomic import atomic_file  # noqa: E402
from xraymatch.config import load_params  # noqa: E402
from xraymatch.reports.deid.evaluation import (  # noqa: E402
    EvalConfig,
    generated_documents,
    load_hard_cases,
    masked_any_label,
    score,
)
from xraymatch.reports.entities import Entity  # noqa: E402
from xraymatch.reports.families import audit_family  # noqa: E402

# Runs inside the old tree (its src on PYTHONPATH, its params.yaml): train without the family, detect, dump spans.
DRIVER = """
import json, sys
from xraymatch.config import apply_override, load_params
try:  # the learned patient/staff typing exists from session 7 on
    from xraymatch.reports.deid.person_roles import RolesConfig, train_roles
except ImportError:
    train_roles = None
from xraymatch.reports.deid.pipeline import DeidConfig, detect_entities
from xraymatch.reports.deid.tagger import TaggerConfig, train_tagger, training_documents
job = json.load(open(sys.argv[1]))
params = load_params("params.yaml")
for item in job["overrides"]:
    params = apply_override(params, item)
params["deid"]["tagger"]["model_path"] = "tagger.crfsuite"
if train_roles is not None:
    params["deid"]["roles"]["model_path"] = "roles.json"
tagger = TaggerConfig.from_params(params)
docs = training_documents(tagger, exclude=(job["family"],))
train_tagger(docs, tagger, tagger.model_path)
if train_roles is not None:
    train_roles(docs, RolesConfig.from_params(params), "roles.json")
config = DeidConfig.from_params(params)
spans = {
    name: [[(e.start, e.end, e.label) for e in detect_entities(d["text"], d["lang"], config)] for d in set_docs]
    for name, set_docs in job["sets"].items()
}
json.dump({"training_documents": len(docs), "spans": spans}, open(sys.argv[2], "w"))
"""


def old_tree(commit: str, into: Path) -> Path:
    """Extract `src/` and `params.yaml` of `commit` into `into` (a clear error for an unknown commit)."""
    archive = into / "tree.tar"
    with archive.open("wb") as out:
        done = subprocess.run(["git", "archive", commit, "src", "params.yaml"], cwd=ROOT, stdout=out, check=False)
    if done.returncode != 0:
        raise SystemExit(f"commit {commit!r}: git archive failed; give a commit of this repository")
    with tarfile.open(archive) as tar:
        tar.extractall(into, filter="data")
    return into


def run_setting(tree: Path, family: str, overrides: list[str], sets: dict[str, list[dict[str, Any]]]) -> dict:
    """Train and detect in the old tree under `overrides`; spans per set and the training size."""
    job = tree / "job.json"
    job.write_text(
        json.dumps(
            {
                "family": family,
                "overrides": overrides,
                "sets": {k: [{"text": d["text"], "lang": d["lang"]} for d in v] for k, v in sets.items()},
            }
        )
    )
    result = tree / "result.json"
    env = dict(os.environ, PYTHONPATH=str(tree / "src"))
    subprocess.run([sys.executable, "-c", DRIVER, str(job), str(result)], cwd=tree, env=env, check=True)
    return json.loads(result.read_text())


def summary(docs: list[dict[str, Any]], spans: list[list[list[Any]]]) -> dict[str, Any]:
    """Overlap P/R overall and per type, and the share masked under any label."""
    preds = [[Entity(*s) for s in doc_spans] for doc_spans in spans]
    overlap = score(docs, preds)["overlap"]
    return {
        "P": overlap["overall"]["precision"],
        "R": overlap["overall"]["recall"],
        "any": masked_any_label(docs, preds)["overall"]["recall"],
        "per_type": {k: {"P": v["precision"], "R": v["recall"]} for k, v in overlap["per_type"].items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("family")
    parser.add_argument("commit")
    parser.add_argument("--a", nargs="*", default=[], help="overrides of setting A (the system at COMMIT)")
    parser.add_argument(
        "--b", nargs="*", action="append", default=[], help="overrides of a changed setting (repeat: B, C, ...)"
    )
    parser.add_argument("--out", help="write the JSON here too")
    args = parser.parse_args()
    family = audit_family(args.family)
    if family.blind:
        raise SystemExit(f"{family.name} is blind: it is scored once, by deid_ab.py, never here")
    evaluation = EvalConfig.from_params(load_params(ROOT / "params.yaml"))
    generated, cases = family.set_names
    sets = {
        generated: generated_documents(evaluation.n_documents, evaluation.family_seeds[family.name], family.name),
        cases: load_hard_cases(family.cases_path),
    }
    result: dict[str, Any] = {"family": family.name, "commit": args.commit, "a": args.a}
    settings = [("a", args.a)] + [(chr(ord("b") + i), b) for i, b in enumerate(args.b)]
    with tempfile.TemporaryDirectory() as tmp:
        tree = old_tree(args.commit, Path(tmp))
        for setting, overrides in settings:
            out = run_setting(tree, family.name, overrides, sets)
            result.setdefault("settings", {})[setting] = overrides
            result.setdefault("training_documents", {})[setting] = out["training_documents"]
            for name, docs in sets.items():
                scores = summary(docs, out["spans"][name])
                result.setdefault(name, {})[setting] = scores
                print(f"{setting} {name:22s} P {scores['P']:.3f} R {scores['R']:.3f} any {scores['any']:.3f}")
    if args.out:
        with atomic_file(Path(args.out)) as tmp_out:
            tmp_out.write_text(json.dumps(result, indent=1) + "\n")
    else:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
