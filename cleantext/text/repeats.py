"""Which blocks of a document repeat an earlier one: the printed-twice headline and
the paragraph scraped twice.

DropDuplicates removes them; DropBoilerplate's line model judges a page as it will
look without them, so that cleaning twice equals cleaning once."""

from __future__ import annotations

from collections.abc import Sequence

from cleantext.text.blocks import HEADING, LIST_ITEM, Block, comparison_key

REPEATED_LINE = "repeated-line"
REPEATED_PARAGRAPH = "repeated-paragraph"
DEFAULT_WINDOW = 3
DEFAULT_MIN_PARAGRAPH_CHARS = 200
MIN_LINE_WORDS = 2  # a lone repeated word is a label or a table cell, not a title


def repeated_blocks(
    blocks: Sequence[Block],
    window: int = DEFAULT_WINDOW,
    min_paragraph_chars: int = DEFAULT_MIN_PARAGRAPH_CHARS,
    keys: Sequence[str] | None = None,
) -> dict[int, str]:
    """The index of every block that repeats an earlier one, with the reason.

    A heading-like line of `MIN_LINE_WORDS` or more repeats when an equal one is
    at most `window` kept blocks earlier (a lone word that recurs, such as "Yes" or
    "Price" in a table written as lines, is data); a paragraph of
    `min_paragraph_chars` or more when any earlier one is equal. Equality is of
    `comparison_key` (or of `keys`, the blocks' comparison keys when the caller
    has them). Code, tables and list items never repeat.
    Distances count kept blocks only, so the blocks left have no repeats.
    """
    last_kept: dict[str, int] = {}  # key -> its position among kept blocks
    kept = 0
    found: dict[int, str] = {}
    for i, block in enumerate(blocks):
        reason = None
        if block.is_prose and block.kind != LIST_ITEM:
            key = comparison_key(block.text) if keys is None else keys[i]
            if key in last_kept:
                if len(block.text) >= min_paragraph_chars:
                    reason = REPEATED_PARAGRAPH
                elif (
                    block.kind == HEADING
                    and kept - last_kept[key] <= window
                    and len(key.split()) >= MIN_LINE_WORDS
                ):
                    reason = REPEATED_LINE
            if reason is None and key:
                last_kept[key] = kept
        if reason:
            found[i] = reason
        else:
            kept += 1
    return found
