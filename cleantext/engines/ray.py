"""Ray Data: clean a text column of a `ray.data.Dataset` with `map_batches`.

>>> from cleantext.engines.ray import clean_dataset                  # doctest: +SKIP
>>> cleaned = clean_dataset(ds, "text")                  # the column, cleaned
>>> judged = clean_dataset(ds, "text", presets=["c4"])   # plus keep and reasons

Batches arrive as pandas frames; nulls (None, NaN, pandas' NA) stay null. The
pipeline is pickled once here and rebuilt once per worker process
(`frames.ShippedPipeline`). Needs `ray[data]` (the `ray` extra).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cleantext.engines.frames import ColumnJob, clean_series
from cleantext.pipeline import Pipeline

if TYPE_CHECKING:
    import pandas as pd
    import ray.data

__all__ = ["clean_dataset"]


def clean_dataset(
    dataset: ray.data.Dataset,
    column: str = "text",
    pipeline: Pipeline | None = None,
    *,
    signals: bool = False,
    presets: Sequence[str] = (),
    **map_batches_options: Any,
) -> ray.data.Dataset:
    """`dataset` with `column` cleaned (`pipeline`, default `default_pipeline()`);
    with `signals=True` plus a column per quality signal of the cleaned text;
    with `presets` plus `keep` and `reasons`, as the CLI's `--filter` and
    `--rejected` decide. Other keyword arguments go to `map_batches`."""
    job = ColumnJob.of(dataset.columns(), column, pipeline, signals, presets)
    return dataset.map_batches(
        _CleanFrame(job), batch_format="pandas", **map_batches_options
    )


@dataclass(frozen=True)
class _CleanFrame:
    """What `map_batches` calls on each batch (a pandas frame)."""

    job: ColumnJob

    def __call__(self, batch: pd.DataFrame) -> pd.DataFrame:
        job = self.job
        batch = batch.copy()
        if not job.added:
            batch[job.column] = clean_series(batch[job.column], job.shipped)
            return batch
        judged = job.judged(batch[job.column])
        return batch.drop(columns=[job.column]).join(judged)[
            [*batch.columns, *job.added]
        ]
