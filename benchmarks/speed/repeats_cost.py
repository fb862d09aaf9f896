"""What counting and dropping site repeats cost: speed against the bare regex
word scan in one interleaved run, and memory as the corpus grows.

    python -m benchmarks.speed.repeats_cost [--megabytes 3] [--documents 1000000]

(`--megabytes 0` or `--documents 0` leaves that part out.)

Speed: the benchmark corpus (`benchmarks/data/corpus.py`) spread over 10 sites, each
page given its site's menu and footer (ten lines of the site's own); the steps
take turns over it (`throughput.interleaved_seconds`): the floor, counting the
pages into a `RepeatTable` (what `cleantext repeats count` does per document),
and DropRepeatedLines alone with that table.

Memory: `--documents` short generated pages over `--sites` sites (each its
site's ten chrome lines and five lines of its own) counted into one table at the
default capacity; the process's resident memory after each tenth of the corpus,
so that flat memory shows as a flat column.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import time

from benchmarks.data.corpus import sample
from benchmarks.speed.timing import (
    Step,
    floor_ratio,
    floor_step,
    interleaved_seconds,
    peak_rss_megabytes,
)
from cleantext import Document, DropRepeatedLines, RepeatTable

_WORDS = ("river", "stone", "market", "winter", "garden", "signal", "harbour")
_WORDS += ("letter", "orchard", "engine", "meadow", "lantern", "copper", "valley")


SPEED_SITES = 10


def site_chrome(site: int) -> list[str]:
    """The ten lines a site prints on every page: menu entries and a footer."""
    rng = random.Random(site)
    menu = [f"* {rng.choice(_WORDS).title()} {rng.choice(_WORDS)}" for _ in range(7)]
    return [
        *menu,
        f"Sign in to site{site} | Register",
        f"Subscribe to the {rng.choice(_WORDS)} newsletter of site{site}",
        f"© 2024 Site{site} Media Ltd. All rights reserved.",
    ]


def site_pages(docs: list[str], sites: int) -> list[tuple[str, str]]:
    """(group, text) of each corpus document, wrapped in its site's chrome."""
    pages = []
    for i, text in enumerate(docs):
        chrome = site_chrome(i % sites)
        page = "\n\n".join([*chrome[:8], text, *chrome[8:]])
        pages.append((f"site{i % sites}.example", page))
    return pages


def speed(megabytes: float, rounds: int) -> None:
    docs = sample(megabytes)
    pages = site_pages(docs, SPEED_SITES)
    texts = [text for _, text in pages]
    group_of = dict((text, group) for group, text in pages)
    table = RepeatTable()
    for group, text in pages:
        table.add(text, group)
    cleaner = DropRepeatedLines.with_table(table, group_by="site")
    counting = RepeatTable()

    def count(text: str) -> None:
        counting.add(text, group_of[text])

    def drop(text: str) -> None:
        cleaner(Document(text, metadata={"site": group_of[text]}))

    steps = [
        floor_step(),
        Step("counting (RepeatTable.add)", "cleaner", count),
        Step("DropRepeatedLines", "cleaner", drop),
    ]
    size = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    lines = sum(text.count("\n\n") + 1 for text in texts)
    seconds = interleaved_seconds(steps, texts, rounds)
    print(f"{len(texts):,} pages, {size:.1f} MB, {lines:,} blocks; {rounds} rounds")
    print("| step | MB/s | blocks/s | share of the floor |")
    print("| --- | ---: | ---: | ---: |")
    for step, timings in zip(steps, seconds, strict=True):
        median = statistics.median(timings)
        share = floor_ratio(timings, seconds[0])
        print(
            f"| {step.name} | {size / median:.2f} | {lines / median:,.0f} "
            f"| {share:.3f} |"
        )


def memory(documents: int, sites: int) -> None:
    rng = random.Random(7)
    table = RepeatTable()
    started = time.perf_counter()
    print(f"{documents:,} pages over {sites:,} sites, default capacity")
    print("| pages counted | entries | exact | resident MB | peak resident MB | s |")
    print("| ---: | ---: | --- | ---: | ---: | ---: |")
    chromes = [site_chrome(site) for site in range(sites)]
    for i in range(1, documents + 1):
        own = [
            " ".join(rng.choice(_WORDS) for _ in range(8)) + f" {i}-{k}."
            for k in range(5)
        ]
        chrome = chromes[i % sites]
        table.add("\n\n".join([*chrome[:8], *own, *chrome[8:]]), f"site{i % sites}")
        if i % (documents // 10) == 0:
            entries = table.entries
            print(
                f"| {i:,} | {entries:,} | {table.exact} | {_resident():.0f} "
                f"| {peak_rss_megabytes():.0f} | {time.perf_counter() - started:.0f} |",
                flush=True,
            )


def _resident() -> float:
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=3.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--sites", type=int, default=1_000)
    args = parser.parse_args()
    if args.megabytes:
        speed(args.megabytes, args.rounds)
    if args.documents:
        memory(args.documents, args.sites)


if __name__ == "__main__":
    main()
