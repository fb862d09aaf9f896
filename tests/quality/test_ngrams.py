"""The array forms of the quality signals against their plain Python forms: the
n-gram measures Gopher defines, the sentence count and the word measures must
give the same numbers on any input (hypothesis differential tests)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleantext.quality import ngrams, signals, tokens
from cleantext.quality.ngrams import NGrams

SIZES = (5, 6, 7, 8, 9, 10)


def top_chars_reference(words: list[str], n: int) -> int:
    """Gopher's most frequent n-gram, as datatrove counts it."""
    grams = [" ".join(words[i : i + n]) for i in range(len(words) - n + 1)]
    if not grams:
        return 0
    gram, count = Counter(grams).most_common(1)[0]
    return len(gram) * count


def duplicate_chars_reference(words: list[str], n: int) -> int:
    """Gopher's duplicate n-gram scan, as datatrove writes it."""
    unique: set[str] = set()
    chars = i = 0
    while i < len(words) - n + 1:
        gram = "".join(words[i : i + n])
        if gram in unique:
            chars += len(gram)
            i += n
        else:
            unique.add(gram)
            i += 1
    return chars


# Few, short, overlapping words: n-grams repeat often, and glued n-grams of
# different words meet ("ab" "c" and "a" "bc").
WORDS = st.lists(st.sampled_from(["a", "b", "ab", "ba", "c", "bc", "the", "é", "ß"]))
ANY_WORDS = st.lists(st.text(st.characters(blacklist_categories=["Cs"]), min_size=1))


@settings(max_examples=400, deadline=None)
@given(st.one_of(WORDS, ANY_WORDS))
def test_ngrams_equal_the_plain_scans(words: list[str]) -> None:
    grams = NGrams(words)
    assert grams.duplicate_chars(SIZES) == {
        n: duplicate_chars_reference(words, n) for n in SIZES
    }
    for n in (1, 2, 3, 4):
        assert grams.top_chars(n) == top_chars_reference(words, n)


@settings(max_examples=200, deadline=None)
@given(WORDS)
def test_hash_collisions_cost_time_not_counts(words: list[str]) -> None:
    """With every hash zero, n-grams of one length all collide: each is then
    compared as a string, and the counts stay exact."""
    grams = NGrams(words)
    zeros = np.zeros(len("".join(words)) + 1, np.uint64)
    grams._hashes = (zeros, np.zeros(len(words) + 1, np.uint64))
    assert grams.duplicate_chars(SIZES) == {
        n: duplicate_chars_reference(words, n) for n in SIZES
    }


def test_glued_ngrams_of_different_words_are_one() -> None:
    words = ["ab", "c", "d", "e", "f", "a", "bc", "d", "e", "f"]
    assert (
        NGrams(words).duplicate_chars([5])[5]
        == 6
        == duplicate_chars_reference(words, 5)
    )


def test_hashes_wrap_without_warnings() -> None:
    with np.errstate(all="raise"):
        NGrams(["word"] * 50 + ["other"] * 50).duplicate_chars(SIZES)


_FINAL = regex.compile(r"^\p{Sentence_Terminal}$")

SENTENCES = st.lists(
    st.sampled_from([*"ab .!?。؟‼…\"'”) \n", "Dr.", "U.S.", "e.g."]), max_size=40
).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(SENTENCES, st.text(max_size=60)))
def test_sentence_final_tokens_are_those_the_regex_finds(text: str) -> None:
    """count_sentences asks the set of sentence-final tokens where it matched
    the property's pattern: the same answer for every token and character."""
    finals = tokens._sentence_finals()
    for token in [*tokens.split_words(text), *text]:
        assert (token in finals) == bool(_FINAL.match(token))


def test_every_sentence_terminal_character_ends_a_sentence() -> None:
    """The set look-up knows each character the property names (spot checks
    across scripts), and nothing else."""
    finals = tokens._sentence_finals()
    for character in ".!?。؟‼।܀":
        assert character in finals
    assert all(_FINAL.match(character) for character in finals)
    assert not {"a", ",", ";", "..", "?!"} & finals


@settings(max_examples=300, deadline=None)
@given(ANY_WORDS)
def test_word_measures_equal_their_plain_forms(words: list[str]) -> None:
    text = " ".join(words)
    words = tokens.split_words(text)
    punctuation = signals._punctuation()
    real = [w for w in words if not punctuation.issuperset(w)]
    measured = signals._word_signals(text, words)
    assert measured["alpha_word_fraction"] == pytest.approx(
        sum(any(c.isalpha() for c in w) for w in words) / len(words) if words else 0.0,
        abs=0,
    )
    mean = sum(len(w) for w in real) / len(real) if real else 0.0
    assert measured["mean_word_length"] == mean
    assert measured["word_count"] == len(real)


def test_the_module_keeps_no_state_between_documents() -> None:
    first = NGrams(["a"] * 20).duplicate_chars(SIZES)
    NGrams(["b", "c"] * 30).duplicate_chars(SIZES)
    assert NGrams(["a"] * 20).duplicate_chars(SIZES) == first
    assert int(ngrams._BASE) * int(ngrams._INVERSE) % 2**64 == 1
