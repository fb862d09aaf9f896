"""Hugging Face datasets: clean a text column with `Dataset.map`, batched, null-safe
and cached across runs.

>>> from cleantext.engines.hf import clean_dataset                   # doctest: +SKIP
>>> cleaned = clean_dataset(ds)                            # the column, cleaned
>>> judged = clean_dataset(ds, presets=["gopher-quality"])  # plus keep and reasons
>>> kept = judged.filter(lambda row: row["keep"])

The map's fingerprint is computed from the input dataset's, cleantext's version,
the pipeline's configuration and the arguments, so datasets' cache finds the
result again in a new process (a pipeline object's pickle differs from run to run,
and a used pipeline's statistics change it). Options that name files (rule or
allow lists) enter by path: after editing such a file, pass `load_from_cache_file
=False`. A pipeline with cleaners that have no configuration (plain functions) is
not cached. Needs the `datasets` package.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import datasets

from cleantext.engines.frames import ColumnJob, judged_rows, signal_types
from cleantext.errors import ConfigError
from cleantext.pipeline import Pipeline, default_pipeline
from cleantext.version import __version__

if TYPE_CHECKING:
    from datasets import Dataset

__all__ = ["clean_dataset"]
_LIST = getattr(datasets, "List", None) or datasets.Sequence  # List: datasets >= 4
_HF_TYPES = {int: "int64", float: "float64", str: "string"}


def clean_dataset(
    dataset: Dataset,
    column: str = "text",
    pipeline: Pipeline | None = None,
    *,
    signals: bool = False,
    presets: Sequence[str] = (),
    num_proc: int | None = None,
    batch_size: int = 256,
    **map_options: Any,
) -> Dataset:
    """`dataset` with `column` cleaned (`pipeline`, default `default_pipeline()`);
    with `signals=True`, plus a column per quality signal of the cleaned text;
    with `presets`, plus `keep` (bool) and `reasons` (list of "preset/reason"),
    as the CLI's `--filter` and `--rejected` decide. A null text stays null, and
    so do its signals and verdict. `num_proc` worker processes each build the
    pipeline once; other keyword arguments go to `Dataset.map`."""
    chosen = pipeline if pipeline is not None else default_pipeline()
    job = ColumnJob.of(dataset.column_names, column, chosen, signals, presets)
    clean = _CleanBatch(job)
    fingerprint = _fingerprint(dataset, chosen, column, signals, presets)
    return dataset.map(
        clean,
        batched=True,
        batch_size=batch_size,
        num_proc=num_proc,
        features=_features(dataset, column, job.added),
        new_fingerprint=fingerprint,
        desc=f"cleantext: cleaning {column!r}",
        **map_options,
    )


@dataclass(frozen=True)
class _CleanBatch:
    """The function `Dataset.map` calls on each batch (a dict of columns)."""

    job: ColumnJob

    def __call__(self, batch: dict[str, list]) -> dict[str, list]:
        job = self.job
        rows = judged_rows(
            batch[job.column], job.shipped, signals=job.signals, filters=job.filters
        )
        out = {job.column: [None if row is None else row["text"] for row in rows]}
        for name in job.added:
            out[name] = [None if row is None else row[name] for row in rows]
        return out


def _features(dataset: Dataset, column: str, added: list[str]) -> datasets.Features:
    """The output's types, given rather than inferred, so that a first batch of
    nulls cannot fix a column's type."""
    features = datasets.Features(dataset.features)
    features[column] = datasets.Value("string")
    kinds = signal_types()
    for name in added:
        if name == "keep":
            features[name] = datasets.Value("bool")
        elif name == "reasons":
            features[name] = _LIST(datasets.Value("string"))
        else:
            features[name] = datasets.Value(_HF_TYPES[kinds[name]])
    return features


def _fingerprint(
    dataset: Dataset,
    pipeline: Pipeline,
    column: str,
    signals: bool,
    presets: Sequence[str],
) -> str | None:
    """A fingerprint that is the same in every run for the same input, version,
    configuration and arguments; None (datasets then makes a random one) for a
    pipeline without a configuration."""
    try:
        config = pipeline.to_toml()
    except ConfigError:
        return None
    parts = [dataset._fingerprint, __version__, config, column, signals, list(presets)]
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return digest[:16]
