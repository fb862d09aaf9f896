"""Accuracy floors pinned in TOML files: the one check every evaluation shares.

A floors file has a table per evaluated set. A key `max_<metric>` is a ceiling on
that metric; any other key is a minimum. Lowering a floor is a deliberate, reviewed
act (trafilatura's `tests/eval_gate.py` keeps its gate the same way).
"""

from __future__ import annotations

from pathlib import Path

from cleantext.resources.tomlio import load_toml


def unmet_floors(path: Path, name: str, measured: dict[str, float]) -> list[str]:
    """A message for every floor of table `name` in `path` that `measured` misses."""
    failures = []
    for key, bound in load_toml(path).get(name, {}).items():
        metric = key.removeprefix("max_")
        value = measured[metric]
        if key.startswith("max_") and value > bound:
            failures.append(f"{name}: {metric} = {value:.4g} > ceiling {bound}")
        elif not key.startswith("max_") and value < bound:
            failures.append(f"{name}: {metric} = {value:.4g} < floor {bound}")
    return failures
