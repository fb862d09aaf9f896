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

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from cleantext.corpus import (
    DEFAULT_CAPACITY,
    GROUP_BY_NONE,
    GROUP_BY_URL,
    RepeatTable,
    group_of,
)
from cleantext.corpus.groups import WHOLE_INPUT
from cleantext.corpus.table import document_lines
from cleantext.engines.frames import (
    ColumnJob,
    ShippedPipeline,
    clean_series,
    is_null,
    signal_types,
)
from cleantext.pipeline import Pipeline
from cleantext.quality import QualityFilter

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame
    from pyspark.sql.types import StructType

__all__ = ["clean_column", "count_repeats", "judged_schema", "signals_schema"]


def clean_column(
    column: str | Column,
    pipeline: Pipeline | None = None,
    *,
    signals: bool = False,
    presets: Sequence[str] = (),
    metadata: Sequence[str] = (),
) -> Column:
    """A column of cleaned text (`pipeline`, default `default_pipeline()`).

    With `signals=True` or `presets` the column is a struct (`judged_schema`):
    `text` (the cleaned text), with `signals` every quality signal of the cleaned
    document, with `presets` `keep` and `reasons` ("c4/too_few_sentences"), as the
    CLI's `--filter` and `--rejected` decide; one cleaning pass for all. Null
    rows stay null. The columns named in `metadata` go into each document's
    metadata: `metadata=["url"]` for a pipeline with DropRepeatedLines
    (`count_repeats`).
    """
    from pyspark.sql.functions import pandas_udf, struct
    from pyspark.sql.types import StringType

    shipped = ShippedPipeline.of(pipeline)
    filters = tuple(QualityFilter.preset(name) for name in presets)
    inputs = [column, struct(*metadata)] if metadata else [column]
    if signals or filters:
        job = ColumnJob(shipped, "text", signals, filters)

        def clean_and_judge(batches):
            for texts, fields in map(_split_batch, batches):
                yield job.judged(texts, fields)

        schema = judged_schema(signals, presets)
        udf = _typed(clean_and_judge, bool(metadata), pd.DataFrame)
        return pandas_udf(udf, schema)(*inputs)

    def clean(batches):
        for texts, fields in map(_split_batch, batches):
            yield clean_series(texts, shipped, fields)

    return pandas_udf(_typed(clean, bool(metadata), pd.Series), StringType())(*inputs)


def count_repeats(
    frame: DataFrame,
    column: str = "text",
    *,
    group_by: str = GROUP_BY_URL,
    capacity: int = DEFAULT_CAPACITY,
) -> RepeatTable:
    """In how many rows of each group (the site of the `url` column, the value
    of the column `group_by`, or "none": all rows) each line of `column`
    occurs, counted by Spark's group-by and collected into a `RepeatTable` on
    the driver; rows without text or group are not counted. Only lines in two
    or more rows are collected (DropRepeatedLines needs at least two), so the
    driver holds the common lines, not the corpus.

    >>> table = count_repeats(df)                                  # doctest: +SKIP
    >>> cleaner = with_repeated_lines(default_pipeline(), table)    # doctest: +SKIP
    >>> df.withColumn("text", clean_column("text", cleaner, metadata=["url"]))
    """
    from pyspark.sql import functions as F

    if group_by == GROUP_BY_NONE:
        group = F.lit(WHOLE_INPUT)
    else:

        def groups(values: pd.Series) -> pd.Series:
            """Each row's group, as the CLI's counting pass and DropRepeatedLines
            read it from a record (`corpus.group_of`)."""
            return values.map(
                lambda value: (
                    group_of({group_by: value}, group_by)
                    if not is_null(value)
                    else None
                )
            )

        group = F.pandas_udf(groups, "string")(F.col(group_by))
    rows = frame.select(group.alias("group"), F.col(column).alias("text")).where(
        F.col("group").isNotNull() & F.col("text").isNotNull()
    )
    documents = {
        row["group"]: row["count"] for row in rows.groupBy("group").count().collect()
    }
    lines = F.pandas_udf(_document_lines, _LINES)(F.col("group"), F.col("text"))
    common = (
        rows.select("group", F.explode(lines).alias("line"))
        .groupBy("group", "line.hash")
        .agg(F.count("*").alias("documents"), F.min("line.example").alias("example"))
        .where(F.col("documents") >= 2)
    )
    entries = (
        (row["group"], row["hash"] % 2**64, row["documents"], row["example"])
        for row in common.toLocalIterator()
    )
    return RepeatTable.from_counts(documents, entries, capacity)


# A line of a document as count_repeats ships it: Spark's long is signed, so the
# 64-bit hash travels as its two's complement.
_LINES = "array<struct<hash: long, example: string>>"


def _document_lines(groups: pd.Series, texts: pd.Series) -> pd.Series:
    return pd.Series(
        [
            [
                {"hash": hashed - 2**64 if hashed >= 2**63 else hashed, "example": text}
                for hashed, text in document_lines(text, group).items()
            ]
            for group, text in zip(groups, texts, strict=True)
        ]
    )


def _typed(function: Callable, with_metadata: bool, returns: type) -> Callable:
    """`function` with the type hints Spark reads to call a pandas UDF: batches of
    texts, or of texts and a frame of the metadata columns (a struct arrives as a
    pandas DataFrame)."""
    takes = tuple[pd.Series, pd.DataFrame] if with_metadata else pd.Series
    function.__annotations__ = {"batches": Iterator[takes], "return": Iterator[returns]}
    return function


def _split_batch(batch) -> tuple[pd.Series, pd.DataFrame | None]:
    """A batch's texts and, when `metadata` columns came with them, those."""
    return batch if isinstance(batch, tuple) else (batch, None)


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

    types = {int: LongType, float: DoubleType, str: StringType}
    fields = [StructField("text", StringType())]
    if signals:
        fields += [
            StructField(name, types[kind]()) for name, kind in signal_types().items()
        ]
    if presets:
        fields += [
            StructField("keep", BooleanType()),
            StructField("reasons", ArrayType(StringType())),
        ]
    return Struct(fields)
