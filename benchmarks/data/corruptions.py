"""Ways to corrupt correct text, shared by the evaluations that measure fixing it
and the synthetic corpus that gives every cleaner work: spacing slips and typos
of the kinds people make."""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path

MISSPELLINGS = (
    Path(__file__).resolve().parents[1] / "accuracy" / "typos_eval" / "misspellings.tsv"
)

# How to corrupt a correct line: (kind, pattern of a correct spot, its corruption).
CORRUPTIONS = [
    ("comma-space-dropped", r"(?<=\p{Ll}), (?=\p{Ll})", ","),
    ("sentence-space-dropped", r"(?<=\p{Ll}{2})\. (?=\p{Lu}\p{Ll})", "."),
    ("semicolon-space-dropped", r"(?<=\p{Ll}); (?=\p{Ll})", ";"),
    ("colon-space-dropped", r"(?<=\p{Ll}{2}): (?=\p{Ll}{2})", ":"),
    ("space-before-comma", r"(?<=\p{Ll}), ", " , "),
    ("doubled-space", r"(?<=\p{Ll}) (?=\p{Ll})", "  "),
]

KINDS = ("transposition", "deletion", "insertion", "substitution", "misspelling")
SINGLE_EDIT_KINDS = KINDS[:4]
_FIRST_LETTER_WEIGHT = 0.4  # relative to any other letter
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


@cache
def misspellings() -> dict[str, str]:
    """Correct word -> its well-known misspelling."""
    pairs = {}
    for line in MISSPELLINGS.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            right, wrong = line.split("\t")
            pairs[right] = wrong
    return pairs


def _neighbours(letter: str) -> str:
    for row in _KEYBOARD:
        at = row.find(letter)
        if at >= 0:
            return row[max(0, at - 1) : at] + row[at + 1 : at + 2]
    return ""


def _position(word: str, rng: random.Random) -> int:
    """Where the typo goes: any letter, the first one less often (typing studies
    find the first letter wrong in under a tenth of misspellings, Pollock and
    Zamora 1983; uniform positions would put it there in a sixth)."""
    weights = [_FIRST_LETTER_WEIGHT] + [1.0] * (len(word) - 1)
    return rng.choices(range(len(word)), weights)[0]


def make_typo(word: str, kind: str, rng: random.Random) -> str | None:
    """`word` with one typo of `kind`, or None when the kind does not apply."""
    if kind == "misspelling":
        return misspellings().get(word)
    at = _position(word, rng)
    if kind == "transposition":
        at = min(at, len(word) - 2)
        if word[at] == word[at + 1]:
            return None
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    if kind == "deletion":
        return word[:at] + word[at + 1 :]
    if kind == "insertion":
        extra = rng.choice(word[at] + _neighbours(word[at]))
        return word[:at] + extra + word[at:]
    choices = _neighbours(word[at])
    return word[:at] + rng.choice(choices) + word[at + 1 :] if choices else None
