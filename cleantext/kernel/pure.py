"""The kernel in pure Python, with numpy: what runs when the compiled module
(`_compiled.pyx`) was not built, and the reference its output is tested against."""

from __future__ import annotations

import numpy as np

__all__ = ["TreeSums"]


def distinct_questions(
    feature: np.ndarray, border: np.ndarray, leaves: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The distinct (column, border) questions the trees ask, which of them each
    tree asks at each depth ((trees, depth) indexes into the first two), and how
    many feature columns a row needs, after checking the arrays' shapes: the
    set-up both kernels share."""
    if border.shape != feature.shape or feature.ndim != 2:
        raise ValueError("trees: feature and border arrays of different shapes")
    if feature.size and feature.min() < 0:
        raise ValueError("trees: negative feature index")
    trees, depth = feature.shape
    if leaves.shape != (trees, 2**depth):
        raise ValueError("trees: a leaf array of the wrong shape")
    pairs = np.rec.fromarrays([feature.ravel(), border.ravel()])
    distinct, asked = np.unique(pairs, return_inverse=True)
    column = distinct["f0"].astype(np.intp)
    columns = int(column.max()) + 1 if trees else 0
    border = distinct["f1"].astype(np.float32)
    return column, border, asked.reshape(feature.shape), columns


def check_rows(features: np.ndarray, columns: int) -> None:
    """Refuse rows both kernels cannot read: not a 2-dimensional float32 array,
    or fewer than the `columns` the trees ask of."""
    if features.dtype != np.float32 or features.ndim != 2:
        raise ValueError("trees take a 2-dimensional float32 array")
    if features.shape[1] < columns:
        raise ValueError(f"trees ask of {columns} feature columns")


class TreeSums:
    """Oblivious trees of equal depth D, evaluated on rows of float32 features:
    tree t sends a row to leaf sum over d of 2**d * (row[feature[t, d]] >
    border[t, d]); `sums` adds each row's leaf values over the trees in order, in
    float64 (one order, so that both kernels give the same bits).

    Trees share most of their questions (1,820 distinct of 3,600 in the shipped
    model), so each distinct one is asked once per row; a tree's leaf number is
    then built from its answers, one depth at a time. The answers are held one
    question per row of an array (`take` along the first axis copies whole rows).
    """

    def __init__(
        self, feature: np.ndarray, border: np.ndarray, leaves: np.ndarray
    ) -> None:
        column, border, asked, self._columns = distinct_questions(
            feature, border, leaves
        )
        trees, depth = feature.shape
        self._column = column
        self._border = border[:, None]
        self._asked_at = asked.T.copy()
        self._first_leaf = (np.arange(trees, dtype=np.intp) << depth)[:, None]
        self._leaves = np.ascontiguousarray(leaves, np.float32).ravel()
        self._leaf_dtype = np.min_scalar_type(2**depth - 1)

    def sums(self, features: np.ndarray) -> np.ndarray:
        """Each row's sum of leaf values (float64), for float32 `features`."""
        check_rows(features, self._columns)
        if not len(features) or self._asked_at.shape[1] == 0:
            return np.zeros(len(features))
        answers = (features.T.take(self._column, axis=0) > self._border).view(np.uint8)
        dtype = self._leaf_dtype
        leaf = answers.take(self._asked_at[0], axis=0).astype(dtype, copy=False)
        for depth, asked in enumerate(self._asked_at[1:], start=1):
            leaf |= answers.take(asked, axis=0).astype(dtype, copy=False) << depth
        # (trees, rows) leaf numbers, read back as (rows, trees) values, summed
        # left to right (cumsum is sequential; sum would pair them up)
        values = self._leaves.take((self._first_leaf + leaf).T)
        return np.cumsum(values, axis=1, dtype=np.float64)[:, -1]
