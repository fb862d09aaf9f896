"""Golden-output suites (`golden`) and the pytest plugin installed with cleantext
(entry point `pytest11` -> `cleantext.testing.plugin`: the `golden` fixture and
`--update-golden`). The plugin's names are imported on first use, so that the
command line, which reads golden suites, runs where pytest is not installed."""

from __future__ import annotations

from importlib import import_module

__all__ = ["Golden", "golden", "golden_params", "pytest_addoption"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(import_module("cleantext.testing.plugin"), name)
    raise AttributeError(f"module 'cleantext.testing' has no attribute {name!r}")
