"""Whether a dictionary correction repairs a typing slip, or would rewrite a word
written on purpose that the dictionary happens to lack.

Measured on the gold texts of the webtrain train split (issue 29), the dictionary's
wrong "fixes" of clean text were mostly of three kinds, each refused here:

- two words run together ("costis", "forthe", "anexpensive"): the missing space
  is the slip, and the one-word "correction" ("costs", "forth") is wrong; so is
  a compound of two common words ("skillsets" is not "skillets");
- regular derivations of a known word ("siloed", "sandboxed", "tensioner",
  "virality", "shoppable", "pixelated"), unless the correction spells that same
  derivation by the rules ("regreting" -> "regretting", "useing" -> "using");
- unlikely slips: a key far from the intended one, a stray first letter
  ("semver" -> "server", "superfan" -> "superman", "bleisure" -> "leisure").
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from cleantext.cleaners.shared.lexicon import Lexicon
from cleantext.cleaners.typos.keyboard import TypingErrors, default_typing_errors
from cleantext.resources.data import builtin_data
from cleantext.text.words import stopwords

# A slip must be at least this likely (`rules/typing-errors.toml`): this excludes
# substitutions of distant keys and stray letters at the start.
MIN_SLIP_WEIGHT = 0.1
_MIN_STEM = 4
_COMMON_STEMS = 30_000  # a derivation's stem is among the commonest words
_COMMON_PARTS = 10_000  # and so is each part of a compound
_MIN_COMPOUND_PART = 4
_MIN_PART = 3  # the known word beside a stop word in a run-together pair
_MIN_STOP_WORD = 2  # "a" + a word is too often a slip: "challengea"


def is_slip(lexicon: Lexicon, word: str, correction: str) -> bool:
    """Whether turning the lowercase `word` into `correction` repairs a likely
    typing slip (and not a word written on purpose)."""
    return (
        not _run_together(lexicon, word)
        and not _unlisted_derivation(lexicon, word, correction)
        and not _common_compound(lexicon, word)
        and _likely_slip(correction, word)
    )


def _likely_slip(intended: str, typed: str) -> bool:
    """Whether the edit from `intended` to `typed` is a likely slip, wherever it
    is in the word: at least `MIN_SLIP_WEIGHT`, or a stray letter after the first
    ("arguement": spelling by ear adds letters no key explains, but seldom swaps
    one for a distant key)."""
    weight = _slips_anywhere().weight(intended, typed)
    stray = len(typed) == len(intended) + 1 and typed[0] == intended[0]
    return weight >= MIN_SLIP_WEIGHT or (stray and weight > 0)


@cache
def _slips_anywhere() -> TypingErrors:
    """The typing-error weights without the discount of an edit at the first
    letter: that discount ranks candidates; here the kind of slip is what counts
    ("rhese" is a neighbouring key, "lamburgers" is not)."""
    typing = default_typing_errors()
    return replace(typing, weights={**typing.weights, "first-letter": 1.0})


def _run_together(lexicon: Lexicon, word: str) -> bool:
    """Whether `word` is a common pair of words, one a stop word, with the space
    left out ("cost is", "for the"; not "at" + "ack")."""
    stop = stopwords()
    for i in range(1, len(word)):
        left, right = word[:i], word[i:]
        other = right if left in stop else left if right in stop else ""
        if (
            len(other) >= _MIN_PART
            and len(word) - len(other) >= _MIN_STOP_WORD
            and lexicon.bigram(left, right) > lexicon.bigram_floor
        ):
            return True
    return False


def _common_compound(lexicon: Lexicon, word: str) -> bool:
    """Whether `word` is two common words written as one ("skillsets", not
    "skillets"): a compound the dictionary lacks, not a slip."""
    common = lexicon.common_words(_COMMON_PARTS)
    return any(
        word[:i] in common and word[i:] in common
        for i in range(_MIN_COMPOUND_PART, len(word) - _MIN_COMPOUND_PART + 1)
    )


def _unlisted_derivation(lexicon: Lexicon, word: str, correction: str) -> bool:
    """Whether `word` is a common word and a regular ending
    (`rules/spelling-variants.toml`, `[derivations]`), and `correction` is not the
    same derivation spelled by another of the ending's joins."""
    common = lexicon.common_words(_COMMON_STEMS)
    for ending, joins in derivations().items():
        if not word.endswith(ending):
            continue
        base = word[: -len(ending)]
        for join in joins:
            stem = _stem(base, join)
            if stem and len(stem) >= _MIN_STEM and stem in common:
                spelled = {_spelled(stem, ending, other) for other in joins}
                return correction not in spelled
    return False


def _stem(base: str, join: str) -> str | None:
    """The word `base` was before `join` joined an ending to it, if it can be."""
    if join == "":
        return base
    if join == "e":
        return base + "e"
    if join == "double":
        return base[:-1] if len(base) > 2 and base[-1] == base[-2] else None
    return base[:-1] + "y" if base.endswith("i") else None  # "y"


def _spelled(stem: str, ending: str, join: str) -> str | None:
    """`stem` + `ending` joined the way `join` says."""
    if join == "":
        return stem + ending
    if join == "e":
        return stem[:-1] + ending if stem.endswith("e") else None
    if join == "double":
        return stem + stem[-1] + ending
    return stem[:-1] + "i" + ending if stem.endswith("y") else None  # "y"


@cache
def derivations() -> dict[str, tuple[str, ...]]:
    """Each derivational ending and the joins it allows, longest ending first."""
    table = builtin_data("spelling-variants")["derivations"]
    return {
        ending: tuple(table[ending]) for ending in sorted(table, key=len, reverse=True)
    }
