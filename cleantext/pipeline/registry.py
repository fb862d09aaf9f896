"""Cleaners by name: the registry TOML configs use, and building a cleaner from
its config table. Importing this module registers the built-in cleaners."""

from __future__ import annotations

import importlib
from typing import Any

import cleantext.cleaners  # noqa: F401  (importing registers the built-ins)
from cleantext.cleaners.base import Cleaner, cleaners_registered_so_far
from cleantext.errors import ConfigError


def registered_cleaners() -> dict[str, type[Cleaner]]:
    """All cleaners known by name: the built-in ones, `Pipeline` (once
    `cleantext.pipeline` is imported) and those of other modules imported so far."""
    return dict(sorted(cleaners_registered_so_far().items()))


def cleaner_class(name: str) -> type[Cleaner]:
    """Resolve a registered name or a `module:Class` import path to a cleaner class."""
    if ":" in name:
        module_name, _, attr = name.partition(":")
        try:
            cls = getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise ConfigError(f"cannot import cleaner {name!r}: {exc}") from exc
        if not (isinstance(cls, type) and issubclass(cls, Cleaner)):
            raise ConfigError(f"{name!r} is not a cleantext.Cleaner subclass")
        return cls
    known = registered_cleaners()
    if name not in known:
        raise ConfigError(
            f"unknown cleaner {name!r}; known cleaners: {', '.join(known)}"
        )
    return known[name]


def build_cleaner(config: dict[str, Any]) -> Cleaner:
    """Build a cleaner from a `{"name": ..., **options}` table, checking options."""
    if not isinstance(config.get("name"), str):
        raise ConfigError(f"a cleaner table needs a string 'name', got {config!r}")
    options = {key: value for key, value in config.items() if key != "name"}
    return cleaner_class(config["name"]).from_config(options)
