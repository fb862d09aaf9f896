"""What a line is, for counting it across documents: its normalised key and a
stable 64-bit hash of that key.

The key is `comparison_key` (case-folded, spaces collapsed, list markers, bracketed
marks and closing punctuation dropped) with every year (1900-2099) written `0`, so
that "© 2023 Example Ltd" and "© 2024 Example Ltd" are one line. Other numbers stay:
on the webtrain site corpora, lines that differ only in their numbers are the
page's own data ("32 reviews with an average rating of 4.8", "Memory: 8 GB RAM",
"Added in version 3.10"), and writing every number as `0` made them look like a
template printed on every page. The hash
is BLAKE2b, the same in every process and on every machine (Python's `hash` of a
string is salted per process), so tables from several shards add up.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence

import regex

from cleantext.text.blocks import Block, comparison_key

_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HAS_WORD = regex.compile(r"\w")


def line_key(text: str) -> str:
    """The normalised form under which a line is counted."""
    return _YEAR.sub("0", comparison_key(text))


def line_hash(key: str) -> int:
    """A stable 64-bit hash of a line key."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8)
    return int.from_bytes(digest.digest(), "little")


def countable_lines(blocks: Sequence[Block]) -> Iterator[tuple[int, str]]:
    """`(index, key)` of every block that is counted and may be dropped: prose
    (paragraphs, headings, list items; never code or tables) with a word in its
    key."""
    for i, block in enumerate(blocks):
        if block.is_prose:
            key = line_key(block.text)
            if _HAS_WORD.search(key):
                yield i, key
