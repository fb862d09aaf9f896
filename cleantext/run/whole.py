"""One whole-document input (a text, Markdown or HTML file, or stdin): reading
its text, its metadata (an HTML page's title, author, date, url) and its size,
and writing it cleaned."""

from __future__ import annotations

import sys

from cleantext.document import Document
from cleantext.io.compression import read_input
from cleantext.io.html import extract_html
from cleantext.io.jsonl import dump_jsonl_line
from cleantext.io.sources import Source
from cleantext.io.text import decode_text


def read_whole(source: Source, encoding_errors: str) -> tuple[str, dict[str, str], int]:
    """The text of a whole-document input, its metadata and its size in bytes; an
    `InputError` says what is wrong with it."""
    if source.path is None:
        data = sys.stdin.buffer.read()
    else:
        data = read_input(source.path, source.label)
    text = decode_text(data, source.label, encoding_errors)
    if source.format == "html" and text.strip():
        return (*extract_html(text, source.label), len(data))
    return text, {}, len(data)


def whole_output(doc: Document, output_format: str) -> bytes:
    """A cleaned whole-document file as it is written: its text, or, for JSONL
    output, one line with its id, text and metadata."""
    if output_format != "jsonl":
        return doc.text.encode("utf-8", "surrogatepass")
    record = {"id": doc.id, "text": doc.text}
    if doc.metadata:
        record["metadata"] = doc.metadata
    return dump_jsonl_line(record)
