"""The `xraymatch` command: one sub-command per pipeline stage, each a thin call into the library.

User mistakes (XraymatchError) print one line `xraymatch: error: ...` and exit non-zero without a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from xraymatch.errors import ConfigError, XraymatchError

log = logging.getLogger("xraymatch")


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--params", default="params.yaml", help="parameters file (default: params.yaml)")
    parser.add_argument("--profile", help="deep-merge profiles/<name>.yaml over the params (e.g. tiny, gpu)")
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE", help="override a parameter"
    )


def _cmd_ingest_ct(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.ct.ingest import IngestConfig, ingest_ct

    params = load_params(args.params, args.overrides, args.profile)
    config = IngestConfig.from_params(params)
    if args.input:
        config = IngestConfig(**{**config.__dict__, "raw_dir": Path(args.input)})
    if args.output:
        config = IngestConfig(**{**config.__dict__, "out_dir": Path(args.output)})
    checks = params.get("checks", {})
    report_dir = Path(args.reports or checks.get("report_dir", "reports/checks"))
    manifest = ingest_ct(config, checks["ct"], report_dir)
    print(f"ingested {len(manifest)} case(s) into {config.out_dir}")
    return 0


def _cmd_render_drr(args: argparse.Namespace) -> int:
    from xraymatch.checks.drr_suite import check_drr_index
    from xraymatch.config import load_params
    from xraymatch.data.build import RenderConfig
    from xraymatch.data.distributed import build_cache_distributed

    params = load_params(args.params, args.overrides, args.profile)
    config = RenderConfig.from_params(params)
    ct_dir = Path(args.ct or params["ingest"]["out_dir"])
    index = build_cache_distributed(params, ct_dir, args.devices, args.accelerator, args.num_nodes)
    checks = params.get("checks", {})
    report_dir = Path(args.reports or checks.get("report_dir", "reports/checks"))
    check_drr_index(index, checks["drr"], str(report_dir), expect_fractures=bool(index["fracture"].any()))
    from xraymatch.data import DRRCache
    from xraymatch.data.figures import draw_samples

    cache = DRRCache(config.out_dir, split="train")
    fractured = [i for i in range(len(cache)) if bool(cache.index.loc[i, "fracture"])][:1]
    picks = sorted(set([0, len(cache) // 2, *fractured]))
    draw_samples([cache[i] for i in picks], Path(args.figures or "reports/figures") / "drr_samples.png")
    print(f"rendered {len(index)} sample(s) into {config.out_dir}")
    return 0


def _cmd_train(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.training.train import TrainConfig, train

    params = load_params(args.params, args.overrides, args.profile)
    config = TrainConfig.from_params(params, args.objective)
    result = train(config, resume=args.resume, fast_dev_run=args.fast_dev_run)
    version = f", registered version {result.model_version}" if result.model_version else ""
    print(f"trained {args.objective}: run {result.run_id}, checkpoint {result.checkpoint}{version}")
    return 0


def _cmd_sweep(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.training.sweep import run_sweep

    params = load_params(args.params, args.overrides, args.profile)
    best = run_sweep(params, args.objective, args.trials, args.study, args.storage)
    print("best parameters: " + " ".join(f"-S {k}={v}" for k, v in best.items()))
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.evaluation.evaluate import run_evaluation

    params = load_params(args.params, args.overrides, args.profile)
    results = run_evaluation(params)
    for objective, result in results.items():
        model = result.get("model", {})
        headline = ", ".join(f"{k}={v:.3f}" for k, v in model.items() if isinstance(v, float))
        print(f"{objective}: {headline or result.get('skipped', 'see metrics')}")
    return 0


def _cmd_promote(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.evaluation.rescore import rescore
    from xraymatch.registry.promote import promote

    params = load_params(args.params, args.overrides, args.profile)
    names = args.model or [f"xraymatch-{o}" for o in (params.get("promote") or {}).get("objectives", {})]
    if not names:
        raise ConfigError("nothing to promote: give --model xraymatch-<objective> or rules in promote.objectives")
    refused = 0
    for name in names:
        if args.all:
            from xraymatch.registry.promote import _client

            if not _client(params).search_model_versions(f"name='{name}'"):
                print(f"{name}: no registered version, skipped")
                continue
        result = promote(params, name, scorer=rescore)
        verdict = "PROMOTED" if result.passed else "refused"
        why = "" if result.passed else ": " + "; ".join(result.reasons)
        print(f"{name} v{result.challenger} {verdict} (champion: v{result.champion_after}){why}")
        refused += 0 if result.passed else 1
    return 1 if (refused and args.strict) else 0


def _cmd_rollback(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.registry.promote import rollback

    params = load_params(args.params, args.overrides, args.profile)
    version = rollback(params, args.model)
    print(f"{args.model}: @champion is v{version} again")
    return 0


def _cmd_package(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.registry.package import package

    params = load_params(args.params, args.overrides, args.profile)
    packaged = package(params, Path(args.out) if args.out else None)
    for objective, facts in packaged.items():
        print(f"packaged {facts['registered_model']} v{facts['version']} ({objective})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xraymatch", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest-ct", help="ingest CT volumes / DICOM series into data/ct (DVC stage ingest_ct)")
    _add_common(ingest)
    ingest.add_argument("--input", help="input folder (default: params ingest.raw_dir)")
    ingest.add_argument("--output", help="output folder (default: params ingest.out_dir)")
    ingest.add_argument("--reports", help="folder for check results (default: params checks.report_dir)")
    ingest.set_defaults(func=_cmd_ingest_ct)

    render = sub.add_parser("render-drr", help="render the multi-view DRR cache with targets (DVC stage render_drr)")
    _add_common(render)
    render.add_argument("--ct", help="ingested CT folder (default: params ingest.out_dir)")
    render.add_argument("--reports", help="folder for check results (default: params checks.report_dir)")
    render.add_argument("--figures", help="folder for sample pictures (default: reports/figures)")
    render.add_argument("--devices", type=int, default=1, help="ranks per node (processes on cpu, GPUs on gpu)")
    render.add_argument("--accelerator", default="cpu", choices=["cpu", "gpu", "cuda", "auto"])
    render.add_argument("--num-nodes", type=int, default=1, help="machines (launch with torchrun or SLURM)")
    render.set_defaults(func=_cmd_render_drr)

    fit = sub.add_parser("train", help="train one objective on the DRR cache (DVC stage train@<objective>)")
    _add_common(fit)
    fit.add_argument("--objective", required=True, choices=["multiview", "sam", "afire"])
    fit.add_argument("--resume", action="store_true", help="continue from models/<objective>/checkpoints/last.ckpt")
    fit.add_argument("--fast-dev-run", action="store_true", help="one batch of train and val, nothing registered")
    fit.set_defaults(func=_cmd_train)

    sweep = sub.add_parser("sweep", help="Optuna sweep of one objective (nested MLflow runs; several workers may join)")
    _add_common(sweep)
    sweep.add_argument("--objective", required=True, choices=["multiview", "sam", "afire"])
    sweep.add_argument("--trials", type=int, default=10, help="trials run by this worker")
    sweep.add_argument("--study", help="study name (default: <objective>-<sweep.name>)")
    sweep.add_argument("--storage", help="journal file path or RDB URL shared by the workers")
    sweep.set_defaults(func=_cmd_sweep)

    evaluate = sub.add_parser(
        "evaluate", help="score every trained objective against its baselines (DVC stage evaluate)"
    )
    _add_common(evaluate)
    evaluate.set_defaults(func=_cmd_evaluate)

    prom = sub.add_parser("promote", help="gate the newest registered version against @champion (DVC stage promote)")
    _add_common(prom)
    prom.add_argument("--model", action="append", help="xraymatch-<objective> (repeatable; default: every gated one)")
    prom.add_argument("--all", action="store_true", help="skip gated models that have no registered version yet")
    prom.add_argument("--strict", action="store_true", help="exit 1 when a challenger is refused (for CI)")
    prom.set_defaults(func=_cmd_promote)

    back = sub.add_parser("rollback", help="restore the previous @champion of a registered model")
    _add_common(back)
    back.add_argument("--model", required=True, help="xraymatch-<objective>")
    back.set_defaults(func=_cmd_rollback)

    pack = sub.add_parser("package", help="write the @champion bundles and model card for the Bento (make package)")
    _add_common(pack)
    pack.add_argument("--out", help="output folder (default: params package.out_dir)")
    pack.set_defaults(func=_cmd_package)
    return parser


def main(argv: list[str] | None = None) -> int:
    from xraymatch.logs import configure_logging

    args = build_parser().parse_args(argv)
    configure_logging()
    try:
        return int(args.func(args))
    except XraymatchError as exc:
        print(f"xraymatch: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("xraymatch: interrupted; no partial output was kept", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
