"""Apache Spark: clean a string column with a pandas UDF (Arrow batches).

>>> from cleantext.spark import clean_column                      # doctest: +SKIP
>>> df = df.withColumn("text", clean_column("text"))              # doctest: +SKIP
>>> scored = df.withColumn("clean", clean_column("text", signals=True))  # +SKIP
>>> scored.select("clean.text", "clean.word_count")               # doctest: +SKIP

The pipeline is pickled once on the driver and rebuilt once per Python worker
process (`cleantext.frames.ShippedPipeline`); each task carries its bytes, never a
copy per row. Needs pyspark, pandas and pyarrow (the `spark` extra); pandas is
imported here because Spark reads the UDFs' type hints to choose how to call them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pandas as pd

from cleantext.engines.frames import (
    ShippedPipeline,
    clean_series,
    clean_with_signals,
    signal_types,
)
from cleantext.pipeline import Pipeline

if TYPE_CHECKING:
    from pyspark.sql import Column
    from pyspark.sql.types import StructType

__all__ = ["clean_column", "signals_schema"]


def clean_column(
    column: str | Column,
    pipeline: Pipeline | None = None,
    *,
    signals: bool = False,
) -> Column:
    """A column of cleaned text (`pipeline`, default `Pipeline.default()`).

    With `signals=True` the column is a struct: `text` (the cleaned text) and every
    quality signal of the cleaned document (`signals_schema()`), one cleaning pass
    for both. Null rows stay null.
    """
    from pyspark.sql.functions import pandas_udf
    from pyspark.sql.types import StringType

    shipped = ShippedPipeline.of(pipeline)
    if signals:

        def clean_and_score(batches: Iterator[pd.Series]) -> Iterator[pd.DataFrame]:
            for batch in batches:
                yield clean_with_signals(batch, shipped)

        return pandas_udf(clean_and_score, signals_schema())(column)

    def clean(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
        for batch in batches:
            yield clean_series(batch, shipped)

    return pandas_udf(clean, StringType())(column)


def signals_schema() -> StructType:
    """The struct `clean_column(..., signals=True)` returns: `text`, then each
    signal as a long (counts) or a double (fractions and rates)."""
    from pyspark.sql.types import DoubleType, LongType, StringType, StructField
    from pyspark.sql.types import StructType as Struct

    return Struct(
        [StructField("text", StringType())]
        + [
            StructField(name, LongType() if kind is int else DoubleType())
            for name, kind in signal_types().items()
        ]
    )
