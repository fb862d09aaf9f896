"""Compressed files, chosen by their name's last extension: `.gz`, `.bz2` and `.xz`
with the standard library, `.zst` with the `zstandard` package (the `zstd` extra).

Reading gives a buffered stream of the decompressed bytes whose damage (a truncated
or corrupt stream, trailing garbage) is an `InputError` naming the file; or, for a
reader that keeps what came before, as gunzip does, an error passed to
`on_damage` and the end of the stream. Writing compresses into an atomically
written file, so a damaged or half-written output never appears."""

from __future__ import annotations

import bz2
import contextlib
import gzip
import io
import lzma
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from cleantext.errors import InputError
from cleantext.io.optional import error_classes, optional_module
from cleantext.io.writers import atomic_writer

COMPRESSION_SUFFIXES = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
_BUFFER_BYTES = 1 << 20
_DAMAGE = (EOFError, OSError, lzma.LZMAError, zlib.error)


def compression_of(path: Path | None) -> str | None:
    """The compression named by the last extension of `path` ("gzip", ...), if any."""
    if path is None:
        return None
    return COMPRESSION_SUFFIXES.get(path.suffix.lower())


def without_compression(path: Path) -> Path:
    """`path` without its compression extension (`a.jsonl.gz` -> `a.jsonl`)."""
    return path.with_suffix("") if compression_of(path) else path


@contextlib.contextmanager
def open_input(
    path: Path,
    where: str,
    buffered: bool = True,
    on_damage: Callable[[InputError], None] | None = None,
) -> Iterator[BinaryIO]:
    """`path` opened for reading, decompressed when its extension says so.

    Unbuffered, each read returns what one read of the file decompresses to, and
    damage is raised only by the read after the last good data (a buffered
    stream would lose what it had read ahead): for readers that buffer on their
    own and keep what came before the damage. With `on_damage`, damage is not
    raised: it is passed there, and the stream ends where the good data ends."""
    try:
        raw = path.open("rb")
    except IsADirectoryError:
        raise InputError(where, "is a directory") from None
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except OSError as exc:
        raise InputError(where, f"cannot read: {exc.strerror or exc}") from None
    with raw:
        kind = compression_of(path)
        if kind is None:
            yield raw
            return
        reader = _Decompressed(_READERS[kind](raw, where), kind, where, on_damage)
        if not buffered:
            with reader:
                yield reader  # type: ignore[misc]
            return
        with io.BufferedReader(reader, _BUFFER_BYTES) as stream:
            yield stream


def read_input(path: Path, where: str) -> bytes:
    """The whole (decompressed) content of `path`."""
    with open_input(path, where) as stream:
        return stream.read()


@contextlib.contextmanager
def output_file(path: Path) -> Iterator[BinaryIO]:
    """Write `path` atomically (`writers.atomic_writer`), compressed when its
    extension says so. gzip output carries no time stamp, so the same content
    gives the same bytes."""
    kind = compression_of(path)
    with atomic_writer(path) as handle:
        if kind is None:
            yield handle
            return
        with _WRITERS[kind](handle, str(path)) as stream:
            yield stream


class _Decompressed(io.RawIOBase):
    """A decompressing stream whose errors name the file and what is damaged."""

    def __init__(
        self,
        stream: BinaryIO,
        kind: str,
        where: str,
        on_damage: Callable[[InputError], None] | None = None,
    ) -> None:
        self._stream, self._kind, self._where = stream, kind, where
        self._on_damage, self._good, self._damaged = on_damage, 0, False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._damaged:
            return 0
        try:  # read1: what decompresses before damage is returned before its error
            data = self._stream.read1(len(buffer))
        except (*_DAMAGE, *error_classes("zstandard", "ZstdError")) as exc:
            if self._on_damage is None:
                raise InputError(
                    self._where, f"damaged {self._kind} data: {exc}; skipped"
                ) from None
            self._damaged = True
            self._on_damage(
                InputError(
                    self._where,
                    f"damaged {self._kind} data after {self._good:,} good bytes: "
                    f"{exc}; what came before is kept",
                )
            )
            return 0
        self._good += len(data)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        with contextlib.suppress(*_DAMAGE, *error_classes("zstandard", "ZstdError")):
            self._stream.close()
        super().close()


class _ZstdReader:
    """zstd frames decompressed one after another; input that ends inside a
    frame is an error (zstandard's own stream reader returns what it has)."""

    def __init__(self, raw: BinaryIO, decompressor) -> None:
        self._raw, self._decompressor = raw, decompressor
        self._frame = decompressor.decompressobj()
        self._pending = bytearray()
        self._in_frame = False
        self._ended = False

    def read1(self, size: int) -> bytes:
        """Up to `size` bytes: those already decompressed, else those the next
        reads of the file give (an empty result only at the end)."""
        while not self._pending and not self._ended:
            self._fill()
        data = bytes(self._pending[:size])
        del self._pending[:size]
        return data

    def _fill(self) -> None:
        chunk = self._raw.read(_BUFFER_BYTES)
        if not chunk:
            self._ended = True
            if self._in_frame:
                raise EOFError("the file ends inside a frame")
            return
        self._pending += self._feed(chunk)

    def _feed(self, data: bytes) -> bytes:
        out = []
        while data:
            if self._frame.eof:
                self._frame = self._decompressor.decompressobj()
            out.append(self._frame.decompress(data))
            data = self._frame.unused_data if self._frame.eof else b""
        self._in_frame = not self._frame.eof
        return b"".join(out)

    def close(self) -> None:
        """The raw file is closed by its opener."""


def _zstandard(where: str):
    return optional_module(
        "zstandard", where, "zstd-compressed files need the zstandard package", "zstd"
    )


# kind -> a reader of the raw stream, given the stream and the name for errors
_READERS: dict[str, Callable[[BinaryIO, str], BinaryIO]] = {
    "gzip": lambda raw, where: gzip.GzipFile(fileobj=raw, mode="rb"),
    "bzip2": lambda raw, where: bz2.BZ2File(raw, "rb"),
    "xz": lambda raw, where: lzma.LZMAFile(raw, "rb"),  # noqa: SIM115 (caller closes)
    "zstd": lambda raw, where: _ZstdReader(raw, _zstandard(where).ZstdDecompressor()),
}
# kind -> a writer into the raw stream; gzip without a time stamp
_WRITERS: dict[str, Callable[[BinaryIO, str], BinaryIO]] = {
    "gzip": lambda raw, where: gzip.GzipFile("", "wb", fileobj=raw, mtime=0),
    "bzip2": lambda raw, where: bz2.BZ2File(raw, "wb"),
    "xz": lambda raw, where: lzma.LZMAFile(raw, "wb"),  # noqa: SIM115 (caller closes)
    "zstd": lambda raw, where: (
        _zstandard(where).ZstdCompressor().stream_writer(raw, closefd=False)
    ),
}
