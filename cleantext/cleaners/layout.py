"""NormalizeLayout: the indentation a scraper's page layout left before prose goes."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from cleantext.cleaners.base import Cleaner
from cleantext.document import Document
from cleantext.text.blocks import (
    LIST_ITEM,
    Block,
    indentation_is_layout,
    rewrite_blocks,
)

_INDENTED_LINE = regex.compile(r"(?m)^[ ]")  # the gate: no line starts with a space
_LINE = regex.compile(r"[^\n]*+\n?")


@dataclass
class NormalizeLayout(Cleaner):
    """Remove layout indentation from prose lines.

    Plain-text scrapers (inscriptis and others) indent every line by the depth of
    its element in the page's layout, so that scraped articles come out with most
    lines padded by 4 to 40 spaces. Where the indentation of a document is layout
    (`text.blocks.indentation_is_layout`: many indented lines, few like code,
    several sentences), paragraphs and headings lose theirs (`layout-indent`) and a
    run of list items keeps only its nesting (`list-indent`: the run's least
    indentation goes). Code, tables, and every line of a document whose
    indentation may mean code keep theirs; spaces inside a line (table columns)
    stay. Runs of blank lines are NormalizeWhitespace's.
    """

    def __call__(self, doc: Document) -> Document:
        if not _INDENTED_LINE.search(doc.text):
            return doc
        if not indentation_is_layout(doc.text.split("\n")):
            return doc
        blocks = doc.blocks()
        base = _list_run_indents(blocks)

        def dedent(index: int, block: Block, offset: int) -> str | None:
            if not block.is_prose:
                return None
            width = base[index] if block.kind == LIST_ITEM else None
            rule = "list-indent" if width is not None else "layout-indent"
            return _dedent(doc, self.name, rule, block.text, offset, width)

        text = rewrite_blocks(blocks, dedent)
        if text is not None:
            doc.set_blocks(blocks, text)
        return doc


def _list_run_indents(blocks: list[Block]) -> dict[int, int]:
    """For each list item, the least indentation of the run of list items it is
    in: what can go while the run keeps its nesting."""
    base: dict[int, int] = {}
    run: list[int] = []
    for index, block in enumerate([*blocks, None]):
        if block is not None and block.kind == LIST_ITEM:
            run.append(index)
            continue
        if run:
            least = min(_indent_width(blocks[i].text) for i in run)
            base.update(dict.fromkeys(run, least))
            run = []
    return base


def _indent_width(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _dedent(
    doc: Document, cleaner: str, rule: str, text: str, offset: int, width: int | None
) -> str:
    """`text` with up to `width` leading spaces (all of them when None) removed
    from each of its lines, each removal recorded."""
    out = []
    for match in _LINE.finditer(text):
        line = match.group()
        if not line:
            continue
        spaces = _indent_width(line)
        cut = spaces if width is None else min(spaces, width)
        if cut and line.strip():
            doc.record(cleaner, rule, line[:cut], "", offset + match.start())
        out.append(line[cut:] if line.strip() else line)
    return "".join(out)
