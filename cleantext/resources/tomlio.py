"""Read and write TOML on every supported Python (tomllib arrived in 3.11)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import tomli_w

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised only on Python 3.10
    import tomli as tomllib

TOMLDecodeError = tomllib.TOMLDecodeError


def load_toml(path: str | Path) -> dict[str, Any]:
    """Parse a TOML file; errors name the file."""
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def loads_toml(text: str) -> dict[str, Any]:
    """Parse TOML text."""
    return tomllib.loads(text)


def dumps_toml(data: dict[str, Any]) -> str:
    """Serialise a dict of TOML-compatible values."""
    return tomli_w.dumps(data)
