"""Outputs split into shards of a bounded size (`--max-file-size`): JSON lines of
one input written to `NAME-00000.jsonl.gz`, `NAME-00001.jsonl.gz`, ... each
written atomically, each holding whole lines.

The size counts the bytes of JSON lines before compression, so that the same
input gives the same shards whatever the compression; a line longer than the
limit gets a shard of its own. The names are numbered even when one shard is
enough: the same command gives the same names for any input size."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from pathlib import Path

from cleantext.io.compression import output_file, without_compression

SHARDED_FORMATS = ("jsonl", "warc")  # inputs whose output is JSON lines
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:([KMGT])(i?)B?|B?)", re.IGNORECASE)
_POWERS = {"K": 1, "M": 2, "G": 3, "T": 4}


def parse_size(text: str) -> int:
    """Bytes from `500MB`, `1.5G`, `200k`, `1000000` (decimal units; `MiB` and
    the like count in powers of 1024)."""
    found = _SIZE.fullmatch(text.strip())
    if found is None or float(found[1]) <= 0:
        raise ValueError(f"not a size: {text!r} (examples: 500MB, 1G, 200000)")
    number, unit, binary = float(found[1]), (found[2] or "").upper(), found[3]
    base = 1024 if binary else 1000
    return max(1, int(number * base ** _POWERS.get(unit, 0)))


def sharded(input_format: str, max_bytes: int | None) -> bool:
    """Whether an input's output is written in shards: a size is given and the
    output is JSON lines."""
    return max_bytes is not None and input_format in SHARDED_FORMATS


def first_output(name: Path, input_format: str, max_bytes: int | None) -> Path:
    """The first file an output named `name` is written to: its first shard
    when it is `sharded`, else itself."""
    return shard_name(name, 0) if sharded(input_format, max_bytes) else name


def shard_name(name: Path, index: int) -> Path:
    """The name of shard `index` of the output `name` (`raw.jsonl.gz` ->
    `raw-00003.jsonl.gz`)."""
    plain = without_compression(name)
    compressed = name.suffix if plain != name else ""
    stem, suffix = plain.stem, plain.suffix
    return name.with_name(f"{stem}-{index:05d}{suffix}{compressed}")


def write_output(
    target: Path, chunks: Iterable[bytes], input_format: str, max_bytes: int | None
) -> None:
    """Write an input's output `chunks` to `target`, or into its shards when it
    is `sharded`."""
    if max_bytes is not None and sharded(input_format, max_bytes):
        write_shards(target, chunks, max_bytes)
        return
    with output_file(target) as handle:
        for chunk in chunks:
            handle.write(chunk)


def write_shards(target: Path, chunks: Iterable[bytes], max_bytes: int) -> int:
    """Write `chunks` (whole lines) into shards of `target` of at most
    `max_bytes` each, and remove the numbered shards after them that an earlier
    run with more of them left; the number of shards (at least one, empty for
    no lines)."""
    count = 0
    size = 0
    with contextlib.ExitStack() as shard:
        handle = shard.enter_context(output_file(shard_name(target, count)))
        count = 1
        for chunk in chunks:
            if size and size + len(chunk) > max_bytes:
                shard.close()
                handle = shard.enter_context(output_file(shard_name(target, count)))
                count += 1
                size = 0
            handle.write(chunk)
            size += len(chunk)
    stale = count
    while shard_name(target, stale).exists():
        shard_name(target, stale).unlink()
        stale += 1
    return count
