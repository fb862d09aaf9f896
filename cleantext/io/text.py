"""Bytes to text: UTF-8 (or UTF-16/32 after a byte-order mark), with binary data and
compressed files refused and invalid bytes located by line and column.

Every problem raises `InputError` naming the file (and line), so the caller can
report it in one line and go on with the other inputs."""

from __future__ import annotations

import regex

from cleantext.errors import InputError

_BINARY_SNIFF_BYTES = 8192
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
            where,
            f"{kind} file without its extension; name it .gz, .zst, .bz2 or .xz "
            "to read it decompressed (or pipe it through zcat)",
        )


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
