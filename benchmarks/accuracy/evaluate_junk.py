"""Measure junk removal on the labelled evaluation set in `junk_eval/` beside this.

Each `.ann` file is a document with one label per line: `K|` (content to keep) or
`J|` (junk to drop) before the line's text; empty lines are blank lines, not scored.
`seeds/` annotates the five bundled seeds; `sites/` holds documents in other site
styles, written together with the rules (they show the catalogue's coverage);
`heldout/` holds documents written after the rules and never tuned on (they show how
far it generalises). The cleaners under test (DropBoilerplate and DropDuplicates, as
in the default pipeline) only delete lines or edit them inline, so output lines are
matched to input lines in order, exactly or once bracketed inline marks ("[edit]")
are removed.

Reported per document and per group:
- junk-line recall: share of junk lines removed;
- content-line precision: share of the kept lines that are content;
- content-token recall: share of the content's words that survive.

    python -m benchmarks.accuracy.evaluate_junk [--check]

(--check: exit 1 below the floors)
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import regex

from benchmarks.accuracy.floors import unmet_floors
from cleantext import DropBoilerplate, DropDuplicates, Pipeline
from cleantext.resources.tomlio import load_toml

EVAL_DIR = Path(__file__).resolve().parent / "junk_eval"
GROUPS = ("seeds", "sites", "heldout")
FLOORS = EVAL_DIR / "floors.toml"
# DropBoilerplate's inline rules only remove bracketed marks ("[edit]").
_BRACKET_MARK = regex.compile(r"\s?\[[^\[\]]{0,30}\]")


@dataclass(frozen=True)
class Labelled:
    """An evaluation document: its lines and, per line, 'K', 'J' or None (blank)."""

    name: str
    lines: list[str]
    labels: list[str | None]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def load_annotated(path: Path) -> Labelled:
    lines, labels = [], []
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if not raw:
            lines.append("")
            labels.append(None)
        elif raw[:2] in ("K|", "J|"):
            lines.append(raw[2:])
            labels.append(raw[0] if raw[2:].strip() else None)
        else:
            raise ValueError(f"{path}:{number}: a line must start with 'K|' or 'J|'")
    return Labelled(path.stem, lines, labels)


def kept_lines(source: list[str], output: list[str]) -> list[bool]:
    """For each input line, whether it survives: in-order matching, exact first."""
    kept, cursor = [], 0
    for line in source:
        if cursor < len(output) and _same(line, output[cursor]):
            kept.append(True)
            cursor += 1
        else:
            kept.append(False)
    return kept


def _same(line: str, candidate: str) -> bool:
    """Equal, or equal once bracketed inline marks are removed ('History[edit]')."""
    return line == candidate or _BRACKET_MARK.sub("", line) == candidate


@dataclass(frozen=True)
class Scores:
    junk: int
    junk_removed: int
    kept: int
    content_kept: int
    content_tokens: int
    content_tokens_kept: int

    def __add__(self, other: Scores) -> Scores:
        return Scores(
            *(
                a + b
                for a, b in zip(vars(self).values(), vars(other).values(), strict=True)
            )
        )

    @property
    def junk_line_recall(self) -> float:
        return self.junk_removed / self.junk if self.junk else 1.0

    @property
    def content_line_precision(self) -> float:
        return self.content_kept / self.kept if self.kept else 1.0

    @property
    def content_token_recall(self) -> float:
        return (
            self.content_tokens_kept / self.content_tokens
            if self.content_tokens
            else 1.0
        )


def score(doc: Labelled, pipeline: Pipeline) -> Scores:
    output = pipeline.clean(doc.text).split("\n")
    kept = kept_lines(doc.lines, [line for line in output])
    pairs = [
        (label, k, line)
        for label, k, line in zip(doc.labels, kept, doc.lines, strict=True)
        if label
    ]
    return Scores(
        junk=sum(label == "J" for label, _, _ in pairs),
        junk_removed=sum(label == "J" and not k for label, k, _ in pairs),
        kept=sum(k for _, k, _ in pairs),
        content_kept=sum(label == "K" and k for label, k, _ in pairs),
        content_tokens=sum(
            len(line.split()) for label, _, line in pairs if label == "K"
        ),
        content_tokens_kept=sum(
            len(line.split()) for label, k, line in pairs if label == "K" and k
        ),
    )


def junk_pipeline() -> Pipeline:
    """The junk cleaners of the default pipeline, in its order."""
    return Pipeline([DropBoilerplate(), DropDuplicates()])


def evaluate(group: str) -> tuple[dict[str, Scores], Scores]:
    pipeline = junk_pipeline()
    per_doc = {
        path.stem: score(load_annotated(path), pipeline)
        for path in sorted((EVAL_DIR / group).glob("*.ann"))
    }
    total = sum(per_doc.values(), Scores(0, 0, 0, 0, 0, 0))
    return per_doc, total


def report(group: str, per_doc: dict[str, Scores], total: Scores) -> str:
    rows = [
        f"| {name} | {s.junk_line_recall:.3f} | {s.content_line_precision:.3f} | "
        f"{s.content_token_recall:.3f} | {s.junk} | {s.kept} |"
        for name, s in [*per_doc.items(), (f"**all {group}**", total)]
    ]
    header = (
        "| document | junk-line recall | content-line precision | "
        "content-token recall | junk lines | kept lines |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: |"
    )
    return "\n".join([header, *rows])


def below_floors(group: str, total: Scores) -> list[str]:
    """Floors from `junk_eval/floors.toml` that `total` does not reach."""
    metrics = load_toml(FLOORS).get(group, {})
    return unmet_floors(FLOORS, group, {m: getattr(total, m) for m in metrics})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 below the floors")
    args = parser.parse_args()
    failures = []
    for group in GROUPS:
        per_doc, total = evaluate(group)
        print(f"\n## {group}\n\n{report(group, per_doc, total)}")
        failures += below_floors(group, total)
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if args.check and failures else 0


if __name__ == "__main__":
    sys.exit(main())
