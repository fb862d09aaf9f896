"""How much a line looks like article prose: the features jusText uses, for plain text.

A line scores high when it is long enough, dense in stop words (real sentences are;
menus, buttons and names are not), and ends like a sentence; URLs and symbol-heavy
text score low. DropBoilerplate uses the score to find where the article body starts
and which short lines under a contents heading are entries; it never deletes a line
on its own (the line model, with its own features, judges lines).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cleantext.text.words import COUNTED_WORD, stopwords

GOOD_SCORE = 0.7

# Anchored at the end, so searched from the end: one attempt there.
_TERMINAL = regex.compile(r"[.!?…:;][\"'’”»)\]]*\s*$", regex.REVERSE)
_URL = regex.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|io|co|uk|de)\b/?")
_URL_HINTS = ("://", "www.", ".com", ".org", ".net", ".io", ".co", ".uk", ".de")
_SYMBOL = regex.compile(r"[^\p{L}\p{N}\s.,;:!?'\"’‘“”()\[\]-]")
# The same characters among ASCII, for counting them with `bytes.translate`.
_ASCII_SYMBOLS = bytes(c for c in range(128) if _SYMBOL.match(chr(c)))


@dataclass(frozen=True, slots=True)
class LineScore:
    """The features of one line and the content score made from them."""

    words: int
    stopword_density: float
    terminal: bool
    url_like: bool
    symbol_share: float
    score: float

    @property
    def good(self) -> bool:
        """Clearly article prose."""
        return self.score >= GOOD_SCORE


def score_line(text: str, words: list[str] | None = None) -> LineScore:
    """Score a line of plain text (0 = junk-like, 1 = prose-like); `words` are its
    `COUNTED_WORD` tokens, when the caller has found them already."""
    if words is None:
        words = COUNTED_WORD.findall(text)
    count = len(words)
    stop = stopwords()
    density = (
        sum(map(stop.__contains__, map(str.lower, words))) / count if count else 0.0
    )
    terminal = bool(_TERMINAL.search(text))
    url_like = any(map(text.__contains__, _URL_HINTS)) and bool(_URL.search(text))
    visible = len(text) - text.count(" ")
    symbols = _symbol_count(text) / visible if visible else 0.0
    score = (
        0.4 * min(1.0, count / 12)
        + 0.4 * min(1.0, density / 0.25)
        + 0.2 * terminal
        - 0.5 * url_like
        - max(0.0, symbols - 0.2)
    )
    return LineScore(
        count, density, terminal, url_like, symbols, min(1.0, max(0.0, score))
    )


def _symbol_count(text: str) -> int:
    """How many characters of `text` are symbols (`_SYMBOL`): for ASCII text, the
    bytes `translate` deletes."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data) - len(data.translate(None, _ASCII_SYMBOLS))
    return len(_SYMBOL.findall(text))
