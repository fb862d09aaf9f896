"""The kernel's two builds: the compiled module and pure Python give the same
bits on the same inputs, refuse the same bad inputs, and the package says once
when it has to run the slower one."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from cleantext.cleaners.boilerplate.model import load_line_model
from cleantext.kernel import pure

try:
    from cleantext.kernel import _compiled
except ImportError:
    if os.environ.get("CLEANTEXT_REQUIRE_EXTRAS"):
        raise  # CI builds the extension: a missing one is an error there
    pytest.skip(
        "the compiled kernel is not built (needs a C compiler and Python headers)",
        allow_module_level=True,
    )


def both(name: str, *args):
    """`name` built from `args` by each kernel: (pure, compiled)."""
    return getattr(pure, name)(*args), getattr(_compiled, name)(*args)


def test_the_compiled_kernel_offers_everything_the_pure_one_does():
    assert set(pure.__all__) <= set(dir(_compiled))
    assert _compiled.__all__ == pure.__all__


def test_tree_sums_agree_bit_for_bit_on_the_shipped_model():
    rng = np.random.default_rng(5)
    model = load_line_model()
    for trees in (model.first, model.second):
        kernels = both("TreeSums", trees.feature, trees.border, trees.leaves)
        width = trees.feature.max() + 1
        for rows in (0, 1, 37, 400):
            features = rng.normal(size=(rows, width)).astype(np.float32)
            features[::3, trees.feature[:, 1]] = trees.border[:, 1]  # ties
            features[1::7, 0] = np.nan  # never greater than a border
            expected, got = (kernel.sums(features) for kernel in kernels)
            assert got.dtype == expected.dtype == np.float64
            assert np.array_equal(got, expected)


def test_tree_sums_read_a_view_of_other_rows_and_columns_as_a_copy():
    trees = load_line_model().first
    kernels = both("TreeSums", trees.feature, trees.border, trees.leaves)
    features = np.random.default_rng(2).normal(size=(30, 240)).astype(np.float32)
    view = features[::2, ::2]  # strided both ways
    for kernel in kernels:
        assert np.array_equal(kernel.sums(view), kernel.sums(view.copy()))


@given(
    depth=st.integers(1, 9),
    count=st.integers(0, 12),
    rows=st.integers(0, 20),
    seed=st.integers(0, 2**32 - 1),
    columns=st.integers(1, 6),
)
def test_tree_sums_agree_on_random_trees(depth, count, rows, seed, columns):
    rng = np.random.default_rng(seed)
    feature = rng.integers(0, columns, (count, depth)).astype(np.int32)
    border = rng.choice([-1.0, 0.0, 0.5, 2.0], (count, depth)).astype(np.float32)
    leaves = rng.normal(scale=1e3, size=(count, 2**depth)).astype(np.float32)
    features = rng.choice([-1.0, 0.0, 0.5, 2.0, np.inf], (rows, columns))
    kernels = both("TreeSums", feature, border, leaves)
    expected, got = (kernel.sums(features.astype(np.float32)) for kernel in kernels)
    assert np.array_equal(got, expected)


@given(hnp.arrays(np.float32, (4, 3), elements=st.floats(width=32)))
def test_tree_sums_agree_on_any_float32_values(features):
    feature = np.array([[0, 1, 2], [2, 2, 0]], np.int32)
    border = np.array([[0.0, -1.5, 3e38], [1e-30, 0.0, -3e38]], np.float32)
    leaves = np.arange(16, dtype=np.float32).reshape(2, 8) / 3
    expected, got = (
        kernel.sums(features) for kernel in both("TreeSums", feature, border, leaves)
    )
    assert np.array_equal(got, expected)


@pytest.mark.parametrize(
    ("arrays", "message"),
    [
        (([[0, 1]], [[0.5]], [[0.0] * 4]), "different shapes"),
        (([[0, -1]], [[0.5, 0.5]], [[0.0] * 4]), "negative feature index"),
        (([[0, 1]], [[0.5, 0.5]], [[0.0] * 3]), "leaf array of the wrong shape"),
    ],
)
def test_both_kernels_refuse_inconsistent_trees(arrays, message):
    feature, border, leaves = (np.array(a) for a in arrays)
    for kernel in (pure, _compiled):
        with pytest.raises(ValueError, match=message):
            kernel.TreeSums(feature.astype(np.int32), border, leaves)


@pytest.mark.parametrize(
    ("features", "message"),
    [
        (np.zeros((2, 3), np.float64), "float32"),
        (np.zeros(3, np.float32), "2-dimensional"),
        (np.zeros((2, 2), np.float32), "ask of 3 feature columns"),
    ],
)
def test_both_kernels_refuse_features_they_cannot_read(features, message):
    feature = np.array([[0, 2]], np.int32)
    border = np.zeros((1, 2), np.float32)
    for kernel in both("TreeSums", feature, border, np.zeros((1, 4), np.float32)):
        with pytest.raises(ValueError, match=message):
            kernel.sums(features)


def _kernel_state(prelude: str = "", **environment: str) -> subprocess.CompletedProcess:
    """Import cleantext.kernel in a new interpreter (after `prelude`) and print
    which kernel runs; warnings shown every time, so that "once" is tested."""
    code = f"{prelude}\nimport cleantext.kernel as k\nprint(k.COMPILED, k.WHY_PURE)"
    return subprocess.run(
        [sys.executable, "-W", "always", "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **environment},
    )


def test_the_compiled_kernel_runs_when_built():
    result = _kernel_state(CLEANTEXT_PURE_PYTHON="")
    assert result.stdout.strip() == "True"
    assert "SlowKernelWarning" not in result.stderr


def test_asking_for_pure_python_gets_it_without_a_warning():
    result = _kernel_state(CLEANTEXT_PURE_PYTHON="1")
    assert result.stdout.strip() == "False CLEANTEXT_PURE_PYTHON is set"
    assert "SlowKernelWarning" not in result.stderr


def test_a_missing_compiled_kernel_is_said_once_with_the_reason():
    hide = "import sys; sys.modules['cleantext.kernel._compiled'] = None"
    result = _kernel_state(
        hide + "\nimport cleantext.kernel, cleantext.kernel", CLEANTEXT_PURE_PYTHON=""
    )
    assert result.stdout.strip() == "False the compiled kernel is not built"
    assert result.stderr.count("SlowKernelWarning") == 1
    assert "pure-Python kernel, which is slower" in result.stderr
