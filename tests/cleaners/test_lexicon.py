"""The lexicon read from its snapshot is the lexicon built from its sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleantext.cleaners.shared import lexicon
from cleantext.resources import cache


@pytest.fixture(scope="module")
def built() -> dict:
    """The lexicon built from its sources (1.3 s), once for the tests here."""
    return lexicon._built_state()


def test_snapshot_holds_the_built_lexicon(
    built: dict, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path))
    key = lexicon._lexicon_key()
    cache.cached("lexicon", key, lambda: built, lexicon._is_state)  # stores it
    read = cache.cached("lexicon", key, lambda: {}, lexicon._is_state)
    assert read is not built
    assert lexicon._is_state(read)
    assert read == built


def test_default_lexicon_matches_a_fresh_build(built: dict) -> None:
    """However this process got it (snapshot or build), the shared lexicon and
    its SymSpell index are what the sources give, and it looks words up as
    symspellpy's own loader would."""
    shared = lexicon.default_lexicon()
    assert shared.known == built["known"]
    assert shared.proper_nouns == built["proper_nouns"]
    assert shared.misspellings == built["misspellings"]
    assert shared.speller.words == built["words"]
    assert shared.speller.bigrams == built["bigrams"]
    assert dict(shared.speller._deletes) == built["deletes"]
    assert shared.speller._max_length == built["max_length"]
    loaded = lexicon._empty_speller()
    loaded.load_dictionary(
        lexicon._package_file("symspellpy", lexicon._SYMSPELL_WORDS), 0, 1
    )
    for typo in (
        "shoudl",
        "wiht",
        "teh",
        "recieve",
        "xqzv",
        "a",
        "abcdefghijklmnopqrstuvwxyzabcdefgh",
    ):
        assert list(shared.candidates(typo, 1)) == [
            lexicon.Candidate(s.term, s.distance, s.count)
            for s in loaded.lookup(typo, lexicon.Verbosity.CLOSEST, 1)
        ]


def test_the_key_changes_with_the_sources(monkeypatch) -> None:
    key = lexicon._lexicon_key()
    monkeypatch.setattr(lexicon, "MAX_DISTANCE", 2)
    assert lexicon._lexicon_key() != key


def test_remembered_answers_are_the_look_ups_answers(monkeypatch) -> None:
    """Asked again, after forgetting, or past the bound, a word gets the answer
    the look-up itself gives."""
    shared = lexicon.default_lexicon()
    words = ["colour", "gelatinisation", "dealmaker", "diffrent", "shoudl", "qzx"]
    fresh = [
        (
            w in shared.known or shared._is_variant(w),
            shared._splits_in_two(w),
            shared._closest((w, 1)),
        )
        for w in words
    ]

    def ask() -> list:
        return [
            (shared.is_known(w), shared.is_compound(w), shared.candidates(w, 1))
            for w in words
        ]

    shared.forget_lookups()
    assert ask() == fresh
    assert ask() == fresh  # now from memory
    assert len(shared._compounds) == len(words)
    shared.forget_lookups()
    monkeypatch.setattr(lexicon, "_REMEMBERED_LOOKUPS", 3)
    assert ask() == fresh
    assert ask() == fresh
    assert len(shared._compounds) <= 3
    shared.forget_lookups()
    assert not shared._closest_words and not shared._compounds
