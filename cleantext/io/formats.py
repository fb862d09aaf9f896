"""Which format an input is: by its name's extension, or, for stdin, by its first
bytes."""

from __future__ import annotations

import json
from pathlib import Path

import regex

from cleantext.io.compression import without_compression

FORMATS = ("text", "jsonl", "parquet", "html", "warc")
_EXTENSION_FORMATS = {
    ".jsonl": "jsonl",
    ".parquet": "parquet",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".warc": "warc",
    ".wet": "warc",
}


def detect_format(path: Path | None, forced: str | None = None) -> str:
    """The format named by `forced`, else by the file's extension (under a
    compression extension: `a.jsonl.gz` is JSONL), else plain text."""
    if forced:
        return forced
    if path is None:
        return "text"
    return _EXTENSION_FORMATS.get(without_compression(path).suffix.lower(), "text")


def names_jsonl_file(path: Path | None) -> bool:
    """Whether an output path names one JSONL file (`out.jsonl`, `out.jsonl.gz`)
    rather than a folder."""
    return path is not None and not path.is_dir() and detect_format(path) == "jsonl"


# Byte-order marks of the encodings decoded besides UTF-8, longest first (a UTF-32
# little-endian mark begins with the UTF-16 one).
_HTML_START = regex.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body)\b",
    regex.IGNORECASE | regex.DOTALL,
)


def sniff_format(head: bytes) -> str:
    """The format of input that starts with `head` and has no name to go by
    (stdin): "html" for an HTML page, "warc" for a web archive, "jsonl" when its
    first line is a JSON object, else "text"."""
    if _HTML_START.match(head):
        return "html"
    if head.startswith(b"WARC/"):
        return "warc"
    first, newline, _ = head.lstrip().partition(b"\n")
    if not first.startswith(b"{"):
        return "text"
    if not newline:  # a first line longer than `head` (or the only line)
        return "jsonl" if first.startswith(b'{"') else "text"
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else "text"
    except (ValueError, UnicodeDecodeError):
        return "text"
