"""DropDuplicates beyond its cases (cases/duplicates.json): a second pass finds
nothing more, and its options."""

import pytest

from cleantext import ConfigError, Document, DropDuplicates


def dedupe(text: str, **options) -> Document:
    return DropDuplicates(**options)(Document(text, explain=True))


def test_distance_counts_kept_blocks_so_a_second_pass_finds_nothing():
    text = "Big Title\nBig Title\nOne.\nTwo.\nBig Title\n"
    once = dedupe(text).text
    assert once == "Big Title\nOne.\nTwo.\n"
    assert dedupe(once).text == once


def test_options():
    assert dedupe("Title\nA.\nB.\nTitle\n", window=1).text == "Title\nA.\nB.\nTitle\n"
    with pytest.raises(ConfigError):
        DropDuplicates(window=-1)
