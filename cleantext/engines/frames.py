"""Clean pandas Series in worker processes: the core of the Spark and Dask adapters.

A distributed engine runs a function on batches of rows in worker processes. The
pipeline travels to them as a `ShippedPipeline`: pickled once on the driver, rebuilt
and prepared (FixTypos' lexicon loaded) once per worker process, then reused for
every batch and row that process sees. Nulls stay null. Needs pandas.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from cleantext.document import Document
from cleantext.pipeline import Pipeline, default_pipeline
from cleantext.quality.filters import QualityFilter, failing_reasons
from cleantext.quality.signals import compute_signals

if TYPE_CHECKING:
    import pandas as pd

# Pipelines rebuilt in this process, by the digest of their pickled form. Holds one
# entry per distinct pipeline a job uses; documents never leave state here.
_BUILT: dict[str, Pipeline] = {}


@dataclass(frozen=True)
class ShippedPipeline:
    """A pipeline as bytes, cheap to send with every task, built once per process."""

    payload: bytes = field(repr=False)
    digest: str

    @classmethod
    def of(cls, pipeline: Pipeline | None = None) -> ShippedPipeline:
        """Pickle `pipeline` (default: `default_pipeline()`) for shipping."""
        chosen = pipeline if pipeline is not None else default_pipeline()
        if not isinstance(chosen, Pipeline):
            raise TypeError(
                f"expected a cleantext.Pipeline, got {type(chosen).__name__}"
            )
        payload = pickle.dumps(chosen, protocol=pickle.HIGHEST_PROTOCOL)
        return cls(payload, hashlib.sha256(payload).hexdigest())

    def pipeline(self) -> Pipeline:
        """This process's copy of the pipeline, built and prepared on first use."""
        built = _BUILT.get(self.digest)
        if built is None:
            built = pickle.loads(self.payload)
            built.prepare()
            _BUILT[self.digest] = built
        return built


@cache
def signal_types() -> dict[str, type]:
    """Name and Python type (int or float) of every quality signal, in order."""
    return {name: type(value) for name, value in compute_signals("").items()}


def clean_values(
    texts: Iterable[Any],
    shipped: ShippedPipeline,
    metadata: Iterable[dict[str, Any]] | None = None,
) -> list[str | None]:
    """The cleaned text of every value; nulls stay null. `metadata`, one dict
    per value, becomes each document's metadata (a `url` for DropRepeatedLines)."""
    pipeline = shipped.pipeline()
    return [
        None if is_null(text) else pipeline.run(_document(text, fields)).text
        for text, fields in _with_metadata(texts, metadata)
    ]


def clean_series(
    texts: pd.Series, shipped: ShippedPipeline, metadata: pd.DataFrame | None = None
) -> pd.Series:
    """The cleaned text of every row; nulls stay null. The columns of
    `metadata` (same rows) become each document's metadata."""
    import pandas as pd

    return pd.Series(
        clean_values(texts, shipped, metadata_rows(metadata)),
        index=texts.index,
        dtype=object,
        name=texts.name,
    )


def metadata_rows(frame: pd.DataFrame | None) -> list[dict[str, Any]] | None:
    """Each row of `frame` as a dict of its non-null values; None for None."""
    if frame is None:
        return None
    return [
        {name: value for name, value in row.items() if not is_null(value)}
        for row in frame.to_dict("records")
    ]


def judged_rows(
    texts: Iterable[Any],
    shipped: ShippedPipeline,
    *,
    signals: bool = False,
    filters: Sequence[QualityFilter] = (),
    metadata: Iterable[dict[str, Any]] | None = None,
) -> list[dict[str, Any] | None]:
    """For every value, a row: `text` (cleaned); with `signals`, every quality
    signal of the cleaned document; with `filters`, `keep` (no filter drops it)
    and `reasons` ("c4/too_few_sentences": every failing filter's reasons, as the
    CLI's `--rejected` gives them). None for a null value. `metadata` as in
    `clean_values`."""
    pipeline = shipped.pipeline()
    rows: list[dict[str, Any] | None] = []
    for text, fields in _with_metadata(texts, metadata):
        if is_null(text):
            rows.append(None)
            continue
        doc = pipeline.run(_document(text, fields))
        row: dict[str, Any] = {"text": doc.text}
        if signals or filters:
            computed = compute_signals(doc)
            if signals:
                row.update(computed)
            if filters:
                failed = failing_reasons({f.name: f.decide(computed) for f in filters})
                row["keep"] = not failed
                row["reasons"] = failed
        rows.append(row)
    return rows


def verdict_columns(filters: Sequence[QualityFilter]) -> list[str]:
    """The columns `judged_rows` adds for `filters`: none, or keep and reasons."""
    return ["keep", "reasons"] if filters else []


@dataclass(frozen=True)
class ColumnJob:
    """What an engine helper does to each batch: clean `column` and, when asked,
    add signal and verdict columns. Checked once, against the data's columns."""

    shipped: ShippedPipeline
    column: str
    signals: bool = False
    filters: tuple[QualityFilter, ...] = ()

    @classmethod
    def of(
        cls,
        columns: Sequence[str],
        column: str,
        pipeline: Pipeline | None,
        signals: bool,
        presets: Sequence[str],
    ) -> ColumnJob:
        """The job on `column` of data with `columns`: refused when the column is
        missing or an added column would overwrite one."""
        if column not in columns:
            raise KeyError(f"no column {column!r}; columns: {', '.join(columns)}")
        filters = tuple(QualityFilter.preset(name) for name in presets)
        job = cls(ShippedPipeline.of(pipeline), column, signals, filters)
        clashes = sorted(set(job.added) & set(columns))
        if clashes:
            raise ValueError(
                f"signal or verdict names already used as columns: {clashes}"
            )
        return job

    @property
    def added(self) -> list[str]:
        """The columns the job adds, in order: signals, then keep and reasons."""
        return [
            *(signal_types() if self.signals else ()),
            *verdict_columns(self.filters),
        ]

    def judged(
        self, texts: pd.Series, metadata: pd.DataFrame | None = None
    ) -> pd.DataFrame:
        """A frame of `texts` cleaned (under the job's column name), with every
        quality signal of the cleaned document (error rates from the cleaning
        edits) when `signals`, and `keep` and `reasons` when there are filters;
        all null for a null row. The columns of `metadata` (same rows) become
        each document's metadata."""
        import pandas as pd

        names = list(signal_types()) if self.signals else []
        columns = ["text", *names, *verdict_columns(self.filters)]
        rows = judged_rows(
            texts,
            self.shipped,
            signals=self.signals,
            filters=self.filters,
            metadata=metadata_rows(metadata),
        )
        frame = pd.DataFrame(
            [row or dict.fromkeys(columns) for row in rows],
            index=texts.index,
            columns=columns,
        )
        types = {name: _nullable(kind) for name, kind in signal_types().items()}
        frame = frame.astype(
            {"text": object, **{name: types[name] for name in names}}
            | ({"keep": "boolean", "reasons": object} if self.filters else {})
        )
        return frame.rename(columns={"text": self.column})


def is_null(value: Any) -> bool:
    """None, NaN or pandas' NA (string columns of Arrow-backed frames use it)."""
    import pandas as pd

    return value is None or (not isinstance(value, str) and pd.isna(value) is True)


def _with_metadata(
    texts: Iterable[Any], metadata: Iterable[dict[str, Any]] | None
) -> Iterable[tuple[Any, dict[str, Any]]]:
    if metadata is None:
        return ((text, {}) for text in texts)
    return zip(texts, metadata, strict=True)


def _document(text: Any, fields: dict[str, Any]) -> Document:
    return Document(_checked(text), metadata=dict(fields))


def _checked(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(
            f"cleantext cleans string columns; got a {type(value).__name__} value"
        )
    return value


def _nullable(kind: type) -> str:
    return {int: "Int64", float: "Float64", str: "string"}[kind]
