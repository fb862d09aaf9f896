"""Hard-wrapped paragraphs seen as one block, and nothing else joined."""

from __future__ import annotations

from hypothesis import given, settings

from cleantext.text.blocks import PARAGRAPH, join_blocks, split_blocks
from cleantext.text.wrapping import join_wrapped
from tests.conftest import text_soup

# Invented prose, wrapped greedily at 60 columns as html2text wraps at 78.
WRAPPED = (
    "The council met on Tuesday to discuss the new road budget,\n"
    "which had been delayed for weeks by a dispute about school\n"
    "funding and the library's opening hours.\n"
    "\n"
    "Home\n"
    "About us\n"
    "Contact\n"
)


def test_a_wrapped_paragraph_becomes_one_block_with_its_line_breaks():
    joined = join_wrapped(split_blocks(WRAPPED))
    assert joined[0].kind == PARAGRAPH
    assert joined[0].text == WRAPPED.split("\n\n")[0]
    assert [block.text for block in joined[1:]] == ["Home", "About us", "Contact"]
    assert join_blocks(joined) == WRAPPED


def test_lines_that_were_not_wrapped_stay_apart():
    unwrapped = (
        "A paragraph on one line that goes on for a while, as scrapers write them.\n"
        "Another paragraph, much longer than the first one, also written on one "
        "line, as plain-text scrapes of HTML write every paragraph.\n"
    )
    short_first = (
        "Short line.\nThe next line is long enough to have been wrapped here.\n"
    )
    for text in (unwrapped, short_first):
        blocks = split_blocks(text)
        assert join_wrapped(blocks) == blocks


def test_two_lines_are_not_taken_for_a_wrapped_paragraph():
    """A long title and the short heading under it pass the greedy test (the
    longest line of a run always does): two lines are too few to call wrapping."""
    text = (
        "Decoding Relations: An Expert's Take on the Meeting and What Comes Next\n"
        "Table of Contents\n"
        "- The Meeting\n"
    )
    blocks = split_blocks(text)
    assert join_wrapped(blocks) == blocks


def test_a_blank_line_a_heading_mark_or_indentation_ends_a_run():
    text = (
        "The council met on Tuesday to discuss the new road budget,\n"
        "# which had been delayed for weeks by a dispute about it\n"
        "    and the library's opening hours, which were too short.\n"
    )
    blocks = split_blocks(text)
    assert join_wrapped(blocks) == blocks


@settings(max_examples=300, deadline=None)
@given(text_soup([WRAPPED, "\n", "\n\n", "    indented\n", "- item\n"], text_size=70))
def test_joined_blocks_join_to_the_same_text(text):
    assert join_blocks(join_wrapped(split_blocks(text))) == text
