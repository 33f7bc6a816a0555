"""The gate's rules on hand-made metrics with known verdicts, and the promotion log's champion chain."""

from __future__ import annotations

from pathlib import Path

import pytest

from xraymatch.errors import ConfigError, InputError
from xraymatch.registry import promotion_log
from xraymatch.registry.gate import GateRules, decide

RULES = GateRules.from_params(
    {
        "primary": {"metric": "ap", "mode": "max", "margin": 0.01},
        "guards": {"mre": {"mode": "min", "tolerance": 1.0}},
        "floors": {"ap": {"mode": "max", "bound": 0.05}},
        "checks": ["drr_cache"],
    },
    "multiview",
)
OK = {"drr_cache": True}


def test_first_version_passes_on_floors_alone() -> None:
    assert decide(RULES, {"ap": 0.06, "mre": 50.0}, None, OK, None).passed
    refused = decide(RULES, {"ap": 0.04, "mre": 5.0}, None, OK, None)
    assert not refused.passed and any("floor: ap=0.04" in r for r in refused.reasons)


def test_primary_must_improve_by_the_margin() -> None:
    champion = {"ap": 0.10, "mre": 10.0}
    assert decide(RULES, {"ap": 0.111, "mre": 10.0}, champion, OK, None).passed
    small = decide(RULES, {"ap": 0.105, "mre": 10.0}, champion, OK, None)
    assert not small.passed and "primary" in small.reasons[0]


def test_guard_regression_beyond_tolerance_refuses() -> None:
    champion = {"ap": 0.10, "mre": 10.0}
    assert decide(RULES, {"ap": 0.2, "mre": 10.9}, champion, OK, None).passed  # within tolerance (min mode)
    worse = decide(RULES, {"ap": 0.2, "mre": 11.5}, champion, OK, None)
    assert not worse.passed and "guard: mre regressed" in worse.reasons[0]


def test_failed_checks_missing_metrics_and_smoke_failures_are_reasons() -> None:
    decision = decide(RULES, {"mre": float("nan")}, {"ap": 0.1, "mre": 1.0}, {}, "RuntimeError: boom")
    text = " | ".join(decision.reasons)
    assert not decision.passed
    for expected in ("data check 'drr_cache'", "smoke inference failed", "no finite 'ap'", "no finite 'mre'"):
        assert expected in text


def test_malformed_rules_are_config_errors() -> None:
    with pytest.raises(ConfigError, match=r"promote\.objectives\.sam\.primary is missing"):
        GateRules.from_params({"guards": {}}, "sam")
    with pytest.raises(ConfigError, match="mode 'up'"):
        GateRules.from_params({"primary": {"metric": "ap", "mode": "up"}}, "sam")


def test_champion_chain_follows_promotions_and_rollbacks(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    for after, action, passed in (("1", "promote", True), ("2", "promote", True), ("2", "promote", False)):
        promotion_log.append(log, {"model": "m", "action": action, "champion_after": after, "passed": passed})
    entries = promotion_log.read(log, "m")
    assert promotion_log.previous_champion(entries, "2") == "1"
    promotion_log.append(log, {"model": "m", "action": "rollback", "champion_after": "1", "passed": True})
    assert promotion_log.previous_champion(promotion_log.read(log, "m"), "1") is None
    log.write_text(log.read_text() + "{broken\n")
    with pytest.raises(InputError, match=r"log.jsonl:5: not a JSON line"):
        promotion_log.read(log)
