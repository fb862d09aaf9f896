"""Site repeats on the webtrain pages: DropRepeatedLines with a table counted over
the pages of each site, against the default pipeline alone.

    python -m benchmarks.accuracy.evaluate_repeats [--data DIR] [--grid] [--write]

Pages are grouped by the registrable domain of their URL (`cleantext.corpus`);
sites with two or more pages are the site corpora. For each rendering (the plain
scrape and the Markdown) and each site, a `RepeatTable` is counted over the
site's pages as they come (what `cleantext clean --repeats auto` does), then each
page is cleaned three ways: the default pipeline, repeats alone (DropRepeatedLines
on the text as it is, after FixUnicode and NormalizeWhitespace), and both
(DropRepeatedLines after DropDuplicates in the default pipeline). Reported per
split, per site and by site size: mean word precision, recall and F1 against
gold, the share of boilerplate tokens removed and of content tokens lost (token
multisets: a token of the input is content while the gold text has it).

`--grid` chooses `min_documents` and `min_share` on the train split's sites
(without the pipeline's last four cleaners, which hardly change the words); the
dev split's sites are the report. The data is third-party and is read from a
path (PROVENANCE.md); nothing of it is written into the repository but scores.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.data import webtrain
from cleantext import (
    Document,
    DropRepeatedLines,
    Pipeline,
    RepeatTable,
    default_pipeline,
)
from cleantext.corpus import site_of

ROOT = Path(__file__).resolve().parent
RESULTS = ROOT / "repeats_eval" / "RESULTS.md"
SIZES = ((2, 4), (5, 9), (10, 19), (20, 10**9))
GRID_DOCUMENTS = (4, 3, 2)  # the safer first: a tie goes to the first
GRID_SHARES = (0.3, 0.5, 0.7, 0.9)
# The most content a setting may lose beyond what the default pipeline loses: a
# fifth of the 0.5% ceiling, because precision comes first.
GRID_MAX_LOST = 0.001
SETTINGS = ("default", "repeats alone", "both")
_PREPARE = 2  # FixUnicode, NormalizeWhitespace: what repeats alone run after
_HEAD = 4  # and DropBoilerplate, DropDuplicates: the junk stage


@dataclass(frozen=True)
class Site:
    """The pages of one site in one split."""

    name: str
    split: str
    pages: tuple[webtrain.Page, ...]


def sites(path: Path) -> list[Site]:
    """Every site with two or more pages, in a fixed order."""
    grouped: dict[tuple[str, str], list[webtrain.Page]] = defaultdict(list)
    for page in webtrain.pages(path=path):
        name = site_of(page.url) if page.url else None
        if name:
            grouped[(page.split, name)].append(page)
    return [
        Site(name, split, tuple(found))
        for (split, name), found in sorted(grouped.items())
        if len(found) >= 2
    ]


@dataclass
class Tally:
    """Sums over pages of one setting: scores and token counts."""

    pages: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    content_in: int = 0
    content_out: int = 0
    junk_in: int = 0
    junk_out: int = 0

    def add(self, text: str, kept: str, gold: str) -> None:
        p, r, f = webtrain.word_scores(kept, gold)
        self.pages += 1
        self.precision, self.recall, self.f1 = (
            self.precision + p,
            self.recall + r,
            self.f1 + f,
        )
        gold_tokens = Counter(webtrain.tokens(gold))
        before, after = Counter(webtrain.tokens(text)), Counter(webtrain.tokens(kept))
        content_before = sum((before & gold_tokens).values())
        content_after = sum((after & gold_tokens).values())
        self.content_in += content_before
        self.content_out += content_after
        self.junk_in += before.total() - content_before
        self.junk_out += after.total() - content_after

    def merge(self, other: Tally) -> None:
        for name in vars(self):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def removed(self) -> float:
        """The share of boilerplate tokens removed."""
        return 1 - self.junk_out / self.junk_in if self.junk_in else 0.0

    @property
    def lost(self) -> float:
        """The share of content tokens lost."""
        return 1 - self.content_out / self.content_in if self.content_in else 0.0

    def row(self) -> list[str]:
        n = self.pages or 1
        return [
            f"{self.precision / n:.3f}",
            f"{self.recall / n:.3f}",
            f"{self.f1 / n:.3f}",
            f"{self.removed:.3f}",
            f"{self.lost:.4f}",
        ]


def evaluate_site(
    site: Site, option_sets: list[dict], full: bool = True
) -> list[dict[tuple[str, str], Tally]]:
    """For each set of DropRepeatedLines options: (rendering, setting) -> the
    tally of this site's pages. The default pipeline's first four cleaners run
    once per page; with `full`, its last four run after them."""
    default = default_pipeline().cleaners
    prepare = Pipeline(default[:_PREPARE], max_chars=None)
    junk = Pipeline(default[_PREPARE:_HEAD], max_chars=None)
    tail = Pipeline(default[_HEAD:] if full else [], max_chars=None)
    tallies = [defaultdict(Tally) for _ in option_sets]
    for rendering in webtrain.RENDERINGS:
        texts = [page.rendering(rendering) for page in site.pages]
        table = RepeatTable()
        for text in texts:
            table.add(text, site.name)
        for page, text in zip(site.pages, texts, strict=True):
            metadata = {"url": page.url}
            prepared = prepare.run(Document(text)).text
            judged = junk.run(Document(prepared, metadata=dict(metadata))).text
            cleaned = tail.run(Document(judged, metadata=dict(metadata))).text
            for options, tally in zip(option_sets, tallies, strict=True):
                repeats = DropRepeatedLines.with_table(table, **options)
                alone = repeats(Document(prepared, metadata=dict(metadata))).text
                both = repeats(Document(judged, metadata=dict(metadata))).text
                both = tail.run(Document(both, metadata=dict(metadata))).text
                for setting, kept in zip(SETTINGS, (cleaned, alone, both), strict=True):
                    tally[(rendering, setting)].add(text, kept, page.gold)
    return [dict(t) for t in tallies]


def _evaluate(job: tuple[Site, list[dict], bool]) -> list[dict]:
    return evaluate_site(*job)


def run_all(
    chosen: list[Site], option_sets: list[dict], full: bool, jobs: int
) -> list[list[dict[tuple[str, str], Tally]]]:
    """Per site, per option set, its tallies."""
    work = [(site, option_sets, full) for site in chosen]
    if jobs <= 1:
        return list(map(_evaluate, work))
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        return pool.map(_evaluate, work, chunksize=1)


def summed(results: Iterable[dict[tuple[str, str], Tally]]) -> dict:
    total: dict[tuple[str, str], Tally] = defaultdict(Tally)
    for result in results:
        for key, tally in result.items():
            total[key].merge(tally)
    return total


def grid(train: list[Site], jobs: int, say: Callable[[str], None]) -> dict:
    """The (min_documents, min_share) with the best mean F1 gain over both
    renderings on the train sites of 5+ pages, losing at most `GRID_MAX_LOST`
    of the content tokens beyond what the default pipeline loses."""
    big = [site for site in train if len(site.pages) >= 5]
    option_sets = [
        {"min_documents": d, "min_share": s}
        for d in GRID_DOCUMENTS
        for s in GRID_SHARES
    ]
    per_site = run_all(big, option_sets, False, jobs)
    best, best_gain = {}, -1.0
    for k, options in enumerate(option_sets):
        total = summed(result[k] for result in per_site)
        pages = total[(webtrain.RENDERINGS[0], "both")].pages or 1
        gain = sum(
            total[(r, "both")].f1 - total[(r, "default")].f1
            for r in webtrain.RENDERINGS
        ) / (2 * pages)
        lost = max(
            total[(r, "both")].lost - total[(r, "default")].lost
            for r in webtrain.RENDERINGS
        )
        say(f"{options}: F1 {gain:+.4f}, content lost beyond the default {lost:.4f}")
        if lost <= GRID_MAX_LOST and gain > best_gain:
            best, best_gain = options, gain
    return best


def report(results: list[dict], chosen: list[Site], options: dict) -> str:
    lines = [
        "# Site repeats on the webtrain site corpora",
        "",
        "Written by `python -m benchmarks.accuracy.evaluate_repeats --write`; "
        "scores only, no",
        "text of the third-party pages. DropRepeatedLines' options: "
        + ", ".join(f"{k}={v}" for k, v in sorted(_effective(options).items()))
        + ".",
        "",
        "Columns: mean word precision, recall and F1 against gold; share of",
        "boilerplate tokens removed; share of content tokens lost.",
        "",
    ]
    header = (
        "| sites | pages | rendering | setting | P | R | F1 | junk removed "
        "| content lost |"
    )
    rule = "| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"
    for split in ("train", "dev"):
        lines += [f"## {split} split", "", header, rule]
        for label, low, high in (
            ("5+ pages", 5, 10**9),
            *(
                (f"{a}-{b} pages" if b < 10**9 else f"{a}+ pages", a, b)
                for a, b in SIZES
            ),
            ("all (2+ pages)", 2, 10**9),
        ):
            picked = [
                r
                for r, s in zip(results, chosen, strict=True)
                if s.split == split and low <= len(s.pages) <= high
            ]
            if not picked:
                continue
            total = summed(picked)
            pages = total[(webtrain.RENDERINGS[0], "default")].pages
            for rendering in webtrain.RENDERINGS:
                for setting in SETTINGS:
                    row = total[(rendering, setting)].row()
                    lines.append(
                        f"| {label} ({len(picked)}) | {pages} | {rendering} | "
                        f"{setting} | " + " | ".join(row) + " |"
                    )
        lines += ["", f"### {split}: sites of 5+ pages, F1 (naive / markdown)", ""]
        lines += ["| site | pages | default | both | content lost beyond default |"]
        lines += ["| --- | ---: | --- | --- | --- |"]
        for result, site in zip(results, chosen, strict=True):
            if site.split != split or len(site.pages) < 5:
                continue
            f1 = {key: result[key].row()[2] for key in result}
            lost = [
                f"{result[(r, 'both')].lost - result[(r, 'default')].lost:.4f}"
                for r in webtrain.RENDERINGS
            ]
            lines.append(
                f"| {site.name} | {len(site.pages)} | "
                f"{f1[('naive', 'default')]} / {f1[('markdown', 'default')]} | "
                f"{f1[('naive', 'both')]} / {f1[('markdown', 'both')]} | "
                f"{lost[0]} / {lost[1]} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def _effective(options: dict) -> dict:
    """The options a report's DropRepeatedLines ran with, defaults included."""
    cleaner = DropRepeatedLines(**options)
    return {
        k: getattr(cleaner, k) for k in ("min_documents", "min_share", "body_share")
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=webtrain.data_dir())
    parser.add_argument("--grid", action="store_true", help="choose options on train")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS}")
    args = parser.parse_args(argv)
    if not webtrain.available(args.data):
        print(f"no webtrain data at {args.data}", file=sys.stderr)
        return 2
    everything = sites(args.data)
    options: dict = {}
    if args.grid:
        options = grid([s for s in everything if s.split == "train"], args.jobs, print)
        print(f"chosen on train: {options}")
    results = [result[0] for result in run_all(everything, [options], True, args.jobs)]
    text = report(results, everything, options)
    print(text)
    if args.write:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
