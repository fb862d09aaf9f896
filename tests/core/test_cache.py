"""The snapshot cache: a sound snapshot is read instead of building; anything else
(corrupt, truncated, foreign, unwritable, turned off) builds, and never fails."""

from __future__ import annotations

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
