"""cleantext.engines.hf: Dataset.map batched and null-safe, verdicts as the CLI's,
and a fingerprint that lets datasets' cache work across runs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import readme_python_blocks, require_extra, run_as_script

require_extra("hf", "datasets")

import datasets  # noqa: E402

from cleantext import FixSpacing, Pipeline, default_pipeline  # noqa: E402
from cleantext.engines.hf import clean_dataset  # noqa: E402

ARTICLE = (
    "The council approved the budget on Tuesday night ,the mayor said, and it will "
    "pay for the repairs that the roads in the north of the town have needed for "
    "years. Those who opposed it say that the parking fees are too high and that "
    "they will hurt the small shops, which are already struggling. "
)
TEXTS = [
    None,
    ARTICLE * 3,
    "Too short ,really.",
    "i shoudl go to the market this morning. the U.S.can wait until the afternoon.",
    "",
]


@pytest.fixture
def dataset():
    return datasets.Dataset.from_dict({"id": list(range(len(TEXTS))), "text": TEXTS})


def test_the_column_is_cleaned_and_nulls_stay_null(dataset):
    cleaned = clean_dataset(dataset, load_from_cache_file=False)
    pipeline = default_pipeline()
    assert cleaned["text"] == [None if t is None else pipeline.clean(t) for t in TEXTS]
    assert cleaned["id"] == list(range(len(TEXTS)))


def test_signals_and_verdicts_match_the_cli(dataset, run_cli, tmp_path):
    judged = clean_dataset(
        dataset, signals=True, presets=["gopher-quality", "c4"], batch_size=2
    )
    assert judged[0]["keep"] is None and judged[0]["word_count"] is None  # the null
    records = tmp_path / "d.jsonl"
    records.write_text(
        "".join(
            json.dumps({"id": i, "text": t}) + "\n"
            for i, t in enumerate(TEXTS)
            if t is not None
        )
    )
    rejected = tmp_path / "rejected.jsonl"
    run_cli(
        "clean",
        records,
        "--filter",
        "gopher-quality",
        "--filter",
        "c4",
        "--rejected",
        rejected,
    )
    cli = {
        int(r["id"]): r["reasons"]
        for r in map(json.loads, rejected.read_text().splitlines())
    }
    assert cli
    for row in judged.select(range(1, len(TEXTS))):
        assert row["keep"] == (row["id"] not in cli)
        assert row["reasons"] == cli.get(row["id"], [])
    assert judged.features["word_count"].dtype == "int64"


def test_the_fingerprint_is_the_same_in_every_run_and_after_use(dataset):
    pipeline = default_pipeline()
    first = clean_dataset(dataset, pipeline=pipeline)._fingerprint
    pipeline.clean("a ,b")  # a used pipeline: its statistics changed
    assert clean_dataset(dataset, pipeline=pipeline)._fingerprint == first
    code = (
        "import datasets, sys; from cleantext.engines.hf import clean_dataset; "
        f"ds = datasets.Dataset.from_dict({{'id': list(range({len(TEXTS)})), "
        f"'text': {TEXTS!r}}}); print(clean_dataset(ds)._fingerprint)"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert other == first
    assert clean_dataset(dataset, signals=True)._fingerprint != first
    other_pipeline = Pipeline([FixSpacing()])
    assert clean_dataset(dataset, pipeline=other_pipeline)._fingerprint != first


def test_a_clashing_or_missing_column_is_refused(dataset):
    with pytest.raises(KeyError, match="no column 'body'"):
        clean_dataset(dataset, "body")
    with pytest.raises(ValueError, match="keep"):
        clean_dataset(dataset.add_column("keep", [1] * len(TEXTS)), presets=["c4"])


@pytest.mark.slow
def test_worker_processes_clean_as_one_process_does(dataset):
    one = clean_dataset(dataset, load_from_cache_file=False)["text"]
    assert clean_dataset(dataset, num_proc=2, load_from_cache_file=False)["text"] == one


@pytest.mark.slow
def test_readme_hf_example_runs_as_a_script(tmp_path):
    (block,) = readme_python_blocks("Hugging Face datasets")
    result = run_as_script(block, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
