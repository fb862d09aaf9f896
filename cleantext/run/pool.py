"""Clean a stream of documents in worker processes, in order, in bounded memory.

`map_documents` sends the pipeline to each worker once (inherited on fork, pickled
once per worker elsewhere), after `prepare()` has loaded what its cleaners need
(FixTypos' lexicon) so forked workers share it. Documents travel in chunks; at most
`jobs * prefetch` chunks are in flight, so a 10 GB JSONL stream is cleaned in
constant memory. Each chunk comes back with its cleaners' statistics, which are
added to the caller's pipeline.

A worker that dies (killed, or taken by the out-of-memory killer) ends the run
with a `WorkerDied` error naming the documents in flight, instead of a wait
that never ends; however the run stops, no worker is left behind.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from cleantext.document import Document
from cleantext.errors import WorkerDied
from cleantext.pipeline import CleanerStats, Pipeline

Item = TypeVar("Item", str, Document)

_worker_pipeline: Pipeline | None = None
_CHUNK_CHARS = 500_000  # a chunk ends at this much text, or at `chunk_size` items


def map_documents(
    pipeline: Pipeline,
    items: Iterable[Item],
    *,
    jobs: int | None = None,
    chunk_size: int = 64,
    prefetch: int = 2,
    start_at_chars: int = 0,
) -> Iterator[Item]:
    """Clean `items` (strings or Documents) with `pipeline`, yielding results in
    input order: a string for a string, the Document for a Document.

    `jobs` is the number of worker processes (default: all cores); with 1 the
    documents are cleaned in this process. Workers start only once
    `start_at_chars` characters of text are waiting; a smaller input is cleaned
    in this process, since starting workers would take longer.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs < 1 or chunk_size < 1 or prefetch < 1 or start_at_chars < 0:
        raise ValueError(
            "jobs, chunk_size and prefetch must be at least 1, start_at_chars >= 0"
        )
    items = iter(items)
    waiting = _take_chars(items, start_at_chars) if jobs > 1 else []
    if jobs == 1 or sum(map(_length, waiting)) < start_at_chars:
        yield from (pipeline(item) for item in itertools.chain(waiting, items))
        return
    pipeline.prepare()
    context = multiprocessing.get_context(_start_method())
    chunks = _chunks(itertools.chain(waiting, items), chunk_size)
    executor = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_start_worker, initargs=(pipeline,)
    )
    finished = False
    try:
        pending: deque[_Pending] = deque()
        first = 1  # the position of the next chunk's first item in the input
        for chunk in chunks:
            future = executor.submit(_clean_chunk, chunk)
            pending.append((first, len(chunk), future))
            first += len(chunk)
            if len(pending) >= jobs * prefetch:
                yield from _collect(pipeline, pending)
        while pending:
            yield from _collect(pipeline, pending)
        finished = True
    finally:
        _stop(executor, finished)


def _stop(executor: ProcessPoolExecutor, finished: bool) -> None:
    """Shut the workers down: let them exit after a finished run; otherwise (an
    error, Ctrl-C, a consumer that stopped reading) end them at once, so that no
    worker outlives the run."""
    if finished:
        executor.shutdown(wait=True)
        return
    # The executor has no public way to end running workers before Python 3.14's
    # terminate_workers(); its process table is the one it keeps for itself.
    workers = list((getattr(executor, "_processes", None) or {}).values())
    for worker in workers:
        worker.terminate()
    executor.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.join(timeout=5)


def _start_method() -> str:
    """fork where it exists (workers inherit the loaded lexicon), else spawn."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def _length(item: str | Document) -> int:
    """Characters of text in `item` (0 for what is neither a str nor a Document:
    the pipeline rejects those with a clear error)."""
    if isinstance(item, str):
        return len(item)
    return len(item.text) if isinstance(item, Document) else 0


def _take_chars(items: Iterator[Item], chars: int) -> list[Item]:
    """Items from the front of `items` until they hold `chars` characters (or
    `items` ends)."""
    taken: list[Item] = []
    total = 0
    while total < chars and (item := next(items, None)) is not None:
        taken.append(item)
        total += _length(item)
    return taken


def _chunks(items: Iterator[Item], size: int) -> Iterator[list[Item]]:
    """Lists of `size` items, or fewer when they hold `_CHUNK_CHARS` characters:
    a few long documents are shared between workers too."""
    chunk: list[Item] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += _length(item)
        if len(chunk) == size or chars >= _CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _start_worker(pipeline: Pipeline) -> None:
    """Keep the pipeline for this worker's chunks; leave Ctrl-C to the parent,
    which stops the pool (else every worker prints its own traceback)."""
    global _worker_pipeline
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_pipeline = pipeline
    pipeline.prepare()


_ChunkResult = tuple[list[Item], list[CleanerStats], int]
_Pending = tuple[int, int, "Future[_ChunkResult]"]  # first position, size, result


def _clean_chunk(chunk: list[Item]) -> _ChunkResult:
    pipeline = _worker_pipeline
    assert pipeline is not None, "worker started without a pipeline"
    pipeline.reset_stats()
    cleaned = [pipeline(item) for item in chunk]
    return cleaned, pipeline.stats, pipeline.passed_through


def _collect(pipeline: Pipeline, pending: deque[_Pending]) -> list[Item]:
    """The oldest chunk's results, its statistics added to `pipeline`."""
    try:
        cleaned, stats, passed_through = pending[0][2].result()
    except BrokenProcessPool as exc:
        # The executor fails every chunk in flight alike: name them all.
        first, last = pending[0][0], pending[-1][0] + pending[-1][1] - 1
        raise WorkerDied(
            f"a worker process died while documents {first:,} to {last:,} of the "
            "input were being cleaned (killed, or out of memory?); the run "
            "stopped there"
        ) from exc
    pending.popleft()
    pipeline.add_stats(stats, passed_through)
    return cleaned
