"""The job behind `cleantext clean`: find inputs, clean each by format, write outputs.

Inputs are files, folders (walked recursively, filtered by glob patterns) or stdin.
Each input is processed independently: an `InputError` is reported and the job goes on.
Outputs go to stdout, to a mirror of the input names under an output folder, or back
over the input (only with `in_place`), always written atomically.
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from cleantext.document import Document
from cleantext.io import (
    InputError,
    JsonlLine,
    atomic_writer,
    decode_text,
    detect_format,
    dump_jsonl_line,
    extract_html,
    iter_jsonl,
    read_bytes,
    sniff_format,
)
from cleantext.parquet import ParquetColumn
from cleantext.pipeline import Pipeline
from cleantext.progress import Progress
from cleantext.quality import QualityFilter, compute_signals
from cleantext.render import colourise_diff, format_edits, unified_diff

DEFAULT_GLOBS = (
    "*.txt",
    "*.text",
    "*.md",
    "*.jsonl",
    "*.ndjson",
    "*.parquet",
    "*.html",
    "*.htm",
)
RECORD_FORMATS = ("jsonl", "parquet")  # one document per record, not per file
# Worker processes start only once this much text is waiting: for less, cleaning it
# takes about as long as starting them (forking, sending the pipeline).
WORKER_THRESHOLD_CHARS = 256_000
STDIN_LABEL = "<stdin>"
_SNIFF_BYTES = 8192
Item = TypeVar("Item")


@dataclass(frozen=True)
class Source:
    """One input: a file (found directly or under a folder `root`) or stdin."""

    path: Path | None
    label: str
    format: str
    root: Path | None = None

    def output_name(self) -> Path:
        """Where this input goes, relative to an output folder."""
        assert self.path is not None
        relative = (
            self.path.relative_to(self.root) if self.root else Path(self.path.name)
        )
        return relative.with_suffix(".txt") if self.format == "html" else relative


def total_size(sources: list[Source]) -> int | None:
    """The bytes of input to read, when known: every source a text, JSONL or HTML
    file (not stdin, and not Parquet, whose size is not its text's)."""
    if any(s.path is None or s.format == "parquet" for s in sources):
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


def _some(numbers: list[int], shown: int = 5) -> str:
    """The first few of `numbers`, and how many more there are."""
    text = ", ".join(map(str, numbers[:shown]))
    return text + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")


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
        path = Path(raw)
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
            relative = path.relative_to(root).as_posix()
            if not name.startswith(".") and any(
                fnmatch.fnmatch(relative if "/" in g else name, g) for g in globs
            ):
                yield path


@dataclass
class BatchOptions:
    """How the job writes: where outputs go and what it shows."""

    output_dir: Path | None = None
    in_place: bool = False
    field: str = "text"
    encoding_errors: str = "strict"
    show_diff: bool = False
    show_edits: bool = False
    colour: bool = False
    filters: tuple[QualityFilter, ...] = ()
    scores_only: bool = False
    jobs: int = 1
    output_format: str = "text"  # for stdout: "text", or "jsonl" (a line per document)

    @property
    def prints_outputs(self) -> bool:
        """Cleaned text goes to stdout unless it goes to files, a review is shown or
        only scores are wanted."""
        return not (
            self.output_dir
            or self.in_place
            or self.show_diff
            or self.show_edits
            or self.scores_only
        )


class BatchCleaner:
    """Clean sources one by one, reporting problems through `on_error`/`on_warning`."""

    def __init__(
        self,
        pipeline: Pipeline,
        options: BatchOptions,
        stdout: BinaryIO,
        on_error: Callable[[InputError], None],
        on_warning: Callable[[str], None],
        report: BinaryIO | None = None,
        rejected: BinaryIO | None = None,
        scores: BinaryIO | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.pipeline = pipeline
        self.options = options
        self.stdout = stdout
        self.on_error = on_error
        self.on_warning = on_warning
        self.report = report
        self.rejected = rejected
        self.scores = scores
        self.progress = progress or Progress(sys.stderr, enabled=False)
        self.documents = 0
        self.dropped = 0

    def check_outputs(self, sources: list[Source]) -> list[Source]:
        """Drop (with an error) sources whose output would overwrite an input or
        another source's output; return the rest."""
        if not self.options.output_dir:
            return sources
        resolved = {s: _resolved(s.path) for s in sources if s.path}
        inputs = {path for path in resolved.values() if isinstance(path, Path)}
        claimed: dict[Path, str] = {}
        kept = []
        for source in sources:
            target = _resolved(self.options.output_dir / source.output_name())
            problem = next(
                (p for p in (resolved.get(source), target) if isinstance(p, str)), None
            )
            if problem is not None:
                self.on_error(InputError(source.label, problem))
            elif target in inputs:
                self.on_error(
                    InputError(
                        source.label,
                        f"output {target} would overwrite an input; "
                        "use --in-place to rewrite inputs",
                    )
                )
            elif target in claimed:
                self.on_error(
                    InputError(
                        source.label,
                        f"output {target} is also the output of {claimed[target]}",
                    )
                )
            else:
                claimed[target] = source.label
                kept.append(source)
        return kept

    def run(self, sources: list[Source]) -> None:
        """Clean every source in order: record files (JSONL, Parquet) one by one,
        each a stream of records; runs of whole-document files as one stream, so
        that `jobs` worker processes share many small files."""
        files: list[Source] = []
        for source in sources:
            if source.format in RECORD_FORMATS:
                self._process_files(files)
                files = []
                with self._reporting(source):
                    self._process_records(source)
            else:
                files.append(source)
        self._process_files(files)

    @contextlib.contextmanager
    def _reporting(self, source: Source) -> Iterator[None]:
        """Report an input's problem (and go on with the next input)."""
        try:
            yield
        except InputError as exc:
            self.on_error(exc)
        except BrokenPipeError:
            raise  # the reader of stdout went away: the run ends (quietly, in the CLI)
        except OSError as exc:
            target = exc.filename or source.label
            self.on_error(InputError(str(target), f"cannot write: {exc.strerror}"))
        finally:
            self.stdout.flush()

    def _process_records(self, source: Source) -> None:
        if source.format == "parquet":
            self._process_parquet(source)
            return
        if source.path is None:
            self._emit(source, self._jsonl_lines(source, sys.stdin.buffer))
            return
        try:
            handle = source.path.open("rb")
        except OSError as exc:
            raise InputError(source.label, f"cannot read: {exc.strerror}") from None
        with handle:
            self._emit(source, self._jsonl_lines(source, handle))

    def _process_files(self, sources: list[Source]) -> None:
        """Clean whole-document files as one stream of documents, in order."""

        sizes: dict[Source, int] = {}

        def document(source: Source) -> Document | None:
            with self._reporting(source):
                text, metadata, sizes[source] = self._read_whole(source)
                return Document(text, id=source.label, metadata=metadata)
            return None  # reported; the other files go on

        for source, before, doc in self._clean_in_order(sources, document):
            size = sizes.pop(source, 0)
            if doc is None:
                self.progress.add(size, documents=0)
                continue
            with self._reporting(source):
                if self._settle(doc, before, source.label, None, size):
                    self._emit(source, [self._whole_output(doc)])

    def _whole_output(self, doc: Document) -> bytes:
        """A cleaned whole-document file as it is written: its text, or, for JSONL
        output, one line with its id, text and metadata."""
        if self.options.output_format != "jsonl":
            return doc.text.encode("utf-8", "surrogatepass")
        record = {"id": doc.id, "text": doc.text}
        if doc.metadata:
            record["metadata"] = doc.metadata
        return dump_jsonl_line(record)

    def _read_whole(self, source: Source) -> tuple[str, dict[str, str], int]:
        """The text of a whole-document input, its metadata and its size in bytes."""
        if self.options.in_place and source.format == "html":
            raise InputError(
                source.label, "cannot rewrite HTML in place as text; use -o DIR"
            )
        if source.path is None:
            data = sys.stdin.buffer.read()
        else:
            data = read_bytes(source.path, source.label)
        if not data:
            self.on_warning(f"{source.label}: empty file")
        text = decode_text(data, source.label, self.options.encoding_errors)
        if source.format == "html" and text.strip():
            return (*extract_html(text, source.label), len(data))
        return text, {}, len(data)

    def _jsonl_lines(self, source: Source, stream: BinaryIO) -> Iterator[bytes]:
        """Output lines of a JSONL stream, in input order. Lines that are not
        records to clean pass through unchanged in their place (reported when they
        are a problem), except lines that are not text: those are left out."""
        field = self.options.field
        skipped: list[int] = []

        def document(line: JsonlLine) -> Document | None:
            if line.record is None:
                if line.error:
                    self.on_error(line.error)
                if line.skipped:
                    skipped.append(line.number)
                return None
            record_id = line.record.get("id")
            label = f"{source.label}:{line.number}"
            doc_id = str(record_id) if isinstance(record_id, (str, int)) else label
            return Document(line.record[field], id=doc_id)

        lines = iter_jsonl(stream, source.label, field, self.options.encoding_errors)
        seen_any = False
        for line, before, doc in self._clean_in_order(lines, document):
            seen_any = True
            if doc is None:
                self.progress.add(len(line.raw), documents=0)
                if line.passed is not None:
                    yield (
                        line.passed
                        if line.passed.endswith(b"\n")
                        else (line.passed + b"\n")
                    )
            elif self._settle(doc, before, source.label, line.number, len(line.raw)):
                line.record[field] = doc.text
                yield dump_jsonl_line(line.record)
        if not seen_any:
            self.on_warning(f"{source.label}: empty file")
        if skipped:
            self.on_warning(
                f"{source.label}: {len(skipped)} record(s) with a null or missing "
                f"{field!r} passed through unchanged (line{'s' * (len(skipped) > 1)} "
                f"{_some(skipped)})"
            )

    def _process_parquet(self, source: Source) -> None:
        """Clean the `field` column of a Parquet file, batch by batch; nulls and
        every other column pass through, rows a filter drops are left out."""
        target = self._target(source)
        if target is None and self.options.prints_outputs:
            raise InputError(source.label, "Parquet output needs -o DIR or --in-place")
        table = ParquetColumn.open(source, self.options.field)
        if table.file.metadata.num_rows == 0:
            self.on_warning(f"{source.label}: empty file (no rows)")

        def document(row: tuple[int, str | None]) -> Document | None:
            number, text = row
            return (
                None if text is None else Document(text, id=f"{source.label}:{number}")
            )

        def outcomes() -> Iterator[tuple[str | None, bool]]:
            rows = enumerate(table.texts(), start=1)
            for (number, _), before, doc in self._clean_in_order(rows, document):
                if doc is None:
                    yield None, True  # a null passes through
                else:
                    size = len(before.encode("utf-8", "surrogatepass"))
                    yield (
                        doc.text,
                        self._settle(doc, before, source.label, number, size),
                    )

        if target is None:
            for _ in outcomes():  # a review run: clean (and show) but write nothing
                pass
            return
        with atomic_writer(target) as handle:
            table.write(handle, outcomes())

    def _clean_in_order(
        self, items: Iterable[Item], document: Callable[[Item], Document | None]
    ) -> Iterator[tuple[Item, str | None, Document | None]]:
        """Each item with its document's text before and after `_clean_all`, in
        input order, while items run ahead into worker processes; an item that
        makes no document (`document` returns None) comes with None, in place."""
        waiting: deque[tuple[Item, str | None]] = deque()

        def documents() -> Iterator[Document]:
            for item in items:
                doc = document(item)
                waiting.append((item, None if doc is None else doc.text))
                if doc is not None:
                    yield doc

        def without_documents() -> Iterator[tuple[Item, None, None]]:
            while waiting and waiting[0][1] is None:
                yield waiting.popleft()[0], None, None

        for doc in self._clean_all(documents()):
            yield from without_documents()
            item, before = waiting.popleft()
            yield item, before, doc
        yield from without_documents()

    def _clean_all(self, docs: Iterator[Document]) -> Iterator[Document]:
        """Clean a stream of documents, in worker processes when `jobs` > 1."""
        explain = self.options.show_edits

        def marked() -> Iterator[Document]:
            for doc in docs:
                doc.explain = explain
                yield doc

        if self.options.jobs <= 1:
            cleaned = map(self.pipeline.run, marked())
        else:
            cleaned = self.pipeline.map(
                marked(), jobs=self.options.jobs, start_at_chars=WORKER_THRESHOLD_CHARS
            )
        for doc in cleaned:
            self.documents += 1
            yield doc

    def _settle(
        self, doc: Document, before: str, source: str, line: int | None, size: int
    ) -> bool:
        """Show, report, count and judge one cleaned document, read from `size`
        bytes of input; False when a filter drops it."""
        label = source if line is None else f"{source}:{line}"
        if doc.skipped:
            self.on_warning(f"{label}: {doc.skipped}; passed through unchanged")
        self._review(label, before, doc)
        self._report(doc, source, line, len(before))
        self.progress.add(size)
        return self._judge(doc, source, line)

    def _judge(self, doc: Document, source: str, line: int | None) -> bool:
        """Score `doc` when asked; False when a filter drops it (it then goes to
        the rejected file, with every failing filter's reasons)."""
        if not (self.options.filters or self.scores):
            return True
        signals = compute_signals(doc)
        decisions = {f.name: f.decide(signals) for f in self.options.filters}
        where = {"id": doc.id, "input": source}
        if line is not None:
            where["line"] = line
        if self.scores is not None:
            entry = where | {
                "signals": signals,
                "decisions": {name: d.to_json() for name, d in decisions.items()},
            }
            self._write_json(self.scores, entry)
        failed = {name: list(d.reasons) for name, d in decisions.items() if not d.keep}
        if not failed or self.rejected is None:
            return True
        self.dropped += 1
        self._write_json(self.rejected, where | {"reasons": failed, "text": doc.text})
        return False

    @staticmethod
    def _write_json(stream: BinaryIO, entry: dict) -> None:
        stream.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))

    def _review(self, label: str, before: str, doc: Document) -> None:
        if self.options.show_diff and before != doc.text:
            diff = unified_diff(before, doc.text, label, f"{label} (cleaned)")
            self._show(colourise_diff(diff) if self.options.colour else diff)
        if self.options.show_edits:
            self._show(format_edits(label, doc.edits))

    def _show(self, text: str) -> None:
        if text:
            self.stdout.write(text.encode("utf-8"))

    def _report(
        self, doc: Document, source: str, line: int | None, chars_in: int
    ) -> None:
        if self.report is None:
            return
        entry = {"id": doc.id, "input": source}
        if line is not None:
            entry["line"] = line
        entry |= {
            "chars_in": chars_in,
            "chars_out": len(doc.text),
            "edits": dict(sorted(doc.edit_counts.items())),
        }
        if doc.skipped:
            entry["skipped"] = doc.skipped
        if doc.metadata:
            entry["metadata"] = doc.metadata
        self._write_json(self.report, entry)

    def _emit(self, source: Source, chunks: Iterator[bytes] | list[bytes]) -> None:
        """Send the cleaned output where it belongs, consuming `chunks` exactly once."""
        target = self._target(source)
        if target is not None:
            with atomic_writer(target) as handle:
                for chunk in chunks:
                    handle.write(chunk)
        elif self.options.prints_outputs:
            for chunk in chunks:
                self.stdout.write(chunk)
        else:
            for _ in chunks:  # a review run: clean (and show) but write nothing
                pass

    def _target(self, source: Source) -> Path | None:
        """The file this source's output is written to; None for stdout."""
        if source.path is None:
            return None
        if self.options.in_place:
            return source.path
        if self.options.output_dir:
            return self.options.output_dir / source.output_name()
        return None
