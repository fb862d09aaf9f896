"""DropDuplicates: keep one copy of a repeated headline or paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from cleantext.blocks import (
    HEADING,
    LIST_ITEM,
    Block,
    comparison_key,
    join_blocks,
    remove_blocks,
)
from cleantext.cleaners.base import Cleaner
from cleantext.document import Document
from cleantext.errors import ConfigError


@dataclass
class DropDuplicates(Cleaner):
    """Drop later copies of prose lines the scraper repeated.

    - `repeated-line`: a heading-like line (short, not ending like a sentence) equal
      to one at most `window` kept blocks earlier: the title printed twice (000,
      002). Repeated sentences ("Yes." in a dialogue) and copies further apart, such
      as a recurring label, stay.
    - `repeated-paragraph`: a paragraph of `min_paragraph_chars` or more equal to any
      earlier one: a whole paragraph scraped twice.
    Comparison ignores case, spacing, list markers and closing punctuation. Code,
    tables and list items are never dropped. Distances count kept blocks only, so a
    second cleaning finds nothing more to drop.
    """

    window: int = 3
    min_paragraph_chars: int = 200

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.window < 0 or self.min_paragraph_chars < 1:
            raise ConfigError(
                "DropDuplicates: window must be >= 0 and min_paragraph_chars >= 1"
            )

    def __call__(self, doc: Document) -> Document:
        blocks = doc.blocks()
        last_kept: dict[str, int] = {}  # key -> its position among kept blocks
        kept = 0
        drop = set()
        offset = 0
        for i, block in enumerate(blocks):
            rule = None
            if block.is_prose and block.kind != LIST_ITEM:
                key = comparison_key(block.text)
                rule = self._rule_for(block, key, last_kept, kept)
                if rule is None and key:
                    last_kept[key] = kept
            if rule:
                drop.add(i)
                doc.record(self.name, rule, block.text, "", offset)
            else:
                kept += 1
            offset += len(block.text) + len(block.sep)
        if drop:
            before, doc.text = doc.text, join_blocks(remove_blocks(blocks, drop))
            doc.count_junk(before, doc.text)
        return doc

    def _rule_for(
        self, block: Block, key: str, last_kept: dict[str, int], kept: int
    ) -> str | None:
        if key not in last_kept:
            return None
        if len(block.text) >= self.min_paragraph_chars:
            return "repeated-paragraph"
        if block.kind == HEADING and kept - last_kept[key] <= self.window:
            return "repeated-line"
        return None
