"""Outputs written atomically: to a temporary file beside the target, moved into
place only when complete, so a crash never leaves half a file and an input is only
replaced by finished content.

A temporary file is named `.NAME.cleantext-PID@HOST.RANDOM.tmp`. A run that was
killed cannot remove its own; the next process that writes into the same folder
removes those of this host whose process no longer runs, once per folder (a scan
per file written made 10,000 outputs take minutes). Another host's temporaries,
on a shared volume, are never touched: a process id says nothing across hosts."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[BinaryIO]:
    """Write `path` through a temporary sibling file that replaces it only on success.

    An existing file keeps its permission bits. The temporary file's name holds the
    writer's host and process id, so that the next run can tell a killed run's
    file from a live one's.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep_once(path.parent)
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed, then moved)
            dir=path.parent,
            prefix=f".{path.name}.cleantext-{os.getpid()}@{HOST}.",
            suffix=".tmp",
            delete=False,
        )
    except OSError as exc:
        raise _naming(exc, path) from None
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _mode_for(path))
        os.replace(handle.name, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(handle.name)
        if isinstance(exc, OSError) and exc.filename == handle.name:
            raise _naming(exc, path) from None
        raise


def _naming(error: OSError, path: Path) -> OSError:
    """`error` as it concerns `path`, not the hidden temporary file behind it."""
    return type(error)(error.errno, error.strerror, str(path))


# This host, as it appears in temporary names (no dots: the name's fields).
HOST = re.sub(r"[^A-Za-z0-9-]", "_", socket.gethostname()) or "host"
_TEMPORARY = re.compile(r"\..+\.cleantext-(\d+)@([A-Za-z0-9_-]+)\.[^.]+\.tmp")
_swept: set[str] = set()  # folders this process has swept already


def _sweep_once(folder: Path) -> None:
    key = os.path.realpath(folder)
    if key not in _swept:
        _swept.add(key)
        remove_stale_temporaries(folder)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporary files in `folder` that a writer of this host left
    when it was killed (its process no longer runs); return them."""
    removed = []
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            found = _TEMPORARY.fullmatch(entry.name)
            if found is None or found[2] != HOST or _process_runs(int(found[1])):
                continue
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
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
