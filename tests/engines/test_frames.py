"""The pandas core shared by the Spark and Dask adapters (cleantext.frames)."""

import pickle

import pytest

from tests.conftest import PrepareLog, prepared_pids, require_extra

require_extra("dask", "pandas")

import pandas as pd

from cleantext import Document, FixSpacing, FixUnicode, Pipeline, default_pipeline
from cleantext.engines.frames import (
    ColumnJob,
    ShippedPipeline,
    clean_series,
    signal_types,
)
from cleantext.quality import compute_signals

TEXTS = [
    "caf\u00c3\u00a9 &amp; bar ,the end",
    "i shoudl go to the market this morning. the U.S.can wait until the afternoon.",
    "",
]


def test_clean_series_matches_the_pipeline_row_by_row():
    shipped = ShippedPipeline.of()
    series = pd.Series(TEXTS, index=[10, 20, 30], name="body")
    cleaned = clean_series(series, shipped)
    assert list(cleaned) == [default_pipeline().clean(t) for t in TEXTS]
    assert list(cleaned.index) == [10, 20, 30]
    assert cleaned.name == "body"


@pytest.mark.parametrize("null", [None, float("nan"), pd.NA])
def test_nulls_stay_null(null):
    shipped = ShippedPipeline.of(Pipeline([FixSpacing()]))
    cleaned = clean_series(pd.Series(["a ,b", null], dtype=object), shipped)
    assert cleaned[0] == "a, b"
    assert cleaned[1] is None
    scored = ColumnJob(shipped, "text", signals=True).judged(
        pd.Series([null], dtype=object)
    )
    assert scored.isna().all(axis=None)


def test_a_non_string_value_is_a_clear_error():
    with pytest.raises(TypeError, match="string columns; got a int value"):
        clean_series(pd.Series([3], dtype=object), ShippedPipeline.of())


def test_signals_are_those_of_the_cleaned_document():
    pipeline = default_pipeline()
    job = ColumnJob(ShippedPipeline.of(pipeline), "text", signals=True)
    scored = job.judged(pd.Series(TEXTS))
    assert list(scored.columns) == ["text", *signal_types()]
    for row, text in zip(scored.itertuples(index=False), TEXTS, strict=True):
        doc = pipeline.run(Document(text))
        assert row.text == doc.text
        expected = compute_signals(doc)
        assert {name: getattr(row, name) for name in expected} == expected
    assert scored["typo_rate"].iloc[1] > 0  # the cleaning edits reach the signals


def test_signal_types_are_counts_fractions_and_the_language():
    kinds = signal_types()
    assert kinds["word_count"] is int
    assert kinds["stop_word_ratio"] is float
    assert kinds["language"] is str
    assert set(kinds.values()) == {int, float, str}


def test_a_shipped_pipeline_is_built_once_per_process(tmp_path):
    log = tmp_path / "prepared.log"
    shipped = ShippedPipeline.of(Pipeline([FixUnicode(), PrepareLog(log)]))
    # Every task carries its own unpickled copy of the handle; the pipeline behind
    # it is built (and prepared) only the first time in this process.
    tasks = [pickle.loads(pickle.dumps(shipped)) for _ in range(5)]
    built = {id(task.pipeline()) for task in tasks}
    assert len(built) == 1
    assert len(prepared_pids(log)) == 1


def test_distinct_pipelines_are_kept_apart():
    spacing = ShippedPipeline.of(Pipeline([FixSpacing()]))
    unicode = ShippedPipeline.of(Pipeline([FixUnicode()]))
    assert spacing.digest != unicode.digest
    series = pd.Series(["caf\u00c3\u00a9", "a ,b"])
    assert list(clean_series(series, spacing)) == ["caf\u00c3\u00a9", "a, b"]
    assert list(clean_series(series, unicode)) == ["café", "a ,b"]


def test_only_a_pipeline_can_be_shipped():
    with pytest.raises(TypeError, match=r"expected a cleantext\.Pipeline"):
        ShippedPipeline.of(FixSpacing())
