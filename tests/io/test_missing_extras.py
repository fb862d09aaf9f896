"""Inputs that need an optional extra say which, and the run goes on."""

from __future__ import annotations

import sys


def test_zstd_without_its_package_says_how_to_get_it(run_cli, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "zstandard", None)  # import fails
    data = tmp_path / "d.jsonl.zst"
    data.write_bytes(b"(\xb5/\xfd")
    result = run_cli("clean", data)
    assert result.returncode == 1 and result.stdout == b""
    assert result.stderr.decode().splitlines()[0] == (
        f"cleantext: error: {data}: zstd-compressed files need the zstandard "
        "package: pip install 'cleantext[zstd]'"
    )


def test_a_web_archive_without_warcio_says_how_to_get_it(
    run_cli, tmp_path, monkeypatch
):
    monkeypatch.setitem(sys.modules, "warcio", None)
    archive, records = tmp_path / "a.warc", tmp_path / "b.jsonl"
    archive.write_bytes(b"WARC/1.0\r\n")
    records.write_bytes(b'{"text": "Hello ,world."}\n')
    result = run_cli("clean", archive, records)
    assert result.returncode == 1
    assert result.stdout == b'{"text": "Hello, world."}\n'  # the next input goes on
    assert result.stderr.decode().splitlines()[0] == (
        f"cleantext: error: {archive}: WARC and WET files need warcio: "
        "pip install 'cleantext[warc]'"
    )
