"""What each cleaner of a pipeline has done: counts summed over documents (in
worker processes too), and the table `--stats` prints."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class CleanerStats:
    """What one cleaner of a pipeline has done so far, summed over documents."""

    name: str
    documents: int = 0
    chars_in: int = 0
    chars_out: int = 0
    edits: int = 0
    seconds: float = 0.0

    def add(self, other: CleanerStats) -> None:
        """Add what the same cleaner did elsewhere (in a worker process)."""
        self.documents += other.documents
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.edits += other.edits
        self.seconds += other.seconds


def stats_table(stats: Iterable[CleanerStats], passed_through: int = 0) -> str:
    """The statistics as an aligned plain-text table, and a line for documents
    passed through unchanged, if any."""
    header = ("cleaner", "docs", "chars in", "chars out", "edits", "seconds")
    rows = [header] + [
        (
            s.name,
            str(s.documents),
            str(s.chars_in),
            str(s.chars_out),
            str(s.edits),
            f"{s.seconds:.3f}",
        )
        for s in stats
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    table = "\n".join(
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )
    if passed_through:
        table += (
            f"\n{passed_through} document(s) over the budget passed through unchanged"
        )
    return table
