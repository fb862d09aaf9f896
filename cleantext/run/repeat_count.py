"""The corpus pass behind `cleantext repeats count` and `clean --repeats auto`:
read every document of the inputs once, in constant memory, and count its lines
in a `RepeatTable` under its group.

A document's group comes from its record's fields (JSONL fields; a web archive
record's url, date and id; an HTML page's metadata): the site of its `url`, a
field the user names, or the whole input. Documents without the field are not
counted, and the warning says how many.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cleantext.corpus import GROUP_BY_NONE, GROUP_BY_URL, RepeatTable, group_of
from cleantext.errors import InputError
from cleantext.io.compression import compression_of, open_input
from cleantext.io.jsonl import iter_jsonl
from cleantext.io.parquet import ParquetColumn
from cleantext.io.sources import READS_BUFFERED, Source
from cleantext.io.warc import iter_warc
from cleantext.run.progress import Progress
from cleantext.run.whole import read_whole


@dataclass
class RepeatCounter:
    """Count the lines of every document of some sources, by group."""

    table: RepeatTable
    field: str = "text"
    group_by: str = GROUP_BY_URL
    encoding_errors: str = "strict"
    on_error: Callable[[InputError], None] = lambda error: None
    on_warning: Callable[[str], None] = lambda message: None
    progress: Progress | None = None
    documents: int = 0  # documents counted
    ungrouped: int = 0  # documents read but not counted: they have no group

    def count(self, sources: list[Source]) -> RepeatTable:
        """Count every source in order; a source's problem is reported and the
        others go on. Documents without a group are counted in one warning."""
        for source in sources:
            try:
                for text, fields in self._documents(source):
                    self._add(text, fields)
            except InputError as exc:
                self.on_error(exc)
        if self.ungrouped:
            self.on_warning(
                f"{self.ungrouped:,} of {self.ungrouped + self.documents:,} "
                f"document(s) have no {self.group_by!r} and were not counted "
                f"(--group-by names the field, or {GROUP_BY_NONE!r} counts the "
                "whole input as one group)"
            )
        return self.table

    def _add(self, text: str, fields: Mapping[str, Any]) -> None:
        if self.progress is not None:
            self.progress.add(len(text.encode("utf-8", "surrogatepass")))
        group = group_of(fields, self.group_by)
        if group is None:
            self.ungrouped += 1
        else:
            self.table.add(text, group)
            self.documents += 1

    def _documents(self, source: Source) -> Iterator[tuple[str, Mapping[str, Any]]]:
        """(text, fields) of each document of `source`."""
        if source.format == "parquet":
            yield from self._parquet(source)
        elif source.format in ("jsonl", "warc"):
            reader = self._jsonl if source.format == "jsonl" else self._warc
            if source.path is None:
                yield from reader(source, sys.stdin.buffer)
            else:
                buffered = READS_BUFFERED[source.format]
                with open_input(source.path, source.label, buffered) as stream:
                    yield from reader(source, stream)
        else:
            text, metadata, _ = read_whole(source, self.encoding_errors)
            yield text, metadata

    def _jsonl(self, source: Source, stream) -> Iterator[tuple[str, Mapping]]:
        errors = self.encoding_errors
        for line in iter_jsonl(stream, source.label, self.field, errors):
            if line.error is not None:
                self.on_error(line.error)
            elif line.record is not None:
                yield line.record[self.field], line.record

    def _warc(self, source: Source, stream) -> Iterator[tuple[str, Mapping]]:
        compressed = compression_of(source.path) is not None
        for record in iter_warc(stream, source.label, self.encoding_errors, compressed):
            if record.error is not None:
                self.on_error(record.error)
            elif record.text is not None:
                yield record.text, {**record.metadata, **record.fields}

    def _parquet(self, source: Source) -> Iterator[tuple[str, Mapping]]:
        columns = () if self.group_by == GROUP_BY_NONE else (self.group_by,)
        for text, fields in ParquetColumn.open(source, self.field).rows(columns):
            if text is not None:
                yield text, fields
