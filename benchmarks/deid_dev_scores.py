"""Score every NON-blind de-identification set with params.yaml's system (rules, safety net, tagger, refine), and
never a blind one: what a tuning round runs instead of `xraymatch deid-eval`, which scores the blind families too.

Usage: PYTHONPATH=src python benchmarks/deid_dev_scores.py [--sets generated_blind10,blind10_cases] [--json out.json]
[--set KEY=VALUE ...]
Prints overall P/R, the share masked under any label and per-type P/R of each set.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from xraymatch.config import apply_override, load_params  # noqa: E402
from xraymatch.reports.deid.evaluation import EvalConfig, evaluate_set, generated_documents, load_hard_cases  # noqa: E402
from xraymatch.reports.deid.pipeline import DeidConfig  # noqa: E402
from xraymatch.reports.families import AUDIT_FAMILIES  # noqa: E402


def development_sets(evaluation: EvalConfig) -> dict[str, Callable[[], list[dict[str, Any]]]]:
    """Loaders of the held-out, train and hard-case sets and of every family whose first blind score is recorded."""
    loaders: dict[str, Callable[[], list[dict[str, Any]]]] = {
        "generated_heldout": lambda: generated_documents(evaluation.n_documents, evaluation.seed, "heldout"),
        "generated_train": lambda: generated_documents(evaluation.n_documents, evaluation.seed + 1, "train"),
        "hard_cases": load_hard_cases,
    }
    for family in AUDIT_FAMILIES:
        if family.blind:
            continue  # never scored here
        generated, cases = family.set_names
        seed = evaluation.family_seeds[family.name]
        loaders[generated] = lambda f=family.name, s=seed: generated_documents(evaluation.n_documents, s, f)
        loaders[cases] = lambda p=family.cases_path: load_hard_cases(p)
    return loaders


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", help="comma-separated set names (default: all non-blind sets)")
    parser.add_argument("--json", help="write the full scores here")
    parser.add_argument(
        "--set", nargs="*", default=[], help="params overrides KEY=VALUE, e.g. deid.tagger.posterior_add=0.5"
    )
    args = parser.parse_args()
    params = load_params(ROOT / "params.yaml")
    for item in args.set:
        params = apply_override(params, item)
    config = DeidConfig.from_params(params)
    loaders = development_sets(EvalConfig.from_params(params))
    wanted = args.sets.split(",") if args.sets else list(loaders)
    unknown = [name for name in wanted if name not in loaders]
    if unknown:
        raise SystemExit(f"--sets: {unknown[0]} is not a non-blind set; choose from {', '.join(loaders)}")
    out = {}
    for name in wanted:
        scores, seconds = evaluate_set(loaders[name](), any_label=True, config=config)
        out[name] = scores
        overall = scores["overlap"]["overall"]
        masked = scores["masked_any_label"]["overall"]["recall"]
        per_type = scores["overlap"]["per_type"].items()
        types = " ".join(f"{t} {v['precision']:.2f}/{v['recall']:.2f}" for t, v in per_type)
        head = f"{name:24s} P {overall['precision']:.3f} R {overall['recall']:.3f} any {masked:.3f} {seconds:.0f}s"
        print(f"{head} | {types}")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
