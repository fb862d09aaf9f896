"""Options checked against type hints, the same way from Python and from TOML.

A cleaner's options are its dataclass fields; `check_options` checks given values
against the fields' hints (bool, int, float, str, Literal choices, tuples and
lists of them, unions) and converts where the hint says so, with messages that
name the owner, the option and the valid values.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal

from cleantext.errors import ConfigError


def to_plain(value: Any) -> Any:
    """A value as TOML writes it: tuples become lists."""
    return list(value) if isinstance(value, tuple) else value


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
