"""Optional packages behind the extras: imported when a file needs one, with an
error naming the file and the extra to install when the package is missing."""

from __future__ import annotations

import functools
import importlib
from types import ModuleType

from cleantext.errors import InputError


def optional_module(name: str, where: str, needs: str, extra: str) -> ModuleType:
    """The module `name` (dotted names import their parents too), or an
    `InputError` at `where` saying that `needs` and how to install `extra`."""
    try:
        return importlib.import_module(name)
    except ImportError:
        raise InputError(where, f"{needs}: pip install 'cleantext[{extra}]'") from None


@functools.cache
def error_classes(name: str, attr: str) -> tuple[type[Exception], ...]:
    """`(module.attr,)` when the optional module `name` is installed, else `()`:
    for `except` clauses that must also work without it."""
    try:
        return (getattr(importlib.import_module(name), attr),)
    except ImportError:
        return ()
