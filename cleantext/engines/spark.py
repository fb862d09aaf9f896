"""Apache Spark: clean a string column with a pandas UDF (Arrow batches).

>>> from cleantext.spark import clean_column                      # doctest: +SKIP
>>> df = df.withColumn("text", clean_column("text"))              # doctest: +SKIP
>>> scored = df.withColumn("clean", clean_column("text", signals=True))  # +SKIP
>>> scored.select("clean.text", "clean.word_count")               # doctest: +SKIP
>>> judged = df.withColumn("clean", clean_column("text", presets=["c4"]))  # +SKIP
>>> judged.where("clean.keep")                                    # doctest: +SKIP

The pipeline is pickled once on the driver and rebuilt once per Python worker
process (`cleantext.frames.ShippedPipeline`); each task carries its bytes, never a
copy per row. Needs pyspark, pandas and pyarrow (the `spark` extra); pandas is
imported here because Spark reads the UDFs' type hints to choose how to call them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from cleantext.engines.frames import (
    ColumnJob,
    ShippedPipeline,
    clean_series,
    signal_types,
)
from cleantext.pipeline import Pipeline
from cleantext.quality import QualityFilter

if TYPE_CHECKING:
    from pyspark.sql import Column
    from pyspark.sql.types import StructType

__all__ = ["clean_column", "judged_schema", "signals_schema"]


def clean_column(
    column: str | Column,
    pipeline: Pipeline | None = None,
    *,
    signals: bool = False,
    presets: Sequence[str] = (),
) -> Column:
    """A column of cleaned text (`pipeline`, default `Pipeline.default()`).

    With `signals=True` or `presets` the column is a struct (`judged_schema`):
    `text` (the cleaned text), with `signals` every quality signal of the cleaned
    document, with `presets` `keep` and `reasons` ("c4/too_few_sentences"), as the
    CLI's `--filter` and `--rejected` decide; one cleaning pass for all. Null
    rows stay null.
    """
    from pyspark.sql.functions import pandas_udf
    from pyspark.sql.types import StringType

    shipped = ShippedPipeline.of(pipeline)
    filters = tuple(QualityFilter.preset(name) for name in presets)
    if signals or filters:
        job = ColumnJob(shipped, "text", signals, filters)

        def clean_and_judge(batches: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:
            for batch in batches:
                yield job.judged(batch)

        schema = judged_schema(signals, presets)
        return pandas_udf(clean_and_judge, schema)(column)

    def clean(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for batch in batches:
            yield clean_series(batch, shipped)

    return pandas_udf(clean, StringType())(column)


def signals_schema() -> StructType:
    """The struct `clean_column(..., signals=True)` returns: `text`, then each
    signal as a long (counts) or a double (fractions and rates)."""
    return judged_schema(signals=True)


def judged_schema(signals: bool = False, presets: Sequence[str] = ()) -> StructType:
    """The struct `clean_column(..., signals=..., presets=...)` returns: `text`,
    the signals when asked, then `keep` (boolean) and `reasons` (array of
    strings) when presets are given."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        DoubleType,
        LongType,
        StringType,
        StructField,
    )
    from pyspark.sql.types import StructType as Struct

    fields = [StructField("text", StringType())]
    if signals:
        fields += [
            StructField(name, LongType() if kind is int else DoubleType())
            for name, kind in signal_types().items()
        ]
    if presets:
        fields += [
            StructField("keep", BooleanType()),
            StructField("reasons", ArrayType(StringType())),
        ]
    return Struct(fields)
