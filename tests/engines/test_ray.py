"""cleantext.engines.ray on a local Ray: the column cleaned as the pipeline cleans
it, nulls (None and pandas' NA) kept, verdicts as the filters decide."""

from __future__ import annotations

import pytest

from tests.conftest import readme_python_blocks, require_extra, run_as_script

require_extra("ray", "ray.data", "pandas")

import pandas as pd  # noqa: E402
import ray  # noqa: E402

from cleantext import Document, default_pipeline  # noqa: E402
from cleantext.engines.ray import clean_dataset  # noqa: E402
from cleantext.quality import QualityFilter, compute_signals  # noqa: E402

pytestmark = pytest.mark.slow

TEXTS = [
    "caf\u00c3\u00a9 ,the end",
    None,
    "i shoudl go to the market this morning. the U.S.can wait until the afternoon.",
    "a ,b",
]


@pytest.fixture(scope="module")
def session():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def rows(session, texts):
    frame = pd.DataFrame({"id": range(len(texts)), "text": pd.array(texts, "string")})
    return ray.data.from_pandas(frame).repartition(2)


def test_the_column_is_cleaned_and_na_stays_null(session):
    cleaned = clean_dataset(rows(session, TEXTS)).to_pandas().sort_values("id")
    pipeline = default_pipeline()
    expected = [None if t is None else pipeline.clean(t) for t in TEXTS]
    assert [None if pd.isna(t) else t for t in cleaned["text"]] == expected


def test_presets_add_keep_and_reasons(session):
    judged = clean_dataset(rows(session, TEXTS), presets=["c4"], signals=True)
    frame = judged.to_pandas().sort_values("id")
    assert {"keep", "reasons", "word_count"} <= set(frame.columns)
    pipeline, c4 = default_pipeline(), QualityFilter.preset("c4")
    for text, keep, reasons in zip(TEXTS, frame["keep"], frame["reasons"], strict=True):
        if text is None:
            assert pd.isna(keep)
            continue
        decision = c4.decide(compute_signals(pipeline.run(Document(text))))
        assert keep == decision.keep
        assert list(reasons) == [f"c4/{reason}" for reason in decision.reasons]


def test_readme_ray_example_runs_as_a_script(tmp_path):
    (block,) = readme_python_blocks("Ray Data")
    result = run_as_script(block, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
