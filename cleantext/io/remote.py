"""Inputs named by URL: `file://` is a local path; `s3://`, `gs://`, `hf://`,
`https://` and every other protocol fsspec knows are read through fsspec (the
`remote` extra, plus the protocol's own package: s3fs, gcsfs, huggingface_hub,
aiohttp), with an error naming the package when one is missing.

A `RemotePath` offers the few things the readers ask of a `pathlib.Path`: its
name and suffix (formats and compression go by them, as for local files),
`open("rb")`, `stat()`, `relative_to()` a folder URL (the output's name),
`exists()` and `is_dir()`. Outputs are local."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, NamedTuple
from urllib.parse import unquote, urlparse

from cleantext.errors import InputError
from cleantext.io.optional import optional_module

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")  # two letters at least: not C:\


def is_url(name: str) -> bool:
    """Whether an input is named by URL (`s3://bucket/key`, `file:///tmp/a`)."""
    return _URL.match(name) is not None


def local_path(url: str) -> Path | None:
    """The local path of a `file://` URL, else None."""
    parsed = urlparse(url)
    if parsed.scheme != "file":
        return None
    return Path(
        unquote(parsed.netloc + parsed.path) if parsed.netloc else unquote(parsed.path)
    )


@dataclass(frozen=True)
class RemotePath:
    """A file or folder behind a URL, read through fsspec."""

    url: str
    _fs: Any = field(compare=False, repr=False)
    _path: str = field(compare=False, repr=False)

    @classmethod
    def of(cls, url: str) -> RemotePath:
        """`url` with its filesystem; an `InputError` when fsspec, or the package
        its protocol needs, is not installed."""
        fsspec = optional_module("fsspec", url, "reading URLs needs fsspec", "remote")
        try:
            fs, path = fsspec.core.url_to_fs(url)
        except ImportError as exc:  # fsspec names the protocol's package
            raise InputError(url, f"cannot read this URL: {exc}") from None
        except ValueError as exc:
            raise InputError(url, f"not a URL fsspec knows: {exc}") from None
        return cls(url.rstrip("/"), fs, path.rstrip("/"))

    @property
    def name(self) -> str:
        return PurePosixPath(self._path).name

    @property
    def suffix(self) -> str:
        return PurePosixPath(self._path).suffix

    def with_suffix(self, suffix: str) -> Path:
        return Path(self.name).with_suffix(suffix)

    def __str__(self) -> str:
        return self.url

    def open(self, mode: str = "rb") -> BinaryIO:
        if mode != "rb":
            raise ValueError("remote inputs are read only")
        try:
            return self._fs.open(self._path, "rb")
        except FileNotFoundError:
            raise FileNotFoundError(2, "no such file", self.url) from None

    def stat(self) -> RemoteStat:
        """Its size and modification time (0 where the store gives none)."""
        info = self._fs.info(self._path)
        modified = next(
            (info[key] for key in _MODIFIED if info.get(key) is not None), None
        )
        if hasattr(modified, "timestamp"):
            modified = modified.timestamp()
        seconds = float(modified) if isinstance(modified, (int, float)) else 0.0
        return RemoteStat(int(info.get("size") or 0), int(seconds * 1e9))

    def exists(self) -> bool:
        return bool(self._fs.exists(self._path))

    def is_dir(self) -> bool:
        return bool(self._fs.isdir(self._path))

    def resolve(self) -> RemotePath:
        return self

    def relative_to(self, root: RemotePath) -> Path:
        return Path(PurePosixPath(self._path).relative_to(root._path))

    def files(self) -> Iterator[RemotePath]:
        """The files under this folder, at any depth, sorted."""
        for path in sorted(self._fs.find(self._path)):
            yield RemotePath(self._fs.unstrip_protocol(path), self._fs, path)


class RemoteStat(NamedTuple):
    """What `stat()` tells of a remote file."""

    st_size: int
    st_mtime_ns: int


# The names stores give a file's modification time in `fs.info()`.
_MODIFIED = ("mtime", "LastModified", "updated", "last_modified", "created")
