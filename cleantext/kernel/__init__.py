"""The hot loops: one compiled module when it was built, else pure Python.

`pip install .` compiles `_compiled.pyx` with Cython where a C compiler and
Python's headers exist. `pure.py` holds the same classes and functions in Python
and gives identical output (tests compare the two on the same inputs). Set
`CLEANTEXT_PURE_PYTHON=1` to run the pure-Python kernel anyway. When the compiled
module is missing or out of date, the first import says so once, in a
`SlowKernelWarning` naming the reason.
"""

from __future__ import annotations

import importlib.util
import os
import warnings
from types import ModuleType

from cleantext.kernel import pure

PURE_PYTHON_VARIABLE = "CLEANTEXT_PURE_PYTHON"


class SlowKernelWarning(UserWarning):
    """cleantext runs its pure-Python kernel although none was asked for."""


def _load_compiled() -> tuple[ModuleType | None, str]:
    """The compiled module, or None and why it cannot serve."""
    if importlib.util.find_spec("cleantext.kernel._compiled") is None:
        return None, "the compiled kernel is not built"
    try:
        from cleantext.kernel import _compiled as module
    except ImportError as exc:  # built for another Python, or damaged
        return None, f"the compiled kernel cannot be loaded ({exc})"
    missing = sorted(set(pure.__all__) - set(dir(module)))
    if missing:
        return None, f"the compiled kernel is out of date (lacks {', '.join(missing)})"
    return module, ""


def _chosen() -> tuple[ModuleType, str]:
    if os.environ.get(PURE_PYTHON_VARIABLE, "") not in ("", "0"):
        return pure, f"{PURE_PYTHON_VARIABLE} is set"
    module, why = _load_compiled()
    if module is None:
        warnings.warn(
            f"cleantext runs its pure-Python kernel, which is slower: {why}. "
            "Reinstall where a C compiler and Python's headers exist "
            "(pip install --force-reinstall --no-deps cleantext; in a checkout, "
            "pip install -e .).",
            SlowKernelWarning,
            stacklevel=3,
        )
        return pure, why
    return module, ""


implementation, WHY_PURE = _chosen()
COMPILED = implementation is not pure
"""Whether the compiled kernel runs (`WHY_PURE` says why not)."""

TreeSums = implementation.TreeSums

__all__ = ["COMPILED", "WHY_PURE", "SlowKernelWarning", *pure.__all__]
