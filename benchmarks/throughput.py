"""Time each cleaner and the default pipeline on a deterministic corpus.

Two corpora of `--megabytes` each: the five seeds as scraped (no encoding damage),
and damaged copies of them (mojibake, entities, no-break and zero-width spaces, CRLF
line endings, blank-line runs) where every cleaner has work to do.
Each step runs single-process over a whole corpus `--runs` times after one warm-up;
the median is reported as MB/s (UTF-8 bytes in) and docs/s, next to a bare `regex`
word scan, the practical floor of any Python pass over the text. Compare ratios from
one run: the machines are shared and absolute numbers drift.

    python benchmarks/throughput.py [--megabytes 10] [--runs 5] [--write]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import regex

from cleantext import Pipeline

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
_WORD = regex.compile(r"\w+")


def dirty(text: str, rng: random.Random) -> str:
    """A copy of `text` with the damage the default pipeline repairs."""
    mojibake = {"’": "â€™", "—": "â€”", "é": "Ã©", "“": "â€œ", "”": "â€\x9d"}
    out = []
    for line in text.split("\n"):
        roll = rng.random()
        if roll < 0.2:
            line = "".join(mojibake.get(ch, ch) for ch in line)
        elif roll < 0.3:
            line = line.replace(" & ", " &amp; ").replace(", ", ",\u00a0", 2)
        elif roll < 0.4:
            line = line.replace(" ", " \u200b", 1) + "   "
        out.append(line)
    separator = "\r\n" if rng.random() < 0.5 else "\n\n\n"
    return separator.join(out)


def build_corpus(megabytes: float, damaged: bool) -> list[str]:
    """Seeds repeated to `megabytes`, each copy damaged differently when asked."""
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    rng = random.Random(20261122)
    docs: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        for seed in seeds:
            doc = dirty(seed, rng) if damaged else seed
            docs.append(doc)
            size += len(doc.encode("utf-8"))
    return docs


def time_step(step: Callable[[str], object], docs: list[str], runs: int) -> float:
    for doc in docs[:50]:  # warm-up: imports, regex caches, ftfy tables
        step(doc)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        for doc in docs:
            step(doc)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help=f"write {RESULTS.name}")
    args = parser.parse_args()

    steps: dict[str, Callable[[str], object]] = {
        "regex word scan (floor)": _WORD.findall,
        **{
            cleaner.name: Pipeline([cleaner]).clean
            for cleaner in Pipeline.default().cleaners
        },
        "default pipeline": Pipeline.default().clean,
        "default pipeline, explain=True": Pipeline.default(explain=True).clean,
    }
    corpora = {
        "as scraped": build_corpus(args.megabytes, damaged=False),
        "damaged": build_corpus(args.megabytes, damaged=True),
    }
    rates: dict[str, dict[str, tuple[float, float]]] = {name: {} for name in steps}
    for corpus_name, docs in corpora.items():
        megabytes = sum(len(d.encode("utf-8")) for d in docs) / 1_000_000
        for name, step in steps.items():
            seconds = time_step(step, docs, args.runs)
            rates[name][corpus_name] = (megabytes / seconds, len(docs) / seconds)
            mbs, dps = rates[name][corpus_name]
            print(f"{corpus_name:10} {name:32} {mbs:7.2f} MB/s {dps:8.0f} docs/s")

    sizes = ", ".join(
        f"{name}: {len(docs)} docs, "
        f"{sum(len(d.encode('utf-8')) for d in docs) / 1e6:.1f} MB"
        for name, docs in corpora.items()
    )
    table = [
        f"Corpora ({sizes}); single process, median of {args.runs} runs after a "
        "warm-up. MB/s counts UTF-8 input bytes.",
        "",
        "| step | " + " | ".join(f"{c} MB/s | {c} docs/s" for c in corpora) + " |",
        "| --- |" + " ---: | ---: |" * len(corpora),
        *(
            f"| {name} | "
            + " | ".join(f"{r[c][0]:.2f} | {r[c][1]:.0f}" for c in corpora)
            + " |"
            for name, r in rates.items()
        ),
    ]
    if args.write:
        RESULTS.write_text("# Throughput\n\n" + "\n".join(table) + "\n", "utf-8")
        print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
