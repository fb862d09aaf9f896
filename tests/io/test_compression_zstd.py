"""zstd-compressed files (the `zstd` extra): read and written like the others."""

from __future__ import annotations

import json

from tests.conftest import require_extra

require_extra("zstd", "zstandard")

import zstandard  # noqa: E402


def test_zstd_jsonl_is_read_and_written_compressed(run_cli, tmp_path):
    lines = [json.dumps({"text": "Hello ,world."}), json.dumps({"text": None})]
    data = tmp_path / "d.jsonl.zst"
    data.write_bytes(zstandard.ZstdCompressor().compress("\n".join(lines).encode()))
    out = tmp_path / "out"
    result = run_cli("clean", data, "-o", out)
    assert result.returncode == 0, result.stderr
    written = zstandard.ZstdDecompressor().stream_reader((out / data.name).open("rb"))
    assert [json.loads(line) for line in written.read().splitlines()] == [
        {"text": "Hello, world."},
        {"text": None},
    ]


def test_damaged_zstd_data_is_reported(run_cli, tmp_path):
    data = tmp_path / "d.txt.zst"
    data.write_bytes(zstandard.ZstdCompressor().compress(b"Hello there." * 500)[:20])
    result = run_cli("clean", data)
    assert result.returncode == 1
    assert "damaged zstd data" in result.stderr.decode()


def test_a_file_of_several_zstd_frames_reads_whole(tmp_path):
    from cleantext.io.compression import read_input

    frames = [zstandard.ZstdCompressor().compress(b"part %d\n" % i) for i in range(3)]
    data = tmp_path / "d.txt.zst"
    data.write_bytes(b"".join(frames))
    assert read_input(data, "d") == b"part 0\npart 1\npart 2\n"
