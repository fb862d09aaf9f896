"""cleantext.dask on the local schedulers: same results as the pipeline, row by row."""

import pytest

from tests.conftest import (
    PrepareLog,
    prepared_pids,
    readme_python_blocks,
    require_extra,
    run_as_script,
)

require_extra("dask", "dask.dataframe", "pandas")

import dask
import dask.bag as db
import dask.dataframe as dd
import pandas as pd

from cleantext import Document, FixSpacing, Pipeline, default_pipeline
from cleantext.dask import clean_bag, clean_column
from cleantext.engines.frames import signal_types

TEXTS = [
    "caf\u00c3\u00a9 &amp; bar ,the end",
    None,
    "i shoudl go to the market this morning. the U.S.can wait until the afternoon.",
    "Plain sentence that stays.",
    "a ,b",
    "",
]


@pytest.fixture
def frame():
    rows = pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS})
    return dd.from_pandas(rows, npartitions=3)


def expected(texts):
    pipeline = default_pipeline()
    return [None if text is None else pipeline.clean(text) for text in texts]


@pytest.mark.parametrize("scheduler", ["sync", "processes"])
def test_clean_column(frame, scheduler):
    with dask.config.set(scheduler=scheduler):
        result = clean_column(frame, "text").compute()
    assert list(result["id"]) == list(range(len(TEXTS)))
    assert result["text"].tolist() == expected(TEXTS)


def test_clean_column_with_signals(frame):
    with dask.config.set(scheduler="sync"):
        result = clean_column(frame, "text", signals=True).compute()
    assert list(result.columns) == ["id", "text", *signal_types()]
    assert result["text"].tolist() == expected(TEXTS)
    assert result["word_count"].isna().tolist() == [t is None for t in TEXTS]
    assert result["typo_rate"].iloc[2] > 0


def test_clean_bag_keeps_order_and_nulls():
    bag = db.from_sequence(TEXTS, npartitions=3)
    with dask.config.set(scheduler="processes"):
        assert clean_bag(bag).compute() == expected(TEXTS)


def test_the_pipeline_is_built_once_per_worker_process(tmp_path):
    log = tmp_path / "prepared.log"
    pipeline = Pipeline([FixSpacing(), PrepareLog(log)])
    texts = [f"row ,and number {n}" for n in range(400)]
    bag = db.from_sequence(texts, npartitions=8)
    with dask.config.set(scheduler="processes", num_workers=2):
        cleaned = clean_bag(bag, pipeline).compute()
    assert cleaned == [f"row, and number {n}" for n in range(400)]
    pids = prepared_pids(log)
    assert 1 <= len(pids) <= 2  # two workers, eight partitions, 400 rows
    assert len(pids) == len(set(pids))


def test_unknown_column_is_a_clear_error(frame):
    with pytest.raises(KeyError, match="no column 'body'; columns: id, text"):
        clean_column(frame, "body")


def test_signal_names_may_not_overwrite_columns(frame):
    clashing = frame.assign(word_count=1)
    with pytest.raises(ValueError, match="word_count"):
        clean_column(clashing, "text", signals=True)


@pytest.mark.slow
def test_readme_dask_example_runs_as_a_pasted_script(tmp_path):
    """The processes scheduler starts new interpreters: without its main guard
    the example failed with BrokenProcessPool when pasted into a file."""
    result = run_as_script(readme_python_blocks("Spark and Dask")[1], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]


def test_readme_dask_example_runs():
    dask_block = readme_python_blocks("Spark and Dask")[1]
    assert "cleantext.dask" in dask_block
    exec(compile(dask_block, "README.md", "exec"), {"__name__": "__main__"})


def test_presets_add_keep_and_reasons_as_the_filters_decide(frame):
    from cleantext.quality import QualityFilter, compute_signals

    judged = clean_column(frame, "text", presets=["c4"]).compute()
    assert list(judged.columns) == ["id", "text", "keep", "reasons"]
    pipeline, c4 = default_pipeline(), QualityFilter.preset("c4")
    for text, keep, reasons in zip(
        TEXTS, judged["keep"], judged["reasons"], strict=True
    ):
        if text is None:
            assert keep is pd.NA and reasons is None
            continue
        decision = c4.decide(compute_signals(pipeline.run(Document(text))))
        assert keep == decision.keep
        assert reasons == [f"c4/{reason}" for reason in decision.reasons]
