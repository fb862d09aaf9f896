"""Gopher's n-gram repetition measures over a document's words, in a few array
passes: Python-level work happens only at n-grams that may repeat.

`top_chars` compares n-grams as word sequences (the space-joined n-gram Gopher
counts is one exactly when the words are, since no word holds whitespace): each
n-gram gets an exact id from its (n-1)-gram's id and its last word's. `duplicate_chars`
compares n-grams glued without spaces ("ab c" and "a bc" are one), so a polynomial
hash of the glued characters finds the n-grams that may repeat; only those are
compared as strings, in Gopher's left-to-right scan. A hash collision costs a string
comparison, never a wrong count.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from itertools import count as counter

import numpy as np

# Polynomial hashing modulo 2**64 (numpy's integer arithmetic wraps): an odd base
# and its inverse, so that a substring's hash can be moved to position 0.
_BASE = np.uint64(0x9E3779B97F4A7C15)
_INVERSE = np.uint64(pow(int(_BASE), -1, 2**64))
_LENGTH_MIX = np.uint64(0xC2B2AE3D27D4EB4F)


class NGrams:
    """The word n-grams of one document, for any n."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.count = len(words)
        lengths = np.fromiter(map(len, words), np.int64, count=self.count)
        self.starts = np.zeros(self.count + 1, np.int64)
        np.cumsum(lengths, out=self.starts[1:])
        self._gram_ids: dict[int, np.ndarray] = {}
        self._hashes: tuple[np.ndarray, np.ndarray] | None = None

    def top_chars(self, n: int) -> int:
        """Characters of the most frequent space-joined n-gram (first seen wins a
        tie), counted once per occurrence."""
        if self.count < n:
            return 0
        ids = self._ids(n)
        counts = np.bincount(ids)
        most = counts.max()
        # the first n-gram whose count is the highest is the first seen of those
        start = int(np.flatnonzero(counts[ids] == most)[0])
        spaced_length = self.starts[start + n] - self.starts[start] + n - 1
        return int(spaced_length) * int(most)

    def duplicate_chars(self, sizes: Sequence[int]) -> dict[int, int]:
        """For each n of `sizes`: characters of glued n-grams that repeat an
        earlier one, scanning left to right and jumping past each repeat (Gopher's
        duplicate n-gram fraction). One sort of every size's hashes finds the
        n-grams that may repeat."""
        found = dict.fromkeys(sizes, 0)
        sizes = [n for n in found if n <= self.count]
        if not sizes:
            return found
        starts = self.starts
        hashes, powers = self._glued_hashes()
        keys = np.concatenate(
            [
                (hashes[starts[n:]] - hashes[starts[: len(starts) - n]])
                * powers[: len(starts) - n]
                ^ (starts[n:] - starts[: len(starts) - n]).astype(np.uint64)
                * _LENGTH_MIX
                ^ np.uint64(n)  # sizes apart: a meeting costs a string comparison
                for n in sizes
            ]
        )
        order = np.argsort(keys)
        ordered = keys[order]
        alike = ordered[1:] == ordered[:-1]  # k and k + 1 share a key
        if not alike.any():
            return found  # no two n-grams alike: the common case
        shared = np.zeros(len(keys), bool)
        shared[order[1:][alike]] = shared[order[:-1][alike]] = True
        glued, bounds, offset = self._glued, starts.tolist(), 0
        for n in sizes:
            grams = self.count - n + 1
            positions = np.flatnonzero(shared[offset : offset + grams]).tolist()
            found[n] = _repeated_chars(glued, bounds, n, positions)
            offset += grams
        return found

    def _ids(self, n: int) -> np.ndarray:
        """An exact id for each word n-gram: equal ids, equal word sequences."""
        ids = self._gram_ids.get(n)
        if ids is not None:
            return ids
        if n == 1:
            index: dict[str, int] = {}
            # each word's id: the position where it first occurs
            ids = np.fromiter(
                map(index.setdefault, self.words, counter()), np.int64, self.count
            )
        else:
            shorter = self._ids(n - 1)[: self.count - n + 1]
            last = self._ids(1)[n - 1 :]
            pairs = shorter * (self.count + 1) + last
            ids = np.unique(pairs, return_inverse=True)[1].ravel().astype(np.int64)
        self._gram_ids[n] = ids
        return ids

    @cached_property
    def _glued(self) -> str:
        """The words joined without spaces, as Gopher compares n-grams."""
        return "".join(self.words)

    def _glued_hashes(self) -> tuple[np.ndarray, np.ndarray]:
        """h[k], the sum of c[j] * INVERSE**j over the first k glued characters,
        and BASE**starts[i] for each word, so that (h[b] - h[a]) * BASE**a is the
        hash of the characters a..b (word boundaries) wherever they are."""
        if self._hashes is None:
            codes = np.frombuffer(
                self._glued.encode("utf-32-le", "surrogatepass"), np.uint32
            )
            hashes = np.zeros(len(codes) + 1, np.uint64)
            inverse_powers = np.full(len(codes), _INVERSE, np.uint64)
            if len(codes):
                inverse_powers[0] = 1
                np.cumprod(inverse_powers, out=inverse_powers)
                inverse_powers *= codes
                np.cumsum(inverse_powers, out=hashes[1:])
            lengths = np.diff(self.starts)
            table = np.full(int(lengths.max(initial=0)) + 1, _BASE, np.uint64)
            table[0] = 1
            np.cumprod(table, out=table)  # BASE ** length, for every word length
            powers = np.ones(self.count + 1, np.uint64)
            np.cumprod(table[lengths], out=powers[1:])
            self._hashes = hashes, powers
        return self._hashes


def _repeated_chars(glued: str, bounds: list[int], n: int, positions: list[int]) -> int:
    """Gopher's scan over the n-grams at `positions` (those that may repeat; any
    other is unique, so neither a repeat itself nor one a later n-gram could
    repeat): the characters of each that repeats an earlier one it saw, jumping
    past it as the full scan does."""
    seen: set[str] = set()
    chars = resume = 0
    for i in positions:
        if i < resume:
            continue  # jumped over, as the scan jumps past a repeat
        gram = glued[bounds[i] : bounds[i + n]]
        if gram in seen:
            chars += len(gram)
            resume = i + n
        else:
            seen.add(gram)
    return chars
