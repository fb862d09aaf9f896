"""Read inputs and write outputs: plain text, JSONL and HTML (Parquet lives in
`cleantext.parquet`), with located errors.

Every problem with an input raises `InputError` naming the file (and line), so the CLI
can report it in one line and go on with the other inputs. Outputs are written to a
temporary file beside the target and moved into place, so a crash never leaves a
half-written file and an input is only replaced when the new content is complete.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import regex

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


# Byte-order marks of the encodings decoded besides UTF-8, longest first (a UTF-32
# little-endian mark begins with the UTF-16 one).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Magic numbers of the archives and compressed files people hand to a text tool.
_CONTAINERS = (
    (regex.compile(rb"\x1f\x8b"), "gzip-compressed"),
    (regex.compile(rb"\x28\xb5\x2f\xfd"), "zstd-compressed"),
    (regex.compile(rb"BZh[1-9]1AY&SY"), "bzip2-compressed"),
    (regex.compile(rb"\xfd7zXZ\x00"), "xz-compressed"),
    (regex.compile(rb"PK\x03\x04"), "a zip archive"),
)


def bom_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 codec named by the byte-order mark `data` starts with."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def container_kind(data: bytes) -> str | None:
    """What compressed file or archive `data` starts like, if any."""
    return next((kind for magic, kind in _CONTAINERS if magic.match(data)), None)


def refuse_container(data: bytes, where: str) -> None:
    """Raise an `InputError` when `data` starts like a compressed file or archive."""
    kind = container_kind(data)
    if kind is not None:
        raise InputError(
            where, f"{kind} file; decompress it first (for example with zcat)"
        )


_HTML_START = regex.compile(
    rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"<(?:!doctype\s+html|html|head|body)\b",
    regex.IGNORECASE | regex.DOTALL,
)


def sniff_format(head: bytes) -> str:
    """The format of input that starts with `head` and has no name to go by
    (stdin): "html" for an HTML page, "jsonl" when its first line is a JSON
    object, else "text"."""
    if _HTML_START.match(head):
        return "html"
    first, newline, _ = head.lstrip().partition(b"\n")
    if not first.startswith(b"{"):
        return "text"
    if not newline:  # a first line longer than `head` (or the only line)
        return "jsonl" if first.startswith(b'{"') else "text"
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else "text"
    except (ValueError, UnicodeDecodeError):
        return "text"


def decode_text(
    data: bytes, where: str, errors: str = "strict", line: int | None = None
) -> str:
    """Decode UTF-8 (or UTF-16/32 after their byte-order mark), refusing binary data
    and compressed files, and locating invalid bytes.

    `line` is given when `data` is one line of a larger file (a JSONL record).
    """
    encoding = bom_encoding(data) if line is None else None
    if encoding is None:
        if line is None:
            refuse_container(data, where)
        nul = data.find(b"\x00", 0, _BINARY_SNIFF_BYTES)
        if nul != -1:
            what = "binary data" if line else "binary file"
            raise InputError(where, f"{what} (NUL byte at offset {nul}); skipped", line)
    try:
        return data.decode(encoding or "utf-8", errors=errors)
    except UnicodeDecodeError as exc:
        row = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        position = f"column {column}" if line else f"line {row}, column {column}"
        name = {"utf-16": "UTF-16", "utf-32": "UTF-32"}.get(encoding, "UTF-8")
        raise InputError(
            where,
            f"invalid {name} at byte {exc.start} ({position}): "
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
    """One line of a JSONL input: a record to clean, or what to do instead.

    `record` is set when the line is a JSON object whose field is a string. Else
    `passed` holds the bytes the output keeps in the line's place (the line itself,
    so that line numbers still match), or None for a line that is not text at all
    (binary or invalid UTF-8: it must never reach the output); `error` is a problem
    to report, and `skipped` names a record passed through on purpose (its field
    is null or missing, common in real data).
    """

    number: int
    raw: bytes
    record: dict[str, Any] | None
    error: InputError | None = None
    passed: bytes | None = None
    skipped: str | None = None


def iter_jsonl(
    stream: BinaryIO, where: str, field: str, errors: str = "strict"
) -> Iterator[JsonlLine]:
    """Parse a JSONL stream line by line, in constant memory.

    A file that starts like a compressed file is refused whole; one that starts
    with a UTF-16 or UTF-32 byte-order mark is decoded as such. A line that is not
    valid UTF-8 is reported and left out of the output; one that is not valid JSON,
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
            yield JsonlLine(number, raw, None, error=exc)
            continue
        try:
            record = json.loads(text.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            message = f"malformed JSON: {exc.msg} (column {exc.colno})"
            error = InputError(where, message, number)
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

    An existing file keeps its permission bits. The temporary file's name holds the
    writer's process id: a run that was killed (and so could not remove its own)
    leaves one behind, and the next run writing the same file removes it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, then moved)
        dir=path.parent,
        prefix=f"{_temporary_prefix(path)}{os.getpid()}.",
        suffix=".tmp",
        delete=False,
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


def _temporary_prefix(path: Path) -> str:
    return f".{path.name}.cleantext-"


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files of `atomic_writer(path)` whose writer process no
    longer runs; return them."""
    prefix = _temporary_prefix(path)
    removed = []
    with contextlib.suppress(OSError):
        for candidate in path.parent.iterdir():
            name = candidate.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            pid = name[len(prefix) :].partition(".")[0]
            if pid.isdigit() and not _process_runs(int(pid)):
                with contextlib.suppress(FileNotFoundError):
                    candidate.unlink()
                    removed.append(candidate)
    return removed


def _process_runs(pid: int) -> bool:
    """Whether process `pid` exists (assumed so where that cannot be asked)."""
    if os.name != "posix":
        return True  # os.kill(pid, 0) would stop the process on Windows
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _mode_for(path: Path) -> int:
    """The existing file's permission bits, or what a new file would get."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
