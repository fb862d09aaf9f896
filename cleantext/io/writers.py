"""Outputs written atomically: to a temporary file beside the target, moved into
place only when complete, so a crash never leaves half a file and an input is only
replaced by finished content."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


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
