"""The budget a pipeline gives each document: how long it may be, and (optionally)
how long its cleaning may take, and what a document over it comes back as.

The time limit holds inside a cleaner too: in a process's main thread (the
command line, each worker process) a real-time timer interrupts the cleaner
when the time is up, between two Python steps (a single regex scan, linear in
its input, runs to its end first). Elsewhere, in a thread, the limit is checked
between cleaners only, since only the main thread receives signals.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cleantext.document import Document
from cleantext.errors import ConfigError

# Far above any article or web page (a long novel is about 1.5 million characters),
# low enough that one document cannot hold a worker for minutes or take gigabytes:
# every cleaner is linear in its input, so this bounds the time per document.
DEFAULT_MAX_CHARS = 10_000_000


def checked_limit(name: str, value: Any, kind: type) -> Any:
    """A budget option checked: None (no limit) or a positive number."""
    if value is None:
        return None
    allowed = (int,) if kind is int else (int, float)
    if isinstance(value, allowed) and not isinstance(value, bool) and value > 0:
        return kind(value)
    raise ConfigError(
        f"Pipeline: {name!r} must be a positive "
        f"{'integer' if kind is int else 'number'} or absent, got {value!r}"
    )


@dataclass
class Snapshot:
    """What a document was before a timed run, to give it back unchanged."""

    text: str
    metadata: dict[str, Any]
    signals: dict[str, Any]
    rule_counts: dict[str, dict[str, int]]
    edits: int

    @classmethod
    def of(cls, doc: Document) -> Snapshot:
        return cls(
            doc.text,
            dict(doc.metadata),
            dict(doc.signals),
            {cleaner: dict(rules) for cleaner, rules in doc.rule_counts.items()},
            len(doc.edits),
        )

    def restore(self, doc: Document) -> None:
        doc.text = self.text
        doc.metadata = self.metadata
        doc.signals = self.signals
        doc.rule_counts = self.rule_counts
        del doc.edits[self.edits :]


class OverBudget(Exception):
    """Raised inside a cleaner when a document's time is up."""


@contextlib.contextmanager
def interrupt_after(seconds: float) -> Iterator[None]:
    """Raise `OverBudget` in this thread once `seconds` have passed, if this is
    the main thread of a process that has no real-time timer of its own running.
    The previous handler is put back after."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def over(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, over)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
