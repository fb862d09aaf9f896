"""What one word becomes: the curated map first, then the dictionary, with the
document's context (its vocabulary, its names) and the guards for weak evidence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

import regex

from cleantext.cleaners.shared.lexicon import MAX_WORD_LENGTH, Lexicon, default_lexicon
from cleantext.cleaners.typos.choose import choose, neighbours
from cleantext.cleaners.typos.evidence import is_slip
from cleantext.cleaners.typos.foreign import in_foreign_phrase
from cleantext.cleaners.typos.weak import (
    MIN_LENGTH,
    SENTENCE_START_CANDIDATE,
    is_weak,
    plain_slip,
    starts_a_sentence,
)

CANDIDATE = regex.compile(r"[a-z]+")
_REPEATED = 3  # an unknown word used this often is the document's own vocabulary


@dataclass
class WordContext:
    """What the whole document says about its words."""

    counts: Counter[str]
    names: frozenset[str]
    actionable: frozenset[str] = frozenset()  # its words a rule may correct
    broken: frozenset[str] = frozenset()  # words a hard wrap cut in two

    @cached_property
    def words(self) -> frozenset[str]:
        """The document's words as a set: a set difference with a set looks up
        each word of the smaller side, with a Counter it walks the whole Counter."""
        return frozenset(self.counts)


@dataclass(frozen=True)
class Corrector:
    """FixTypos' decision for one word: words never corrected (`allowed`), the
    user's curated entries, and how clearly a candidate must win (`min_ratio`)."""

    allowed: frozenset[str]
    extra_misspellings: dict[str, str]
    min_ratio: float

    @property
    def lexicon(self) -> Lexicon:
        return default_lexicon()

    def word_change(
        self, text: str, words: list[regex.Match], index: int, context: WordContext
    ) -> tuple[str, str] | None:
        """(rule, correction) for the word `words[index]` of `text`, or None."""
        match = words[index]
        if _alone_on_its_line(text, match.start(), match.end()):
            return None  # a user name, a command, an identifier: "javac"
        previous, following = neighbours(text, words, index)
        if in_foreign_phrase(text, match.start(), previous, following):
            return None
        word = match.group()
        if SENTENCE_START_CANDIDATE.fullmatch(word):
            # Capitalised: corrected only where it starts a sentence ("Ada
            # Grammer" is a name, not the misspelling "Grammer").
            if not starts_a_sentence(text, match):
                return None
            previous = None
        return self.correct(word, previous, following, context)

    def correct(
        self,
        word: str,
        previous: str | None,
        following: str | None,
        context: WordContext,
    ) -> tuple[str, str] | None:
        """(rule, correction) for `word` between its neighbours, or None."""
        fixed = self.curated(word.lower())
        if (
            fixed is not None
            and (word.islower() or word.istitle())
            and word.lower() not in self.allowed
        ):
            return "common-misspelling", match_case(fixed, word)
        if not self.is_candidate(word, context):
            return None
        decision = choose(
            self.lexicon, word.lower(), previous, following, self.min_ratio
        )
        if decision is None:
            return None
        rule, correction = decision
        if not is_slip(self.lexicon, word.lower(), correction):
            return None
        if is_weak(word) and not plain_slip(self.lexicon, correction, word):
            return None
        return rule, match_case(correction, word)

    def curated(self, lower: str) -> str | None:
        """The curated correction of a lowercased word, the user's entries first."""
        return self.extra_misspellings.get(lower) or self.lexicon.misspellings.get(
            lower
        )

    def is_candidate(self, word: str, context: WordContext) -> bool:
        """Whether the dictionary may correct `word`: plain lowercase ASCII, long
        enough, unknown, not allowed, not a name or the document's own term; or
        such a word capitalised (once or twice: a sentence start, not a name)."""
        if SENTENCE_START_CANDIDATE.fullmatch(word):
            lower = word.lower()
            return (
                context.counts[word] < _REPEATED
                and lower not in self.allowed
                and lower not in context.counts
                and not self.lexicon.is_known(lower)
                and len(word) <= MAX_WORD_LENGTH
            )
        return (
            MIN_LENGTH <= len(word) <= MAX_WORD_LENGTH
            and CANDIDATE.fullmatch(word) is not None
            and word not in self.allowed
            and word not in context.names
            and word not in context.broken
            and context.counts[word] < _REPEATED
            and not self.lexicon.is_known(word)
        )


def words_broken_by_wraps(lexicon: Lexicon, prose: str) -> frozenset[str]:
    """The words of `prose` that end a line and, joined to the lowercase letters
    starting the next one, make a known word ("importan" + "t"): broken by a hard
    wrap, not misspelled."""
    return frozenset(
        match.group(1)
        for match in _WRAPPED_WORD.finditer(prose)
        if lexicon.is_known(match.group(1) + match.group(2))
    )


_WRAPPED_WORD = regex.compile(r"(?<![a-z])([a-z]+)\n([a-z]+)")


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    """Whether no other letter shares the line of `text[start:end]`. Each side is
    scanned only to the nearest letter or line break, so the cost stays near the
    gap between words."""
    k = start - 1
    while k >= 0 and text[k] != "\n":
        if text[k].isalpha():
            return False
        k -= 1
    k = end
    while k < len(text) and text[k] != "\n":
        if text[k].isalpha():
            return False
        k += 1
    return True


def match_case(correction: str, original: str) -> str:
    """The correction capitalised like the original ('Recieve' -> 'Receive')."""
    if original[0].isupper():
        return correction[0].upper() + correction[1:]
    return correction
