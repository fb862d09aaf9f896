# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The kernel compiled: the classes and functions of `pure.py`, in C loops, with
identical output (tests compare the two on the same inputs)."""

import numpy as np

from cleantext.kernel.pure import check_rows, distinct_questions

__all__ = ["TreeSums"]


cdef class TreeSums:
    """Oblivious trees evaluated row by row: each distinct question once, then
    per tree its leaf number from the answers, without branches; leaf values are
    added over the trees in order, in double. See `pure.TreeSums`."""

    cdef const Py_ssize_t[::1] _column
    cdef const float[::1] _border
    cdef const Py_ssize_t[:, ::1] _asked
    cdef const float[:, ::1] _leaves
    cdef Py_ssize_t _columns

    def __init__(self, feature, border, leaves):
        column, border, asked, self._columns = distinct_questions(
            feature, border, leaves
        )
        self._column = np.ascontiguousarray(column, np.intp)
        self._border = np.ascontiguousarray(border, np.float32)
        self._asked = np.ascontiguousarray(asked, np.intp)
        self._leaves = np.ascontiguousarray(leaves, np.float32)

    def sums(self, features):
        """Each row's sum of leaf values (float64), for float32 `features`."""
        check_rows(features, self._columns)
        return self._sums(np.ascontiguousarray(features))

    cdef _sums(self, const float[:, ::1] features):
        cdef Py_ssize_t rows = features.shape[0]
        cdef Py_ssize_t questions = self._column.shape[0]
        cdef Py_ssize_t trees = self._asked.shape[0]
        cdef Py_ssize_t depth = self._asked.shape[1]
        cdef Py_ssize_t leaf_count = self._leaves.shape[1]
        out = np.zeros(rows, np.float64)
        cdef double[::1] sums = out
        cdef unsigned char[::1] answer_buffer = np.zeros(questions + 1, np.uint8)
        cdef unsigned char* answers = &answer_buffer[0]
        cdef const Py_ssize_t* column = &self._column[0] if questions else NULL
        cdef const float* border = &self._border[0] if questions else NULL
        cdef const Py_ssize_t* asked = &self._asked[0, 0] if trees else NULL
        cdef const float* leaves = &self._leaves[0, 0] if trees else NULL
        cdef const float* row_values
        cdef const Py_ssize_t* tree_asks
        cdef Py_ssize_t row, question, tree, level, leaf
        cdef double total
        if rows == 0:
            return out
        with nogil:
            for row in range(rows):
                row_values = &features[row, 0]
                for question in range(questions):
                    answers[question] = row_values[column[question]] > border[question]
                total = 0.0
                for tree in range(trees):
                    tree_asks = asked + tree * depth
                    leaf = 0
                    for level in range(depth):
                        leaf |= <Py_ssize_t>answers[tree_asks[level]] << level
                    total += leaves[tree * leaf_count + leaf]
                sums[row] = total
        return out
