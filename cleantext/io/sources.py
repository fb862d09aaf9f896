"""Where the inputs are: files, folders walked for file patterns, or stdin; each
input with its format and the name its output takes under an output folder."""

from __future__ import annotations

import contextlib
import fnmatch
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cleantext.errors import InputError
from cleantext.io.compression import (
    COMPRESSION_SUFFIXES,
    compression_of,
    without_compression,
)
from cleantext.io.formats import detect_format, sniff_format
from cleantext.io.remote import RemotePath, is_url, local_path
from cleantext.io.shards import first_output
from cleantext.io.warc import WARC_SUFFIXES

_TEXT_GLOBS = (
    *("*.txt", "*.text", "*.md", "*.jsonl", "*.ndjson", "*.html", "*.htm"),
    *("*.warc", "*.wet"),
)
DEFAULT_GLOBS = (
    *_TEXT_GLOBS,
    "*.parquet",
    *(glob + suffix for suffix in COMPRESSION_SUFFIXES for glob in _TEXT_GLOBS),
)
RECORD_FORMATS = ("jsonl", "parquet", "warc")  # a document per record, not per file
STDIN_LABEL = "<stdin>"
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Source:
    """One input: a file (found directly or under a folder `root`, local or
    behind a URL) or stdin."""

    path: Path | RemotePath | None
    label: str
    format: str
    root: Path | RemotePath | None = None

    def output_name(self) -> Path:
        """Where this input goes, relative to an output folder: its own name (an
        HTML page's with `.txt`, a web archive's `.jsonl` instead of `.warc` or
        `.warc.wet`), compressed as it was."""
        assert self.path is not None
        relative = (
            self.path.relative_to(self.root) if self.root else Path(self.path.name)
        )
        if self.format not in ("html", "warc"):
            return relative
        name = without_compression(relative)
        if self.format == "html":
            name = name.with_suffix(".txt")
        else:
            while name.suffix.lower() in WARC_SUFFIXES:
                name = name.with_suffix("")
            name = name.with_name(name.name + ".jsonl")
        compressed = compression_of(relative) is not None
        return name.with_name(name.name + relative.suffix) if compressed else name


def discover(
    paths: list[str],
    globs: tuple[str, ...] = DEFAULT_GLOBS,
    forced_format: str | None = None,
    skip_dir: Path | None = None,
) -> tuple[list[Source], list[InputError]]:
    """Expand paths into sources; missing paths and empty folders become errors."""
    sources: list[Source] = []
    errors: list[InputError] = []
    for raw in paths or ["-"]:
        if raw == "-":
            sources.append(Source(None, STDIN_LABEL, forced_format or _stdin_format()))
            continue
        if is_url(raw) and local_path(raw) is None:
            try:
                found, problem = _remote(raw, globs, forced_format)
            except (InputError, OSError) as exc:
                found, problem = [], _input_error(raw, exc)
            sources.extend(found)
            errors.extend([problem] if problem else [])
            continue
        path = local_path(raw) or Path(raw)
        if path.is_dir():
            found = list(_walk(path, globs, skip_dir))
            if not found:
                errors.append(
                    InputError(raw, f"no files matching {', '.join(globs)} in folder")
                )
            sources.extend(
                Source(f, str(f), detect_format(f, forced_format), root=path)
                for f in found
            )
        elif path.exists():
            sources.append(Source(path, raw, detect_format(path, forced_format)))
        else:
            errors.append(InputError(raw, "no such file or directory"))
    return sources, errors


def _remote(
    url: str, globs: tuple[str, ...], forced_format: str | None
) -> tuple[list[Source], InputError | None]:
    """The sources behind a URL: its file, or the matching files under its
    folder; or why there are none."""
    path = RemotePath.of(url)
    if not path.is_dir():
        if not path.exists():
            return [], InputError(url, "no such file or directory")
        return [Source(path, url, detect_format(path, forced_format))], None
    found = [
        Source(file, str(file), detect_format(file, forced_format), root=path)
        for file in path.files()
        if _wanted(file.relative_to(path), globs)
    ]
    if not found:
        return [], InputError(url, f"no files matching {', '.join(globs)} in folder")
    return found, None


def _input_error(where: str, error: Exception) -> InputError:
    if isinstance(error, InputError):
        return error
    return InputError(
        where, f"cannot read: {getattr(error, 'strerror', None) or error}"
    )


def _walk(root: Path, globs: tuple[str, ...], skip_dir: Path | None) -> Iterator[Path]:
    skip = skip_dir.resolve() if skip_dir else None
    for folder, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d
            for d in dirnames
            if not d.startswith(".") and (Path(folder, d).resolve() != skip)
        )
        for name in sorted(filenames):
            path = Path(folder, name)
            if _wanted(path.relative_to(root), globs):
                yield path


def _wanted(relative: Path, globs: tuple[str, ...]) -> bool:
    """Whether a file found under a folder is taken: not hidden (nor under a
    hidden folder), and matching a pattern (by name, or by its path under the
    folder for a pattern with a slash)."""
    if any(part.startswith(".") for part in relative.parts):
        return False
    posix, name = relative.as_posix(), relative.name
    return any(fnmatch.fnmatch(posix if "/" in g else name, g) for g in globs)


def claim_outputs(
    sources: list[Source],
    output_dir: Path,
    overwrite: bool = False,
    done: Callable[[Source], bool] | None = None,
    max_file_size: int | None = None,
) -> tuple[list[Source], list[InputError]]:
    """The sources whose output under `output_dir` neither overwrites an input,
    another source's output nor (unless `overwrite`) a file already there that
    is not this run's own completed output (`done`), and an error for each of
    the others: two inputs whose names differ only in what their outputs drop
    (`raw.jsonl.gz`, `raw.warc.wet.gz`) cleaned in two runs must not silently
    replace one output with the other. A sharded output (`max_file_size`) is
    known by its first shard."""
    resolved = {s: _resolved(s.path) for s in sources if s.path}
    inputs = {path for path in resolved.values() if isinstance(path, Path)}
    claimed: dict[Path, str] = {}
    kept: list[Source] = []
    errors: list[InputError] = []
    for source in sources:
        name = first_output(source.output_name(), source.format, max_file_size)
        target = _resolved(output_dir / name)
        problem = next(
            (p for p in (resolved.get(source), target) if isinstance(p, str)), None
        )
        if problem is not None:
            errors.append(InputError(source.label, problem))
        elif target in inputs:
            errors.append(
                InputError(
                    source.label,
                    f"output {target} would overwrite an input; "
                    "use --in-place to rewrite inputs",
                )
            )
        elif target in claimed:
            errors.append(
                InputError(
                    source.label,
                    f"output {target} is also the output of {claimed[target]}",
                )
            )
        elif (
            not overwrite
            and os.path.lexists(target)
            and not (done is not None and done(source))
        ):
            errors.append(
                InputError(
                    source.label,
                    f"output {target} already exists, not completed by this "
                    "command (another run, other options, or a changed input); "
                    "--overwrite replaces it",
                )
            )
        else:
            claimed[target] = source.label
            kept.append(source)
    return kept, errors


def total_size(sources: list[Source]) -> int | None:
    """The bytes of input to read, when known: every source a text, JSONL or HTML
    file (not stdin, not Parquet and not compressed: their sizes are not their
    text's)."""
    if any(
        s.path is None or s.format == "parquet" or compression_of(s.path)
        for s in sources
    ):
        return None
    total = 0
    for source in sources:
        with contextlib.suppress(OSError):
            total += source.path.stat().st_size
    return total


def _stdin_format() -> str:
    """What stdin holds, judged from its first bytes (left unread)."""
    stream = sys.stdin.buffer
    peek = getattr(stream, "peek", None)
    return sniff_format(peek(_SNIFF_BYTES)[:_SNIFF_BYTES] if peek else b"")


def _resolved(path: Path) -> Path | str:
    """The absolute path with links followed, or why it has none (a link loop)."""
    try:
        return path.resolve()
    except RuntimeError:  # Python < 3.13 reports a symbolic link loop this way
        return "cannot read: symbolic link loop"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
