"""Atomic outputs: temporary siblings named by host and process, and stale ones
(a killed run's) removed once per folder per run, never another host's."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleantext.io import writers


@pytest.fixture(autouse=True)
def fresh_run(monkeypatch):
    monkeypatch.setattr(writers, "_swept", set())


def _dead_pid() -> int:
    pid = 2**22 + 12345  # above Linux's default pid_max
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    return pid


def test_a_dead_writers_temporary_on_this_host_is_removed(tmp_path: Path):
    stale = tmp_path / f".a.txt.cleantext-{_dead_pid()}@{writers.HOST}.x1.tmp"
    stale.write_text("half")
    with writers.atomic_writer(tmp_path / "b.txt") as handle:
        handle.write(b"done")
    assert not stale.exists()
    assert (tmp_path / "b.txt").read_bytes() == b"done"


def test_another_hosts_temporary_is_left_alone(tmp_path: Path):
    """On a shared volume a process id means nothing across hosts."""
    theirs = tmp_path / f".a.txt.cleantext-{_dead_pid()}@elsewhere.x1.tmp"
    legacy = tmp_path / f".a.txt.cleantext-{_dead_pid()}.x2.tmp"  # no host named
    for path in (theirs, legacy):
        path.write_text("being written")
    with writers.atomic_writer(tmp_path / "a.txt") as handle:
        handle.write(b"done")
    assert theirs.exists() and legacy.exists()


def test_a_folder_is_swept_once_per_run_not_once_per_file(tmp_path, monkeypatch):
    """Writing 10,000 files to one folder took 176 s: each write listed it."""
    listings = []
    real = os.scandir

    def counting(path="."):
        listings.append(path)
        return real(path)

    monkeypatch.setattr(writers.os, "scandir", counting)
    for i in range(200):
        with writers.atomic_writer(tmp_path / f"{i}.txt") as handle:
            handle.write(b"x")
    assert len(listings) == 1
    assert len(list(tmp_path.iterdir())) == 200
