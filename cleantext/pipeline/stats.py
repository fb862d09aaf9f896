"""What each cleaner of a pipeline has done: counts summed over documents (in
worker processes too), edits by rule always, the table `--stats` prints and the
JSON `--stats-json` writes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


def flat_rule_counts(rule_counts: dict[str, dict[str, int]]) -> dict[str, int]:
    """A document's `rule_counts` keyed `"cleaner/rule"`."""
    return {
        f"{cleaner}/{rule}": n
        for cleaner, rules in rule_counts.items()
        for rule, n in rules.items()
    }


@dataclass
class CleanerStats:
    """What one cleaner of a pipeline has done so far, summed over documents;
    `rules` counts its edits by `"cleaner/rule"` (a nested pipeline's cleaners
    each under their own name)."""

    name: str
    documents: int = 0
    chars_in: int = 0
    chars_out: int = 0
    seconds: float = 0.0
    rules: Counter[str] = field(default_factory=Counter)

    @property
    def edits(self) -> int:
        return sum(self.rules.values())

    def count_rules(self, before: dict[str, int], after: dict[str, int]) -> None:
        """Add the edits a document gained while this cleaner ran, from its flat
        rule counts before and after."""
        for rule, n in after.items():
            gained = n - before.get(rule, 0)
            if gained:
                self.rules[rule] += gained

    def add(self, other: CleanerStats) -> None:
        """Add what the same cleaner did elsewhere (in a worker process)."""
        self.documents += other.documents
        self.chars_in += other.chars_in
        self.chars_out += other.chars_out
        self.seconds += other.seconds
        self.rules.update(other.rules)

    def to_json(self) -> dict[str, Any]:
        return {
            "cleaner": self.name,
            "documents": self.documents,
            "chars_in": self.chars_in,
            "chars_out": self.chars_out,
            "edits": self.edits,
            "seconds": round(self.seconds, 3),
            "rules": dict(sorted(self.rules.items())),
        }


def stats_table(stats: Iterable[CleanerStats], passed_through: int = 0) -> str:
    """The statistics as an aligned plain-text table, each cleaner followed by its
    rules' edits, and a line for documents passed through unchanged, if any."""
    header = ("cleaner", "docs", "chars in", "chars out", "edits", "seconds")
    rows = [header]
    for s in stats:
        rows.append(
            (
                s.name,
                str(s.documents),
                str(s.chars_in),
                str(s.chars_out),
                str(s.edits),
                f"{s.seconds:.3f}",
            )
        )
        rows.extend(
            (f"  {rule}", "", "", "", str(n), "")
            for rule, n in sorted(s.rules.items(), key=lambda item: (-item[1], item[0]))
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    table = "\n".join(
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    )
    if passed_through:
        table += (
            f"\n{passed_through} document(s) over the budget passed through unchanged"
        )
    return table
