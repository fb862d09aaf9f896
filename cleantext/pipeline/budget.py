"""The budget a pipeline gives each document: how long it may be, and (optionally)
how long its cleaning may take, and what a document over it comes back as."""

from __future__ import annotations

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
    edit_counts: dict[str, int]
    edits: int

    @classmethod
    def of(cls, doc: Document) -> Snapshot:
        return cls(
            doc.text,
            dict(doc.metadata),
            dict(doc.signals),
            dict(doc.edit_counts),
            len(doc.edits),
        )

    def restore(self, doc: Document) -> None:
        doc.text = self.text
        doc.metadata = self.metadata
        doc.signals = self.signals
        doc.edit_counts = self.edit_counts
        del doc.edits[self.edits :]
