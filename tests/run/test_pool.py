"""map_documents: worker processes, input order, bounded memory, merged statistics."""

import itertools
import multiprocessing
import os
import signal
import time

import pytest

from cleantext import Document, FixSpacing, NormalizeWhitespace, Pipeline
from cleantext.errors import WorkerDied
from cleantext.run.pool import map_documents

TEXTS = [f"Line {i} ,here.\r\nNext  line {i}." for i in range(50)]


def small_pipeline() -> Pipeline:
    return Pipeline([NormalizeWhitespace(), FixSpacing()])


@pytest.mark.parametrize("jobs", [1, 2])
def test_map_matches_sequential_cleaning_in_order(jobs):
    expected = [small_pipeline().clean(t) for t in TEXTS]
    assert (
        list(map_documents(small_pipeline(), TEXTS, jobs=jobs, chunk_size=7))
        == expected
    )


def test_map_returns_documents_for_documents():
    docs = [Document(t, id=str(i)) for i, t in enumerate(TEXTS[:10])]
    out = list(map_documents(small_pipeline(), docs, jobs=2, chunk_size=3))
    assert [d.id for d in out] == [str(i) for i in range(10)]
    assert all(isinstance(d, Document) and "  " not in d.text for d in out)


def test_map_adds_worker_statistics_to_the_pipeline():
    pipeline = small_pipeline()
    list(map_documents(pipeline, TEXTS, jobs=2, chunk_size=5))
    assert [s.documents for s in pipeline.stats] == [50, 50]
    sequential = small_pipeline()
    for text in TEXTS:
        sequential.clean(text)
    assert [s.edits for s in pipeline.stats] == [s.edits for s in sequential.stats]
    assert pipeline.stats[1].edits > 0


def test_map_reads_its_input_lazily():
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"text {i} ,here"

    results = map_documents(small_pipeline(), endless(), jobs=2, chunk_size=4)
    first = list(itertools.islice(results, 3))
    assert first == [small_pipeline().clean(f"text {i} ,here") for i in range(3)]
    assert pulled <= 4 * 2 * 2 + 4  # chunk_size * jobs * prefetch, plus one chunk
    results.close()


def test_map_rejects_bad_sizes():
    with pytest.raises(ValueError, match="at least 1"):
        list(map_documents(small_pipeline(), TEXTS, jobs=2, chunk_size=0))


def test_worker_errors_reach_the_caller():
    with pytest.raises(TypeError, match="expects a str or a Document"):
        list(map_documents(small_pipeline(), [1, 2, 3], jobs=2))


def test_map_counts_documents_passed_through_in_workers():
    pipeline = Pipeline([FixSpacing()], max_chars=20)
    texts = ["short ,one", "a much longer line ,which is over the limit"] * 5
    out = list(map_documents(pipeline, texts, jobs=2, chunk_size=2))
    assert out == ["short, one", texts[1]] * 5
    assert pipeline.passed_through == 5


def test_map_starts_workers_only_for_enough_text(monkeypatch):
    import cleantext.run.pool

    def no_pool(*args, **kwargs):
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(cleantext.run.pool.multiprocessing, "get_context", no_pool)
    pipeline = small_pipeline()
    out = list(map_documents(pipeline, TEXTS, jobs=2, start_at_chars=10_000))
    assert out == [small_pipeline().clean(t) for t in TEXTS]
    assert pipeline.stats[0].documents == len(TEXTS)


class _DiesOn:
    """A step that kills its own process on one text, as the out-of-memory
    killer would."""

    name = "DiesOn"

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self, doc: Document) -> Document:
        if doc.text == self.text and multiprocessing.parent_process() is not None:
            os.kill(os.getpid(), signal.SIGKILL)
        return doc


def test_a_dead_worker_ends_the_run_with_an_error_naming_its_documents():
    pipeline = Pipeline([_DiesOn(TEXTS[20])])
    started = time.monotonic()
    with pytest.raises(WorkerDied) as died:
        list(map_documents(pipeline, TEXTS, jobs=2, chunk_size=7))
    assert "while cleaning documents 15 to 21 of the input" in str(died.value)
    assert time.monotonic() - started < 60
    assert multiprocessing.active_children() == []


def test_a_consumer_that_stops_early_leaves_no_worker_behind():
    results = map_documents(small_pipeline(), TEXTS * 20, jobs=2, chunk_size=5)
    next(results)
    results.close()
    assert multiprocessing.active_children() == []
