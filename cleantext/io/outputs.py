"""Outputs: what each input format writes back for its entries once cleaned.

A JSON lines input is written back line for line, each record with its text
cleaned (lines that held no record keep their place); a web archive becomes JSON
lines of its text documents with their url, date and record id; a whole document
is its cleaned text (or one JSON line, for `--output-format jsonl`); a Parquet
file is written again with its text column cleaned (`readers.ParquetReader`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cleantext.document import Document
from cleantext.io.jsonl import dump_jsonl_line
from cleantext.io.readers import Entry


@dataclass(frozen=True)
class OutputOptions:
    """How outputs are written: the field that holds the text, whether inputs
    are rewritten in place, and a whole document's form ("text" or "jsonl")."""

    field: str = "text"
    in_place: bool = False
    output_format: str = "text"


def refusal(input_format: str, options: OutputOptions, to_stdout: bool) -> str | None:
    """Why an input of this format cannot be written where the options say (to
    stdout when `to_stdout`), or None."""
    if options.in_place and input_format == "html":
        return "cannot rewrite HTML in place as text; use -o DIR"
    if to_stdout and input_format == "parquet":
        return "Parquet output needs -o DIR or --in-place"
    return None


def column_value(
    entry: Entry, doc: Document | None, keep: bool
) -> tuple[str | None, bool]:
    """A columnar output's (text, keep) for one row: a null passes through."""
    return (None, True) if doc is None else (doc.text, keep)


def output_chunk(
    entry: Entry, doc: Document | None, keep: bool, options: OutputOptions
) -> bytes | None:
    """The bytes the output holds for `entry`, cleaned into `doc` (None: it made
    no document) and kept or dropped by the filters; None for nothing."""
    return _CHUNKS.get(entry.source.format, _whole)(entry, doc, keep, options)


def _jsonl(
    entry: Entry, doc: Document | None, keep: bool, options: OutputOptions
) -> bytes | None:
    """The record with its text cleaned; a line that held no record kept in its
    place, except one that is not text, which only a rewrite in place keeps."""
    if doc is None:
        if entry.passed is None or (entry.undecodable and not options.in_place):
            return None
        return entry.passed if entry.passed.endswith(b"\n") else entry.passed + b"\n"
    if not keep:
        return None
    assert entry.fields is not None
    entry.fields[options.field] = doc.text
    return dump_jsonl_line(entry.fields)


def _warc(
    entry: Entry, doc: Document | None, keep: bool, options: OutputOptions
) -> bytes | None:
    """One JSON line per text document: its id, the record's fields, the text,
    and the metadata found (an HTML page's title, author, date)."""
    if doc is None or not keep:
        return None
    output = {"id": doc.id, **(entry.fields or {}), "text": doc.text}
    if doc.metadata:
        output["metadata"] = doc.metadata
    return dump_jsonl_line(output)


def _whole(
    entry: Entry, doc: Document | None, keep: bool, options: OutputOptions
) -> bytes | None:
    """A whole document's text, or one JSON line with its id, text and metadata."""
    if doc is None or not keep:
        return None
    if options.output_format != "jsonl":
        return doc.text.encode("utf-8", "surrogatepass")
    record = {"id": doc.id, "text": doc.text}
    if doc.metadata:
        record["metadata"] = doc.metadata
    return dump_jsonl_line(record)


_CHUNKS: dict[
    str, Callable[[Entry, Document | None, bool, OutputOptions], bytes | None]
] = {"jsonl": _jsonl, "warc": _warc}
