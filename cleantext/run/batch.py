"""The job behind `cleantext clean`: find inputs, clean each by format, write outputs.

Inputs are files, folders (walked recursively, filtered by glob patterns) or stdin,
each processed apart: an `InputError` is reported and the job goes on. Outputs go to
stdout, to a mirror of the input names under an output folder, or over the input
(only with `in_place`), always written atomically."""

from __future__ import annotations

import contextlib
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cleantext.document import Document
from cleantext.errors import InputError
from cleantext.io.compression import compression_of, open_input, output_file
from cleantext.io.jsonl import JsonlLine, dump_jsonl_line, iter_jsonl
from cleantext.io.parquet import ParquetColumn
from cleantext.io.shards import write_output
from cleantext.io.sources import READS_BUFFERED, RECORD_FORMATS, Source
from cleantext.io.warc import WarcRecord, iter_warc
from cleantext.pipeline import Pipeline
from cleantext.quality import QualityFilter
from cleantext.run.judge import Place
from cleantext.run.ordering import clean_in_order
from cleantext.run.outcome import Outcomes
from cleantext.run.pool import map_documents
from cleantext.run.progress import OFF, Progress
from cleantext.run.resume import Completions
from cleantext.run.whole import read_whole, whole_output

# Workers start once this much text waits: for less, forking costs as much.
WORKER_THRESHOLD_CHARS = 256_000


def _some(numbers: list[int], shown: int = 5) -> str:
    """The first few of `numbers`, and how many more there are."""
    text = ", ".join(map(str, numbers[:shown]))
    return text + (f" and {len(numbers) - shown} more" if len(numbers) > shown else "")


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
    # A record field copied into each document's metadata, for cleaners that group
    # documents by it (DropRepeatedLines' `group_by`); None copies nothing.
    group_field: str | None = None
    language: str | None = None  # every document's, if known; None: identify each
    completions: Completions | None = None  # markers of outputs under output_dir
    max_file_size: int | None = None  # bytes of JSON lines per output shard

    @property
    def prints_outputs(self) -> bool:
        """Whether cleaned text goes to stdout: not to files, no review, not scores."""
        return not (
            self.output_dir
            or self.in_place
            or self.show_diff
            or self.show_edits
            or self.scores_only
        )


class BatchCleaner:
    """Clean sources one by one, reporting problems through `on_error`/`on_warning`.

    This class reads each format and writes where the options say; what else
    becomes of each document (shown, judged, reported) is `Outcomes`' work, the
    order of results `clean_in_order`'s.
    """

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
        self.progress = progress or Progress(sys.stderr, OFF)
        self.outcomes = Outcomes.of(
            options, stdout, self.progress, on_warning, report, rejected, scores
        )
        self.documents = 0
        self.resumed = 0  # inputs completed by an earlier run: skipped

    def run(self, sources: list[Source]) -> None:
        """Clean every source in order: record files (JSONL, Parquet) one by one,
        each a stream of records; runs of whole-document files as one stream, so
        that `jobs` worker processes share many small files."""
        files: list[Source] = []
        completions = self.options.completions
        for source in sources:
            if completions is not None and completions.is_done(source):
                self._process_files(files)
                files = []
                self.outcomes.replay(source, completions)
                self.resumed += 1
            elif source.format in RECORD_FORMATS:
                self._process_files(files)
                files = []
                with self._reporting(source), self._completing(source):
                    self._process_records(source)
            else:
                files.append(source)
        self._process_files(files)

    def _completing(self, source: Source) -> contextlib.AbstractContextManager:
        return self.outcomes.completing(source, self.options.completions)

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
        lines = _RECORD_READERS[source.format]
        if source.path is None:
            self._emit(source, lines(self, source, sys.stdin.buffer))
            return
        buffered = READS_BUFFERED[source.format]
        # Kept before damage, as gunzip does; not in place, nor in archives (own way).
        keeps = not self.options.in_place and source.format != "warc"
        on_damage = self.on_error if keeps else None
        with open_input(source.path, source.label, buffered, on_damage) as handle:
            self._emit(source, lines(self, source, handle))

    def _process_files(self, sources: list[Source]) -> None:
        """Clean whole-document files as one stream of documents, in order."""

        sizes: dict[Source, int] = {}

        def document(source: Source) -> Document | None:
            with self._reporting(source):
                text, metadata, sizes[source] = self._read_whole(source)
                return Document(text, id=source.label, metadata=metadata)
            return None  # reported; the other files go on

        for source, before, doc in clean_in_order(sources, document, self._clean_all):
            size = sizes.pop(source, 0)
            if doc is None:
                self.progress.add(size, documents=0)
                continue
            with self._reporting(source), self._completing(source):
                if self.outcomes.settle(doc, before, Place(source.label), size):
                    self._emit(source, [whole_output(doc, self.options.output_format)])

    def _read_whole(self, source: Source) -> tuple[str, dict[str, str], int]:
        """The text of a whole-document input, its metadata and its size in bytes."""
        if self.options.in_place and source.format == "html":
            raise InputError(
                source.label, "cannot rewrite HTML in place as text; use -o DIR"
            )
        text, metadata, size = read_whole(source, self.options.encoding_errors)
        if not size:
            self.on_warning(f"{source.label}: empty file")
        return text, metadata, size

    def _jsonl_lines(self, source: Source, stream: BinaryIO) -> Iterator[bytes]:
        """Output lines of a JSONL stream, in input order. Lines that are not
        records to clean pass through unchanged in their place (reported when they
        are a problem), except lines that are not text: those are left out, unless
        the input is rewritten in place, which keeps them byte for byte."""
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
            metadata = self._group_metadata(line.record)
            return Document(line.record[field], id=doc_id, metadata=metadata)

        lines = iter_jsonl(stream, source.label, field, self.options.encoding_errors)
        seen_any = False
        for line, before, doc in clean_in_order(lines, document, self._clean_all):
            seen_any = True
            if doc is None:
                self.progress.add(len(line.raw), documents=0)
                kept = line.kept(self.options.in_place)
                if kept is not None:
                    yield kept
            elif self.outcomes.settle(
                doc,
                before,
                Place(source.label, line.number, line.record, field),
                len(line.raw),
            ):
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

    def _group_metadata(self, fields: dict) -> dict:
        """The record's group field, as metadata, when the options ask for it."""
        name = self.options.group_field
        if name is None or fields.get(name) is None:
            return {}
        return {name: fields[name]}

    def _warc_lines(self, source: Source, stream: BinaryIO) -> Iterator[bytes]:
        """Output lines of a web archive, one JSON line per text document (its
        url, date, record id and content type kept as fields), in order; records
        that hold no text document are counted and skipped."""
        skipped: Counter[str] = Counter()

        def document(record: WarcRecord) -> Document | None:
            if record.error:
                self.on_error(record.error)
            elif record.text is None:
                skipped[record.kind] += 1
            else:
                label = f"{source.label}:{record.number}"
                doc_id = record.fields.get("record_id", label)
                metadata = {**self._group_metadata(record.fields), **record.metadata}
                return Document(record.text, id=doc_id, metadata=metadata)
            return None

        compressed = compression_of(source.path) is not None
        errors = self.options.encoding_errors
        records = iter_warc(stream, source.label, errors, compressed)
        for record, before, doc in clean_in_order(records, document, self._clean_all):
            if doc is None:
                self.progress.add(record.size, documents=0)
            elif self.outcomes.settle(
                doc,
                before,
                Place(source.label, record.number, record.fields),
                record.size,
            ):
                output = {"id": doc.id, **record.fields, "text": doc.text}
                if doc.metadata:
                    output["metadata"] = doc.metadata
                yield dump_jsonl_line(output)
        if skipped:
            kinds = ", ".join(
                f"{count} {kind}" for kind, count in sorted(skipped.items())
            )
            self.on_warning(
                f"{source.label}: {skipped.total()} record(s) without a text "
                f"document skipped ({kinds})"
            )

    def _process_parquet(self, source: Source) -> None:
        """Clean the `field` column of a Parquet file, batch by batch; nulls and
        every other column pass through, rows a filter drops are left out."""
        if compression_of(source.path):
            raise InputError(
                source.label,
                "a compressed Parquet file: Parquet compresses its own "
                "pages; decompress the file first",
            )
        target = self._target(source)
        if target is None and self.options.prints_outputs:
            raise InputError(source.label, "Parquet output needs -o DIR or --in-place")
        table = ParquetColumn.open(source, self.options.field)
        if table.file.metadata.num_rows == 0:
            self.on_warning(f"{source.label}: empty file (no rows)")

        field = self.options.field

        def document(row: tuple[int, tuple[str | None, dict]]) -> Document | None:
            number, (text, fields) = row
            if text is None:
                return None
            metadata = self._group_metadata(fields)
            return Document(text, id=f"{source.label}:{number}", metadata=metadata)

        def outcomes() -> Iterator[tuple[str | None, bool]]:
            rows = enumerate(table.rows(self._columns_read()), start=1)
            for (number, (_, fields)), before, doc in clean_in_order(
                rows, document, self._clean_all
            ):
                if doc is None:
                    yield None, True  # a null passes through
                else:
                    size = len(before.encode("utf-8", "surrogatepass"))
                    place = Place(source.label, number, fields, field)
                    yield doc.text, self.outcomes.settle(doc, before, place, size)

        if target is None:
            for _ in outcomes():  # a review run: clean (and show) but write nothing
                pass
            return
        with output_file(target) as handle:
            table.write(handle, outcomes())

    def _clean_all(self, docs: Iterator[Document]) -> Iterator[Document]:
        """Clean a stream of documents, in worker processes when `jobs` > 1."""
        explain, language = self.options.show_edits, self.options.language

        def marked() -> Iterator[Document]:
            for doc in docs:
                doc.explain = explain
                if language:
                    doc.metadata.setdefault("language", language)
                yield doc

        if self.options.jobs <= 1:
            cleaned = map(self.pipeline.run, marked())
        else:
            cleaned = map_documents(
                self.pipeline,
                marked(),
                jobs=self.options.jobs,
                start_at_chars=WORKER_THRESHOLD_CHARS,
            )
        for doc in cleaned:
            self.documents += 1
            yield doc

    def _columns_read(self) -> tuple[str, ...] | None:
        """The Parquet columns read besides the text: all (None) for whole
        records, else the group field, if any."""
        if self.outcomes.whole_records:
            return None
        group = self.options.group_field
        return (group,) if group else ()

    def _emit(self, source: Source, chunks: Iterator[bytes] | list[bytes]) -> None:
        """Send the cleaned output where it belongs, consuming `chunks` exactly once."""
        target = self._target(source)
        if target is not None:
            limit = self.options.max_file_size if self.options.output_dir else None
            write_output(target, chunks, source.format, limit)
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


# format -> the output lines of its stream
_RECORD_READERS = {
    "jsonl": BatchCleaner._jsonl_lines,
    "warc": BatchCleaner._warc_lines,
}
