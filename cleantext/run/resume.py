"""Resuming a stopped run: a re-run of the same command skips the outputs it
completed and finishes the rest.

Under `-o DIR`, each input's output gets a completion marker in `DIR/.cleantext/`
once the output is in place (written last, atomically, as every output is). The
marker names the input (path, size, modification time) and the run (a digest of
the pipeline's configuration, the filters, the options that shape the output and
the cleantext version): a later run skips an input only when all of them match
and the output is still there. What the input gave to `--rejected` and
`--report` is kept beside its marker and written again into this run's files, so
that they hold every document, as if the run had never stopped.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from cleantext.io.compression import output_file
from cleantext.io.shards import first_output
from cleantext.io.sources import Source

MARKERS = ".cleantext"  # hidden: folder walks skip it when DIR is read again
SIDE_OUTPUTS = ("rejected", "report")


def run_digest(settings: dict[str, Any]) -> str:
    """A digest of everything that shapes a run's outputs: `settings` (options
    and configuration) and the built-in rule files and model, which change
    between versions and in a development install."""
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True, default=str).encode())
    rules = resources.files("cleantext.rules")
    for entry in sorted(rules.iterdir(), key=lambda entry: entry.name):
        if entry.is_file():
            digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Completions:
    """The completion markers of the outputs under `root` for the run `digest`;
    with `resume` false (`--overwrite`), none counts as done, and markers are
    still written for the next run."""

    root: Path
    digest: str
    resume: bool = True
    max_file_size: int | None = None  # outputs sharded: known by their first shard

    def is_done(self, source: Source) -> bool:
        """Whether this run completed `source` before: its output is there and
        its marker names the same input, unchanged, and the same run."""
        if not self.resume or source.path is None:
            return False
        name = first_output(source.output_name(), source.format, self.max_file_size)
        if not (self.root / name).exists():
            return False
        try:
            marker = json.loads(self._marker(source).read_text("utf-8"))
        except (OSError, ValueError):
            return False
        return marker == self._marker_for(source)

    @contextlib.contextmanager
    def completing(
        self, source: Source, streams: dict[str, BinaryIO | None]
    ) -> Iterator[dict[str, BinaryIO | None]]:
        """Around the cleaning of `source`: the side output streams to write to
        instead of `streams` (each also kept beside the marker), and the marker
        written once the cleaning ended without an exception."""
        with contextlib.ExitStack() as stack:
            kept = {
                kind: stack.enter_context(output_file(self._side(source, kind)))
                for kind, stream in streams.items()
                if stream is not None
            }
            yield {
                kind: _Tee(stream, kept[kind]) if stream is not None else None
                for kind, stream in streams.items()
            }
        with output_file(self._marker(source)) as handle:
            handle.write(json.dumps(self._marker_for(source)).encode() + b"\n")

    def saved_lines(self, source: Source, kind: str) -> Iterator[bytes]:
        """The lines a completed `source` gave to the side output `kind`."""
        side = self._side(source, kind)
        if side.exists():
            with side.open("rb") as saved:
                yield from saved

    def _marker(self, source: Source) -> Path:
        return self.root / MARKERS / f"{source.output_name()}.done.json"

    def _side(self, source: Source, kind: str) -> Path:
        return self.root / MARKERS / f"{source.output_name()}.{kind}.jsonl"

    def _marker_for(self, source: Source) -> dict[str, Any]:
        assert source.path is not None
        stat = source.path.stat()
        return {
            "input": str(source.path.resolve()),
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "run": self.digest,
        }


@dataclass
class _Tee:
    """A stream that writes to two."""

    first: BinaryIO
    second: BinaryIO

    def write(self, data: bytes) -> int:
        self.first.write(data)
        return self.second.write(data)
