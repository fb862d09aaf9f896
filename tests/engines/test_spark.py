"""cleantext.spark in a real local Spark (local[2]): needs Java and the spark extra."""

import os
import shutil
import sys

import pytest

from tests.conftest import (
    ROOT,
    PrepareLog,
    prepared_pids,
    readme_python_blocks,
    require_extra,
)

require_extra("spark", "pyspark", "pandas", "pyarrow")

from cleantext import Document, FixSpacing, Pipeline
from cleantext.engines.spark import judged_schema
from cleantext.quality import QualityFilter, compute_signals
from cleantext.spark import clean_column, signals_schema

pytestmark = pytest.mark.slow

TEXTS = [
    "caf\u00c3\u00a9 &amp; bar ,the end",
    None,
    "i shoudl go. the U.S.can wait.",
    "Plain sentence that stays.",
]


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if os.environ.get("CLEANTEXT_REQUIRE_EXTRAS"):
            raise RuntimeError("CI must install Java for the Spark tests")
        pytest.skip("Spark needs Java")
    from pyspark.sql import SparkSession

    # Python workers run this interpreter and can import the tests' helpers.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
    )
    session = (
        SparkSession.builder.master("local[2]")
        .appName("cleantext-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def frame(spark):
    rows = [(n, text) for n, text in enumerate(TEXTS)]
    return spark.createDataFrame(rows, "id long, text string").repartition(2)


def test_clean_column_matches_the_pipeline(frame):
    rows = frame.withColumn("text", clean_column("text")).orderBy("id").collect()
    pipeline = Pipeline.default()
    assert [row.text for row in rows] == [
        None if t is None else pipeline.clean(t) for t in TEXTS
    ]


def test_signals_struct(frame):
    scored = frame.withColumn("clean", clean_column("text", signals=True))
    assert scored.schema["clean"].dataType == signals_schema()
    rows = scored.select("id", "clean.*").orderBy("id").collect()
    pipeline = Pipeline.default()
    for row, text in zip(rows, TEXTS, strict=True):
        if text is None:
            assert row.text is None and row.word_count is None
            continue
        doc = pipeline.run(Document(text))
        assert row.text == doc.text
        assert {k: row[k] for k in compute_signals(doc)} == pytest.approx(
            compute_signals(doc)
        )


def test_presets_add_keep_and_reasons_as_the_filters_decide(frame):
    judged = frame.withColumn("clean", clean_column("text", presets=["c4"]))
    assert judged.schema["clean"].dataType == judged_schema(presets=["c4"])
    rows = judged.select("id", "clean.*").orderBy("id").collect()
    pipeline, c4 = Pipeline.default(), QualityFilter.preset("c4")
    for row, text in zip(rows, TEXTS, strict=True):
        if text is None:
            assert row.keep is None and row.reasons is None
            continue
        decision = c4.decide(compute_signals(pipeline.run(Document(text))))
        assert row.keep == decision.keep
        assert row.reasons == [f"c4/{reason}" for reason in decision.reasons]


def test_the_pipeline_is_built_once_per_worker_process(spark, tmp_path):
    log = tmp_path / "prepared.log"
    pipeline = Pipeline([FixSpacing(), PrepareLog(log)])
    frame = spark.range(2000).selectExpr("concat('row ,and number ', id) AS text")
    cleaned = frame.repartition(8).withColumn("text", clean_column("text", pipeline))
    assert cleaned.filter("text LIKE 'row, and number %'").count() == 2000
    pids = prepared_pids(log)
    assert 1 <= len(pids) < 8  # fewer builds than tasks, never per row
    assert len(pids) == len(set(pids))


def test_readme_spark_example_runs(spark):
    spark_block = readme_python_blocks("Spark and Dask")[0]
    assert "cleantext.spark" in spark_block
    exec(compile(spark_block, "README.md", "exec"), {})  # reuses the local session
