"""Clean text in, the same text out: what the default pipeline does to text that
needs no cleaning.

    python -m benchmarks.accuracy.evaluate_clean_text [--data DIR] [--sample N]
        [--split dev|train] [--examples N] [--write]

The texts: the gold main texts of the webtrain dev split (published article text of
sites the line model never saw) and the project's own clean texts
(`benchmarks/data/clean_texts.py`: English, and ten other languages).
English and other languages are reported apart; a webtrain text's language is the
one the pipeline identifies. For each cleaner of the default pipeline, run in order:

- retention: the share of the text's lower-cased `\\w+` tokens (as a multiset) that
  the cleaner keeps (in the text, or in the metadata where bylines and datelines
  go), pooled over the texts, and the mean over texts;
- losing: the share of texts that lose more than 1% of their tokens;
- rewrites: the edits of the cleaners that rewrite rather than drop, per 1,000
  words of input (on truly clean text every one is a mistake; the gold texts
  hold some real typos and spacing errors, so this is an upper bound).

The whole run exits 1 below the floors of `clean_eval/floors.toml`;
tests/benchmarks/test_clean_eval.py checks the own texts' floors everywhere, and
those of a fixed sample (`--sample 15`) where the webtrain data is.
`--examples N` prints the first N rewrites and the texts that lose most (to the
terminal only: the webtrain pages are third-party data); `--write` writes
`clean_eval/RESULTS.md` (numbers only).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.accuracy.floors import unmet_floors
from benchmarks.data import webtrain
from benchmarks.data.clean_texts import own_texts
from cleantext import Document, default_pipeline

ROOT = Path(__file__).resolve().parent
FLOORS = ROOT / "clean_eval" / "floors.toml"
RESULTS = ROOT / "clean_eval" / "RESULTS.md"
# Cleaners that remove junk: they may drop words, and are judged by retention.
DROPPING = {"DropBoilerplate", "DropDuplicates", "DropRepeatedLines"}
LOSING = 0.99


def webtrain_texts(
    data: Path, per_source: int | None = None, split: str = "dev"
) -> Iterator[tuple[str, None, str]]:
    """(key, None: the language is to be identified, gold text) for the webtrain
    pages of `split`; the first `per_source` of each source when given (a fixed
    sample)."""
    taken: Counter[str] = Counter()
    for page in webtrain.pages(split, path=data):
        if per_source is None or taken[page.dataset] < per_source:
            taken[page.dataset] += 1
            yield page.key, None, page.gold


@dataclass
class Step:
    """What one cleaner did to one text: tokens in and kept, rewriting edits."""

    tokens_in: int
    tokens_kept: int
    rewrites: list[tuple[str, str, str]] = field(default_factory=list)


def trace(text: str) -> tuple[str, list[tuple[str, Step]]]:
    """Run the default pipeline's cleaners one at a time on `text`, explaining:
    the language the pipeline identified, and what each cleaner did (the last
    step, "pipeline", is all of them)."""
    doc = Document(text, explain=True)
    given = Counter(webtrain.tokens(text))
    steps = []
    for cleaner in default_pipeline().cleaners:
        before = Counter(webtrain.tokens(doc.text))
        edits_before = len(doc.edits)
        doc = cleaner(doc)
        after = _kept_tokens(doc)
        rewrites = [
            (edit.rule, edit.before, edit.after)
            for edit in doc.edits[edits_before:]
            if cleaner.name not in DROPPING and edit.action not in ("suggest", "note")
        ]
        kept = sum((before & after).values())
        steps.append((cleaner.name, Step(sum(before.values()), kept, rewrites)))
    kept = sum((given & _kept_tokens(doc)).values())
    every = [rewrite for _, step in steps for rewrite in step.rewrites]
    whole = ("pipeline", Step(sum(given.values()), kept, every))
    return doc.metadata.get("language", "und"), [*steps, whole]


def _kept_tokens(doc: Document) -> Counter[str]:
    """The tokens of the text and of the metadata the cleaners took out of it
    (a byline or a dateline moved to metadata is kept, not lost)."""
    moved = " ".join(
        str(value)
        for key, value in doc.metadata.items()
        if not key.startswith("language")
    )
    return Counter(webtrain.tokens(doc.text + "\n" + moved))


def _trace_one(item: tuple[str, str | None, str]) -> tuple[str, str, list]:
    """`trace` one (name, language, text): a text of unknown language (None) is
    grouped by the language the pipeline identified."""
    name, language, text = item
    identified, steps = trace(text)
    return name, language or identified, steps


@dataclass
class Tally:
    """One cleaner (or the whole pipeline) over a group of texts."""

    texts: int = 0
    tokens_in: int = 0
    tokens_kept: int = 0
    share_sum: float = 0.0
    losing: int = 0
    rewrites: int = 0

    def add(self, tokens_in: int, tokens_kept: int, rewrites: int) -> None:
        share = tokens_kept / tokens_in if tokens_in else 1.0
        self.texts += 1
        self.tokens_in += tokens_in
        self.tokens_kept += tokens_kept
        self.share_sum += share
        self.losing += share < LOSING
        self.rewrites += rewrites

    def values(self) -> dict[str, float]:
        return {
            "texts": self.texts,
            "retention": self.tokens_kept / max(self.tokens_in, 1),
            "retention_mean": self.share_sum / max(self.texts, 1),
            "losing": self.losing / max(self.texts, 1),
            "rewrites_per_1000": 1000 * self.rewrites / max(self.tokens_in, 1),
        }


def tally(
    traced: list[tuple[str, str, list[tuple[str, Step]]]],
) -> dict[str, dict[str, Tally]]:
    """Group -> cleaner (and "pipeline") -> Tally. Groups: "english", "other"."""
    groups: dict[str, dict[str, Tally]] = {}
    for _, language, steps in traced:
        group = groups.setdefault("english" if language == "en" else "other", {})
        for name, step in steps:
            group.setdefault(name, Tally()).add(
                step.tokens_in, step.tokens_kept, len(step.rewrites)
            )
    return groups


def evaluate(
    items: list[tuple[str, str, str]], jobs: int = 1
) -> list[tuple[str, str, list[tuple[str, Step]]]]:
    """Trace every text, in `jobs` processes."""
    if jobs == 1:
        return [_trace_one(item) for item in items]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(_trace_one, items, chunksize=8)


def table(groups: dict[str, dict[str, Tally]]) -> str:
    """The results as Markdown: one table per group, a row per cleaner."""
    out = []
    for group, cleaners in groups.items():
        texts = cleaners["pipeline"].texts
        out.append(f"\n**{group}** ({texts} texts)\n")
        out.append(
            "| cleaner | retention | mean retention | texts losing >1% | "
            "rewrites / 1,000 words |"
        )
        out.append("| --- | ---: | ---: | ---: | ---: |")
        for name, counts in cleaners.items():
            v = counts.values()
            out.append(
                f"| {name} | {v['retention']:.4f} | {v['retention_mean']:.4f} | "
                f"{v['losing']:.1%} | {v['rewrites_per_1000']:.2f} |"
            )
    return "\n".join(out)


def below_floors(
    groups: dict[str, dict[str, Tally]], prefix: str, path: Path = FLOORS
) -> list[str]:
    """The floors of `[<prefix>-<group>]` tables the pipeline's numbers miss."""
    failures = []
    for group, cleaners in groups.items():
        values = cleaners["pipeline"].values()
        failures += unmet_floors(path, f"{prefix}-{group}", values)
    return failures


def examples(traced, count: int) -> str:
    """The first `count` rewrites and the `count` texts that lose most."""
    lines = ["rewrites:"]
    for name, _, steps in traced:
        for cleaner, step in steps[:-1]:
            for rule, before, after in step.rewrites:
                if len(lines) > count:
                    break
                lines.append(f"  {name} {cleaner}/{rule}: {before!r} -> {after!r}")
    losses = sorted(
        (
            (step.tokens_kept / step.tokens_in, name, cleaner)
            for name, _, steps in traced
            for cleaner, step in steps
            if cleaner != "pipeline" and step.tokens_kept < step.tokens_in
        ),
    )[:count]
    lines.append("losses:")
    lines += [f"  {share:.3f} {name} {cleaner}" for share, name, cleaner in losses]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=webtrain.data_dir())
    parser.add_argument("--examples", type=int, default=0)
    parser.add_argument(
        "--sample", type=int, metavar="N", help="the first N dev pages per source"
    )
    parser.add_argument(
        "--split",
        choices=("dev", "train"),
        default="dev",
        help="the webtrain split: dev reports, train is for tuning rules on",
    )
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    if args.write and args.split != "dev":
        parser.error("--write records the dev split only")
    failures = []
    report = []
    sets = {"own": list(own_texts())}
    if webtrain.available(args.data):
        name = f"webtrain-{args.split}" if args.sample is None else "webtrain-sample"
        sets[name] = list(webtrain_texts(args.data, args.sample, args.split))
    for name, items in sets.items():
        traced = evaluate(items, args.jobs)
        groups = tally(traced)
        report.append(f"\n### {name}\n{table(groups)}")
        failures += below_floors(groups, name)
        if args.examples:
            print(examples(traced, args.examples))
    text = "\n".join(report)
    print(text)
    if args.write:
        RESULTS.write_text(_RESULTS_HEAD + text + "\n", "utf-8")
    for failure in failures:
        print("BELOW FLOOR:", failure, file=sys.stderr)
    sys.exit(1 if failures else 0)


_RESULTS_HEAD = """# Clean text through the default pipeline

Written by `python -m benchmarks.accuracy.evaluate_clean_text --write`. Retention is
the share of a text's words the cleaner keeps; rewrites are edits per 1,000 words
by the cleaners that rewrite: on text that needs no cleaning each is a mistake,
though the webtrain gold texts hold some real errors (README, "Languages and
clean text").
"""


if __name__ == "__main__":
    main()
