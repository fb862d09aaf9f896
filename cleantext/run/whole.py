"""Reading one whole-document input (a text, Markdown or HTML file, or stdin):
its text, its metadata (an HTML page's title, author, date, url) and its size."""

from __future__ import annotations

import sys

from cleantext.io.compression import read_input
from cleantext.io.html import extract_html
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
