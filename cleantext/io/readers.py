"""Readers: every input format as one stream of entries, in input order.

An entry is a document to clean, with every field of the record it came from, or
an item that is none: a blank, malformed or skipped JSONL line, a null Parquet
value, a web archive record without text, an unreadable file. The batch runner
and the repeat counter read every format through `open_reader` and hold no code
of their own for any format; what each format writes back is `outputs`' work.
"""

from __future__ import annotations

import sys
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from cleantext.errors import InputError
from cleantext.io.compression import compression_of, open_input, read_input
from cleantext.io.html import extract_html
from cleantext.io.jsonl import iter_jsonl
from cleantext.io.parquet import ParquetColumn
from cleantext.io.sources import Source
from cleantext.io.text import decode_text
from cleantext.io.warc import iter_warc


@dataclass(slots=True)
class Entry:
    """One item of an input: a document to clean when `text` is set, else an
    item that makes none (`error` says what is wrong with it, if anything)."""

    source: Source
    number: int | None  # line, record or row; None for a whole-document file
    text: str | None
    doc_id: str
    size: int  # bytes of input it was read from
    fields: dict[str, Any] | None = None  # the input record's fields, text included
    metadata: dict[str, Any] = field(default_factory=dict)  # found in the input
    error: InputError | None = None
    passed: bytes | None = None  # what a JSONL output keeps in a non-record's place
    undecodable: bool = False  # `passed` is not text: kept only in place

    @property
    def all_fields(self) -> dict[str, Any]:
        """The metadata found in the input and the record's fields (which win):
        what a document's group is looked up in."""
        return {**self.metadata, **(self.fields or {})}


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are read: the field (or column) that holds the text, what to
    do with bytes that are not UTF-8, which other Parquet columns to read (None:
    all), and whether a damaged compressed file keeps what came before the
    damage (reported through `on_damage`) rather than failing whole."""

    field: str = "text"
    encoding_errors: str = "strict"
    columns: tuple[str, ...] | None = ()
    on_damage: Callable[[InputError], None] | None = None


class Reader(ABC):
    """The entries of one input. `warnings` holds what the input's reading
    found worth saying once it is read (an empty file, records skipped)."""

    def __init__(self, source: Source, options: ReadOptions) -> None:
        self.source = source
        self.options = options
        self.warnings: list[str] = []

    @abstractmethod
    def entries(self) -> Iterator[Entry]:
        """The input's entries, in order."""

    def _stream(
        self, buffered: bool, on_damage: Callable[[InputError], None] | None
    ) -> Iterator[BinaryIO]:
        """The input's bytes, decompressed; stdin when it has no path."""
        if self.source.path is None:
            yield sys.stdin.buffer
            return
        label = self.source.label
        with open_input(self.source.path, label, buffered, on_damage) as stream:
            yield stream


class WholeReader(Reader):
    """A text, Markdown or HTML file (or stdin) as one document; an HTML page's
    main text, with its title, author, date and url as metadata."""

    def entries(self) -> Iterator[Entry]:
        source = self.source
        try:
            if source.path is None:
                data = sys.stdin.buffer.read()
            else:
                data = read_input(source.path, source.label)
            text = decode_text(data, source.label, self.options.encoding_errors)
        except InputError as exc:
            yield Entry(source, None, None, source.label, 0, error=exc)
            return
        metadata: dict[str, Any] = {}
        if source.format == "html" and text.strip():
            try:
                text, metadata = extract_html(text, source.label)
            except InputError as exc:
                yield Entry(source, None, None, source.label, len(data), error=exc)
                return
        if not data:
            self.warnings.append(f"{source.label}: empty file")
        yield Entry(source, None, text, source.label, len(data), metadata=metadata)


class JsonlReader(Reader):
    """JSON lines, one record per line; lines that hold no record to clean keep
    their place (`Entry.passed`), and are reported when they are a problem."""

    def entries(self) -> Iterator[Entry]:
        source, name = self.source, self.options.field
        skipped: list[int] = []
        lines = 0
        for stream in self._stream(True, self.options.on_damage):
            errors = self.options.encoding_errors
            for line in iter_jsonl(stream, source.label, name, errors):
                lines += 1
                label = f"{source.label}:{line.number}"
                record = line.record
                if record is None:
                    if line.skipped:
                        skipped.append(line.number)
                    yield Entry(
                        source,
                        line.number,
                        None,
                        label,
                        len(line.raw),
                        error=line.error,
                        passed=line.passed,
                        undecodable=line.undecodable,
                    )
                    continue
                record_id = record.get("id")
                doc_id = str(record_id) if isinstance(record_id, (str, int)) else label
                yield Entry(
                    source, line.number, record[name], doc_id, len(line.raw), record
                )
        if not lines:
            self.warnings.append(f"{source.label}: empty file")
        if skipped:
            self.warnings.append(
                f"{source.label}: {len(skipped)} record(s) with a null or missing "
                f"{name!r} passed through unchanged (line{'s' * (len(skipped) > 1)} "
                f"{_some(skipped)})"
            )


class WarcReader(Reader):
    """A web archive: one document per record that holds a text document (its
    url, date, record id and content type kept as fields); other records are
    counted in one warning."""

    def entries(self) -> Iterator[Entry]:
        source = self.source
        skipped: Counter[str] = Counter()
        compressed = compression_of(source.path) is not None
        # warcio buffers on its own, and keeps what came before damage itself
        for stream in self._stream(False, None):
            errors = self.options.encoding_errors
            for record in iter_warc(stream, source.label, errors, compressed):
                label = f"{source.label}:{record.number}"
                doc_id = record.fields.get("record_id", label)
                text = None if record.error else record.text
                if record.error is None and record.text is None:
                    skipped[record.kind] += 1
                yield Entry(
                    source,
                    record.number,
                    text,
                    doc_id,
                    record.size,
                    record.fields,
                    record.metadata,
                    record.error,
                )
        if skipped:
            kinds = ", ".join(
                f"{count} {kind}" for kind, count in sorted(skipped.items())
            )
            self.warnings.append(
                f"{source.label}: {skipped.total()} record(s) without a text "
                f"document skipped ({kinds})"
            )


class ColumnarReader(Reader):
    """A reader whose output is its input written again with the text column
    replaced, rather than a stream of lines."""

    @abstractmethod
    def rewrite(
        self, handle: BinaryIO, values: Iterable[tuple[str | None, bool]]
    ) -> None:
        """Write the input again with its text column replaced by `values`: one
        (text, keep) per entry, in order; rows not kept are left out."""


class ParquetReader(ColumnarReader):
    """The text column of a Parquet file, row by row (a null is no document);
    its output is the file again with the column cleaned."""

    def __init__(self, source: Source, options: ReadOptions) -> None:
        super().__init__(source, options)
        if compression_of(source.path):
            raise InputError(
                source.label,
                "a compressed Parquet file: Parquet compresses its own "
                "pages; decompress the file first",
            )
        self.column = ParquetColumn.open(source, options.field)
        if self.column.file.metadata.num_rows == 0:
            self.warnings.append(f"{source.label}: empty file (no rows)")

    def entries(self) -> Iterator[Entry]:
        label = self.source.label
        rows = self.column.rows(self.options.columns)
        for number, (text, fields) in enumerate(rows, start=1):
            size = 0 if text is None else len(text.encode("utf-8", "surrogatepass"))
            yield Entry(self.source, number, text, f"{label}:{number}", size, fields)

    def rewrite(
        self, handle: BinaryIO, values: Iterable[tuple[str | None, bool]]
    ) -> None:
        self.column.write(handle, values)


_READERS: dict[str, type[Reader]] = {
    "jsonl": JsonlReader,
    "warc": WarcReader,
    "parquet": ParquetReader,
}


def open_reader(source: Source, options: ReadOptions) -> Reader:
    """The reader of `source`'s format (a whole document for text, Markdown and
    HTML); an `InputError` when the input cannot be read at all."""
    return _READERS.get(source.format, WholeReader)(source, options)


def _some(numbers: list[int], shown: int = 5) -> str:
    """The first few of `numbers`, and how many more there are."""
    text = ", ".join(map(str, numbers[:shown]))
    return text + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")
