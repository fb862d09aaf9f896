"""Dask: clean a text column of a `dask.dataframe`, or the strings of a `dask.bag`.

>>> from cleantext.dask import clean_bag, clean_column                 # doctest: +SKIP
>>> frame = clean_column(frame, "text")               # the column, cleaned
>>> scored = clean_column(frame, "text", signals=True)  # plus a column per signal
>>> judged = clean_column(frame, "text", presets=["c4"])  # plus keep and reasons
>>> texts = clean_bag(dask.bag.read_text("pages/*.txt", linedelimiter="\\0"))

Work runs partition by partition; the pipeline is pickled once here and rebuilt
once per worker process (`cleantext.frames.ShippedPipeline`). Cleaning is pure
Python, so the threaded scheduler gains nothing from more cores: use processes
(`dask.config.set(scheduler="processes")`) or a distributed cluster.
Needs `dask[dataframe]` (the `dask` extra).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from cleantext.engines.frames import (
    ColumnJob,
    ShippedPipeline,
    clean_series,
    clean_values,
)
from cleantext.pipeline import Pipeline

if TYPE_CHECKING:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

__all__ = ["clean_bag", "clean_column"]


def clean_column(
    frame: dd.DataFrame,
    column: str = "text",
    pipeline: Pipeline | None = None,
    *,
    signals: bool = False,
    presets: Sequence[str] = (),
) -> dd.DataFrame:
    """`frame` with `column` cleaned (`pipeline`, default `default_pipeline()`);
    with `signals=True`, plus one column per quality signal of the cleaned text;
    with `presets` (quality preset names), plus `keep` and `reasons` columns that
    say what the CLI's `--filter` and `--rejected` would."""
    job = ColumnJob.of(list(frame.columns), column, pipeline, signals, presets)
    meta = frame._meta.copy()
    if job.added:
        return frame.map_partitions(_judged, job, meta=_judged(meta, job))
    meta[column] = meta[column].astype(object)
    return frame.map_partitions(_with_cleaned, column, job.shipped, meta=meta)


def clean_bag(bag: db.Bag, pipeline: Pipeline | None = None) -> db.Bag:
    """A bag of the cleaned strings (None stays None)."""
    shipped = ShippedPipeline.of(pipeline)
    return bag.map_partitions(clean_values, shipped)


def _with_cleaned(
    part: pd.DataFrame, column: str, shipped: ShippedPipeline
) -> pd.DataFrame:
    part = part.copy()
    part[column] = clean_series(part[column], shipped)
    return part


def _judged(part: pd.DataFrame, job: ColumnJob) -> pd.DataFrame:
    scored = job.judged(part[job.column])
    return part.drop(columns=[job.column]).join(scored)[[*part.columns, *job.added]]
