"""Document quality signals: the measurements the Gopher, C4 and FineWeb rules use,
and cleantext's own, computed from the text and, when available, the cleaning edits.

Every signal is a number, named for what it measures. Where a published rule
defines a measurement oddly (Gopher divides the hash count by all tokens,
punctuation included; FineWeb counts duplicate characters without newlines), the
signal follows the rule exactly, so that filters built on it decide as the reference
implementation (datatrove) does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

import regex

from cleantext.document import Document
from cleantext.quality.tokens import count_sentences, split_words
from cleantext.words import stopwords

GOPHER_STOP_WORDS = frozenset(["the", "be", "to", "of", "and", "that", "have", "with"])
TOP_NGRAM_SIZES = (2, 3, 4)
DUPLICATE_NGRAM_SIZES = (5, 6, 7, 8, 9, 10)
SHORT_LINE_LENGTH = 30

_SENTENCE_TERMINAL = regex.compile(r"\p{Sentence_Terminal}$")
_PARAGRAPH_BREAK = regex.compile(r"\n{2,}")
_LINE_BREAKS = regex.compile(r"\n+")
_C4_CITATION = regex.compile(r"\[\d*]|\[edit]|\[citation needed]")
_C4_END = (".", "?", "!", '"', "'")
_C4_POLICY = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
# Cleaners whose edits are errors of the text, reported per 1,000 words.
_ERROR_RATES = {
    "typo_rate": "FixTypos",
    "spacing_error_rate": "FixSpacing",
    "casing_error_rate": "FixCasing",
}


def compute_signals(doc: Document | str) -> dict[str, float]:
    """All signals of a document (or a text). cleantext's own (the share removed as
    junk, error rates) come from what the cleaners recorded on the `Document`: they
    are 0 for a text that was not cleaned."""
    if isinstance(doc, str):
        doc = Document(doc)
    text = doc.text
    words = split_words(text)
    signals: dict[str, float] = {}
    signals.update(_word_signals(text, words))
    signals.update(_line_signals(text, words))
    signals.update(_repetition_signals(text, words))
    signals.update(_c4_signals(text))
    signals.update(cleaning_signals(doc, signals["word_count"]))
    return signals


def _word_signals(text: str, words: list[str]) -> dict[str, float]:
    tokens = len(words)
    punctuation = _punctuation()
    real_words = [w for w in words if not punctuation.issuperset(w)]
    lowered = [w.lower() for w in real_words]
    english_stop_words = stopwords()
    return {
        "char_count": len(text),
        "token_count": tokens,
        "word_count": len(real_words),
        "mean_word_length": _mean(len(w) for w in real_words),
        "gopher_stop_words_present": len(GOPHER_STOP_WORDS.intersection(words)),
        "stop_word_ratio": _ratio(
            sum(w in english_stop_words for w in lowered), len(real_words)
        ),
        "hash_to_word_ratio": _ratio(text.count("#"), tokens),
        "ellipsis_to_word_ratio": _ratio(text.count("...") + text.count("…"), tokens),
        "alpha_word_fraction": _ratio(
            sum(any(c.isalpha() for c in w) for w in words), tokens
        ),
    }


def _line_signals(text: str, words: list[str]) -> dict[str, float]:
    lines = text.splitlines()
    filled = [line for line in text.split("\n") if line.strip()]
    return {
        "line_count": len(lines),
        "bullet_line_fraction": _ratio(
            sum(line.lstrip().startswith(("•", "-")) for line in lines), len(lines)
        ),
        "ellipsis_line_fraction": _ratio(
            sum(line.rstrip().endswith(("...", "…")) for line in lines), len(lines)
        ),
        "terminal_punctuation_line_fraction": _ratio(
            sum(_SENTENCE_TERMINAL.search(line) is not None for line in filled),
            len(filled),
        ),
        "short_line_fraction": _ratio(
            sum(len(line) <= SHORT_LINE_LENGTH for line in filled), len(filled)
        ),
        "nonblank_line_count": len(filled),
        "duplicate_nonblank_line_char_fraction": _ratio(
            _duplicates(filled)[1], len(text.replace("\n", ""))
        ),
        "newline_to_word_ratio": _ratio(text.count("\n"), len(words)),
    }


def _repetition_signals(text: str, words: list[str]) -> dict[str, float]:
    paragraphs = _PARAGRAPH_BREAK.split(text.strip())
    lines = _LINE_BREAKS.split(text)
    duplicate_paragraphs, paragraph_chars = _duplicates(paragraphs)
    duplicate_lines, line_chars = _duplicates(lines)
    signals = {
        "duplicate_paragraph_fraction": _ratio(duplicate_paragraphs, len(paragraphs)),
        "duplicate_paragraph_char_fraction": _ratio(paragraph_chars, len(text)),
        "duplicate_line_fraction": _ratio(duplicate_lines, len(lines)),
        "duplicate_line_char_fraction": _ratio(line_chars, len(text)),
    }
    grams = _NGrams(words)
    for n in TOP_NGRAM_SIZES:
        signals[f"top_{n}_gram_char_fraction"] = _ratio(grams.top_chars(n), len(text))
    for n in DUPLICATE_NGRAM_SIZES:
        signals[f"duplicate_{n}_gram_char_fraction"] = _ratio(
            grams.duplicate_chars(n), len(text)
        )
    return signals


class _NGrams:
    """Word n-grams as slices of the words joined once (with and without spaces),
    which is what Gopher's rules compare, at the cost of one slice per n-gram."""

    def __init__(self, words: list[str]) -> None:
        self.count = len(words)
        self.glued = "".join(words)
        self.spaced = " ".join(words)
        self.starts = [0]
        for word in words:
            self.starts.append(self.starts[-1] + len(word))

    def top_chars(self, n: int) -> int:
        """Characters of the most frequent space-joined n-gram (first seen wins a
        tie), counted once per occurrence."""
        if self.count < n:
            return 0
        spaced, starts = self.spaced, self.starts
        # word i starts at starts[i] + i in the spaced string (one space per word)
        counts = Counter(
            [
                spaced[starts[i] + i : starts[i + n] + i + n - 1]
                for i in range(self.count - n + 1)
            ]
        )
        gram, count = counts.most_common(1)[0]
        return len(gram) * count

    def duplicate_chars(self, n: int) -> int:
        """Characters of glued n-grams that repeat an earlier one, scanning left to
        right and jumping past each repeat (Gopher's duplicate n-gram fraction)."""
        glued, starts = self.glued, self.starts
        grams = [glued[starts[i] : starts[i + n]] for i in range(self.count - n + 1)]
        if len(set(grams)) == len(grams):
            return 0  # nothing repeats: the common case, decided at C speed
        seen: set[str] = set()
        chars, i = 0, 0
        while i < len(grams):
            gram = grams[i]
            if gram in seen:
                chars += len(gram)
                i += n
            else:
                seen.add(gram)
                i += 1
        return chars


def _c4_signals(text: str) -> dict[str, float]:
    """C4's line rules, then its document rules on the lines that survive them:
    the sentence count of the kept lines, and where lorem ipsum or a curly
    bracket first appears among them (-1: nowhere; C4 stops at the first)."""
    sentences, lorem, bracket = 0, -1, -1
    for number, raw in enumerate(text.splitlines()):
        line = raw.strip()
        words = line.split()
        if any(len(word) > 1000 for word in words):
            continue
        line = _C4_CITATION.sub("", line)
        if not line.endswith(_C4_END) or line.endswith("...") or len(words) < 3:
            continue
        lowered = line.lower()
        if "lorem ipsum" in lowered:
            lorem = number
            break
        if "javascript" in lowered:
            continue
        if "{" in line:
            bracket = number
            break
        if any(phrase in lowered for phrase in _C4_POLICY):
            continue
        sentences += count_sentences(line)
    return {
        "c4_sentence_count": sentences,
        "c4_lorem_ipsum_line": lorem,
        "c4_curly_bracket_line": bracket,
    }


@cache
def _punctuation() -> frozenset[str]:
    """Characters that make a token punctuation only (rules/gopher-punctuation.txt)."""
    text = resources.files("cleantext.rules").joinpath("gopher-punctuation.txt")
    return frozenset(
        chr(int(line.split("\t")[0][2:], 16))
        for line in text.read_text("utf-8").splitlines()
        if line.startswith("U+")
    )


def cleaning_signals(doc: Document, word_count: float) -> dict[str, float]:
    """cleantext's own signals, from what the cleaners recorded on `doc`."""
    removed = doc.signals.get("junk_chars_removed", 0)
    signals = {
        "junk_fraction": _ratio(removed, removed + len(doc.text)),
    }
    for name, cleaner in _ERROR_RATES.items():
        signals[name] = _ratio(1000 * doc.edit_counts.get(cleaner, 0), word_count)
    return signals


def _duplicates(items: list[str]) -> tuple[int, int]:
    """How many items repeat an earlier one, and their characters."""
    seen: set[str] = set()
    count = chars = 0
    for item in items:
        if item in seen:
            count += 1
            chars += len(item)
        else:
            seen.add(item)
    return count, chars


def _mean(values: Iterable[int]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0
