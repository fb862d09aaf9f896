"""Hard-wrapped paragraphs: the runs of lines that a plain-text renderer broke at a
fixed width (html2text at its default 78 columns, mail, many corpora's gold text),
seen as the one paragraph each run is.

A line-by-line judge of junk sees a wrapped paragraph as a stack of short lines
without a full stop, shaped like a menu's. Joined, each run is judged as the
paragraph it is; the text stays as it was (a joined block keeps its line breaks).
"""

from __future__ import annotations

from cleantext.text.blocks import HEADING, PARAGRAPH, Block

# A wrapped line fills most of its width: short lines are menus, labels, verse.
MIN_WRAPPED_LENGTH = 40
# Two lines are too few to tell wrapping from a long line and the next (a title
# and "Table of Contents" under it): the longest line of a run always passes.
MIN_WRAPPED_LINES = 3
# Renderers wrap at 70 to 80 columns; a line longer than this was not wrapped.
MAX_WIDTH = 120
_WRAPPABLE = (PARAGRAPH, HEADING)


def join_wrapped(blocks: list[Block]) -> list[Block]:
    """`blocks` with every hard-wrapped run joined into one paragraph block whose
    text keeps its line breaks, so that the joined blocks still join to the same
    text. A run is `MIN_WRAPPED_LINES` or more lines of prose one line break
    apart, each but the last as full as greedy wrapping leaves a line: the next
    line's first word would not have fitted within the run's width (its longest
    line)."""
    joined: list[Block] = []
    i = 0
    while i < len(blocks):
        end = _run_end(blocks, i)
        width = max(len(block.text) for block in blocks[i:end])
        while i < end:
            k = i
            while k + 1 < end and _wrapped(blocks[k].text, blocks[k + 1].text, width):
                k += 1
            if k + 1 - i >= MIN_WRAPPED_LINES:
                joined.append(_join(blocks[i : k + 1]))
            else:
                joined.extend(blocks[i : k + 1])
            i = k + 1
    return joined


def _run_end(blocks: list[Block], start: int) -> int:
    """The end of the run of wrappable lines one line break apart from `start`
    (`start + 1` when the block there cannot be wrapped)."""
    end = start
    while end < len(blocks) and _wrappable(blocks[end]):
        end += 1
        if blocks[end - 1].sep != "\n":
            break
    return max(end, start + 1)


def _wrappable(block: Block) -> bool:
    text = block.text
    return (
        block.kind in _WRAPPABLE
        and "\n" not in text
        and len(text) <= MAX_WIDTH
        and not text.startswith(("#", " ", "\t"))
    )


def _wrapped(line: str, following: str, width: int) -> bool:
    """Whether `line` was broken before `following` by wrapping at `width`."""
    first_word = following.split(maxsplit=1)[0] if following.strip() else ""
    return (
        len(line) >= MIN_WRAPPED_LENGTH
        and bool(first_word)
        and len(line.rstrip()) + 1 + len(first_word) > width
    )


def _join(run: list[Block]) -> Block:
    text = "".join(block.text + block.sep for block in run[:-1]) + run[-1].text
    return Block(PARAGRAPH, text, run[-1].sep)
