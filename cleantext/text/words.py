"""Words, as the cleaners see them, and the English stop words.

There is one notion of a word per job, each named for it, all here so that the
differences are in one place and deliberate:

- `COUNTED_WORD`: letters or digits with inner apostrophes and hyphens; how line
  features count words and stop words ("don't", "2024", "well-known" are one each).
- `LETTER_RUN`: a run of letters (with combining marks), wherever it stands; the
  cheap superset of every spell-checkable word, for set operations on a text.
- `PLAIN_WORD`: a word of letters that is not part of a URL, path, e-mail address,
  identifier or number, optionally with an apostrophe ending ("trump’s", "don't");
  what FixCasing may capitalise. A word after a hyphen counts ("U.S.-russia").
- `SPELLING_WORD_PATTERN`: the same, but not part of a hyphenated compound and with
  only a possessive "'s" after it; what FixTypos may correct ("don't" and "tax-exempt"
  are left to the lexicon, never split).

The quality signals split words as spaCy does (`cleantext.quality.tokens`), because
the published thresholds of Gopher, C4 and FineWeb were set on that split.
"""

from __future__ import annotations

import regex

from cleantext.resources.data import word_list

COUNTED_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’-]*")
LETTER_RUN = regex.compile(r"\p{L}[\p{L}\p{M}]*+")
PLAIN_WORD = regex.compile(
    r"(?<![\w@/\\.:])\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)?(?![\w@/\\]|[.:-][\w/])"
)
SPELLING_WORD_PATTERN = (
    r"(?<![\w@/\\.-]|(?<=\w)['’])\p{L}[\p{L}\p{M}]*+"
    r"(?=(?:['’]s)?(?![\w@/\\'’-]|[.:][\w/]))"
)


def stopwords() -> frozenset[str]:
    """The English stop-word list shipped in `cleantext/rules/stopwords-en.txt`."""
    return word_list("stopwords-en.txt")
