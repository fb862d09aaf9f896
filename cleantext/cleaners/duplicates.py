"""DropDuplicates: keep one copy of a repeated headline or paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.shared.drop import drop_blocks
from cleantext.document import Document
from cleantext.errors import ConfigError
from cleantext.text.repeats import (
    DEFAULT_MIN_PARAGRAPH_CHARS,
    DEFAULT_WINDOW,
    repeated_blocks,
)


@dataclass
class DropDuplicates(Cleaner):
    """Drop later copies of prose lines the scraper repeated.

    - `repeated-line`: a heading-like line (short, not ending like a sentence) equal
      to one at most `window` kept blocks earlier: the title printed twice (000,
      002). Repeated sentences ("Yes." in a dialogue), lone words ("Price" in a
      table written as lines) and copies further apart, such as a recurring
      label, stay.
    - `repeated-paragraph`: a paragraph of `min_paragraph_chars` or more equal to any
      earlier one: a whole paragraph scraped twice.
    Comparison ignores case, spacing, list markers and closing punctuation. Code,
    tables and list items are never dropped. Distances count kept blocks only, so a
    second cleaning finds nothing more to drop.
    """

    window: int = DEFAULT_WINDOW
    min_paragraph_chars: int = DEFAULT_MIN_PARAGRAPH_CHARS

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.window < 0 or self.min_paragraph_chars < 1:
            raise ConfigError(
                "DropDuplicates: window must be >= 0 and min_paragraph_chars >= 1"
            )

    def __call__(self, doc: Document) -> Document:
        blocks = doc.blocks()
        drop = repeated_blocks(blocks, self.window, self.min_paragraph_chars)
        if not drop:
            return doc
        drop_blocks(doc, self.name, blocks, drop)
        return doc
