"""Clean a stream of documents in worker processes, in order, in bounded memory.

`map_documents` sends the pipeline to each worker once (inherited on fork, pickled
once per worker elsewhere), after `prepare()` has loaded what its cleaners need
(FixTypos' lexicon) so forked workers share it. Documents travel in chunks; at most
`jobs * prefetch` chunks are in flight, so a 10 GB JSONL stream is cleaned in
constant memory. Each chunk comes back with its cleaners' statistics, which are
added to the caller's pipeline.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from cleantext.document import Document

if TYPE_CHECKING:
    from cleantext.pipeline import CleanerStats, Pipeline

Item = TypeVar("Item", str, Document)

_worker_pipeline: Pipeline | None = None


def map_documents(
    pipeline: Pipeline,
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    chunk_size: int = 64,
    prefetch: int = 2,
) -> Iterator[Item]:
    """Clean `items` (strings or Documents) with `pipeline`, yielding results in
    input order: a string for a string, the Document for a Document.

    `jobs` is the number of worker processes (default: all cores); with 1 the
    documents are cleaned in this process.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1 or chunk_size < 1 or prefetch < 1:
        raise ValueError("jobs, chunk_size and prefetch must be at least 1")
    if jobs == 1:
        yield from (pipeline(item) for item in items)
        return
    pipeline.prepare()
    context = multiprocessing.get_context(_start_method())
    chunks = _chunks(iter(items), chunk_size)
    with context.Pool(jobs, initializer=_start_worker, initargs=(pipeline,)) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_clean_chunk, (chunk,)))
            if len(pending) >= jobs * prefetch:
                yield from _collect(pipeline, pending.popleft().get())
        while pending:
            yield from _collect(pipeline, pending.popleft().get())


def _start_method() -> str:
    """fork where it exists (workers inherit the loaded lexicon), else spawn."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _start_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline
    pipeline.prepare()


_ChunkResult = tuple[list[Item], list["CleanerStats"], int]


def _clean_chunk(chunk: list[Item]) -> _ChunkResult:
    pipeline = _worker_pipeline
    assert pipeline is not None, "worker started without a pipeline"
    pipeline.reset_stats()
    cleaned = [pipeline(item) for item in chunk]
    return cleaned, pipeline.stats, pipeline.passed_through


def _collect(pipeline: Pipeline, result: _ChunkResult) -> list[Item]:
    cleaned, stats, passed_through = result
    pipeline.add_stats(stats, passed_through)
    return cleaned
