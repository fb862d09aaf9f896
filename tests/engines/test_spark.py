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

from cleantext import (
    Document,
    FixSpacing,
    Pipeline,
    RepeatTable,
    default_pipeline,
    with_repeated_lines,
)
from cleantext.corpus import site_of
from cleantext.engines.spark import count_repeats, judged_schema
from cleantext.quality import QualityFilter, compute_signals
from cleantext.spark import clean_column, signals_schema

pytestmark = pytest.mark.slow

TEXTS = [
    "caf\u00c3\u00a9 &amp; bar ,the end",
    None,
    "i shoudl go to the market this morning. the U.S.can wait until the afternoon.",
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
    pipeline = default_pipeline()
    assert [row.text for row in rows] == [
        None if t is None else pipeline.clean(t) for t in TEXTS
    ]


def test_signals_struct(frame):
    scored = frame.withColumn("clean", clean_column("text", signals=True))
    assert scored.schema["clean"].dataType == signals_schema()
    rows = scored.select("id", "clean.*").orderBy("id").collect()
    pipeline = default_pipeline()
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
    pipeline, c4 = default_pipeline(), QualityFilter.preset("c4")
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


def site_rows() -> list[tuple]:
    """Pages of two sites with their menus and footers, a page without a url,
    and a null text."""
    rows = []
    for i in range(12):
        host = "https://www.example.co.uk" if i % 3 else "http://blog.other.org"
        text = (
            f"Home | News\n\nSign in\n\n# Story {i}\n\n"
            f"Day {i} brought news of {'x' * i}.\n\n© {2010 + i} The Publisher"
        )
        rows.append((i, f"{host}/{i}", text))
    return [*rows, (12, None, "Sign in\n\nAlone."), (13, "http://a.org/", None)]


def test_count_repeats_equals_the_table_counted_in_python(spark):
    frame = spark.createDataFrame(site_rows(), "id long, url string, text string")
    table = count_repeats(frame.repartition(3))
    python = RepeatTable()
    for _, url, text in site_rows():
        if url is not None and text is not None:
            python.add(text, site_of(url))
    assert table.groups == python.groups == {"example.co.uk": 8, "other.org": 4}

    def common(t: RepeatTable) -> set[tuple]:
        return {
            (e.group, e.key_hash, e.documents) for e in t.top(100) if e.documents > 1
        }

    assert common(table) == common(python) and len(common(table)) == 6
    assert {e.example for e in table.top(3)} <= {
        "Home | News",
        "Sign in",
        "© 2010 The Publisher",
        "© 2011 The Publisher",
    }


def test_group_by_a_column_or_none(spark):
    frame = spark.createDataFrame(site_rows(), "id long, url string, text string")
    by_id = count_repeats(frame, group_by="id")  # every row is a group of its own
    assert by_id.groups == {str(i): 1 for i in range(13)} and by_id.entries == 0
    assert count_repeats(frame, group_by="none").groups == {"": 13}


def test_cleaning_with_the_table_and_the_url_column(spark):
    frame = spark.createDataFrame(site_rows(), "id long, url string, text string")
    pipeline = with_repeated_lines(default_pipeline(), count_repeats(frame))
    cleaned = frame.withColumn(
        "text", clean_column("text", pipeline, metadata=["url"])
    ).orderBy("id")
    texts = [row.text for row in cleaned.collect()]
    expected = [
        None
        if text is None
        else pipeline.run(Document(text, metadata={"url": url})).text
        for _, url, text in site_rows()
    ]
    assert texts == expected
    assert texts[1] == "# Story 1\n\nDay 1 brought news of x."
    assert "Sign in" in texts[12]  # no url, no group
    judged = frame.withColumn(
        "clean", clean_column("text", pipeline, presets=["c4"], metadata=["url"])
    ).orderBy("id")
    assert [row.clean.text if row.clean else None for row in judged.collect()] == texts


def test_readme_spark_example_runs(spark):
    spark_block = readme_python_blocks("Spark and Dask")[0]
    assert "cleantext.spark" in spark_block
    exec(compile(spark_block, "README.md", "exec"), {})  # reuses the local session
