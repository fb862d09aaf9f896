"""Split text into blocks (paragraph, heading, list item, table, code) and back.

Scraped text usually puts one paragraph per line, so a prose block is one line. Fenced
and indented code, and runs of table rows, are single multi-line blocks so that inline
fixers can skip them whole. Each block keeps the exact separator that follows it (its
line terminator plus any blank lines), so `join_blocks(split_blocks(text)) == text` for
every string. Classification is a hint for cleaners, deliberately cautious: when a run
of lines might be code or a table, it is treated as one, which protects it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

import regex

from cleantext.text.codelike import (
    CONFIG_EVIDENCE,
    CONFIG_KEY,
    CONFIG_SECTION,
    NOT_CONFIG,
    config_shape,
    looks_like_code,
)

PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
TABLE = "table"
CODE = "code"
BLANK = "blank"  # only ever the first block: blank lines at the very start of the text

PROSE_KINDS = frozenset({PARAGRAPH, HEADING, LIST_ITEM})


@dataclass(frozen=True, slots=True)
class Block:
    """A unit of text, its kind, and the separator (newlines, blank lines) after it."""

    kind: str
    text: str
    sep: str = ""

    @property
    def is_prose(self) -> bool:
        """Whether inline fixers (spacing, typos, casing) may edit this block."""
        return self.kind in PROSE_KINDS


_TERMINATOR = regex.compile(r"\r\n|\r|\n")
_FENCE = regex.compile(r"[ ]{0,3}(`{3,}|~{3,})")
_INDENTED = regex.compile(r"(?:\t|[ ]{4})")
_ATX_HEADING = regex.compile(r"[ ]{0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = regex.compile(r"[ ]{0,3}(?:=+|-+)[ \t]*$")
_LIST_ITEM = regex.compile(r"[ \t]*(?:[-*+•·▪‣◦–]|\d{1,3}[.)])[ \t]+\S")
_TABLE_SEPARATOR = regex.compile(
    r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$"
)
_HEADING_END_FORBIDDEN = regex.compile(r"[.,;!…]\s*$")
# Indentation is the scraper's layout, not code, when this share of a text's
# non-blank lines is indented, few of those look like code, and some are sentences:
# plain-text scrapes of HTML (inscriptis) indent every line by its depth in the page.
_LAYOUT_INDENTED_SHARE = 0.3
_LAYOUT_MAX_CODE_SHARE = 0.1
_LAYOUT_MIN_SENTENCES = 2
_INDENTED_SENTENCE = regex.compile(r"\s+(?:\S+\s+){7,}\S*[.!?][\"'”’)]*\s*$")
_MIN_CONFIG_LINES = 2
_HAS_LETTER = regex.compile(r"\p{L}")
_MAX_HEADING_WORDS = 16


@dataclass(slots=True)
class _Line:
    text: str
    end: str  # "\r\n", "\r", "\n" or "" for the last line
    blank: bool


def _lines(text: str) -> list[_Line]:
    if "\r" not in text:  # the usual case, at str.split speed
        *whole, last = text.split("\n")
        lines = [_Line(line, "\n", not line.strip()) for line in whole]
        if last:
            lines.append(_Line(last, "", not last.strip()))
        return lines
    lines, start = [], 0
    for match in _TERMINATOR.finditer(text):
        line = text[start : match.start()]
        lines.append(_Line(line, match.group(), not line.strip()))
        start = match.end()
    if start < len(text):
        lines.append(_Line(text[start:], "", not text[start:].strip()))
    return lines


def split_blocks(text: str) -> list[Block]:
    """Split `text` into blocks whose concatenation (text + sep) is exactly `text`."""
    lines = _lines(text)
    blocks: list[Block] = []
    i = 0
    leading = _take_blank_lines(lines, 0)
    if leading:
        blocks.append(Block(BLANK, "", "".join(ln.text + ln.end for ln in leading)))
        i = len(leading)
    not_table_until = {"|": 0, "\t": 0}  # runs already rejected: keeps this linear
    not_config_until = [0]
    code_indent = not indentation_is_layout(line.text for line in lines)
    while i < len(lines):
        after_blank = _ends_with_blank(blocks)
        kind, count = _next_block(
            lines, i, after_blank, not_table_until, code_indent, not_config_until
        )
        body = lines[i : i + count]
        i += count
        trailing = _take_blank_lines(lines, i)
        i += len(trailing)
        block_text = "".join(ln.text + ln.end for ln in body[:-1]) + body[-1].text
        sep = body[-1].end + "".join(ln.text + ln.end for ln in trailing)
        blocks.append(Block(kind, block_text, sep))
    return blocks


def join_blocks(blocks: Sequence[Block]) -> str:
    """The inverse of `split_blocks`."""
    return "".join(block.text + block.sep for block in blocks)


def rewrite_blocks(
    blocks: list[Block], rewrite: Callable[[int, Block, int], str | None]
) -> str | None:
    """Call `rewrite(index, block, offset)` on every block, `offset` being where the
    block starts in the original text; a returned string replaces the block's text.
    Returns the joined text when any block changed, else None."""
    changed = False
    offset = 0
    for index, block in enumerate(blocks):
        new_text = rewrite(index, block, offset)
        if new_text is not None and new_text != block.text:
            blocks[index] = replace(block, text=new_text)
            changed = True
        offset += len(block.text) + len(block.sep)
    return join_blocks(blocks) if changed else None


def remove_blocks(blocks: Sequence[Block], drop: set[int]) -> list[Block]:
    """The blocks not in `drop`, with paragraph breaks and the text's ending kept.

    A kept block takes the widest separator among its own and those of the dropped
    blocks that followed it, so a blank line between paragraphs survives; the new last
    block ends the text the way the old last block did (with or without a newline).
    """
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if index not in drop:
            kept.append(block)
        elif kept and block.sep.count("\n") > kept[-1].sep.count("\n"):
            kept[-1] = replace(kept[-1], sep=block.sep)
    if kept and kept[-1].kind == BLANK and len(kept) == 1:
        return []
    if kept and len(blocks) - 1 in drop:
        ending = "\n" if "\n" in blocks[-1].sep else ""
        kept[-1] = replace(kept[-1], sep=ending)
    return kept


_LINE_MARKERS = regex.compile(r"^\s*(?:#{1,6}\s+|(?:[-*+•·▪‣◦–]|\d{1,3}[.)])\s+)?")


def line_core(text: str) -> str:
    """A line without surrounding spaces, list marker or heading marks."""
    return text[_LINE_MARKERS.match(text).end() :].strip()


# Anchored at the end, so searched from the end: one attempt there.
_KEY_PUNCTUATION = regex.compile(r"[\s:.!?…]+$", regex.REVERSE)
_BRACKET_MARK = regex.compile(r"\s?\[[^\[\]]{0,30}\]")


def comparison_key(text: str) -> str:
    """A line reduced for equality tests: its core without bracketed marks such as
    '[edit]' or '[2]', case-folded, spaces collapsed, closing punctuation dropped."""
    core = line_core(text)
    if "[" in core:
        core = _BRACKET_MARK.sub("", core)
    return " ".join(_KEY_PUNCTUATION.sub("", core).casefold().split())


def keeps_its_kind(old: Block, new: Block) -> bool:
    """Whether `split_blocks` is sure to give `new`, an edit of the one-line prose
    block `old`, the same kind, and its neighbours theirs: no line break, the same
    indentation, pipes and tabs (tables), no fence or heading underline made or
    lost, and no code-likeness (which decides whether indentation is layout)."""
    if old.sep != new.sep or old.kind not in PROSE_KINDS:
        return False
    before, after = old.text, new.text
    return (
        not _TERMINATOR.search(before)
        and not _TERMINATOR.search(after)
        and _indent(before) == _indent(after)
        and all(before.count(mark) == after.count(mark) for mark in ("|", "\t"))
        and not _FENCE.match(after)
        and bool(_SETEXT_UNDERLINE.match(before))
        == bool(_SETEXT_UNDERLINE.match(after))
        and classify_line(after) == old.kind
        and looks_like_code(before) == looks_like_code(after)
        and config_shape(before) == config_shape(after)
    )


def indentation_is_layout(lines: Iterable[str]) -> bool:
    """Whether the indentation of these lines is the scraper's layout rather than
    Markdown's indented code: many lines are indented, few of them look like code,
    and some are sentences of eight words or more. Then an indented run is prose
    like any other line."""
    nonblank = indented = code = sentences = 0
    for line in lines:
        if not line.strip():
            continue
        nonblank += 1
        if _INDENTED.match(line):
            indented += 1
            code += looks_like_code(line)
            sentences += _INDENTED_SENTENCE.match(line) is not None
    return (
        indented >= _LAYOUT_INDENTED_SHARE * nonblank
        and code <= _LAYOUT_MAX_CODE_SHARE * indented
        and sentences >= _LAYOUT_MIN_SENTENCES
    )


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _take_blank_lines(lines: list[_Line], start: int) -> list[_Line]:
    end = start
    while end < len(lines) and lines[end].blank:
        end += 1
    return lines[start:end]


def _ends_with_blank(blocks: list[Block]) -> bool:
    if not blocks:
        return True
    return len(_TERMINATOR.findall(blocks[-1].sep)) > 1 or blocks[-1].kind == BLANK


def _next_block(
    lines: list[_Line],
    i: int,
    after_blank: bool,
    not_table_until: dict[str, int],
    code_indent: bool,
    not_config_until: list[int],
) -> tuple[str, int]:
    """The kind of the block starting at line `i` and how many lines it spans;
    an indented run is code only where indentation means code (`code_indent`)."""
    line = lines[i].text
    fence = _FENCE.match(line)
    if fence:
        return CODE, _fenced_length(lines, i, fence.group(1))
    if code_indent and after_blank and _INDENTED.match(line):
        run = _run_length(lines, i, lambda ln: bool(_INDENTED.match(ln.text)))
        if not _nested_list(lines[i : i + run]):
            return CODE, run
    table_rows = _table_length(lines, i, not_table_until)
    if table_rows:
        return TABLE, table_rows
    config_lines = _config_length(lines, i, not_config_until)
    if config_lines:
        return CODE, config_lines
    if (
        i + 1 < len(lines)
        and _SETEXT_UNDERLINE.match(lines[i + 1].text)
        and _HAS_LETTER.search(line)
        and not _LIST_ITEM.match(line)
    ):
        return HEADING, 2
    return classify_line(line), 1


def classify_line(line: str) -> str:
    """Kind of a single line of prose: heading, list item or paragraph."""
    if _ATX_HEADING.match(line):
        return HEADING
    if _LIST_ITEM.match(line):
        return LIST_ITEM
    if looks_like_heading(line):
        return HEADING
    return PARAGRAPH


def looks_like_heading(line: str) -> bool:
    """A short standalone line with letters and no sentence-closing punctuation."""
    words = line.split(maxsplit=_MAX_HEADING_WORDS)  # one more if there are more
    return (
        0 < len(words) <= _MAX_HEADING_WORDS
        and not _HEADING_END_FORBIDDEN.search(line)
        and bool(_HAS_LETTER.search(line))
    )


def _nested_list(lines: list[_Line]) -> bool:
    """Whether an indented run is a nested Markdown list ("    * Home"), which
    html2text writes after a blank line: every line a list item, none code-like."""
    return all(
        _LIST_ITEM.match(ln.text) and not looks_like_code(ln.text) for ln in lines
    )


def _fenced_length(lines: list[_Line], start: int, fence: str) -> int:
    closing = regex.compile(
        rf"[ ]{{0,3}}{regex.escape(fence[0])}{{{len(fence)},}}[ \t]*$"
    )
    for j in range(start + 1, len(lines)):
        if closing.match(lines[j].text):
            return j - start + 1
    return len(lines) - start  # an unclosed fence runs to the end, as in Markdown


def _run_length(lines: list[_Line], start: int, accept) -> int:
    end = start
    while end < len(lines) and accept(lines[end]):
        end += 1
    return end - start


def _config_length(lines: list[_Line], start: int, not_config_until: list[int]) -> int:
    """Lines in the configuration run starting at `start`, or 0: two or more
    configuration-shaped lines with evidence, or a section key and another key
    line. A run is judged once, from its first line: its later lines are not
    re-examined, which keeps the split linear."""
    if start < not_config_until[0]:
        return 0
    if start + 1 >= len(lines) or lines[start + 1].blank:
        return 0  # a run has two lines or more
    shapes: set[int] = set()
    keys = 0
    end = start
    while end < len(lines) and not lines[end].blank:
        text = lines[end].text
        if _ATX_HEADING.match(text) or _LIST_ITEM.match(text):
            break  # Markdown structure is never swallowed into a run
        shape = config_shape(text)
        if shape == NOT_CONFIG:
            break
        shapes.add(shape)
        keys += shape in (CONFIG_KEY, CONFIG_SECTION)
        end += 1
    not_config_until[0] = max(end, start + 1)
    count = end - start
    configuration = CONFIG_EVIDENCE in shapes or (
        CONFIG_SECTION in shapes and keys >= _MIN_CONFIG_LINES
    )
    return count if count >= _MIN_CONFIG_LINES and configuration else 0


def pipe_cells(line: str) -> list[str]:
    """Cells of a pipe-table row, outer pipes removed, escaped pipes kept."""
    core = line.strip()
    if core.startswith("|"):
        core = core[1:]
    if core.endswith("|") and not core.endswith("\\|"):
        core = core[:-1]
    return regex.split(r"(?<!\\)\|", core)


def _table_length(
    lines: list[_Line], start: int, not_table_until: dict[str, int]
) -> int:
    """Rows in the table starting at `start`, or 0 when the lines there are no table.

    A table is two or more consecutive rows that either include a separator row
    (`---|---`) or all have the same number (two or more) of pipe- or tab-separated
    cells. A rejected run is remembered so that its later lines are not re-examined.
    """
    for delimiter in ("|", "\t"):
        if start < not_table_until[delimiter]:
            continue
        count = _run_length(
            lines,
            start,
            lambda ln, d=delimiter: d in ln.text and d in ln.text.strip(),
        )
        if count < 2:
            continue
        not_table_until[delimiter] = start + count
        rows = [lines[start + k].text for k in range(count)]
        if delimiter == "|" and any(_TABLE_SEPARATOR.match(row) for row in rows[:2]):
            return count
        widths = {
            len(pipe_cells(row) if delimiter == "|" else row.strip().split("\t"))
            for row in rows
        }
        if len(widths) == 1 and widths.pop() >= 2:
            return count
    return 0
