"""How likely a typing slip turned one word into another (a noisy-channel weight).

FixTypos ranks the dictionary words one edit away from a misspelling by frequency
times this weight: "wolrd" is "world" with two letters swapped (likely) or "word"
with an extra "l" (unlikely), so "world" wins though both are common. The weights
and the keyboard live in `rules/typing-errors.toml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cleantext.resources.data import builtin_data


@dataclass(frozen=True)
class TypingErrors:
    """Weights of single-edit typing errors on a keyboard."""

    weights: dict[str, float]
    neighbours: dict[str, frozenset[str]]
    vowels: frozenset[str]

    @classmethod
    def from_table(cls, table: dict) -> TypingErrors:
        weights = {
            key: value for key, value in table.items() if key not in ("rows", "vowels")
        }
        return cls(weights, _touching_keys(table["rows"]), frozenset(table["vowels"]))

    def without(self, kinds: frozenset[str]) -> TypingErrors:
        """The same weights with the slips of `kinds` (names in the table) at 0."""
        unknown = kinds - self.weights.keys()
        if unknown:
            raise ValueError(f"no such typing errors: {sorted(unknown)}")
        weights = {k: 0.0 if k in kinds else w for k, w in self.weights.items()}
        return TypingErrors(weights, self.neighbours, self.vowels)

    def weight(self, intended: str, typed: str) -> float:
        """Weight of the single edit that turns `intended` into `typed` (0 when they
        are not one insertion, deletion, substitution or swap apart)."""
        if len(typed) == len(intended):
            return self._same_length(intended, typed)
        if len(typed) == len(intended) + 1:
            return self._insertion(intended, typed)
        if len(typed) + 1 == len(intended):
            return self._deletion(intended, typed)
        return 0.0

    def _at(self, position: int, weight: float) -> float:
        return weight * self.weights["first-letter"] if position == 0 else weight

    def _same_length(self, intended: str, typed: str) -> float:
        pairs = enumerate(zip(intended, typed, strict=True))
        diffs = [i for i, (a, b) in pairs if a != b]
        if len(diffs) == 1:
            i = diffs[0]
            return self._at(i, self.weights[self._substitution(intended[i], typed[i])])
        if (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and intended[diffs[0]] == typed[diffs[1]]
            and intended[diffs[1]] == typed[diffs[0]]
        ):
            return self.weights["transposition"]
        return 0.0

    def _substitution(self, intended: str, typed: str) -> str:
        if typed in self.neighbours.get(intended, ()):
            return "substitution-neighbour"
        if intended in self.vowels and typed in self.vowels:
            return "substitution-vowel"
        return "substitution-other"

    def _insertion(self, intended: str, typed: str) -> float:
        best = 0.0
        for i, extra in enumerate(typed):
            if typed[:i] + typed[i + 1 :] != intended:
                continue
            around = typed[i - 1 : i] + typed[i + 1 : i + 2]
            if extra in around:
                kind = "insertion-repeat"
            elif any(extra in self.neighbours.get(c, ()) for c in around):
                kind = "insertion-neighbour"
            else:
                kind = "insertion-other"
            best = max(best, self._at(i, self.weights[kind]))
        return best

    def _deletion(self, intended: str, typed: str) -> float:
        best = 0.0
        for i, missing in enumerate(intended):
            if intended[:i] + intended[i + 1 :] != typed:
                continue
            repeated = missing in intended[i - 1 : i] + intended[i + 1 : i + 2]
            kind = "deletion-repeat" if repeated else "deletion-other"
            best = max(best, self._at(i, self.weights[kind]))
        return best


def _touching_keys(rows: list[str]) -> dict[str, frozenset[str]]:
    """Keys that touch on a staggered keyboard: the same row's sides, the key above
    and its right-hand neighbour, the key below and its left-hand neighbour."""
    touching: dict[str, set[str]] = {}
    for r, row in enumerate(rows):
        for i, key in enumerate(row):
            near = touching.setdefault(key, set())
            near.update(row[max(0, i - 1) : i] + row[i + 1 : i + 2])
            if r > 0:
                near.update(rows[r - 1][i : i + 2])
            if r + 1 < len(rows):
                near.update(rows[r + 1][max(0, i - 1) : i + 1])
    return {key: frozenset(near) for key, near in touching.items()}


@cache
def default_typing_errors() -> TypingErrors:
    """The packaged weights (`rules/typing-errors.toml`)."""
    return TypingErrors.from_table(builtin_data("typing-errors"))
