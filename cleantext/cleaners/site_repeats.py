"""DropRepeatedLines: drop the lines a site prints on many of its pages (menus,
footers, cookie notices, newsletter boxes, author bios), as a `RepeatTable`
counted over the whole corpus says."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import regex

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.shared.drop import drop_blocks
from cleantext.corpus import (
    GROUP_BY_NONE,
    GROUP_BY_URL,
    RepeatTable,
    countable_lines,
    group_of,
    line_key,
)
from cleantext.document import Document
from cleantext.errors import ConfigError
from cleantext.text.blocks import Block

RULE = "site-repeat"
_BODY_WORDS = 15  # a line this long that ends like a sentence reads as article body
_SENTENCE_END = regex.compile(r"[.!?…][\"'’”)\]]*\s*$")
_WORD = regex.compile(r"\w+")
_HEADLINE = regex.compile(r"[ ]{0,3}#[ \t]")


@dataclass
class DropRepeatedLines(Cleaner):
    """Drop the lines a site prints on most of its pages, each with its count.

    A prose line goes when it is found in at least `min_documents` documents and
    at least `min_share` of the documents of this document's group (its site, by default
    the registrable domain of `metadata["url"]`; `group_by` names another
    metadata field, or "none" for the whole corpus).

    Never dropped: code and tables; the headline (the first `# ` heading, or the
    line equal to `metadata["title"]`); a lone common line with the document's own
    lines on both sides (a heading of the page's template inside its content,
    such as "Specifications": the site's chrome comes in runs or at the edges),
    and a common label ending in ":" followed by a line of the document's own
    ("Weight:" before "2 lb 3 oz": the label of the page's own value). A
    line that reads as article body (15
    words or more, ending like a sentence) needs overwhelming evidence, at least
    `body_share` of the group's documents, and stays when every body-like line of
    the document repeats: such a document is a copy of another, a matter for
    deduplication, not for line cleaning. A document with no group, or whose
    group has fewer than `min_documents` documents, is left as it is.

    The table comes from `cleantext repeats count` (a file named by `table`) or
    from Python (`DropRepeatedLines.with_table(table)`).
    """

    table: str = ""
    group_by: str = GROUP_BY_URL
    # Chosen on the webtrain train split's sites
    # (benchmarks/accuracy/evaluate_repeats.py --grid): the best F1 gain losing at
    # most 0.1% of the content.
    min_documents: int = 4
    min_share: float = 0.7
    body_share: float = 0.9
    _table: RepeatTable | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.min_documents < 2:
            raise ConfigError("DropRepeatedLines: min_documents must be >= 2")
        for name in ("min_share", "body_share"):
            if not 0.0 < getattr(self, name) <= 1.0:
                raise ConfigError(f"DropRepeatedLines: {name} must be in (0, 1]")
        if not self.group_by:
            raise ConfigError(
                f"DropRepeatedLines: group_by must be {GROUP_BY_URL!r}, "
                f"{GROUP_BY_NONE!r} or a metadata field"
            )

    @classmethod
    def with_table(cls, table: RepeatTable, **options: object) -> DropRepeatedLines:
        """The cleaner with a table already in memory."""
        cleaner = cls(**options)  # type: ignore[arg-type]
        cleaner._table = table
        return cleaner

    def prepare(self) -> None:
        self.repeat_table()

    def repeat_table(self) -> RepeatTable:
        """The table, read from `table` on first use."""
        if self._table is None:
            if not self.table:
                raise ConfigError(
                    "DropRepeatedLines needs a table: table = 'FILE' "
                    "(from `cleantext repeats count`) or with_table(...)"
                )
            self._table = RepeatTable.load(Path(self.table))
        return self._table

    def __call__(self, doc: Document) -> Document:
        group = group_of(doc.metadata, self.group_by)
        table = self.repeat_table()
        documents = table.documents(group) if group is not None else 0
        if documents < self.min_documents:
            return doc
        blocks = doc.blocks()
        lines = list(countable_lines(blocks))
        if not lines:
            return doc
        counts = table.counts(group, [key for _, key in lines]).tolist()
        drop = self._repeated(blocks, lines, counts, documents, doc.metadata)
        if not drop:
            return doc
        where = group or "the corpus"
        rules = {
            i: f"{RULE} (in {count} of {documents} documents of {where})"
            for i, count in drop.items()
        }
        drop_blocks(doc, self.name, blocks, rules)
        return doc

    def _repeated(
        self,
        blocks: list[Block],
        lines: list[tuple[int, str]],
        counts: list[int],
        documents: int,
        metadata: dict,
    ) -> dict[int, int]:
        """Block index -> its count, for the blocks to drop."""
        needed = max(self.min_documents, math.ceil(self.min_share * documents))
        body_needed = max(needed, math.ceil(self.body_share * documents))
        headline = _headline(blocks, lines, metadata)
        body = {i for i, _ in lines if _reads_as_body(blocks[i].text)}
        common = [
            i != headline and count >= (body_needed if i in body else needed)
            for (i, _), count in zip(lines, counts, strict=True)
        ]
        drop = {
            i: count
            for j, ((i, _), count) in enumerate(zip(lines, counts, strict=True))
            if common[j] and not _template_in_content(common, j, blocks[i].text)
        }
        if body and body <= drop.keys():
            for i in body:
                del drop[i]
        return drop


def _headline(
    blocks: list[Block], lines: list[tuple[int, str]], metadata: dict
) -> int | None:
    """The index of the document's headline: the line equal to its title, else
    its first `# ` heading; None when it has neither."""
    title = metadata.get("title")
    if isinstance(title, str) and title.strip():
        wanted = line_key(title)
        found = next((i for i, key in lines if key == wanted), None)
        if found is not None:
            return found
    return next((i for i, _ in lines if _HEADLINE.match(blocks[i].text)), None)


def _template_in_content(common: list[bool], j: int, text: str) -> bool:
    """Whether the common `j`-th line belongs to the page's content: a lone
    template heading with lines of the document's own on either side ("About This
    Game", "Specifications"; the site's chrome comes in runs or at the edges), or
    a label ("Weight:") followed by a line of the document's own, its value."""
    own_next = j < len(common) - 1 and not common[j + 1]
    if own_next and text.rstrip().endswith(":"):
        return True
    return own_next and j > 0 and not common[j - 1]


def _reads_as_body(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) and len(_WORD.findall(text)) >= _BODY_WORDS
