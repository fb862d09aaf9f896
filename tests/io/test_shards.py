"""Outputs split into shards of a bounded size: names, sizes, whole lines."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from cleantext.io.shards import parse_size, shard_name, write_shards
from tests.conftest import outputs


@pytest.mark.parametrize(
    ("text", "size"),
    [("500MB", 500_000_000), ("1G", 10**9), ("200k", 200_000), ("7", 7),
     ("2KiB", 2048), ("1.5 GiB", 1536 * 2**20), ("3b", 3)],
)  # fmt: skip
def test_sizes_read_as_people_write_them(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "x", "0", "-1", "5 PB", "1.5.2M"])
def test_other_sizes_are_refused(text):
    with pytest.raises(ValueError, match="not a size"):
        parse_size(text)


def test_shards_are_numbered_before_the_extensions():
    assert shard_name(Path("out/raw.jsonl.gz"), 3) == Path("out/raw-00003.jsonl.gz")
    assert shard_name(Path("CC-MAIN-1.jsonl"), 0) == Path("CC-MAIN-1-00000.jsonl")


def test_shards_hold_whole_lines_within_the_limit_and_stale_ones_go(tmp_path):
    lines = [
        json.dumps({"n": i, "text": "x" * (i % 7 * 10)}).encode() + b"\n"
        for i in range(50)
    ]
    target = tmp_path / "out.jsonl.gz"
    more = write_shards(target, lines, 100)  # an earlier run, with more shards
    count = write_shards(target, lines, 200)
    assert more > count
    assert outputs(tmp_path) == [f"out-{i:05d}.jsonl.gz" for i in range(count)]
    shards = [gzip.decompress(shard_name(target, i).read_bytes()) for i in range(count)]
    assert b"".join(shards) == b"".join(lines)
    assert all(len(shard) <= 200 and shard.endswith(b"\n") for shard in shards)
    long_line = b"y" * 500 + b"\n"
    assert write_shards(target, [long_line, b"z\n"], 200) == 2  # a shard of its own
    assert outputs(tmp_path) == ["out-00000.jsonl.gz", "out-00001.jsonl.gz"]
    assert write_shards(target, [], 200) == 1  # an empty input: one empty shard
    assert gzip.decompress(shard_name(target, 0).read_bytes()) == b""


def test_the_command_line_shards_and_resumes(run_cli, tmp_path):
    records = [{"id": i, "text": f"Record {i} says ,hello there."} for i in range(40)]
    data = tmp_path / "raw.jsonl.gz"
    data.write_bytes(
        gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    )
    whole = run_cli("clean", data, "-o", tmp_path / "whole")
    assert whole.returncode == 0, whole.stderr
    command = ("clean", data, "-o", tmp_path / "out", "--max-file-size", "1KB")
    sharded = run_cli(*command)
    assert sharded.returncode == 0, sharded.stderr
    names = outputs(tmp_path / "out")
    assert len(names) > 2 and names[0] == "raw-00000.jsonl.gz"
    joined = b"".join(
        gzip.decompress((tmp_path / "out" / n).read_bytes()) for n in names
    )
    assert joined == gzip.decompress((tmp_path / "whole" / "raw.jsonl.gz").read_bytes())
    again = run_cli(*command)
    assert again.returncode == 0 and b"1 input(s) completed" in again.stderr
    refused = run_cli("clean", data, "--max-file-size", "1KB")
    assert refused.returncode == 2 and b"--max-file-size needs -o DIR" in refused.stderr
    bad = run_cli(*command[:-1], "lots")
    assert bad.returncode == 2 and b"not a size" in bad.stderr
