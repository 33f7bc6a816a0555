"""The `xraymatch` command: one sub-command per pipeline stage, each a thin call into the library.

User mistakes (XraymatchError) print one line `xraymatch: error: ...` and exit non-zero without a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from xraymatch.errors import XraymatchError

log = logging.getLogger("xraymatch")


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--params", default="params.yaml", help="parameters file (default: params.yaml)")
    parser.add_argument(
        "--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE", help="override a parameter"
    )


def _cmd_ingest_ct(args: argparse.Namespace) -> int:
    from xraymatch.config import load_params
    from xraymatch.ct.ingest import IngestConfig, ingest_ct

    params = load_params(args.params, args.overrides)
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xraymatch", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest-ct", help="ingest CT volumes / DICOM series into data/ct (DVC stage ingest_ct)")
    _add_common(ingest)
    ingest.add_argument("--input", help="input folder (default: params ingest.raw_dir)")
    ingest.add_argument("--output", help="output folder (default: params ingest.out_dir)")
    ingest.add_argument("--reports", help="folder for check results (default: params checks.report_dir)")
    ingest.set_defaults(func=_cmd_ingest_ct)
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
