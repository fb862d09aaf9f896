"""Parquet files: read one string column batch by batch, write it back cleaned.

Memory stays bounded by a few record batches, whatever the file's size: texts are
handed out row by row as batches are read, and each batch is written out, with its
other columns untouched, as soon as every one of its rows has an outcome.
Needs pyarrow (the `parquet` extra).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from cleantext.errors import InputError
from cleantext.io.optional import optional_module

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from cleantext.io.sources import Source

BATCH_ROWS = 1024


def _pyarrow(where: str) -> tuple[Any, Any]:
    needs = "reading Parquet needs pyarrow"
    return (
        optional_module("pyarrow", where, needs, "parquet"),
        optional_module("pyarrow.parquet", where, needs, "parquet"),
    )


@dataclass
class ParquetColumn:
    """The text column `name` of an open Parquet file."""

    file: pq.ParquetFile
    name: str
    where: str
    _batches: deque[pa.RecordBatch] = field(default_factory=deque)

    @classmethod
    def open(cls, source: Source, name: str) -> ParquetColumn:
        """Open `source`, checking that it is Parquet and `name` a string column."""
        pa, pq = _pyarrow(source.label)
        if source.path is None:
            raise InputError(source.label, "read Parquet from a file, not stdin")
        try:
            where = source.path
            file = pq.ParquetFile(where if isinstance(where, Path) else where.open())
        except (OSError, pa.ArrowException) as exc:
            raise InputError(
                source.label, f"not a readable Parquet file: {exc}"
            ) from None
        schema = file.schema_arrow
        if name not in schema.names:
            raise InputError(
                source.label,
                f"no column {name!r} (choose one with --field); "
                f"columns: {', '.join(schema.names)}",
            )
        kind = schema.field(name).type
        if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
            raise InputError(source.label, f"column {name!r} is {kind}, not a string")
        return cls(file, name, source.label)

    def texts(self) -> Iterator[str | None]:
        """Every row's text, in order (None for a null)."""
        return (text for text, _ in self.rows())

    def rows(
        self, columns: Iterable[str] | None = ()
    ) -> Iterator[tuple[str | None, dict[str, Any]]]:
        """Every row's text, in order (None for a null), with its values in
        `columns` (those the file has; None: every column, the whole record)."""
        pa, _ = _pyarrow(self.where)
        wanted = None if columns is None else list(columns)
        try:
            for batch in self.file.iter_batches(batch_size=BATCH_ROWS):
                self._batches.append(batch)
                texts = batch.column(self.name).to_pylist()
                names = [
                    name
                    for name in batch.schema.names
                    if wanted is None or name in wanted
                ]
                values = [batch.column(name).to_pylist() for name in names]
                for i, text in enumerate(texts):
                    yield (
                        text,
                        {
                            name: column[i]
                            for name, column in zip(names, values, strict=True)
                        },
                    )
        except (OSError, pa.ArrowException) as exc:
            raise InputError(self.where, f"cannot read Parquet data: {exc}") from None

    def write(
        self, handle: BinaryIO, outcomes: Iterable[tuple[str | None, bool]]
    ) -> None:
        """Write the file again with the column replaced by `outcomes`: one
        (text, keep) pair per row of `texts()`, in order; rows not kept are left out."""
        pa, pq = _pyarrow(self.where)
        schema = self.file.schema_arrow
        index = schema.get_field_index(self.name)
        texts: list[str | None] = []
        keep: list[bool] = []
        with pq.ParquetWriter(handle, schema) as writer:
            for text, kept in outcomes:
                texts.append(text)
                keep.append(kept)
                if len(texts) == self._batches[0].num_rows:
                    batch = self._batches.popleft()
                    column = pa.array(texts, type=schema.field(index).type)
                    batch = batch.set_column(index, schema.field(index), column)
                    writer.write_batch(batch.filter(pa.array(keep)))
                    texts, keep = [], []
