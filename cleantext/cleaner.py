"""The `Cleaner` base class, the registry configs name cleaners by, option checks.

A cleaner is a dataclass whose fields are its options, with `__call__(doc) -> doc`.
Subclasses register themselves under their class name when their module is imported;
a config may also name any cleaner by import path, `"package.module:ClassName"`.
Options are checked against the fields' type hints when a cleaner is built, from
Python as from TOML: `FixTypos(mode="sugest")` is a `ConfigError`, not a cleaner
that silently does nothing.
"""

from __future__ import annotations

import dataclasses
import importlib
import types
import typing
from typing import Any, ClassVar, Literal

from cleantext.document import Document


class ConfigError(ValueError):
    """A pipeline configuration names an unknown cleaner or gives it a bad option."""


_REGISTRY: dict[str, type[Cleaner]] = {}


class Cleaner:
    """A named, configurable `Document -> Document` step."""

    name: ClassVar[str] = "Cleaner"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """Register the subclass under its own `name`, by default its class name."""
        super().__init_subclass__(**kwargs)
        if "name" not in cls.__dict__:
            cls.name = cls.__name__
        _REGISTRY[cls.name] = cls

    def __post_init__(self) -> None:
        """Check the options against the fields' type hints, converting where the
        hint says so (a list to a tuple, an integer to a float). A cleaner that
        needs more set-up calls `super().__post_init__()` first."""
        if dataclasses.is_dataclass(self):
            for key, value in check_options(type(self), self.options()).items():
                setattr(self, key, value)

    def __call__(self, doc: Document) -> Document:
        raise NotImplementedError

    def prepare(self) -> None:
        """Load what this cleaner needs (dictionaries, models) now rather than on
        the first document: called before forking workers so they share it."""

    def options(self) -> dict[str, Any]:
        """The options this cleaner was built with, as TOML-ready values."""
        return {
            f.name: _to_plain(getattr(self, f.name))
            for f in dataclasses.fields(self)  # type: ignore[arg-type]
            if f.init
        }

    @classmethod
    def from_config(cls, options: dict[str, Any]) -> Cleaner:
        """Build from a config table's options, checking names and types first."""
        return cls(**check_options(cls, options))

    def to_config(self) -> dict[str, Any]:
        """`{"name": ..., **options}`: the table that rebuilds this cleaner."""
        return {"name": self.name, **self.options()}


def _to_plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def registered_cleaners() -> dict[str, type[Cleaner]]:
    """All cleaners known by name, after importing the built-in ones."""
    import cleantext.cleaners  # noqa: F401  (importing registers the built-ins)

    return dict(sorted(_REGISTRY.items()))


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


def check_options(cls: type, options: dict[str, Any]) -> dict[str, Any]:
    """Check `options` against the dataclass fields of `cls`; return them converted."""
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(options) - set(fields))
    if unknown:
        raise ConfigError(
            f"{cls.__name__}: unknown option(s) {', '.join(unknown)}; "
            f"valid options: {', '.join(fields) or 'none'}"
        )
    hints = typing.get_type_hints(cls)
    return {
        key: _check_value(cls.__name__, key, value, hints[key])
        for key, value in options.items()
    }


def _check_value(owner: str, key: str, value: Any, hint: Any) -> Any:
    converted = _convert(value, hint)
    if converted is _INVALID:
        raise ConfigError(
            f"{owner}: option {key!r} must be {_describe(hint)}, got {value!r}"
        )
    return converted


_INVALID = object()


def _convert(value: Any, hint: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        for arm in args:
            converted = _convert(value, arm)
            if converted is not _INVALID:
                return converted
        return _INVALID
    if origin is Literal:
        return value if value in args else _INVALID
    if origin in (tuple, list):
        if not isinstance(value, (list, tuple)):
            return _INVALID
        items = [_convert(item, args[0]) for item in value]
        return _INVALID if _INVALID in items else origin(items)
    if hint is type(None):
        return value if value is None else _INVALID
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return float(value) if ok else _INVALID
    if hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return value if ok else _INVALID
    return value if isinstance(value, hint) else _INVALID


def _describe(hint: Any) -> str:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_describe(arm) for arm in args)
    if origin is Literal:
        return "one of " + ", ".join(repr(arg) for arg in args)
    if origin in (tuple, list):
        return f"a list of {_describe(args[0])}"
    if hint is type(None):
        return "absent"
    return {bool: "true or false", int: "an integer", float: "a number"}.get(
        hint, f"a {getattr(hint, '__name__', hint)}"
    )
