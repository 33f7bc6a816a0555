"""The metric gate: pure rules deciding whether a challenger may replace the champion.

Rules (per objective, from params.yaml `promote.objectives.<objective>`):
- primary: the challenger's primary metric must beat the champion's by at least `margin` (in its direction);
- guards: no guard metric may regress by more than its `tolerance`;
- floors: absolute bounds every champion must meet (the only metric rule for a first version);
plus two facts the caller establishes: the data checks behind the model passed, and the model loaded and answered.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from xraymatch.errors import ConfigError


@dataclass(frozen=True)
class MetricRule:
    """A metric with its direction (`max`: larger is better, `min`: smaller is better) and a slack."""

    metric: str
    mode: str = "max"
    slack: float = 0.0

    def __post_init__(self) -> None:
        if self.mode not in ("max", "min"):
            raise ConfigError(f"promote rule for {self.metric!r}: mode {self.mode!r} must be 'max' or 'min'")

    def gain(self, challenger: float, champion: float) -> float:
        """How much better the challenger is (positive = better), in the metric's units."""
        return challenger - champion if self.mode == "max" else champion - challenger


@dataclass(frozen=True)
class GateRules:
    primary: MetricRule
    guards: tuple[MetricRule, ...] = ()
    floors: dict[str, tuple[str, float]] = field(default_factory=dict)  # metric -> (mode, bound)
    checks: tuple[str, ...] = ()

    @classmethod
    def from_params(cls, section: dict[str, Any], objective: str) -> GateRules:
        """Read `promote.objectives.<objective>`; unknown or malformed keys are one-line ConfigErrors."""
        where = f"promote.objectives.{objective}"
        if not isinstance(section, dict) or "primary" not in section:
            raise ConfigError(f"params.yaml: {where}.primary is missing; give the metric, mode and margin")
        unknown = set(section) - {"primary", "guards", "floors", "checks"}
        if unknown:
            raise ConfigError(f"params.yaml: {where} has unknown key(s) {', '.join(sorted(unknown))}")
        primary = section["primary"]
        try:
            rule = MetricRule(str(primary["metric"]), str(primary.get("mode", "max")), float(primary.get("margin", 0)))
            guards = tuple(
                MetricRule(str(name), str(spec.get("mode", "max")), float(spec.get("tolerance", 0.0)))
                for name, spec in (section.get("guards") or {}).items()
            )
            floors = {
                str(name): (str(spec.get("mode", "max")), float(spec["bound"]))
                for name, spec in (section.get("floors") or {}).items()
            }
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"params.yaml: {where} is malformed ({exc.__class__.__name__}: {exc})") from None
        return cls(rule, guards, floors, tuple(section.get("checks") or ()))

    @property
    def metrics(self) -> tuple[str, ...]:
        """Every metric a decision reads (primary, guards, floors)."""
        return (self.primary.metric, *(g.metric for g in self.guards), *self.floors)


@dataclass(frozen=True)
class GateDecision:
    passed: bool
    reasons: tuple[str, ...]


def _value(metrics: dict[str, float], name: str, who: str, reasons: list[str]) -> float | None:
    value = metrics.get(name)
    if value is None or not math.isfinite(float(value)):
        reasons.append(f"{who} has no finite '{name}'")
        return None
    return float(value)


def decide(
    rules: GateRules,
    challenger: dict[str, float],
    champion: dict[str, float] | None,
    checks_passed: dict[str, bool],
    smoke_error: str | None,
) -> GateDecision:
    """Apply every rule and collect each failure as a reason (an empty list of reasons means pass)."""
    reasons: list[str] = []
    for suite in rules.checks:
        if not checks_passed.get(suite, False):
            reasons.append(f"data check '{suite}' did not pass (or has no report)")
    if smoke_error is not None:
        reasons.append(f"smoke inference failed: {smoke_error}")
    for name, (mode, bound) in rules.floors.items():
        value = _value(challenger, name, "challenger", reasons)
        if value is not None and (value < bound if mode == "max" else value > bound):
            side = ">=" if mode == "max" else "<="
            reasons.append(f"floor: {name}={value:.4g} must be {side} {bound:.4g}")
    if champion is not None:
        new = _value(challenger, rules.primary.metric, "challenger", reasons)
        old = _value(champion, rules.primary.metric, "champion", reasons)
        if new is not None and old is not None:
            gain = rules.primary.gain(new, old)
            if gain < rules.primary.slack or (rules.primary.slack == 0 and gain <= 0):
                reasons.append(
                    f"primary: {rules.primary.metric} {new:.4g} vs champion {old:.4g} "
                    f"(gain {gain:+.4g}, needs > {rules.primary.slack:.4g})"
                    if rules.primary.slack == 0
                    else f"primary: {rules.primary.metric} {new:.4g} vs champion {old:.4g} "
                    f"(gain {gain:+.4g}, needs >= {rules.primary.slack:.4g})"
                )
        for guard in rules.guards:
            new = _value(challenger, guard.metric, "challenger", reasons)
            old = _value(champion, guard.metric, "champion", reasons)
            if new is not None and old is not None and guard.gain(new, old) < -guard.slack:
                reasons.append(f"guard: {guard.metric} regressed {old:.4g} -> {new:.4g} (tolerance {guard.slack:.4g})")
    return GateDecision(passed=not reasons, reasons=tuple(reasons))
