"""JSONL, read line by line in constant memory, each line a record to clean or a
located reason it is not; records written back as one UTF-8 line each."""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from cleantext.errors import InputError
from cleantext.io.text import bom_encoding, decode_text, refuse_container


@dataclass(slots=True)
class JsonlLine:
    """One line of a JSONL input: a record to clean, or what to do instead.

    `record` is set when the line is a JSON object whose field is a string. Else
    `passed` holds the bytes the output keeps in the line's place (the line itself,
    so that line numbers still match); `undecodable` marks a line that is not text
    at all (binary or invalid UTF-8), which only a rewrite in place keeps, byte for
    byte, since a new UTF-8 output cannot carry it; `error` is a problem to report,
    and `skipped` names a record passed through on purpose (its field is null or
    missing, common in real data).
    """

    number: int
    raw: bytes
    record: dict[str, Any] | None
    error: InputError | None = None
    passed: bytes | None = None
    skipped: str | None = None
    undecodable: bool = False

    def kept(self, in_place: bool) -> bytes | None:
        """The line the output keeps in this one's place (ending in a newline), or
        None: an undecodable line is kept only when rewriting in place."""
        if self.passed is None or (self.undecodable and not in_place):
            return None
        return self.passed if self.passed.endswith(b"\n") else self.passed + b"\n"


def iter_jsonl(
    stream: BinaryIO, where: str, field: str, errors: str = "strict"
) -> Iterator[JsonlLine]:
    """Parse a JSONL stream line by line, in constant memory.

    A file that starts like a compressed file is refused whole; one that starts
    with a UTF-16 or UTF-32 byte-order mark is decoded as such. A line that is not
    valid UTF-8 is reported and marked `undecodable`; one that is not valid JSON
    (nested too deeply or holding a number too long to read included),
    not an object, or holds a field that is not a string is reported and kept as
    it is; one whose field is null or missing is kept and marked `skipped`.
    """
    lines = _jsonl_byte_lines(stream, where)
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            yield JsonlLine(number, raw, None, passed=raw)
            continue
        try:
            text = decode_text(raw, where, errors, line=number)
        except InputError as exc:
            yield JsonlLine(number, raw, None, error=exc, passed=raw, undecodable=True)
            continue
        try:
            record = json.loads(text.rstrip("\r\n"))
        except (ValueError, RecursionError) as exc:
            error = InputError(where, _malformed(exc), number)
            yield JsonlLine(number, raw, None, error=error, passed=raw)
            continue
        if not isinstance(record, dict):
            message = f"expected a JSON object, got {type(record).__name__}"
            error = InputError(where, message, number)
            yield JsonlLine(number, raw, None, error=error, passed=raw)
        elif record.get(field) is None:
            skipped = "null" if field in record else "missing"
            yield JsonlLine(number, raw, None, passed=raw, skipped=skipped)
        elif not isinstance(record[field], str):
            kind = type(record[field]).__name__
            message = (
                f"field {field!r} is {kind}, not a string (choose one with --field)"
            )
            error = InputError(where, message, number)
            yield JsonlLine(number, raw, None, error=error, passed=raw)
        else:
            yield JsonlLine(number, raw, record)


def _malformed(exc: ValueError | RecursionError) -> str:
    """Why a line is not JSON the reader accepts, in one line."""
    if isinstance(exc, json.JSONDecodeError):
        return f"malformed JSON: {exc.msg} (column {exc.colno})"
    if isinstance(exc, RecursionError):
        return "malformed JSON: nested too deeply to read"
    return f"malformed JSON: {str(exc).split(';')[0]}"  # e.g. an integer too long


def _jsonl_byte_lines(stream: BinaryIO, where: str) -> Iterator[bytes]:
    """The lines of a JSONL stream as UTF-8 bytes: UTF-16 or UTF-32 (after a
    byte-order mark) re-encoded, compressed files refused."""
    start = _peek(stream)
    refuse_container(start, where)
    encoding = bom_encoding(start)
    if encoding is None:
        return iter(stream)
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")  # type: ignore[arg-type]
    return (line.encode("utf-8", "surrogatepass") for line in text)


def _peek(stream: BinaryIO, size: int = 8) -> bytes:
    """The first bytes of `stream`, left unread."""
    peek = getattr(stream, "peek", None)
    if peek is not None:
        return peek(size)[:size]
    if stream.seekable():
        start = stream.tell()
        data = stream.read(size)
        stream.seek(start)
        return data
    return b""


def dump_jsonl_line(record: dict[str, Any]) -> bytes:
    """Serialise a record as one UTF-8 JSON line, escaping what UTF-8 cannot carry
    and writing values JSON has no type for (a Parquet row's dates, decimals,
    bytes) as strings (`_as_json`)."""
    try:
        line = json.dumps(record, ensure_ascii=False, default=_as_json)
        return (line + "\n").encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: keep them, as JSON escapes
        line = json.dumps(record, ensure_ascii=True, default=_as_json)
        return (line + "\n").encode("ascii")


def _as_json(value: Any) -> Any:
    """A JSON form of a value JSON has no type for: ISO 8601 for dates and
    times, base64 for bytes, a list for other collections, else its `str`."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)


def write_json_line(stream: BinaryIO, entry: dict[str, Any]) -> None:
    """Write `entry` to `stream` as one UTF-8 JSON line."""
    stream.write(dump_jsonl_line(entry))
