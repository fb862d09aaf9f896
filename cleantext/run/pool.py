"""Clean a stream of documents in worker processes, in order, in bounded memory.

`map_documents` starts `jobs` workers, each with the pipeline (inherited on fork,
pickled once per worker elsewhere) after `prepare()` has loaded what its cleaners
need (FixTypos' lexicon), so forked workers share it. Each worker has a pipe of
its own and one chunk of documents at a time; at most `jobs * prefetch` chunks
are out (being cleaned or waiting to be yielded in order), so a 10 GB JSONL
stream is cleaned in constant memory. Each chunk comes back with its cleaners'
statistics, which are added to the caller's pipeline.

The parent waits on every worker's pipe and on its process at once, so a worker
that dies (killed, or taken by the out-of-memory killer) ends the run with a
`WorkerDied` error naming the documents of its chunk, never a wait without end.
However the run stops (an error, Ctrl-C, SIGTERM through the command line, a
consumer that stops reading), the workers are ended; and a worker whose parent
is gone finds its pipe closed and exits.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

from cleantext.document import Document
from cleantext.errors import WorkerDied
from cleantext.pipeline import Pipeline

Item = TypeVar("Item", str, Document)

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
    chunks = _chunks(itertools.chain(waiting, items), chunk_size)
    workers = _start_workers(pipeline, jobs)
    try:
        yield from _run(pipeline, workers, chunks, jobs * prefetch)
    finally:
        _stop(workers)


@dataclass
class _Chunk:
    """A chunk of the input: its place, its items, and what came back for it."""

    index: int
    first: int  # the position of its first item in the input, from 1
    items: list
    result: Any = None


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    pipe: Connection
    chunk: _Chunk | None = None  # the chunk it is cleaning


def _run(
    pipeline: Pipeline, workers: list[_Worker], chunks: Iterator[list], limit: int
) -> Iterator:
    """Hand chunks to idle workers, keep their results until their turn, and
    yield the items in input order."""
    numbered = _numbered(chunks)
    done: dict[int, _Chunk] = {}
    turn = 0  # the index of the next chunk to yield
    exhausted = False
    while True:
        for worker in workers:
            out = sum(w.chunk is not None for w in workers) + len(done)
            if worker.chunk is None and out < limit and not exhausted:
                chunk = next(numbered, None)
                if chunk is None:
                    exhausted = True
                    break
                worker.chunk = chunk
                _send(worker)
        while turn in done:
            chunk = done.pop(turn)
            cleaned, stats, passed_through = chunk.result
            pipeline.add_stats(stats, passed_through)
            yield from cleaned
            turn += 1
        busy = [worker for worker in workers if worker.chunk is not None]
        if not busy:
            if exhausted and not done:
                return
            continue  # room for more chunks now that some were yielded
        _receive(busy, done)


def _send(worker: _Worker) -> None:
    try:
        worker.pipe.send(worker.chunk.items)
    except OSError:  # the worker died while idle: its pipe is broken
        raise _died(worker.chunk) from None


def _died(chunk: _Chunk) -> WorkerDied:
    return WorkerDied(
        f"a worker process died while cleaning documents {chunk.first:,} to "
        f"{chunk.first + len(chunk.items) - 1:,} of the input (killed, or out of "
        "memory?); the run stopped there"
    )


def _receive(busy: list[_Worker], done: dict[int, _Chunk]) -> None:
    """Wait for a result from any busy worker, or for one to die."""
    pipes = {worker.pipe: worker for worker in busy}
    ended = {worker.process.sentinel: worker for worker in busy}
    for ready in wait([*pipes, *ended]):
        worker = pipes.get(ready) or ended[ready]
        if worker.chunk is None:
            continue  # its result came in this same round
        try:
            outcome = worker.pipe.recv()
        except (EOFError, OSError):
            raise _died(worker.chunk) from None
        if isinstance(outcome, BaseException):
            raise outcome  # a cleaner's own error, as the caller would see it
        worker.chunk.result = outcome
        done[worker.chunk.index] = worker.chunk
        worker.chunk = None


def _numbered(chunks: Iterator[list]) -> Iterator[_Chunk]:
    first = 1
    for index, items in enumerate(chunks):
        yield _Chunk(index, first, items)
        first += len(items)


def _start_workers(pipeline: Pipeline, jobs: int) -> list[_Worker]:
    context = multiprocessing.get_context(_start_method())
    forked = context.get_start_method() == "fork"
    workers: list[_Worker] = []
    try:
        for _ in range(jobs):
            ours, theirs = context.Pipe()
            # A forked worker inherits the parent's ends of every pipe made so
            # far; it closes them, so that each worker sees its pipe close when
            # the parent is gone.
            inherited = [w.pipe for w in workers] + [ours] if forked else []
            process = context.Process(
                target=_work, args=(theirs, inherited, pipeline), daemon=True
            )
            process.start()
            theirs.close()
            workers.append(_Worker(process, ours))
    except BaseException:
        _stop(workers)
        raise
    return workers


def _stop(workers: list[_Worker]) -> None:
    """End every worker: idle ones exit when their pipe closes, busy ones are
    terminated (a run that stops early does not wait for their chunks)."""
    for worker in workers:
        if worker.chunk is not None:
            worker.process.terminate()
        worker.pipe.close()
    for worker in workers:
        worker.process.join(timeout=10)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()


def _work(pipe: Connection, inherited: list[Connection], pipeline: Pipeline) -> None:
    """A worker: clean each chunk that comes, until the pipe closes. Ctrl-C is
    left to the parent, which stops the pool (else every worker would print its
    own traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for connection in inherited:
        connection.close()
    pipeline.prepare()
    while True:
        try:
            chunk = pipe.recv()
        except (EOFError, OSError):
            return
        try:
            pipeline.reset_stats()
            cleaned = [pipeline(item) for item in chunk]
            outcome: Any = (cleaned, pipeline.stats, pipeline.passed_through)
        except Exception as exc:
            outcome = exc
        try:
            pipe.send(outcome)
        except OSError:  # the parent is gone
            return


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
