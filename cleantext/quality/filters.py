"""Keep-or-drop decisions with named reasons, from presets kept as data.

A `QualityFilter` is an ordered list of `Check`s on the signals of
`cleantext.quality.signals`; `decide()` returns a `Decision` that names every check
the document fails, in preset order, so the first reason is the one the reference
implementation (datatrove) reports. Scoring and deciding are separate: compute the
signals once, decide with as many filters as you like.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache

from cleantext.errors import ConfigError
from cleantext.resources.data import builtin_data


@dataclass(frozen=True, slots=True)
class Check:
    """Fails when `signal` is below `min` or above `max` (either may be None)."""

    reason: str
    signal: str
    min: float | None = None
    max: float | None = None

    def fails(self, signals: dict[str, float]) -> bool:
        value = signals[self.signal]
        return (self.min is not None and value < self.min) or (
            self.max is not None and value > self.max
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """Whether to keep a document, and the reasons when not."""

    keep: bool
    reasons: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {"keep": self.keep, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class QualityFilter:
    """A named, ordered list of checks."""

    name: str
    checks: tuple[Check, ...]

    def decide(self, signals: dict[str, float]) -> Decision:
        reasons = tuple(c.reason for c in self.checks if c.fails(signals))
        return Decision(not reasons, reasons)

    @classmethod
    def preset(cls, name: str, **thresholds: float) -> QualityFilter:
        """A preset of `rules/quality-presets.toml`, with thresholds overridden by
        reason: `QualityFilter.preset("gopher-quality", gopher_short_doc=100)`."""
        presets = _presets()
        if name not in presets:
            raise ConfigError(
                f"unknown quality preset {name!r}; presets: {', '.join(presets)}"
            )
        checks = presets[name]
        reasons = {check.reason for check in checks}
        unknown = sorted(set(thresholds) - reasons)
        if unknown:
            raise ConfigError(
                f"preset {name!r} has no check {', '.join(unknown)}; "
                f"checks: {', '.join(sorted(reasons))}"
            )
        return cls(name, tuple(_override(c, thresholds) for c in checks))


def _override(check: Check, thresholds: dict[str, float]) -> Check:
    if check.reason not in thresholds:
        return check
    value = thresholds[check.reason]
    return replace(check, **{"min" if check.min is not None else "max": value})


@cache
def _presets() -> dict[str, tuple[Check, ...]]:
    data = builtin_data("quality-presets")
    return {
        name: tuple(
            Check(t["reason"], t["signal"], t.get("min"), t.get("max")) for t in table
        )
        for name, table in data.items()
    }


def failing_reasons(decisions: Mapping[str, Decision]) -> list[str]:
    """The reasons of every filter that drops the document, each named
    `"filter/reason"` ("c4/too_few_sentences"), in filter order: empty when all
    keep it. The one shape of reasons everywhere: the CLI's `--rejected` and
    `--report` files, the engines' `reasons` columns, datatrove's metadata."""
    return [
        f"{name}/{reason}"
        for name, decision in decisions.items()
        if not decision.keep
        for reason in decision.reasons
    ]


def preset_names() -> list[str]:
    """The names of the built-in presets."""
    return list(_presets())
