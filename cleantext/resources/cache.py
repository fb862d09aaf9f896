"""Snapshots of expensive built data (the lexicon) in the user's cache directory,
so that a fresh process, such as a Dask, Ray or Spark worker, loads in a fraction
of the time it takes to build them.

A snapshot is a `marshal` payload of plain built-in values behind a magic line and
the SHA-256 of the payload; its file name carries a fingerprint of everything the
value was built from (package versions, data files, the code that builds it, this
Python's marshal format), so a changed input never reads a stale value. The cache
is an optimisation only: an unreadable, corrupt or foreign file is ignored, and a
directory that cannot be written is left alone. It lives in `$CLEANTEXT_CACHE_DIR`
if set (`off` turns it off), else `$XDG_CACHE_HOME/cleantext` or
`~/.cache/cleantext`, and may be deleted at any time.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

CACHE_ENV = "CLEANTEXT_CACHE_DIR"
_OFF = {"off", "0", "false", "no", "none"}
_MAGIC = b"cleantext-snapshot 1\n"
_DIGEST = 32  # bytes of SHA-256

T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where snapshots are kept, or None when the cache is turned off."""
    value = os.environ.get(CACHE_ENV)
    if value is not None:
        return (
            None if value.strip().lower() in _OFF or not value.strip() else Path(value)
        )
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cleantext"


def fingerprint(parts: Iterable[str | bytes]) -> str:
    """A short hash of what a value is built from, with this Python's marshal
    format (a snapshot is read only by the Python version that wrote it)."""
    digest = hashlib.sha256(f"{sys.version_info[:2]} {marshal.version}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()[:20]


def snapshot_path(name: str, key: str) -> Path | None:
    """The file a snapshot of `name` built from `key` lives in (None: cache off)."""
    folder = cache_dir()
    return None if folder is None else folder / f"{name}-{key}.marshal"


def cached(
    name: str, key: str, build: Callable[[], T], check: Callable[[T], bool]
) -> T:
    """The value of `build()`, read from its snapshot when there is a sound one
    (`check` accepts it), else built and stored for the next process."""
    path = snapshot_path(name, key)
    if path is not None:
        value = _read(path)
        if value is not None and check(value):
            return value
    with _collector_paused():
        value = build()
    if path is not None:
        _write(path, value)
    return value


def _read(path: Path) -> object | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + _DIGEST
    if not data.startswith(_MAGIC) or len(data) < head:
        return None
    payload = memoryview(data)[head:]
    if hashlib.sha256(payload).digest() != data[len(_MAGIC) : head]:
        return None  # truncated or altered: build again
    try:
        with _collector_paused():
            return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


def _write(path: Path, value: object) -> None:
    """Store `value` atomically (a reader sees the old file or the whole new one);
    a cache that cannot be written is not an error."""
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}."
        )
        try:
            with open(descriptor, "wb") as handle:
                handle.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return


@contextmanager
def _collector_paused():
    """Pause the cyclic garbage collector while a million small objects are made:
    it would otherwise scan them again and again (a third of the load time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
