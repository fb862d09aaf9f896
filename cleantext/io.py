"""Read inputs and write outputs: plain text, JSONL and HTML (Parquet lives in
`cleantext.parquet`), with located errors.

Every problem with an input raises `InputError` naming the file (and line), so the CLI
can report it in one line and go on with the other inputs. Outputs are written to a
temporary file beside the target and moved into place, so a crash never leaves a
half-written file and an input is only replaced when the new content is complete.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

FORMATS = ("text", "jsonl", "parquet", "html")
_EXTENSION_FORMATS = {
    ".jsonl": "jsonl",
    ".parquet": "parquet",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
_BINARY_SNIFF_BYTES = 8192
_HTML_METADATA_FIELDS = (
    "title",
    "author",
    "date",
    "sitename",
    "url",
    "hostname",
    "description",
    "language",
)


class InputError(Exception):
    """An input, or one line of it, that cannot be processed; says where and why."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        self.where = source if line is None else f"{source}:{line}"
        super().__init__(f"{self.where}: {message}")


def detect_format(path: Path | None, forced: str | None = None) -> str:
    """The format named by `forced`, else by the file's extension, else plain text."""
    if forced:
        return forced
    if path is None:
        return "text"
    return _EXTENSION_FORMATS.get(path.suffix.lower(), "text")


def decode_text(
    data: bytes, where: str, errors: str = "strict", line: int | None = None
) -> str:
    """Decode UTF-8, refusing binary data and locating invalid bytes.

    `line` is given when `data` is one line of a larger file (a JSONL record).
    """
    nul = data.find(b"\x00", 0, _BINARY_SNIFF_BYTES)
    if nul != -1:
        what = "binary data" if line else "binary file"
        raise InputError(where, f"{what} (NUL byte at offset {nul}); skipped", line)
    try:
        return data.decode("utf-8", errors=errors)
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        position = f"column {column}" if line else f"line {row}, column {column}"
        raise InputError(
            where,
            f"invalid UTF-8 at byte {exc.start} ({position}): "
            f"{exc.reason}; use --encoding-errors=replace to substitute U+FFFD",
            line,
        ) from None


def read_bytes(path: Path, where: str) -> bytes:
    """Read a whole file, turning OS errors into `InputError`."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise InputError(where, "is a directory") from None
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None


@dataclass(slots=True)
class JsonlLine:
    """One line of a JSONL input: the parsed record, or the reason it has none."""

    number: int
    raw: bytes
    record: dict[str, Any] | None
    error: InputError | None


def iter_jsonl(
    stream: BinaryIO, where: str, field: str, errors: str = "strict"
) -> Iterator[JsonlLine]:
    """Parse a JSONL stream line by line, in constant memory.

    A line that is not valid UTF-8, not valid JSON, not an object, or lacks a string
    `field` yields an error (and no record); blank lines yield neither.
    """
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            yield JsonlLine(number, raw, None, None)
            continue
        try:
            record = json.loads(decode_text(raw, where, errors, line=number))
        except InputError as exc:
            yield JsonlLine(number, raw, None, exc)
            continue
        except json.JSONDecodeError as exc:
            message = f"malformed JSON: {exc.msg} (column {exc.colno})"
            yield JsonlLine(number, raw, None, InputError(where, message, number))
            continue
        problem = _record_problem(record, field)
        if problem:
            yield JsonlLine(number, raw, None, InputError(where, problem, number))
        else:
            yield JsonlLine(number, raw, record, None)


def _record_problem(record: Any, field: str) -> str | None:
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    if field not in record:
        return f"no field {field!r} (choose one with --field)"
    if not isinstance(record[field], str):
        return f"field {field!r} is {type(record[field]).__name__}, not a string"
    return None


def dump_jsonl_line(record: dict[str, Any]) -> bytes:
    """Serialise a record as one UTF-8 JSON line, escaping what UTF-8 cannot carry."""
    try:
        return (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: keep them, as JSON escapes
        return (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")


def extract_html(html: str, where: str) -> tuple[str, dict[str, str]]:
    """The main text of an HTML page (as Markdown) and its metadata, via trafilatura."""
    import trafilatura  # heavy: imported only when HTML is actually read
    from trafilatura.metadata import extract_metadata

    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        with_metadata=False,
    )
    if not text:
        raise InputError(where, "no main text found in the HTML page")
    metadata = {}
    found = extract_metadata(html)
    if found is not None:
        for name in _HTML_METADATA_FIELDS:
            value = getattr(found, name, None)
            if isinstance(value, str) and value:
                metadata[name] = value
    return text, metadata


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Write `path` through a temporary sibling file that replaces it only on success.

    An existing file keeps its permission bits.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, then moved)
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _mode_for(path))
        os.replace(handle.name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        raise


def _mode_for(path: Path) -> int:
    """The existing file's permission bits, or what a new file would get."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
