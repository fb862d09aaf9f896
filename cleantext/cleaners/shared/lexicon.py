"""The English lexicon FixTypos and FixCasing consult: known words, correction
candidates, bigrams.

Sources (all installed packages or files in this repository, nothing downloaded):
- symspellpy's `frequency_dictionary_en_82_765.txt` (82,765 words with counts) and
  `frequency_bigramdictionary_en_243_342.txt` (MIT; counts from Google Books Ngrams):
  the only words FixTypos corrects *to*, and the bigram context;
- english-words' `web2` list (Webster's Second International, public domain; package
  MIT) and pyspellchecker's English list (package MIT; built from OpenSubtitles and
  SCOWL): words FixTypos knows but never proposes, so rare valid words stay;
- `rules/lexicon-extra.txt` (recent and technical words) and `rules/misspellings.tsv`
  (common misspellings, removed from the known words so that they are corrected).

Building it takes about 1.3 s; a fresh process then reads it from a snapshot in
the user's cache (`cleantext.resources.cache`) in about 0.4 s. Either way it
takes about 150 MB, once per process: `default_lexicon()` loads on first use and
caches. `FixTypos.prepare()` (called by `Pipeline.prepare()` and before workers
fork) loads it, so that they share it instead of each loading their own.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.metadata import version
from pathlib import Path

import regex
from symspellpy import SymSpell, Verbosity

from cleantext.errors import ConfigError
from cleantext.resources.cache import cached, fingerprint
from cleantext.resources.data import builtin_data, data_file, word_list

_SYMSPELL_WORDS = "frequency_dictionary_en_82_765.txt"
_SYMSPELL_BIGRAMS = "frequency_bigramdictionary_en_243_342.txt"
MAX_DISTANCE = 1
_PREFIX = 7  # SymSpell's prefix length
_SOURCE_PACKAGES = ("symspellpy", "english-words", "pyspellchecker")
_MIN_COMPOUND_PART = 4
# A rewrite to a shorter known word proves little: "soem" -> "sem" and "maed" ->
# "med" (ae/oe) are typos of "some" and "made", not spelling variants.
_MIN_VARIANT_LENGTH = 5
# No English word is longer; checking a longer token would cost its length squared.
MAX_WORD_LENGTH = 40
_REMEMBERED_LOOKUPS = 100_000  # answers kept per look-up before starting afresh


@dataclass(frozen=True, slots=True)
class Candidate:
    """A dictionary word within `distance` edits of a misspelling."""

    term: str
    distance: int
    count: int


_MISSING = object()


class _Remembered(dict):
    """Answers of a pure look-up, kept up to `_REMEMBERED_LOOKUPS` questions, then
    forgotten at once: a misspelling or an unknown word seldom comes alone."""

    def answer(self, question, ask):
        found = self.get(question, _MISSING)
        if found is _MISSING:
            if len(self) >= _REMEMBERED_LOOKUPS:
                self.clear()
            found = self[question] = ask(question)
        return found


@dataclass
class Lexicon:
    """Known words and a SymSpell index of correction targets, both lowercase."""

    known: frozenset[str]
    speller: SymSpell
    misspellings: dict[str, str]
    variants: list[tuple[regex.Pattern, str]] = field(default_factory=list)
    inflection_endings: frozenset[str] = frozenset()
    bigram_floor: float = 0.0
    proper_nouns: frozenset[str] = frozenset()  # lowercased; written capitalised only
    _common: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)
    _variants_known: _Remembered = field(default_factory=_Remembered, repr=False)
    _compounds: _Remembered = field(default_factory=_Remembered, repr=False)
    _closest_words: _Remembered = field(default_factory=_Remembered, repr=False)

    def is_known(self, word: str) -> bool:
        """Whether a lowercase word is correct English: in the lexicon, or a spelling
        variant of a known word ("colour", "gelatinisation")."""
        return word in self.known or self._variants_known.answer(word, self._is_variant)

    def _is_variant(self, word: str) -> bool:
        for pattern, replacement in self.variants:
            match = pattern.search(word)  # rarely matches: cheaper than a sub
            if match is None:
                continue
            variant = (
                word[: match.start()] + match.expand(replacement) + word[match.end() :]
            )
            if (
                variant != word
                and len(variant) >= _MIN_VARIANT_LENGTH
                and variant in self.known
            ):
                return True
        return False

    def is_compound(self, word: str) -> bool:
        """Whether a lowercase word is two words written as one ("dealmaker",
        "cyberattacks"); weaker evidence than `is_known` ("diffrent" is "diff" +
        "rent"), so FixTypos still corrects it to a word one edit away."""
        return self._compounds.answer(word, self._splits_in_two)

    def _splits_in_two(self, word: str) -> bool:
        if len(word) > MAX_WORD_LENGTH:
            return False
        counts = self.speller.words
        for cut in range(_MIN_COMPOUND_PART, len(word) - _MIN_COMPOUND_PART + 1):
            head, tail = word[:cut], word[cut:]
            if (head in counts or head in self.known) and tail in counts:
                return True
        return False

    def inflects(self, word: str, other: str) -> bool:
        """Whether `other` is `word` with an inflection ending ("lookup" ->
        "lookups", "lowercase" -> "lowercased")."""
        return other[:-1] == word and other[-1] in self.inflection_endings

    def candidates(self, word: str, max_distance: int) -> tuple[Candidate, ...]:
        """Dictionary words at the smallest edit distance (<= `max_distance`) from
        `word`, most frequent first; transpositions count as one edit."""
        return self._closest_words.answer((word, max_distance), self._closest)

    def _closest(self, question: tuple[str, int]) -> tuple[Candidate, ...]:
        word, max_distance = question
        found = self.speller.lookup(
            word, Verbosity.CLOSEST, max_edit_distance=max_distance
        )
        return tuple(Candidate(s.term, s.distance, s.count) for s in found)

    def forget_lookups(self) -> None:
        """Drop the remembered answers (benchmarks start each run cold)."""
        for remembered in (self._variants_known, self._compounds, self._closest_words):
            remembered.clear()

    def common_words(self, n: int) -> frozenset[str]:
        """The `n` most frequent words of the correction dictionary."""
        cached = self._common.get(n)
        if cached is None:
            cached = self._common[n] = frozenset(self.most_common(n))
        return cached

    def most_common(self, n: int) -> list[str]:
        """The `n` most frequent words of the correction dictionary, sorted."""
        counts = self.speller.words
        return sorted(sorted(counts, key=counts.get, reverse=True)[:n])

    def bigram(self, first: str, second: str) -> float:
        """How often `first second` occurs. The bigram dictionary lists only pairs
        seen more than a few million times, so an absent pair counts as a tenth
        of the rarest listed one: rare, not impossible."""
        return self.speller.bigrams.get(f"{first} {second}", self.bigram_floor)


def _package_file(package: str, name: str):
    return resources.files(package).joinpath(name)


def _web2_words() -> tuple[set[str], frozenset[str]]:
    """web2's words, lowercased, and those it writes only capitalised (names such
    as Kirsten or Norman)."""
    from english_words import get_english_words_set

    words = get_english_words_set(["web2"], lower=False, alpha=False)
    lowered = {word.lower() for word in words}
    written_lowercase = {word for word in words if word.islower()}
    names = {word.lower() for word in words if word[:1].isupper()}
    return lowered, frozenset(names - written_lowercase)


def _pyspellchecker_words() -> set[str]:
    path = _package_file("spellchecker", "resources/en.json.gz")
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return {w for w in json.load(handle) if "'" not in w}


_CORRECTION_WORD = regex.compile(r"\w+")


def builtin_misspellings() -> dict[str, str]:
    """The curated map `rules/misspellings.tsv`: misspelling -> correction."""
    return parse_misspellings(data_file("misspellings.tsv").read_text("utf-8"))


def parse_misspellings(
    text: str, origin: str = "misspellings.tsv", beside: Mapping[str, str] = {}
) -> dict[str, str]:
    """Parse `misspelling<TAB>correction` lines; '#' starts a comment line.

    A correction may not hold a word that this map or `beside` (the map it is
    used with) corrects: it would be corrected again, without end ('budgte' ->
    'budgte budgte', or 'teh' -> 'the' -> 'teh'). Errors name the file and line,
    never the line's text (a file passed by mistake may hold secrets)."""
    entries, lines = {}, {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        wrong, tab, right = line.strip().partition("\t")
        if not tab or not wrong or not right.strip():
            raise ConfigError(
                f"{origin}:{number}: expected 'misspelling<TAB>correction' "
                "(a misspelling, a tab, and its correction)"
            )
        entries[wrong.lower()] = right.strip()
        lines[wrong.lower()] = number
    corrected = entries.keys() | beside.keys()
    for wrong, right in entries.items():
        again = [w for w in _CORRECTION_WORD.findall(right.lower()) if w in corrected]
        if again:
            raise ConfigError(
                f"{origin}:{lines[wrong]}: the correction of {wrong!r} holds "
                f"{again[0]!r}, which the misspellings map corrects in turn; a "
                "correction must be a word the map leaves alone"
            )
    return entries


def spelling_variants() -> list[tuple[regex.Pattern, str]]:
    """The rewrites of `rules/spelling-variants.toml`, compiled."""
    return [
        (regex.compile(v["pattern"]), v["replacement"])
        for v in builtin_data("spelling-variants")["variant"]
    ]


def inflection_endings() -> frozenset[str]:
    """Word endings that inflect (`rules/spelling-variants.toml`)."""
    return frozenset(builtin_data("spelling-variants")["inflection_endings"])


@cache
def default_lexicon() -> Lexicon:
    """The packaged English lexicon, loaded once per process on first use: from
    its snapshot in the user's cache (`cleantext.resources.cache`, about 0.4 s)
    when there is a sound one, else built from the installed word lists (about
    1.3 s) and stored for the next process."""
    state = cached("lexicon", _lexicon_key(), _built_state, _is_state)
    speller = _empty_speller()
    # SymSpell's index, as its loaders leave it (the key covers symspellpy's version).
    speller._words = state["words"]
    speller._deletes = defaultdict(list, state["deletes"])
    speller._bigrams = state["bigrams"]
    speller._max_length = state["max_length"]
    speller.bigram_count_min = state["bigram_count_min"]
    return Lexicon(
        known=state["known"],
        speller=speller,
        misspellings=state["misspellings"],
        variants=spelling_variants(),
        inflection_endings=inflection_endings(),
        bigram_floor=min(speller.bigrams.values()) / 10,
        proper_nouns=state["proper_nouns"],
    )


def _empty_speller() -> SymSpell:
    """A SymSpell index with the lexicon's settings and no words yet."""
    return SymSpell(max_dictionary_edit_distance=MAX_DISTANCE, prefix_length=_PREFIX)


def _built_state() -> dict:
    """The lexicon's words and SymSpell's index, built from the sources, as plain
    values a snapshot can hold."""
    speller = _empty_speller()
    speller.load_dictionary(
        _package_file("symspellpy", _SYMSPELL_WORDS), term_index=0, count_index=1
    )
    speller.load_bigram_dictionary(
        _package_file("symspellpy", _SYMSPELL_BIGRAMS), term_index=0, count_index=2
    )
    misspellings = builtin_misspellings()
    web2, proper_nouns = _web2_words()
    known = (
        set(speller.words)
        | web2
        | _pyspellchecker_words()
        | word_list("lexicon-extra.txt")
    )
    return {
        "known": frozenset(known - misspellings.keys()),
        "proper_nouns": proper_nouns,
        "misspellings": misspellings,
        "words": dict(speller._words),
        "deletes": dict(speller._deletes),
        "bigrams": dict(speller._bigrams),
        "max_length": speller._max_length,
        "bigram_count_min": speller.bigram_count_min,
    }


_STATE_TYPES = {
    "known": frozenset,
    "proper_nouns": frozenset,
    "misspellings": dict,
    "words": dict,
    "deletes": dict,
    "bigrams": dict,
    "max_length": int,
    "bigram_count_min": int,
}


def _is_state(state: object) -> bool:
    """Whether a snapshot holds what `_built_state` makes (a guard against a file
    written by another layout under the same name)."""
    return (
        isinstance(state, dict)
        and state.keys() == _STATE_TYPES.keys()
        and all(isinstance(state[k], t) for k, t in _STATE_TYPES.items())
    )


def _lexicon_key() -> str:
    """What the lexicon is built from: the source packages' versions, the data
    files and the code that builds it (this module)."""
    return fingerprint(
        [
            *(f"{name} {version(name)}" for name in _SOURCE_PACKAGES),
            f"distance {MAX_DISTANCE} prefix {_PREFIX}",
            Path(__file__).read_bytes(),
            data_file("misspellings.tsv").read_bytes(),
            data_file("lexicon-extra.txt").read_bytes(),
        ]
    )
