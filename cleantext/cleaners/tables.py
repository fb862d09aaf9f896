"""NormalizeTables: rewrite the tables scrapers produce as well-formed tables."""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass
from typing import Literal

import regex

from cleantext.cleaners.base import Cleaner
from cleantext.cleaners.shared.encoding import DEFAULT_REPAIR
from cleantext.cleaners.shared.protect import protected_rule_set
from cleantext.document import Document
from cleantext.text.blocks import TABLE, Block, pipe_cells, rewrite_blocks

_SEPARATOR_CELL = regex.compile(r"\s*(:?)-+(:?)\s*")
_MIN_ROWS_WITHOUT_SEPARATOR = 3
_MAX_REPAIR_ROUNDS = 3  # repair and render again; each round removes mojibake


@dataclass(frozen=True)
class Table:
    """A parsed table: header, body rows (all of one width) and column alignments."""

    header: list[str]
    rows: list[list[str]]
    align: list[str]  # "", "left", "center" or "right" per column

    @property
    def records(self) -> list[dict[str, str]]:
        names = [
            _plain(name) or f"column {i + 1}" for i, name in enumerate(self.header)
        ]
        return [dict(zip(names, map(_plain, row), strict=True)) for row in self.rows]


def parse_table(text: str) -> Table | None:
    """Parse a table block, or None when it is not clearly a table.

    Clearly a table: pipe rows with a `---|---` separator row, tab-separated rows, or
    three or more pipe rows of one width. Two lines such as `grep x | tail` are not.
    """
    lines = [line for line in text.splitlines() if line.strip()]
    if all("\t" in line.strip() for line in lines) and not any(
        "|" in ln for ln in lines
    ):
        return _shaped(
            [[c.strip() for c in ln.strip().split("\t")] for ln in lines], None
        )
    rows = [[cell.strip() for cell in pipe_cells(line)] for line in lines]
    separator_at = next(
        (
            i
            for i, row in enumerate(rows)
            if all(_SEPARATOR_CELL.fullmatch(c) for c in row)
        ),
        None,
    )
    if separator_at is None:
        widths = {len(row) for row in rows}
        if len(rows) < _MIN_ROWS_WITHOUT_SEPARATOR or len(widths) != 1:
            return None
        return _shaped(rows, None)
    if separator_at != 1:
        return None
    return _shaped([rows[0], *rows[2:]], rows[1])


def _shaped(rows: list[list[str]], separator: list[str] | None) -> Table:
    width = max(len(row) for row in rows)
    padded = [row + [""] * (width - len(row)) for row in rows]
    align = [_alignment(cell) for cell in (separator or [])]
    align += [""] * (width - len(align))
    return Table(padded[0], padded[1:], align[:width])


def _alignment(cell: str) -> str:
    match = _SEPARATOR_CELL.fullmatch(cell)
    if not match:
        return ""
    left, right = bool(match.group(1)), bool(match.group(2))
    return {(True, True): "center", (False, True): "right", (True, False): "left"}.get(
        (left, right), ""
    )


def _plain(cell: str) -> str:
    """A Markdown cell as plain text: escaped pipes unescaped."""
    return cell.replace("\\|", "|")


def _markdown_cell(cell: str) -> str:
    return regex.sub(r"(?<!\\)\|", r"\\|", cell)


def render_markdown(table: Table) -> str:
    rule = {"": "---", "left": ":---", "center": ":---:", "right": "---:"}
    lines = [table.header, [rule[a] for a in table.align], *table.rows]
    return "\n".join(
        "| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in lines
    )


def render_delimited(table: Table, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerows([[_plain(c) for c in row] for row in [table.header, *table.rows]])
    return buffer.getvalue().rstrip("\n")


def render_tsv(table: Table) -> str:
    clean = [
        [regex.sub(r"[\t\n]+", " ", _plain(c)) for c in row]
        for row in [table.header, *table.rows]
    ]
    return "\n".join("\t".join(row) for row in clean)


def render_html(table: Table) -> str:
    def row(cells: list[str], tag: str) -> str:
        inner = "".join(f"<{tag}>{html.escape(_plain(c))}</{tag}>" for c in cells)
        return f"<tr>{inner}</tr>"

    lines = [
        "<table>",
        f"<thead>{row(table.header, 'th')}</thead>",
        "<tbody>",
        *(row(r, "td") for r in table.rows),
        "</tbody>",
        "</table>",
    ]
    return "\n".join(lines)


def render_json(table: Table) -> str:
    return json.dumps(table.records, ensure_ascii=False)


def render_text(table: Table) -> str:
    """One line per row, 'Header: cell; Header: cell', for training data."""
    return "\n".join(
        "; ".join(f"{name}: {value}" for name, value in record.items() if value)
        for record in table.records
    )


def _fenced(language: str, render):
    """Machine formats go in a fenced code block, which later cleaners leave alone."""
    return lambda table: f"```{language}\n{render(table)}\n```"


RENDERERS = {
    "markdown": render_markdown,
    "csv": _fenced("csv", lambda t: render_delimited(t, ",")),
    "tsv": render_tsv,
    "html": _fenced("html", render_html),
    "json": _fenced("json", render_json),
    "text": render_text,
}


@dataclass
class NormalizeTables(Cleaner):
    """Rewrite pipe tables (with or without outer pipes or a separator row) and
    tab-separated tables as well-formed GitHub Markdown, or as CSV, TSV, HTML, JSON
    records or linearised text ('Strategy: Multilateral dialogues; Description: ...').

    Every row gets the table's column count, cells are trimmed, and the spacing
    rules FixSpacing applies fix the cells too. CSV, HTML and JSON come out in a fenced
    code block (```csv ... ```) so that later cleaners, and a second run, leave them
    exactly as rendered. Lines with pipes that are not clearly a table
    (`grep x | tail`, 'Privacy | Terms') are left alone.
    """

    output: Literal["markdown", "csv", "tsv", "html", "json", "text"] = "markdown"
    fix_cell_spacing: bool = True

    def __call__(self, doc: Document) -> Document:
        if "|" not in doc.text and "\t" not in doc.text:
            return doc

        def normalize(_: int, block: Block, offset: int) -> str | None:
            if block.kind != TABLE:
                return None
            rendered = self._normalize(block.text)
            # Padding can make mojibake ftfy did not see: "Â" then " |" reads as
            # a broken no-break space. Repair it and render again until neither
            # changes, so that cleaning twice equals cleaning once.
            for _ in range(_MAX_REPAIR_ROUNDS):
                if rendered is None or not DEFAULT_REPAIR.would_change(rendered):
                    break
                repaired = DEFAULT_REPAIR.repaired(rendered)
                rendered = self._normalize(repaired) or repaired
            if rendered is not None and rendered != block.text:
                rule = f"table-{self.output}"
                doc.record(self.name, rule, block.text, rendered, offset)
            return rendered

        text = rewrite_blocks(doc.blocks(), normalize)
        if text is not None:
            doc.text = text
        return doc

    def _normalize(self, text: str) -> str | None:
        table = parse_table(text)
        if table is None:
            return None
        if self.fix_cell_spacing:
            fix = protected_rule_set("spacing").substitute
            table = Table(
                [fix(c) for c in table.header],
                [[fix(c) for c in row] for row in table.rows],
                table.align,
            )
        return RENDERERS[self.output](table)
