"""What a batch writes about each document besides its text: the report line
(`--report`), and the quality judgement (`cleantext score`, `--filter` with
`--rejected`): signals and decisions, and documents dropped with their reasons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from cleantext.document import Document
from cleantext.io.jsonl import write_json_line
from cleantext.quality import QualityFilter, compute_signals, failing_reasons


def where(doc: Document, source: str, line: int | None) -> dict[str, Any]:
    """The fields that locate a document: its id, its input and (in a record
    file) its line."""
    entry: dict[str, Any] = {"id": doc.id, "input": source}
    if line is not None:
        entry["line"] = line
    return entry


@dataclass
class Report:
    """One JSON line per cleaned document: where it was, its size before and
    after, its edits per cleaner, why it was skipped, its metadata."""

    stream: BinaryIO

    def add(self, doc: Document, source: str, line: int | None, chars_in: int) -> None:
        entry = where(doc, source, line) | {
            "chars_in": chars_in,
            "chars_out": len(doc.text),
            "edits": dict(sorted(doc.edit_counts.items())),
        }
        if doc.skipped:
            entry["skipped"] = doc.skipped
        if doc.metadata:
            entry["metadata"] = doc.metadata
        write_json_line(self.stream, entry)


@dataclass
class Judge:
    """Scores documents with `filters`, writing signals and decisions to `scores`
    and the documents a filter drops, with every failing filter's reasons, to
    `rejected`; counts what it drops."""

    filters: tuple[QualityFilter, ...] = ()
    scores: BinaryIO | None = None
    rejected: BinaryIO | None = None
    dropped: int = 0

    def keeps(self, doc: Document, source: str, line: int | None) -> bool:
        """False when a filter drops `doc` (it is then in the rejected file)."""
        if not (self.filters or self.scores):
            return True
        signals = compute_signals(doc)
        decisions = {f.name: f.decide(signals) for f in self.filters}
        located = where(doc, source, line)
        if self.scores is not None:
            entry = located | {
                "signals": signals,
                "decisions": {name: d.to_json() for name, d in decisions.items()},
            }
            write_json_line(self.scores, entry)
        failed = failing_reasons(decisions)
        if not failed or self.rejected is None:
            return True
        self.dropped += 1
        write_json_line(self.rejected, located | {"reasons": failed, "text": doc.text})
        return False
