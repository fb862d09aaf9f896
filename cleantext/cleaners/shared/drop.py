"""Drop blocks from a document: the one way every dropping cleaner removes lines,
records an edit per removal at its offset, and counts what went as junk."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from cleantext.document import Document
from cleantext.text.blocks import Block, join_blocks, remove_blocks

# Fixes a kept prose block on the way: (text, doc, cleaner, offset) -> new text.
Rewrite = Callable[[str, Document, str, int], str]


def drop_blocks(
    doc: Document,
    cleaner: str,
    blocks: Sequence[Block],
    rules: Mapping[int, str],
    *,
    cut_from: int | None = None,
    rewrite: Rewrite | None = None,
) -> None:
    """Remove from `doc` the blocks that `rules` names (block index -> the rule
    that drops it) and, with `cut_from`, that block and every one after it as a
    single edit (a trailer). `rewrite` may fix each kept prose block before the
    cut. `blocks` must be `doc.blocks()`."""
    before = doc.text
    kept = list(blocks)
    offset = 0
    for i, block in enumerate(blocks):
        if i == cut_from:
            doc.record(cleaner, rules[i], join_blocks(blocks[i:]), "", offset)
            break
        if i in rules:
            doc.record(cleaner, rules[i], block.text, "", offset)
        elif rewrite is not None and block.is_prose:
            kept[i] = replace(block, text=rewrite(block.text, doc, cleaner, offset))
        offset += len(block.text) + len(block.sep)
    gone = set(rules)
    if cut_from is not None:
        gone.update(range(cut_from, len(blocks)))
    doc.text = join_blocks(remove_blocks(kept, gone))
    doc.count_junk(before, doc.text)
