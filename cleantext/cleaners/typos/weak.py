"""Words that are weak evidence of a typo: three letters long (abbreviations such
as npm, tcp, imo) or capitalised at a sentence start (names such as Etsy, Franca).
FixTypos corrects them only by a likely slip from one of the commonest words, and
a capitalised one only where a sentence starts and goes on as prose. A longer
capitalised word may also be corrected to a less common word, but not to a name
and not by the slips in which names differ from each other (Andersson, Anderson;
Natelie, Natalie): a one-letter variant of a name is more often another name."""

from __future__ import annotations

from functools import cache

import regex

from cleantext.cleaners.shared.lexicon import Lexicon
from cleantext.cleaners.typos.keyboard import TypingErrors, default_typing_errors

MIN_LENGTH = 3  # shorter words are fixed only from the curated map
MIN_STRONG_LENGTH = 4
SENTENCE_START_CANDIDATE = regex.compile(r"[A-Z][a-z]{3,}")
_COMMON_TARGETS = 500  # corrected only to one of this many commonest words
# ... by a slip at least this likely (rules/typing-errors.toml): for three letters
# a swap, a neighbouring key or a doubled letter; capitalised, also an extra key.
_SHORT_SLIP = 0.5
_CAPITALISED_SLIP = 0.2
# A capitalised word of this many letters may be corrected to one of the commonest
# `_RARE_TARGETS` words that is not a name, by a slip not among `_NAME_LIKE_SLIPS`.
_MIN_RARE_LENGTH = 6
_RARE_TARGETS = 20_000
_NAME_LIKE_SLIPS = frozenset(
    {"insertion-repeat", "deletion-repeat", "substitution-vowel"}
)
_LOWERCASE_WORD = regex.compile(r"\b[a-z]{4,}\b")
_GOES_ON = 60  # characters after a capitalised word searched for a lowercase one
_LOOK_BACK = 8  # characters before it searched for a sentence's end
_SENTENCE_END = regex.compile(r"(?:^|[.!?][\"'”’)\]]*\s+)[\"'“‘(\[]*$")


def is_weak(word: str) -> bool:
    """Whether a candidate word is weak evidence: short, or capitalised."""
    return len(word) < MIN_STRONG_LENGTH or not word.islower()


def starts_a_sentence(text: str, match: regex.Match) -> bool:
    """Whether the word of `match` starts a sentence that goes on as prose, with a
    lowercase word of four letters or more soon after it ("Wiht the", "Whuile
    Russia currently"): not a Title Case heading, not a name mid-sentence."""
    start, end = match.start(), match.end()
    return bool(
        _LOWERCASE_WORD.search(text, end, end + _GOES_ON)
        and _SENTENCE_END.search(text, max(0, start - _LOOK_BACK), start)
    )


def plain_slip(lexicon: Lexicon, correction: str, typed: str) -> bool:
    """Whether the weak word `typed` is a likely slip from `correction`: one of the
    commonest words by a swap, a neighbouring key, a doubled letter (and, for a
    capitalised word, an extra key); or, for a long capitalised word, a common word
    that is not a name, by a slip other than those in which names vary."""
    if len(correction) < MIN_LENGTH:
        return False
    if len(typed) < MIN_STRONG_LENGTH:
        return _slip(lexicon, correction, typed, _COMMON_TARGETS, _SHORT_SLIP)
    return _slip(lexicon, correction, typed, _COMMON_TARGETS, _CAPITALISED_SLIP) or (
        len(typed) >= _MIN_RARE_LENGTH
        and correction not in lexicon.proper_nouns
        and _slip(
            lexicon, correction, typed, _RARE_TARGETS, _CAPITALISED_SLIP, name_safe=True
        )
    )


def _slip(
    lexicon: Lexicon,
    correction: str,
    typed: str,
    targets: int,
    least: float,
    name_safe: bool = False,
) -> bool:
    errors = _name_safe_typing_errors() if name_safe else default_typing_errors()
    return (
        correction in lexicon.common_words(targets)
        and errors.weight(correction, typed.lower()) >= least
    )


@cache
def _name_safe_typing_errors() -> TypingErrors:
    return default_typing_errors().without(_NAME_LIKE_SLIPS)
