"""Which dictionary word a misspelling was meant to be, if one clearly wins: by
frequency times the likelihood of the typing slip, then by the words around it."""

from __future__ import annotations

import regex

from cleantext.cleaners.shared.lexicon import Lexicon
from cleantext.cleaners.typos.keyboard import default_typing_errors

_MIN_SCORE = 1_000_000  # frequency x slip likelihood a correction needs at least


def choose(
    lexicon: Lexicon,
    word: str,
    previous: str | None,
    following: str | None,
    min_ratio: float,
) -> tuple[str, str] | None:
    """The clear winner among the dictionary words one edit from `word`, if any:
    ranked by frequency times the likelihood of the typing slip, then by the
    neighbouring words: (rule, correction), or None when no candidate wins by
    `min_ratio`."""
    candidates = lexicon.candidates(word, max_distance=1)
    if not candidates:
        return None  # includes compounds of known words: "dealmaker"
    typing = default_typing_errors()
    scored = sorted(
        ((c.count * typing.weight(c.term, word), c.term) for c in candidates),
        reverse=True,
    )
    (top, term), rest = scored[0], scored[1:]
    if lexicon.inflects(term, word):
        return None  # "lookups" is "lookup" inflected, not a typo
    # Long words seldom land one edit from a dictionary word by chance.
    enough = _MIN_SCORE / 10 ** max(0, len(word) - 6)
    if not rest:
        return ("closest-word", term) if top >= enough else None
    if top >= enough and top >= min_ratio * rest[0][0]:
        return "likeliest-word", term
    context = sorted(
        (
            typing.weight(c.term, word)
            * _context_score(lexicon, c.term, previous, following),
            c.term,
        )
        for c in candidates
    )
    (second, _), (best, term) = context[-2], context[-1]
    if best > 0 and best >= min_ratio * second:
        return "bigram-context", term
    return None


def _context_score(
    lexicon: Lexicon, term: str, previous: str | None, following: str | None
) -> float:
    """How often `term` follows `previous` and precedes `following` (bigrams)."""
    score = 0.0
    if previous:
        score += lexicon.bigram(previous.lower(), term)
    if following:
        score += lexicon.bigram(term, following.lower())
    return score


def neighbours(
    text: str, words: list[regex.Match], k: int
) -> tuple[str | None, str | None]:
    """The words just before and after word `k`, when only a space separates them
    (a comma or a full stop breaks the context)."""
    match = words[k]
    previous = words[k - 1] if k else None
    following = words[k + 1] if k + 1 < len(words) else None
    return (
        previous.group()
        if previous and text[previous.end() : match.start()] == " "
        else None,
        following.group()
        if following and text[match.end() : following.start()] == " "
        else None,
    )
