"""The job behind `cleantext clean`: read inputs, clean their documents, write outputs.

Inputs are files, folders (walked recursively, filtered by glob patterns) or stdin,
each processed apart: an `InputError` is reported and the job goes on. Outputs go to
stdout, to a mirror of the input names under an output folder, or over the input
(only with `in_place`), always written atomically."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cleantext.document import Document
from cleantext.errors import InputError
from cleantext.io.compression import output_file
from cleantext.io.outputs import OutputOptions, column_value, output_chunk, refusal
from cleantext.io.readers import (
    ColumnarReader,
    Entry,
    Reader,
    ReadOptions,
    open_reader,
)
from cleantext.io.shards import write_output
from cleantext.io.sources import RECORD_FORMATS, Source
from cleantext.pipeline import Pipeline
from cleantext.quality import QualityFilter
from cleantext.run.judge import Place
from cleantext.run.ordering import clean_in_order
from cleantext.run.outcome import Outcomes
from cleantext.run.pool import map_documents
from cleantext.run.progress import OFF, Progress
from cleantext.run.resume import Completions

# Workers start once this much text waits: for less, forking costs as much.
WORKER_THRESHOLD_CHARS = 256_000


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

    Formats are the readers' and outputs' work (`io.readers`, `io.outputs`); this
    class sends entries through the pipeline and writes where the options say.
    What else becomes of each document (shown, judged, reported) is `Outcomes`'
    work, the order of results `clean_in_order`'s.
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
        self._output_options = OutputOptions(
            options.field, options.in_place, options.output_format
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
        """Clean a record file (JSONL, web archive, Parquet) as one stream."""
        reader = open_reader(source, self._read_options())
        target = self._target(source)
        self._refuse_output(source, target)
        results = (
            (entry, self._settle(entry, before, doc))
            for entry, before, doc in self._cleaned(reader.entries())
        )
        if isinstance(reader, ColumnarReader):
            values = (column_value(entry, doc, keep) for entry, (doc, keep) in results)
            if target is None:  # a review run: clean (and show) but write nothing
                for _ in values:
                    pass
            else:
                with output_file(target) as handle:
                    reader.rewrite(handle, values)
        else:
            output = self._output_options
            chunks = (
                output_chunk(entry, doc, keep, output) for entry, (doc, keep) in results
            )
            self._emit(source, (chunk for chunk in chunks if chunk is not None))
        for warning in reader.warnings:
            self.on_warning(warning)

    def _process_files(self, sources: list[Source]) -> None:
        """Clean whole-document files as one stream of documents, in order."""
        readers: dict[Source, Reader] = {}

        def entries() -> Iterator[Entry]:
            for source in sources:
                with self._reporting(source):
                    self._refuse_output(source, self._target(source))
                    readers[source] = open_reader(source, self._read_options())
                if source in readers:  # a whole reader reports problems as entries
                    yield from readers[source].entries()

        for entry, before, doc in self._cleaned(entries()):
            source = entry.source
            for warning in readers.pop(source).warnings:
                self.on_warning(warning)
            if doc is None:  # reported when read; the other files go on
                self._settle(entry, before, doc)
                continue
            with self._reporting(source), self._completing(source):
                _, keep = self._settle(entry, before, doc)
                chunk = output_chunk(entry, doc, keep, self._output_options)
                if chunk is not None:
                    self._emit(source, [chunk])

    def _cleaned(
        self, entries: Iterator[Entry]
    ) -> Iterator[tuple[Entry, str | None, Document | None]]:
        """Each entry with its text before cleaning and its cleaned document (None
        twice for an entry that is no document: its problem reported)."""
        return clean_in_order(entries, self._document, self._clean_all)

    def _document(self, entry: Entry) -> Document | None:
        """The document to clean from an entry (None: it is none; its problem,
        if it has one, reported)."""
        if entry.error is not None:
            self.on_error(entry.error)
        if entry.text is None:
            return None
        metadata = {**self._group_metadata(entry.fields or {}), **entry.metadata}
        return Document(entry.text, id=entry.doc_id, metadata=metadata)

    def _settle(
        self, entry: Entry, before: str | None, doc: Document | None
    ) -> tuple[Document | None, bool]:
        """The cleaned document and whether it is kept: shown, judged and
        reported (`Outcomes.settle`); an entry that is no document only counts
        its bytes."""
        if doc is None or before is None:
            self.progress.add(entry.size, documents=0)
            return None, True
        field = self.options.field
        place = Place(entry.source.label, entry.number, entry.fields, field)
        return doc, self.outcomes.settle(doc, before, place, entry.size)

    def _group_metadata(self, fields: dict) -> dict:
        """The record's group field, as metadata, when the options ask for it."""
        name = self.options.group_field
        if name is None or fields.get(name) is None:
            return {}
        return {name: fields[name]}

    def _read_options(self) -> ReadOptions:
        """How inputs are read; a damaged compressed input keeps what came before
        the damage (as gunzip does), except when rewritten in place."""
        return ReadOptions(
            self.options.field,
            self.options.encoding_errors,
            self._columns_read(),
            None if self.options.in_place else self.on_error,
        )

    def _refuse_output(self, source: Source, target: Path | None) -> None:
        """An `InputError` when `source` cannot be written where the options say."""
        to_stdout = target is None and self.options.prints_outputs
        why = refusal(source.format, self._output_options, to_stdout)
        if why is not None:
            raise InputError(source.label, why)

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
