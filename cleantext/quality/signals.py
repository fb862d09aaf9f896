"""Document quality signals: the measurements the Gopher, C4 and FineWeb rules use,
and cleantext's own, computed from the text and, when available, the cleaning edits.

Every signal is a number, named for what it measures, but for `language`, the
document's ISO 639 code (`Document.language()`). Where a published rule
defines a measurement oddly (Gopher divides the hash count by all tokens,
punctuation included; FineWeb counts duplicate characters without newlines), the
signal follows the rule exactly, so that filters built on it decide as the reference
implementation (datatrove) does.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from itertools import filterfalse

import regex

from cleantext.document import Document
from cleantext.quality.ngrams import NGrams
from cleantext.quality.tokens import count_sentences, split_words
from cleantext.text.words import stopwords

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


def compute_signals(doc: Document | str) -> dict[str, float | str]:
    """All signals of a document (or a text). cleantext's own (the share removed as
    junk, error rates) come from what the cleaners recorded on the `Document`: they
    are 0 for a text that was not cleaned. The language is the one the cleaning
    identified, or identified now."""
    if isinstance(doc, str):
        doc = Document(doc)
    text = doc.text
    words = split_words(text)
    language = doc.language()
    signals: dict[str, float | str] = {
        "language": language.language,
        "language_confidence": language.confidence,
    }
    signals.update(_word_signals(text, words))
    signals.update(_line_signals(text, words))
    signals.update(_repetition_signals(text, words))
    signals.update(_c4_signals(text))
    signals.update(cleaning_signals(doc, signals["word_count"]))
    return signals


def _word_signals(text: str, words: list[str]) -> dict[str, float]:
    """Gopher's word measures, each a C-level map over the words (most words are
    letters only, so only the others are searched for a letter)."""
    tokens = len(words)
    real_words = list(filterfalse(_punctuation().issuperset, words))
    english_stop_words = stopwords()
    with_letters = sum(map(str.isalpha, words)) + sum(
        any(map(str.isalpha, word)) for word in filterfalse(str.isalpha, words)
    )
    return {
        "char_count": len(text),
        "token_count": tokens,
        "word_count": len(real_words),
        "mean_word_length": _ratio(sum(map(len, real_words)), len(real_words)),
        "gopher_stop_words_present": len(GOPHER_STOP_WORDS.intersection(words)),
        "stop_word_ratio": _ratio(
            sum(map(english_stop_words.__contains__, map(str.lower, real_words))),
            len(real_words),
        ),
        "hash_to_word_ratio": _ratio(text.count("#"), tokens),
        "ellipsis_to_word_ratio": _ratio(text.count("...") + text.count("…"), tokens),
        "alpha_word_fraction": _ratio(with_letters, tokens),
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
    grams = NGrams(words)
    for n in TOP_NGRAM_SIZES:
        signals[f"top_{n}_gram_char_fraction"] = _ratio(grams.top_chars(n), len(text))
    for n, chars in grams.duplicate_chars(DUPLICATE_NGRAM_SIZES).items():
        signals[f"duplicate_{n}_gram_char_fraction"] = _ratio(chars, len(text))
    return signals


def _c4_signals(text: str) -> dict[str, float]:
    """C4's line rules, then its document rules on the lines that survive them:
    the sentence count of the kept lines, and where lorem ipsum or a curly
    bracket first appears among them (-1: nowhere; C4 stops at the first)."""
    sentences, lorem, bracket = 0, -1, -1
    for number, raw in enumerate(text.splitlines()):
        line = raw.strip()
        words = line.split()
        if max(map(len, words), default=0) > 1000:
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
    """How many items repeat an earlier one, and their characters: what is left
    over once each distinct item is counted once (set sizes, at C speed)."""
    distinct = dict.fromkeys(items)
    return (
        len(items) - len(distinct),
        sum(map(len, items)) - sum(map(len, distinct)),
    )


def _ratio(part: float, whole: float) -> float:
    return part / whole if whole else 0.0
