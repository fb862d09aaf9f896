"""The snapshot cache: a sound snapshot is read instead of building; anything else
(corrupt, truncated, foreign, unwritable, turned off) builds, and never fails."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from cleantext.resources import cache


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


class Builder:
    """Counts its builds, so a test can tell a read from a build."""

    def __init__(self, value: object) -> None:
        self.value, self.builds = value, 0

    def __call__(self) -> object:
        self.builds += 1
        return self.value


VALUE = {"known": frozenset({"a", "b"}), "index": {"ab": ["a", "b"]}, "n": 7}


def test_second_process_reads_the_snapshot(folder: Path) -> None:
    build = Builder(VALUE)
    assert cache.cached("words", "k1", build, lambda v: True) == VALUE
    assert cache.cached("words", "k1", build, lambda v: True) == VALUE
    assert build.builds == 1
    assert [p.name for p in folder.iterdir()] == ["words-k1.marshal"]


def test_another_key_builds_again(folder: Path) -> None:
    build = Builder(VALUE)
    cache.cached("words", "k1", build, lambda v: True)
    cache.cached("words", "k2", build, lambda v: True)
    assert build.builds == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-10],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped
        lambda data: b"something else" + data,  # not a snapshot
        lambda data: b"",
    ],
)
def test_a_damaged_snapshot_is_built_again_and_replaced(folder: Path, damage) -> None:
    build = Builder(VALUE)
    cache.cached("words", "k", build, lambda v: True)
    path = folder / "words-k.marshal"
    path.write_bytes(damage(path.read_bytes()))
    assert cache.cached("words", "k", build, lambda v: True) == VALUE
    assert build.builds == 2
    assert cache.cached("words", "k", build, lambda v: True) == VALUE
    assert build.builds == 2  # the rebuilt snapshot is sound


def test_a_snapshot_the_check_refuses_is_built_again(folder: Path) -> None:
    cache.cached("words", "k", Builder({"old": 1}), lambda v: True)
    build = Builder(VALUE)
    assert cache.cached("words", "k", build, lambda v: "known" in v) == VALUE
    assert build.builds == 1


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    build = Builder(VALUE)
    assert cache.cached("words", "k", build, lambda v: True) == VALUE
    assert cache.cached("words", "k", build, lambda v: True) == VALUE
    assert build.builds == 2
    assert blocker.read_text() == "not a folder"


def test_a_value_marshal_cannot_hold_is_returned_unstored(folder: Path) -> None:
    value = {"path": Path("x")}
    assert cache.cached("words", "k", Builder(value), lambda v: True) == value
    assert not folder.exists() or not any(folder.iterdir())


@pytest.mark.parametrize("setting", ["off", "OFF", "0", "none", ""])
def test_the_cache_can_be_turned_off(monkeypatch, setting: str) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, setting)
    assert cache.cache_dir() is None
    build = Builder(VALUE)
    cache.cached("words", "k", build, lambda v: True)
    cache.cached("words", "k", build, lambda v: True)
    assert build.builds == 2


def test_default_folder_follows_xdg(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "cleantext"


def test_fingerprint_tells_inputs_apart() -> None:
    assert cache.fingerprint(["a", b"b"]) == cache.fingerprint(["a", b"b"])
    assert cache.fingerprint(["ab"]) != cache.fingerprint(["a", "b"])
    assert cache.fingerprint(["a"]) != cache.fingerprint(["b"])


def test_the_collector_is_restored(folder: Path) -> None:
    import gc

    cache.cached("words", "k", Builder(VALUE), lambda v: True)
    cache.cached("words", "k", Builder(VALUE), lambda v: True)
    assert gc.isenabled()


# --- untrusted snapshots (issue 34, finding 5) ---


def _planted(folder: Path, value: object = "an advertisement") -> Path:
    """A sound snapshot of another value, as someone else could write it."""
    cache.cached("words", "k1", Builder(value), lambda v: True)
    return folder / "words-k1.marshal"


def test_the_cache_folder_is_private_whatever_the_umask(folder: Path) -> None:
    old = os.umask(0o002)
    try:
        cache.cached("words", "k1", Builder(VALUE), lambda v: True)
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_snapshot_others_may_write_is_not_read(folder: Path) -> None:
    _planted(folder).chmod(0o666)
    build = Builder(VALUE)
    with pytest.warns(RuntimeWarning, match="not private"):
        assert cache.cached("words", "k1", build, lambda v: True) == VALUE
    assert build.builds == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")
def test_a_snapshot_of_another_owner_is_not_read(folder: Path) -> None:
    os.chown(_planted(folder), 12345, -1)
    build = Builder(VALUE)
    with pytest.warns(RuntimeWarning, match="owned by another user"):
        assert cache.cached("words", "k1", build, lambda v: True) == VALUE


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder away")
def test_a_cache_folder_of_another_owner_is_not_used(folder: Path) -> None:
    _planted(folder)
    os.chown(folder, 12345, -1)
    build = Builder(VALUE)
    with pytest.warns(RuntimeWarning, match="owned by another user"):
        assert cache.cached("words", "k1", build, lambda v: True) == VALUE
    assert build.builds == 1


@pytest.mark.parametrize("kind", ["fifo", "link to /dev/zero", "directory"])
def test_what_is_not_a_regular_file_is_not_read(folder: Path, kind: str) -> None:
    folder.mkdir(mode=0o700)
    path = folder / "words-k1.marshal"
    if kind == "fifo":
        os.mkfifo(path, 0o600)
    elif kind == "directory":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    build = Builder(VALUE)
    with pytest.warns(RuntimeWarning, match="not a regular file"):
        assert cache.cached("words", "k1", build, lambda v: True) == VALUE


def test_a_snapshot_over_the_size_bound_is_not_read(folder, monkeypatch) -> None:
    _planted(folder)
    monkeypatch.setattr(cache, "MAX_SNAPSHOT_BYTES", 10)
    build = Builder(VALUE)
    with pytest.warns(RuntimeWarning, match="larger than"):
        assert cache.cached("words", "k1", build, lambda v: True) == VALUE


def test_any_failure_to_unmarshal_means_rebuild(folder, monkeypatch) -> None:
    _planted(folder, VALUE)

    def broken(payload):
        raise RecursionError("deep")

    monkeypatch.setattr(cache.marshal, "loads", broken)
    build = Builder(VALUE)
    assert cache.cached("words", "k1", build, lambda v: True) == VALUE
    assert build.builds == 1
