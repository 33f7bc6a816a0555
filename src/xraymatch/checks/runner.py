"""Run a Great Expectations 1.x suite over a DataFrame, save the full result, and fail with a one-line summary.

Every data boundary (CT manifest, DRR cache index, report corpus, serving inputs) defines its expectations as a
list and calls `run_suite`; the runner owns the GX context plumbing, the report file and the error message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from xraymatch.atomic import atomic_file
from xraymatch.errors import CheckFailed

DEFAULT_REPORT_DIR = Path("reports/checks")


@dataclass(frozen=True)
class Failure:
    """One failed expectation with the keys (e.g. case_id) of the rows that broke it."""

    expectation: str
    column: str
    keys: list[str] = field(default_factory=list)

    def describe(self) -> str:
        where = f" for {', '.join(self.keys[:5])}" + (" ..." if len(self.keys) > 5 else "") if self.keys else ""
        return f"{self.expectation}({self.column}){where}"


@dataclass(frozen=True)
class SuiteResult:
    """Outcome of one suite run: success flag, failures and where the full JSON result was written."""

    suite: str
    success: bool
    failures: list[Failure]
    report_path: Path
    evaluated: int


def _quiet_context() -> Any:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import logging

    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    return context


VOLATILE_KEYS = frozenset(
    {"id", "run_id", "validation_id", "validation_time", "run_time", "ge_load_time", "checkpoint_id", "batch_id"}
)


def _without_volatile(node: Any) -> Any:
    """Drop random ids and timestamps so the same data gives a byte-identical report (DVC sees no change)."""
    if isinstance(node, dict):
        return {k: _without_volatile(v) for k, v in node.items() if k not in VOLATILE_KEYS}
    if isinstance(node, list):
        return [_without_volatile(v) for v in node]
    return node


def run_suite(
    name: str,
    frame: pd.DataFrame,
    expectations: Sequence[Any],
    key_column: str,
    report_dir: str | Path = DEFAULT_REPORT_DIR,
    raise_on_failure: bool = True,
) -> SuiteResult:
    """Validate `frame` against `expectations`, write `<report_dir>/<name>.json`, raise CheckFailed on failure."""
    import great_expectations as gx

    context = _quiet_context()
    source = context.data_sources.add_pandas(f"{name}_source")
    asset = source.add_dataframe_asset(f"{name}_asset")
    batch = asset.add_batch_definition_whole_dataframe(f"{name}_batch")
    suite = context.suites.add(gx.ExpectationSuite(name=name))
    for expectation in expectations:
        suite.add_expectation(expectation)
    definition = context.validation_definitions.add(gx.ValidationDefinition(data=batch, suite=suite, name=name))
    result = definition.run(
        batch_parameters={"dataframe": frame},
        result_format={"result_format": "COMPLETE", "unexpected_index_column_names": [key_column]},
    )

    failures = []
    for item in result.results:
        if item.success:
            continue
        config = item.expectation_config
        column = config.kwargs.get("column") or "/".join(
            str(config.kwargs[k]) for k in ("column_A", "column_B") if k in config.kwargs
        )
        keys = sorted({str(row.get(key_column)) for row in item.result.get("unexpected_index_list") or []})
        if item.exception_info and item.exception_info.get("raised_exception"):
            keys = keys or ["(expectation raised: column missing or wrong type)"]
        failures.append(Failure(expectation=config.type, column=column, keys=keys))

    report_path = Path(report_dir) / f"{name}.json"
    with atomic_file(report_path) as tmp:
        tmp.write_text(json.dumps(_without_volatile(result.to_json_dict()), indent=2, default=str))
    outcome = SuiteResult(
        suite=name,
        success=bool(result.success),
        failures=failures,
        report_path=report_path,
        evaluated=len(result.results),
    )
    if raise_on_failure and not outcome.success:
        summary = "; ".join(f.describe() for f in failures)
        raise CheckFailed(f"check suite '{name}' failed: {summary} (full result: {report_path})")
    return outcome
