"""What a batch writes about each document besides its text: the report line
(`--report`), and the quality judgement (`cleantext score`, `--filter` with
`--rejected`): signals and decisions, and documents dropped with their reasons.

Report and rejected lines are whole records: every field of the input record (a
JSONL line, a Parquet row, a web archive record's url and date), with the fields
cleantext adds (`input`, `line`, `keep`, `reasons`, ...) replacing input fields of
the same name. Reasons have one shape everywhere: `["preset/reason", ...]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from cleantext.document import Document
from cleantext.io.jsonl import write_json_line
from cleantext.pipeline.stats import flat_rule_counts
from cleantext.quality import QualityFilter, compute_signals, failing_reasons


@dataclass(frozen=True)
class Place:
    """Where a document was read: its input, and its line or row in a record
    file; `record` is the input record's fields (empty for a whole file) and
    `field` the one that holds the text."""

    source: str
    line: int | None = None
    record: dict[str, Any] | None = None
    field: str = "text"

    def located(self, doc: Document) -> dict[str, Any]:
        """The document's id, then every field of its record but the text, then
        its input and line."""
        entry: dict[str, Any] = {"id": doc.id}
        entry.update(self.record or {})
        entry.pop(self.field, None)
        entry["input"] = self.source
        if self.line is not None:
            entry["line"] = self.line
        return entry


@dataclass
class Report:
    """One JSON line per cleaned document: its record without the text, where it
    was, its size before and after, its edits per cleaner and per rule, the
    filters' verdict (when there are filters), why it was skipped, and the
    metadata the cleaners found."""

    stream: BinaryIO

    def add(
        self,
        doc: Document,
        place: Place,
        chars_in: int,
        reasons: list[str] | None = None,
    ) -> None:
        entry = place.located(doc) | {
            "chars_in": chars_in,
            "chars_out": len(doc.text),
            "edits": dict(sorted(doc.edit_counts.items())),
            "rules": dict(sorted(flat_rule_counts(doc.rule_counts).items())),
        }
        if reasons is not None:
            entry |= {"keep": not reasons, "reasons": reasons}
        if doc.skipped:
            entry["skipped"] = doc.skipped
        if doc.metadata:
            entry["metadata"] = doc.metadata
        write_json_line(self.stream, entry)


@dataclass
class Judge:
    """Scores documents with `filters`, writing signals and decisions to `scores`
    and the documents a filter drops, whole, with every failing filter's
    reasons, to `rejected`; counts what it drops, by reason."""

    filters: tuple[QualityFilter, ...] = ()
    scores: BinaryIO | None = None
    rejected: BinaryIO | None = None
    dropped: int = 0

    def __post_init__(self) -> None:
        self.reasons: dict[str, int] = {}  # documents dropped, by reason

    def count_drop(self, reasons: list[str]) -> None:
        """Count one document dropped for `reasons`."""
        self.dropped += 1
        for reason in reasons:
            self.reasons[reason] = self.reasons.get(reason, 0) + 1

    def judge(self, doc: Document, place: Place) -> list[str] | None:
        """Every failing filter's reasons for `doc` (empty: kept), writing its
        scores when asked; None when there is nothing to judge with."""
        if not (self.filters or self.scores):
            return None
        signals = compute_signals(doc)
        decisions = {f.name: f.decide(signals) for f in self.filters}
        if self.scores is not None:
            entry = place.located(doc) | {
                "signals": signals,
                "decisions": {name: d.to_json() for name, d in decisions.items()},
            }
            write_json_line(self.scores, entry)
        return failing_reasons(decisions) if self.filters else None

    def drops(self, doc: Document, place: Place, reasons: list[str] | None) -> bool:
        """Whether `doc` is dropped for `reasons` (from `judge`); if so, it goes
        to the rejected file: its whole record, the cleaned text in its text
        field, `keep` false and the reasons."""
        if not reasons or self.rejected is None:
            return False
        self.count_drop(reasons)
        entry = place.located(doc) | {
            place.field: doc.text,
            "keep": False,
            "reasons": reasons,
        }
        write_json_line(self.rejected, entry)
        return True
