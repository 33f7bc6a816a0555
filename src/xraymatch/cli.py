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


def _cmd_build_reports(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.reports.corpus import build_reports

    params = load_params(args.params, args.overrides, args.profile)
    report_dir = Path(args.reports or params.get("checks", {}).get("report_dir", "reports/checks"))
    corpus = build_reports(params, report_dir)
    counts = ", ".join(f"{k}={v}" for k, v in corpus["source"].value_counts().sort_index().items())
    out_dir = (params.get("reports") or {}).get("out_dir", "data/reports")
    print(f"built a report corpus of {len(corpus)} report(s) ({counts}) into {out_dir}")
    return 0


def _cmd_deid(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.reports.deid.pipeline import DeidConfig, deidentify_jsonl

    params = load_params(args.params, args.overrides, args.profile)
    count = deidentify_jsonl(args.input, args.output, DeidConfig.from_params(params))
    print(f"de-identified {count} report(s) into {args.output}")
    return 0


def _cmd_deid_eval(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.reports.deid.evaluation import run_deid_evaluation

    metrics = run_deid_evaluation(load_params(args.params, args.overrides, args.profile))
    for name, result in metrics["sets"].items():
        overall = result["overlap"]["overall"]
        print(f"{name}: precision={overall['precision']:.4f} recall={overall['recall']:.4f} f1={overall['f1']:.4f}")
    return 0


def _cmd_train_deid_tagger(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.reports.deid.tagger import run_train_tagger

    summary = run_train_tagger(load_params(args.params, args.overrides, args.profile))
    print(
        f"trained the de-identification tagger on {summary['documents']} document(s) ({summary['tokens']} tokens) "
        f"in {summary['seconds']} s into {summary['model_path']} ({summary['bytes']} bytes)"
    )
    roles = summary["roles"]
    print(
        f"trained the patient/staff role model on {roles['spans']} name span(s) ({roles['features']} features) "
        f"in {roles['seconds']} s into {roles['model_path']}"
    )
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


def _cmd_evaluate_vl(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.evaluation.vl import run_vl_evaluation

    result = run_vl_evaluation(load_params(args.params, args.overrides, args.profile))
    for name in ("model", "random_init"):
        print(f"vl {name}: " + ", ".join(f"{k}={v:.3f}" for k, v in result[name].items()))
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
        unchanged = result.champion_before == result.challenger
        verdict = "PROMOTED" if result.passed else ("unchanged" if unchanged else "refused")
        why = "" if result.passed else ": " + "; ".join(result.reasons)
        print(f"{name} v{result.challenger} {verdict} (champion: v{result.champion_after}){why}")
        refused += 0 if (result.passed or unchanged) else 1
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


def _cmd_drift_reference(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.monitoring.config import MonitoringConfig
    from xraymatch.monitoring.jobs import make_reference, stale_reference

    config = MonitoringConfig.from_params(load_params(args.params, args.overrides, args.profile))
    target = Path(args.out or (config.reference.drr_path if args.drr else config.reference.path))
    if args.if_missing and target.is_file():
        reason = stale_reference(config, target, args.model)
        if reason is None:
            print(f"reference {target} is current (--if-missing): kept")
            return 0
        print(f"reference {target}: {reason}; rebuilding")
    out, ref = make_reference(config, target, args.images, args.model, args.drr, args.samples, not args.no_augment)
    print(f"reference of {len(ref)} samples from {ref.meta['source']} (model {ref.model_version}) written to {out}")
    return 0


def _cmd_drift(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.monitoring.config import MonitoringConfig
    from xraymatch.monitoring.jobs import run_drift

    config = MonitoringConfig.from_params(load_params(args.params, args.overrides, args.profile))
    json_out, html_out = args.json, args.html
    if args.report:
        json_out = json_out or str(Path(config.report_dir) / "drift.json")
        html_out = html_out or str(Path(config.report_dir) / "drift.html")
    verdict = run_drift(config, args.reference, args.current, json_out, html_out, args.model)
    state = "DRIFT" if verdict.drift else "no drift"
    print(
        f"{state}: {verdict.n_distinct} distinct image(s) of {verdict.n_requests} request(s) vs {verdict.n_reference} "
        f"reference, MMD p={verdict.mmd.p_value:.4f}"
    )
    for reason in verdict.reasons:
        print(f"  {reason}")
    return 1 if verdict.drift and args.fail_on_drift else 0


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
    fit.add_argument("--objective", required=True, choices=["multiview", "sam", "afire", "fracture", "vl"])
    fit.add_argument("--resume", action="store_true", help="continue from models/<objective>/checkpoints/last.ckpt")
    fit.add_argument("--fast-dev-run", action="store_true", help="one batch of train and val, nothing registered")
    fit.set_defaults(func=_cmd_train)

    sweep = sub.add_parser("sweep", help="Optuna sweep of one objective (nested MLflow runs; several workers may join)")
    _add_common(sweep)
    sweep.add_argument("--objective", required=True, choices=["multiview", "sam", "afire", "vl"])
    sweep.add_argument("--trials", type=int, default=10, help="trials run by this worker")
    sweep.add_argument("--study", help="study name (default: <objective>-<sweep.name>)")
    sweep.add_argument("--storage", help="journal file path or RDB URL shared by the workers")
    sweep.set_defaults(func=_cmd_sweep)

    evaluate = sub.add_parser(
        "evaluate", help="score every trained objective against its baselines (DVC stage evaluate)"
    )
    _add_common(evaluate)
    evaluate.set_defaults(func=_cmd_evaluate)

    evaluate_vl = sub.add_parser(
        "evaluate-vl", help="score the vision-language model and its random-init twin on test pairs (DVC evaluate_vl)"
    )
    _add_common(evaluate_vl)
    evaluate_vl.set_defaults(func=_cmd_evaluate_vl)

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

    corpus = sub.add_parser("build-reports", help="build the de-identified report corpus (DVC stage build_reports)")
    _add_common(corpus)
    corpus.add_argument("--reports", help="folder for check results (default: params checks.report_dir)")
    corpus.set_defaults(func=_cmd_build_reports)

    deid = sub.add_parser("deid", help="de-identify report texts: JSONL {id,text,lang} -> {id,text,entities}")
    _add_common(deid)
    deid.add_argument("--in", dest="input", required=True, help="input JSONL, one {id, text, lang} per line")
    deid.add_argument("--out", dest="output", required=True, help="output JSONL (written atomically)")
    deid.set_defaults(func=_cmd_deid)

    deid_eval = sub.add_parser("deid-eval", help="score de-identification per type (DVC stage evaluate_deid)")
    _add_common(deid_eval)
    deid_eval.set_defaults(func=_cmd_deid_eval)

    deid_tagger = sub.add_parser("train-deid-tagger", help="train the learned de-identification tagger (DVC stage)")
    _add_common(deid_tagger)
    deid_tagger.set_defaults(func=_cmd_train_deid_tagger)
    drift_ref = sub.add_parser("drift-reference", help="build a drift reference from real X-rays (or DRRs)")
    _add_common(drift_ref)
    drift_ref.add_argument("--images", help="folder of X-rays (default: data/raw/xray, else pydicom-data RG1/RG3)")
    drift_ref.add_argument("--drr", help="build the DRR reference from this DRR cache instead (synthetic-to-real gap)")
    drift_ref.add_argument("--out", help="reference file (default: params monitoring.reference.path / drr_path)")
    drift_ref.add_argument("--model", help="SAM bundle folder or .ckpt (default: serving/bundles/sam, else models/)")
    drift_ref.add_argument("--samples", type=int, help="augmented samples (default: params monitoring.reference)")
    drift_ref.add_argument("--no-augment", action="store_true", help="use each image once, as it is")
    drift_ref.add_argument(
        "--if-missing", action="store_true", help="keep an existing reference built from the current params and model"
    )
    drift_ref.set_defaults(func=_cmd_drift_reference)

    drift = sub.add_parser("drift", help="test a window of X-rays against a drift reference (MMD, KS, PSI)")
    _add_common(drift)
    drift.add_argument("--reference", help="reference file (default: params monitoring.reference.path)")
    drift.add_argument("--current", help="folder of X-rays, monitoring store or reference .npz (default: the store)")
    drift.add_argument("--json", help="write the verdict as JSON here")
    drift.add_argument("--html", help="write the HTML report here")
    drift.add_argument("--report", action="store_true", help="write drift.json/drift.html to monitoring.report_dir")
    drift.add_argument("--model", help="model for a folder's embeddings (must be the reference's)")
    drift.add_argument("--fail-on-drift", action="store_true", help="exit 1 when drift is found (CI, cron)")
    drift.set_defaults(func=_cmd_drift)
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
