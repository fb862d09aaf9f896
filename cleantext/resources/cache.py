"""Snapshots of expensive built data (the lexicon) in the user's cache directory,
so that a fresh process, such as a Dask, Ray or Spark worker, loads in a fraction
of the time it takes to build them.

A snapshot is a `marshal` payload of plain built-in values behind a magic line and
the SHA-256 of the payload; its file name carries a fingerprint of everything the
value was built from (package versions, data files, the code that builds it, this
Python's marshal format), so a changed input never reads a stale value. The cache
is an optimisation only: any snapshot that cannot be read whole and sound means
"build again", and a directory that cannot be written is left alone. It lives in
`$CLEANTEXT_CACHE_DIR` if set (`off` turns it off), else
`$XDG_CACHE_HOME/cleantext` or `~/.cache/cleantext`, and may be deleted at any
time.

The digest proves a snapshot whole, not who wrote it, so a snapshot is trusted
only as far as its place is private: the folder is made 0700, and a folder or
file owned by another user, writable by others, not a regular file (a FIFO, a
link to /dev/zero) or larger than `MAX_SNAPSHOT_BYTES` is not read, with one
warning; it is opened without following links and without blocking.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import stat
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

CACHE_ENV = "CLEANTEXT_CACHE_DIR"
_OFF = {"off", "0", "false", "no", "none"}
_MAGIC = b"cleantext-snapshot 1\n"
_DIGEST = 32  # bytes of SHA-256
MAX_SNAPSHOT_BYTES = 256 * 2**20  # the lexicon's is 16 MB
_warned: set[str] = set()

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
    """The value in `path`'s snapshot, or None for anything but a sound,
    private snapshot."""
    if not _private(path.parent, folder=True):
        return None
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except FileNotFoundError:
        return None
    except OSError:  # ELOOP: a symbolic link; or not readable
        _warn(path, "not a regular file, or not readable")
        return None
    try:
        if not _private(path, os.fstat(descriptor)):
            return None
        data = _read_all(descriptor)
    finally:
        os.close(descriptor)
    head = len(_MAGIC) + _DIGEST
    if not data.startswith(_MAGIC) or len(data) < head:
        return None
    payload = memoryview(data)[head:]
    if hashlib.sha256(payload).digest() != data[len(_MAGIC) : head]:
        return None  # truncated or altered: build again
    try:
        with _collector_paused():
            return marshal.loads(payload)
    except Exception:  # whatever the payload does, the answer is "build again"
        return None


def _read_all(descriptor: int) -> bytes:
    chunks, size = [], 0
    while size <= MAX_SNAPSHOT_BYTES and (chunk := os.read(descriptor, 1 << 22)):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _private(
    path: Path, status: os.stat_result | None = None, folder: bool = False
) -> bool:
    """Whether `path` is this user's own, writable by no one else, and of the
    right kind and size; warns once per path when it is not."""
    try:
        status = status or os.stat(path, follow_symlinks=False)
    except FileNotFoundError:
        return True  # nothing there yet: nothing to distrust
    except OSError:
        return False
    problem = _problem(status, folder)
    if problem is not None:
        _warn(path, problem)
    return problem is None


def _problem(status: os.stat_result, folder: bool) -> str | None:
    """Why a snapshot (or its folder) with this status is not to be trusted."""
    if folder and not stat.S_ISDIR(status.st_mode):
        return "not a folder"
    if not folder and not stat.S_ISREG(status.st_mode):
        return "not a regular file"
    if status.st_uid != os.geteuid():
        return "owned by another user"
    if status.st_mode & 0o022:
        return "not private (others may write it)"
    if not folder and status.st_size > MAX_SNAPSHOT_BYTES:
        return f"larger than {MAX_SNAPSHOT_BYTES:,} bytes"
    return None


def _warn(path: Path, problem: str) -> None:
    if str(path) not in _warned:
        _warned.add(str(path))
        warnings.warn(
            f"cleantext cache: {path} is {problem}; not read (building instead)",
            RuntimeWarning,
            stacklevel=4,
        )


def _write(path: Path, value: object) -> None:
    """Store `value` atomically (a reader sees the old file or the whole new one);
    a cache that cannot be written is not an error."""
    try:
        payload = marshal.dumps(value)
    except ValueError:
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(path.parent, 0o700)  # mkdir's mode yields to the umask
        if not _private(path.parent, folder=True):
            return
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
